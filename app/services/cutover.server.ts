import type { TFunction } from "i18next";
import { createEvent } from "ics";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import {
  type CutoverReminder,
  CUTOVER_STAGES,
  goNoGoAt,
  leadHours,
  neededMinutes,
  nextStages,
  retentionDates,
  retentionReminders,
  suggestedEnd,
  wallClock,
  windowCandidates,
  windowProblem,
  windowReminders,
} from "~/domain/cutover";
import {
  type CutoverRefusal,
  type CutoverState,
  type CutoverWindowRow,
  assigneeEmail,
  confirmWindow,
  confirmedWindowQuote,
  cutoverState,
  postUpdate,
  proposeWindows,
  suggestWindow,
  withdrawWindow,
} from "~/models/cutover.server";
import { quoteContact } from "~/models/notification-recipients.server";
import { cancelScheduledEmails, enqueueEmail } from "~/models/outbox.server";
import { issueQuoteAccessToken } from "~/models/quote-access-token.server";
import {
  describeInstant,
  describeWindow,
  nextUpdateDue,
  presentCustomerCutover,
  reminderList,
} from "~/presenters/cutover";
import { publicBaseUrl } from "~/utils/env.server";
import { type Actor, accessOf } from "~/utils/permissions";
import { companyForEmail, emailSignature, emailText } from "./notifications.server";
import { translatorFor } from "./quote.server";

/*
 * Cutover day (issue 18 item 4): the technician offers windows in the customer's off-hours, the
 * customer confirms one (or suggests another) on their quote page or account, the confirmation sends
 * an iCalendar invitation and schedules the reminders through the outbox, the technician reports the
 * night's progress, and the end schedules the reminders before the old server and its archive go.
 */

type Form = Record<string, FormDataEntryValue | FormDataEntryValue[]>;
export type CutoverFieldError = { path: string; message: string };
export type CutoverAnswer = { ok: string | null; errors: CutoverFieldError[] };

const reference = (quoteRequestId: string) => quoteRequestId.slice(0, 8).toUpperCase();
const accountLink = () => `${publicBaseUrl()}/account`;

// --- E-mails ---------------------------------------------------------------------------------

async function customerMail(tx: Executor, quoteRequestId: string) {
  const quote = await quoteContact(tx, quoteRequestId);
  if (!quote) return null;
  const t = await translatorFor(quote.locale);
  const company = await companyForEmail(tx, t, quote.locale);
  const send = async (
    kind: string,
    values: Record<string, string>,
    extra: { sendAt?: Date; dedupeKey?: string; windowId?: string } = {},
  ) =>
    enqueueEmail(tx, {
      to: quote.email,
      subject: emailText(t, `cutover.email.${kind}.subject`, values),
      text: `${emailText(t, `cutover.email.${kind}.body`, { name: quote.name, account: accountLink(), ...values })}\n\n${emailSignature(company)}`,
      template: `cutover_${kind}`,
      sendAt: extra.sendAt,
      dedupeKey: extra.dedupeKey,
      attachment: extra.windowId ? { kind: "cutover_ics", windowId: extra.windowId, locale: quote.locale } : null,
    });
  return { quote, t, send };
}

type CustomerMail = NonNullable<Awaited<ReturnType<typeof customerMail>>>;

/** A link to the quote page, minted in the same transaction (sent at once, so not left in the outbox for long). */
async function quoteLink(tx: Executor, quoteRequestId: string) {
  return `${publicBaseUrl()}/q/${await issueQuoteAccessToken(tx, quoteRequestId)}`;
}

/**
 * Reminders are scheduled once per window and kind (the outbox's dedupe key); they link to the
 * account, never a token. `doneAt`: the end of the move, which the retention dates count from.
 */
async function scheduleReminders(
  mail: CustomerMail,
  state: Pick<CutoverState, "plan">,
  window: CutoverWindowRow,
  reminders: readonly CutoverReminder[],
  doneAt?: Date,
) {
  const { quote } = mail;
  const zone = window.timeZone;
  const at = (d: Date) => describeInstant(quote.locale, d, zone);
  const retention = doneAt ? retentionDates(doneAt, state.plan) : null;
  for (const r of reminders) {
    const date =
      r.key === "old_server_off" && retention
        ? at(retention.oldServerOffAt)
        : r.key === "archive_deleted" && retention
          ? at(retention.archiveDeletedAt)
          : at(window.startsAt);
    await mail.send(
      r.key,
      {
        window: describeWindow(mail.t, quote.locale, window),
        date,
        start: at(window.startsAt),
        minutes: String(state.plan.downtimeMinutes),
        goNoGo: at(goNoGoAt(state.plan, window)),
      },
      { sendAt: r.at, dedupeKey: `cutover:${window.id}:${r.key}` },
    );
  }
}

