import { DateTime, IANAZone } from "luxon";
import type {
  CutoverWindow,
  DatabaseEngine,
  DnsManager,
  MigrationInput,
  Region,
  Weekday,
  Workload,
  WorkloadKind,
} from "./quote-input";
import { round2 } from "./resources";
import { MIGRATION_RULES, SOURCES } from "./rules";
import type { RuleTrace } from "./trace";

/**
 * The migration planner (issue 16, operations-rules.md §1): how long the copy takes, how the switch
 * is done and how long it stops the service, in which off-hours window, what happens when, and how
 * much technician time it takes. Pure: the same request always gives the same plan. Every figure
 * comes with the rule that produced it, like the sizing engine's.
 */

export const MIGRATION_METHODS = ["two_phase_sync", "logical_replication", "gtid_replication", "dump_restore"] as const;
export type MigrationMethod = (typeof MIGRATION_METHODS)[number];
export type DatabaseMethod = Exclude<MigrationMethod, "two_phase_sync">;

/** Milestones in the order they usually fall, counted in hours from the start of the cutover window (T). */
export const MILESTONE_KEYS = [
  "restore_test",
  "plan",
  "lower_ttl",
  "traffic",
  "freeze",
  "cutover",
  "acceptance",
  "go_no_go",
  "raise_ttl",
  "old_server_off",
  "archive_deleted",
] as const;
export type MilestoneKey = (typeof MILESTONE_KEYS)[number];

export interface Milestone {
  key: MilestoneKey;
  /** Real hours from T (negative before it); dates follow once a cutover date is chosen. */
  offsetHours: number;
  trace: RuleTrace;
}

export interface PlannedWindow {
  days: Weekday[];
  start: string;
  end: string;
  timeZone: string;
  /** Length on an ordinary night. */
  minutes: number;
  /** Length on the night the clocks go forward (equal to `minutes` where they never change in it). */
  shortestMinutes: number;
}

export interface PlannedDatabase {
  engine: DatabaseEngine;
  version: string | null;
  dataGb: number;
  method: DatabaseMethod;
  /** Replication the version allows (null: none), whether or not it was chosen. */
  replication: Exclude<DatabaseMethod, "dump_restore"> | null;
  copyHours: number;
  downtimeMinutes: number;
}

export interface MigrationLabour {
  baseHours: number;
  workloadHours: number;
  databaseHours: number;
  copyHours: number;
  /** Business hours: all of the above, rounded up to a quarter hour. */
  preparationHours: number;
  /** Off-hours, in the window: the switch, the acceptance checks, the watch after it. */
  switchMinutes: number;
  checksMinutes: number;
  watchMinutes: number;
  cutoverMinutes: number;
}

export interface MigrationPlan {
  /** How the switch is done: the method of the part that stops the service longest. */
  method: MigrationMethod;
  /** The first copy of everything over the old server's link. */
  transferHours: number;
  /** Estimated service stop during the switch. */
  downtimeMinutes: number;
  /** The window the switch fits in; null when none of the customer's windows holds it. */
  window: PlannedWindow | null;
  timeZone: string;
  dataGb: number;
  filesGb: number;
  databases: PlannedDatabase[];
  /** What the downtime must stay within: the customer's maximum, else the window less the rollback time. */
  allowedDowntimeMinutes: number;
  /** False: no method fits the downtime the customer accepts or their windows; a technician plans it. */
  fits: boolean;
  rollbackMinutes: number;
  /** The go/no-go deadline on the wall clock (window end less the rollback time); null without a window. */
  goNoGoTime: string | null;
  labour: MigrationLabour;
  overlap: { months: number; keepOldServerHours: number; archiveDays: number; archiveGb: number };
  /** The last day to switch so the old server still runs its 48 h and is archived before the contract ends. */
  latestCutoverDate: string | null;
  milestones: Milestone[];
  explanation: RuleTrace[];
}

export interface MigrationContext {
  migration: MigrationInput | undefined;
  workloads: readonly Workload[];
  region: Region;
  /** What the workloads keep today, in GB: the data to move when the customer does not say. */
  dataGbToday: number;
}

