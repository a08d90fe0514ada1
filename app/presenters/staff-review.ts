import type { Catalog } from "~/domain/catalog";
import { RULE_FORMULAS } from "~/domain/formulas";
import type { QueueRow, ReviewItemDetail } from "~/models/review-item.server";
import type { QuoteView } from "~/models/quote-request.server";
import type { StaffUser } from "~/models/user.server";
import type { Currency } from "~/domain/money";
import { formatMoney } from "~/utils/format";
import { type Actor, accessOf } from "~/utils/permissions";

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

/** The review page's data: what it renders of the item, its quote at the latest version, and the forms' choices. */
export function presentReviewItem(input: {
  user: StaffUser;
  review: ReviewItemDetail;
  quote: QuoteView;
  latest: number;
  catalog: Catalog;
  staff: { id: string; name: string; role: StaffUser["role"]; disabledAt: Date | null }[];
}) {
  const { user, review, quote, latest, catalog } = input;
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
      firstResponseDueAt: item.firstResponseDueAt,
      resolutionDueAt: item.resolutionDueAt,
    },
    can: {
      change: canChange,
      unclaim: canChange && item.status !== "published" && item.status !== "declined",
      resolve: canChange && ACTIVE.has(item.status),
    },
    quote: {
      contactName: quote.contactName,
      company: quote.company,
      publishedVersion: quote.publishedVersion,
      currency: quote.currency,
      requirements: quote.requirements,
      monthlyBudget: monthlyBudgetText(quote.requirements, quote.currency),
      workloads: quote.workloads.map((w) => ({ position: w.position, params: w.params })),
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
      createdAt: m.createdAt,
    })),
    notes: review.notes.map((n) => ({ id: n.id, author: n.author, body: n.body })),
    audit: review.audit.map((a) => ({
      id: a.id,
      createdAt: a.createdAt,
      actorName: a.actorName,
      action: a.action,
      fromStatus: a.fromStatus,
      toStatus: a.toStatus,
    })),
  };
}

export type ReviewPage = ReturnType<typeof presentReviewItem>;

/** The queue's rows, each marked overdue when a deadline has passed at `now`. */
export function presentQueue(rows: QueueRow[], now: number) {
  return rows.map((row) => ({
    ...row,
    overdue: Boolean(
      (row.firstResponseDueAt && row.firstResponseDueAt.getTime() < now) ||
      (row.resolutionDueAt && row.resolutionDueAt.getTime() < now),
    ),
  }));
}
