import { and, asc, eq, like } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { maintenancePolicies, maintenanceWindows, outboxMessages, provisioningItems } from "#db/schema";
import { action as serviceAction, loader as serviceLoader } from "~/routes/account.services.$id/route";
import { loader as icsLoader } from "~/routes/account.services.$id.maintenance[.ics]";
import {
  action as maintenanceAction,
  loader as maintenanceLoader,
} from "~/routes/staff.services.$id.maintenance/route";
import { loader as operationsLoader } from "~/routes/staff.operations._index/route";
import { loader as accountLoader } from "~/routes/account._index/route";
import { buildAttachment } from "~/services/email-attachments.server";
import { type CustomerMaintenanceView, staffMaintenanceAction } from "~/services/maintenance.server";
import { businessCalendar } from "~/utils/env.server";
import { acceptFirstProposal, createQuote, createStaff, unique, handedOverService } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 19 item 1: maintenance scheduled with notice, reminded, acknowledged or moved, and run to the end. */

const HOUR = 3_600_000;

const handedOver = (db: Database, label: string) => handedOverService(db, label);

const mails = (db: Database, to: string, template: string) =>
  db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, to), like(outboxMessages.template, template)))
    .orderBy(asc(outboxMessages.nextAttemptAt));

/** A date `days` from now in the zone windows are planned in (the business zone without a policy). */
const dayAhead = (days: number) => DateTime.now().setZone(businessCalendar().timeZone).plus({ days }).toISODate()!;