// Everything at the top level is side-effect free: engine.ts reaches client bundles (for REVIEW_CODES),
// and this module, with MIGRATION_RULES and luxon, must shake out of them.
const M = MIGRATION_RULES;
const ENGINE_NAMES: Record<DatabaseEngine, string> = {
  postgresql: "PostgreSQL",
  mysql: "MySQL",
  mariadb: "MariaDB",
  mongodb: "MongoDB",
  other: "",
};
const WEEKDAY_NUMBER: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
/** Who lowers the TTL and changes the records, by where the DNS is managed; unknown: "you or your DNS provider". */
const LOWER_TTL_BY: Record<DnsManager, string> = {
  old_provider: "_old_provider",
  registrar: "_registrar",
  dns_service: "_dns_service",
  us: "_us",
  unknown: "",
};
const WEEKDAY_ORDER: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

const round1 = (n: number) => Math.round(n * 10) / 10;
const ceilQuarter = (hours: number) => Math.ceil(hours * 4 - 1e-9) / 4;
const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const clockOf = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

/** Wall-clock length of a window: to `end` the same day, or the next day when it crosses midnight. */
export function windowMinutes(w: Pick<CutoverWindow, "start" | "end">): number {
  const span = minutesOf(w.end) - minutesOf(w.start);
  return span > 0 ? span : span + 1440;
}

/** The major and minor number of a version string ("10.11.6-MariaDB" → 10, 11); null when it has none. */
export function parseVersion(version: string | undefined): { major: number; minor: number } | null {
  const m = version ? /^(\d+)(?:\.(\d+))?/.exec(version) : null;
  return m ? { major: Number(m[1]), minor: Number(m[2] ?? 0) } : null;
}

/** The replication a database's engine and version allow (operations-rules.md §1, method choice), or null. */
export function replicationFor(
  engine: DatabaseEngine,
  version: string | undefined,
): Exclude<DatabaseMethod, "dump_restore"> | null {
  if (engine !== "postgresql" && engine !== "mysql" && engine !== "mariadb") return null;
  const v = parseVersion(version);
  const from = M.replicationFrom[engine];
  if (!v || v.major < from.major || (v.major === from.major && v.minor < from.minor)) return null;
  return engine === "postgresql" ? "logical_replication" : "gtid_replication";
}

const trace = (
  ruleId: string,
  params: Record<string, number | string>,
  source?: string,
  inputs: Record<string, number | string | boolean> = params,
): RuleTrace => ({ ruleId, inputs, params, ...(source ? { source } : {}) });

// --- Time zones -------------------------------------------------------------------------------

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * The instants at which the wall clock of `zone` reads `minutes` past midnight of a calendar day:
 * one on most days, two when the clocks go back (the hour runs twice), none when they go forward
 * past it. For none, the instant the clocks jump (the first moment the wall clock has passed it).
 */
function wallClockInstants(zone: IANAZone, y: number, m: number, d: number, minutes: number): number[] {
  const naive = Date.UTC(y, m - 1, d, 0, minutes);
  const offsets = new Set([zone.offset(naive - DAY), zone.offset(naive), zone.offset(naive + DAY)]);
  const found: number[] = [];
  for (const o of offsets) {
    const t = naive - o * MINUTE;
    if (zone.offset(t) === o) found.push(t);
  }
  if (found.length) return found.sort((a, b) => a - b);
  if (offsets.size < 2) return [naive - zone.offset(naive) * MINUTE];
  // In a gap: the jump lies between the two readings of the time; find it to the minute.
  const [early, late] = [...offsets].sort((a, b) => b - a).map((o) => naive - o * MINUTE) as [number, number];
  let lo = early;
  let hi = late;
  const before = zone.offset(lo);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return [hi];
}

/**
 * The real instants of a window that starts on `date` (YYYY-MM-DD, the customer's calendar),
 * DST-correct and never outside the wall-clock window: it starts at the last instant the clock
 * reads `start` (when the clocks go back, the second one) and ends at the first one it reads `end`;
 * a time the clocks skip counts from the jump. So the night the clocks go forward a 01:00-05:00
 * window lasts 3 h, the night they go back 5 h.
 */
