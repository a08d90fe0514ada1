import { describe, expect, it } from "vitest";
import {
  BALANCED_PROFILE,
  LEAN_PROFILE,
  LOAD_INPUTS,
  backupDemand,
  growthFactors,
  workloadDemands,
} from "~/domain/demand";
import type { Requirements, Workload } from "~/domain/quote-input";

const flat: Requirements = { availability: "standard", termMonths: 1, region: "eu", growthPercentPerYear: 0 };
/** The rules' own arithmetic: every load input marked as measured, so no estimate margin. */
const measured = (w: Workload): Workload => ({ ...w, measured: LOAD_INPUTS[w.kind] });
const one = (w: Workload, req: Requirements = flat, profile = LEAN_PROFILE) =>
  workloadDemands([measured(w)], req, profile)[0]!;
const figure = (d: ReturnType<typeof one>, resource: string) => d.figures.find((f) => f.resource === resource)!;

describe("growth", () => {
  it("compounds storage over the term and compute over at most a year", () => {
    const g = growthFactors({ ...flat, termMonths: 24, growthPercentPerYear: 20 }, LEAN_PROFILE);
    expect(g.storage).toBeCloseTo(1.44, 10);
    expect(g.compute).toBeCloseTo(1.2, 10);
    const b = growthFactors({ ...flat, termMonths: 24, growthPercentPerYear: 20 }, BALANCED_PROFILE);
    expect(b.storage).toBeCloseTo(1.2 ** 3, 10);
    expect(b.compute).toBeCloseTo(1.44, 10);
  });

  it("defaults to 20 % a year", () => {
    expect(
      growthFactors({ ...flat, growthPercentPerYear: undefined, termMonths: 12 }, LEAN_PROFILE).storage,
    ).toBeCloseTo(1.2, 10);
  });
});

describe("web_app rules", () => {
  const busy = one({ kind: "web_app", visitsPerDay: 8_640_000, pagesPerVisit: 1 });

  it("sizes CPU from peak requests at 65 % target", () => {
    // 8.64 M page views / 86,400 s = 100 req/s, x4 at peak = 400 req/s, x 50 ms = 20 CPU-s/s, / 0.65
    expect(busy.resources.vcpu).toBeCloseTo(20 / 0.65, 6);
    expect(figure(busy, "vcpu").rules.map((r) => r.ruleId)).toEqual([
      "web.page_views",
      "web.peak_rps",
      "web.cpu_dynamic",
      "cpu.target",
      "growth.compute",
    ]);
  });

  it("sizes RAM from concurrent requests", () => {
    // 400 req/s x 0.25 s = 100 at once x 64 MB + 1 GB runtime
    expect(busy.resources.ramGb).toBeCloseTo(1 + 100 * 0.064, 6);
  });

  it("turns page weight into monthly traffic and peak bandwidth", () => {
    expect(busy.trafficTb).toBeCloseTo((8_640_000 * 2500 * 30) / 1e9, 6);
    expect(busy.resources.mbps).toBeCloseTo((400 * 2500 * 8) / 1000, 6);
    const cdn = one({ kind: "web_app", visitsPerDay: 8_640_000, pagesPerVisit: 1, cacheOffloadPercent: 80 });
    expect(cdn.trafficTb).toBeCloseTo(busy.trafficTb * 0.2, 6);
  });

  it("never asks for less than one CPU thread and says what it assumed", () => {
    const tiny = one({ kind: "web_app", visitsPerDay: 10 });
    expect(tiny.resources.vcpu).toBe(1);
    expect(figure(tiny, "vcpu").rules[0]!.params.assumedPages).toBe("yes");
    expect(figure(tiny, "ssdGb").value).toBe(10);
  });

  it("static pages cost less CPU than application pages", () => {
    const s = one({ kind: "web_app", visitsPerDay: 8_640_000, pagesPerVisit: 1, dynamicPages: false });
    expect(s.resources.vcpu).toBeCloseTo(Math.max(1, (400 * 0.002) / 0.65), 6);
    expect(s.resources.ramGb).toBeCloseTo(0.5 + 100 * 0.064, 6);
  });
});