// --- The iCalendar invitation ----------------------------------------------------------------

/** The confirmed window as an .ics file in the customer's language (UTC instants: every calendar places them). */
export async function cutoverIcs(db: Executor, windowId: string, locale: string): Promise<string | null> {
  const quoteRequestId = await confirmedWindowQuote(db, windowId);
  const state = quoteRequestId ? await cutoverState(db, { quoteRequestId }) : null;
  return state?.confirmed?.id === windowId ? icsFor(state, state.confirmed, await translatorFor(locale), locale) : null;
}

export async function icsFor(state: CutoverState, window: CutoverWindowRow, t: TFunction, locale: string) {
  const { error, value } = createEvent({
    uid: `cutover-${window.id}@specdesk`,
    start: window.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: window.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: t("cutover.ics.title", { reference: reference(state.quoteRequestId) }),
    description: t("cutover.ics.description", {
      minutes: state.plan.downtimeMinutes,
      goNoGo: describeInstant(locale, goNoGoAt(state.plan, window), window.timeZone),
      link: accountLink(),
    }),
    status: "CONFIRMED",
    busyStatus: "BUSY",
    productId: "specdesk/cutover",
    method: "PUBLISH",
    alarms: [{ action: "display", description: t("cutover.ics.alarm"), trigger: { hours: 1, before: true } }],
  });
  if (error || !value) throw error ?? new Error("ics: no calendar");
  return value;
}

// --- The customer's side ---------------------------------------------------------------------

const customerSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cutover_confirm"), windowId: z.uuid() }),
  z.object({
    intent: z.literal("cutover_suggest"),
    date: z.iso.date(),
    time: z.iso.time({ precision: -1 }),
    note: z.string().trim().max(1000).optional(),
  }),
]);

export function isCutoverIntent(intent: unknown) {
  return typeof intent === "string" && intent.startsWith("cutover_");
}

/**
 * The customer confirms an offered window or suggests another, on a quote they may see (the caller
 * checked the token or the account). Errors name the field; nothing is written on a refusal.
 */
export async function customerCutoverAction(
  db: Executor,
  quoteRequestId: string,
  form: Form,
  t: TFunction,
  now = new Date(),
): Promise<CutoverAnswer & { status: number }> {
  const parsed = customerSchema.safeParse(form);
  if (!parsed.success) {
    const field = form.intent === "cutover_confirm" ? "windowId" : "date";
    return { ok: null, errors: [{ path: field, message: t("cutover.problems.date") }], status: 400 };
  }
  const state = await cutoverState(db, { quoteRequestId });
  if (!state)
    return { ok: null, errors: [{ path: "windowId", message: t("cutover.problems.not_found") }], status: 404 };
  const refuse = (
    path: string,
    problem: string,
    status = problem === "not_found" ? 404 : 409,
  ): CutoverAnswer & { status: number } => ({
    ok: null,
    errors: [
      {
        path,
        message: t(`cutover.problems.${problem}`, {
          hours: leadHours(state.plan),
          minutes: neededMinutes(state.plan),
          date: state.plan.latestCutoverDate ?? "",
        }),
      },
    ],
    status,
  });
  const input = parsed.data;
  if (input.intent === "cutover_confirm") {
    const window = state.windows.find((w) => w.id === input.windowId);
    if (!window) return refuse("windowId", "not_found", 404);
    const problem = windowProblem(state.plan, window.startsAt, window.endsAt, now);
    if (problem === "too_soon") return refuse("windowId", problem, 422);
    const refusal = await confirmWindow(db, { customerOf: quoteRequestId }, input.windowId, (tx, row, quoteId) =>
      afterConfirm(tx, state, row, quoteId, now),
    );
    return refusal ? refuse("windowId", refusal) : { ok: t("cutover.confirmedSent"), errors: [], status: 200 };
  }
  const zone = state.plan.window?.timeZone ?? state.plan.timeZone;
  const startsAt = wallClock(input.date, input.time, zone);
  if (!startsAt) return refuse("date", "date", 400);
  const endsAt = suggestedEnd(state.plan, startsAt);
  const problem = windowProblem(state.plan, startsAt, endsAt, now);
  if (problem) return refuse("date", problem, 422);
  const refusal = await suggestWindow(
    db,
    quoteRequestId,
    { startsAt, endsAt, timeZone: zone, note: input.note || null },
    async (tx, item) => {
      const to = await assigneeEmail(tx, item.assigneeId);
      if (!to) return;
      await enqueueEmail(tx, {
        to,
        subject: `Cutover: the customer suggested a window (${reference(quoteRequestId)})`,
        text: `The customer suggested ${describeWindow(await translatorFor("en"), "en", { startsAt, endsAt, timeZone: zone })}.${input.note ? `\n\nTheir note: ${input.note}` : ""}\n\nConfirm it or propose others: ${publicBaseUrl()}/staff/provisioning/${item.id}`,
        template: "staff_cutover_suggested",
      });
    },
  );
  return refusal ? refuse("date", refusal) : { ok: t("cutover.suggestedSent"), errors: [], status: 200 };
}

