import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import type { Catalog } from "~/domain/catalog";
import { estimate } from "~/domain/engine";
import {
  type MigrationContext,
  type MigrationPlan,
  cutoverDates,
  planMigration,
  replicationFor,
  windowOccurrence,
} from "~/domain/migration-plan";
import { billableMinor, DEFAULT_RATE_CARD } from "~/domain/price-book";
import { migrationLines } from "~/domain/pricing";
import { type MigrationInput, type QuoteInput, quoteInputSchema } from "~/domain/quote-input";
import { MIGRATION_RULES } from "~/domain/rules";
import { i18nConfig } from "~/i18n";
import { resources } from "~/locales";
import { presentMigration } from "~/presenters/estimate";
import { explain } from "~/utils/explain";
import { zodErrorMap } from "~/utils/validation";
import { seedCatalog } from "../fixtures/catalog";

const M = MIGRATION_RULES;
const catalog = seedCatalog();

function plan(migration: Partial<MigrationInput>, ctx: Partial<MigrationContext> = {}): MigrationPlan {
  const p = planMigration({
    migration: { fromExistingServer: true, timeZone: "Europe/Madrid", ...migration },
    workloads: [{ kind: "file_storage", dataGb: 100 }],
    region: "eu",
    dataGbToday: 100,
    ...ctx,
  });
  if (!p) throw new Error("no plan");
  return p;
}
const rules = (p: MigrationPlan) => p.explanation.map((e) => e.ruleId);

const request = (migration: unknown, workloads: unknown[] = [{ kind: "web_app", visitsPerDay: 5000 }]): QuoteInput =>
  quoteInputSchema.parse({
    requirements: { availability: "standard", termMonths: 12, region: "eu", migration },
    workloads,
  });

describe("transfer time (operations-rules.md §1: hours = GB × 8 / (Gbit/s × η) / 3600)", () => {
  it("1 TB at 1 Gbit/s with η 0.70 takes about 3.2 h; 10 TB about 32 h, inside netmath's 30-36 h", () => {
    expect(plan({ dataGb: 1000, sourceUplinkMbps: 1000 }).transferHours).toBeCloseTo(3.17, 2);
    const tenTb = plan({ dataGb: 10_000, sourceUplinkMbps: 1000 }).transferHours;
    expect(tenTb).toBeGreaterThanOrEqual(30);
    expect(tenTb).toBeLessThanOrEqual(36);
  });

  it("caps the rate at one HDD (150 MB/s ≈ 1.2 Gbit/s) whatever the link", () => {
    const fast = plan({ dataGb: 10_000, sourceUplinkMbps: 10_000 });
    expect(fast.transferHours).toBeCloseTo((10_000 * 8) / 1.2 / 3600, 1);
    expect(rules(fast)).toContain("migration.disk_cap");
    expect(rules(plan({ dataGb: 10_000, sourceUplinkMbps: 1000 }))).not.toContain("migration.disk_cap");
  });

  it("counts many small files slower, and says so", () => {
    const large = plan({ dataGb: 2000, sourceUplinkMbps: 500 });
    const small = plan({ dataGb: 2000, sourceUplinkMbps: 500, smallFiles: true });
    expect(small.transferHours).toBeCloseTo(large.transferHours * M.smallFilesFactor, 1);
    expect(rules(small)).toContain("migration.small_files");
  });

  it("states every default it assumes: data volume, databases, uplink, time zone", () => {
    const p = planMigration({
      migration: { fromExistingServer: true },
      workloads: [
        { kind: "web_app", visitsPerDay: 100 },
        { kind: "database", engine: "postgresql", dataGb: 20 },
      ],
      region: "us",
      dataGbToday: 55,
    })!;
    expect(p.dataGb).toBe(55);
    expect(p.databases).toEqual([expect.objectContaining({ engine: "postgresql", version: null, dataGb: 20 })]);
    expect(p.timeZone).toBe("America/New_York");
    expect(rules(p)).toEqual(
      expect.arrayContaining([
        "migration.assumed_data",
        "migration.assumed_databases",
        "migration.assumed_uplink",
        "migration.assumed_time_zone",
        "migration.window_default",
      ]),
    );
    const t = p.explanation.find((e) => e.ruleId === "migration.transfer")!;
    expect(t.params.mbps).toBe(M.defaultUplinkMbps);
  });

  it("plans nothing for a customer who is not moving", () => {
    expect(planMigration({ migration: undefined, workloads: [], region: "eu", dataGbToday: 1 })).toBeNull();
    expect(
      planMigration({ migration: { fromExistingServer: false }, workloads: [], region: "eu", dataGbToday: 1 }),
    ).toBeNull();
  });
});

