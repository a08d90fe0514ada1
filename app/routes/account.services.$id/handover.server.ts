import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { companyProfile } from "~/models/company.server";
import { accountDelivery, accountSshKeys, answerDelivery } from "~/models/customer-account.server";
import { presentCompany } from "~/presenters/company";
import { customerCutover, customerCutoverAction, isCutoverIntent } from "~/services/cutover.server";
import { customerCapacity, customerCapacityAction, isCapacityIntent } from "~/services/capacity-review.server";
import { notifyDeliveryAnswer } from "~/services/notifications.server";
import { translatorFor } from "~/services/quote.server";
import { multiLine } from "~/domain/text";
import { accountIncidents } from "~/models/incident.server";
import { presentCustomerIncidents } from "~/presenters/customer-incidents";
import { reportIncidentAsCustomer } from "~/services/incidents.server";
import { customerAvailability } from "~/services/service-availability.server";
import { customerMaintenance, customerMaintenanceAction, isMaintenanceIntent } from "~/services/maintenance.server";
import { formatDate } from "~/utils/format";
import { customerTimeZone } from "~/utils/time-zone.server";
import { requireCustomerAccount } from "~/utils/customer-auth.server";

const PRIVATE = { "Cache-Control": "private, no-store" };
const notFound = () => data(null, { status: 404, headers: PRIVATE });

/** The hand-over page: delivered servers, their tests, how to log in, who to call. Only the account's own. */
export async function handoverPage(request: Request, quoteId: string) {
  const account = await requireCustomerAccount(request);
  if (!z.uuid().safeParse(quoteId).success) throw notFound();
  const db = getDb();
  const locale = await i18next.getLocale(request);
  const [delivery, keys, t, company, incidents] = await Promise.all([
    accountDelivery(db, account, quoteId),
    accountSshKeys(db, account),
    translatorFor(locale),
    companyProfile(db),
    accountIncidents(db, account, quoteId),
  ]);
  if (!delivery) throw notFound();
  const cutover = await customerCutover(db, quoteId, t, locale);
  const maintenance =
    delivery.status === "done"
      ? await customerMaintenance(db, account, quoteId, t, locale, customerTimeZone(request))
      : null;
  // The capacity review: only a running service of this account (ownership in the query), else null.
  const capacity = await customerCapacity(db, account, quoteId, t, locale, customerTimeZone(request));
  // Availability and credits per month: only once handed over (the account's own, checked above).
  const availability =
    delivery.status === "done" ? await customerAvailability(db, quoteId, t, locale, customerTimeZone(request)) : null;
  const h = (key: string, values?: Record<string, unknown>) => t(`account.handover.${key}`, values ?? {});
  const identity = presentCompany(company, t, locale);
  const handedOver = delivery.status === "done";
  const timeZone = customerTimeZone(request);
  return data(
    {
      handedOver,
      timeZone,
      cutover,
      maintenance,
      capacity,
      availability,
      title: h("title", { reference: quoteId.slice(0, 8).toUpperCase() }),
      status: handedOver ? h("done") : delivery.reopened ? h("reopened") : h("notYet"),
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
        // No test recorded (no facts from the check script): no verdict and no empty table, a sentence instead.
        verdict: s.results?.length ? (s.passed ? h("passed") : h("failed")) : null,
        noResults: s.results?.length ? null : h("noResults"),
        results: (s.results ?? []).map((r) => ({
          key: r.key,
          item: h(`items.${r.key}`),
          expected: r.expected,
          measured: r.measured,
          pass: r.pass,
        })),
      })),
      // Before the hand-over: a reminder to add SSH keys (when there are none); after it: when it
      // happened, and when the customer signed it off.
      handoverNote:
        handedOver && delivery.handedOverAt
          ? [
              h("handedOverOn", { date: formatDate(delivery.handedOverAt, locale, "long", false, timeZone) }),
              delivery.signedOffAt
                ? h("signedOffOn", { date: formatDate(delivery.signedOffAt, locale, "long", false, timeZone) })
                : null,
            ]
              .filter(Boolean)
              .join(" ")
          : !handedOver && !keys.length
            ? h("noKeys")
            : null,
      // Sign off, or say what is not as agreed (which reopens the delivery), until the customer has signed off.
      awaitingSignOff: handedOver && !delivery.signedOffAt,
      labels: {
        item: h("item"),
        expected: h("expected"),
        measured: h("measured"),
        support: h("support"),
        signOff: h("signOff"),
        problemLabel: h("problemLabel"),
        problem: h("problem"),
      },
      incidents: presentCustomerIncidents(incidents, t, locale, customerTimeZone(request)),
      // "Something wrong?": once handed over, the customer reports it here and the person on call is paged.
      report: handedOver
        ? {
            title: t("incidents.report.title"),
            lead: t("incidents.report.lead"),
            kind: t("incidents.report.kind"),
            kinds: REPORT_KINDS.map((k) => ({ value: k, label: t(`incidents.report.${k}`) })),
            what: t("incidents.report.what"),
            submit: t("incidents.report.submit"),
            statusTitle: t("incidents.title"),
          }
        : null,
      support: [identity.supportHours, identity.outages, `${identity.phone} · ${identity.email}`].filter(
        (l): l is string => Boolean(l),
      ),
    },
    { headers: PRIVATE },
  );
}