describe("database rules", () => {
  const db = one({ kind: "database", dataGb: 100 });
  it("keeps the hot share of data in the cache part of RAM", () => {
    expect(db.resources.ramGb).toBeCloseTo(1 + 20 / 0.75, 6);
  });
  it("has a two-thread floor for CPU", () => {
    expect(db.resources.vcpu).toBe(2);
  });
  it("puts data plus 50 % overhead on NVMe", () => {
    expect(db.resources.nvmeGb).toBeCloseTo(150, 6);
    expect(db.resources.ssdGb).toBe(0);
  });
  it("counts IOPS from writes and cache misses", () => {
    expect(db.resources.iops).toBeCloseTo(200 * (0.2 * 2 + 0.8 * 0.1), 6);
  });
  it("scales CPU with queries", () => {
    const heavy = one({ kind: "database", dataGb: 10, peakQueriesPerSecond: 10_000 });
    expect(heavy.resources.vcpu).toBeCloseTo((10_000 * 0.002) / 0.65, 6);
  });
  it("has a 2 GB RAM floor", () => {
    expect(one({ kind: "database", dataGb: 0.1 }).resources.ramGb).toBe(2);
  });
});

describe("file_storage and raw rules", () => {
  it("keeps daily files on SSD and archives on HDD", () => {
    expect(one({ kind: "file_storage", dataGb: 500 }).resources.ssdGb).toBe(500);
    const archive = one({ kind: "file_storage", dataGb: 500, access: "archive" });
    expect(archive.resources.hddGb).toBe(500);
    expect(archive.resources.ssdGb).toBe(0);
    expect(one({ kind: "file_storage", dataGb: 500, monthlyDownloadGb: 2000 }).trafficTb).toBe(2);
  });

  it("takes a raw server as stated, without headroom or growth", () => {
    const raw = one(
      { kind: "raw", vcpu: 8, ramGb: 32, storageGb: 200, storageClass: "ssd" },
      { ...flat, growthPercentPerYear: 50, termMonths: 36 },
    );
    expect(raw.resources).toMatchObject({ vcpu: 8, ramGb: 32, ssdGb: 200, nvmeGb: 0 });
    expect(raw.role).toBe("custom-1");
  });

  it("gives every raw server its own role and groups the rest by tier", () => {
    const d = workloadDemands(
      [
        { kind: "raw", vcpu: 2, ramGb: 4 },
        { kind: "web_app", visitsPerDay: 100 },
        { kind: "raw", vcpu: 2, ramGb: 4 },
        { kind: "web_app", visitsPerDay: 100 },
      ],
      flat,
      LEAN_PROFILE,
    );
    expect(d.map((x) => x.role)).toEqual(["custom-1", "app", "custom-3", "app"]);
  });
});

describe("backup rule", () => {
  it("is one full copy plus daily changes over the retention, +20 %", () => {
    const d = workloadDemands([measured({ kind: "database", dataGb: 100 })], flat, LEAN_PROFILE);
    const b = backupDemand(d, { ...flat, backupRetentionDays: 14 });
    expect(b.protectedGb).toBe(100);
    expect(b.backupGb).toBeCloseTo(100 * (1 + 13 * 0.03) * 1.2, 6);
  });
  it("is zero when no backups are wanted", () => {
    const d = workloadDemands([{ kind: "database", dataGb: 100 }], flat, LEAN_PROFILE);
    const b = backupDemand(d, { ...flat, backupRetentionDays: 0 });
    expect(b.backupGb).toBe(0);
    expect(b.rules[0]!.ruleId).toBe("backup.none");
  });
  it("defaults to 14 days", () => {
    const d = workloadDemands([{ kind: "database", dataGb: 100 }], flat, LEAN_PROFILE);
    expect(backupDemand(d, flat).retentionDays).toBe(14);
  });
});

describe("confidence", () => {
  it("adds a 20 % margin to what comes from estimated inputs and says which", () => {
    const estimated = workloadDemands([{ kind: "database", dataGb: 100 }], flat, LEAN_PROFILE)[0]!;
    const exact = one({ kind: "database", dataGb: 100 });
    expect(estimated.resources.ramGb).toBeCloseTo(exact.resources.ramGb * 1.2, 10);
    expect(estimated.resources.nvmeGb).toBeCloseTo(exact.resources.nvmeGb * 1.2, 10);
    const rule = estimated.figures[0]!.rules.find((r) => r.ruleId === "confidence.margin")!;
    expect(rule.ruleId).toBe("confidence.margin");
    expect(rule.params.inputs).toBe("dataGb, peakQueriesPerSecond");
  });

  it("uses measured values as they are, and never adds a margin to a stated server", () => {
    const partly = workloadDemands([{ kind: "database", dataGb: 100, measured: ["dataGb"] }], flat, LEAN_PROFILE)[0]!;
    expect(partly.figures[0]!.rules.find((r) => r.ruleId === "confidence.margin")!.params.inputs).toBe(
      "peakQueriesPerSecond",
    );
    const raw = workloadDemands([{ kind: "raw", vcpu: 8, ramGb: 32 }], flat, LEAN_PROFILE)[0]!;
    expect(raw.resources).toMatchObject({ vcpu: 8, ramGb: 32 });
  });
});