describe("method choice", () => {
  it.each([
    ["postgresql", "9.6", null],
    ["postgresql", "10", "logical_replication"],
    ["postgresql", "16.2", "logical_replication"],
    ["mysql", "5.5.62", null],
    ["mysql", "5.6", "gtid_replication"],
    ["mysql", "8.0.36-0ubuntu0.22.04.1", "gtid_replication"],
    ["mariadb", "5.5", null],
    ["mariadb", "10.0", "gtid_replication"],
    ["mariadb", "10.11.6-MariaDB", "gtid_replication"],
    ["mongodb", "7.0", null],
    ["other", "1.0", null],
    ["postgresql", undefined, null],
  ] as const)("%s %s → %s", (engine, version, expected) => {
    expect(replicationFor(engine, version)).toBe(expected);
    const p = plan({ dataGb: 500, sourceUplinkMbps: 1000, databases: [{ engine, version, dataGb: 200 }] });
    expect(p.databases[0]!.method).toBe(expected ?? "dump_restore");
  });

  it("replicates a large database with a switch in minutes, and names the dump it avoids", () => {
    const p = plan({ dataGb: 200, databases: [{ engine: "postgresql", version: "15", dataGb: 200 }] });
    expect(p.method).toBe("logical_replication");
    expect(p.databases[0]!.downtimeMinutes).toBe(M.replicationSwitchMinutes);
    const why = p.explanation.find((e) => e.ruleId === "migration.db_logical_replication")!;
    expect(why.params.dumpMinutes).toBeGreaterThan(M.replicationSwitchMinutes);
  });

  it("dumps a tiny database when that is as quick as a replica, even where replication is allowed", () => {
    const p = plan({
      dataGb: 1,
      sourceUplinkMbps: 1000,
      databases: [{ engine: "mysql", version: "8.0", dataGb: 0.5 }],
    });
    expect(p.databases[0]).toMatchObject({ method: "dump_restore", replication: "gtid_replication" });
    expect(rules(p)).toContain("migration.db_dump_faster");
  });

  it("budgets a dump and restore at copy + 5× the copy for the restore", () => {
    const p = plan({
      dataGb: 100,
      sourceUplinkMbps: 1000,
      databases: [{ engine: "mysql", version: "5.1", dataGb: 100 }],
    });
    const copyHours = (100 * 8) / 0.7 / 3600;
    expect(p.databases[0]!.downtimeMinutes).toBe(Math.ceil(copyHours * (1 + M.restoreFactor) * 60));
    expect(p.method).toBe("dump_restore");
    expect(rules(p)).toContain("migration.db_dump_old_version");
  });

  it("moves files in two phases: the switch waits only for the final sync of the changes", () => {
    const p = plan({ dataGb: 3000, sourceUplinkMbps: 500 });
    expect(p.method).toBe("two_phase_sync");
    const files = p.explanation.find((e) => e.ruleId === "migration.files_two_phase")!;
    expect(p.downtimeMinutes).toBe(M.switchMinutes + Number(files.params.minutes));
    expect(p.downtimeMinutes).toBeLessThan(p.transferHours * 60);
  });

  it("notes that PostgreSQL 17 keeps its slots through pg_upgrade", () => {
    expect(rules(plan({ databases: [{ engine: "postgresql", version: "17.1", dataGb: 50 }] }))).toContain(
      "migration.pg_slots",
    );
    expect(rules(plan({ databases: [{ engine: "postgresql", version: "16", dataGb: 50 }] }))).not.toContain(
      "migration.pg_slots",
    );
  });
});

