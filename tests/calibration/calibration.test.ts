import { describe, expect, it } from "vitest";
import { LEAN_PROFILE, workloadDemands } from "~/domain/demand";
import { demandSummary } from "~/domain/engine";
import { CASES } from "./cases";
import { BASE_BAND, TOTAL_BAND, calibrate, inputOf } from "./calibrate";

describe("calibration against vendors' published sizings (issue 14)", () => {
  it("every case cites an https source and states at least one vendor figure", () => {
    const ids = new Set<string>();
    for (const c of CASES) {
      expect(c.source).toMatch(/^https:\/\//);
      expect(ids.has(c.id)).toBe(false);
      ids.add(c.id);
      expect([c.vendor.vcpu, c.vendor.ramGb, c.vendor.storageGb].some((v) => typeof v === "number" && v > 0)).toBe(
        true,
      );
    }
  });

  it.each(CASES.filter((c) => !c.knownMiss).map((c) => [c.id, c] as const))(
    `%s: base within [${BASE_BAND.join(", ")}]x of the vendor, total within [${TOTAL_BAND.join(", ")}]x`,
    (_id, c) => {
      const r = calibrate(c);
      for (const x of r.comparisons) {
        expect
          .soft(x.baseRatio, `${c.id} ${x.resource} base ${x.base} vs vendor ${x.vendor}`)
          .toBeGreaterThanOrEqual(BASE_BAND[0]);
        expect
          .soft(x.baseRatio, `${c.id} ${x.resource} base ${x.base} vs vendor ${x.vendor}`)
          .toBeLessThanOrEqual(BASE_BAND[1]);
        expect
          .soft(x.totalRatio, `${c.id} ${x.resource} total ${x.total} vs vendor ${x.vendor}`)
          .toBeGreaterThanOrEqual(TOTAL_BAND[0]);
        expect
          .soft(x.totalRatio, `${c.id} ${x.resource} total ${x.total} vs vendor ${x.vendor}`)
          .toBeLessThanOrEqual(TOTAL_BAND[1]);
      }
    },
  );

  it("every known miss says why, and really misses (so it is not left behind once fixed)", () => {
    for (const c of CASES.filter((x) => x.knownMiss)) {
      expect(c.knownMiss!.length).toBeGreaterThan(20);
      expect(calibrate(c).pass).toBe(false);
    }
  });

  it("the breakdown adds up: base + copies + growth + margin = the reported total", () => {
    for (const c of CASES) {
      const d = demandSummary(inputOf(c));
      const b = d.breakdown;
      for (const k of ["vcpu", "ramGb", "storageGb"] as const) {
        expect(b.base[k] + b.copies[k] + b.growth[k] + b.margin[k]).toBeCloseTo(b.total[k], 0);
        expect(b.copies[k]).toBeGreaterThanOrEqual(0);
        expect(b.growth[k]).toBeGreaterThanOrEqual(-1e-6);
        expect(b.margin[k]).toBeGreaterThanOrEqual(-1e-6);
      }
      expect(b.total.vcpu).toBeCloseTo(d.vcpu, 1);
      expect(b.total.ramGb).toBeCloseTo(d.ramGb, 1);
      expect(b.total.storageGb).toBeCloseTo(d.storageGb, 0);
    }
  });

  it("growth and the margin are visible in the explanation, never stacked silently", () => {
    for (const c of CASES) {
      const input = inputOf(c);
      const d = demandSummary(input);
      const rules = new Set(
        workloadDemands(input.workloads, input.requirements, LEAN_PROFILE).flatMap((w) =>
          w.figures.flatMap((f) => f.rules.map((r) => r.ruleId)),
        ),
      );
      if (d.breakdown.growth.vcpu > 0.01 || d.breakdown.growth.ramGb > 0.01)
        expect([...rules].some((r) => r.startsWith("growth."))).toBe(true);
      if (d.breakdown.margin.vcpu > 0.01 || d.breakdown.margin.ramGb > 0.01) {
        expect(rules.has("confidence.margin")).toBe(true);
        expect(d.breakdown.marginPercent).toBe(20);
      }
    }
  });
});