describe.each(TEST_DATABASES)("maintenance on $name", (target) => {
  const database = useTestDatabase(target);

  async function setUp(db: Database) {
    const tech = await createStaff(db, "technician");
    const mine = await handedOver(db, "ana");
    const theirs = await handedOver(db, "bo");
    const staffPost = (quoteId: string, values: Record<string, string>, cookie = tech.cookie) =>
      callAction(maintenanceAction, req(`/staff/services/${quoteId}/maintenance`, cookie, values), { id: quoteId });
    const customerPost = (quoteId: string, cookie: string, values: Record<string, string>) =>
      callAction(serviceAction, req(`/account/services/${quoteId}`, cookie, values), { id: quoteId });
    const page = async (service: { quoteId: string; cookie: string }) => {
      const res = await callLoader(serviceLoader, req(`/account/services/${service.quoteId}`, service.cookie), {
        id: service.quoteId,
      });
      expect(res.status).toBe(200);
      return (res.data as { maintenance: CustomerMaintenanceView }).maintenance;
    };
    return { tech, mine, theirs, staffPost, customerPost, page };
  }

  it("work is scheduled only with the notice its kind needs, reaches the customer with an .ics and four reminders, is acknowledged and run to completion", async () => {
    const db = database().db;
    const { tech, mine, theirs, staffPost, customerPost, page } = await setUp(db);
    const work = {
      intent: "maintenance_schedule",
      kind: "disruptive",
      title: "Replace the RAID controller",
      description: "The controller's firmware has a known fault.",
      downtime: "20",
      date: dayAhead(10),
      start: "01:00",
      duration: "120",
    };

    // Disruptive work needs 14 days: refused on the date field, nothing written.
    const early = await staffPost(mine.quoteId, work);
    expect(early.status).toBe(422);
    expect(early.data.errors).toEqual([{ path: "date", message: expect.stringContaining("14 days") }]);
    // Bad input: a field error, not a 500.
    const bad = await staffPost(mine.quoteId, { ...work, downtime: "lots", title: "" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.map((e) => e.path).sort()).toEqual(["downtime", "title"]);
    // Only this service's servers can be affected.
    const strange = await staffPost(mine.quoteId, { ...work, kind: "routine", servers: "mail.elsewhere.example" });
    expect(strange.status).toBe(400);
    expect(strange.data.errors[0]!.path).toBe("servers");
    // A sales rep may not schedule work.
    const rep = await createStaff(db, "sales");
    expect((await staffPost(mine.quoteId, { ...work, kind: "routine" }, rep.cookie)).status).toBe(403);
    expect(
      await db.select().from(maintenanceWindows).where(eq(maintenanceWindows.quoteRequestId, mine.quoteId)),
    ).toEqual([]);

    // Routine work with downtime needs 7 days: ten days ahead is fine.
    const ok = await staffPost(mine.quoteId, { ...work, kind: "routine" });
    expect(ok.status).toBe(200);
    const [window] = await db
      .select()
      .from(maintenanceWindows)
      .where(eq(maintenanceWindows.quoteRequestId, mine.quoteId));
    const zone = businessCalendar().timeZone;
    expect(window).toMatchObject({ state: "scheduled", kind: "routine", affectsService: true, timeZone: zone });
    expect(DateTime.fromJSDate(window!.startsAt, { zone }).toFormat("yyyy-LL-dd HH:mm")).toBe(`${work.date} 01:00`);
    expect(window!.endsAt.getTime() - window!.startsAt.getTime()).toBe(2 * HOUR);

    // The customer is told at once, with the calendar file, and reminded at 72 h, 24 h, 1 h and at the start.
    const [told] = await mails(db, mine.email, "maintenance_scheduled");
    expect(told!.attachment).toEqual({ kind: "maintenance_ics", windowId: window!.id, locale: "en" });
    expect(told!.textBody).toContain("Replace the RAID controller");
    expect(told!.textBody).toContain("about 20 minutes");
    expect(told!.textBody).toContain("please acknowledge");
    const reminders = await mails(db, mine.email, "maintenance_reminder_%");
    expect(reminders.map((r) => [r.template, window!.startsAt.getTime() - r.nextAttemptAt.getTime()])).toEqual([
      ["maintenance_reminder_72h", 72 * HOUR],
      ["maintenance_reminder_24h", 24 * HOUR],
      ["maintenance_reminder_1h", HOUR],
      ["maintenance_reminder_start", 0],
    ]);
    const ics = await buildAttachment(db, told!.attachment!);
    const text = ics!.content.toString("utf8");
    expect(ics!.contentType).toContain("text/calendar");
    expect(text).toContain(`UID:maintenance-${window!.id}@specdesk`);
    expect(text).toContain(`DTSTART:${DateTime.fromJSDate(window!.startsAt).toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'")}`);
    expect(text).toContain("STATUS:CONFIRMED");

    // The customer sees it in their zone and is asked to acknowledge it; another customer sees nothing of it.
    const view = await page(mine);
    expect(view.windows).toHaveLength(1);
    expect(view.windows[0]!.ask?.slots.length).toBeGreaterThan(0);
    expect((await page(theirs)).windows).toEqual([]);
    const foreign = await customerPost(mine.quoteId, theirs.cookie, {
      intent: "maintenance_ack",
      windowId: window!.id,
    });
    expect(foreign.status).toBe(404);
    const crossed = await customerPost(theirs.quoteId, theirs.cookie, {
      intent: "maintenance_ack",
      windowId: window!.id,
    });
    expect(crossed.status).toBe(404);
    const icsOther = await callLoader(
      icsLoader,
      req(`/account/services/${mine.quoteId}/maintenance.ics`, theirs.cookie),
      {
        id: mine.quoteId,
      },
    );
    expect(icsOther.status).toBe(404);
    expect(
      (await db.select().from(maintenanceWindows).where(eq(maintenanceWindows.id, window!.id)))[0]!.customerResponse,
    ).toBeNull();

    // The account's service list flags it, asking for an answer; the other customer's list does not.
    const services = async (c: { cookie: string }) =>
      (
        (await callLoader(accountLoader, req("/account", c.cookie))).data as {
          services: { id: string; maintenance: { text: string } | null }[];
        }
      ).services;
    expect((await services(mine)).find((s) => s.id === mine.quoteId)!.maintenance!.text).toMatch(/please answer$/);
    expect((await services(theirs)).every((s) => s.maintenance === null)).toBe(true);
    const ack = await customerPost(mine.quoteId, mine.cookie, { intent: "maintenance_ack", windowId: window!.id });
    expect((await services(mine)).find((s) => s.id === mine.quoteId)!.maintenance!.text).not.toMatch(/please answer/);
    expect(ack.status).toBe(200);
    expect((await page(mine)).windows[0]!.response).toMatch(/You acknowledged this work/);
    const calendar = await callLoader(
      icsLoader,
      req(`/account/services/${mine.quoteId}/maintenance.ics`, mine.cookie),
      {
        id: mine.quoteId,
      },
    );
    expect(calendar.status).toBe(200);
    expect(await calendar.response!.text()).toContain(`UID:maintenance-${window!.id}@specdesk`);

    // The board lists it (within 14 days).
    const board = await callLoader(operationsLoader, req("/staff/operations", tech.cookie));
    expect(board.data.maintenance.map((m) => m.id)).toContain(window!.id);

    // States: scheduled → in progress → extended → completed; completing from scheduled is refused.
    const post = (values: Record<string, string>) => staffPost(mine.quoteId, { windowId: window!.id, ...values });
    expect((await post({ intent: "maintenance_state", state: "completed" })).status).toBe(409);
    // Announced for ten days ahead, the work cannot start now (that would dodge the notice).
    const tooEarly = await post({ intent: "maintenance_state", state: "in_progress" });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.data.errors[0]!.message).toMatch(/15 minutes early/);
    // On the night (the clock moved to the window), through the same service function the route's action calls.
    const service = { id: mine.quoteId, hostnames: [] };
    const at = (minutes: number) => new Date(window!.startsAt.getTime() + minutes * 60_000);
    const postAt = (minutes: number, values: Record<string, string>) =>
      staffMaintenanceAction(db, tech.user, service, { windowId: window!.id, ...values }, at(minutes));
    expect((await postAt(-5, { intent: "maintenance_state", state: "in_progress", body: "Starting." })).status).toBe(
      200,
    );
    // Started five minutes early: the reminders not yet sent are withdrawn, and "starting now" goes at once.
    const afterStart = await mails(db, mine.email, "maintenance_reminder_%");
    expect(afterStart.filter((r) => r.status === "cancelled")).toHaveLength(4);
    expect(afterStart.filter((r) => r.status === "pending").map((r) => [r.template, r.dedupeKey])).toEqual([
      ["maintenance_reminder_start", null],
    ]);
    expect((await postAt(10, { intent: "maintenance_state", state: "extended", extendMinutes: "30" })).status).toBe(
      400,
    );
    const extended = await postAt(10, {
      intent: "maintenance_state",
      state: "extended",
      extendMinutes: "30",
      body: "The new controller needs a firmware update first.",
    });
    expect(extended.status).toBe(200);
    const [longer] = await db.select().from(maintenanceWindows).where(eq(maintenanceWindows.id, window!.id));
    expect(longer!.endsAt.getTime()).toBe(window!.endsAt.getTime() + 30 * 60_000);
    expect(await mails(db, mine.email, "maintenance_extended")).toHaveLength(1);
    expect(
      (await postAt(60, { intent: "maintenance_state", state: "completed", body: "Done; all checks green." })).status,
    ).toBe(200);
    // Completed early: the window ends when it was completed.
    const [done] = await db.select().from(maintenanceWindows).where(eq(maintenanceWindows.id, window!.id));
    expect(done!.endsAt.getTime()).toBe(at(60).getTime());
    expect((await mails(db, mine.email, "maintenance_completed"))[0]!.textBody).toContain("all checks green");
    const after = await page(mine);
    expect(after.windows[0]!.state).toBe("Completed");
    expect(after.windows[0]!.ask).toBeNull();
    expect(after.windows[0]!.updates.map((u) => u.state)).toEqual([
      "Scheduled",
      "In progress",
      "Extended",
      "Completed",
    ]);
    // Another service's window cannot be changed through this one.
    expect(
      (
        await staffPost(theirs.quoteId, {
          intent: "maintenance_state",
          windowId: window!.id,
          state: "cancelled",
          body: "Not yours.",
        })
      ).status,
    ).toBe(404);
  });

  it("a customer asks for another slot of their window; a technician moves it (reminders follow) or keeps it with a reason", async () => {
    const db = database().db;
    const { tech, mine, staffPost, customerPost, page } = await setUp(db);
    // Their window: Thursdays 02:00 for 3 hours, in Madrid.
    const policy = await staffPost(mine.quoteId, {
      intent: "maintenance_policy",
      frequency: "WEEKLY",
      weekday: "TH",
      ordinal: "1",
      startTime: "02:00",
      duration: "180",
      timeZone: "Europe/Madrid",
    });
    expect(policy.status).toBe(200);
    const badPolicy = await staffPost(mine.quoteId, {
      intent: "maintenance_policy",
      frequency: "WEEKLY",
      weekday: "TH",
      startTime: "02:00",
      duration: "180",
      timeZone: "Mars/Olympus",
    });
    expect(badPolicy.status).toBe(400);
    expect(badPolicy.data.errors).toEqual([{ path: "timeZone", message: expect.any(String) }]);
    expect(
      (await db.select().from(maintenancePolicies).where(eq(maintenancePolicies.quoteRequestId, mine.quoteId)))[0]!
        .timeZone,
    ).toBe("Europe/Madrid");

    const date = DateTime.now().setZone("Europe/Madrid").plus({ days: 16 }).toISODate()!;
    for (const title of ["Move to new storage", "Swap the power supply"])
      expect(
        (
          await staffPost(mine.quoteId, {
            intent: "maintenance_schedule",
            kind: "disruptive",
            title,
            downtime: "60",
            date,
            start: "03:00",
            duration: "120",
          })
        ).status,
      ).toBe(200);
    const windows = await db
      .select()
      .from(maintenanceWindows)
      .where(eq(maintenanceWindows.quoteRequestId, mine.quoteId))
      .orderBy(asc(maintenanceWindows.number));
    expect(windows[0]!.timeZone).toBe("Europe/Madrid");
    const [move, keep] = windows;

    const view = await page(mine);
    const slots = view.windows.find((w) => w.id === move!.id)!.ask!.slots;
    // Offered slots are Thursdays at 02:00 in Madrid, with 14 days' notice from now, within 45 days of the start.
    for (const s of slots) {
      const local = DateTime.fromISO(s.value, { zone: "Europe/Madrid" });
      expect([local.weekday, local.toFormat("HH:mm")]).toEqual([4, "02:00"]);
      expect(local.toMillis()).toBeGreaterThanOrEqual(Date.now() + 14 * 24 * HOUR - 60_000);
      expect(local.toMillis()).toBeLessThanOrEqual(move!.startsAt.getTime() + 45 * 24 * HOUR);
    }
    const notOffered = await customerPost(mine.quoteId, mine.cookie, {
      intent: "maintenance_another",
      windowId: move!.id,
      slot: new Date(move!.startsAt.getTime() + HOUR).toISOString(),
    });
    expect(notOffered.status).toBe(422);
    const asked = await customerPost(mine.quoteId, mine.cookie, {
      intent: "maintenance_another",
      windowId: move!.id,
      slot: slots[0]!.value,
      note: "We run our month-end close that night.",
    });
    expect(asked.status).toBe(200);
    const [toStaff] = await mails(db, tech.user.email, "staff_maintenance_response");
    expect(toStaff!.textBody).toContain("month-end close");

    // Moved: the window takes the slot (same length), old reminders withdrawn, new ones set, a new .ics sent.
    const moved = await staffPost(mine.quoteId, { intent: "maintenance_decide", windowId: move!.id, decision: "move" });
    expect(moved.status).toBe(200);
    const [after] = await db.select().from(maintenanceWindows).where(eq(maintenanceWindows.id, move!.id));
    expect(after!.startsAt.toISOString()).toBe(new Date(slots[0]!.value).toISOString());
    expect(after!.endsAt.getTime() - after!.startsAt.getTime()).toBe(2 * HOUR);
    const reminders = (await mails(db, mine.email, "maintenance_reminder_%")).filter((r) =>
      r.dedupeKey!.startsWith(`maintenance:${move!.id}:`),
    );
    expect(reminders.filter((r) => r.status === "pending").map((r) => r.dedupeKey)).toEqual(
      ["72h", "24h", "1h", "start"].map((k) => `maintenance:${move!.id}:r:${after!.startsAt.toISOString()}:${k}`),
    );
    expect(reminders.filter((r) => r.status === "cancelled")).toHaveLength(4);
    const [movedMail] = await mails(db, mine.email, "maintenance_moved");
    expect(movedMail!.attachment).toMatchObject({ kind: "maintenance_ics", windowId: move!.id });
    // Decided: no second decision, no further answer.
    expect(
      (
        await staffPost(mine.quoteId, {
          intent: "maintenance_decide",
          windowId: move!.id,
          decision: "keep",
          note: "No.",
        })
      ).status,
    ).toBe(409);
    expect(
      (await customerPost(mine.quoteId, mine.cookie, { intent: "maintenance_ack", windowId: move!.id })).status,
    ).toBe(409);

    // Kept: a reason is required, and the customer reads it.
    const keepSlots = (await page(mine)).windows.find((w) => w.id === keep!.id)!.ask!.slots;
    await customerPost(mine.quoteId, mine.cookie, {
      intent: "maintenance_another",
      windowId: keep!.id,
      slot: keepSlots[0]!.value,
    });
    const noReason = await staffPost(mine.quoteId, {
      intent: "maintenance_decide",
      windowId: keep!.id,
      decision: "keep",
    });
    expect(noReason.status).toBe(400);
    expect(
      (
        await staffPost(mine.quoteId, {
          intent: "maintenance_decide",
          windowId: keep!.id,
          decision: "keep",
          note: "The supplier delivers the part for that night only.",
        })
      ).status,
    ).toBe(200);
    expect((await mails(db, mine.email, "maintenance_kept"))[0]!.textBody).toContain("supplier delivers the part");
    expect((await page(mine)).windows.find((w) => w.id === keep!.id)!.response).toContain("supplier delivers the part");
  });

  it("an emergency needs a reason and no notice; a cancelled window withdraws its reminders and tells the customer", async () => {
    const db = database().db;
    const { mine, staffPost } = await setUp(db);
    const soon = DateTime.now().setZone(businessCalendar().timeZone).plus({ hours: 3 });
    const emergency = {
      intent: "maintenance_schedule",
      kind: "emergency",
      title: "Patch the OpenSSH vulnerability",
      downtime: "5",
      date: soon.toISODate()!,
      start: soon.toFormat("HH:mm"),
      duration: "60",
    };
    // Never backdated: an emergency recorded as started hours ago would hide downtime.
    const past = soon.minus({ hours: 5 });
    const backdated = await staffPost(mine.quoteId, {
      ...emergency,
      date: past.toISODate()!,
      start: past.toFormat("HH:mm"),
      reason: "Disk failing.",
    });
    expect(backdated.status).toBe(422);
    const noReason = await staffPost(mine.quoteId, emergency);
    expect(noReason.status).toBe(422);
    expect(noReason.data.errors[0]!.path).toBe("reason");
    // Expedited work three hours ahead lacks its 48 hours.
    expect((await staffPost(mine.quoteId, { ...emergency, kind: "expedited" })).status).toBe(422);
    const ofMine = () =>
      db.select().from(maintenanceWindows).where(eq(maintenanceWindows.quoteRequestId, mine.quoteId));
    expect(await ofMine()).toEqual([]);
    const ok = await staffPost(mine.quoteId, { ...emergency, reason: "Actively exploited remote code execution." });
    expect(ok.status).toBe(200);
    const [window] = await ofMine();
    expect(window!.reason).toBe("Actively exploited remote code execution.");
    const [told] = await mails(db, mine.email, "maintenance_scheduled");
    expect(told!.textBody).toContain("Actively exploited");
    // Three hours ahead: the 72 h and 24 h reminders are already past, so only 1 h and the start are set.
    expect((await mails(db, mine.email, "maintenance_reminder_%")).map((r) => r.template)).toEqual([
      "maintenance_reminder_1h",
      "maintenance_reminder_start",
    ]);
    const cancel = await staffPost(mine.quoteId, {
      intent: "maintenance_state",
      windowId: window!.id,
      state: "cancelled",
      body: "The vendor's patch is not ready; we block the port instead.",
    });
    expect(cancel.status).toBe(200);
    expect((await mails(db, mine.email, "maintenance_reminder_%")).every((r) => r.status === "cancelled")).toBe(true);
    expect((await mails(db, mine.email, "maintenance_cancelled"))[0]!.textBody).toContain("block the port");
  });

  it("Spanish customers get Spanish e-mails and pages, with plural rules", async () => {
    const db = database().db;
    const tech = await createStaff(db, "technician");
    const email = `eva-${unique()}@example.com`;
    const quote = await createQuote(db, { contact: { name: "Eva", email }, locale: "es" });
    const { acceptance } = await acceptFirstProposal(db, quote.id, { name: "Eva", email, paid: true });
    await db
      .insert(provisioningItems)
      .values({ quoteRequestId: quote.id, acceptanceId: acceptance.id, status: "done" });
    const res = await callAction(
      maintenanceAction,
      req(`/staff/services/${quote.id}/maintenance`, tech.cookie, {
        intent: "maintenance_schedule",
        kind: "routine",
        title: "Actualizar el núcleo",
        downtime: "1",
        date: dayAhead(8),
        start: "01:00",
        duration: "60",
      }),
      { id: quote.id },
    );
    expect(res.status).toBe(200);
    const [told] = await mails(db, email, "maintenance_scheduled");
    expect(told!.subject).toMatch(/^Mantenimiento previsto/);
    expect(told!.textBody).toContain("alrededor de 1 minuto (");
    expect(told!.textBody).toContain("Hola, Eva");
  });

  it("the staff page shows the service's window and its next occurrences; other staff roles may read, not write", async () => {
    const db = database().db;
    const { tech, mine } = await setUp(db);
    const page = await callLoader(maintenanceLoader, req(`/staff/services/${mine.quoteId}/maintenance`, tech.cookie), {
      id: mine.quoteId,
    });
    expect(page.status).toBe(200);
    expect(page.data.policy).toMatchObject({ own: false, rrule: "FREQ=WEEKLY;BYDAY=TU", startTime: "01:00" });
    expect(page.data.next).toHaveLength(4);
    const missing = await callLoader(
      maintenanceLoader,
      req(`/staff/services/00000000-0000-4000-8000-000000000000/maintenance`, tech.cookie),
      { id: "00000000-0000-4000-8000-000000000000" },
    );
    expect(missing.status).toBe(404);
  });
});