describe("windows and downtime", () => {
  it("switches in the first preferred window that holds the switch and the rollback", () => {
    const p = plan({
      dataGb: 3000,
      sourceUplinkMbps: 500,
      preferredWindows: [
        { days: ["wed"], start: "23:00", end: "23:30" },
        { days: ["sun", "sat"], start: "22:00", end: "06:00" },
      ],
    });
    expect(p.window).toMatchObject({ days: ["sat", "sun"], start: "22:00", end: "06:00", minutes: 480 });
    expect(p.goNoGoTime).toBe("05:30");
    expect(p.fits).toBe(true);
  });

  it("uses the off-hours default Tue/Sat 00:00-06:00 in the customer's time zone", () => {
    const p = plan({ timeZone: "America/New_York" });
    expect(p.window).toMatchObject({
      days: ["tue", "sat"],
      start: "00:00",
      end: "06:00",
      timeZone: "America/New_York",
    });
    expect(rules(p)).toContain("migration.window_default");
  });

  it("has no window, and goes to review, when none of the customer's windows holds the switch", () => {
    const input = request({
      fromExistingServer: true,
      dataGb: 5000,
      sourceUplinkMbps: 100,
      timeZone: "Europe/Madrid",
      preferredWindows: [{ days: ["sun"], start: "02:00", end: "03:00" }],
    });
    const r = estimate(input, catalog);
    expect(r.migration!.window).toBeNull();
    expect(r.migration!.fits).toBe(false);
    expect(r.migration!.explanation.map((e) => e.ruleId)).toContain("migration.window_none");
    expect(r.review.reasons).toContainEqual({
      code: "short_migration_window",
      params: { minutes: 30, needed: r.migration!.downtimeMinutes },
    });
  });

  it("sends to review when no method fits the downtime the customer accepts (not a fixed hour any more)", () => {
    const tight = estimate(request({ fromExistingServer: true, maxDowntimeMinutes: 15 }), catalog);
    expect(tight.review.reasons.map((r) => r.code)).toContain("short_migration_window");
    expect(tight.migration!.explanation.map((e) => e.ruleId)).toContain("migration.no_fit");
    // Under an hour is fine when the plan fits in it.
    const small = estimate(request({ fromExistingServer: true, dataGb: 5, maxDowntimeMinutes: 45 }), catalog);
    expect(small.migration!.downtimeMinutes).toBeLessThanOrEqual(45);
    expect(small.review.reasons).toEqual([]);
    // A long window is not enough when the data is too much for the downtime accepted.
    const big = estimate(
      request({ fromExistingServer: true, dataGb: 50_000, sourceUplinkMbps: 100, maxDowntimeMinutes: 120 }),
      catalog,
    );
    expect(big.review.reasons).toContainEqual({
      code: "short_migration_window",
      params: { minutes: 120, needed: big.migration!.downtimeMinutes },
    });
  });
});

