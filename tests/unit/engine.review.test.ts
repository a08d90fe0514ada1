import { describe, expect, it } from "vitest";
import { REVIEW_CODES, estimate } from "~/domain/engine";
import type { QuoteInput } from "~/domain/quote-input";
import { seedCatalog } from "../fixtures/catalog";

const catalog = seedCatalog();
const small: QuoteInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 5000, measured: ["visitsPerDay", "pagesPerVisit", "pageWeightKb"] }],
};
const codes = (q: QuoteInput) => estimate(q, catalog).review.reasons.map((r) => r.code);
const withReq = (req: Partial<QuoteInput["requirements"]>): QuoteInput => ({
  ...small,
  requirements: { ...small.requirements, ...req },
});

describe("review triggers", () => {
  it("a plain small request needs no review", () => {
    expect(codes(small)).toEqual([]);
  });

  it.each<[string, QuoteInput, string]>([
    ["GPU", { ...small, workloads: [{ kind: "raw", vcpu: 8, ramGb: 32, gpu: 1 }] }, "gpu"],
    ["critical availability", withReq({ availability: "critical" }), "critical_availability"],
    ["PCI-DSS", withReq({ compliance: ["pci_dss"] }), "compliance"],
    ["HIPAA", withReq({ compliance: ["hipaa"] }), "compliance"],
    ["data residency", withReq({ compliance: ["data_residency"], dataResidencyCountry: "de" }), "compliance"],
    ["own IP ranges", withReq({ networking: { ownIpRanges: true } }), "custom_networking"],
    ["BGP", withReq({ networking: { bgp: true } }), "custom_networking"],
    ["25 Gbit/s", withReq({ networking: { uplinkGbit: 25 } }), "custom_networking"],
    [
      "over 100 TB",
      { ...small, workloads: [{ kind: "file_storage", dataGb: 120_000, access: "archive", measured: ["dataGb"] }] },
      "large_data",
    ],
    [
      "a 15-minute migration window",
      withReq({ migration: { fromExistingServer: true, maxDowntimeMinutes: 15 } }),
      "short_migration_window",
    ],
    ["a budget of 1 EUR", withReq({ monthlyBudgetMinor: 100 }), "budget_below_cheapest"],
    [
      "a large order on estimates",
      { ...small, workloads: [{ kind: "gitlab", users: 8_000 }] },
      "low_confidence_large_order",
    ],
    ["special requirements", withReq({ specialRequirements: "Please call me" }), "special_requirements"],
    ["no catalog fit", { ...small, workloads: [{ kind: "raw", vcpu: 1000, ramGb: 8000 }] }, "no_catalog_fit"],
  ])("%s goes to review", (_name, q, code) => {
    expect(codes(q)).toContain(code);
  });

  it("has a message for every code in both languages", async () => {
    const { default: en } = await import("~/locales/en");
    const { default: es } = await import("~/locales/es");
    for (const code of REVIEW_CODES) {
      expect(en.quote.reviewReasons[code]).toBeTruthy();
      expect(es.quote.reviewReasons[code]).toBeTruthy();
    }
  });

  it("does not flag what stays inside the limits", () => {
    expect(
      codes(
        withReq({
          networking: { uplinkGbit: 10 },
          migration: { fromExistingServer: true, maxDowntimeMinutes: 60 },
          monthlyBudgetMinor: 1_000_000,
        }),
      ),
    ).toEqual([]);
    expect(codes({ ...small, workloads: [{ kind: "gitlab", users: 8_000, measured: ["users"] }] })).not.toContain(
      "low_confidence_large_order",
    );
  });
});

describe("availability tiers", () => {
  const gitlab: QuoteInput = {
    requirements: { availability: "high", termMonths: 12, region: "eu" },
    workloads: [{ kind: "gitlab", users: 3000 }],
  };

  it("high: copies of every non-spreadable role on separate servers, spreadable roles N+1", () => {
    const lean = estimate(gitlab, catalog).proposals[0]!;
    for (const p of lean.placements) {
      const hasWhole = p.roles.some((r) => ["database", "cache", "repository"].includes(r));
      if (hasWhole) expect(p.count).toBeGreaterThanOrEqual(2);
      if (p.roles.includes("app")) expect(p.count - p.usable).toBeGreaterThanOrEqual(1);
    }
    expect(lean.failure.ruleId).toBe("failure.high");
  });

  it("reports per-role need per copy and totals with every replica", () => {
    const r = estimate(gitlab, catalog);
    const db = r.demand.roles.find((x) => x.role === "database")!;
    expect(db.replicas).toBe(2);
    const total = r.demand.roles.reduce((s, x) => s + x.vcpu * x.replicas, 0);
    expect(r.demand.vcpu).toBeCloseTo(total, 1);
  });

  it("a Kubernetes control plane keeps three copies when highly available", () => {
    const r = estimate(
      {
        requirements: { availability: "high", termMonths: 12, region: "eu" },
        workloads: [{ kind: "kubernetes", workerNodes: 20 }],
      },
      catalog,
    );
    expect(r.demand.roles[0]).toMatchObject({ role: "control_plane-1", replicas: 3 });
    expect(r.proposals[0]!.placements[0]!.count).toBeGreaterThanOrEqual(3);
  });

  it("GPU work lands on a GPU server", () => {
    const r = estimate({ ...small, workloads: [{ kind: "raw", vcpu: 8, ramGb: 32, gpu: 1 }] }, catalog);
    expect(r.proposals[0]!.servers[0]!.line).toBe("gpu");
  });

  it("says what runs out first, when, and what the next step costs", () => {
    const r = estimate(
      {
        requirements: { availability: "standard", termMonths: 12, region: "eu", growthPercentPerYear: 30 },
        workloads: [{ kind: "database", dataGb: 200 }],
      },
      catalog,
    );
    const out = r.proposals[0]!.runsOutFirst!;
    expect(["vcpu", "ramGb", "storageGb"]).toContain(out.resource);
    expect(out.months).not.toBeNull();
    expect(out.months!).toBeGreaterThanOrEqual(12); // sized for the 12-month term already
    expect(out.nextStepMonthlyMinor).not.toBeNull();
    const noGrowth = estimate(
      {
        requirements: { availability: "standard", termMonths: 12, region: "eu", growthPercentPerYear: 0 },
        workloads: [{ kind: "database", dataGb: 200 }],
      },
      catalog,
    );
    expect(noGrowth.proposals[0]!.runsOutFirst!.months).toBeNull();
  });
});
