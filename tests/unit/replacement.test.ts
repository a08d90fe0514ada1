import { describe, expect, it } from "vitest";
import type { ServerModel } from "~/domain/catalog";
import { nearestReplacement } from "~/domain/replacement";
import { SEED_SERVERS } from "../../db/seed-data";

const seed = (sku: string): ServerModel => {
  const found = SEED_SERVERS.find((s) => s.sku === sku);
  if (!found) throw new Error(`no seed model ${sku}`);
  const { monthly: _m, setup: _s, ...model } = found;
  return model;
};
const allBut = (...skus: string[]) => SEED_SERVERS.filter((s) => !skus.includes(s.sku)).map((s) => seed(s.sku));

const model = (over: Partial<ServerModel> & Pick<ServerModel, "sku">): ServerModel => ({
  ...seed("ex44"),
  ...over,
});

describe("nearestReplacement", () => {
  it("takes the smallest model of the same line and regions that is at least as big", () => {
    const found = nearestReplacement(seed("ax41-nvme"), allBut("ax41-nvme"));
    // AX42 (16 threads, 64 GB, 512 GB NVMe) is the closest dedicated model at least as big as the
    // AX41 (12 threads); EX44 (20 threads) is as big too, but further away.
    expect(found?.model.sku).toBe("ax42");
    expect(found).toMatchObject({ atLeastAsBig: true, sameLine: true, coversRegions: true });

    // CX33 (4 threads, 8 GB, 80 GB): CCX23 (4, 16 GB, 160 GB) is nearer than CX43 (8, 16 GB, 160 GB).
    const cloud = nearestReplacement(seed("cx33"), allBut("cx33"));
    expect(cloud?.model.sku).toBe("ccx23");
    expect(cloud?.atLeastAsBig).toBe(true);
  });

  it("never suggests the retired model itself, and answers null when nothing is active", () => {
    const retired = seed("cx23");
    expect(nearestReplacement(retired, [retired])).toBeNull();
    expect(nearestReplacement(retired, [])).toBeNull();
  });

  it("keeps to the retired model's regions: a US model is not a swap for an EU quote", () => {
    // CPX31 (US only) is as big as CX33 and closer than CX43; it is not sold in the EU.
    const found = nearestReplacement(seed("cx33"), [seed("cpx31"), seed("cx43")]);
    expect(found?.model.sku).toBe("cx43");
    // A model sold in EU and US needs a replacement sold in both.
    const both = nearestReplacement(seed("ccx13"), [seed("cx33"), seed("ccx23")]);
    expect(both?.model.sku).toBe("ccx23");
  });

  it("counts HDD space apart from fast storage: a storage server does not replace an NVMe one by size alone", () => {
    // SX65 has far more storage than AX52, but its 2 TB of HDD is no substitute for NVMe it lacks.
    const ax52 = seed("ax52");
    const found = nearestReplacement(ax52, [seed("sx65"), seed("ax102")]);
    expect(found?.model.sku).toBe("ax102");
  });

  it("prefers a bigger model of another line over a smaller one of the same line", () => {
    // Nothing dedicated is as big as AX102; the high-memory EX130-R is.
    const found = nearestReplacement(seed("ax102"), allBut("ax102"));
    expect(found?.model.sku).toBe("ex130-r");
    expect(found).toMatchObject({ atLeastAsBig: true, sameLine: false, coversRegions: true });
  });

  it("falls back to the closest model of the same line when none is as big", () => {
    // The largest GPU model retired: the other GPU model is smaller but keeps the GPU.
    const found = nearestReplacement(seed("gex131"), allBut("gex131"));
    expect(found?.model.sku).toBe("gex44");
    expect(found).toMatchObject({ atLeastAsBig: false, sameLine: true, coversRegions: true });
  });

  it("falls back to another region only when nothing in the retired model's regions is active", () => {
    const found = nearestReplacement(seed("cx23"), [seed("cpx31"), seed("cpx51")]);
    expect(found?.model.sku).toBe("cpx31");
    expect(found).toMatchObject({ coversRegions: false, atLeastAsBig: true });
  });

  it("among equals, the nearest in size wins, then the SKU that sorts first", () => {
    const retired = model({ sku: "old", vcpu: 8, ramGb: 32 });
    const near = model({ sku: "b-near", vcpu: 8, ramGb: 64 });
    const far = model({ sku: "a-far", vcpu: 32, ramGb: 128 });
    expect(nearestReplacement(retired, [far, near])?.model.sku).toBe("b-near");
    const twin = model({ sku: "a-twin", vcpu: 8, ramGb: 64 });
    expect(nearestReplacement(retired, [near, twin])?.model.sku).toBe("a-twin");
  });

  it("is pure: the list it is given is left as it was", () => {
    const active = allBut("ex44");
    const before = JSON.stringify(active);
    nearestReplacement(seed("ex44"), active);
    expect(JSON.stringify(active)).toBe(before);
  });
});
