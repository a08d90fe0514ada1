import type { TFunction } from "i18next";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import {
  FIGURE,
  RESOURCES,
  type ReviewFindings,
  SMART_WATCH,
  type Resource,
  type UsageFigures,
  type UsageReading,
  nextReviewDue,
  parseUsageOutput,
  reviewFindings,
  upgradeNeed,
} from "~/domain/capacity-review";
import { estimate } from "~/domain/engine";
import { AVAILABILITY_PLANS } from "~/domain/fit";
import { type QuoteRequestInput, type RawWorkload, quoteRequestSchema } from "~/domain/quote-input";
import { loadCatalog } from "~/models/catalog.server";
import { companyProfile } from "~/models/company.server";
import {
  type CapacityReviewRow,
  type ReviewedService,
  accountCapacityReviews,
  capacityOf,
  insertCapacityReview,
  markDraftedUpgrade,
  openUpgradeQuote,
  reviewEveryMonths,
  reviewHistory,
  reviewedService,
  setReviewEveryMonths,
} from "~/models/capacity-review.server";
import type { CustomerAccount } from "~/models/customer-account.server";
import { createQuoteRequest } from "~/models/quote-request.server";
import { serviceRef } from "~/models/service.server";
import { presentCompany } from "~/presenters/company";
import { businessCalendar, publicBaseUrl } from "~/utils/env.server";
import { formatDate, formatNumber } from "~/utils/format";
import { type Actor, can } from "~/utils/permissions";
import { staffTimeIn } from "~/utils/staff-time";
import { emailSignature, emailText, notifyTechniciansOfNewItem } from "./notifications.server";
import { translatorFor } from "./quote.server";

/*
 * Capacity reviews (issue 19 item 6). A technician, or the customer with the output of
 * `specdesk-check.sh --usage`, records the service's usage; the review projects, over every reading
 * so far, when each resource reaches 85 % of what the service has, flags failing disks and old
 * servers, and when something runs out within two quarters drafts an upgrade: a new quote for the
 * same customer, in the same currency, marked as upgrading the running service (issue 20), sized
 * by the engine and e-mailed like any quote (or queued for a technician when the engine wants one).
 */

type Form = Record<string, FormDataEntryValue | FormDataEntryValue[]>;
export type CapacityFieldError = { path: string; message: string };

/** What recording a review did: the review, and the upgrade quote it drafted (if any). */
export interface RecordedReview {
  review: CapacityReviewRow;
  drafted: string | null;
  /** An upgrade quote of the service already open (so none was drafted), when something runs out. */
  alreadyOpen: string | null;
}

/**
 * Records a review of a running service, all or nothing: the review with its findings and, when
 * something runs out within two quarters and no upgrade quote of the service is open, the drafted
 * quote with its e-mail. Reviews of one service take turns (the provisioning item's row lock), so
 * two at once never draft two quotes. Null when the service is not running.
 */
