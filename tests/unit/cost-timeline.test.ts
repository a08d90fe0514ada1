import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costTimeline } from "~/domain/cost-timeline";
import { estimate } from "~/domain/engine";
import type { QuoteInput } from "~/domain/quote-input";
import { sundayNightMove } from "../fixtures/migration";
import { seedCatalog } from "../fixtures/catalog";

const catalog = seedCatalog();

const agency: QuoteInput = {
  requirements: { availability: "high", termMonths: 24, region: "eu" },
  workloads: [
    { kind: "web_app", visitsPerDay: 20_000 },
    { kind: "database", dataGb: 200 },
    { kind: "file_storage", dataGb: 1500, access: "active" },
  ],
};

describe("cost timeline", () => {
  it("adds up to the term total of every tier the engine proposes, months 0 to the term", () => {
    for (const termMonths of [1, 12, 24, 36] as const) {
      const inputs: QuoteInput[] = [
        { ...agency, requirements: { ...agency.requirements, termMonths } },
        { ...agency, requirements: { ...agency.requirements, termMonths, migration: sundayNightMove } },
      ];
      for (const input of inputs) {
        const result = estimate(input, catalog);
        expect(result.proposals.length).toBeGreaterThan(0);
        for (const p of result.proposals) {
          const timeline = costTimeline({ lines: p.lines, termMonths, runsOutFirst: p.runsOutFirst });
          expect(timeline.months).toHaveLength(termMonths + 1);
          const sum = timeline.months.reduce((s, m) => s + m.totalMinor, 0);
          expect(sum).toBe(p.totals.termTotalMinor);
          expect(timeline.contractTotalMinor).toBe(p.totals.termTotalMinor);
          expect(timeline.months[0]!.totalMinor).toBe(p.totals.setupMinor);
          expect(timeline.months[termMonths]!.cumulativeMinor).toBe(p.totals.termTotalMinor);
          // The table's runs cover every month once, in order.
          const covered = timeline.runs.flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i));
          expect(covered).toEqual(timeline.months.map((m) => m.month));
        }
      }
    }
  });

  it("puts setup and one-off lines in month 0 and the term discount in every month after", () => {
    const timeline = costTimeline({
      termMonths: 12,
      lines: [
        { kind: "server", monthlyMinor: 10_000, setupMinor: 5_000 },
        { kind: "migration", monthlyMinor: 0, setupMinor: 40_000 },
        { kind: "discount", monthlyMinor: -500, setupMinor: 0 },
      ],
    });
    expect(timeline.months[0]).toMatchObject({ oneOffMinor: 45_000, recurringMinor: 0, totalMinor: 45_000 });
    expect(timeline.months[1]).toMatchObject({ recurringMinor: 10_000, discountMinor: -500, totalMinor: 9_500 });
    expect(timeline.contractTotalMinor).toBe(45_000 + 12 * 9_500);
    expect(timeline.runs).toEqual([
      { from: 0, to: 0, totalMinor: 45_000, projectedUpgradeMinor: 0, overlap: false },
      { from: 1, to: 12, totalMinor: 9_500, projectedUpgradeMinor: 0, overlap: false },
    ]);
  });

  it("shows the predicted upgrade from the month after the resource fills, beside the contract", () => {
    const timeline = costTimeline({
      termMonths: 12,
      lines: [{ kind: "server", monthlyMinor: 10_000, setupMinor: 0 }],
      runsOutFirst: { resource: "storageGb", months: 7.4, nextStepMonthlyMinor: 2_000 },
      overlapMonths: 1,
    });
    expect(timeline.projectedUpgrade).toEqual({ fromMonth: 9, resource: "storageGb", extraMonthlyMinor: 2_000 });
    expect(timeline.months[8]!.projectedUpgradeMinor).toBe(0);
    expect(timeline.months[9]!.projectedUpgradeMinor).toBe(2_000);
    expect(timeline.contractTotalMinor).toBe(120_000);
    expect(timeline.withUpgradeTotalMinor).toBe(120_000 + 4 * 2_000);
    expect(timeline.months.filter((m) => m.overlap).map((m) => m.month)).toEqual([1]);
    expect(timeline.runs.map((r) => [r.from, r.to])).toEqual([
      [0, 0],
      [1, 1],
      [2, 8],
      [9, 12],
    ]);
  });

  it("never predicts an upgrade after the term or without a next step", () => {
    const base = { termMonths: 12, lines: [{ kind: "server", monthlyMinor: 100, setupMinor: 0 }] };
    expect(
      costTimeline({ ...base, runsOutFirst: { resource: "ramGb", months: 12, nextStepMonthlyMinor: 50 } })
        .projectedUpgrade,
    ).toBeNull();
    expect(
      costTimeline({ ...base, runsOutFirst: { resource: "ramGb", months: 3, nextStepMonthlyMinor: null } })
        .projectedUpgrade,
    ).toBeNull();
    expect(
      costTimeline({ ...base, runsOutFirst: { resource: "ramGb", months: null, nextStepMonthlyMinor: 50 } })
        .projectedUpgrade,
    ).toBeNull();
  });

  it("sums to one-off plus term × monthly for any lines (property)", () => {
    const line = fc.record({
      kind: fc.constantFrom("server", "addon", "discount", "custom"),
      monthlyMinor: fc.integer({ min: -100_000, max: 1_000_000 }),
      setupMinor: fc.integer({ min: 0, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom(1, 12, 24, 36), (lines, termMonths) => {
        const t = costTimeline({ lines, termMonths });
        const oneOff = lines.reduce((s, l) => s + l.setupMinor, 0);
        const monthly = lines.reduce((s, l) => s + l.monthlyMinor, 0);
        expect(t.contractTotalMinor).toBe(oneOff + termMonths * monthly);
      }),
      { numRuns: 200 },
    );
  });
});
