import type { TFunction } from "i18next";
import { type EventAttributes, createEvents } from "ics";
import { z } from "zod";
import type { Database, Executor } from "#db/client.server";
import { wallClock } from "~/domain/cutover";
import {
  type MaintenancePolicy,
  type MaintenanceState,
  MAINTENANCE_KINDS,
  affectsService,
  alternativeSlots,
  defaultPolicy,
  isOpenMaintenance,
  maintenanceReminders,
  nextMaintenanceStates,
  noticeProblem,
  policyProblem,
  policyWindows,
  requiredNoticeHours,
  startProblem,
} from "~/domain/maintenance";
import { multiLine, staffMultiLine, staffSingleLine } from "~/domain/text";
import type { CustomerAccount } from "~/models/customer-account.server";
import {
  type MaintenanceWindow,
  accountCalendarWindows,
  accountWindows,
  changeWindow,
  insertWindow,
  lockAccountWindow,
  lockWindow,
  maintenanceRef,
  savePolicy,
  servicePolicy,
  serviceTimeZone,
  windowById,
} from "~/models/maintenance.server";
import { activeTechnicians, quoteContact, staffByIds } from "~/models/notification-recipients.server";
import { cancelScheduledEmails, enqueueEmail } from "~/models/outbox.server";
import { describeInstant, describeWindow } from "~/presenters/cutover";
import { businessCalendar, publicBaseUrl } from "~/utils/env.server";
import { companyForEmail, emailSignature, emailText } from "./notifications.server";
import { translatorFor } from "./quote.server";

/*
 * Scheduled maintenance (issue 19 item 1): a technician schedules work on a running service with
 * the notice its kind needs; the customer gets it by e-mail with an .ics and is reminded at 72 h,
 * 24 h, 1 h and at the start (outbox rows with a due time, withdrawn when the work moves or is
 * cancelled); work that affects the service asks the customer to acknowledge it or ask for another
 * slot of their maintenance policy, and a technician decides. Every state is an update the customer sees.
 */

type Form = Record<string, FormDataEntryValue | FormDataEntryValue[]>;
export type FieldError = { path: string; message: string };
export type MaintenanceAnswer = { notice: string | null; errors: FieldError[]; status: number };

const accountLink = () => `${publicBaseUrl()}/account`;
const staffLink = (quoteRequestId: string) => `${publicBaseUrl()}/staff/services/${quoteRequestId}/maintenance`;
const zoneOf = async (db: Executor, quoteRequestId: string) =>
  (await serviceTimeZone(db, quoteRequestId)) ?? businessCalendar().timeZone;

/** The service's policy, or the default one in the customer's zone. */
export async function effectivePolicy(db: Executor, quoteRequestId: string): Promise<MaintenancePolicy> {
  return (await servicePolicy(db, quoteRequestId)) ?? defaultPolicy(await zoneOf(db, quoteRequestId));
}

// --- E-mails ---------------------------------------------------------------------------------

type EmailKind =
  | "scheduled"
  | "moved"
  | "kept"
  | "reminder_72h"
  | "reminder_24h"
  | "reminder_1h"
  | "reminder_start"
  | "extended"
  | "completed"
  | "cancelled";

async function tellCustomer(
  tx: Executor,
  window: MaintenanceWindow,
  kind: EmailKind,
  values: Record<string, string> = {},
  extra: { sendAt?: Date; dedupeKey?: string; ics?: boolean } = {},
) {
  const quote = await quoteContact(tx, window.quoteRequestId);
  if (!quote) return;
  const t = await translatorFor(quote.locale);
  const company = await companyForEmail(tx, t, quote.locale);
  const all: Record<string, string> = {
    name: quote.name,
    reference: maintenanceRef(window),
    title: window.title,
    window: describeWindow(t, quote.locale, window),
    start: describeInstant(quote.locale, window.startsAt, window.timeZone),
    end: describeInstant(quote.locale, window.endsAt, window.timeZone),
    impact: impactLine(t, window),
    account: accountLink(),
    ask: window.affectsService && window.state === "scheduled" ? emailText(t, "maintenance.email.ask") : "",
    ...values,
  };
  await enqueueEmail(tx, {
    to: quote.email,
    subject: emailText(t, `maintenance.email.${kind}.subject`, all),
    text: `${emailText(t, `maintenance.email.${kind}.body`, all).replace(/\n{3,}/g, "\n\n")}\n\n${emailSignature(company)}`,
    template: `maintenance_${kind}`,
    sendAt: extra.sendAt,
    dedupeKey: extra.dedupeKey,
    attachment: extra.ics ? { kind: "maintenance_ics", windowId: window.id, locale: quote.locale } : null,
  });
}