export async function recordCapacityReview(
  db: Executor,
  input: {
    serviceId: string;
    source: "technician" | "customer";
    usage: UsageFigures;
    smart: Record<string, number>;
    recordedBy: string | null;
  },
  now = new Date(),
): Promise<RecordedReview | null> {
  return db.transaction(async (tx) => {
    const service = await reviewedService(tx, input.serviceId, true);
    if (!service) return null;
    const capacity = await capacityOf(tx, service);
    const history = await reviewHistory(tx, service.id);
    const readings: UsageReading[] = [
      ...history.map((r) => ({ at: r.recordedAt, usage: r.usage })),
      { at: now, usage: input.usage },
    ];
    const smart = Object.fromEntries(Object.entries(input.smart).map(([k, v]) => [Number(k), v]));
    const findings = reviewFindings({ readings, capacity, smart, inServiceSince: service.inServiceSince, now });
    let drafted: string | null = null;
    let alreadyOpen: string | null = null;
    if (findings.upgradeFor.length) {
      alreadyOpen = (await openUpgradeQuote(tx, service.acceptanceId, now))?.id ?? null;
      if (!alreadyOpen)
        drafted = await draftUpgrade(tx, service, upgradeNeed(readings, capacity, findings.upgradeFor, now), findings, {
          actor: input.recordedBy ?? "customer",
          now,
        });
    }
    const review = await insertCapacityReview(tx, {
      quoteRequestId: service.id,
      recordedAt: now,
      source: input.source,
      usage: input.usage,
      capacity,
      smart: input.smart,
      findings,
      upgradeQuoteRequestId: drafted,
      recordedBy: input.recordedBy,
    });
    return { review, drafted, alreadyOpen };
  });
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/**
 * The upgrade the engine sizes: the running service's requirements (availability, term, region,
 * budget …; not the move from an old server, which is done) with ONE machine stated as measured
 * ("raw": taken as stated, no growth or margin added on top, because `need` already holds the
 * projection and the headroom). Its figures are per copy: the availability's copies of a machine
 * each get the whole need (an HA pair measures and holds two copies of the same data and load).
 * The storage class is the one the service was sized on most.
 */
export function upgradeInput(service: ReviewedService, need: UsageFigures): QuoteRequestInput {
  const { migration: _move, ...requirements } = service.requirements;
  const copies = AVAILABILITY_PLANS[requirements.availability]?.nonSplitReplicas ?? 1;
  const d = service.demand;
  const storageClass = d.hddGb > d.nvmeGb && d.hddGb > d.ssdGb ? "hdd" : d.ssdGb > d.nvmeGb ? "ssd" : "nvme";
  const machine: RawWorkload = {
    kind: "raw",
    name: `Service ${serviceRef(service.id)} upgraded`,
    vcpu: clamp(Math.ceil(need.cpu / copies - 1e-9), 1, 1024),
    ramGb: clamp(Math.ceil(need.ramGb / copies - 1e-9), 1, 8192),
    storageGb: clamp(Math.ceil(need.diskGb / copies - 1e-9), 0, 10_000_000),
    storageClass,
    ...(need.trafficTb > 0 ? { trafficTbPerMonth: clamp(Math.ceil(need.trafficTb * 10) / 10, 0, 100_000) } : {}),
  };
  const contact = {
    name: service.contactName,
    email: service.contactEmail,
    ...(service.company ? { company: service.company } : {}),
  };
  const full = quoteRequestSchema.safeParse({
    currency: service.currency,
    requirements,
    workloads: [machine],
    contact,
  });
  if (full.success) return full.data;
  // Requirements stored under an older schema: the three the engine cannot do without.
  return quoteRequestSchema.parse({
    currency: service.currency,
    requirements: {
      availability: requirements.availability,
      termMonths: requirements.termMonths,
      region: requirements.region,
    },
    workloads: [machine],
    contact,
  });
}

/** Sizes, prices (the current price book of the service's currency) and stores the upgrade quote; its id. */
async function draftUpgrade(
  tx: Executor,
  service: ReviewedService,
  need: UsageFigures,
  findings: ReviewFindings,
  by: { actor: string; now: Date },
): Promise<string> {
  const input = upgradeInput(service, need);
  const locale = service.locale;
  const [catalog, t, profile] = await Promise.all([
    loadCatalog(tx, by.now, service.currency),
    translatorFor(locale),
    companyProfile(tx),
  ]);
  const result = estimate(input, catalog);
  const company = presentCompany(profile, t, locale);
  const runsOut = findings.runOuts
    .filter((r) => findings.upgradeFor.includes(r.resource))
    .map((r) =>
      r.now || !r.at
        ? t("capacity.email.now", { resource: t(`capacity.resources.${r.resource}`) })
        : t("capacity.email.on", {
            resource: t(`capacity.resources.${r.resource}`),
            date: formatDate(r.at, locale, "long"),
          }),
    )
    .join("\n");
  const created = await createQuoteRequest(
    tx,
    input,
    result,
    catalog.priceBook.id,
    locale,
    businessCalendar(),
    by.now,
    async (inner, c) => {
      await markDraftedUpgrade(inner, c.id, service.acceptanceId, by.actor);
      if (c.reviewItemId) await notifyTechniciansOfNewItem(inner, c.reviewItemId, c.reviewCodes);
    },
    ({ id, token }) => [
      {
        to: service.contactEmail,
        subject: emailText(t, "capacity.email.subject", { reference: serviceRef(service.id) }),
        text: `${emailText(t, result.review.required ? "capacity.email.bodyReview" : "capacity.email.body", {
          name: service.contactName,
          reference: serviceRef(service.id),
          runsOut,
          link: `${publicBaseUrl()}/q/${token}`,
        })}\n\n${emailSignature(company)}`,
        template: "capacity_upgrade",
        attachment: { kind: "proposal_pdf", quoteRequestId: id, version: 1, locale },
      },
    ],
  );
  return created.id;
}

// --- Forms ----------------------------------------------------------------------------------------

/** Figures as typed: empty fields are missing, not zero. */
const figure = (label: string, max: number) =>
  z.coerce
    .number({ message: `${label}: give a number.` })
    .refine(Number.isFinite, `${label}: give a number.`)
    .pipe(z.number().min(0, `${label}: 0 or more.`).max(max, `${label}: at most ${max}.`));

const smartField = (id: number) =>
  z.coerce
    .number({ message: `SMART ${id}: give a whole number.` })
    .int(`SMART ${id}: give a whole number.`)
    .min(0, `SMART ${id}: 0 or more.`)
    .max(Number.MAX_SAFE_INTEGER)
    .optional();

const MAX_OUTPUT = 200_000;

const staffForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("review"),
    cpu: figure("CPU busy (cores)", 4096),
    ramGb: figure("RAM used (GB)", 65_536),
    diskGb: figure("Disk used (GB)", 10_000_000),
    trafficTb: figure("Traffic this month (TB)", 100_000),
    smart5: smartField(5),
    smart187: smartField(187),
    smart188: smartField(188),
    smart197: smartField(197),
    smart198: smartField(198),
  }),
  z.object({
    intent: z.literal("review_output"),
    output: z
      .string({ message: "Paste the output of specdesk-check.sh --usage." })
      .trim()
      .min(2, "Paste the output of specdesk-check.sh --usage.")
      .max(MAX_OUTPUT, "That is far too long for the script's output."),
  }),
  z.object({
    intent: z.literal("cadence"),
    months: z.coerce
      .number({ message: "Months: give a whole number from 1 to 12." })
      .int("Months: give a whole number from 1 to 12.")
      .min(1, "Months: give a whole number from 1 to 12.")
      .max(12, "Months: give a whole number from 1 to 12."),
  }),
]);

