import type { TFunction } from "i18next";
import {
  type CutoverReminderKey,
  FINAL_STAGES,
  goNoGoAt,
  leadHours,
  retentionDates,
  suggestedEnd,
  windowReminders,
} from "~/domain/cutover";
import { MIGRATION_RULES } from "~/domain/rules";
import type { CutoverState, CutoverWindowRow } from "~/models/cutover.server";

/** The customer's language's calendar and clock for an instant in the zone the move was planned in. */
function parts(at: Date, locale: string, timeZone: string) {
  const date = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone,
  }).format(at);
  const time = new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone }).format(at);
  return { date, time };
}

/** "Tuesday, 8 December 2026, 00:00 to 06:00 (Europe/Berlin)". */
export function describeWindow(
  t: TFunction,
  locale: string,
  w: Pick<CutoverWindowRow, "startsAt" | "endsAt" | "timeZone">,
): string {
  const start = parts(new Date(w.startsAt), locale, w.timeZone);
  const end = parts(new Date(w.endsAt), locale, w.timeZone);
  return t("cutover.windowLine", { date: start.date, from: start.time, to: end.time, zone: w.timeZone });
}

export function describeInstant(locale: string, at: Date, timeZone: string): string {
  const p = parts(at, locale, timeZone);
  return `${p.date}, ${p.time}`;
}

/** The reminders a confirmed window (and, after the move, the retention) sets off, as one sentence's list. */
export function reminderList(
  t: TFunction,
  locale: string,
  reminders: readonly { key: CutoverReminderKey; at: Date }[],
  timeZone: string,
): string {
  const items = reminders.map((r) => t(`cutover.reminder.${r.key}`, { date: describeInstant(locale, r.at, timeZone) }));
  return new Intl.ListFormat(locale, { type: "conjunction" }).format(items);
}

export interface CustomerCutoverView {
  title: string;
  lead: string;
  state: "awaiting" | "choose" | "confirmed" | "finished";
  intro: string | null;
  offers: { id: string; label: string }[];
  suggested: string[];
  confirmed: { label: string; goNoGo: string; reminders: string | null } | null;
  updates: { id: string; stage: string; at: string; note: string | null }[];
  /** During the night: when the next report is due (hourly, operations-rules §1). */
  nextUpdate: string | null;
  retention: string[];
  suggest: {
    title: string;
    lead: string;
    date: string;
    time: string;
    note: string;
    button: string;
    min: string;
  } | null;
  labels: { confirm: string; calendar: string; progress: string; retention: string };
}

/** What the customer's quote and account pages show of the move, worded in their language (server-side). */
export function presentCustomerCutover(
  state: CutoverState,
  t: TFunction,
  locale: string,
  now: Date,
): CustomerCutoverView {
  const { plan, confirmed } = state;
  const zone = plan.window?.timeZone ?? plan.timeZone;
  const finishedAt = state.updates.find((u) => FINAL_STAGES.includes(u.stage));
  const offers = confirmed
    ? []
    : state.windows
        .filter((w) => w.status === "proposed" && w.proposedBy === "staff")
        .map((w) => ({ id: w.id, label: describeWindow(t, locale, w) }));
  const suggested = confirmed
    ? []
    : state.windows
        .filter((w) => w.status === "proposed" && w.proposedBy === "customer")
        .map((w) => t("cutover.suggested", { window: describeWindow(t, locale, w) }));
  const done = state.updates.find((u) => u.stage === "done");
  const retention = done
    ? (() => {
        const r = retentionDates(new Date(done.createdAt), plan);
        return [
          t("cutover.oldServerOff", { date: describeInstant(locale, r.oldServerOffAt, zone) }),
          t("cutover.archiveDeleted", { date: describeInstant(locale, r.archiveDeletedAt, zone) }),
        ];
      })()
    : [];
  const earliest = new Date(now.getTime() + leadHours(plan) * 3_600_000);
  return {
    title: t("cutover.title"),
    lead: t("cutover.lead", { minutes: plan.downtimeMinutes }),
    state: finishedAt ? "finished" : confirmed ? "confirmed" : offers.length ? "choose" : "awaiting",
    intro: confirmed ? null : offers.length ? t("cutover.choose") : suggested.length ? null : t("cutover.awaiting"),
    offers,
    suggested,
    confirmed: confirmed
      ? {
          label: t("cutover.confirmedLine", { window: describeWindow(t, locale, confirmed) }),
          goNoGo: t("cutover.goNoGo", { time: parts(goNoGoAt(plan, confirmed), locale, confirmed.timeZone).time }),
          reminders: state.updates.length
            ? null
            : t("cutover.reminders", {
                list: reminderList(
                  t,
                  locale,
                  windowReminders(plan, confirmed.startsAt, new Date(confirmed.confirmedAt ?? now)),
                  confirmed.timeZone,
                ),
              }),
        }
      : null,
    updates: state.updates.map((u) => ({
      id: u.id,
      stage: t(`cutover.stage.${u.stage}`),
      at: describeInstant(locale, new Date(u.createdAt), zone),
      note: u.note,
    })),
    nextUpdate:
      state.updates.length && !finishedAt
        ? t("cutover.nextUpdate", {
            time: parts(nextUpdateDue(state.updates), locale, zone).time,
          })
        : null,
    retention,
    suggest: confirmed
      ? null
      : {
          title: t("cutover.suggestTitle"),
          lead: t("cutover.suggestLead", {
            zone,
            hours: Math.round((suggestedEnd(plan, now).getTime() - now.getTime()) / 360_000) / 10,
          }),
          date: t("cutover.suggestDate"),
          time: t("cutover.suggestTime"),
          note: t("cutover.suggestNote"),
          button: t("cutover.suggest"),
          min: new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(earliest),
        },
    labels: {
      confirm: t("cutover.confirm"),
      calendar: t("cutover.calendar"),
      progress: t("cutover.progressTitle"),
      retention: t("cutover.retentionTitle"),
    },
  };
}

/** The next report is due an hour after the last one (status cadence, operations-rules §1). */
export function nextUpdateDue(updates: readonly { createdAt: Date | string }[]): Date {
  const last = Math.max(...updates.map((u) => new Date(u.createdAt).getTime()));
  return new Date(last + MIGRATION_RULES.statusEveryMinutes * 60_000);
}
