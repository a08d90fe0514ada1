import type { TFunction } from "i18next";
import { type CostTimeline, type TimelineInput, costTimeline } from "~/domain/cost-timeline";
import type { Currency } from "~/domain/money";
import { formatMoney } from "~/utils/format";

/** A proposal's cost timeline worded for the page and the PDF (the chart draws `bars`; the table reads `rows`). */
export interface CostTimelineView {
  title: string;
  summary: string;
  chartDescription: string;
  /** One bar per month: heights as fractions of the tallest month (contract + predicted upgrade). */
  bars: { month: number; contract: number; upgrade: number; oneOff: boolean; label: string }[];
  axisMax: string;
  headings: { period: string; amount: string; notes: string };
  rows: { period: string; amount: string; notes: string[] }[];
  totals: string[];
}

export function presentCostTimeline(
  input: TimelineInput,
  currency: Currency,
  t: TFunction,
  locale: string,
): CostTimelineView {
  const timeline: CostTimeline = costTimeline(input);
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const tallest = Math.max(1, ...timeline.months.map((m) => Math.max(0, m.totalMinor) + m.projectedUpgradeMinor));
  const period = (from: number, to: number) =>
    from === 0
      ? t("costTimeline.month0")
      : from === to
        ? t("costTimeline.month", { month: from })
        : t("costTimeline.months", { from, to });
  const upgrade = timeline.projectedUpgrade;
  const resource = upgrade ? t(`costTimeline.resources.${upgrade.resource}`, { defaultValue: upgrade.resource }) : "";
  const discount = input.lines.filter((l) => l.kind === "discount").reduce((s, l) => s + l.monthlyMinor, 0);
  const totals = [t("costTimeline.contractTotal", { amount: money(timeline.contractTotalMinor) })];
  if (upgrade) totals.push(t("costTimeline.withUpgrade", { amount: money(timeline.withUpgradeTotalMinor) }));
  if (discount < 0) totals.push(t("costTimeline.discount", { months: timeline.termMonths, amount: money(-discount) }));
  return {
    title: t("costTimeline.title"),
    summary: t("costTimeline.summary", {
      oneOff: money(timeline.oneOffMinor),
      monthly: money(timeline.monthlyMinor),
      count: timeline.termMonths,
      total: money(timeline.contractTotalMinor),
    }),
    chartDescription: t("costTimeline.chartDescription", { term: timeline.termMonths }),
    bars: timeline.months.map((m) => ({
      month: m.month,
      contract: Math.max(0, m.totalMinor) / tallest,
      upgrade: m.projectedUpgradeMinor / tallest,
      oneOff: m.month === 0,
      label: `${period(m.month, m.month)}: ${money(m.totalMinor)}`,
    })),
    axisMax: money(tallest),
    headings: {
      period: t("costTimeline.period"),
      amount: t("costTimeline.amount"),
      notes: t("costTimeline.notes"),
    },
    rows: timeline.runs.map((r) => {
      const notes: string[] = [];
      if (r.overlap) notes.push(t("costTimeline.overlap"));
      if (r.projectedUpgradeMinor > 0 && upgrade && r.from === upgrade.fromMonth)
        notes.push(t("costTimeline.upgrade", { amount: money(r.projectedUpgradeMinor), resource }));
      return {
        period: period(r.from, r.to),
        amount:
          r.from === 0
            ? t("costTimeline.oneOff", { amount: money(r.totalMinor) })
            : t("costTimeline.perMonth", { amount: money(r.totalMinor) }),
        notes,
      };
    }),
    totals,
  };
}

/** Each tier's cost timeline with its heading, for the quote and share pages. */
export function costViews(
  proposals: readonly {
    tier: string;
    termMonths: number;
    lines: TimelineInput["lines"];
    runsOutFirst: TimelineInput["runsOutFirst"];
  }[],
  overlapMonths: number,
  currency: Currency,
  t: TFunction,
  locale: string,
) {
  return {
    title: t("pdf.costTitle"),
    tiers: proposals.map((p) => ({
      tier: p.tier,
      name: t(`quote.tiers.${p.tier}`),
      view: presentCostTimeline(
        { lines: p.lines, termMonths: p.termMonths, runsOutFirst: p.runsOutFirst, overlapMonths },
        currency,
        t,
        locale,
      ),
    })),
  };
}
