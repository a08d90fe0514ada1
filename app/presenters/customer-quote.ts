import type { DemandBreakdown, DemandSummary } from "~/domain/engine";
import type { Availability } from "~/domain/quote-input";
import type { RuleTrace } from "~/domain/trace";
import type { QuoteView } from "~/models/quote-request.server";
import type { ExplainedReason } from "~/utils/explain";

/** A reason as the customer reads it: the sentence's key and values, not the engine's inputs. */
export type CustomerReason = ExplainedReason;

const reason = (r: RuleTrace): CustomerReason => ({ ruleId: r.ruleId, params: r.params });

/**
 * The proposals as the customer's pages show them. The engine's inputs and sources behind each
 * reason are for technicians (the review page shows them); leaving them out keeps the page's data,
 * which the browser downloads and decodes before the page responds, to what the page renders.
 */
export function customerProposals(proposals: QuoteView["proposals"]) {
  return proposals.map((p) => ({
    ...p,
    explanation: p.explanation.map(reason),
    failure: p.failure ? reason(p.failure) : null,
    lines: p.lines.map((l) => ({ ...l, why: l.why.map(reason) })),
  }));
}

export type CustomerProposal = ReturnType<typeof customerProposals>[number];

/** "What you need" as the customer's page shows it: the totals and how they build up. */
export interface CustomerDemand {
  vcpu: number;
  ramGb: number;
  storageGb: number;
  trafficTbPerMonth: number;
  backupGb: number;
  /** The availability the customer asked for (what the copies are for). */
  availability: Availability;
  /** Null for quotes stored before the breakdown existed: the page shows the totals only. */
  breakdown: DemandBreakdown | null;
}

/**
 * The headline figures and their breakdown (base, copies, growth, margin), without the per-role
 * detail the page does not show. A stored demand from before the breakdown has none (the JSON
 * column keeps what was stored then), so it is optional here whatever the type says.
 */
export function customerDemand(demand: DemandSummary, availability: Availability): CustomerDemand {
  const breakdown = (demand as Partial<DemandSummary>).breakdown;
  return {
    vcpu: demand.vcpu,
    ramGb: demand.ramGb,
    storageGb: demand.storageGb,
    trafficTbPerMonth: demand.trafficTbPerMonth,
    backupGb: demand.backupGb,
    availability,
    breakdown: breakdown && breakdown.base && breakdown.total ? breakdown : null,
  };
}