const STAFF_OUTPUT_PROBLEMS: Record<string, string> = {
  empty: "Paste the output of specdesk-check.sh --usage.",
  json: "This is not the JSON the script prints: paste its whole output.",
  shape: "This JSON is not the output of specdesk-check.sh --usage (run it with --usage).",
  duplicate: "The same server's output is there twice.",
  too_many: "At most 50 servers' outputs at once.",
};

export type StaffCapacityAnswer = { notice: string | null; errors: CapacityFieldError[]; status: number };

/** The staff capacity page's forms: record a review (figures or the script's output), set the cadence. */
export async function staffCapacityAction(
  db: Executor,
  actor: Actor,
  serviceId: string,
  form: Form,
): Promise<StaffCapacityAnswer> {
  if (!can(actor.role, "write:incidents"))
    return {
      notice: null,
      errors: [{ path: "intent", message: "Only technicians and admins record reviews." }],
      status: 403,
    };
  const values = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === "string" && v.trim() !== ""));
  const parsed = staffForm.safeParse(values);
  if (!parsed.success)
    return {
      notice: null,
      errors: parsed.error.issues.map((i) => ({
        path: i.path.join(".") || "intent",
        message: i.path[0] === "intent" ? "Choose what to do." : i.message,
      })),
      status: 400,
    };
  const input = parsed.data;
  if (input.intent === "cadence") {
    if (!(await reviewedService(db, serviceId))) return notRunning();
    await setReviewEveryMonths(db, serviceId, input.months, actor.id);
    return {
      notice: `Reviews every ${input.months} month${input.months === 1 ? "" : "s"} from now on.`,
      errors: [],
      status: 200,
    };
  }
  let usage: UsageFigures;
  let smart: Record<string, number> = {};
  if (input.intent === "review_output") {
    const output = parseUsageOutput(input.output);
    if (!output.ok)
      return {
        notice: null,
        errors: [{ path: "output", message: STAFF_OUTPUT_PROBLEMS[output.problem]! }],
        status: 400,
      };
    usage = output.usage;
    smart = output.smart;
  } else {
    usage = { cpu: input.cpu, ramGb: input.ramGb, diskGb: input.diskGb, trafficTb: input.trafficTb };
    for (const id of SMART_WATCH) {
      const value = input[`smart${id}`];
      if (value !== undefined) smart[String(id)] = value;
    }
  }
  const recorded = await recordCapacityReview(db, {
    serviceId,
    source: "technician",
    usage,
    smart,
    recordedBy: actor.id,
  });
  if (!recorded) return notRunning();
  return { notice: staffNotice(recorded), errors: [], status: 200 };
}

