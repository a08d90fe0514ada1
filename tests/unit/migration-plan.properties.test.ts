import fc from "fast-check";
import { IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { estimate } from "~/domain/engine";
import {
  type MigrationPlan,
  cutoverDates,
  planMigration,
  replicationFor,
  windowMinutes,
  windowOccurrence,
} from "~/domain/migration-plan";
import { migrationLines } from "~/domain/pricing";
import {
  type CutoverWindow,
  DATABASE_ENGINES,
  type MigrationInput,
  type Weekday,
  WEEKDAYS,
  quoteInputSchema,
} from "~/domain/quote-input";
import { MIGRATION_RULES } from "~/domain/rules";
import { seedCatalog } from "../fixtures/catalog";

const M = MIGRATION_RULES;
const catalog = seedCatalog();
const ZONES = [
  "Europe/Madrid",
  "America/New_York",
  "Europe/London",
  "UTC",
  "Asia/Tokyo",
  "Australia/Lord_Howe",
  "America/Santiago",
];
const VERSIONS = [undefined, "5.5", "5.6", "8.0.36", "9.6", "10", "10.0", "10.11.6-MariaDB", "16.2", "17.1", "7.0"];

const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
const cutoverWindow: fc.Arbitrary<CutoverWindow> = fc
  .record({
    days: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 7 }),
    start: clock,
    end: clock,
  })
  .filter((w) => w.start !== w.end);
const database = fc.record({
  engine: fc.constantFrom(...DATABASE_ENGINES),
  version: fc.constantFrom(...VERSIONS),
  dataGb: fc.double({ min: 0, max: 5000, noNaN: true }),
});
const migration: fc.Arbitrary<MigrationInput> = fc.record(
  {
    fromExistingServer: fc.constant(true),
    dataGb: fc.double({ min: 0, max: 200_000, noNaN: true }),
    smallFiles: fc.boolean(),
    sourceUplinkMbps: fc.double({ min: 1, max: 20_000, noNaN: true }),
    databases: fc.array(database, { maxLength: 4 }),
    maxDowntimeMinutes: fc.integer({ min: 0, max: 3000 }),
    timeZone: fc.constantFrom(...ZONES),
    preferredWindows: fc.array(cutoverWindow, { minLength: 1, maxLength: 3 }),
    dnsTtlSeconds: fc.integer({ min: 0, max: 604_800 }),
  },
  { requiredKeys: ["fromExistingServer", "timeZone"] },
);
const planOf = (m: MigrationInput, dataGbToday = 100) =>
  planMigration({
    migration: m,
    workloads: [
      { kind: "web_app", visitsPerDay: 1000 },
      { kind: "database", engine: "postgresql", dataGb: 20 },
    ],
    region: "eu",
    dataGbToday,
  })!;
const setupOf = (p: MigrationPlan) => migrationLines(p, catalog).reduce((s, l) => s + l.setupMinor, 0);

/** Local dates around every clock change of 2026 in Madrid and New York, and ordinary weeks. */
const DST_WEEKS = [
  ...["2026-03-26", "2026-10-22"].flatMap((d) => week(d)),
  ...["2026-03-05", "2026-10-29"].flatMap((d) => week(d)),
  ...week("2026-06-10"),
];
function week(from: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: 8 }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** The wall-clock minute of an instant in a zone, as "days since 1970 × 1440 + minute of the day". */
function wallMinute(zone: IANAZone, t: number): number {
  return Math.floor((t + zone.offset(t) * 60_000) / 60_000);
}