/** In the confirming transaction: the invitation, the reminders (once), and the technician told. */
async function afterConfirm(tx: Executor, state: CutoverState, window: CutoverWindowRow, quoteId: string, now: Date) {
  const mail = await customerMail(tx, quoteId);
  if (!mail) return;
  const { t, quote } = mail;
  const reminders = windowReminders(state.plan, window.startsAt, now);
  const label = describeWindow(t, quote.locale, window);
  await mail.send(
    "confirmed",
    {
      window: label,
      goNoGo: describeInstant(quote.locale, goNoGoAt(state.plan, window), window.timeZone),
      reminders: reminderList(t, quote.locale, reminders, window.timeZone),
      link: await quoteLink(tx, quoteId),
    },
    { windowId: window.id },
  );
  await scheduleReminders(mail, state, window, reminders);
  const to = await assigneeEmail(tx, state.assigneeId);
  if (to)
    await enqueueEmail(tx, {
      to,
      subject: `Cutover confirmed (${reference(quoteId)})`,
      text: `The cutover window is confirmed: ${describeWindow(await translatorFor("en"), "en", window)}.\n\n${publicBaseUrl()}/staff/provisioning/${state.itemId}`,
      template: "staff_cutover_confirmed",
    });
}

// --- The technician's side -------------------------------------------------------------------

const staffSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("cutover_propose"),
    dates: z.array(z.iso.date()).max(10).default([]),
    date: z.union([z.iso.date(), z.literal("")]).optional(),
    start: z.union([z.iso.time({ precision: -1 }), z.literal("")]).optional(),
    end: z.union([z.iso.time({ precision: -1 }), z.literal("")]).optional(),
  }),
  z.object({ intent: z.literal("cutover_withdraw"), windowId: z.uuid() }),
  z.object({ intent: z.literal("cutover_confirm"), windowId: z.uuid() }),
  z.object({
    intent: z.literal("cutover_update"),
    stage: z.enum(CUTOVER_STAGES),
    note: z.string().trim().max(2000).optional(),
  }),
]);

const STAFF_REFUSALS: Record<CutoverRefusal, string> = {
  not_yours: "Only the assigned technician or an admin can change this cutover.",
  not_found: "That window is no longer open.",
  taken: "Another window was confirmed a moment ago.",
  already_confirmed: "A window is already confirmed: withdraw it first to offer others.",
  started: "The move has started: its window can no longer be withdrawn.",
  no_window: "Confirm a window before posting progress.",
  stage_order: "That stage does not follow the last one posted (stages go forward; done and rolled back end the move).",
};

const PROBLEMS = {
  too_soon: (s: CutoverState) =>
    `Too soon: windows must start at least ${leadHours(s.plan)} h ahead (TTL lowering, traffic test).`,
  too_short: (s: CutoverState) => `Too short: the switch and a rollback need ${neededMinutes(s.plan)} minutes.`,
  after_latest: (s: CutoverState) => `After the last day the old contract allows (${s.plan.latestCutoverDate}).`,
  too_far: () => "More than a year ahead.",
};

