/**
 * Shapes a technician would run (issue 14, item 2) on fixed requests with the seed catalog: the
 * agency from the issue, the operations weight against sprawl, the model limit and the server cap.
 */
import { describe, expect, it } from "vitest";
import type { Catalog } from "~/domain/catalog";
import { estimate } from "~/domain/engine";
import { AVAILABILITY_PLANS, type Role, bestPlacement, distinctModels, fitRoles } from "~/domain/fit";
import type { QuoteInput } from "~/domain/quote-input";
import { zeroResources } from "~/domain/resources";
import { RULES } from "~/domain/rules";
import { seedCatalog } from "../fixtures/catalog";
import { exhaustiveCost } from "../support/exhaustive";

const catalog = seedCatalog();
const withWeight = (minor: number): Catalog => ({
  ...catalog,
  priceBook: { ...catalog.priceBook, opsMinorPerServerMonth: minor },
});

/** The agency: a WooCommerce shop, a 200 GB PostgreSQL database and Nextcloud for 150 users at 99.9 %. */
const agency = (termMonths: 1 | 12 | 36): QuoteInput => ({
  requirements: { availability: "high", termMonths, region: "eu" },
  workloads: [
    { kind: "wordpress", visitsPerDay: 20_000, woocommerce: true, products: 5000 },
    { kind: "database", engine: "postgresql", dataGb: 200 },
    { kind: "nextcloud", users: 150 },
  ],
});

const volumesPerServer = (r: ReturnType<typeof estimate>) =>
  r.proposals.flatMap((p) =>
    p.placements.map((x) =>
      x.config.storageAddons.filter((a) => a.addon.kind === "volume").reduce((n, a) => n + a.units, 0),
    ),
  );

describe("the agency from issue 14", () => {
  for (const term of [1, 12, 36] as const) {
    it(`gets a Lean tier of at most four servers and at most two models (${term}-month term)`, () => {
      const r = estimate(agency(term), catalog);
      const lean = r.proposals.find((p) => p.tier === "lean")!;
      const balanced = r.proposals.find((p) => p.tier === "balanced");
      expect(lean.serverCount).toBeLessThanOrEqual(4);
      expect(lean.serverCount).toBe(lean.servers.reduce((n, s) => n + s.quantity, 0));
      for (const p of r.proposals) expect(distinctModels(p.placements)).toBeLessThanOrEqual(2);
      for (const v of volumesPerServer(r)) expect(v).toBeLessThanOrEqual(RULES.fit.maxVolumeBlocks);
      if (balanced) {
        expect(lean.serverCount).toBeLessThanOrEqual(balanced.serverCount);
        expect(lean.totals.monthlyMinor).toBeLessThanOrEqual(balanced.totals.monthlyMinor);
      }
    });
  }

  it("is charged the price book's prices: the operations weight is never part of a price", () => {
    for (const c of [catalog, withWeight(0), withWeight(50_000)]) {
      for (const p of estimate(agency(12), c).proposals) {
        for (const line of p.lines.filter((l) => l.sku)) {
          expect(line.unitMonthlyMinor).toBe(c.priceBook.prices[line.sku!]!.monthlyMinor);
          expect(line.monthlyMinor).toBe(line.unitMonthlyMinor * line.quantity);
        }
        expect(p.totals.monthlyMinor).toBe(p.lines.reduce((s, l) => s + l.monthlyMinor, 0));
      }
    }
  });
});

describe("the operations weight", () => {
  // 400,000 visits a day: many small cloud servers are the cheapest price, but not by enough.
  const busySite: QuoteInput = {
    requirements: { availability: "standard", termMonths: 12, region: "eu" },
    workloads: [{ kind: "web_app", visitsPerDay: 400_000 }],
  };

  it("comes from the price book and defaults to 15 minutes at EUR 84 an hour", () => {
    const ops = RULES.fit.operations;
    expect(ops.defaultMinorPerServerMonth).toBe((ops.minutesPerServerMonth / 60) * ops.technicianMinorPerHour);
    expect(catalog.priceBook.opsMinorPerServerMonth).toBe(ops.defaultMinorPerServerMonth);
  });

  it("makes sprawl lose unless it saves at least the weight per extra server", () => {
    const free = estimate(busySite, withWeight(0)).proposals.find((p) => p.tier === "lean")!;
    const weighed = estimate(busySite, catalog).proposals.find((p) => p.tier === "lean")!;
    expect(weighed.serverCount).toBeLessThan(free.serverCount);
    // Fewer servers cost more, and the saving of the larger fleet is below its operations weight.
    const saving = weighed.totals.monthlyMinor - free.totals.monthlyMinor;
    expect(saving).toBeGreaterThan(0);
    expect(saving).toBeLessThan((free.serverCount - weighed.serverCount) * catalog.priceBook.opsMinorPerServerMonth);
    // A weight of almost nothing changes nothing against the free run.
    expect(estimate(busySite, withWeight(1)).proposals[0]!.serverCount).toBe(free.serverCount);
  });
});

