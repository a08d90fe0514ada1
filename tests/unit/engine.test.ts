import { describe, expect, it } from "vitest";
import { estimate } from "~/domain/engine";
import type { QuoteInput } from "~/domain/quote-input";
import { seedCatalog } from "../fixtures/catalog";

const catalog = seedCatalog();
const base: QuoteInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [
    { kind: "web_app", name: "Shop", visitsPerDay: 150_000 },
    { kind: "database", name: "Orders", dataGb: 1000 },
  ],
};

describe("estimate", () => {
  it("returns lean, balanced and resilient proposals, each priced and explained", () => {
    const r = estimate(base, catalog);
    expect(r.proposals.map((p) => p.tier)).toEqual(["lean", "balanced", "resilient"]);
    expect(r.proposals.map((p) => p.availability)).toEqual(["standard", "standard", "high"]);
    for (const p of r.proposals) {
      expect(p.lines.length).toBeGreaterThan(0);
      for (const l of p.lines) expect(l.why.length).toBeGreaterThan(0);
      expect(p.explanation.some((e) => e.ruleId.startsWith("web."))).toBe(true);
      expect(p.explanation.some((e) => e.ruleId.startsWith("db."))).toBe(true);
    }
    expect(r.review).toEqual({ required: false, reasons: [] });
  });

  it("orders tiers by price: lean is never dearer than balanced or resilient", () => {
    const [lean, balanced, resilient] = estimate(base, catalog).proposals;
    expect(lean!.totals.termTotalMinor).toBeLessThanOrEqual(balanced!.totals.termTotalMinor);
    expect(lean!.totals.termTotalMinor).toBeLessThanOrEqual(resilient!.totals.termTotalMinor);
  });

  it("applies the term discount as its own line on monthly prices", () => {
    const monthly = estimate({ ...base, requirements: { ...base.requirements, termMonths: 1 } }, catalog).proposals[0]!;
    const yearly = estimate({ ...base, requirements: { ...base.requirements, termMonths: 36 } }, catalog).proposals[0]!;
    expect(monthly.lines.some((l) => l.kind === "discount")).toBe(false);
    const discount = yearly.lines.find((l) => l.kind === "discount")!;
    const recurring = yearly.lines.filter((l) => l.kind !== "discount").reduce((s, l) => s + l.monthlyMinor, 0);
    expect(discount.monthlyMinor).toBe(-Math.round(recurring * 0.1));
    expect(yearly.totals.termTotalMinor).toBe(yearly.totals.setupMinor + yearly.totals.monthlyMinor * 36);
  });

  it("uses only servers sold in the chosen region and never a GPU server for CPU work", () => {
    const us = estimate(
      {
        workloads: [
          { kind: "web_app", visitsPerDay: 20_000 },
          { kind: "database", dataGb: 50 },
        ],
        requirements: { ...base.requirements, region: "us" },
      },
      catalog,
    );
    const usSkus = new Set(catalog.servers.filter((s) => s.regions.includes("us")).map((s) => s.sku));
    expect(us.proposals.length).toBeGreaterThan(0);
    for (const p of us.proposals) for (const s of p.servers) expect(usSkus.has(s.sku)).toBe(true);
    const big = estimate({ ...base, workloads: [{ kind: "raw", vcpu: 20, ramGb: 60 }] }, catalog);
    for (const p of big.proposals) for (const s of p.servers) expect(s.line).not.toBe("gpu");
  });

  it("high availability: two servers for each copy, a load balancer and a failover IP", () => {
    const r = estimate({ ...base, requirements: { ...base.requirements, availability: "high" } }, catalog);
    const lean = r.proposals[0]!;
    expect(lean.servers.reduce((s, x) => s + x.quantity, 0)).toBeGreaterThanOrEqual(2);
    expect(lean.lines.some((l) => l.kind === "load_balancer")).toBe(true);
    expect(lean.lines.some((l) => l.kind === "ipv4")).toBe(true);
    expect(r.proposals.at(-1)!.availability).toBe("critical");
  });

  it("adds backup storage sized by the backup rule", () => {
    const r = estimate({ ...base, requirements: { ...base.requirements, backupRetentionDays: 30 } }, catalog);
    const backup = r.proposals[0]!.lines.find((l) => l.kind === "backup")!;
    expect(backup.quantity).toBe(Math.ceil(r.backup.backupGb / 1000));
    const none = estimate({ ...base, requirements: { ...base.requirements, backupRetentionDays: 0 } }, catalog);
    expect(none.proposals[0]!.lines.some((l) => l.kind === "backup")).toBe(false);
  });

  it("bills traffic above what the servers include", () => {
    const r = estimate(
      { ...base, workloads: [{ kind: "web_app", visitsPerDay: 400_000, dynamicPages: false }] },
      catalog,
    );
    const lean = r.proposals[0]!;
    const included = lean.servers.reduce(
      (s, x) => s + (catalog.servers.find((m) => m.sku === x.sku)!.includedTrafficTb ?? Infinity) * x.quantity,
      0,
    );
    const traffic = lean.lines.find((l) => l.kind === "traffic");
    if (r.demand.trafficTbPerMonth > included)
      expect(traffic!.quantity).toBe(Math.ceil(r.demand.trafficTbPerMonth - included - 1e-9));
    else expect(traffic).toBeUndefined();
  });

  it("flags special requirements and critical availability for review, and still proposes", () => {
    const r = estimate(
      {
        ...base,
        requirements: { ...base.requirements, availability: "critical", specialRequirements: "PCI-DSS please" },
      },
      catalog,
    );
    expect(r.review.required).toBe(true);
    expect(r.review.reasons.map((x) => x.code)).toEqual(
      expect.arrayContaining(["critical_availability", "special_requirements"]),
    );
    expect(r.proposals.length).toBeGreaterThan(0);
    const blank = estimate({ ...base, requirements: { ...base.requirements, specialRequirements: "   " } }, catalog);
    expect(blank.review.required).toBe(false);
  });

  it("flags no catalog fit when nothing can hold the workload", () => {
    const r = estimate({ ...base, workloads: [{ kind: "raw", vcpu: 512, ramGb: 4096 }] }, catalog);
    expect(r.proposals).toEqual([]);
    expect(r.unavailableTiers).toEqual(["lean", "balanced", "resilient"]);
    expect(r.review.reasons.map((x) => x.code)).toEqual(["no_catalog_fit"]);
  });

  it("leaves out a tier that would repeat an earlier one", () => {
    const r = estimate(
      {
        requirements: {
          availability: "critical",
          termMonths: 1,
          region: "eu",
          growthPercentPerYear: 0,
          backupRetentionDays: 0,
        },
        workloads: [{ kind: "raw", vcpu: 1, ramGb: 1 }],
      },
      catalog,
    );
    const tiers = r.proposals.map((p) => p.tier);
    expect(new Set(r.proposals.map((p) => JSON.stringify(p.lines.map((l) => [l.sku, l.quantity])))).size).toBe(
      tiers.length,
    );
    expect(tiers).not.toContain("resilient"); // critical has no tier above it
  });

  it("is deterministic", () => {
    expect(estimate(base, catalog)).toEqual(estimate(base, catalog));
  });
});