describe("migration plan properties", () => {
  it("grows with the volume: more data never copies faster, stops shorter, costs less or fits better", () => {
    fc.assert(
      fc.property(migration, fc.double({ min: 1, max: 20, noNaN: true }), (m, k) => {
        const bigger: MigrationInput = {
          ...m,
          dataGb: m.dataGb === undefined ? undefined : m.dataGb * k,
          databases: m.databases?.map((d) => ({ ...d, dataGb: d.dataGb * k })),
        };
        const a = planOf(m, 100);
        const b = planOf(bigger, 100 * k);
        expect(b.transferHours).toBeGreaterThanOrEqual(a.transferHours);
        expect(b.downtimeMinutes).toBeGreaterThanOrEqual(a.downtimeMinutes);
        expect(b.labour.preparationHours).toBeGreaterThanOrEqual(a.labour.preparationHours);
        expect(b.labour.cutoverMinutes).toBeGreaterThanOrEqual(a.labour.cutoverMinutes);
        expect(setupOf(b)).toBeGreaterThanOrEqual(setupOf(a));
        if (b.fits) expect(a.fits).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("never puts the switch outside the customer's off-hours, on any night, daylight saving time included", () => {
    fc.assert(
      fc.property(migration, fc.boolean(), (m, own) => {
        const p = planOf(own ? m : { ...m, preferredWindows: undefined });
        if (!p.window) return;
        const windows =
          own && m.preferredWindows
            ? m.preferredWindows
            : M.defaultWindows.map((w) => ({ days: [...w.days] as Weekday[], start: w.start, end: w.end }));
        // One of the customer's windows (or our off-hours default), in their time zone.
        expect(p.window.timeZone).toBe(m.timeZone);
        const source = windows.find(
          (w) =>
            w.start === p.window!.start && w.end === p.window!.end && p.window!.days.every((d) => w.days.includes(d)),
        );
        expect(source).toBeDefined();
        const zone = IANAZone.create(p.window.timeZone);
        for (const date of DST_WEEKS) {
          const o = windowOccurrence(p.window, p.window.timeZone, date);
          const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
          const wallStart =
            Date.UTC(y, mo - 1, d) / 60_000 + Number(p.window.start.slice(0, 2)) * 60 + Number(p.window.start.slice(3));
          const wallEnd = wallStart + windowMinutes(p.window);
          // Every minute of the occurrence reads, on the customer's wall clock, a time inside the window.
          // A window the clocks skip entirely that night (02:15-02:45 in spring) has no minute at all.
          const samples: number[] = [];
          for (let t = o.start.toMillis(); t < o.end.toMillis(); t += 30 * 60_000) samples.push(t);
          if (samples.length) samples.push(o.end.toMillis() - 60_000);
          for (const t of samples) {
            const wall = wallMinute(zone, t);
            expect(wall).toBeGreaterThanOrEqual(wallStart);
            expect(wall).toBeLessThan(wallEnd);
          }
          // Daylight saving time moves a window by at most an hour.
          expect(Math.abs(o.minutes - windowMinutes(p.window))).toBeLessThanOrEqual(60);
        }
        // The dates offered for the switch are the window's days, each long enough that night.
        for (const date of cutoverDates(p, "2026-03-01", 6)) {
          const weekday = WEEKDAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]!;
          expect(p.window.days).toContain(weekday);
          expect(windowOccurrence(p.window, p.window.timeZone, date).minutes).toBeGreaterThanOrEqual(
            p.downtimeMinutes + p.rollbackMinutes,
          );
        }
      }),
      { numRuns: 100 },
    );
  });

  it("offers replication only where the engine and version allow it", () => {
    const atLeast = (version: string | undefined, major: number, minor: number) => {
      const m = version ? /^(\d+)(?:\.(\d+))?/.exec(version) : null;
      if (!m) return false;
      const [a, b] = [Number(m[1]), Number(m[2] ?? 0)];
      return a > major || (a === major && b >= minor);
    };
    fc.assert(
      fc.property(migration, (m) => {
        const p = planOf(m);
        for (const d of p.databases) {
          const allowed =
            (d.engine === "postgresql" && atLeast(d.version ?? undefined, 10, 0)) ||
            (d.engine === "mysql" && atLeast(d.version ?? undefined, 5, 6)) ||
            (d.engine === "mariadb" && atLeast(d.version ?? undefined, 10, 0));
          expect(d.replication !== null).toBe(allowed);
          expect(replicationFor(d.engine, d.version ?? undefined)).toBe(d.replication);
          if (d.method === "logical_replication") expect(d.engine).toBe("postgresql");
          if (d.method === "gtid_replication") expect(["mysql", "mariadb"]).toContain(d.engine);
          if (d.method !== "dump_restore") expect(d.method).toBe(d.replication);
        }
        if (p.method !== "two_phase_sync" && p.method !== "dump_restore")
          expect(p.databases.some((d) => d.method === p.method)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the downtime within the window and what the customer accepts, or sends the quote to review", () => {
    fc.assert(
      fc.property(migration, fc.boolean(), (m, withMax) => {
        const input = quoteInputSchema.parse({
          requirements: {
            availability: "standard",
            termMonths: 12,
            region: "eu",
            migration: withMax ? m : { ...m, maxDowntimeMinutes: undefined },
          },
          workloads: [
            { kind: "web_app", visitsPerDay: 2000, measured: ["visitsPerDay", "pagesPerVisit", "pageWeightKb"] },
          ],
        });
        const r = estimate(input, catalog);
        const p = r.migration!;
        const review = r.review.reasons.some((x) => x.code === "short_migration_window");
        const withinWindow = p.window !== null && p.downtimeMinutes + p.rollbackMinutes <= p.window.minutes;
        const withinMax = !withMax || m.maxDowntimeMinutes === undefined || p.downtimeMinutes <= m.maxDowntimeMinutes;
        expect(review).toBe(!(withinWindow && withinMax));
        if (p.window) expect(p.downtimeMinutes).toBeLessThanOrEqual(p.window.minutes);
        // Every proposal carries the move's lines, and its totals are still the sum of its lines.
        for (const proposal of r.proposals) {
          expect(proposal.lines.filter((l) => l.kind === "migration").length).toBeGreaterThanOrEqual(3);
          expect(proposal.totals.setupMinor).toBe(proposal.lines.reduce((s, l) => s + l.setupMinor, 0));
        }
      }),
      { numRuns: 60 },
    );
  });
});