const notRunning = (): StaffCapacityAnswer => ({
  notice: null,
  errors: [{ path: "intent", message: "This service is not running (not handed over)." }],
  status: 404,
});

function staffNotice(r: RecordedReview): string {
  const f = r.review.findings;
  const parts = ["Review recorded."];
  if (f.upgradeFor.length)
    parts.push(
      r.drafted
        ? `Runs out within two quarters: ${f.upgradeFor.join(", ")}. An upgrade quote was drafted and sent.`
        : `Runs out within two quarters: ${f.upgradeFor.join(", ")}. An upgrade quote is already open, so none was drafted.`,
    );
  else parts.push("Nothing runs out within two quarters.");
  if (f.diskWarnings.length) parts.push(`Disk warning: SMART ${f.diskWarnings.join(", ")} above 0.`);
  if (f.age)
    parts.push(
      f.age === "refresh" ? "Servers 5 years or older: propose a refresh." : "Servers 3 years or older: review them.",
    );
  return parts.join(" ");
}

// --- Views ----------------------------------------------------------------------------------------

const STAFF_RESOURCE: Record<Resource, { label: string; unit: string }> = {
  cpu: { label: "CPU", unit: "threads" },
  ram: { label: "RAM", unit: "GB" },
  disk: { label: "Disk", unit: "GB" },
  traffic: { label: "Traffic a month", unit: "TB" },
};

const SMART_NAMES: Record<number, string> = {
  5: "reallocated sectors",
  187: "reported uncorrectable errors",
  188: "command timeouts",
  197: "pending sectors",
  198: "offline uncorrectable sectors",
};

const n1 = (n: number) => formatNumber(n, "en", 1);
const percent = (share: number) => `${Math.round(share * 100)} %`;

