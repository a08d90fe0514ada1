import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { isDomainError } from "~/domain/errors";
import type { Currency } from "~/domain/money";
import { i18next } from "~/i18next.server";
import { billingOverview, billingPortalUrl, cancelAtTermEnd } from "~/services/billing.server";
import { translatorFor } from "~/services/quote.server";
import { requireCustomerAccount } from "~/utils/customer-auth.server";
import { publicBaseUrl } from "~/utils/env.server";
import { formatDate, formatMoney } from "~/utils/format";

const PRIVATE = { "Cache-Control": "private, no-store" };

/** The account's billing page, worded on the server: each subscription's next charge, card and term, then every invoice. */
export async function billingPage(request: Request) {
  const account = await requireCustomerAccount(request);
  const locale = await i18next.getLocale(request);
  const [t, overview] = await Promise.all([translatorFor(locale), billingOverview(getDb(), account)]);
  const date = (d: Date) => formatDate(d, locale);
  const money = (minor: number, currency: string) => formatMoney(minor, currency.toUpperCase() as Currency, locale);
  const done = new URL(request.url).searchParams.get("done");
  /** How the service ends: ended, with the term, on a date the customer chose, or renewing after the term. */
  const termLine = (s: (typeof overview.subscriptions)[number]) => {
    if (s.endedAt) return t("account.billing.ended", { date: date(s.endedAt) });
    const withTerm = s.termEndsAt && (!s.endsAt || s.endsAt.getTime() === s.termEndsAt.getTime());
    if (withTerm && s.termOver && s.renewal === "renew" && !s.endsAt)
      return t("account.billing.renewing", { months: s.termMonths, date: date(s.termEndsAt!) });
    if (withTerm)
      return t(s.renewal === "renew" && !s.endsAt ? "account.billing.renews" : "account.billing.termEnds", {
        months: s.termMonths,
        date: date(s.termEndsAt!),
      });
    return s.endsAt ? t("account.billing.ends", { date: date(s.endsAt) }) : null;
  };
  return data(
    {
      texts: {
        title: t("account.billing.title"),
        none: t("account.billing.none"),
        changeCard: t("account.billing.changeCard"),
        cancel: t("account.billing.cancel"),
        invoicesTitle: t("account.billing.invoicesTitle"),
        invoicesNone: t("account.billing.invoicesNone"),
        number: t("account.billing.number"),
        date: t("account.billing.date"),
        amount: t("account.billing.amount"),
        status: t("account.billing.status"),
        document: t("account.billing.document"),
        back: t("account.billing.back"),
        done: done === "cancelled" ? t("account.billing.cancelled") : null,
      },
      subscriptions: overview.subscriptions.map((s) => ({
        id: s.id,
        title: t("account.billing.service", {
          tier: t(`quote.tiers.${s.tier}`),
          reference: s.quoteRequestId.slice(0, 8).toUpperCase(),
          amount: money(s.monthlyMinor, s.currency),
        }),
        lines: [
          s.waitingForHandOver
            ? t("account.billing.waiting")
            : s.nextCharge
              ? t("account.billing.next", {
                  amount: money(s.nextCharge.amountMinor, s.currency),
                  date: date(s.nextCharge.at),
                })
              : t("account.billing.noNext"),
          s.card
            ? t("account.billing.card", { brand: s.card.brand.toUpperCase(), last4: s.card.last4 })
            : t("account.billing.cardUnknown"),
          termLine(s),
        ].filter((line): line is string => Boolean(line)),
        overdue: s.overdueSince
          ? t(s.suspensionFlaggedAt ? "account.billing.overdueFinal" : "account.billing.overdue", {
              date: date(s.overdueSince),
            })
          : null,
        canCancel: s.canCancel,
        cancel: t(s.termOver ? "account.billing.cancelMonth" : "account.billing.cancel"),
        canChangeCard: s.status !== "canceled",
      })),
      invoices: overview.invoices.map((i) => ({
        id: i.id,
        number: i.number ?? i.id,
        date: date(i.createdAt),
        amount: money(i.amountDueMinor, i.currency),
        status: t(`account.billing.statuses.${i.status}`, { defaultValue: i.status }),
        retry:
          i.status === "open" && i.nextPaymentAttempt
            ? t("account.billing.retry", { date: date(i.nextPaymentAttempt) })
            : null,
        paid: i.status === "paid",
        // An unpaid invoice links to Stripe's page where it can be paid; a paid one to its PDF.
        href: i.status === "open" ? (i.hostedInvoiceUrl ?? i.invoicePdf) : (i.invoicePdf ?? i.hostedInvoiceUrl),
        view: t(i.status === "open" ? "account.billing.pay" : "account.billing.view", { number: i.number ?? i.id }),
      })),
    },
    { headers: PRIVATE },
  );
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("portal"), subscriptionId: z.uuid() }),
  z.object({ intent: z.literal("cancel"), subscriptionId: z.uuid() }),
]);

/** Change the card (Stripe's billing portal) or end a renewing subscription at the end of its term. */
export async function billingAction(request: Request) {
  const account = await requireCustomerAccount(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data(
      { errors: parsed.error.issues.map((i) => ({ path: i.path.join(".") || "intent", message: i.message })) },
      { status: 400, headers: PRIVATE },
    );
  const locale = await i18next.getLocale(request);
  try {
    if (parsed.data.intent === "portal") {
      const url = await billingPortalUrl(
        getDb(),
        account,
        parsed.data.subscriptionId,
        `${publicBaseUrl()}/account/billing`,
        locale,
      );
      return redirect(url, { status: 303, headers: PRIVATE });
    }
    await cancelAtTermEnd(getDb(), account, parsed.data.subscriptionId);
    return redirect("/account/billing?done=cancelled", { status: 303, headers: PRIVATE });
  } catch (error) {
    if (isDomainError(error, "not_found"))
      return data({ errors: [{ path: "subscriptionId", message: "Not found." }] }, { status: 404, headers: PRIVATE });
    if (isDomainError(error, "payments_unavailable") || (error as { type?: string }).type?.startsWith("Stripe")) {
      const t = await translatorFor(locale);
      return data(
        { errors: [{ path: "intent", message: t("account.billing.unavailable") }] },
        { status: 503, headers: PRIVATE },
      );
    }
    throw error;
  }
}