describe("limits on a tier's shape", () => {
  const eu = catalog.servers.filter((s) => s.regions.includes("eu"));
  const role = (id: string, r: Partial<ReturnType<typeof zeroResources>>): Role => ({
    id,
    kind: "custom",
    splittable: false,
    resources: { ...zeroResources(), ...r },
    trafficTb: 0,
    workloadIndexes: [0],
  });
  // Three machines, each cheapest on a model of its own, in a price book where the largest cloud
  // server is dear: merging two machines onto it costs more than running them apart.
  const cloud = eu.filter((s) => ["cx23", "cx33", "cx43"].includes(s.sku));
  const machines = [
    role("small", { vcpu: 2, ramGb: 1 }),
    role("mid", { vcpu: 4, ramGb: 2 }),
    role("big", { vcpu: 8, ramGb: 4 }),
  ];
  const dearLarge: Catalog = {
    ...catalog,
    priceBook: {
      ...catalog.priceBook,
      opsMinorPerServerMonth: 0,
      prices: {
        ...catalog.priceBook.prices,
        cx23: { monthlyMinor: 300, setupMinor: 0 },
        cx33: { monthlyMinor: 500, setupMinor: 0 },
        cx43: { monthlyMinor: 2000, setupMinor: 0 },
      },
    },
  };

  it("uses at most two models even where three would be cheaper, and the exhaustive search agrees", () => {
    const alone = machines.map((r) => bestPlacement([r], AVAILABILITY_PLANS.standard, cloud, dearLarge, 1)!);
    expect(alone.map((p) => p.config.model.sku)).toEqual(["cx23", "cx33", "cx43"]);
    const placements = fitRoles(machines, AVAILABILITY_PLANS.standard, cloud, dearLarge, 1)!;
    expect(distinctModels(placements)).toBe(2);
    // Small and mid share the CX33 model (two servers), big keeps its CX43: 5 + 5 + 20 a month.
    expect(placements.reduce((s, p) => s + p.termCostMinor, 0)).toBe(3000);
    expect(placements.reduce((s, p) => s + p.termCostMinor, 0)).toBeGreaterThan(
      alone.reduce((s, p) => s + p.termCostMinor, 0),
    );
    expect(placements.reduce((s, p) => s + p.objectiveMinor, 0)).toBe(
      exhaustiveCost(machines, AVAILABILITY_PLANS.standard, cloud, dearLarge, 1),
    );
  });

  it("holds a layout to a server cap, and gives none when nothing that small holds the roles", () => {
    const free = withWeight(0);
    const capped = fitRoles(machines, AVAILABILITY_PLANS.standard, eu, free, 12, { maxServers: 1 })!;
    expect(capped.reduce((n, p) => n + p.count, 0)).toBe(1);
    expect(capped.reduce((s, p) => s + p.objectiveMinor, 0)).toBeCloseTo(
      exhaustiveCost(machines, AVAILABILITY_PLANS.standard, eu, free, 12, 1)!,
      6,
    );
    const copies = [role("database", { vcpu: 2, ramGb: 4 })];
    expect(fitRoles(copies, AVAILABILITY_PLANS.high, eu, free, 12, { maxServers: 1 })).toBeNull();
  });

  it("never puts more than four volume blocks on a cloud server", () => {
    const storage = role("files", { vcpu: 1, ramGb: 1, ssdGb: 700 });
    const p = bestPlacement([storage], AVAILABILITY_PLANS.standard, cloud, catalog, 12);
    // CX43's own 160 GB plus four 100 GB volumes is 560 GB: 700 GB does not fit the cloud line.
    expect(p).toBeNull();
    const fits = bestPlacement(
      [role("files", { vcpu: 1, ramGb: 1, ssdGb: 500 })],
      AVAILABILITY_PLANS.standard,
      cloud,
      catalog,
      12,
    )!;
    const volumes = fits.config.storageAddons.filter((a) => a.addon.kind === "volume");
    expect(volumes.reduce((n, a) => n + a.units, 0)).toBeLessThanOrEqual(4);
  });
});