/** What a customer may report, and the severity each starts at (a technician can change it). */
const REPORT_KINDS = ["down", "degraded", "question"] as const;
const REPORT_SEVERITY = { down: "P1", degraded: "P3", question: "P4" } as const;

const reportSchema = z.object({
  intent: z.literal("report"),
  kind: z.enum(REPORT_KINDS),
  body: z.string().trim().min(5).max(4000).check(multiLine()),
});

const answerSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("signOff") }),
  z.object({ intent: z.literal("problem"), body: z.string().trim().min(5).max(4000) }),
]);

export async function handoverAction(request: Request, quoteId: string) {
  const account = await requireCustomerAccount(request);
  if (!z.uuid().safeParse(quoteId).success) throw notFound();
  const t = await translatorFor(await i18next.getLocale(request));
  const formData = await request.formData();
  const form = Object.fromEntries(formData);
  if (isCutoverIntent(form.intent)) {
    // Moving day: the account's own quote only (the same check as the page's).
    if (!(await accountDelivery(getDb(), account, quoteId))) throw notFound();
    const { status, ...cutover } = await customerCutoverAction(getDb(), quoteId, form, t);
    return data({ ok: null, errors: [], cutover }, { status, headers: PRIVATE });
  }
  if (isMaintenanceIntent(form.intent)) {
    // Scheduled work: the account's own window on this service (ownership in the query).
    const { status, ...maintenance } = await customerMaintenanceAction(getDb(), account, quoteId, form, t);
    return data({ ok: null, errors: [], maintenance }, { status, headers: PRIVATE });
  }
  if (isCapacityIntent(form.intent)) {
    // The output of specdesk-check.sh --usage, for the account's own running service (ownership in the query).
    // Every uploaded file and paste (the file input takes several): Object.fromEntries keeps only the last.
    const input = { ...form, output: formData.getAll("output"), file: formData.getAll("file") };
    const { status, ...capacity } = await customerCapacityAction(getDb(), account, quoteId, input, t);
    return data({ ok: null, errors: [], capacity }, { status, headers: PRIVATE });
  }
  if (form.intent === "report") {
    const report = reportSchema.safeParse(form);
    if (!report.success)
      return data(
        {
          ok: null,
          errors: [
            report.error.issues.some((i) => i.path[0] === "kind")
              ? { path: "kind", message: t("validation.required") }
              : { path: "report", message: t("validation.minLength", { min: 5 }) },
          ],
        },
        { status: 400, headers: PRIVATE },
      );
    // Only a service of this account that has been handed over.
    const delivery = await accountDelivery(getDb(), account, quoteId);
    if (!delivery || delivery.status !== "done") throw notFound();
    const incident = await reportIncidentAsCustomer(getDb(), {
      quoteRequestId: quoteId,
      severity: REPORT_SEVERITY[report.data.kind],
      title: t(`incidents.report.${report.data.kind}`),
      body: report.data.body,
    });
    return data(
      { ok: t("incidents.report.sent", { reference: `INC-${incident.number}` }), errors: [] },
      { headers: PRIVATE },
    );
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
  // A stale tab, the back button or a repeated post after the sign-off: nothing more to answer.
  if (answered === "signed_off")
    return data(
      { ok: null, errors: [{ path: "intent", message: t("account.handover.alreadySignedOff") }] },
      { status: 409, headers: PRIVATE },
    );
  return data(
    { ok: t(answer.kind === "sign_off" ? "account.handover.signedOff" : "account.handover.problemSent"), errors: [] },
    { headers: PRIVATE },
  );
}
