import type { Minor } from "./money";

/**
 * What a proposal costs month by month over its term, for the customer's finance team: the one-off
 * charges (setup, migration labour, one-time custom lines) at acceptance (month 0), then every
 * monthly charge with the term discount, month 1 to the end of the term. The contracted months add
 * up to the proposal's term total exactly (pricing.ts `totalsOf`); nothing here is priced anew.
 *
 * Two things are shown beside the contract and never added to it: the upgrade the engine predicts
 * when a resource runs out during the term (with its extra monthly price), and the months the old
 * server still runs at the customer's current provider during a move.
 */
export interface TimelineLine {
  kind: string;
  monthlyMinor: Minor;
  setupMinor: Minor;
}

export interface TimelineInput {
  lines: readonly TimelineLine[];
  termMonths: number;
  /** The engine's forecast: the resource that fills first, in how many months, and the next step's extra price. */
  runsOutFirst?: { resource: string; months: number | null; nextStepMonthlyMinor: number | null } | null;
  /** Months both the old and the new servers run (migration plan), counted from month 1. */
  overlapMonths?: number;
}

export interface CostMonth {
  /** 0 = at acceptance (one-off charges); 1…term = the monthly charges. */
  month: number;
  oneOffMinor: Minor;
  /** Servers, add-ons and services before the term discount. */
  recurringMinor: Minor;
  /** The term discount (≤ 0). */
  discountMinor: Minor;
  /** What the contract charges this month: one-off + recurring + discount. */
  totalMinor: Minor;
  /** Running sum of the contract up to and including this month. */
  cumulativeMinor: Minor;
  /** The predicted upgrade's extra price this month (not part of the contract); 0 before it. */
  projectedUpgradeMinor: Minor;
  /** The old server still runs at the customer's current provider this month. */
  overlap: boolean;
}

/** Months that cost the same, for a table that stays short over 36 months. */
export interface CostRun {
  from: number;
  to: number;
  totalMinor: Minor;
  projectedUpgradeMinor: Minor;
  overlap: boolean;
}

export interface CostTimeline {
  termMonths: number;
  months: CostMonth[];
  runs: CostRun[];
  oneOffMinor: Minor;
  monthlyMinor: Minor;
  /** Equals the proposal's term total. */
  contractTotalMinor: Minor;
  projectedUpgrade: { fromMonth: number; resource: string; extraMonthlyMinor: Minor } | null;
  /** The contract plus the predicted upgrade from its month to the end of the term. */
  withUpgradeTotalMinor: Minor;
  overlapMonths: number;
}

const isDiscount = (l: TimelineLine) => l.kind === "discount";

export function costTimeline(input: TimelineInput): CostTimeline {
  const term = Math.max(1, Math.floor(input.termMonths));
  let oneOff = 0;
  let recurring = 0;
  let discount = 0;
  for (const line of input.lines) {
    oneOff += line.setupMinor;
    if (isDiscount(line)) discount += line.monthlyMinor;
    else recurring += line.monthlyMinor;
  }
  const monthly = recurring + discount;
  const forecast = input.runsOutFirst;
  // The month after the resource fills is the first that needs the bigger configuration.
  const upgradeFrom =
    forecast && forecast.months !== null && forecast.nextStepMonthlyMinor && forecast.nextStepMonthlyMinor > 0
      ? Math.max(1, Math.ceil(forecast.months) + 1)
      : null;
  const projectedUpgrade =
    upgradeFrom !== null && upgradeFrom <= term && forecast?.nextStepMonthlyMinor
      ? { fromMonth: upgradeFrom, resource: forecast.resource, extraMonthlyMinor: forecast.nextStepMonthlyMinor }
      : null;
  const overlapMonths = Math.max(0, Math.min(term, Math.floor(input.overlapMonths ?? 0)));

  const months: CostMonth[] = [];
  let cumulative = 0;
  for (let month = 0; month <= term; month++) {
    const first = month === 0;
    const total = first ? oneOff : monthly;
    cumulative += total;
    months.push({
      month,
      oneOffMinor: first ? oneOff : 0,
      recurringMinor: first ? 0 : recurring,
      discountMinor: first ? 0 : discount,
      totalMinor: total,
      cumulativeMinor: cumulative,
      projectedUpgradeMinor:
        projectedUpgrade && month >= projectedUpgrade.fromMonth ? projectedUpgrade.extraMonthlyMinor : 0,
      overlap: month >= 1 && month <= overlapMonths,
    });
  }

  const runs: CostRun[] = [];
  for (const m of months) {
    const last = runs[runs.length - 1];
    if (
      last &&
      m.month > 0 &&
      last.from > 0 &&
      last.totalMinor === m.totalMinor &&
      last.projectedUpgradeMinor === m.projectedUpgradeMinor &&
      last.overlap === m.overlap
    )
      last.to = m.month;
    else
      runs.push({
        from: m.month,
        to: m.month,
        totalMinor: m.totalMinor,
        projectedUpgradeMinor: m.projectedUpgradeMinor,
        overlap: m.overlap,
      });
  }

  const upgradeMonths = projectedUpgrade ? term - projectedUpgrade.fromMonth + 1 : 0;
  return {
    termMonths: term,
    months,
    runs,
    oneOffMinor: oneOff,
    monthlyMinor: monthly,
    contractTotalMinor: cumulative,
    projectedUpgrade,
    withUpgradeTotalMinor: cumulative + (projectedUpgrade ? projectedUpgrade.extraMonthlyMinor * upgradeMonths : 0),
    overlapMonths,
  };
}
