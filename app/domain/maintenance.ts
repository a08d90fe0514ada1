import { DateTime } from "luxon";
import * as rrulePackage from "rrule";

/**
 * rrule's CommonJS entry (what Node loads) hides its named exports from Node's ES module loader;
 * bundlers read its ES module entry, which has them: take RRule from whichever this is.
 */
const RRule = rrulePackage.RRule ?? (rrulePackage as unknown as { default: typeof rrulePackage }).default.RRule;

/**
 * Maintenance after go-live (issue 19): how much notice each kind of work needs, when customers are
 * reminded, and a service's recurring maintenance window (RFC 5545 recurrence in the customer's
 * time zone, correct across daylight-saving changes). Defaults from
 * shared/reference/operations-rules.md §2 (B1, B2); pure.
 */
export type MaintenanceKind = "routine" | "disruptive" | "expedited" | "emergency";

/** Hours of notice before work of a kind may start [B1]. Routine work without downtime is announced, with no minimum. */
export const NOTICE_HOURS = {
  disruptive: 14 * 24,
  routineWithDowntime: 7 * 24,
  routine: 0,
  expedited: 48,
  emergency: 0,
} as const;

/** An emergency may be recorded as having started this long ago, no earlier; work may start this early. */
export const EMERGENCY_GRACE_MS = 15 * 60_000;
export const EARLY_START_MS = 15 * 60_000;

/** Why work cannot start now (it was announced for later): null when it may. Emergencies start at once. */
export function startProblem(work: { kind: MaintenanceKind; startsAt: Date }, now: Date): "too_early" | null {
  return work.kind !== "emergency" && now.getTime() < work.startsAt.getTime() - EARLY_START_MS ? "too_early" : null;
}

/** The notice work needs: disruptive 14 days, routine with downtime 7 days, expedited 48 h, emergency none (with a reason). */
export function requiredNoticeHours(kind: MaintenanceKind, expectedDowntimeMinutes: number): number {
  if (kind === "routine") return expectedDowntimeMinutes > 0 ? NOTICE_HOURS.routineWithDowntime : NOTICE_HOURS.routine;
  return NOTICE_HOURS[kind];
}

export type NoticeProblem = "too_little_notice" | "reason_required" | "ends_before_start" | "in_the_past";

/** Why work cannot be scheduled as asked (the first problem), or null when the notice rules allow it. */
export function noticeProblem(work: {
  kind: MaintenanceKind;
  expectedDowntimeMinutes: number;
  startsAt: Date;
  endsAt: Date;
  now: Date;
  reason?: string | null;
}): NoticeProblem | null {
  if (work.endsAt <= work.startsAt) return "ends_before_start";
  // An emergency needs no notice, but it is announced as it starts, never backdated (it would hide downtime from availability).
  if (work.kind === "emergency" && work.startsAt.getTime() < work.now.getTime() - EMERGENCY_GRACE_MS)
    return "in_the_past";
  if (work.kind === "emergency") return work.reason?.trim() ? null : "reason_required";
  if (work.startsAt < work.now) return "in_the_past";
  const hours = requiredNoticeHours(work.kind, work.expectedDowntimeMinutes);
  return work.startsAt.getTime() - work.now.getTime() < hours * 3_600_000 ? "too_little_notice" : null;
}

/** The earliest start the notice rules allow for work of a kind scheduled now. */
export function earliestStart(kind: MaintenanceKind, expectedDowntimeMinutes: number, now: Date): Date {
  return new Date(now.getTime() + requiredNoticeHours(kind, expectedDowntimeMinutes) * 3_600_000);
}

export type ReminderKey = "72h" | "24h" | "1h" | "start";
const REMINDERS: readonly { key: ReminderKey; hours: number }[] = [
  { key: "72h", hours: 72 },
  { key: "24h", hours: 24 },
  { key: "1h", hours: 1 },
  { key: "start", hours: 0 },
];

/** Reminders at 72 h, 24 h and 1 h before the start and at the start [B2], those still ahead of `now`. */
export function maintenanceReminders(startsAt: Date, now: Date): { key: ReminderKey; at: Date }[] {
  return REMINDERS.map((r) => ({ key: r.key, at: new Date(startsAt.getTime() - r.hours * 3_600_000) })).filter(
    (r) => r.at >= now,
  );
}

