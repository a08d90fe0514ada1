import type { TFunction } from "i18next";
import type { RuleTrace } from "~/domain/trace";
import { type NotAcceptableCode, acceptabilityOf } from "~/domain/acceptability";
import type { EngineResult } from "~/domain/engine";
import { RULE_FORMULAS } from "~/domain/formulas";
import { describeRunsOutFirst, explain } from "~/utils/explain";

/** The sentence for a reason a proposal is not directly acceptable, in the request's language. */
const NOT_ACCEPTABLE_TEXT: Record<NotAcceptableCode, string> = {
  needs_technician: "needsTechnician.apiReason",
  review_required: "needsTechnician.reviewRequired",
};

/** The engine's answer in the public API shape (docs/api.md): names stable, sentences rendered. */
export function presentEstimate(result: EngineResult, t: TFunction, locale: string) {
  // Nothing here is published by a technician: an estimate is the engine's alone (domain/acceptability.ts).
  const context = { technicianPublished: false, reviewRequired: result.review.required };
  const acceptability = (p: { availability: string }) => {
    const a = acceptabilityOf(p, context);
    return a.acceptable
      ? { acceptable: true }
      : { acceptable: false, reason: t(NOT_ACCEPTABLE_TEXT[a.reasonCode]), reasonCode: a.reasonCode };
  };
  const text = (trace: RuleTrace) => ({
    ruleId: trace.ruleId,
    text: explain(trace, t, locale),
    ...(trace.source ? { source: trace.source } : {}),
  });
  return {
    priceBookVersion: result.priceBookVersion,
    currency: result.currency,
    demand: result.demand,
    workloads: result.workloads.map((w) => ({
      index: w.index,
      kind: w.kind,
      name: w.name,
      role: w.role,
      // The technician view: every figure with its rules, their inputs and formulas, and the result.
      figures: w.figures.map((f) => ({
        resource: f.resource,
        value: Math.round(f.value * 100) / 100,
        rules: f.rules.map((r) => ({
          ...text(r),
          inputs: r.inputs,
          ...(RULE_FORMULAS[r.ruleId] ? { formula: RULE_FORMULAS[r.ruleId] } : {}),
          result: Math.round(f.value * 100) / 100,
        })),
      })),
    })),
    proposals: result.proposals.map((p) => ({
      tier: p.tier,
      availability: p.availability,
      ...acceptability(p),
      servers: p.servers.map((s) => ({
        sku: s.sku,
        name: s.name,
        quantity: s.quantity,
        vcpu: s.vcpu,
        ramGb: s.ramGb,
        storageGb: s.storageGb,
        roles: s.roles,
      })),
      lines: p.lines.map((l) => ({
        kind: l.kind,
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        unitMonthlyMinor: l.unitMonthlyMinor,
        unitSetupMinor: l.unitSetupMinor,
        monthlyMinor: l.monthlyMinor,
        setupMinor: l.setupMinor,
        why: l.why.map(text),
      })),
      totals: p.totals,
      capacity: p.capacity,
      explanation: p.explanation.map(text),
      failure: text(p.failure),
      runsOutFirst: p.runsOutFirst
        ? { ...p.runsOutFirst, text: describeRunsOutFirst(p.runsOutFirst, t, locale, result.currency) }
        : null,
    })),
    unavailableTiers: result.unavailableTiers,
    review: {
      required: result.review.required,
      reasons: result.review.reasons.map((r) => ({
        code: r.code,
        message: t(`quote.reviewReasons.${r.code}`, r.params),
      })),
    },
  };
}