export function windowOccurrence(
  w: Pick<CutoverWindow, "start" | "end">,
  timeZone: string,
  date: string,
): { start: DateTime; end: DateTime; minutes: number } {
  const zone = IANAZone.create(timeZone);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const startMinutes = minutesOf(w.start);
  const endMinutes = minutesOf(w.end);
  const starts = wallClockInstants(zone, y, m, d, startMinutes);
  // Crossing midnight: the end is on the next day (Date.UTC rolls the day over).
  const ends = wallClockInstants(zone, y, m, d, endMinutes > startMinutes ? endMinutes : endMinutes + 1440);
  const start = starts[starts.length - 1]!;
  // A window inside the hour that runs twice would end (first reading) before it starts (second): empty.
  const end = Math.max(ends[0]!, start);
  return {
    start: DateTime.fromMillis(start, { zone: timeZone }),
    end: DateTime.fromMillis(end, { zone: timeZone }),
    minutes: Math.round((end - start) / MINUTE),
  };
}

/**
 * Daylight-saving changes are read from the runtime's time-zone data for one reference year: one
 * year holds every kind of change a zone makes, and a fixed year keeps the planner pure (the same
 * request, the same plan). Dates the customer chooses are checked in their own year
 * (`windowOccurrence`, `cutoverDates`).
 */
export const DST_REFERENCE_YEAR = 2026;

const transitionsByZone = /* @__PURE__ */ new Map<string, number[]>();

/** The instants a zone's UTC offset changes in the reference year (weekly samples, then to the minute). */
function zoneTransitions(timeZone: string): number[] {
  const cached = transitionsByZone.get(timeZone);
  if (cached) return cached;
  const zone = IANAZone.create(timeZone);
  const found: number[] = [];
  const week = 7 * DAY;
  const endOfYear = Date.UTC(DST_REFERENCE_YEAR + 1, 0, 1);
  let t = Date.UTC(DST_REFERENCE_YEAR, 0, 1);
  let offset = zone.offset(t);
  while (t < endOfYear) {
    const next = t + week;
    const nextOffset = zone.offset(next);
    if (nextOffset !== offset) {
      let lo = t;
      let hi = next;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (zone.offset(mid) === offset) lo = mid;
        else hi = mid;
      }
      found.push(hi);
    }
    t = next;
    offset = nextOffset;
  }
  if (transitionsByZone.size < 1000) transitionsByZone.set(timeZone, found);
  return found;
}

const shortestByWindow = /* @__PURE__ */ new Map<string, number>();

/** The shortest real length of a window in the reference year: an hour less on the night the clocks go forward. */
function shortestWindowMinutes(w: CutoverWindow, days: readonly Weekday[], timeZone: string): number {
  const key = `${timeZone}|${days.join(",")}|${w.start}|${w.end}`;
  const cached = shortestByWindow.get(key);
  if (cached !== undefined) return cached;
  let shortest = windowMinutes(w);
  for (const at of zoneTransitions(timeZone)) {
    // A window shorter than a day that holds this instant starts on its local date or the day before
    // (or the day after, when the jump is at midnight).
    const local = DateTime.fromMillis(at - 1, { zone: timeZone }).startOf("day");
    for (const day of [local.minus({ days: 1 }), local, local.plus({ days: 1 })]) {
      if (!days.some((d) => WEEKDAY_NUMBER[d] === day.weekday)) continue;
      shortest = Math.min(shortest, windowOccurrence(w, timeZone, day.toISODate()!).minutes);
    }
  }
  if (shortestByWindow.size < 5000) shortestByWindow.set(key, shortest);
  return shortest;
}

/**
 * The next `count` dates (YYYY-MM-DD, from `from` on, within a year) on which the plan's window
 * holds the switch and the rollback time, skipping the nights the clocks change when those make it
 * too short. Empty without a window.
 */
