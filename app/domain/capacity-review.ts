/**
 * Capacity reviews after go-live (issue 19): from usage recorded over time, when each resource runs
 * out at the growth observed, whether that is within the horizon that calls for an upgrade, and the
 * hardware flags of shared/reference/operations-rules.md §3 [B4]. Pure.
 */
import { z } from "zod";
import { addMonths } from "./months";

export type Resource = "cpu" | "ram" | "disk" | "traffic";

export interface UsageSample {
  at: Date;
  /** In the resource's unit (cores busy, GB, GB, TB a month). */
  used: number;
}

const DAY = 86_400_000;

/**
 * The growth per day by least squares over the samples (at least two on different days), or null
 * when there are not enough. A shrinking resource grows by a negative amount.
 */
export function growthPerDay(samples: readonly UsageSample[]): number | null {
  if (samples.length < 2) return null;
  const xs = samples.map((s) => s.at.getTime() / DAY);
  const ys = samples.map((s) => s.used);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? null : num / den;
}

export interface RunOut {
  resource: Resource;
  /** Usage now as a share of capacity (the last sample). */
  share: number;
  /** When usage reaches `threshold` of capacity at the growth observed; null: never at this rate (or unknown). */
  at: Date | null;
  /** Already at or past the threshold. */
  now: boolean;
}

/**
 * When a resource reaches `threshold` (default 85 % of capacity, the headroom the sizing rules keep)
 * at the growth observed, from its last sample.
 */
export function runOut(
  resource: Resource,
  samples: readonly UsageSample[],
  capacity: number,
  threshold = 0.85,
): RunOut {
  const sorted = [...samples].sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = sorted.at(-1);
  if (!last || capacity <= 0) return { resource, share: 0, at: null, now: false };
  const share = last.used / capacity;
  const limit = capacity * threshold;
  if (last.used >= limit) return { resource, share, at: last.at, now: true };
  const growth = growthPerDay(sorted);
  if (growth === null || growth <= 0) return { resource, share, at: null, now: false };
  const at = new Date(last.at.getTime() + ((limit - last.used) / growth) * DAY);
  // Flat usage read at uneven times leaves rounding noise as a growth near 0: a date past what Date
  // holds (Invalid Date) is never.
  if (Number.isNaN(at.getTime())) return { resource, share, at: null, now: false };
  return { resource, share, at, now: false };
}

/** Quarters are 91 days here; an upgrade is drafted when something runs out within two of them. */
export const QUARTER_DAYS = 91;

/** The resources that run out within `quarters` quarters of `now`, soonest first. */
export function upgradeNeeded(runOuts: readonly RunOut[], now: Date, quarters = 2): RunOut[] {
  const horizon = now.getTime() + quarters * QUARTER_DAYS * DAY;
  return runOuts
    .filter((r) => r.now || (r.at !== null && r.at.getTime() <= horizon))
    .sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
}

/** SMART attributes whose raw value above 0 predicts a failing disk [B4 Backblaze]. */
export const SMART_WATCH = [5, 187, 188, 197, 198] as const;

/** The watched SMART attributes with a raw value above 0 (reallocated, pending, uncorrectable sectors …). */
export function diskWarnings(smart: Readonly<Record<number, number>>): number[] {
  return SMART_WATCH.filter((id) => (smart[id] ?? 0) > 0);
}

/** Server age [B4]: review at 3 years, propose a refresh at 5. */
export function ageFlag(inServiceSince: Date, now: Date): "refresh" | "review" | null {
  const years = (now.getTime() - inServiceSince.getTime()) / (365.25 * DAY);
  return years >= 5 ? "refresh" : years >= 3 ? "review" : null;
}

/** One reading of a service's usage (and what it has), in the units of `Resource`. */
export interface UsageFigures {
  cpu: number;
  ramGb: number;
  diskGb: number;
  trafficTb: number;
}

/** What a review found: when each resource runs out, failing disks, the servers' age. */
export interface ReviewFindings {
  runOuts: { resource: Resource; share: number; at: string | null; now: boolean }[];
  /** The resources that run out within two quarters (an upgrade is drafted). */
  upgradeFor: Resource[];
  diskWarnings: number[];
  age: "refresh" | "review" | null;
}

// --- Reviews over a service's history (issue 19 item 6) -------------------------------------------

export const RESOURCES: readonly Resource[] = ["cpu", "ram", "disk", "traffic"];

/** The field of UsageFigures that holds a resource. */
export const FIGURE: Record<Resource, keyof UsageFigures> = {
  cpu: "cpu",
  ram: "ramGb",
  disk: "diskGb",
  traffic: "trafficTb",
};

