import { describe, expect, it } from "vitest";
import {
  type UsageFigures,
  type UsageReading,
  nextReviewDue,
  parseUsageOutput,
  reviewFindings,
  serviceCapacity,
  upgradeNeed,
} from "~/domain/capacity-review";

const D = 86_400_000;
const now = new Date("2027-06-30T00:00:00Z");
const capacity: UsageFigures = { cpu: 8, ramGb: 64, diskGb: 1000, trafficTb: 20 };
/** Four readings 30 days apart ending now, each resource growing by `perDay` a day from `start`. */
const readings = (start: UsageFigures, perDay: UsageFigures): UsageReading[] =>
  [0, 30, 60, 90].map((d) => ({
    at: new Date(now.getTime() - (90 - d) * D),
    usage: {
      cpu: start.cpu + perDay.cpu * d,
      ramGb: start.ramGb + perDay.ramGb * d,
      diskGb: start.diskGb + perDay.diskGb * d,
      trafficTb: start.trafficTb + perDay.trafficTb * d,
    },
  }));

const usageDoc = (hostname: string, over: Record<string, unknown> = {}) => ({
  kind: "usage",
  hostname,
  measuredAt: "2027-06-30T00:00:00Z",
  uptimeDays: 40,
  cpu: { threads: 8, load1: 2, load5: 1.5, load15: 1.25, busyCores: 1.25 },
  memory: { totalGb: 62.5, usedGb: 20 },
  filesystems: [{ mount: "/", sizeGb: 900, usedGb: 300 }],
  disk: { usedGb: 300 },
  traffic: { rxTb: 1, txTb: 2, sinceBootDays: 40, monthTb: 1.5 },
  smart: [],
  ...over,
});

describe("a review's findings over the service's readings", () => {
  it("names what runs out within two quarters, from every reading, and the hardware flags", () => {
    // Disk: 280 GB now, +2 GB a day: 85 % (850 GB) in 285 days (beyond two quarters).
    // RAM: 38 GB now, +0.2 GB a day: 54.4 GB in 82 days (within).
    const findings = reviewFindings({
      readings: readings(
        { cpu: 2, ramGb: 20, diskGb: 100, trafficTb: 5 },
        { cpu: 0, ramGb: 0.2, diskGb: 2, trafficTb: 0 },
      ),
      capacity,
      smart: { 5: 0, 197: 3 },
      inServiceSince: new Date("2024-01-01T00:00:00Z"),
      now,
    });
    expect(findings.upgradeFor).toEqual(["ram"]);
    const ram = findings.runOuts.find((r) => r.resource === "ram")!;
    expect(Math.round((new Date(ram.at!).getTime() - now.getTime()) / D)).toBe(82);
    expect(findings.runOuts.find((r) => r.resource === "disk")!.at).not.toBeNull();
    expect(findings.runOuts.find((r) => r.resource === "cpu")!.at).toBeNull();
    expect(findings.diskWarnings).toEqual([197]);
    expect(findings.age).toBe("review");
  });

  it("a single reading past 85 % runs out now; unmetered traffic (capacity 0) never runs out", () => {
    const findings = reviewFindings({
      readings: [{ at: now, usage: { cpu: 7.5, ramGb: 10, diskGb: 10, trafficTb: 500 } }],
      capacity: { ...capacity, trafficTb: 0 },
      smart: {},
      inServiceSince: now,
      now,
    });
    expect(findings.upgradeFor).toEqual(["cpu"]);
    expect(findings.runOuts.find((r) => r.resource === "cpu")!.now).toBe(true);
    expect(findings.runOuts.find((r) => r.resource === "traffic")).toMatchObject({ now: false, at: null });
    expect(findings.age).toBeNull();
  });

  it("flat usage read at uneven times never runs out (rounding noise is no growth, and no Invalid Date)", () => {
    // 0.4 three times, the last 5 ms after now: the least-squares slope is rounding noise just above 0.
    const flat = { cpu: 0.4, ramGb: 6.4, diskGb: 100, trafficTb: 2 };
    const findings = reviewFindings({
      readings: [-120 * D, -60 * D, 5].map((offset) => ({ at: new Date(now.getTime() + offset), usage: flat })),
      capacity,
      smart: {},
      inServiceSince: now,
      now,
    });
    expect(findings.runOuts.map((r) => r.at)).toEqual([null, null, null, null]);
    expect(findings.upgradeFor).toEqual([]);
  });
});

