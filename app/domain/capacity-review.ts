/**
 * Capacity reviews after go-live (issue 19): from usage recorded over time, when each resource runs
 * out at the growth observed, whether that is within the horizon that calls for an upgrade, and the
 * hardware flags of shared/reference/operations-rules.md §3 [B4]. Pure.
 */
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
  return { resource, share, at: new Date(last.at.getTime() + ((limit - last.used) / growth) * DAY), now: false };
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
