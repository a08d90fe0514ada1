import { describe, expect, it } from "vitest";
import { zeroResources } from "~/domain/demand";
import {
  AVAILABILITY_PLANS,
  type Role,
  bestPlacement,
  configureServer,
  covers,
  fitRoles,
  perServerNeed,
  setPartitions,
} from "~/domain/fit";
import { seedCatalog } from "../fixtures/catalog";

const catalog = seedCatalog();
const model = (sku: string) => catalog.servers.find((s) => s.sku === sku)!;
const need = (r: Partial<ReturnType<typeof zeroResources>>) => ({ ...zeroResources(), ...r });
const role = (id: string, splittable: boolean, r: Partial<ReturnType<typeof zeroResources>>): Role => ({
  id,
  kind: splittable ? "app" : "database",
  splittable,
  resources: need(r),
  trafficTb: 0,
  workloadIndexes: [0],
});

describe("configureServer", () => {
  it("fits a need inside the base model without add-ons", () => {
    const cfg = configureServer(model("ex44"), need({ vcpu: 10, ramGb: 60, nvmeGb: 400 }), catalog, 12)!;
    expect(cfg.ramAddon).toBeNull();
    expect(cfg.storageAddons).toEqual([]);
    expect(cfg.monthlyMinor).toBe(4900);
    expect(cfg.setupMinor).toBe(9900);
  });

  it("adds RAM modules up to the model's maximum, never beyond", () => {
    const cfg = configureServer(model("ex44"), need({ vcpu: 4, ramGb: 100 }), catalog, 12)!;
    expect(cfg.ramAddon?.units).toBe(2); // 64 + 2 x 32 = 128
    expect(cfg.capacity.ramGb).toBe(128);
    expect(cfg.monthlyMinor).toBe(4900 + 2 * 1000);
    expect(configureServer(model("ex44"), need({ vcpu: 4, ramGb: 129 }), catalog, 12)).toBeNull();
  });

  it("adds disks in mirrored pairs into free bays", () => {
    const cfg = configureServer(model("ex44"), need({ vcpu: 4, ramGb: 8, nvmeGb: 2000 }), catalog, 12)!;
    const disk = cfg.storageAddons[0]!;
    expect(disk.addon.sku).toBe("disk-nvme-1920");
    expect(disk.units).toBe(2);
    expect(cfg.capacity.nvmeGb).toBe(512 + 1920);
    // Two free bays only: a second pair does not fit.
    expect(configureServer(model("ex44"), need({ vcpu: 4, ramGb: 8, nvmeGb: 2500 }), catalog, 12)).toBeNull();
  });

  it("uses faster storage for slower needs but never the reverse", () => {
    expect(configureServer(model("cx23"), need({ vcpu: 1, ramGb: 2, hddGb: 30 }), catalog, 12)?.storageAddons).toEqual(
      [],
    );
    const sx = configureServer(model("sx65"), need({ vcpu: 1, ramGb: 2, nvmeGb: 2000 }), catalog, 12);
    expect(sx).toBeNull(); // 1 TB NVMe and no free bays: 44 TB of HDD does not count as NVMe
  });

  it("attaches block volumes to cloud servers", () => {
    const cfg = configureServer(model("cx23"), need({ vcpu: 1, ramGb: 2, ssdGb: 250 }), catalog, 12)!;
    expect(cfg.storageAddons[0]).toMatchObject({ units: 3, usableGb: 300 });
    expect(cfg.capacity.ssdGb).toBe(300);
  });

  it("refuses CPU, RAM or bandwidth beyond the model", () => {
    expect(configureServer(model("cx23"), need({ vcpu: 3 }), catalog, 12)).toBeNull();
    expect(configureServer(model("cx23"), need({ vcpu: 1, ramGb: 5 }), catalog, 12)).toBeNull();
    expect(configureServer(model("cx23"), need({ vcpu: 1, mbps: 800 }), catalog, 12)).toBeNull();
  });
});

describe("availability plans", () => {
  it("standard spreads a splittable role over all servers", () => {
    const per = perServerNeed([role("app", true, { vcpu: 30, ramGb: 10 })], 3, AVAILABILITY_PLANS.standard)!;
    expect(per.need.vcpu).toBe(10);
    expect(per.need.ramGb).toBeCloseTo(10 / 3 + 1, 10);
  });

  it("high keeps one spare server and at least two", () => {
    expect(perServerNeed([role("app", true, { vcpu: 8 })], 1, AVAILABILITY_PLANS.high)).toBeNull();
    expect(perServerNeed([role("app", true, { vcpu: 8 })], 3, AVAILABILITY_PLANS.high)!.need.vcpu).toBe(4);
  });

  it("high puts two copies of a database on separate servers", () => {
    const db = role("database", false, { vcpu: 2, ramGb: 20, nvmeGb: 100 });
    const p = bestPlacement(
      [db],
      AVAILABILITY_PLANS.high,
      catalog.servers.filter((s) => s.gpuCount === 0),
      catalog,
      12,
    )!;
    expect(p.count).toBe(2);
    expect(covers(p.config.capacity, need({ vcpu: 2, ramGb: 21, nvmeGb: 100 }))).toBe(true);
  });

  it("critical survives losing half the servers", () => {
    expect(perServerNeed([role("app", true, { vcpu: 8 })], 4, AVAILABILITY_PLANS.critical)!.need.vcpu).toBe(4);
  });
});

describe("layout search", () => {
  it("enumerates all set partitions (Bell numbers)", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => setPartitions(Array.from({ length: n }, (_, i) => i)).length)).toEqual([
      1, 2, 5, 15, 52, 203,
    ]);
  });

  it("picks the cheapest layout and never shares a server between groups", () => {
    const roles = [
      role("app", true, { vcpu: 3, ramGb: 3, ssdGb: 20 }),
      role("database", false, { vcpu: 2, ramGb: 6, nvmeGb: 60 }),
    ];
    const placements = fitRoles(
      roles,
      AVAILABILITY_PLANS.standard,
      catalog.servers.filter((s) => s.regions.includes("eu") && s.gpuCount === 0),
      catalog,
      12,
    )!;
    const placed = placements.flatMap((p) => p.roles).sort();
    expect(placed).toEqual(["app", "database"]);
    for (const p of placements) expect(covers(p.config.capacity, p.perServer)).toBe(true);
  });

  it("returns null when nothing in the catalog fits", () => {
    const roles = [role("database", false, { vcpu: 4, ramGb: 5000 })];
    expect(fitRoles(roles, AVAILABILITY_PLANS.standard, catalog.servers, catalog, 12)).toBeNull();
  });
});