/** The staff capacity tab (English, staff time zone): capacity, projections, flags, history, cadence. */
export async function staffCapacityView(
  db: Executor,
  user: Actor,
  serviceId: string,
  timeZone: string,
  now = new Date(),
) {
  const service = await reviewedService(db, serviceId);
  if (!service) return null;
  const time = staffTimeIn(timeZone);
  const [capacity, history, months, open] = await Promise.all([
    capacityOf(db, service),
    reviewHistory(db, serviceId),
    reviewEveryMonths(db, serviceId),
    openUpgradeQuote(db, service.acceptanceId, now),
  ]);
  const last = history.at(-1) ?? null;
  // As stored for the board (the last review, else the hand-over, plus the cadence).
  const next = service.reviewDueAt ?? nextReviewDue(last?.recordedAt ?? null, months, now);
  const figures = (u: UsageFigures) =>
    RESOURCES.map((r) => `${STAFF_RESOURCE[r].label} ${n1(u[FIGURE[r]])}`).join(" · ");
  return {
    canWrite: can(user.role, "write:incidents"),
    timeZone,
    months,
    inService: time(service.inServiceSince),
    capacity: RESOURCES.map((r) => ({
      resource: r,
      label: STAFF_RESOURCE[r].label,
      value:
        r === "traffic" && capacity.trafficTb <= 0
          ? "unmetered"
          : `${n1(capacity[FIGURE[r]])} ${STAFF_RESOURCE[r].unit}`,
    })),
    nextDue: last ? time(next) : `${time(next)} (never reviewed)`,
    overdue: next.getTime() <= now.getTime(),
    openUpgrade: open ? { id: open.id, reference: serviceRef(open.id), status: open.status } : null,
    latest: last
      ? {
          at: time(last.recordedAt),
          projections: last.findings.runOuts.map((r) => ({
            resource: r.resource,
            label: STAFF_RESOURCE[r.resource].label,
            used: `${n1(last.usage[FIGURE[r.resource]])} of ${
              r.resource === "traffic" && last.capacity.trafficTb <= 0
                ? "unmetered"
                : `${n1(last.capacity[FIGURE[r.resource]])} ${STAFF_RESOURCE[r.resource].unit}`
            }`,
            share: percent(r.share),
            runsOut: r.now ? "already at or above 85 %" : r.at ? `85 % on ${time(r.at)}` : "not at the growth observed",
            soon: last.findings.upgradeFor.includes(r.resource),
          })),
          disk: last.findings.diskWarnings.map((id) => `SMART ${id} (${SMART_NAMES[id] ?? "watched"}) above 0`),
          age:
            last.findings.age === "refresh"
              ? "In service 5 years or more: propose a refresh."
              : last.findings.age === "review"
                ? "In service 3 years or more: review the hardware."
                : null,
        }
      : null,
    history: [...history].reverse().map((r) => ({
      id: r.id,
      at: time(r.recordedAt),
      source: r.source === "technician" ? "technician" : "customer (script output)",
      usage: figures(r.usage),
      smart: Object.entries(r.smart)
        .map(([k, v]) => `${k}: ${v}`)
        .join(", "),
      upgradeFor: r.findings.upgradeFor.join(", "),
      drafted: r.upgradeQuoteRequestId
        ? { id: r.upgradeQuoteRequestId, reference: serviceRef(r.upgradeQuoteRequestId) }
        : null,
    })),
  };
}

export type StaffCapacityView = NonNullable<Awaited<ReturnType<typeof staffCapacityView>>>;

// --- The customer's panel -------------------------------------------------------------------------

export const CAPACITY_INTENT = "capacity_usage";

export function isCapacityIntent(intent: unknown) {
  return intent === CAPACITY_INTENT;
}

/**
 * The capacity panel on the customer's service page (their own running service only; null
 * otherwise): the last review, what runs out when, disk and age flags, the upgrade proposal and the
 * form for the script's output. Dates in the customer's zone.
 */
