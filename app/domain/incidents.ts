import { DateTime } from "luxon";
import { type BusinessCalendar, addBusinessMs } from "./sla";

/**
 * Incidents after go-live (issue 19): severity, the first response and update cadence each promises,
 * the states an incident moves through, and when an overdue update escalates. Defaults from
 * shared/reference/operations-rules.md §4 (C1, C2), configurable per contract; pure.
 */
export type Severity = "P1" | "P2" | "P3" | "P4";
export const SEVERITIES: readonly Severity[] = ["P1", "P2", "P3", "P4"];

/** Statuspage's states [C1]: resolved ends the incident. */
export type IncidentState = "investigating" | "identified" | "monitoring" | "resolved";
export const INCIDENT_STATES: readonly IncidentState[] = ["investigating", "identified", "monitoring", "resolved"];

/** What one severity promises. `business`: the minutes count in the business calendar's working hours. */
export interface SeverityTargets {
  firstResponseMinutes: number;
  /** Minutes between public updates; null: "on change" (no cadence, nothing falls due). */
  updateMinutes: number | null;
  business: boolean;
  /** After an overdue update pages the person on call, how long until an admin is paged too. */
  escalateAfterMinutes: number;
}

/**
 * The defaults [C2, C1]: P1 15 min / every 30 min, P2 1 h / every 60 min, P3 4 business hours /
 * every 4 business hours, P4 next business day (a working day's length, 8 h) / on change. Escalation
 * to an admin is ours: half the update interval, at least 15 minutes.
 */
export const DEFAULT_TARGETS: Record<Severity, SeverityTargets> = {
  P1: { firstResponseMinutes: 15, updateMinutes: 30, business: false, escalateAfterMinutes: 15 },
  P2: { firstResponseMinutes: 60, updateMinutes: 60, business: false, escalateAfterMinutes: 30 },
  P3: { firstResponseMinutes: 240, updateMinutes: 240, business: true, escalateAfterMinutes: 120 },
  P4: { firstResponseMinutes: 480, updateMinutes: null, business: true, escalateAfterMinutes: 240 },
};

/** A contract's own targets over the defaults (only the severities it changes). */
export type ContractTargets = Partial<Record<Severity, Partial<SeverityTargets>>>;

export function targetsFor(severity: Severity, contract: ContractTargets = {}): SeverityTargets {
  return { ...DEFAULT_TARGETS[severity], ...contract[severity] };
}

function after(cal: BusinessCalendar, from: Date, minutes: number, business: boolean): Date {
  return business ? addBusinessMs(cal, from, minutes * 60_000) : new Date(from.getTime() + minutes * 60_000);
}

/** When the first response is due for an incident opened (or reported) at `openedAt`. */
export function firstResponseDue(
  cal: BusinessCalendar,
  severity: Severity,
  openedAt: Date,
  contract: ContractTargets = {},
): Date {
  const t = targetsFor(severity, contract);
  return after(cal, openedAt, t.firstResponseMinutes, t.business);
}

/**
 * The latest time the next public update may come, after one posted at `postedAt`: the cadence,
 * or sooner when the technician promises sooner. Null for an "on change" severity without a
 * promise. Every public update states this time to the customer.
 */
export function nextUpdateDue(
  cal: BusinessCalendar,
  severity: Severity,
  postedAt: Date,
  promised: Date | null = null,
  contract: ContractTargets = {},
): Date | null {
  const t = targetsFor(severity, contract);
  const cadence = t.updateMinutes === null ? null : after(cal, postedAt, t.updateMinutes, t.business);
  if (promised && promised > postedAt && (!cadence || promised < cadence)) return promised;
  return cadence;
}

/** Whether a technician's promised next update keeps the cadence (not later than it allows, not in the past). */
export function promiseProblem(
  cal: BusinessCalendar,
  severity: Severity,
  postedAt: Date,
  promised: Date,
  contract: ContractTargets = {},
): "in_the_past" | "later_than_cadence" | null {
  if (promised <= postedAt) return "in_the_past";
  const cadence = nextUpdateDue(cal, severity, postedAt, null, contract);
  return cadence && promised > cadence ? "later_than_cadence" : null;
}

export type EscalationStep = 1 | 2;

/**
 * Who is paged when an update is overdue: step 1, the person on call, when it falls due; step 2,
 * an admin as well, `escalateAfterMinutes` later (wall-clock: an outage does not wait for office
 * hours). Each step is paged once (the outbox's dedupe key is the incident, the due time and the step).
 */
export function escalationSteps(
  severity: Severity,
  dueAt: Date,
  contract: ContractTargets = {},
): { step: EscalationStep; to: "on_call" | "admin"; at: Date }[] {
  const t = targetsFor(severity, contract);
  return [
    { step: 1, to: "on_call", at: dueAt },
    { step: 2, to: "admin", at: new Date(dueAt.getTime() + t.escalateAfterMinutes * 60_000) },
  ];
}

/** The steps due at `now` that have not been paged yet (`paged`: the highest step already paged for this due time). */
export function dueEscalations(
  severity: Severity,
  dueAt: Date,
  paged: number,
  now: Date,
  contract: ContractTargets = {},
): { step: EscalationStep; to: "on_call" | "admin" }[] {
  return escalationSteps(severity, dueAt, contract)
    .filter((s) => s.step > paged && s.at <= now)
    .map(({ step, to }) => ({ step, to }));
}

/** Any state may follow another while open (an incident can go back to investigating); resolved is final. */
export function canMove(from: IncidentState, to: IncidentState): boolean {
  return from !== "resolved" && from !== to;
}

/**
 * The on-call rota: a weekly rotation through `people`, each week starting on `handoverWeekday`
 * at `handoverTime` in the business time zone, from `startsOn` (the first person's first week);
 * overrides (a person for a period) win over the rotation, the latest-made first.
 */
export interface Rota {
  people: readonly string[];
  startsOn: string;
  handoverWeekday: number;
  handoverTime: string;
  timeZone: string;
  overrides: readonly { person: string; from: Date; to: Date; madeAt: Date }[];
}

/** Who is on call at `at` (null when the rota has nobody). */
export function onCallAt(rota: Rota, at: Date): string | null {
  const override = [...rota.overrides]
    .filter((o) => o.from <= at && at < o.to)
    .sort((a, b) => b.madeAt.getTime() - a.madeAt.getTime())[0];
  if (override) return override.person;
  if (!rota.people.length) return null;
  const [hour, minute] = rota.handoverTime.split(":").map(Number) as [number, number];
  const first = DateTime.fromISO(rota.startsOn, { zone: rota.timeZone }).set({ hour, minute });
  // The first handover on or after startsOn on the handover weekday.
  const start = first.plus({ days: (rota.handoverWeekday - first.weekday + 7) % 7 });
  const local = DateTime.fromJSDate(at, { zone: rota.timeZone });
  // Whole weeks in local calendar terms (a DST week is 167 or 169 hours, still one week).
  let weeks = Math.floor(local.diff(start, "weeks").weeks);
  if (start.plus({ weeks: weeks + 1 }) <= local) weeks++;
  if (start.plus({ weeks }) > local) weeks--;
  const n = rota.people.length;
  return rota.people[((weeks % n) + n) % n]!;
}