/** One stored reading: when, and the usage then. */
export interface UsageReading {
  at: Date;
  usage: UsageFigures;
}

/**
 * What a review finds from every reading of the service (this one included): when each resource
 * runs out against `capacity` (a capacity of 0 is not limited: unmetered traffic), which of them
 * within two quarters of `now`, the watched SMART attributes above 0 and the servers' age since
 * they went into service.
 */
export function reviewFindings(input: {
  readings: readonly UsageReading[];
  capacity: UsageFigures;
  smart: Readonly<Record<number, number>>;
  inServiceSince: Date;
  now: Date;
}): ReviewFindings {
  const runOuts = RESOURCES.map((resource) =>
    runOut(
      resource,
      input.readings.map((r) => ({ at: r.at, used: r.usage[FIGURE[resource]] })),
      input.capacity[FIGURE[resource]],
    ),
  );
  return {
    runOuts: runOuts.map((r) => ({
      resource: r.resource,
      share: r.share,
      at: r.at?.toISOString() ?? null,
      now: r.now,
    })),
    upgradeFor: upgradeNeeded(runOuts, input.now).map((r) => r.resource),
    diskWarnings: diskWarnings(input.smart),
    age: ageFlag(input.inServiceSince, input.now),
  };
}

/**
 * How far ahead an upgrade is sized: four quarters from the review, twice the horizon that drafts
 * it, so that at the next quarterly review the upgraded service is not itself due for another (ours).
 */
export const SIZING_QUARTERS = 4;

/**
 * The share of capacity the projected usage may take in the upgrade: CPU at the engine's lean
 * target (65 %, RULES.leanCpuTargetUtilisation, capacity-rules §1), the rest at the review's 85 %
 * threshold (capacity-rules §1: "critical" at 85 %).
 */
export const UPGRADE_TARGET: Record<Resource, number> = { cpu: 0.65, ram: 0.85, disk: 0.85, traffic: 0.85 };

/**
 * What the upgraded service must have: for each resource that runs out (`upgradeFor`), the usage
 * projected SIZING_QUARTERS ahead at the growth observed (never below the last reading) at
 * UPGRADE_TARGET of capacity; every other resource keeps what the service has now. Never less than
 * now: an upgrade does not shrink anything. Unmetered traffic (capacity 0) stays unmetered (0).
 */
export function upgradeNeed(
  readings: readonly UsageReading[],
  capacity: UsageFigures,
  upgradeFor: readonly Resource[],
  now: Date,
): UsageFigures {
  const sorted = [...readings].sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = sorted.at(-1);
  const need = { ...capacity };
  if (!last) return need;
  const horizon = now.getTime() + SIZING_QUARTERS * QUARTER_DAYS * DAY;
  for (const resource of upgradeFor) {
    const key = FIGURE[resource];
    if (resource === "traffic" && capacity.trafficTb <= 0) continue;
    const growth = growthPerDay(sorted.map((r) => ({ at: r.at, used: r.usage[key] }))) ?? 0;
    const projected = Math.max(
      last.usage[key],
      last.usage[key] + Math.max(0, growth) * ((horizon - last.at.getTime()) / DAY),
    );
    need[key] = Math.max(capacity[key], projected / UPGRADE_TARGET[resource]);
  }
  return need;
}

/** A server as delivered (the check script's facts) or, without them, as sold. */
export interface CapacityServer {
  threads: number;
  ramGb: number;
  /** Usable space of the data filesystems (GB). */
  diskGb: number;
}

/**
 * A service's capacity: CPU threads, RAM and disk summed over its servers (measured where the
 * delivery recorded facts, else as sold), and the traffic a month its servers include plus the
 * traffic bought (null: some server's traffic is unmetered, stored as 0).
 */
