import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { parseSshKey } from "~/domain/ssh-key";
import {
  accountQuotes,
  accountSshKeys,
  addSshKey,
  quoteLinkForAccount,
  removeSshKey,
  revokeAllCustomerSessions,
} from "~/models/customer-account.server";
import { translatorFor } from "~/services/quote.server";
import { accountIncidents } from "~/models/incident.server";
import { accountNextMaintenance } from "~/models/maintenance.server";
import { presentCustomerIncidents } from "~/presenters/customer-incidents";
import { customerTimeZone } from "~/utils/time-zone.server";
import { endCustomerSession, requireCustomerAccount } from "~/utils/customer-auth.server";
import { formatDate, formatMoney } from "~/utils/format";

const PRIVATE = { "Cache-Control": "private, no-store" };

function maintenanceBadge(
  t: Awaited<ReturnType<typeof translatorFor>>,
  locale: string,
  timeZone: string,
  next: { startsAt: Date; state: string; needsAnswer: boolean } | undefined,
) {
  if (!next) return null;
  if (next.state !== "scheduled") return { text: t("maintenance.badgeNow"), warn: true };
  const date = formatDate(next.startsAt, locale, "medium", true, timeZone);
  return {
    text: t(next.needsAnswer ? "maintenance.badgeAnswer" : "maintenance.badge", { date }),
    warn: next.needsAnswer,
  };
}

/** The account page, worded on the server (its texts never reach other pages' bundles). */
export async function accountPage(request: Request) {
  const account = await requireCustomerAccount(request);
  const locale = await i18next.getLocale(request);
  const [t, rows, keys, incidents, maintenance] = await Promise.all([
    translatorFor(locale),
    accountQuotes(getDb(), account),
    accountSshKeys(getDb(), account),
    accountIncidents(getDb(), account),
    accountNextMaintenance(getDb(), account),
  ]);
  const zone = customerTimeZone(request);
  const reference = (id: string) => id.slice(0, 8).toUpperCase();
  return data(
    {
      texts: {
        title: t("account.title"),
        signedInAs: t("account.signedInAs", { email: account.email }),
        signOut: t("account.signOut"),
        servicesTitle: t("account.servicesTitle"),
        servicesNone: t("account.servicesNone"),
        billing: t("account.billing.link"),
        quotesTitle: t("account.quotesTitle"),
        quotesNone: t("account.quotesNone"),
        reference: t("account.reference"),
        open: t("account.open", { reference: "" }).trim(),
        linksKeepWorking: t("account.quoteLinksKeepWorking"),
        keysTitle: t("account.keysTitle"),
        keysLead: t("account.keysLead"),
        keysNone: t("account.keysNone"),
        keyLabel: t("account.keyLabel"),
        keyAdd: t("account.keyAdd"),
        incidentsTitle: t("incidents.title"),
        incidentsNone: t("incidents.none"),
      },
      timeZone: zone,
      // Live status of the account's incidents (public updates only), in the customer's time zone.
      incidents: presentCustomerIncidents(incidents, t, locale, customerTimeZone(request)),
      keys: keys.map((k) => ({
        id: k.id,
        fingerprint: k.fingerprint,
        comment: k.comment,
        line: t("account.keyLine", { type: k.type, bits: k.bits, date: formatDate(k.createdAt, locale) }),
        remove: t("account.keyRemove", { fingerprint: k.fingerprint }),
      })),
      services: rows
        .filter((r) => r.paidAt && r.acceptedTier)
        .map((r) => ({
          id: r.id,
          reference: `${t("account.reference")} ${reference(r.id)}`,
          title: t("account.service", {
            tier: t(`quote.tiers.${r.acceptedTier}`),
            amount: formatMoney(r.acceptedMonthlyMinor ?? 0, r.currency, locale),
            months: r.termMonths,
          }),
          paid: r.isUpgrade
            ? t("account.upgradeOrderedOn", { date: formatDate(r.paidAt!, locale) })
            : t("account.paidOn", { date: formatDate(r.paidAt!, locale) }),
          delivery: t(`account.delivery.${r.delivery ?? "none"}`),
          overdue: r.overdueSince ? t("account.billing.overdueBadge") : null,
          // The next maintenance on it, in the customer's zone; "please answer" while work that affects it awaits them.
          maintenance: maintenanceBadge(t, locale, zone, maintenance.get(r.id)),
          href: `/account/services/${r.id}`,
        })),
      quotes: rows.map((r) => ({
        id: r.id,
        reference: reference(r.id),
        created: `${t("account.created")}: ${formatDate(r.createdAt, locale)}`,
        // Once handed over the quote's own status ("your servers are being prepared") is out of date.
        status: r.delivery === "done" ? t("account.handedOverStatus") : t(`quote.status.${r.status}`),
        // An accepted quote costs what was accepted, not the cheapest tier's "from".
        price:
          r.acceptedMonthlyMinor !== null
            ? t("costTimeline.perMonth", { amount: formatMoney(r.acceptedMonthlyMinor, r.currency, locale) })
            : r.fromMonthlyMinor === null
              ? t("account.noPrice")
              : t("account.fromPrice", { amount: formatMoney(r.fromMonthlyMinor, r.currency, locale) }),
        openLabel: t("account.open", { reference: reference(r.id) }),
      })),
    },
    { headers: PRIVATE },
  );
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), quoteId: z.uuid() }),
  z.object({ intent: z.literal("addKey"), publicKey: z.string().max(20_000) }),
  z.object({ intent: z.literal("removeKey"), keyId: z.uuid() }),
  z.object({ intent: z.literal("signOut") }),
  z.object({ intent: z.literal("signOutEverywhere") }),
]);

/** Open a quote (a fresh private link to it, checked against the account in the query) or sign out. */
export async function accountAction(request: Request) {
  const account = await requireCustomerAccount(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data(
      { errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
      { status: 400, headers: PRIVATE },
    );
  if (parsed.data.intent === "signOut") return endCustomerSession(request);
  if (parsed.data.intent === "addKey" || parsed.data.intent === "removeKey") {
    const t = await translatorFor(await i18next.getLocale(request));
    if (parsed.data.intent === "removeKey") {
      const removed = await removeSshKey(getDb(), account, parsed.data.keyId);
      return removed
        ? data({ errors: [], ok: t("account.keyRemoved") }, { headers: PRIVATE })
        : data({ errors: [{ path: "keyId", message: "Not found." }] }, { status: 404, headers: PRIVATE });
    }
    const key = parseSshKey(parsed.data.publicKey);
    const problem = "problem" in key ? key.problem : await addSshKey(getDb(), account, key);
    if (problem)
      return data(
        { errors: [{ path: "publicKey", message: t(`account.keyProblems.${problem}`) }] },
        { status: problem === "duplicate" ? 409 : 400, headers: PRIVATE },
      );
    return data(
      { errors: [], ok: t("account.keyAdded", { fingerprint: (key as { fingerprint: string }).fingerprint }) },
      { headers: PRIVATE },
    );
  }
  if (parsed.data.intent === "signOutEverywhere") {
    await revokeAllCustomerSessions(getDb(), account.id);
    return endCustomerSession(request);
  }
  const token = await quoteLinkForAccount(getDb(), account, parsed.data.quoteId);
  if (!token) return data({ errors: [{ path: "quoteId", message: "Not found." }] }, { status: 404, headers: PRIVATE });
  return redirect(`/q/${token}`, { status: 303, headers: PRIVATE });
}