/** A service's recurring maintenance window: "every Tuesday 01:00–02:00 in Europe/Madrid". */
export interface MaintenancePolicy {
  /** An RFC 5545 RRULE without DTSTART ("FREQ=WEEKLY;BYDAY=TU"). */
  rrule: string;
  /** The window's local start, "HH:mm", in `timeZone`. */
  startTime: string;
  durationMinutes: number;
  timeZone: string;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Why a policy is unusable (the first problem), or null. Only FREQ=DAILY|WEEKLY|MONTHLY rules, no time parts. */
export function policyProblem(policy: MaintenancePolicy): string | null {
  if (!HHMM.test(policy.startTime)) return "start_time";
  if (!Number.isInteger(policy.durationMinutes) || policy.durationMinutes < 15 || policy.durationMinutes > 24 * 60)
    return "duration";
  if (!DateTime.local().setZone(policy.timeZone).isValid) return "time_zone";
  try {
    const options = RRule.parseString(policy.rrule);
    if (![RRule.DAILY, RRule.WEEKLY, RRule.MONTHLY].includes(options.freq as number)) return "rrule";
    if (options.byhour !== undefined || options.byminute !== undefined || options.bysecond !== undefined)
      return "rrule";
    if (options.dtstart) return "rrule";
  } catch {
    return "rrule";
  }
  return null;
}

/**
 * The policy's next windows starting at or after `from`, as instants. The rule runs on calendar
 * days in the policy's time zone (a "floating" date, as RFC 5545 does for local times), and each
 * day's window starts at `startTime` on that day's wall clock: 01:00 stays 01:00 in summer and in
 * winter. A start the clocks skip (02:30 on the spring-forward night) moves forward, as clocks do.
 */
export function policyWindows(
  policy: MaintenancePolicy,
  from: Date,
  count: number,
): { startsAt: Date; endsAt: Date }[] {
  const zone = policy.timeZone;
  const [hour, minute] = policy.startTime.split(":").map(Number) as [number, number];
  const local = DateTime.fromJSDate(from, { zone }).minus({ days: 1 }).startOf("day");
  // Floating dates: the local calendar day written as a UTC midnight, as rrule expects.
  const dtstart = new Date(Date.UTC(local.year, local.month - 1, local.day));
  const rule = new RRule({ ...RRule.parseString(policy.rrule), dtstart });
  const out: { startsAt: Date; endsAt: Date }[] = [];
  rule.all((day, i) => {
    const start = DateTime.fromObject(
      { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute },
      { zone },
    );
    if (start.toJSDate() >= from) {
      out.push({ startsAt: start.toJSDate(), endsAt: start.plus({ minutes: policy.durationMinutes }).toJSDate() });
    }
    return out.length < count && i < 5_000;
  });
  return out;
}

/** A window's states [B1]; each change is an update the customer sees. */
export type MaintenanceState = "scheduled" | "in_progress" | "completed" | "extended" | "cancelled";
export const MAINTENANCE_STATES: readonly MaintenanceState[] = [
  "scheduled",
  "in_progress",
  "completed",
  "extended",
  "cancelled",
];
export const MAINTENANCE_KINDS: readonly MaintenanceKind[] = ["routine", "disruptive", "expedited", "emergency"];

/** What the customer said about work that affects their service: fine, or please another slot (a technician decides). */
export type MaintenanceResponse = "acknowledged" | "another_slot";

/** Work that stops or disturbs the service: the customer is asked to acknowledge it [B1 IP ServerOne]. */
export function affectsService(kind: MaintenanceKind, expectedDowntimeMinutes: number): boolean {
  return expectedDowntimeMinutes > 0 || kind === "disruptive";
}

/** The moves a window's state allows; each is posted to the customer as an update. */
const NEXT_STATES: Record<MaintenanceState, readonly MaintenanceState[]> = {
  scheduled: ["in_progress", "cancelled"],
  in_progress: ["completed", "extended", "cancelled"],
  extended: ["completed", "extended", "cancelled"],
  completed: [],
  cancelled: [],
};

export function nextMaintenanceStates(state: MaintenanceState): readonly MaintenanceState[] {
  return NEXT_STATES[state];
}

/** Still ahead or under way: shown as upcoming, counted as announced maintenance. */
export function isOpenMaintenance(state: MaintenanceState): boolean {
  return state === "scheduled" || state === "in_progress" || state === "extended";
}

/** Maintenance can be put off at most 45 days from when it was first due [B2 Redshift]. */
export const MAX_DEFERRAL_DAYS = 45;

/**
 * Without a policy of its own, a service's maintenance window is Tuesdays 01:00 for four hours in
 * the customer's zone: the weekly reboot slot [B1 OpsOne] as long as the 4-hour slot offered to
 * affected customers [B1 Hetzner].
 */
export function defaultPolicy(timeZone: string): MaintenancePolicy {
  return { rrule: "FREQ=WEEKLY;BYDAY=TU", startTime: "01:00", durationMinutes: 240, timeZone };
}

/**
 * The slots a customer may ask for instead of the one scheduled: the next windows of the service's
 * policy that keep the notice the work needs from `now`, start no later than 45 days after the
 * scheduled start (the deferral cap) and are not the scheduled start itself; each as long as the work.
 */
export function alternativeSlots(
  policy: MaintenancePolicy,
  work: { kind: MaintenanceKind; expectedDowntimeMinutes: number; startsAt: Date; endsAt: Date },
  now: Date,
  count = 6,
): { startsAt: Date; endsAt: Date }[] {
  const length = work.endsAt.getTime() - work.startsAt.getTime();
  const from = earliestStart(work.kind, work.expectedDowntimeMinutes, now);
  const latest = work.startsAt.getTime() + MAX_DEFERRAL_DAYS * 86_400_000;
  return policyWindows(policy, from, count + 1)
    .filter((w) => w.startsAt.getTime() !== work.startsAt.getTime() && w.startsAt.getTime() <= latest)
    .slice(0, count)
    .map((w) => ({ startsAt: w.startsAt, endsAt: new Date(w.startsAt.getTime() + length) }));
}
