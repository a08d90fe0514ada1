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