export async function customerCapacity(
  db: Executor,
  account: CustomerAccount,
  serviceId: string,
  t: TFunction,
  locale: string,
  timeZone: string,
  now = new Date(),
) {
  const own = await accountCapacityReviews(db, account, serviceId);
  if (!own) return null;
  const [months, open] = await Promise.all([
    reviewEveryMonths(db, serviceId),
    openUpgradeQuote(db, own.acceptanceId, now),
  ]);
  const c = (key: string, values?: Record<string, unknown>) => t(`capacity.${key}`, values ?? {});
  const date = (d: Date | string) => formatDate(d, locale, "long", false, timeZone);
  const last = own.reviews[0] ?? null;
  const num = (n: number) => formatNumber(n, locale, 1);
  const upgradeId = open?.id ?? null;
  return {
    title: c("title"),
    lead: c("lead", { count: months }),
    last: last
      ? c(last.source === "technician" ? "lastByTechnician" : "lastByCustomer", { date: date(last.recordedAt) })
      : c("none"),
    next: c("next", { date: date(own.reviewDueAt ?? nextReviewDue(last?.recordedAt ?? null, months, now)) }),
    resources: last
      ? last.findings.runOuts.map((r) => {
          const key = FIGURE[r.resource];
          const unmetered = r.resource === "traffic" && last.capacity.trafficTb <= 0;
          return {
            resource: r.resource,
            label: c(`resources.${r.resource}`),
            usage: unmetered
              ? c(`usageUnmetered`, { used: num(last.usage[key]) })
              : c(`usage.${r.resource}`, {
                  used: num(last.usage[key]),
                  capacity: num(last.capacity[key]),
                  percent: Math.round(r.share * 100),
                }),
            runsOut: r.now ? c("runsOutNow") : r.at ? c("runsOutOn", { date: date(r.at) }) : c("runsOutNever"),
            soon: last.findings.upgradeFor.includes(r.resource),
          };
        })
      : [],
    disk: last?.findings.diskWarnings.length
      ? c("diskWarning", { count: last.findings.diskWarnings.length, list: last.findings.diskWarnings.join(", ") })
      : null,
    age: last?.findings.age ? c(`age.${last.findings.age}`) : null,
    upgrade: upgradeId
      ? {
          quoteId: upgradeId,
          text: last?.findings.upgradeFor.length
            ? c("upgradeBecause", {
                list: last.findings.upgradeFor.map((r) => c(`resources.${r}`)).join(", "),
              })
            : c("upgradeOpen"),
          open: c("upgradeLink"),
        }
      : null,
    form: {
      title: c("form.title"),
      how: c("form.how"),
      command: "sh specdesk-check.sh --usage",
      script: "/tools/specdesk-check.sh",
      download: c("form.download"),
      label: c("form.label"),
      file: c("form.file"),
      submit: c("form.submit"),
    },
  };
}

export type CustomerCapacityView = NonNullable<Awaited<ReturnType<typeof customerCapacity>>>;

/** Largest upload or paste the customer's form takes (50 servers' outputs fit many times). */
const MAX_UPLOAD = 500_000;

/**
 * The customer sends the output of `specdesk-check.sh --usage` (pasted, or uploaded files) for their
 * own running service (the ownership is checked in the query; 404 otherwise). Bad input: 400 with
 * the field's message, nothing written.
 */
export async function customerCapacityAction(
  db: Executor,
  account: CustomerAccount,
  serviceId: string,
  form: Form,
  t: TFunction,
): Promise<{ ok: string | null; errors: CapacityFieldError[]; status: number }> {
  const own = await accountCapacityReviews(db, account, serviceId, 1);
  if (!own) return { ok: null, errors: [{ path: "output", message: t("errors.not_found") }], status: 404 };
  const texts: string[] = [];
  let size = 0;
  for (const value of [form.output, form.file].flat()) {
    if (value === undefined) continue;
    if (typeof value === "string") {
      if (value.trim()) texts.push(value);
      size += value.length;
    } else if (value.size > 0) {
      size += value.size;
      if (size > MAX_UPLOAD) break;
      texts.push(await value.text());
    }
  }
  const refuse = (problem: string) => ({
    ok: null,
    errors: [{ path: "output", message: t(`capacity.problems.${problem}`) }],
    status: 400,
  });
  if (size > MAX_UPLOAD) return refuse("too_large");
  const output = parseUsageOutput(texts.join("\n"));
  if (!output.ok) return refuse(output.problem);
  const recorded = await recordCapacityReview(db, {
    serviceId: own.id,
    source: "customer",
    usage: output.usage,
    smart: output.smart,
    recordedBy: null,
  });
  if (!recorded) return { ok: null, errors: [{ path: "output", message: t("errors.not_found") }], status: 404 };
  return {
    ok: t(recorded.drafted ? "capacity.sentDrafted" : "capacity.sent", { count: output.hostnames.length }),
    errors: [],
    status: 200,
  };
}