describe("daylight saving time", () => {
  const sunday = { days: ["sun" as const], start: "01:00", end: "05:00" };

  it.each([
    ["Europe/Madrid", "2026-03-22", 240],
    ["Europe/Madrid", "2026-03-29", 180],
    ["Europe/Madrid", "2026-10-25", 300],
    ["America/New_York", "2026-03-08", 180],
    // 01:00 comes twice in New York that night: the window starts at the second, so it never runs early.
    ["America/New_York", "2026-11-01", 240],
    ["America/New_York", "2026-11-08", 240],
  ])("Sun 01:00-05:00 in %s on %s lasts %i minutes", (zone, date, minutes) => {
    expect(windowOccurrence(sunday, zone, date).minutes).toBe(minutes);
  });

  it("crosses midnight into the night the clocks change", () => {
    const w = { start: "22:00", end: "06:00" };
    expect(windowOccurrence(w, "America/New_York", "2026-03-07").minutes).toBe(420);
    expect(windowOccurrence(w, "Europe/Madrid", "2026-10-24").minutes).toBe(540);
    const o = windowOccurrence(w, "Europe/Madrid", "2026-03-28");
    expect(o.start.toISO()).toBe("2026-03-28T22:00:00.000+01:00");
    expect(o.end.toISO()).toBe("2026-03-29T06:00:00.000+02:00");
  });

  it("starts a window whose start the clocks skip at the jump, and never runs past its end", () => {
    const skipped = windowOccurrence({ start: "02:30", end: "05:00" }, "Europe/Madrid", "2026-03-29");
    expect(skipped.start.toISO()).toBe("2026-03-29T03:00:00.000+02:00");
    const twice = windowOccurrence({ start: "00:00", end: "02:30" }, "Europe/Madrid", "2026-10-25");
    // 02:30 happens twice: the window ends the first time.
    expect(twice.end.toISO()).toBe("2026-10-25T02:30:00.000+02:00");
  });

  it("says the window is shorter the night the clocks go forward, and skips that night when the switch no longer fits", () => {
    const fitsAnyway = plan({ dataGb: 10, preferredWindows: [sunday] });
    expect(fitsAnyway.window).toMatchObject({ minutes: 240, shortestMinutes: 180 });
    expect(rules(fitsAnyway)).toContain("migration.window_dst");
    expect(cutoverDates(fitsAnyway, "2026-03-20", 3)).toEqual(["2026-03-22", "2026-03-29", "2026-04-05"]);

    // About 3.3 h of switch + 30 min rollback: fits in 4 h, not in 3 h.
    const long = plan({
      dataGb: 3000,
      sourceUplinkMbps: 100,
      timeZone: "America/New_York",
      preferredWindows: [sunday],
    });
    expect(long.downtimeMinutes + long.rollbackMinutes).toBeGreaterThan(180);
    expect(long.downtimeMinutes + long.rollbackMinutes).toBeLessThanOrEqual(240);
    expect(rules(long)).toContain("migration.window_dst_skip");
    expect(cutoverDates(long, "2026-03-01", 3)).toEqual(["2026-03-01", "2026-03-15", "2026-03-22"]);
  });

  it("knows zones without daylight saving time", () => {
    expect(plan({ timeZone: "Asia/Tokyo", preferredWindows: [sunday] }).window?.shortestMinutes).toBe(240);
    expect(plan({ timeZone: "UTC", preferredWindows: [sunday] }).window?.shortestMinutes).toBe(240);
  });
});

describe("timeline", () => {
  it("counts the milestones back from the switch and forward to the archive's deletion", () => {
    const p = plan({ dataGb: 500, sourceUplinkMbps: 1000 });
    const at = Object.fromEntries(p.milestones.map((m) => [m.key, m.offsetHours]));
    expect(at).toMatchObject({
      restore_test: -720,
      plan: -504,
      lower_ttl: -48,
      traffic: -48,
      freeze: -24,
      cutover: 0,
      go_no_go: 5.5,
      old_server_off: 48,
      archive_deleted: 48 + 30 * 24,
    });
    expect(at.acceptance).toBeCloseTo(p.downtimeMinutes / 60, 2);
    // The TTL goes back up only once the switch is confirmed.
    expect(at.raise_ttl).toBeGreaterThanOrEqual(at.go_no_go!);
    const offsets = p.milestones.map((m) => m.offsetHours);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });

  it("lowers the TTL max(old TTL, 48 h) ahead", () => {
    const ttl = (seconds: number) => plan({ dnsTtlSeconds: seconds }).milestones.find((m) => m.key === "lower_ttl")!;
    expect(ttl(3600).offsetHours).toBe(-48);
    expect(ttl(259_200).offsetHours).toBe(-72);
  });

  it("says who lowers the TTL and changes the records, by where the DNS is managed, at the same lead time", () => {
    const lowerTtl = (dnsManagedBy?: MigrationInput["dnsManagedBy"]) =>
      plan({ dnsTtlSeconds: 259_200, ...(dnsManagedBy ? { dnsManagedBy } : {}) }).milestones.find(
        (m) => m.key === "lower_ttl",
      )!;
    expect(lowerTtl("registrar").trace.ruleId).toBe("migration.milestone.lower_ttl_registrar");
    expect(lowerTtl("dns_service").trace.ruleId).toBe("migration.milestone.lower_ttl_dns_service");
    expect(lowerTtl("old_provider").trace.ruleId).toBe("migration.milestone.lower_ttl_old_provider");
    expect(lowerTtl("us").trace.ruleId).toBe("migration.milestone.lower_ttl_us");
    // Unknown or not given: today's "you or your DNS provider".
    expect(lowerTtl("unknown").trace.ruleId).toBe("migration.milestone.lower_ttl");
    expect(lowerTtl().trace.ruleId).toBe("migration.milestone.lower_ttl");
    for (const who of ["registrar", "dns_service", "old_provider", "us", "unknown", undefined] as const) {
      expect(lowerTtl(who).offsetHours).toBe(-72);
      expect(lowerTtl(who).trace.params).toEqual({ ttl: M.lowTtlSeconds, hours: 72 });
    }
  });

  it("has no content freeze without files, and no go/no-go without a window", () => {
    const dbOnly = plan({ dataGb: 50, databases: [{ engine: "postgresql", version: "14", dataGb: 50 }] });
    expect(dbOnly.milestones.map((m) => m.key)).not.toContain("freeze");
    const none = plan({
      dataGb: 9000,
      sourceUplinkMbps: 10,
      preferredWindows: [{ days: ["mon"], start: "01:00", end: "02:00" }],
    });
    expect(none.milestones.map((m) => m.key)).not.toContain("go_no_go");
    expect(none.milestones.find((m) => m.key === "cutover")!.trace.ruleId).toBe(
      "migration.milestone.cutover_unscheduled",
    );
  });

  it("says by when to switch when the old contract ends", () => {
    const p = plan({ oldContractEnds: "2026-09-30" });
    expect(p.latestCutoverDate).toBe("2026-09-27");
    expect(p.explanation.find((e) => e.ruleId === "migration.contract_ends")!.params).toMatchObject({
      date: "2026-09-30",
      latest: "2026-09-27",
    });
  });
});

