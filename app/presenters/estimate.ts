import type { TFunction } from "i18next";
import type { RuleTrace } from "~/domain/trace";
import { type NotAcceptableCode, acceptabilityOf } from "~/domain/acceptability";
import type { EngineResult } from "~/domain/engine";
import type { MigrationPlan } from "~/domain/migration-plan";
import { RULE_FORMULAS } from "~/domain/formulas";
import { describeRunsOutFirst, explain } from "~/utils/explain";

/** The sentence for a reason a proposal is not directly acceptable, in the request's language. */
const NOT_ACCEPTABLE_TEXT: Record<NotAcceptableCode, string> = {
  needs_technician: "needsTechnician.apiReason",
  review_required: "needsTechnician.reviewRequired",
};

/**
 * A migration rule's values in the reader's language where the sentence needs words, not codes:
 * the window's days ("tue,sat" → "Tuesday, Saturday").
 */
export function migrationReason(trace: RuleTrace, t: TFunction): RuleTrace {
  const days = trace.params.days;
  if (typeof days !== "string") return trace;
  const named = days
    .split(",")
    .map((d) => t(`quote.weekdays.${d}`))
    .join(", ");
  return { ...trace, params: { ...trace.params, days: named } };
}

/** The move from the old server as the API shows it (docs/api.md, "Moving from an existing server"). */
export function presentMigration(plan: MigrationPlan, t: TFunction, locale: string) {
  const text = (trace: RuleTrace) => ({
    ruleId: trace.ruleId,
    text: explain(migrationReason(trace, t), t, locale),
    ...(trace.source ? { source: trace.source } : {}),
  });
  return {
    method: plan.method,
    transferHours: Math.round(plan.transferHours * 10) / 10,
    downtimeMinutes: plan.downtimeMinutes,
    window: plan.window
      ? { days: plan.window.days, start: plan.window.start, end: plan.window.end, timeZone: plan.window.timeZone }
      : null,
    milestones: plan.milestones.map((m) => ({
      key: m.key,
      offsetHours: m.offsetHours,
      text: explain(migrationReason(m.trace, t), t, locale),
    })),
    explanation: plan.explanation.map(text),
  };
}

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
    migration: result.migration ? presentMigration(result.migration, t, locale) : null,
  };
}