/** "Expected downtime: about 20 minutes (servers: web-1, db-1)" or "No downtime expected." */
function impactLine(t: TFunction, w: Pick<MaintenanceWindow, "expectedDowntimeMinutes" | "affectedServers">) {
  const servers = w.affectedServers.length
    ? t("maintenance.servers", { list: w.affectedServers.join(", ") })
    : t("maintenance.allServers");
  return w.expectedDowntimeMinutes > 0
    ? t("maintenance.downtime", { count: w.expectedDowntimeMinutes, servers })
    : t("maintenance.noDowntime", { servers });
}

/** The outbox keys of a window's reminders (only them: the first notice and updates have their own). */
const reminderPrefix = (window: Pick<MaintenanceWindow, "id">) => `maintenance:${window.id}:r:`;

/** Reminders for the window's current start; a window that moves withdraws them first. */
async function scheduleReminders(tx: Executor, window: MaintenanceWindow, now: Date) {
  for (const r of maintenanceReminders(window.startsAt, now)) {
    await tellCustomer(
      tx,
      window,
      `reminder_${r.key}`,
      {},
      { sendAt: r.at, dedupeKey: `${reminderPrefix(window)}${window.startsAt.toISOString()}:${r.key}` },
    );
  }
}

async function tellStaff(tx: Executor, window: MaintenanceWindow, subject: string, text: string, dedupeKey: string) {
  const creator = window.createdBy ? await staffByIds(tx, [window.createdBy]) : [];
  const to = creator.length ? creator : await activeTechnicians(tx);
  for (const user of to)
    await enqueueEmail(tx, {
      to: user.email,
      subject: `${subject} (${maintenanceRef(window)})`,
      text: `${text}\n\n${staffLink(window.quoteRequestId)}`,
      template: "staff_maintenance_response",
      // Asking again for the same slot does not e-mail again.
      dedupeKey: `${dedupeKey}:${user.id}`,
    });
}

// --- The iCalendar file ----------------------------------------------------------------------

function event(t: TFunction, window: MaintenanceWindow, sequence: number): EventAttributes {
  return {
    uid: `maintenance-${window.id}@specdesk`,
    sequence,
    start: window.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: window.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: t("maintenance.ics.title", { reference: maintenanceRef(window), title: window.title }),
    description: [window.description, impactLine(t, window), accountLink()].filter(Boolean).join("\n\n"),
    status: window.state === "cancelled" ? "CANCELLED" : "CONFIRMED",
    busyStatus: window.affectsService ? "BUSY" : "FREE",
    productId: "specdesk/maintenance",
    alarms:
      window.state === "cancelled"
        ? []
        : [{ action: "display", description: t("maintenance.ics.alarm"), trigger: { hours: 1, before: true } }],
  };
}

/**
 * Windows as one iCalendar file in the customer's language (UTC instants: every calendar places
 * them). The sequence grows with every change, so calendars replace an older copy of the event.
 */
export async function maintenanceCalendar(windows: readonly MaintenanceWindow[], locale: string) {
  const t = await translatorFor(locale);
  const { error, value } = createEvents(
    windows.map((w) => event(t, w, Math.max(0, Math.floor((w.updatedAt.getTime() - w.createdAt.getTime()) / 1000)))),
    { method: "PUBLISH", productId: "specdesk/maintenance" },
  );
  if (error || !value) throw error ?? new Error("ics: no calendar");
  return value;
}

/** One window's .ics (e-mail attachments), or null when it is gone. */
export async function maintenanceIcs(db: Executor, windowId: string, locale: string) {
  const window = await windowById(db, windowId);
  return window ? maintenanceCalendar([window], locale) : null;
}

/** The customer's calendar for one of their services (ownership in the query). */
export async function accountMaintenanceIcs(
  db: Executor,
  account: CustomerAccount,
  quoteRequestId: string,
  locale: string,
) {
  return maintenanceCalendar(await accountCalendarWindows(db, account, quoteRequestId), locale);
}