describe("technician time and priced lines", () => {
  it("estimates hours per workload kind, per database by method and per TB copied", () => {
    const p = plan(
      {
        dataGb: 2000,
        databases: [
          { engine: "postgresql", version: "15", dataGb: 300 },
          { engine: "mysql", version: "5.1", dataGb: 10 },
        ],
      },
      {
        workloads: [
          { kind: "wordpress", visitsPerDay: 1000 },
          { kind: "mail", mailboxes: 20 },
          {
            kind: "vm_host",
            vms: [
              { vcpu: 2, ramGb: 4, storageGb: 50 },
              { vcpu: 2, ramGb: 4, storageGb: 50 },
            ],
          },
        ],
      },
    );
    const L = M.labour;
    expect(p.labour.workloadHours).toBe(
      L.hoursByKind.wordpress + L.hoursByKind.mail + L.hoursByKind.vm_host + 2 * L.hoursPerVm,
    );
    expect(p.labour.databaseHours).toBe(L.replicationHours + L.dumpRestoreHours);
    expect(p.labour.copyHours).toBe(2 * L.copyHoursPerTb);
    expect(p.labour.preparationHours).toBe(
      Math.ceil((L.baseHours + p.labour.workloadHours + p.labour.databaseHours + p.labour.copyHours) * 4) / 4,
    );
    expect(p.labour.cutoverMinutes).toBe(p.downtimeMinutes + L.acceptanceMinutes + M.watchMinutes);
  });

  it("prices preparation at the business-hours rate and the window at the off-hours rate, from the book's rate card", () => {
    const p = plan({ dataGb: 3000, sourceUplinkMbps: 500 });
    const lines = migrationLines(p, catalog);
    const byName = Object.fromEntries(lines.map((l) => [l.name, l]));
    const rate = (kind: string) => DEFAULT_RATE_CARD.find((r) => r.kind === kind)!;
    expect(byName.preparation!.setupMinor).toBe(billableMinor(rate("business_hours"), p.labour.preparationHours * 60));
    expect(byName.cutover!.setupMinor).toBe(billableMinor(rate("off_hours"), p.labour.cutoverMinutes));
    // The final archive: one month of backup storage (1 TB units at EUR 4.00).
    expect(byName.archive).toMatchObject({ quantity: 3, unitSetupMinor: 400, setupMinor: 1200 });
    // The overlap is the old server's, billed by its provider: shown, never charged.
    expect(byName.overlap).toMatchObject({ quantity: 1, setupMinor: 0, monthlyMinor: 0 });
    for (const l of lines) {
      expect(l).toMatchObject({ kind: "migration", sku: null, monthlyMinor: 0 });
      expect(l.why.length).toBeGreaterThan(0);
    }
  });

  it("follows the book's rate card, and business hours stand in for a missing off-hours rate", () => {
    const p = plan({ dataGb: 100 });
    const book = (rateCard: Catalog["priceBook"]["rateCard"]): Catalog => ({
      ...catalog,
      priceBook: { ...catalog.priceBook, rateCard },
    });
    const dear = migrationLines(p, book([{ kind: "off_hours", minorPerHour: 20_000, minimumMinutes: 60 }]));
    expect(dear.find((l) => l.name === "cutover")!.setupMinor).toBe(Math.ceil(p.labour.cutoverMinutes / 60) * 20_000);
    const plain = migrationLines(p, book([{ kind: "business_hours", minorPerHour: 6000, minimumMinutes: 30 }]));
    expect(plain.find((l) => l.name === "cutover")!.setupMinor).toBe(Math.ceil(p.labour.cutoverMinutes / 30) * 3000);
  });

  it("puts the same migration lines in every proposal, counted in setup and term totals", () => {
    const input = request({ fromExistingServer: true, dataGb: 800, sourceUplinkMbps: 1000, timeZone: "Europe/Madrid" });
    const r = estimate(input, catalog);
    const without = estimate({ ...input, requirements: { ...input.requirements, migration: undefined } }, catalog);
    expect(without.migration).toBeNull();
    const migrationSetup = migrationLines(r.migration!, catalog).reduce((s, l) => s + l.setupMinor, 0);
    expect(r.proposals.length).toBe(without.proposals.length);
    r.proposals.forEach((p, i) => {
      const lines = p.lines.filter((l) => l.kind === "migration");
      expect(lines.map((l) => l.name)).toEqual(["preparation", "cutover", "archive", "overlap"]);
      const before = without.proposals[i]!.totals;
      expect(p.totals.setupMinor).toBe(before.setupMinor + migrationSetup);
      expect(p.totals.monthlyMinor).toBe(before.monthlyMinor);
      expect(p.totals.termTotalMinor).toBe(before.termTotalMinor + migrationSetup);
      // The term discount is on monthly prices only: the one-off lines do not change it.
      expect(p.lines.find((l) => l.kind === "discount")?.monthlyMinor).toBe(
        without.proposals[i]!.lines.find((l) => l.kind === "discount")?.monthlyMinor,
      );
    });
  });
});