export function serviceCapacity(servers: readonly CapacityServer[], trafficTb: number | null): UsageFigures {
  const sum = (f: (s: CapacityServer) => number) => round1(servers.reduce((n, s) => n + f(s), 0));
  return {
    cpu: sum((s) => s.threads),
    ramGb: sum((s) => s.ramGb),
    diskGb: sum((s) => s.diskGb),
    trafficTb: trafficTb === null ? 0 : round1(trafficTb),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Mounts that are not data (the same rule as the delivery's acceptance test). */
export const isDataMount = (mount: string) => !/^\/(boot|proc|sys|dev|run)(\/|$)/.test(mount);

/**
 * The next review: `everyMonths` calendar months after the last one, or now when the service was
 * never reviewed. Month ends are kept (31 January + 1 month = 28/29 February). A running service
 * has it stored (provisioning_items.capacity_review_due_at, counting a never-reviewed service from
 * its hand-over); this is the answer for one without.
 */
export function nextReviewDue(last: Date | null, everyMonths: number, now: Date): Date {
  return last ? new Date(addMonths(Math.floor(last.getTime() / 1000), everyMonths) * 1000) : now;
}

// --- The check script's usage output (public/tools/specdesk-check.sh --usage) ---------------------

const gb = z.number().min(0).max(10_000_000);

/** One server's `specdesk-check.sh --usage` document (fields documented at the top of the script). */
export const usageOutputSchema = z.object({
  kind: z.literal("usage"),
  hostname: z.string().trim().min(1).max(253),
  measuredAt: z.string().max(40),
  uptimeDays: z.number().min(0).max(100_000),
  cpu: z.object({
    threads: z.number().int().min(0).max(4096),
    load1: z.number().min(0).max(100_000),
    load5: z.number().min(0).max(100_000),
    load15: z.number().min(0).max(100_000),
    busyCores: z.number().min(0).max(4096),
  }),
  memory: z.object({ totalGb: gb, usedGb: gb }),
  filesystems: z.array(z.object({ mount: z.string().max(512), sizeGb: gb, usedGb: gb })).max(512),
  disk: z.object({ usedGb: gb }),
  traffic: z.object({ rxTb: gb, txTb: gb, sinceBootDays: z.number().min(0).max(100_000), monthTb: gb }),
  smart: z
    .array(
      z.object({
        disk: z.string().max(64),
        raw: z.record(z.string().regex(/^\d{1,3}$/), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)),
      }),
    )
    .max(256),
});

export type UsageOutput = z.infer<typeof usageOutputSchema>;

export type UsageParse =
  | { ok: true; usage: UsageFigures; smart: Record<string, number>; hostnames: string[] }
  | { ok: false; problem: "empty" | "json" | "shape" | "duplicate" | "too_many" };

/** Most servers one paste may cover (one output per server). */
export const MAX_USAGE_DOCUMENTS = 50;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The usage of a service from the pasted output of `specdesk-check.sh --usage`: one document, a
 * JSON array of them, or several printed one after another (one per server, run on each). The
 * figures are summed over the servers (the service's usage, as its capacity is summed); a SMART
 * attribute takes its highest raw value over every disk. The same hostname twice is refused (it
 * would be counted twice).
 */
export function parseUsageOutput(text: string): UsageParse {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, problem: "empty" };
  let documents: unknown[];
  try {
    const whole: unknown = JSON.parse(trimmed);
    documents = Array.isArray(whole) ? whole : [whole];
  } catch {
    const parts = topLevelObjects(trimmed);
    if (!parts) return { ok: false, problem: "json" };
    try {
      documents = parts.map((part) => JSON.parse(part) as unknown);
    } catch {
      return { ok: false, problem: "json" };
    }
  }
  if (documents.length === 0) return { ok: false, problem: "empty" };
  if (documents.length > MAX_USAGE_DOCUMENTS) return { ok: false, problem: "too_many" };
  const outputs: UsageOutput[] = [];
  for (const document of documents) {
    const parsed = usageOutputSchema.safeParse(document);
    if (!parsed.success) return { ok: false, problem: "shape" };
    outputs.push(parsed.data);
  }
  const hostnames = outputs.map((o) => o.hostname);
  if (new Set(hostnames).size !== hostnames.length) return { ok: false, problem: "duplicate" };
  const sum = (f: (o: UsageOutput) => number) => round2(outputs.reduce((n, o) => n + f(o), 0));
  const smart: Record<string, number> = {};
  for (const o of outputs)
    for (const disk of o.smart)
      for (const [id, raw] of Object.entries(disk.raw)) smart[id] = Math.max(smart[id] ?? 0, raw);
  return {
    ok: true,
    usage: {
      cpu: sum((o) => o.cpu.busyCores),
      ramGb: sum((o) => o.memory.usedGb),
      diskGb: sum((o) => o.disk.usedGb),
      trafficTb: sum((o) => o.traffic.monthTb),
    },
    smart,
    hostnames,
  };
}

/**
 * JSON objects written one after another ("{…}\n{…}", however they are indented), as texts; null
 * when anything but white space stands between them or an object is left open.
 */
function topLevelObjects(text: string): string[] | null {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === "\\") escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 0) {
      if (c === "{") {
        start = i;
        depth = 1;
      } else if (!/\s/.test(c)) return null;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) out.push(text.slice(start, i + 1));
    }
  }
  return depth === 0 ? out : null;
}
