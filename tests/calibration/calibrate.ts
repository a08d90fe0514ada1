/**
 * Runs every calibration case through the engine's demand (no catalog needed) and compares:
 * base (before growth and the estimate margin, with the copies the availability asks for) and
 * total (with growth and margin) against the vendor's figures.
 */
import { demandSummary } from "~/domain/engine";
import type { QuoteInput } from "~/domain/quote-input";
import { CASES, type CalibrationCase } from "./cases";

/** Base demand within [0.8x, 1.25x] of the vendor's figure, the total within [0.8x, 2x]. */
export const BASE_BAND = [0.8, 1.25] as const;
export const TOTAL_BAND = [0.8, 2] as const;

type Resource = "vcpu" | "ramGb" | "storageGb";

export interface Comparison {
  resource: Resource;
  vendor: number;
  base: number;
  total: number;
  baseRatio: number;
  totalRatio: number;
  ok: boolean;
}

export interface CaseResult {
  case: CalibrationCase;
  comparisons: Comparison[];
  pass: boolean;
  /** The breakdown as reported, for the table. */
  growth: { vcpu: number; ramGb: number };
  margin: { vcpu: number; ramGb: number };
}

/** The engine input of a case: a year's term, default growth, estimated inputs (so the margin applies). */
export function inputOf(c: CalibrationCase): QuoteInput {
  return { requirements: { availability: c.availability, termMonths: 12, region: "eu" }, workloads: [c.workload] };
}

const within = (x: number, [lo, hi]: readonly [number, number]) => x >= lo - 1e-9 && x <= hi + 1e-9;

export function calibrate(c: CalibrationCase): CaseResult {
  const { breakdown } = demandSummary(inputOf(c));
  const comparisons: Comparison[] = [];
  for (const resource of ["vcpu", "ramGb", "storageGb"] as const) {
    const vendor = c.vendor[resource];
    if (vendor === null || vendor === undefined) continue;
    const base = breakdown.base[resource] + breakdown.copies[resource];
    const total = breakdown.total[resource];
    const baseRatio = base / vendor;
    const totalRatio = total / vendor;
    comparisons.push({
      resource,
      vendor,
      base,
      total,
      baseRatio,
      totalRatio,
      ok: within(baseRatio, BASE_BAND) && within(totalRatio, TOTAL_BAND),
    });
  }
  return {
    case: c,
    comparisons,
    pass: comparisons.length > 0 && comparisons.every((x) => x.ok),
    growth: { vcpu: breakdown.growth.vcpu, ramGb: breakdown.growth.ramGb },
    margin: { vcpu: breakdown.margin.vcpu, ramGb: breakdown.margin.ramGb },
  };
}

export const calibrateAll = (): CaseResult[] => CASES.map(calibrate);

const f = (n: number, d = 1) => n.toFixed(d);

/** The table `npm run calibration` prints. */
export function calibrationTable(results: readonly CaseResult[]): string {
  const head = ["case", "avail", "res", "vendor", "base", "base/vendor", "total", "total/vendor", "result"];
  const rows: string[][] = [];
  for (const r of results) {
    for (const x of r.comparisons) {
      const status = x.ok ? "pass" : r.case.knownMiss ? "known miss" : "MISS";
      rows.push([
        r.case.id,
        r.case.availability,
        x.resource,
        f(x.vendor),
        f(x.base),
        f(x.baseRatio, 2),
        f(x.total),
        f(x.totalRatio, 2),
        status,
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 3 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const passed = results.filter((r) => r.pass).length;
  const misses = results.filter((r) => !r.pass);
  return [
    line(head),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    "",
    `base = before growth and the estimate margin, with the copies the availability asks for; band ${BASE_BAND.join("-")}x. total = with growth (default 20 %/year, 12 months) and the margin on estimates; band ${TOTAL_BAND.join("-")}x.`,
    `${passed} of ${results.length} cases pass.`,
    ...misses.map((r) => `  ${r.case.id}: ${r.case.knownMiss ?? "not met"}`),
  ].join("\n");
}