describe("requirements.migration schema", () => {
  const parse = (migration: unknown) =>
    quoteInputSchema.safeParse({
      requirements: { availability: "standard", termMonths: 12, region: "eu", migration },
      workloads: [{ kind: "web_app", visitsPerDay: 10 }],
    });
  const paths = (migration: unknown) => {
    const r = parse(migration);
    return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
  };
  const full = {
    fromExistingServer: true,
    dataGb: 3000,
    smallFiles: false,
    sourceUplinkMbps: 500,
    databases: [{ engine: "postgresql", version: "16.2", dataGb: 40 }],
    maxDowntimeMinutes: 120,
    timeZone: "Europe/Madrid",
    preferredWindows: [{ days: ["sun"], start: "22:00", end: "02:00" }],
    dnsTtlSeconds: 3600,
    dnsManagedBy: "registrar",
    oldContractEnds: "2026-12-31",
  };

  it("accepts the first form and the full form", () => {
    expect(parse({ fromExistingServer: true, maxDowntimeMinutes: 60 }).success).toBe(true);
    expect(parse(full).success).toBe(true);
  });

  it("stores a time zone in its canonical spelling", () => {
    const r = parse({ ...full, timeZone: "europe/madrid" });
    expect(r.success && r.data.requirements.migration?.timeZone).toBe("Europe/Madrid");
  });

  it.each([
    ["an unknown time zone", { timeZone: "Mars/Olympus" }, "requirements.migration.timeZone"],
    ["an offset instead of a zone", { timeZone: "+01:00" }, "requirements.migration.timeZone"],
    [
      "25:00",
      { preferredWindows: [{ days: ["sat"], start: "25:00", end: "02:00" }] },
      "requirements.migration.preferredWindows.0.start",
    ],
    [
      "24:00",
      { preferredWindows: [{ days: ["sat"], start: "22:00", end: "24:00" }] },
      "requirements.migration.preferredWindows.0.end",
    ],
    [
      "9:00 without its zero",
      { preferredWindows: [{ days: ["sat"], start: "9:00", end: "10:00" }] },
      "requirements.migration.preferredWindows.0.start",
    ],
    [
      "a window that ends when it starts",
      { preferredWindows: [{ days: ["sat"], start: "22:00", end: "22:00" }] },
      "requirements.migration.preferredWindows.0.end",
    ],
    [
      "a window without days",
      { preferredWindows: [{ days: [], start: "22:00", end: "23:00" }] },
      "requirements.migration.preferredWindows.0.days",
    ],
    [
      "an unknown day",
      { preferredWindows: [{ days: ["caturday"], start: "22:00", end: "23:00" }] },
      "requirements.migration.preferredWindows.0.days.0",
    ],
    ["a negative volume", { dataGb: -1 }, "requirements.migration.dataGb"],
    [
      "a negative database volume",
      { databases: [{ engine: "mysql", dataGb: -5 }] },
      "requirements.migration.databases.0.dataGb",
    ],
    [
      "an unknown engine",
      { databases: [{ engine: "oracle", dataGb: 5 }] },
      "requirements.migration.databases.0.engine",
    ],
    [
      "a version that is not one",
      { databases: [{ engine: "mysql", version: "latest", dataGb: 5 }] },
      "requirements.migration.databases.0.version",
    ],
    ["an uplink of zero", { sourceUplinkMbps: 0 }, "requirements.migration.sourceUplinkMbps"],
    ["a negative TTL", { dnsTtlSeconds: -300 }, "requirements.migration.dnsTtlSeconds"],
    ["an unknown DNS manager", { dnsManagedBy: "godaddy" }, "requirements.migration.dnsManagedBy"],
    ["February 30th", { oldContractEnds: "2026-02-30" }, "requirements.migration.oldContractEnds"],
    ["an unknown field", { downtimeMinutes: 30 }, "requirements.migration"],
    [
      "an unknown window field",
      { preferredWindows: [{ days: ["sat"], start: "22:00", end: "23:00", tz: "UTC" }] },
      "requirements.migration.preferredWindows.0",
    ],
  ])("refuses %s at its path", (_name, change, path) => {
    expect(paths({ ...full, ...change })).toContain(path);
  });

  it("words the refusals in the reader's language", async () => {
    const t = await tFor("es");
    const r = quoteInputSchema.safeParse(
      {
        requirements: {
          availability: "standard",
          termMonths: 12,
          region: "eu",
          migration: {
            ...full,
            timeZone: "Nowhere/Land",
            dataGb: -3,
            preferredWindows: [
              { days: ["sun"], start: "25:00", end: "02:00" },
              { days: ["sat"], start: "01:00", end: "01:00" },
            ],
          },
        },
        workloads: [{ kind: "web_app", visitsPerDay: 10 }],
      },
      { error: zodErrorMap(t) },
    );
    const messages = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages["requirements.migration.dataGb"]).toBe(t("validation.min", { min: 0 }));
    // Specific messages (app/utils/validation.ts), in Spanish.
    expect(messages["requirements.migration.timeZone"]).toBe(t("validation.timeZone"));
    expect(messages["requirements.migration.timeZone"]).toMatch(/^Zona horaria desconocida/);
    expect(messages["requirements.migration.preferredWindows.0.start"]).toBe(t("validation.clockTime"));
    expect(messages["requirements.migration.preferredWindows.0.start"]).toMatch(/00:00 y 23:59/);
    expect(messages["requirements.migration.preferredWindows.1.end"]).toBe(t("validation.emptyWindow"));
    expect(messages["requirements.migration.preferredWindows.1.end"]).toMatch(/^La ventana debe terminar/);
  });
});