// --- The technician's side -------------------------------------------------------------------

const time = z.iso.time({ precision: -1 });
const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

const staffSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("maintenance_schedule"),
    kind: z.enum(MAINTENANCE_KINDS as unknown as ["routine", "disruptive", "expedited", "emergency"]),
    title: z.string().trim().min(3).max(200).check(staffSingleLine()),
    description: z.string().trim().max(4000).check(staffMultiLine()).default(""),
    servers: z.array(z.string().trim().min(1).max(253)).max(50).default([]),
    downtime: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    date: z.iso.date(),
    start: time,
    duration: z.coerce
      .number()
      .int()
      .min(15)
      .max(3 * 24 * 60),
    reason: z.string().trim().max(2000).optional(),
  }),
  z.object({
    intent: z.literal("maintenance_policy"),
    frequency: z.enum(["DAILY", "WEEKLY", "MONTHLY"]),
    weekday: z.enum(WEEKDAYS),
    ordinal: z.enum(["1", "2", "3", "4", "-1"]).default("1"),
    startTime: z.string(),
    duration: z.coerce.number().int(),
    timeZone: z.string().trim().min(1).max(64),
  }),
  z.object({
    intent: z.literal("maintenance_state"),
    windowId: z.uuid(),
    state: z.enum(["in_progress", "completed", "extended", "cancelled"]),
    body: z.string().trim().max(4000).check(staffMultiLine()).default(""),
    extendMinutes: z.coerce
      .number()
      .int()
      .min(15)
      .max(24 * 60)
      .optional(),
  }),
  z.object({
    intent: z.literal("maintenance_decide"),
    windowId: z.uuid(),
    decision: z.enum(["move", "keep"]),
    note: z.string().trim().max(2000).check(staffMultiLine()).default(""),
  }),
]);

export function isMaintenanceIntent(intent: unknown) {
  return typeof intent === "string" && intent.startsWith("maintenance_");
}

/** The RRULE the policy form describes: daily, weekly on a day, or monthly on the nth weekday ("second Tuesday"). */
export function policyRule(frequency: "DAILY" | "WEEKLY" | "MONTHLY", weekday: string, ordinal: string) {
  if (frequency === "DAILY") return "FREQ=DAILY";
  if (frequency === "WEEKLY") return `FREQ=WEEKLY;BYDAY=${weekday}`;
  return `FREQ=MONTHLY;BYDAY=${ordinal}${weekday}`;
}

const NOTICE_TEXT: Record<string, (hours: number) => string> = {
  too_little_notice: (hours) =>
    `Too little notice: this kind of work needs ${hours >= 48 ? `${hours / 24} days` : `${hours} hours`} of notice.`,
  reason_required: () => "Emergency work needs a reason the customer can read.",
  ends_before_start: () => "The end must come after the start.",
  in_the_past: () => "The start is in the past.",
};

const POLICY_TEXT: Record<string, { path: string; message: string }> = {
  start_time: { path: "startTime", message: "Enter a start time as HH:MM." },
  duration: { path: "duration", message: "The window lasts 15 minutes to 24 hours." },
  time_zone: { path: "timeZone", message: "Unknown time zone (use an IANA name such as Europe/Madrid)." },
  rrule: { path: "frequency", message: "Choose how often the window recurs." },
};

const fieldOf = (path: PropertyKey | undefined) =>
  path === "date" || path === "start" ? "date" : typeof path === "string" ? path : "form";