describe("the upgrade's size", () => {
  it("holds the usage projected a year ahead at the target share, only for what runs out; never less than now", () => {
    const history = readings(
      { cpu: 2, ramGb: 20, diskGb: 100, trafficTb: 5 },
      { cpu: 0, ramGb: 0.2, diskGb: 2, trafficTb: 0 },
    );
    const need = upgradeNeed(history, capacity, ["ram"], now);
    // RAM: 38 GB + 0.2 GB × 364 days = 110.8 GB, at 85 % = 130.35 GB.
    expect(need.ramGb).toBeCloseTo((38 + 0.2 * 364) / 0.85, 6);
    expect(need).toMatchObject({ cpu: 8, diskGb: 1000, trafficTb: 20 });
    // CPU past its threshold without growth: the last reading at the engine's 65 % target.
    const hot = upgradeNeed(
      [{ at: now, usage: { cpu: 7.8, ramGb: 1, diskGb: 1, trafficTb: 1 } }],
      capacity,
      ["cpu"],
      now,
    );
    expect(hot.cpu).toBeCloseTo(12, 6);
    // A shrinking resource is never sized below what the service has.
    const shrinking = readings(
      { cpu: 1, ramGb: 50, diskGb: 1, trafficTb: 1 },
      { cpu: 0, ramGb: -0.01, diskGb: 0, trafficTb: 0 },
    );
    expect(upgradeNeed(shrinking, capacity, ["ram"], now).ramGb).toBe(64);
    // Unmetered traffic stays unmetered.
    expect(upgradeNeed(history, { ...capacity, trafficTb: 0 }, ["traffic"], now).trafficTb).toBe(0);
  });
});

describe("capacity and cadence", () => {
  it("sums the servers; unmetered traffic is 0", () => {
    const servers = [
      { threads: 8, ramGb: 62.5, diskGb: 900.04 },
      { threads: 16, ramGb: 125, diskGb: 1800 },
    ];
    expect(serviceCapacity(servers, 40)).toEqual({ cpu: 24, ramGb: 187.5, diskGb: 2700, trafficTb: 40 });
    expect(serviceCapacity(servers, null).trafficTb).toBe(0);
  });

  it("is due a number of calendar months after the last review, or now when never reviewed", () => {
    expect(nextReviewDue(null, 3, now)).toEqual(now);
    expect(nextReviewDue(new Date("2027-01-31T10:00:00Z"), 1, now).toISOString()).toBe("2027-02-28T10:00:00.000Z");
    expect(nextReviewDue(new Date("2027-01-15T10:00:00Z"), 3, now).toISOString()).toBe("2027-04-15T10:00:00.000Z");
    expect(nextReviewDue(new Date("2027-03-15T10:00:00Z"), 12, now).toISOString()).toBe("2028-03-15T10:00:00.000Z");
  });
});

describe("the check script's usage output", () => {
  it("sums one document per server, printed one after another or as an array; SMART takes the worst disk", () => {
    const a = usageDoc("web-1", { smart: [{ disk: "sda", raw: { "5": 0, "197": 2 } }] });
    const b = usageDoc("web-2", { smart: [{ disk: "sda", raw: { "5": 4, "197": 1 } }] });
    const expected = {
      ok: true,
      usage: { cpu: 2.5, ramGb: 40, diskGb: 600, trafficTb: 3 },
      smart: { "5": 4, "197": 2 },
      hostnames: ["web-1", "web-2"],
    };
    expect(parseUsageOutput(`${JSON.stringify(a)}\n${JSON.stringify(b)}\n`)).toEqual(expected);
    expect(parseUsageOutput(`${JSON.stringify(a, null, 2)}\n\n${JSON.stringify(b, null, 2)}`)).toEqual(expected);
    expect(parseUsageOutput(JSON.stringify([a, b]))).toEqual(expected);
    expect(parseUsageOutput(JSON.stringify(a))).toMatchObject({ ok: true, usage: { cpu: 1.25, ramGb: 20 } });
  });

  it("refuses what is not the script's output", () => {
    expect(parseUsageOutput("  ")).toEqual({ ok: false, problem: "empty" });
    expect(parseUsageOutput("load average: 1.2")).toEqual({ ok: false, problem: "json" });
    expect(parseUsageOutput(`${JSON.stringify(usageDoc("a"))} trailing`)).toEqual({ ok: false, problem: "json" });
    expect(parseUsageOutput('{"kind":"usage"')).toEqual({ ok: false, problem: "json" });
    // The facts the script prints without --usage are not usage.
    expect(parseUsageOutput('{"hostname":"a","kernel":"6","cpu":{"model":"x","threads":2}}')).toEqual({
      ok: false,
      problem: "shape",
    });
    expect(parseUsageOutput(JSON.stringify(usageDoc("a", { memory: { totalGb: 1, usedGb: -1 } })))).toEqual({
      ok: false,
      problem: "shape",
    });
    expect(parseUsageOutput(JSON.stringify([usageDoc("a"), usageDoc("a")]))).toEqual({
      ok: false,
      problem: "duplicate",
    });
    expect(parseUsageOutput(JSON.stringify(Array.from({ length: 51 }, (_, i) => usageDoc(`h${i}`))))).toEqual({
      ok: false,
      problem: "too_many",
    });
  });
});