/** Parses FormData with repeated `dates` as an array. */
export function cutoverForm(formData: FormData): Form {
  const form: Form = Object.fromEntries(formData);
  form.dates = formData.getAll("dates");
  return form;
}

/** The technician's cutover intents on the delivery page; English messages (staff pages are English). */
export async function staffCutoverAction(
  db: Executor,
  actor: Actor,
  itemId: string,
  form: Form,
  now = new Date(),
): Promise<CutoverAnswer & { status: number }> {
  const parsed = staffSchema.safeParse(form);
  if (!parsed.success)
    return {
      ok: null,
      errors: parsed.error.issues.map((i) => ({ path: String(i.path[0] ?? "intent"), message: i.message })),
      status: 400,
    };
  const state = await cutoverState(db, { itemId });
  if (!state)
    return { ok: null, errors: [{ path: "intent", message: "This order has no move to plan." }], status: 404 };
  const refused = (r: CutoverRefusal | null, ok: string) =>
    r
      ? { ok: null, errors: [{ path: "intent", message: STAFF_REFUSALS[r] }], status: r === "not_yours" ? 403 : 409 }
      : { ok, errors: [], status: 200 };
  const input = parsed.data;
  switch (input.intent) {
    case "cutover_propose": {
      const zone = state.plan.window?.timeZone ?? state.plan.timeZone;
      const windows: { startsAt: Date; endsAt: Date }[] = [];
      const candidates = windowCandidates(state.plan, now, 30);
      for (const date of input.dates) {
        const c = candidates.find((x) => x.date === date);
        if (!c)
          return { ok: null, errors: [{ path: "dates", message: `${date} is not an offered date.` }], status: 422 };
        windows.push(c);
      }
      if (input.date || input.start || input.end) {
        const startsAt = input.date && input.start ? wallClock(input.date, input.start, zone) : null;
        let endsAt = input.date && input.end ? wallClock(input.date, input.end, zone) : null;
        if (!startsAt || !endsAt)
          return { ok: null, errors: [{ path: "date", message: "Give a date, a start and an end." }], status: 400 };
        if (endsAt <= startsAt) endsAt = new Date(endsAt.getTime() + 24 * 3_600_000);
        const problem = windowProblem(state.plan, startsAt, endsAt, now);
        if (problem) return { ok: null, errors: [{ path: "date", message: PROBLEMS[problem](state) }], status: 422 };
        windows.push({ startsAt, endsAt });
      }
      if (!windows.length)
        return { ok: null, errors: [{ path: "dates", message: "Choose at least one window." }], status: 400 };
      const refusal = await proposeWindows(db, actor, itemId, windows, zone, async (tx, quoteId) => {
        const mail = await customerMail(tx, quoteId);
        if (!mail) return;
        await mail.send("proposed", {
          windows: windows
            .map((w) => `- ${describeWindow(mail.t, mail.quote.locale, { ...w, timeZone: zone })}`)
            .join("\n"),
          link: await quoteLink(tx, quoteId),
        });
      });
      return refused(refusal, windows.length === 1 ? "1 window offered." : `${windows.length} windows offered.`);
    }
    case "cutover_withdraw": {
      const refusal = await withdrawWindow(db, actor, itemId, input.windowId, async (tx, window, quoteId) => {
        if (!window.confirmedAt) return;
        await cancelScheduledEmails(tx, `cutover:${window.id}:`);
        const mail = await customerMail(tx, quoteId);
        if (mail) await mail.send("withdrawn", { window: describeWindow(mail.t, mail.quote.locale, window) });
      });
      return refused(refusal, "Window withdrawn.");
    }
    case "cutover_confirm": {
      const window = state.windows.find((w) => w.id === input.windowId);
      const problem = window ? windowProblem(state.plan, window.startsAt, window.endsAt, now) : "too_far";
      if (problem === "too_soon")
        return { ok: null, errors: [{ path: "windowId", message: PROBLEMS.too_soon(state) }], status: 422 };
      const refusal = await confirmWindow(db, { actor }, input.windowId, (tx, row, quoteId) =>
        afterConfirm(tx, state, row, quoteId, now),
      );
      return refused(refusal, "The customer's window is confirmed.");
    }
    case "cutover_update": {
      const refusal = await postUpdate(
        db,
        actor,
        itemId,
        input.stage,
        input.note || null,
        async (tx, window, update, quoteId) => {
          const mail = await customerMail(tx, quoteId);
          if (!mail) return;
          await mail.send("update", {
            stage: mail.t(`cutover.stage.${update.stage}`),
            time: describeInstant(mail.quote.locale, update.createdAt, window.timeZone),
            message: update.note ?? "",
          });
          if (update.stage === "done")
            await scheduleReminders(
              mail,
              state,
              window,
              retentionReminders(update.createdAt, state.plan, now),
              update.createdAt,
            );
          // A rolled-back or finished move needs no more reminders of the night.
          await cancelScheduledEmails(tx, `cutover:${window.id}:one_hour`);
        },
      );
      return refused(refusal, "Update posted; the customer was e-mailed.");
    }
  }
}

