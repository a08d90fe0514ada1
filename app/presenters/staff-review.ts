import type { TFunction } from "i18next";
import { WORKLOAD_FIELDS } from "~/components/workload-specs";
import type { Catalog } from "~/domain/catalog";
import type { WorkloadKind } from "~/domain/quote-input";
import { RULE_FORMULAS } from "~/domain/formulas";
import type { QueueRow, ReviewItemDetail } from "~/models/review-item.server";
import type { QuoteView } from "~/models/quote-request.server";
import type { StaffUser } from "~/models/user.server";
import type { Currency } from "~/domain/money";
import { formatMoney, formatNumber } from "~/utils/format";
import { type Actor, accessOf, can } from "~/utils/permissions";
import type { StaffTime } from "~/utils/staff-time";

const ACTIVE = new Set(["open", "claimed", "waiting_customer"]);

/**
 * Whether the page offers the actor the forms that change the item. Only a hint for the page: the
 * models refuse anyone else whatever the page shows (they filter by ownership in their SQL).
 */
function mayChange(actor: Actor, assigneeId: string | null) {
  const access = accessOf(actor.role, "write:review_item");
  return access === "any" || (access === "own" && assigneeId === actor.id);
}

/** The customer's monthly budget as staff read it, in the quote's currency ("US$500.00"), or null without one. */
export function monthlyBudgetText(requirements: { monthlyBudgetMinor?: number }, currency: Currency): string | null {
  return requirements.monthlyBudgetMinor === undefined
    ? null
    : formatMoney(requirements.monthlyBudgetMinor, currency, "en");
}

/** One labelled fact staff read about a request: "Visits per day: 20,000 (measured)". */
export interface Fact {
  label: string;
  value: string;
}

const yesNo = (value: unknown) => (value ? "yes" : "no");
const numberText = (value: unknown) => (typeof value === "number" ? formatNumber(value, "en") : String(value));

/**
 * A workload as the customer described it, in the wizard's own words (its labels carry the units,
 * e.g. "Storage (GB)"): its kind, name and every figure given, each marked when it was measured
 * rather than estimated. Unknown fields (an older form) still show, under their field name.
 */
export function workloadFacts(params: unknown, t: TFunction): { kind: string; name: string | null; facts: Fact[] } {
  const w = (params && typeof params === "object" ? params : {}) as Record<string, unknown>;
  const kind = String(w.kind ?? "unknown");
  const specs = (WORKLOAD_FIELDS as Record<string, (typeof WORKLOAD_FIELDS)[WorkloadKind]>)[kind] ?? [];
  const measured = new Set(Array.isArray(w.measured) ? w.measured.map(String) : []);
  const mark = (field: string, text: string) => (measured.has(field) ? `${text} (measured)` : text);
  const facts: Fact[] = [];
  const known = new Set<string>(["kind", "name", "measured", "vms"]);
  for (const spec of specs) {
    known.add(spec.name);
    const value = w[spec.name];
    if (value === undefined || value === null || value === "") continue;
    const label = t(`wizard.fields.${spec.name}`);
    const text =
      spec.type === "bool"
        ? yesNo(value)
        : spec.type === "select"
          ? t(`${spec.optionsKey}.${String(value)}`, { defaultValue: String(value) })
          : numberText(value);
    facts.push({ label, value: mark(spec.name, text) });
  }
  if (Array.isArray(w.vms))
    w.vms.forEach((vm: Record<string, unknown>, i: number) =>
      facts.push({
        label: t("wizard.fields.vmHeading", { n: i + 1 }),
        value: `${numberText(vm.vcpu)} vCPU, ${numberText(vm.ramGb)} GB RAM, ${numberText(vm.storageGb)} GB disk`,
      }),
    );
  for (const [field, value] of Object.entries(w))
    if (!known.has(field) && value !== undefined && value !== null)
      facts.push({ label: field, value: typeof value === "object" ? JSON.stringify(value) : numberText(value) });
  return {
    kind: t(`wizard.kinds.${kind}`, { defaultValue: kind }),
    name: typeof w.name === "string" && w.name.trim() ? w.name : null,
    facts,
  };
}