/** A technician's change to a service's maintenance: schedule, policy, state or a decision on another slot. */
export async function staffMaintenanceAction(
  db: Database,
  user: { id: string },
  service: { id: string; hostnames: readonly string[] },
  form: Form,
  now = new Date(),
): Promise<MaintenanceAnswer> {
  const quoteRequestId = service.id;
  const parsed = staffSchema.safeParse(form);
  if (!parsed.success)
    return {
      notice: null,
      errors: parsed.error.issues.map((i) => ({ path: fieldOf(i.path[0]), message: i.message })),
      status: 400,
    };
  const input = parsed.data;
  const refuse = (path: string, message: string, status = 422): MaintenanceAnswer => ({
    notice: null,
    errors: [{ path, message }],
    status,
  });

  if (input.intent === "maintenance_policy") {
    const policy: MaintenancePolicy = {
      rrule: policyRule(input.frequency, input.weekday, input.ordinal),
      startTime: input.startTime,
      durationMinutes: input.duration,
      timeZone: input.timeZone,
    };
    const problem = policyProblem(policy);
    if (problem) {
      const { path, message } = POLICY_TEXT[problem]!;
      return refuse(path, message, 400);
    }
    await savePolicy(db, quoteRequestId, policy, user.id);
    return { notice: "Maintenance policy saved.", errors: [], status: 200 };
  }

  if (input.intent === "maintenance_schedule") {
    const timeZone = await zoneOf(db, quoteRequestId);
    const startsAt = wallClock(input.date, input.start, timeZone);
    if (!startsAt) return refuse("date", "Enter a valid date and start time.", 400);
    const endsAt = new Date(startsAt.getTime() + input.duration * 60_000);
    if (input.servers.some((h) => !service.hostnames.includes(h)))
      return refuse("servers", "Choose the affected servers among this service's.", 400);
    if (input.downtime > input.duration)
      return refuse("downtime", "The expected downtime cannot be longer than the window.", 400);
    const reason = input.reason?.trim() || null;
    const problem = noticeProblem({
      kind: input.kind,
      expectedDowntimeMinutes: input.downtime,
      startsAt,
      endsAt,
      now,
      reason,
    });
    if (problem)
      return refuse(
        problem === "reason_required" ? "reason" : "date",
        NOTICE_TEXT[problem]!(requiredNoticeHours(input.kind, input.downtime)),
      );
    await db.transaction(async (tx) => {
      const window = await insertWindow(
        tx,
        {
          quoteRequestId,
          kind: input.kind,
          title: input.title,
          description: input.description,
          affectedServers: [...new Set(input.servers)],
          expectedDowntimeMinutes: input.downtime,
          startsAt,
          endsAt,
          timeZone,
          reason: input.kind === "emergency" ? reason : null,
          affectsService: affectsService(input.kind, input.downtime),
          createdBy: user.id,
        },
        input.kind === "emergency" && reason ? reason : "",
      );
      await tellCustomer(
        tx,
        window,
        "scheduled",
        { reason: window.reason ?? "" },
        { ics: true, dedupeKey: `maintenance:${window.id}:scheduled` },
      );
      await scheduleReminders(tx, window, now);
    });
    return {
      notice: "Maintenance scheduled: the customer has been told, with the calendar file.",
      errors: [],
      status: 200,
    };
  }

  return db.transaction(async (tx) => {
    const window = await lockWindow(tx, quoteRequestId, input.windowId);
    if (!window) return refuse("windowId", "This window is not on this service.", 404);

    if (input.intent === "maintenance_decide") {
      if (window.state !== "scheduled" || window.customerResponse !== "another_slot" || window.decision)
        return refuse("windowId", "There is no request for another slot to decide on.", 409);
      if (input.decision === "keep") {
        if (input.note.length < 5)
          return refuse("note", "Tell the customer why the slot has to stay (5+ characters).", 400);
        const kept = await changeWindow(
          tx,
          window.id,
          { decision: "kept", decisionNote: input.note, decidedBy: user.id, decidedAt: now },
          { state: "scheduled", body: input.note, createdBy: user.id },
        );
        await tellCustomer(tx, kept, "kept", { note: input.note });
        return { notice: "Kept: the customer has been told why.", errors: [], status: 200 };
      }
      const startsAt = window.requestedStartsAt!;
      if (startsAt <= now) return refuse("windowId", "The slot the customer asked for has passed.", 409);
      const endsAt = new Date(startsAt.getTime() + (window.endsAt.getTime() - window.startsAt.getTime()));
      await cancelScheduledEmails(tx, reminderPrefix(window));
      const moved = await changeWindow(
        tx,
        window.id,
        { startsAt, endsAt, decision: "moved", decisionNote: input.note || null, decidedBy: user.id, decidedAt: now },
        { state: "scheduled", body: input.note, createdBy: user.id },
      );
      await tellCustomer(tx, moved, "moved", { note: input.note }, { ics: true });
      await scheduleReminders(tx, moved, now);
      return { notice: "Moved to the customer's slot: they have the new calendar file.", errors: [], status: 200 };
    }

    const to = input.state as MaintenanceState;
    if (!nextMaintenanceStates(window.state).includes(to))
      return refuse("state", `A ${window.state.replace("_", " ")} window cannot become ${to.replace("_", " ")}.`, 409);
    if ((to === "cancelled" || to === "extended") && input.body.length < 5)
      return refuse("body", "Tell the customer why (5+ characters).", 400);
    let patch: Parameters<typeof changeWindow>[2] = { state: to };
    if (to === "extended") {
      if (!input.extendMinutes) return refuse("extendMinutes", "Say how many minutes longer.", 400);
      const base = window.endsAt > now ? window.endsAt : now;
      patch = { ...patch, endsAt: new Date(base.getTime() + input.extendMinutes * 60_000) };
    }
    if (to === "in_progress" && startProblem(window, now))
      return refuse(
        "state",
        "This work was announced for later: it may start at most 15 minutes early. Reschedule it (cancel and schedule again with notice) to start sooner.",
      );
    // Completed early: the window ends now (availability excludes only the time the work took).
    if (to === "completed" && window.endsAt > now) patch = { ...patch, endsAt: now };
    // Started before its "starting now" reminder went out: that reminder goes now instead.
    const startReminderPending =
      to === "in_progress"
        ? await cancelScheduledEmails(tx, `${reminderPrefix(window)}${window.startsAt.toISOString()}:start`)
        : 0;
    if (to === "cancelled" || to === "in_progress" || to === "completed")
      await cancelScheduledEmails(tx, reminderPrefix(window));
    const changed = await changeWindow(tx, window.id, patch, { state: to, body: input.body, createdBy: user.id });
    if (to === "in_progress") {
      if (startReminderPending) await tellCustomer(tx, changed, "reminder_start");
    } else await tellCustomer(tx, changed, to, { body: input.body }, { ics: to !== "completed" });
    return { notice: `Window ${maintenanceRef(window)}: ${to.replace("_", " ")}.`, errors: [], status: 200 };
  });
}