/** The move as the customer's pages show it (worded in their language), or null when there is none to show. */
export async function customerCutover(db: Executor, quoteRequestId: string, t: TFunction, locale: string) {
  const state = await cutoverState(db, { quoteRequestId });
  return state ? presentCustomerCutover(state, t, locale, new Date()) : null;
}

/** The confirmed window's .ics for a quote the caller may see; 404 when nothing is confirmed. */
export async function cutoverIcsResponse(db: Executor, quoteRequestId: string, locale: string) {
  const state = await cutoverState(db, { quoteRequestId });
  const headers = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };
  if (!state?.confirmed) return new Response("Not found", { status: 404, headers });
  const body = await icsFor(state, state.confirmed, await translatorFor(locale), locale);
  return new Response(body, {
    headers: {
      ...headers,
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="cutover-${reference(quoteRequestId)}.ics"`,
    },
  });
}

/** The delivery page's cutover section (staff, English): windows, what can be offered, the night's stages, retention. */
export async function staffCutoverView(db: Executor, user: Actor, itemId: string, now = new Date()) {
  const state = await cutoverState(db, { itemId });
  if (!state) return null;
  const t = await translatorFor("en");
  const { plan, confirmed } = state;
  const zone = plan.window?.timeZone ?? plan.timeZone;
  const access = accessOf(user.role, "write:provisioning");
  const canWrite =
    (state.itemStatus === "claimed" || state.itemStatus === "done") &&
    (access === "any" || (access === "own" && state.assigneeId === user.id));
  const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const label = (w: Pick<CutoverWindowRow, "startsAt" | "endsAt" | "timeZone">) =>
    `${describeWindow(t, "en", w)} = ${utc(w.startsAt)}`;
  const posted = state.updates.map((u) => u.stage);
  const done = state.updates.find((u) => u.stage === "done");
  return {
    canWrite,
    zone,
    downtimeMinutes: plan.downtimeMinutes,
    neededMinutes: neededMinutes(plan),
    leadHours: leadHours(plan),
    latestCutoverDate: plan.latestCutoverDate,
    plannedWindow: plan.window
      ? `${plan.window.days.join(", ")} ${plan.window.start}-${plan.window.end} (${zone})`
      : null,
    candidates: confirmed
      ? []
      : windowCandidates(plan, now, 10)
          .filter((c) => !state.windows.some((w) => w.status !== "withdrawn" && +w.startsAt === +c.startsAt))
          .map((c) => ({ date: c.date, label: label({ ...c, timeZone: zone }) })),
    windows: state.windows
      .filter((w) => w.status !== "withdrawn")
      .map((w) => ({
        id: w.id,
        label: label(w),
        status: w.status,
        by: w.proposedBy,
        note: w.note,
        goNoGo: describeInstant("en", goNoGoAt(plan, w), w.timeZone),
      })),
    nextStages: confirmed ? nextStages(posted) : [],
    nextUpdateDue:
      state.updates.length && !state.updates.some((u) => u.stage === "done" || u.stage === "rolled_back")
        ? utc(nextUpdateDue(state.updates))
        : null,
    updates: state.updates.map((u) => ({
      id: u.id,
      stage: t(`cutover.stage.${u.stage}`),
      at: utc(u.createdAt),
      note: u.note,
    })),
    retention: done
      ? (() => {
          const r = retentionDates(done.createdAt, plan);
          return `Old server off ${utc(r.oldServerOffAt)}; archive deleted ${utc(r.archiveDeletedAt)} (the customer is reminded before each).`;
        })()
      : null,
  };
}