async function tFor(lng: "en" | "es") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, lng, resources });
  return i18n.t;
}

describe.each(["en", "es"] as const)("texts in %s", (lng) => {
  const plans = [
    plan({
      dataGb: 3000,
      sourceUplinkMbps: 10_000,
      smallFiles: true,
      dnsTtlSeconds: 86_400,
      oldContractEnds: "2026-12-31",
      preferredWindows: [{ days: ["sun", "sat"], start: "01:00", end: "05:00" }],
      databases: [
        { engine: "postgresql", version: "17.2", dataGb: 400 },
        { engine: "mysql", version: "8.0", dataGb: 0.1 },
        { engine: "mariadb", version: "10.6", dataGb: 300 },
        { engine: "mysql", version: "5.1", dataGb: 3 },
        { engine: "postgresql", dataGb: 3 },
        { engine: "mongodb", version: "7.0", dataGb: 3 },
        { engine: "other", dataGb: 3 },
      ],
    }),
    planMigration({
      migration: { fromExistingServer: true, maxDowntimeMinutes: 5 },
      workloads: [{ kind: "database", dataGb: 10 }],
      region: "eu",
      dataGbToday: 20,
    })!,
    plan({
      dataGb: 3000,
      sourceUplinkMbps: 100,
      timeZone: "America/New_York",
      preferredWindows: [{ days: ["sun"], start: "01:00", end: "05:00" }],
    }),
    plan({ dataGb: 9000, sourceUplinkMbps: 10, preferredWindows: [{ days: ["mon"], start: "01:00", end: "02:00" }] }),
  ];

  it("every migration rule, milestone and line has a sentence with every placeholder filled", async () => {
    const t = await tFor(lng);
    const seen = new Set<string>();
    for (const p of plans) {
      const shown = presentMigration(p, t, lng);
      for (const e of shown.explanation) {
        seen.add(e.ruleId);
        expect(e.text, e.ruleId).not.toBe(e.ruleId);
        expect(e.text, e.ruleId).not.toMatch(/{{|}}|undefined|\$t\(/);
      }
      for (const m of shown.milestones) {
        expect(m.text, m.key).not.toMatch(/^migration\.|{{|}}|undefined/);
        seen.add(m.key);
      }
      for (const l of migrationLines(p, catalog)) {
        expect(t(`quote.lineKinds.${l.kind}`, { name: l.name })).not.toMatch(/quote\.|{{|\$t\(/);
        for (const why of l.why) expect(explain(why, t, lng), why.ruleId).not.toMatch(/^migration\.|{{|}}|undefined/);
      }
    }
    expect(seen.size).toBeGreaterThan(35);
  });

  it("says who changes the DNS records in the lower-TTL step, and warns about an old provider", async () => {
    const t = await tFor(lng);
    const text = (dnsManagedBy?: MigrationInput["dnsManagedBy"]) =>
      presentMigration(plan({ ...(dnsManagedBy ? { dnsManagedBy } : {}) }), t, lng).milestones.find(
        (m) => m.key === "lower_ttl",
      )!.text;
    const en = lng === "en";
    expect(text("registrar")).toMatch(
      en ? /^48 h before: you lower .* registrar/ : /^48 h antes: usted baja .* registrador/,
    );
    expect(text("dns_service")).toMatch(en ? /you lower .* DNS service/ : /usted baja .* servicio de DNS/);
    expect(text("us")).toMatch(en ? /^48 h before: we lower/ : /^48 h antes: nosotros bajamos/);
    const old = text("old_provider");
    expect(old).toMatch(en ? /your old provider lowers/ : /su proveedor actual baja/);
    expect(old).toMatch(en ? /delete the zone when the contract ends/ : /borrar la zona al terminar el contrato/);
    expect(old).toMatch(en ? /move the zone first/ : /trasladar antes la zona/);
    expect(text("unknown")).toBe(text());
    expect(text()).toMatch(en ? /you or your DNS provider/ : /usted o su proveedor de DNS/);
    for (const who of ["registrar", "dns_service", "old_provider", "us"] as const) expect(text(who)).toContain("300 s");
  });

  it("names the window's days in the reader's language", async () => {
    const t = await tFor(lng);
    const window = presentMigration(plans[0]!, t, lng).explanation.find((e) => e.ruleId === "migration.window")!;
    expect(window.text).toContain(lng === "es" ? "sábado, domingo 01:00–05:00" : "Saturday, Sunday 01:00–05:00");
  });

  it("words the review reason without the old fixed hour", async () => {
    const t = await tFor(lng);
    const text = t("quote.reviewReasons.short_migration_window", { minutes: 15, needed: 21 });
    expect(text).toContain("15");
    expect(text).not.toMatch(/{{|one hour|una hora/);
  });
});