// --- The customer's side ---------------------------------------------------------------------

const customerSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("maintenance_ack"), windowId: z.uuid() }),
  z.object({
    intent: z.literal("maintenance_another"),
    windowId: z.uuid(),
    slot: z.iso.datetime({ offset: true }),
    note: z.string().trim().max(1000).check(multiLine()).optional(),
  }),
]);

/** The customer acknowledges work, or asks for another slot of their policy (a technician decides). */
export async function customerMaintenanceAction(
  db: Database,
  account: CustomerAccount,
  quoteRequestId: string,
  form: Form,
  t: TFunction,
  now = new Date(),
): Promise<{ ok: string | null; errors: FieldError[]; status: number }> {
  const parsed = customerSchema.safeParse(form);
  if (!parsed.success)
    return {
      ok: null,
      errors: [{ path: "maintenance", message: t("maintenance.problems.choose") }],
      status: 400,
    };
  const input = parsed.data;
  const policy = await effectivePolicy(db, quoteRequestId);
  return db.transaction(async (tx) => {
    const refuse = (problem: string, status: number) => ({
      ok: null,
      errors: [{ path: "maintenance", message: t(`maintenance.problems.${problem}`) }],
      status,
    });
    const window = await lockAccountWindow(tx, account, quoteRequestId, input.windowId);
    if (!window) return refuse("not_found", 404);
    if (window.state !== "scheduled" || !window.affectsService || window.decision) return refuse("closed", 409);
    if (input.intent === "maintenance_ack") {
      await changeWindow(tx, window.id, {
        customerResponse: "acknowledged",
        respondedAt: now,
        requestedStartsAt: null,
        customerNote: null,
      });
      return { ok: t("maintenance.acknowledgedSent"), errors: [], status: 200 };
    }
    const slot = new Date(input.slot);
    const offered = alternativeSlots(policy, window, now);
    if (!offered.some((s) => s.startsAt.getTime() === slot.getTime())) return refuse("slot", 422);
    await changeWindow(tx, window.id, {
      customerResponse: "another_slot",
      requestedStartsAt: slot,
      customerNote: input.note || null,
      respondedAt: now,
    });
    await tellStaff(
      tx,
      window,
      "Maintenance: the customer asks for another slot",
      `The customer asks to move "${window.title}" (${describeWindow(await translatorFor("en"), "en", window)}) to ${describeInstant("en", slot, window.timeZone)} (${window.timeZone}).${input.note ? `\n\nTheir note: ${input.note}` : ""}\n\nMove it or keep it, with a reason.`,
      `maintenance:${window.id}:ask:${slot.toISOString()}`,
    );
    return { ok: t("maintenance.anotherSent"), errors: [], status: 200 };
  });
}