export function cutoverDates(plan: MigrationPlan, from: string, count: number): string[] {
  const w = plan.window;
  if (!w) return [];
  const needed = plan.downtimeMinutes + plan.rollbackMinutes;
  const dates: string[] = [];
  let day = DateTime.fromISO(from, { zone: "UTC" });
  for (let i = 0; i < 370 && dates.length < count; i++, day = day.plus({ days: 1 })) {
    if (!w.days.some((d) => WEEKDAY_NUMBER[d] === day.weekday)) continue;
    const date = day.toISODate()!;
    if (windowOccurrence(w, w.timeZone, date).minutes >= needed) dates.push(date);
  }
  return dates;
}

// --- The plan ---------------------------------------------------------------------------------

interface DatabaseToMove {
  engine: DatabaseEngine;
  version?: string;
  dataGb: number;
}

function databaseLabel(db: DatabaseToMove): string {
  return [ENGINE_NAMES[db.engine], db.version ?? ""].filter(Boolean).join(" ");
}

function planDatabase(db: DatabaseToMove, hoursPerGb: number): { planned: PlannedDatabase; traces: RuleTrace[] } {
  const copyHours = db.dataGb * hoursPerGb;
  const dumpMinutes = Math.ceil(copyHours * (1 + M.restoreFactor) * 60);
  const replication = replicationFor(db.engine, db.version);
  const useReplication = replication !== null && M.replicationSwitchMinutes < dumpMinutes;
  const method: DatabaseMethod = useReplication ? replication : "dump_restore";
  const downtimeMinutes = useReplication ? M.replicationSwitchMinutes : dumpMinutes;
  const base = { database: databaseLabel(db), gb: round1(db.dataGb), minutes: downtimeMinutes };
  const traces: RuleTrace[] = [];
  if (useReplication) {
    traces.push(
      trace(
        `migration.db_${replication}`,
        { ...base, dumpMinutes, hours: round1(copyHours) },
        SOURCES.migrationMethod,
        { engine: db.engine, version: db.version ?? "", dataGb: db.dataGb, dumpMinutes },
      ),
    );
  } else {
    const why =
      replication !== null
        ? "db_dump_faster"
        : db.engine === "other"
          ? "db_dump_other"
          : db.engine === "mongodb"
            ? "db_dump_engine"
            : db.version === undefined
              ? "db_dump_no_version"
              : "db_dump_old_version";
    const from = db.engine in M.replicationFrom ? M.replicationFrom[db.engine as keyof typeof M.replicationFrom] : null;
    traces.push(
      trace(
        `migration.${why}`,
        {
          ...base,
          factor: M.restoreFactor,
          replicationMinutes: M.replicationSwitchMinutes,
          minVersion: from ? `${ENGINE_NAMES[db.engine]} ${from.major}.${from.minor}` : "",
        },
        SOURCES.migrationMethod,
        { engine: db.engine, version: db.version ?? "", dataGb: db.dataGb, restoreFactor: M.restoreFactor },
      ),
    );
  }
  const v = parseVersion(db.version);
  if (db.engine === "postgresql" && v && v.major >= M.postgresKeepsSlotsFrom)
    traces.push(trace("migration.pg_slots", { version: String(v.major) }, SOURCES.migrationMethod));
  return {
    planned: {
      engine: db.engine,
      version: db.version ?? null,
      dataGb: db.dataGb,
      method,
      replication,
      copyHours: round2(copyHours),
      downtimeMinutes,
    },
    traces,
  };
}

const knownZones = /* @__PURE__ */ new Map<string, boolean>();
/**
 * Whether the runtime knows a zone (the schema checked it already; this guards direct callers).
 * Cached: luxon's check builds a formatter each time, which would cost more than the whole plan.
 */
function validZone(zone: string | undefined): zone is string {
  if (zone === undefined) return false;
  let known = knownZones.get(zone);
  if (known === undefined) {
    known = IANAZone.isValidZone(zone);
    if (knownZones.size < 1000) knownZones.set(zone, known);
  }
  return known;
}

/**
 * The plan for a request that moves from an existing server; null when it does not. Runs once per
 * estimate (not per tier): the move is the same whichever servers it lands on.
 */
