import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { companyProfile } from "~/models/company.server";
import { accountDelivery, accountSshKeys, answerDelivery } from "~/models/customer-account.server";
import { presentCompany } from "~/presenters/company";
import { customerCutover, customerCutoverAction, isCutoverIntent } from "~/services/cutover.server";
import { notifyDeliveryAnswer } from "~/services/notifications.server";
import { translatorFor } from "~/services/quote.server";
import { requireCustomerAccount } from "~/utils/customer-auth.server";

const PRIVATE = { "Cache-Control": "private, no-store" };
const notFound = () => data(null, { status: 404, headers: PRIVATE });

/** The hand-over page: delivered servers, their tests, how to log in, who to call. Only the account's own. */
export async function handoverPage(request: Request, quoteId: string) {
  const account = await requireCustomerAccount(request);
  if (!z.uuid().safeParse(quoteId).success) throw notFound();
  const db = getDb();
  const locale = await i18next.getLocale(request);
  const [delivery, keys, t, company] = await Promise.all([
    accountDelivery(db, account, quoteId),
    accountSshKeys(db, account),
    translatorFor(locale),
    companyProfile(db),
  ]);
  if (!delivery) throw notFound();
  const cutover = await customerCutover(db, quoteId, t, locale);
  const h = (key: string, values?: Record<string, unknown>) => t(`account.handover.${key}`, values ?? {});
  const identity = presentCompany(company, t, locale);
  const handedOver = delivery.status === "done";
  return data(
    {
      handedOver,
      cutover,
      title: h("title", { reference: quoteId.slice(0, 8).toUpperCase() }),
      status: handedOver ? h("done") : delivery.servers.length ? h("reopened") : h("notYet"),
      servers: (handedOver ? delivery.servers : []).map((s) => ({
        key: s.serverKey,
        title: h("server", { hostname: s.hostname, dataCentre: s.dataCentre }),
        addresses: h("addresses", { list: s.ipAddresses.join(", ") }),
        access: s.ipAddresses[0] ? h("access", { ip: s.ipAddresses[0] }) : null,
        installed: s.installedKeys.length
          ? h("installedKeys", {
              count: s.installedKeys.length,
              list: s.installedKeys
                .map((k) => `${k.type} ${k.fingerprint}${k.comment ? ` (${k.comment})` : ""}`)
                .join(", "),
            })
          : h("noInstalledKeys"),
        verdict: s.passed ? h("passed") : h("failed"),
        results: (s.results ?? []).map((r) => ({
          key: r.key,
          item: h(`items.${r.key}`),
          expected: r.expected,
          measured: r.measured,
          pass: r.pass,
        })),
      })),
      keys: keys.length ? null : h("noKeys"),
      labels: {
        item: h("item"),
        expected: h("expected"),
        measured: h("measured"),
        support: h("support"),
        signOff: h("signOff"),
        problemLabel: h("problemLabel"),
        problem: h("problem"),
      },
      support: [identity.supportHours, identity.outages, `${identity.phone} · ${identity.email}`].filter(
        (l): l is string => Boolean(l),
      ),
    },
    { headers: PRIVATE },
  );
}

const answerSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("signOff") }),
  z.object({ intent: z.literal("problem"), body: z.string().trim().min(5).max(4000) }),
]);

export async function handoverAction(request: Request, quoteId: string) {
  const account = await requireCustomerAccount(request);
  if (!z.uuid().safeParse(quoteId).success) throw notFound();
  const t = await translatorFor(await i18next.getLocale(request));
  const form = Object.fromEntries(await request.formData());
  if (isCutoverIntent(form.intent)) {
    // Moving day: the account's own quote only (the same check as the page's).
    if (!(await accountDelivery(getDb(), account, quoteId))) throw notFound();
    const { status, ...cutover } = await customerCutoverAction(getDb(), quoteId, form, t);
    return data({ ok: null, errors: [], cutover }, { status, headers: PRIVATE });
  }
  const parsed = answerSchema.safeParse(form);
  if (!parsed.success)
    return data(
      { ok: null, errors: [{ path: "body", message: t("validation.minLength", { min: 5 }) }] },
      { status: 400, headers: PRIVATE },
    );
  const answer =
    parsed.data.intent === "signOff"
      ? { kind: "sign_off" as const }
      : { kind: "problem" as const, body: parsed.data.body };
  const answered = await answerDelivery(getDb(), account, quoteId, answer, (tx, item) =>
    notifyDeliveryAnswer(tx, quoteId, answer, item.assigneeId),
  );
  if (!answered) throw notFound();
  return data(
    { ok: t(answer.kind === "sign_off" ? "account.handover.signedOff" : "account.handover.problemSent"), errors: [] },
    { headers: PRIVATE },
  );
}
