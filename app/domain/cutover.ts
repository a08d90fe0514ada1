import { DateTime } from "luxon";
import { type MigrationPlan, cutoverDates, windowOccurrence } from "./migration-plan";
import { MIGRATION_RULES } from "./rules";

/**
 * Cutover day (issue 18 item 4), pure: the windows a technician may offer in the customer's
 * off-hours, what a window must hold, the reminders it sets off (operations-rules.md §1: TTL
 * lowered at T − max(old TTL, 48 h), content freeze at T − 24 h, and an hour before), the stages the
 * technician reports during the night, the go/no-go instant and the old server's retention dates.
 */

export const CUTOVER_WINDOW_STATUSES = ["proposed", "confirmed", "withdrawn"] as const;
export type CutoverWindowStatus = (typeof CUTOVER_WINDOW_STATUSES)[number];

/** What the technician reports during the window, in order; done and rolled_back end it. */
export const CUTOVER_STAGES = ["started", "synced", "switched", "verifying", "done", "rolled_back"] as const;
export type CutoverStage = (typeof CUTOVER_STAGES)[number];
export const FINAL_STAGES: readonly CutoverStage[] = ["done", "rolled_back"];

export type CutoverReminderKey = "lower_ttl" | "freeze" | "one_hour" | "old_server_off" | "archive_deleted";

export interface CutoverReminder {
  key: CutoverReminderKey;
  at: Date;
}

const HOUR = 3_600_000;
const M = MIGRATION_RULES;

/** The milestones before T that need the window fixed in advance (TTL, traffic, freeze): hours ahead, at least 48. */
export function leadHours(plan: Pick<MigrationPlan, "milestones">): number {
  const before = plan.milestones
    .filter((m) => m.key === "lower_ttl" || m.key === "traffic" || m.key === "freeze")
    .map((m) => -m.offsetHours);
  return Math.max(M.ttlLeadHours, ...before);
}

/** How long a window must last: the switch and the time to roll back. */
export function neededMinutes(plan: Pick<MigrationPlan, "downtimeMinutes" | "rollbackMinutes">): number {
  return plan.downtimeMinutes + plan.rollbackMinutes;
}