export interface CustomerMaintenanceView {
  title: string;
  none: string | null;
  calendar: string;
  history: string;
  windows: {
    id: string;
    heading: string;
    when: string;
    kind: string;
    state: string;
    open: boolean;
    impact: string;
    description: string;
    reason: string | null;
    updates: { id: string; at: string; state: string; body: string }[];
    response: string | null;
    ask: {
      lead: string;
      acknowledge: string | null;
      another: string;
      slotsLegend: string;
      slots: { value: string; label: string }[];
      note: string;
      send: string;
    } | null;
  }[];
}

/** The customer's maintenance on one service, worded in their language and zone (ownership in the query). */
export async function customerMaintenance(
  db: Executor,
  account: CustomerAccount,
  quoteRequestId: string,
  t: TFunction,
  locale: string,
  timeZone: string,
  now = new Date(),
): Promise<CustomerMaintenanceView> {
  const [rows, policy] = await Promise.all([
    accountWindows(db, account, quoteRequestId, now),
    effectivePolicy(db, quoteRequestId),
  ]);
  const inZone = (w: Pick<MaintenanceWindow, "startsAt" | "endsAt">) => describeWindow(t, locale, { ...w, timeZone });
  const at = (d: Date) => describeInstant(locale, d, timeZone);
  return {
    title: t("maintenance.title"),
    none: rows.length ? null : t("maintenance.none", { window: policyLine(t, locale, policy) }),
    calendar: t("maintenance.calendar"),
    history: t("maintenance.history"),
    windows: rows.map(({ window: w, updates }) => {
      const canAnswer = w.state === "scheduled" && w.affectsService && !w.decision;
      const response =
        w.decision === "moved"
          ? t("maintenance.moved")
          : w.decision === "kept"
            ? t("maintenance.kept", { note: w.decisionNote ?? "" })
            : w.customerResponse === "acknowledged"
              ? t("maintenance.acknowledged", { date: at(w.respondedAt!) })
              : w.customerResponse === "another_slot"
                ? t("maintenance.asked", { slot: at(w.requestedStartsAt!) })
                : null;
      return {
        id: w.id,
        heading: `${maintenanceRef(w)}: ${w.title}`,
        when: inZone(w),
        kind: t(`maintenance.kinds.${w.kind}`),
        state: t(`maintenance.states.${w.state}`),
        open: isOpenMaintenance(w.state),
        impact: impactLine(t, w),
        description: w.description,
        reason: w.reason ? t("maintenance.reason", { reason: w.reason }) : null,
        updates: updates.map(({ update }) => ({
          id: update.id,
          at: t("maintenance.postedAt", { date: at(update.createdAt) }),
          state: t(`maintenance.states.${update.state}`),
          body: update.body,
        })),
        response,
        ask: canAnswer
          ? {
              lead: w.customerResponse ? t("maintenance.askAgain") : t("maintenance.ask"),
              // Acknowledged already: only asking for another slot is left (until a technician has looked).
              acknowledge: w.customerResponse === "acknowledged" ? null : t("maintenance.acknowledge"),
              another: t("maintenance.another"),
              slotsLegend: t("maintenance.slotsLegend", { zone: timeZone }),
              slots: alternativeSlots(policy, w, now).map((s) => ({
                value: s.startsAt.toISOString(),
                label: inZone(s),
              })),
              note: t("maintenance.note"),
              send: t("maintenance.sendAnother"),
            }
          : null,
      };
    }),
  };
}

/** "Tuesdays, 01:00 for 4 hours (Europe/Madrid)": how the policy reads to the customer. */
export function policyLine(t: TFunction, locale: string, policy: MaintenancePolicy) {
  const [next] = policyWindows(policy, new Date(), 1);
  return next
    ? t("maintenance.policyLine", { next: describeWindow(t, locale, { ...next, timeZone: policy.timeZone }) })
    : "";
}
