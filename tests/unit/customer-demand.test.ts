import { describe, expect, it } from "vitest";
import { type DemandSummary, demandSummary } from "~/domain/engine";
import { quoteInputSchema } from "~/domain/quote-input";
import { customerDemand } from "~/presenters/customer-quote";

const input = quoteInputSchema.parse({
  requirements: { availability: "high", termMonths: 12, region: "eu" },
  workloads: [{ kind: "nextcloud", users: 150 }],
});

describe("customerDemand", () => {
  it("carries the breakdown that adds up to the headline", () => {
    const d = customerDemand(demandSummary(input), "high");
    const b = d.breakdown!;
    for (const k of ["vcpu", "ramGb", "storageGb"] as const) {
      expect(b.base[k] + b.copies[k] + b.growth[k] + b.margin[k]).toBeCloseTo(d[k], 1);
      expect(b.copies[k]).toBeCloseTo(b.base[k], 6); // 99.9 %: a second copy of everything
    }
    expect(d.availability).toBe("high");
    expect(d).not.toHaveProperty("roles");
  });

  it("shows a quote stored before the breakdown existed with its totals only", () => {
    const { breakdown: _, ...stored } = demandSummary(input);
    const d = customerDemand(stored as DemandSummary, "high");
    expect(d.breakdown).toBeNull();
    expect(d.storageGb).toBe(stored.storageGb);
  });
});