export interface WindowCandidate {
  /** The customer's calendar date the window starts on (YYYY-MM-DD, in the plan's zone). */
  date: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The next windows a technician can offer: the plan's off-hours window on the dates it holds the
 * switch and the rollback (DST nights that make it too short skipped), starting far enough ahead for
 * the TTL to come down, and no later than the last day the old contract allows.
 */
export function windowCandidates(plan: MigrationPlan, now: Date, count: number): WindowCandidate[] {
  const w = plan.window;
  if (!w) return [];
  const earliest = now.getTime() + leadHours(plan) * HOUR;
  const from = DateTime.fromMillis(earliest, { zone: w.timeZone }).minus({ days: 1 }).toISODate()!;
  const out: WindowCandidate[] = [];
  for (const date of cutoverDates(plan, from, count + 3)) {
    if (plan.latestCutoverDate && date > plan.latestCutoverDate) break;
    const occ = windowOccurrence(w, w.timeZone, date);
    if (occ.start.toMillis() < earliest) continue;
    out.push({ date, startsAt: occ.start.toJSDate(), endsAt: occ.end.toJSDate() });
    if (out.length === count) break;
  }
  return out;
}

/** A wall-clock date and time in a zone as an instant (a time the clocks skip moves forward); null when invalid. */
export function wallClock(date: string, time: string, timeZone: string): Date | null {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  return dt.isValid ? dt.toJSDate() : null;
}

export type WindowProblem = "too_soon" | "too_short" | "after_latest" | "too_far";

/** Why a window cannot be offered or confirmed now; null when it can. */
export function windowProblem(plan: MigrationPlan, startsAt: Date, endsAt: Date, now: Date): WindowProblem | null {
  if (startsAt.getTime() < now.getTime() + leadHours(plan) * HOUR) return "too_soon";
  if (startsAt.getTime() > now.getTime() + 366 * 24 * HOUR) return "too_far";
  if ((endsAt.getTime() - startsAt.getTime()) / 60_000 < neededMinutes(plan)) return "too_short";
  if (plan.latestCutoverDate) {
    const local = DateTime.fromJSDate(startsAt, { zone: plan.timeZone }).toISODate()!;
    if (local > plan.latestCutoverDate) return "after_latest";
  }
  return null;
}

/** The end of a window the customer suggests by its start: the plan's usual window length, at least what it needs. */
export function suggestedEnd(plan: MigrationPlan, startsAt: Date): Date {
  const minutes = Math.max(plan.window?.minutes ?? 0, Math.ceil(neededMinutes(plan) / 60) * 60);
  return new Date(startsAt.getTime() + minutes * 60_000);
}

/** The last moment to decide to go on or roll back: the window's end less the rollback time. */
export function goNoGoAt(plan: Pick<MigrationPlan, "rollbackMinutes">, window: { endsAt: Date }): Date {
  return new Date(window.endsAt.getTime() - plan.rollbackMinutes * 60_000);
}

/**
 * Reminders a confirmed window sets off, from the plan's milestones: lower the TTL, the content
 * freeze (site moves only), and an hour before. One already past when confirmed is sent at once
 * (`at` = now): the customer still needs it.
 */
export function windowReminders(plan: MigrationPlan, startsAt: Date, now: Date): CutoverReminder[] {
  const T = startsAt.getTime();
  const at = (offsetHours: number) => new Date(Math.max(now.getTime(), T + offsetHours * HOUR));
  const out: CutoverReminder[] = [];
  const ttl = plan.milestones.find((m) => m.key === "lower_ttl");
  if (ttl) out.push({ key: "lower_ttl", at: at(ttl.offsetHours) });
  const freeze = plan.milestones.find((m) => m.key === "freeze");
  if (freeze) out.push({ key: "freeze", at: at(freeze.offsetHours) });
  out.push({ key: "one_hour", at: at(-1) });
  return out;
}

/** When the old server is switched off and its final archive deleted, counted from the end of the move. */
export function retentionDates(doneAt: Date, plan: Pick<MigrationPlan, "overlap">) {
  const oldServerOffAt = new Date(doneAt.getTime() + plan.overlap.keepOldServerHours * HOUR);
  const archiveDeletedAt = new Date(oldServerOffAt.getTime() + plan.overlap.archiveDays * 24 * HOUR);
  return { oldServerOffAt, archiveDeletedAt };
}

/** Reminders before deletion: a day before the old server goes off, a week (at most half the archive time) before the archive goes. */
export function retentionReminders(doneAt: Date, plan: Pick<MigrationPlan, "overlap">, now: Date): CutoverReminder[] {
  const { oldServerOffAt, archiveDeletedAt } = retentionDates(doneAt, plan);
  const archiveLead = Math.min(7 * 24, (plan.overlap.archiveDays * 24) / 2);
  const later = (t: number) => new Date(Math.max(now.getTime(), t));
  return [
    { key: "old_server_off", at: later(oldServerOffAt.getTime() - 24 * HOUR) },
    { key: "archive_deleted", at: later(archiveDeletedAt.getTime() - archiveLead * HOUR) },
  ];
}

/**
 * The stages a technician may post next: forward only (a stage may be skipped, none repeated), none
 * after done or rolled back, rolled back at any point after the start, done only after the switch.
 */
export function nextStages(posted: readonly CutoverStage[]): CutoverStage[] {
  if (posted.some((s) => FINAL_STAGES.includes(s))) return [];
  if (!posted.includes("started")) return ["started"];
  const last = Math.max(...posted.map((s) => CUTOVER_STAGES.indexOf(s)));
  const forward = (["synced", "switched", "verifying", "done"] as const).filter(
    (s) => CUTOVER_STAGES.indexOf(s) > last && (s !== "done" || posted.includes("switched") || last >= 2),
  );
  return [...forward, "rolled_back"];
}