export function planMigration(ctx: MigrationContext): MigrationPlan | null {
  const mig = ctx.migration;
  if (!mig?.fromExistingServer) return null;
  const explanation: RuleTrace[] = [];

  // What moves.
  const databases: DatabaseToMove[] =
    mig.databases ??
    ctx.workloads.flatMap((w) => (w.kind === "database" ? [{ engine: w.engine ?? "other", dataGb: w.dataGb }] : []));
  if (!mig.databases && databases.length > 0)
    explanation.push(trace("migration.assumed_databases", { count: databases.length }));
  const dbGb = databases.reduce((s, d) => s + d.dataGb, 0);
  if (mig.dataGb === undefined) explanation.push(trace("migration.assumed_data", { gb: round1(ctx.dataGbToday) }));
  const dataGb = Math.max(mig.dataGb ?? ctx.dataGbToday, dbGb);
  const filesGb = dataGb - dbGb;

  // How fast: bits ÷ (link × efficiency), capped at what one disk reads.
  const mbps = mig.sourceUplinkMbps ?? M.defaultUplinkMbps;
  if (mig.sourceUplinkMbps === undefined) explanation.push(trace("migration.assumed_uplink", { mbps }));
  const linkGbps = (mbps / 1000) * M.efficiency;
  const effectiveGbps = Math.min(linkGbps, M.sourceDiskGbps);
  const hoursPerGb = 8 / effectiveGbps / 3600;
  const filesFactor = mig.smallFiles ? M.smallFilesFactor : 1;
  const filesCopyHours = filesGb * hoursPerGb * filesFactor;
  const plannedDbs = databases.map((d) => planDatabase(d, hoursPerGb));
  const transferHours = filesCopyHours + plannedDbs.reduce((s, d) => s + d.planned.copyHours, 0);
  explanation.push(
    trace(
      "migration.transfer",
      { gb: round1(dataGb), mbps, percent: Math.round(M.efficiency * 100), hours: round1(transferHours) },
      SOURCES.transferEfficiency,
      { dataGb, uplinkMbps: mbps, efficiency: M.efficiency, effectiveGbps, smallFiles: mig.smallFiles ?? false },
    ),
  );
  if (linkGbps > M.sourceDiskGbps)
    explanation.push(trace("migration.disk_cap", { gbit: M.sourceDiskGbps, mbps }, SOURCES.transferDisk));
  if (mig.smallFiles && filesGb > 0) explanation.push(trace("migration.small_files", { factor: M.smallFilesFactor }));

  // The switch: a final sync of the files, then each database by its method.
  const filesDowntime = filesGb > 0 ? Math.ceil(filesCopyHours * M.finalDeltaShare * 60) : 0;
  if (filesGb > 0)
    explanation.push(
      trace(
        "migration.files_two_phase",
        {
          gb: round1(filesGb),
          hours: round1(filesCopyHours),
          minutes: filesDowntime,
          percent: Math.round(M.finalDeltaShare * 100),
        },
        SOURCES.migrationMethod,
      ),
    );
  for (const d of plannedDbs) explanation.push(...d.traces);
  const downtimeMinutes =
    M.switchMinutes + filesDowntime + plannedDbs.reduce((s, d) => s + d.planned.downtimeMinutes, 0);
  let method: MigrationMethod = "two_phase_sync";
  let longest = filesDowntime;
  for (const d of plannedDbs)
    if (d.planned.downtimeMinutes > longest) {
      longest = d.planned.downtimeMinutes;
      method = d.planned.method;
    }
  explanation.push(
    trace("migration.downtime", { minutes: downtimeMinutes, switchMinutes: M.switchMinutes }, SOURCES.migrationMethod),
  );

  // When: the first of the customer's windows (or our off-hours default) that holds the switch and a rollback.
  let timeZone = mig.timeZone;
  if (!validZone(timeZone)) {
    timeZone = M.defaultTimeZones[ctx.region];
    explanation.push(trace("migration.assumed_time_zone", { zone: timeZone }));
  }
  const windows: CutoverWindow[] =
    mig.preferredWindows ?? M.defaultWindows.map((w) => ({ days: [...w.days], start: w.start, end: w.end }));
  const needed = downtimeMinutes + M.rollbackMinutes;
  const chosen = windows.find((w) => windowMinutes(w) >= needed) ?? null;
  const longestWindow = Math.max(...windows.map(windowMinutes));
  let window: PlannedWindow | null = null;
  if (chosen) {
    const days = WEEKDAY_ORDER.filter((d) => chosen.days.includes(d));
    const minutes = windowMinutes(chosen);
    const shortestMinutes = shortestWindowMinutes(chosen, days, timeZone);
    window = { days, start: chosen.start, end: chosen.end, timeZone, minutes, shortestMinutes };
    explanation.push(
      trace(
        mig.preferredWindows ? "migration.window" : "migration.window_default",
        { days: days.join(","), start: chosen.start, end: chosen.end, zone: timeZone, hours: round1(minutes / 60) },
        SOURCES.migrationWindow,
      ),
    );
    if (shortestMinutes < minutes)
      explanation.push(
        trace(shortestMinutes >= needed ? "migration.window_dst" : "migration.window_dst_skip", {
          hours: round1(shortestMinutes / 60),
        }),
      );
  } else {
    explanation.push(
      trace("migration.window_none", { minutes: needed, hours: round1(longestWindow / 60) }, SOURCES.migrationWindow),
    );
  }
  const windowBudget = Math.max(0, (chosen ? windowMinutes(chosen) : longestWindow) - M.rollbackMinutes);
  const allowedDowntimeMinutes = Math.min(mig.maxDowntimeMinutes ?? Infinity, windowBudget);
  const fits = chosen !== null && (mig.maxDowntimeMinutes === undefined || downtimeMinutes <= mig.maxDowntimeMinutes);
  if (mig.maxDowntimeMinutes !== undefined && downtimeMinutes > mig.maxDowntimeMinutes)
    explanation.push(
      trace("migration.no_fit", { max: mig.maxDowntimeMinutes, minutes: downtimeMinutes }, SOURCES.migrationMethod),
    );

  // The way back and what we keep are milestones (go/no-go, old server off, archive deleted).
  const goNoGoTime = chosen ? clockOf(minutesOf(chosen.end) - M.rollbackMinutes) : null;
  let latestCutoverDate: string | null = null;
  if (mig.oldContractEnds) {
    // The old server must run its 48 h after the switch and hand over its final archive before the end.
    const margin = Math.ceil(M.keepOldServerHours / 24) + 1;
    latestCutoverDate = DateTime.fromISO(mig.oldContractEnds, { zone: "UTC" }).minus({ days: margin }).toISODate();
    explanation.push(
      trace(
        "migration.contract_ends",
        { date: mig.oldContractEnds, latest: latestCutoverDate ?? "", hours: M.keepOldServerHours },
        SOURCES.migrationRetention,
      ),
    );
  }
  explanation.push(trace("migration.provider_deletion", {}, SOURCES.migrationRetention));
  explanation.push(
    trace(
      "migration.status",
      { minutes: M.statusEveryMinutes, perDay: M.validationUpdatesPerDay },
      SOURCES.migrationTimeline,
    ),
  );

  // Technician time: preparation in business hours, the window off-hours.
  const hoursByKind: Readonly<Record<WorkloadKind, number>> = M.labour.hoursByKind;
  const kindHours = ctx.workloads.reduce(
    (s, w) => s + hoursByKind[w.kind] + (w.kind === "vm_host" ? w.vms.length * M.labour.hoursPerVm : 0),
    0,
  );
  const databaseHours = plannedDbs.reduce(
    (s, d) => s + (d.planned.method === "dump_restore" ? M.labour.dumpRestoreHours : M.labour.replicationHours),
    0,
  );
  const copyHours = (dataGb / 1000) * M.labour.copyHoursPerTb;
  const preparationHours = ceilQuarter(M.labour.baseHours + kindHours + databaseHours + copyHours);
  const labour: MigrationLabour = {
    baseHours: M.labour.baseHours,
    workloadHours: round2(kindHours),
    databaseHours: round2(databaseHours),
    copyHours: round2(copyHours),
    preparationHours,
    switchMinutes: downtimeMinutes,
    checksMinutes: M.labour.acceptanceMinutes,
    watchMinutes: M.watchMinutes,
    cutoverMinutes: downtimeMinutes + M.labour.acceptanceMinutes + M.watchMinutes,
  };

  const milestones = milestonesOf({
    window,
    downtimeMinutes,
    goNoGoTime,
    ttlSeconds: mig.dnsTtlSeconds,
    dnsManagedBy: mig.dnsManagedBy,
    hasFiles: filesGb > 0,
  });

  return {
    method,
    transferHours: round2(transferHours),
    downtimeMinutes,
    window,
    timeZone,
    dataGb: round2(dataGb),
    filesGb: round2(filesGb),
    databases: plannedDbs.map((d) => d.planned),
    allowedDowntimeMinutes,
    fits,
    rollbackMinutes: M.rollbackMinutes,
    goNoGoTime,
    labour,
    overlap: {
      months: M.overlapMonths,
      keepOldServerHours: M.keepOldServerHours,
      archiveDays: M.archiveDays,
      archiveGb: round2(dataGb),
    },
    latestCutoverDate,
    milestones,
    explanation,
  };
}

