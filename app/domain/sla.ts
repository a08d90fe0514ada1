import { DateTime } from "luxon";

/**
 * Business-hours arithmetic for review SLAs: clocks run only inside the calendar's working hours,
 * in its own time zone (so daylight-saving changes are wall-clock correct), skip holidays, and stop
 * while an item waits on the customer.
 */
export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Working hours as "HH:mm" in the calendar's time zone; end after start. */
  start: string;
  end: string;
  /** Holidays as "yyyy-MM-dd" dates in the calendar's time zone. */
  holidays: string[];
}

export interface Interval {
  start: Date;
  /** Null while still open (e.g. still waiting on the customer). */
  end: Date | null;
}

const MAX_DAYS = 3660;

function hm(value: string): { hour: number; minute: number } {
  const [h, m] = value.split(":").map(Number);
  return { hour: h ?? 0, minute: m ?? 0 };
}

/** The working window of the calendar day containing `day`, or null on a day off. */
function windowOf(cal: BusinessCalendar, day: DateTime): { open: DateTime; close: DateTime } | null {
  if (!cal.weekdays.includes(day.weekday)) return null;
  if (cal.holidays.includes(day.toISODate()!)) return null;
  const base = { year: day.year, month: day.month, day: day.day };
  const open = DateTime.fromObject({ ...base, ...hm(cal.start) }, { zone: cal.timeZone });
  const close =
    cal.end === "24:00"
      ? day.startOf("day").plus({ days: 1 })
      : DateTime.fromObject({ ...base, ...hm(cal.end) }, { zone: cal.timeZone });
  return close > open ? { open, close } : null;
}

/** Working milliseconds between two instants (0 when `to` is not after `from`). */
export function businessMsBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  let total = 0;
  let day = DateTime.fromJSDate(from, { zone: cal.timeZone }).startOf("day");
  const endInstant = DateTime.fromJSDate(to);
  for (let i = 0; i < MAX_DAYS && day <= endInstant; i++, day = day.plus({ days: 1 })) {
    const w = windowOf(cal, day);
    if (!w) continue;
    const a = Math.max(w.open.toMillis(), from.getTime());
    const b = Math.min(w.close.toMillis(), to.getTime());
    if (b > a) total += b - a;
  }
  return total;
}

/** The instant `ms` working milliseconds after `from`. */
export function addBusinessMs(cal: BusinessCalendar, from: Date, ms: number): Date {
  let remaining = ms;
  let day = DateTime.fromJSDate(from, { zone: cal.timeZone }).startOf("day");
  for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 })) {
    const w = windowOf(cal, day);
    if (!w) continue;
    const start = Math.max(w.open.toMillis(), from.getTime());
    const available = w.close.toMillis() - start;
    if (available <= 0) continue;
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
  }
  throw new RangeError("no working time found within ten years: check the business calendar");
}

export type ReviewPriority = "normal" | "high";

export interface SlaTargets {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

/** Business-time targets per priority (ours; configurable later in the admin settings). */
export const SLA_TARGETS: Record<ReviewPriority, SlaTargets> = {
  high: { firstResponseMinutes: 2 * 60, resolutionMinutes: 8 * 60 },
  normal: { firstResponseMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
};

export interface SlaState {
  /** Null while the clock is paused (waiting on the customer) or once met. */
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  paused: boolean;
  /** Working time the clock has stood still so far. */
  pausedMs: number;
}

/**
 * Deadlines of a review item: the targets in working time from creation, pushed back by every
 * working minute spent waiting on the customer. While waiting, there is no deadline.
 */
export function slaState(
  cal: BusinessCalendar,
  createdAt: Date,
  pauses: readonly Interval[],
  targets: SlaTargets,
  now: Date,
  firstRespondedAt: Date | null = null,
): SlaState {
  const paused = pauses.some((p) => p.end === null);
  const pausedMs = pauses.reduce((sum, p) => sum + businessMsBetween(cal, p.start, p.end ?? now), 0);
  if (paused) return { firstResponseDueAt: null, resolutionDueAt: null, paused, pausedMs };
  const firstResponseDueAt = firstRespondedAt
    ? null
    : addBusinessMs(cal, createdAt, targets.firstResponseMinutes * 60_000 + pausedMs);
  const resolutionDueAt = addBusinessMs(cal, createdAt, targets.resolutionMinutes * 60_000 + pausedMs);
  return { firstResponseDueAt, resolutionDueAt, paused, pausedMs };
}
