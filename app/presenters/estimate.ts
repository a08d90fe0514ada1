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

/**
 * What a rule's sentence depends on: explain() reads only the rule id and its params, so two traces
 * with the same of both read the same (typeof keeps 1 and "1" apart).
 */
function sentenceKey(trace: RuleTrace): string {
  let key = trace.ruleId;
  const params = trace.params;
  for (const name in params) {
    const value = params[name];
    key += `\u0000${name}\u0001${typeof value}\u0001${value}`;
  }
  return key;
}

/** Sentences kept per translation function and locale, at most this many (two generations of half). */
const SHARED_SENTENCES = 20_000;

/**
 * Sentences already rendered by one translation function in one locale. The resources behind a
 * translation function do not change while the process runs (services/quote.server.ts translatorFor
 * hands out one per language), so a rule with the same params reads the same for every request;
 * the values come from requests, so the memory is bounded: when the newer generation is full it
 * becomes the older one, and what is not asked for again in the meantime is forgotten.
 */
class SentenceCache {
  private newer = new Map<string, string>();
  private older = new Map<string, string>();
  get(key: string): string | undefined {
    const text = this.newer.get(key);
    if (text !== undefined) return text;
    const old = this.older.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }
  set(key: string, text: string) {
    if (this.newer.size >= SHARED_SENTENCES / 2) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(key, text);
  }
}
const sharedSentences = new WeakMap<TFunction, Map<string, SentenceCache>>();
function sentencesOf(t: TFunction, locale: string): SentenceCache {
  let byLocale = sharedSentences.get(t);
  if (!byLocale) sharedSentences.set(t, (byLocale = new Map()));
  let cache = byLocale.get(locale);
  if (!cache) byLocale.set(locale, (cache = new SentenceCache()));
  return cache;
}

/**
 * explain() for one response, each sentence rendered once. An estimate repeats its traces: the
 * workloads' figures again in every proposal's explanation, the same pricing and fit rules in each
 * tier (three workloads at "high": 206 sentences, 63 different); and requests repeat what the
 * catalog decides (tiers, failover, pricing lines) whatever their figures.
 */
function sentenceMemo(t: TFunction, locale: string) {
  const byTrace = new Map<RuleTrace, string>();
  const shared = sentencesOf(t, locale);
  return (trace: RuleTrace): string => {
    let text = byTrace.get(trace);
    if (text !== undefined) return text;
    const key = sentenceKey(trace);
    text = shared.get(key);
    if (text === undefined) {
      text = explain(trace, t, locale);
      shared.set(key, text);
    }
    byTrace.set(trace, text);
    return text;
  };
}

/** A trace as the API shows it: the rule, its sentence and, where there is one, its source. */
interface ExplainedTrace {
  ruleId: string;
  text: string;
  source?: string;
}
/** A rule behind a workload's figure: the sentence, then its inputs, formula and result. */
interface FigureRule extends ExplainedTrace {
  inputs: RuleTrace["inputs"];
  formula?: string;
  result: number;
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
  const sentence = sentenceMemo(t, locale);
  // Object literals, not spreads: one fixed shape each (the spreads cost more than the sentences).
  const text = (trace: RuleTrace): ExplainedTrace =>
    trace.source
      ? { ruleId: trace.ruleId, text: sentence(trace), source: trace.source }
      : { ruleId: trace.ruleId, text: sentence(trace) };
  const figureRule = (r: RuleTrace, result: number): FigureRule => {
    const { ruleId, inputs, source } = r;
    const formula = RULE_FORMULAS[ruleId];
    const said = sentence(r);
    if (source)
      return formula
        ? { ruleId, text: said, source, inputs, formula, result }
        : { ruleId, text: said, source, inputs, result };
    return formula ? { ruleId, text: said, inputs, formula, result } : { ruleId, text: said, inputs, result };
  };
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
      figures: w.figures.map((f) => {
        const value = Math.round(f.value * 100) / 100;
        return {
          resource: f.resource,
          value,
          rules: f.rules.map((r) => figureRule(r, value)),
        };
      }),
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