/** The timeline counted from T, the start of the window (operations-rules.md §1, timeline milestones). */
function milestonesOf(p: {
  window: PlannedWindow | null;
  downtimeMinutes: number;
  goNoGoTime: string | null;
  ttlSeconds: number | undefined;
  dnsManagedBy: DnsManager | undefined;
  hasFiles: boolean;
}): Milestone[] {
  const src = SOURCES.migrationTimeline;
  const at = (
    key: MilestoneKey,
    offsetHours: number,
    params: Record<string, number | string> = {},
    source: string = src,
    ruleId = `migration.milestone.${key}`,
  ): Milestone => ({ key, offsetHours: round2(offsetHours), trace: trace(ruleId, params, source) });
  const ttlLead = Math.max((p.ttlSeconds ?? 0) / 3600, M.ttlLeadHours);
  const goNoGo = p.window ? (p.window.minutes - M.rollbackMinutes) / 60 : null;
  const watched = (p.downtimeMinutes + M.watchMinutes) / 60;
  const list: Milestone[] = [
    at("restore_test", -M.restoreTestDays * 24, { days: M.restoreTestDays }),
    at("plan", -M.planWeeks * 7 * 24, { weeks: M.planWeeks }),
    at(
      "lower_ttl",
      -ttlLead,
      { ttl: M.lowTtlSeconds, hours: round1(ttlLead) },
      src,
      `migration.milestone.lower_ttl${LOWER_TTL_BY[p.dnsManagedBy ?? "unknown"]}`,
    ),
    at("traffic", -M.trafficHours, { hours: M.trafficHours }),
    ...(p.hasFiles ? [at("freeze", -M.freezeHours, { hours: M.freezeHours })] : []),
    p.window
      ? at(
          "cutover",
          0,
          { minutes: p.downtimeMinutes, start: p.window.start, zone: p.window.timeZone },
          SOURCES.migrationWindow,
        )
      : at(
          "cutover",
          0,
          { minutes: p.downtimeMinutes },
          SOURCES.migrationWindow,
          "migration.milestone.cutover_unscheduled",
        ),
    at("acceptance", p.downtimeMinutes / 60),
    ...(goNoGo !== null && p.goNoGoTime
      ? [at("go_no_go", goNoGo, { time: p.goNoGoTime, minutes: M.rollbackMinutes })]
      : []),
    // TTL goes back up once the new server is confirmed: never before the go/no-go point.
    at("raise_ttl", Math.max(watched, goNoGo ?? 0), { minutes: M.watchMinutes }),
    at("old_server_off", M.keepOldServerHours, { hours: M.keepOldServerHours }, SOURCES.migrationRetention),
    at(
      "archive_deleted",
      M.keepOldServerHours + M.archiveDays * 24,
      { days: M.archiveDays },
      SOURCES.migrationRetention,
    ),
  ];
  return list.sort((a, b) => a.offsetHours - b.offsetHours);
}