/** The request's requirements as labelled facts, in the wizard's words; the move has its own section. */
export function requirementFacts(r: QuoteView["requirements"], currency: Currency, t: TFunction): Fact[] {
  const label = (key: string) => t(`wizard.requirements.${key}`, { currency });
  const facts: Fact[] = [
    { label: label("availability"), value: t(`wizard.requirements.availabilityOptions.${r.availability}`) },
    { label: label("termMonths"), value: t(`wizard.requirements.termOptions.${r.termMonths}`) },
    { label: label("region"), value: t(`wizard.requirements.regionOptions.${r.region}`) },
  ];
  if (r.backupRetentionDays !== undefined)
    facts.push({ label: label("backupRetentionDays"), value: numberText(r.backupRetentionDays) });
  if (r.growthPercentPerYear !== undefined)
    facts.push({ label: label("growthPercentPerYear"), value: numberText(r.growthPercentPerYear) });
  if (r.compliance?.length)
    facts.push({
      label: label("compliance"),
      value: r.compliance
        .map((c) =>
          c === "data_residency" && r.dataResidencyCountry
            ? `${t(`wizard.requirements.complianceOptions.${c}`)} (${r.dataResidencyCountry.toUpperCase()})`
            : t(`wizard.requirements.complianceOptions.${c}`),
        )
        .join("; "),
    });
  if (r.networking) {
    const parts = [
      r.networking.ownIpRanges ? label("ownIpRanges") : null,
      r.networking.bgp ? label("bgp") : null,
      r.networking.uplinkGbit !== undefined ? `${label("uplinkGbit")}: ${numberText(r.networking.uplinkGbit)}` : null,
    ].filter(Boolean);
    if (parts.length) facts.push({ label: label("networking"), value: parts.join("; ") });
  }
  const budget = monthlyBudgetText(r, currency);
  if (budget) facts.push({ label: "Monthly budget", value: budget });
  if (r.migration) facts.push({ label: t("wizard.migration.moving"), value: "yes (see “Move” below)" });
  if (r.specialRequirements) facts.push({ label: label("specialRequirements"), value: r.specialRequirements });
  return facts;
}

/** The review page's data: what it renders of the item, its quote at the latest version, and the forms' choices. */
export function presentReviewItem(input: {
  user: StaffUser;
  review: ReviewItemDetail;
  quote: QuoteView;
  latest: number;
  catalog: Catalog;
  staff: { id: string; name: string; role: StaffUser["role"]; disabledAt: Date | null }[];
  t: TFunction;
  time: StaffTime;
}) {
  const { user, review, quote, latest, catalog, t, time } = input;
  const { item } = review;
  const canChange = mayChange(user, item.assigneeId);
  return {
    user,
    latest,
    item: {
      status: item.status,
      priority: item.priority,
      reasons: item.reasons.map((r) => ({ code: r.code, checked: item.checked.includes(r.code) })),
      assigneeName: review.assigneeName,
      heldByMe: item.assigneeId === user.id,
      firstResponseDue: time(item.firstResponseDueAt),
      resolutionDue: time(item.resolutionDueAt, "paused"),
    },
    can: {
      // The queue's Claim: an open item nobody holds, for whoever may claim (claimReviewItem decides again).
      claim: can(user.role, "claim:review_item") && !item.assigneeId && item.status === "open",
      change: canChange,
      unclaim: canChange && item.status !== "published" && item.status !== "declined",
      resolve: canChange && ACTIVE.has(item.status),
    },
    quote: {
      contactName: quote.contactName,
      company: quote.company,
      publishedVersion: quote.publishedVersion,
      currency: quote.currency,
      requirements: requirementFacts(quote.requirements, quote.currency, t),
      workloads: quote.workloads.map((w) => ({ position: w.position, ...workloadFacts(w.params, t) })),
    },
    proposals: quote.proposals.map((p) => ({
      id: p.id,
      tier: p.tier,
      availability: p.availability,
      monthlyMinor: p.monthlyMinor,
      setupMinor: p.setupMinor,
      lines: p.lines.map((l) => ({
        kind: l.kind,
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        monthlyMinor: l.monthlyMinor,
        setupMinor: l.setupMinor,
      })),
      // The technician view: every rule with its inputs and formula.
      trace: p.explanation.map((e) => ({
        ruleId: e.ruleId,
        params: e.params,
        inputs: e.inputs,
        formula: RULE_FORMULAS[e.ruleId] ?? null,
      })),
    })),
    products: [
      ...catalog.servers.map((m) => ({ sku: m.sku, name: `${m.name} (server)` })),
      ...catalog.addons.map((a) => ({ sku: a.sku, name: a.name })),
    ],
    // Who the item may be handed to (the loader lists staff only for those who may reassign): technicians and admins whose accounts are enabled.
    staff: input.staff.filter((s) => s.role !== "sales" && !s.disabledAt).map((s) => ({ id: s.id, name: s.name })),
    messages: review.messages.map((m) => ({
      id: m.id,
      authorType: m.authorType,
      event: m.event,
      body: m.body,
      createdAt: time(m.createdAt),
    })),
    notes: review.notes.map((n) => ({ id: n.id, author: n.author, body: n.body })),
    audit: review.audit.map((a) => ({
      id: a.id,
      createdAt: time(a.createdAt),
      actorName: a.actorName,
      action: a.action,
      fromStatus: a.fromStatus,
      toStatus: a.toStatus,
    })),
  };
}

export type ReviewPage = ReturnType<typeof presentReviewItem>;

/** The queue's rows, each marked overdue when a deadline has passed at `now`, its deadlines as staff read them. */
export function presentQueue(rows: QueueRow[], now: number, time: StaffTime) {
  return rows.map((row) => ({
    ...row,
    firstResponseDue: time(row.firstResponseDueAt, "paused / met"),
    resolutionDue: time(row.resolutionDueAt, "paused / met"),
    overdue: Boolean(
      (row.firstResponseDueAt && row.firstResponseDueAt.getTime() < now) ||
      (row.resolutionDueAt && row.resolutionDueAt.getTime() < now),
    ),
  }));
}
