/**
 * Issue 18 item 4, cutover day, in the database: the technician offers windows in the customer's
 * off-hours, the customer confirms one from the quote page (two tabs racing leave one confirmed),
 * the confirmation schedules its reminders once and carries an .ics, the night's progress goes on
 * the timeline and by e-mail, and the end schedules the reminders before the old server is deleted.
 */
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { cutoverWindows, outboxMessages, provisioningItems, quoteMessages } from "#db/schema";
import { enqueueEmail } from "~/models/outbox.server";
import { action as quoteAction, loader as quoteLoader } from "~/routes/q.$token/route";
import { loader as quoteIcs } from "~/routes/q.$token.cutover[.ics]";
import { loader as accountIcs } from "~/routes/account.services.$id.cutover[.ics]";
import { loader as handoverLoader } from "~/routes/account.services.$id/route";
import { action as staffAction, loader as staffLoader } from "~/routes/staff.provisioning.$id/route";
import { buildAttachment } from "~/services/email-attachments.server";
import { acceptFirstProposal, createQuote, createStaff, customerCookie, unique } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { sundayNightMove } from "../fixtures/migration";
import { TEST_DATABASES, useTestDatabase } from "./databases";

async function movingCustomer(db: Database) {
  const email = `mover-${unique()}@example.com`;
  const quote = await createQuote(db, {
    contact: { name: "Mo Ving", email },
    requirements: { availability: "standard", termMonths: 12, region: "eu", migration: sundayNightMove },
    workloads: [
      { kind: "web_app", name: "Shop", visitsPerDay: 20_000 },
      { kind: "file_storage", dataGb: 3000, access: "active" },
    ],
  });
  const { acceptance } = await acceptFirstProposal(db, quote.id, { name: "Mo", email, paid: true });
  const [item] = await db
    .insert(provisioningItems)
    .values({ quoteRequestId: quote.id, acceptanceId: acceptance.id })
    .returning();
  return { quote, item: item!, email };
}

const staffPost = (id: string, cookie: string, form: Record<string, string> | URLSearchParams) =>
  callAction(
    staffAction,
    new Request(`http://localhost/staff/provisioning/${id}`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    }),
    { id },
  );

const customerPost = (token: string, form: Record<string, string>) =>
  callAction(quoteAction, req(`/q/${token}`, undefined, form), { token });

describe.each(TEST_DATABASES)("cutover day on $name", (target) => {
  const database = useTestDatabase(target);

  async function setUp() {
    const { db } = database();
    const moving = await movingCustomer(db);
    const tech = await createStaff(db, "technician");
    const admin = await createStaff(db, "admin");
    expect((await staffPost(moving.item.id, admin.cookie, { intent: "assign", assigneeId: tech.user.id })).status).toBe(
      200,
    );
    const page = await callLoader(staffLoader, req(`/staff/provisioning/${moving.item.id}`, tech.cookie), {
      id: moving.item.id,
    });
    const cutover = page.data.cutover!;
    return { db, ...moving, tech, admin, cutover, tasks: page.data.item.tasks };
  }

  async function offerTwo(s: Awaited<ReturnType<typeof setUp>>) {
    const form = new URLSearchParams({ intent: "cutover_propose" });
    for (const c of s.cutover.candidates.slice(0, 2)) form.append("dates", c.date);
    expect((await staffPost(s.item.id, s.tech.cookie, form)).status).toBe(200);
    return s.db
      .select()
      .from(cutoverWindows)
      .where(eq(cutoverWindows.provisioningItemId, s.item.id))
      .orderBy(cutoverWindows.startsAt);
  }

  it("offers only Sunday nights in Madrid, far enough ahead; refuses other dates without writing", async () => {
    const s = await setUp();
    expect(s.cutover.candidates.length).toBeGreaterThanOrEqual(5);
    expect(s.cutover.plannedWindow).toBe("sun 00:00-06:00 (Europe/Madrid)");
    // The delivery checklist carries the quote's own plan's tasks (no technician override on this version).
    expect(s.tasks[0]).toBe("restore test (-720 h from the switch)");
    expect(s.tasks).toContain("lower ttl (-48 h from the switch)");
    expect(s.tasks.at(-1)).toMatch(/^archive deleted/);
    // A Tuesday is not in the customer's off-hours; a manual window tomorrow is too soon for the TTL.
    const bad = new URLSearchParams({ intent: "cutover_propose", dates: "2027-03-02" });
    expect((await staffPost(s.item.id, s.tech.cookie, bad)).status).toBe(422);
    const tomorrow = new Date(Date.now() + 26 * 3_600_000).toISOString().slice(0, 10);
    const soon = await staffPost(s.item.id, s.tech.cookie, {
      intent: "cutover_propose",
      date: tomorrow,
      start: "01:00",
      end: "05:00",
    });
    expect(soon.status).toBe(422);
    expect(JSON.stringify(soon.data)).toContain("Too soon");
    // Another technician may not offer windows on this item.
    const other = await createStaff(s.db, "technician");
    const form = new URLSearchParams({ intent: "cutover_propose", dates: s.cutover.candidates[0]!.date });
    expect((await staffPost(s.item.id, other.cookie, form)).status).toBe(403);
    expect(await s.db.select().from(cutoverWindows).where(eq(cutoverWindows.provisioningItemId, s.item.id))).toEqual(
      [],
    );

    const windows = await offerTwo(s);
    expect(windows).toHaveLength(2);
    for (const w of windows) {
      const local = new Intl.DateTimeFormat("en-GB", {
        weekday: "short",
        hour: "2-digit",
        minute: "2-digit",
        timeZone: "Europe/Madrid",
      }).format(w.startsAt);
      expect(local).toBe("Sun 00:00");
      expect(w.startsAt.getTime()).toBeGreaterThan(Date.now() + 48 * 3_600_000);
    }
    const [mail] = await s.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.toAddress, s.email), eq(outboxMessages.template, "cutover_proposed")));
    expect(mail!.textBody).toMatch(/Sunday, .* 12:00\sAM to 6:00\sAM \(Europe\/Madrid\)/);
  });

  it("two tabs confirming different windows leave exactly one confirmed; reminders are scheduled once", async () => {
    const s = await setUp();
    const [a, b] = await offerTwo(s);
    const page = await callLoader(quoteLoader, req(`/q/${s.quote.token}`), { token: s.quote.token });
    expect(page.data.cutover!.offers.map((o) => o.id)).toEqual([a!.id, b!.id]);

    const answers = await Promise.all([
      customerPost(s.quote.token, { intent: "cutover_confirm", windowId: a!.id }),
      customerPost(s.quote.token, { intent: "cutover_confirm", windowId: b!.id }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const confirmed = await s.db
      .select()
      .from(cutoverWindows)
      .where(and(eq(cutoverWindows.provisioningItemId, s.item.id), eq(cutoverWindows.status, "confirmed")));
    expect(confirmed).toHaveLength(1);
    const window = confirmed[0]!;
    // The same window again (a third tab) changes nothing.
    expect((await customerPost(s.quote.token, { intent: "cutover_confirm", windowId: window.id })).status).toBe(409);

    const reminders = await s.db
      .select()
      .from(outboxMessages)
      .where(like(outboxMessages.dedupeKey, `cutover:${window.id}:%`));
    const byKey = new Map(reminders.map((r) => [r.dedupeKey!.split(":")[2], r]));
    expect([...byKey.keys()].sort()).toEqual(["freeze", "lower_ttl", "one_hour"]);
    expect(reminders).toHaveLength(3);
    const T = window.startsAt.getTime();
    expect(byKey.get("lower_ttl")!.nextAttemptAt.getTime()).toBe(T - 48 * 3_600_000);
    expect(byKey.get("freeze")!.nextAttemptAt.getTime()).toBe(T - 24 * 3_600_000);
    expect(byKey.get("one_hour")!.nextAttemptAt.getTime()).toBe(T - 3_600_000);
    // Reminders carry the account's address, never a quote token.
    for (const r of reminders) expect(r.textBody).not.toMatch(/\/q\/[A-Za-z0-9_-]{43}/);
    // Asking again for a reminder already queued does not queue a second.
    expect(
      await enqueueEmail(s.db, {
        to: s.email,
        subject: "again",
        text: "again",
        template: "cutover_lower_ttl",
        dedupeKey: `cutover:${window.id}:lower_ttl`,
      }),
    ).toBe(false);
    expect(
      await s.db
        .select()
        .from(outboxMessages)
        .where(like(outboxMessages.dedupeKey, `cutover:${window.id}:%`)),
    ).toHaveLength(3);

    // The confirmation e-mail attaches the invitation, built when sent: the window's instants in UTC.
    const [confirmation] = await s.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.toAddress, s.email), eq(outboxMessages.template, "cutover_confirmed")));
    expect(confirmation!.attachment).toEqual({ kind: "cutover_ics", windowId: window.id, locale: "en" });
    const ics = await buildAttachment(s.db, confirmation!.attachment!);
    const text = ics!.content.toString("utf8");
    const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
    expect(text).toContain(`DTSTART:${stamp(window.startsAt)}`);
    expect(text).toContain(`DTEND:${stamp(window.endsAt)}`);
    expect(text).toContain("BEGIN:VALARM");
    expect(ics!.contentType).toMatch(/^text\/calendar/);
    // The quote page's link serves it too; the page shows the go/no-go time.
    const file = await callLoader(quoteIcs, req(`/q/${s.quote.token}/cutover.ics`), { token: s.quote.token });
    expect(file.response!.headers.get("Content-Type")).toMatch(/^text\/calendar/);
    expect(await file.response!.text()).toContain(`DTSTART:${stamp(window.startsAt)}`);
    const after = await callLoader(quoteLoader, req(`/q/${s.quote.token}`), { token: s.quote.token });
    expect(after.data.cutover!.confirmed!.goNoGo).toMatch(/5:30\sAM/);
    expect(after.data.cutover!.offers).toEqual([]);
  });

  it("a customer can only confirm windows of their own quote; another account gets no calendar", async () => {
    const s = await setUp();
    const [a] = await offerTwo(s);
    const stranger = await movingCustomer(s.db);
    const answer = await customerPost(stranger.quote.token, { intent: "cutover_confirm", windowId: a!.id });
    expect(answer.status).toBe(404);
    expect((await s.db.select().from(cutoverWindows).where(eq(cutoverWindows.id, a!.id)))[0]!.status).toBe("proposed");
    expect((await customerPost(s.quote.token, { intent: "cutover_confirm", windowId: "nope" })).status).toBe(400);
    expect((await customerPost(s.quote.token, { intent: "cutover_confirm", windowId: a!.id })).status).toBe(200);
    const strangerCookie = await customerCookie(s.db, stranger.email);
    const denied = await callLoader(
      accountIcs,
      new Request(`http://localhost/account/services/${s.quote.id}/cutover.ics`, {
        headers: { Cookie: strangerCookie },
      }),
      { id: s.quote.id },
    );
    expect(denied.status).toBe(404);
    const ownCookie = await customerCookie(s.db, s.email);
    const own = await callLoader(
      accountIcs,
      new Request(`http://localhost/account/services/${s.quote.id}/cutover.ics`, { headers: { Cookie: ownCookie } }),
      { id: s.quote.id },
    );
    expect(own.status).toBe(200);
    const handover = await callLoader(
      handoverLoader,
      new Request(`http://localhost/account/services/${s.quote.id}`, { headers: { Cookie: ownCookie } }),
      { id: s.quote.id },
    );
    expect(handover.data.cutover!.confirmed).not.toBeNull();
  });

  it("the customer suggests a window; too soon is refused on the field; the technician confirms theirs", async () => {
    const s = await setUp();
    const soon = await customerPost(s.quote.token, {
      intent: "cutover_suggest",
      date: new Date(Date.now() + 24 * 3_600_000).toISOString().slice(0, 10),
      time: "02:00",
    });
    expect(soon.status).toBe(422);
    expect(JSON.stringify(soon.data)).toContain('"path":"date"');
    const bad = await customerPost(s.quote.token, { intent: "cutover_suggest", date: "31/12/2027", time: "2am" });
    expect(bad.status).toBe(400);
    const date = s.cutover.candidates[1]!.date;
    const ok = await customerPost(s.quote.token, {
      intent: "cutover_suggest",
      date,
      time: "02:00",
      note: "After our Saturday sale",
    });
    expect(ok.status).toBe(200);
    const [suggested] = await s.db
      .select()
      .from(cutoverWindows)
      .where(eq(cutoverWindows.provisioningItemId, s.item.id));
    expect(suggested).toMatchObject({ proposedBy: "customer", status: "proposed", note: "After our Saturday sale" });
    // The customer cannot confirm their own suggestion; the technician does.
    expect((await customerPost(s.quote.token, { intent: "cutover_confirm", windowId: suggested!.id })).status).toBe(
      404,
    );
    expect(
      (await staffPost(s.item.id, s.tech.cookie, { intent: "cutover_confirm", windowId: suggested!.id })).status,
    ).toBe(200);
    const again = await customerPost(s.quote.token, { intent: "cutover_suggest", date, time: "03:00" });
    expect(again.status).toBe(409);
  });

  it("reports the night forward only, e-mails each stage, and schedules the retention reminders at the end", async () => {
    const s = await setUp();
    const [a] = await offerTwo(s);
    expect((await customerPost(s.quote.token, { intent: "cutover_confirm", windowId: a!.id })).status).toBe(200);
    const post = (stage: string, note = "") =>
      staffPost(s.item.id, s.tech.cookie, { intent: "cutover_update", stage, note });
    expect((await post("done")).status).toBe(409);
    expect((await post("later")).status).toBe(400);
    expect((await post("started", "Stopping the shop now.")).status).toBe(200);
    expect((await post("started")).status).toBe(409);
    expect((await post("synced")).status).toBe(200);
    expect((await post("switched")).status).toBe(200);
    expect((await post("synced")).status).toBe(409);
    const during = await callLoader(quoteLoader, req(`/q/${s.quote.token}`), { token: s.quote.token });
    expect(during.data.cutover!.nextUpdate).toMatch(/^Next update by .+ at the latest\.$/);
    // Once started, the window cannot be withdrawn.
    expect((await staffPost(s.item.id, s.tech.cookie, { intent: "cutover_withdraw", windowId: a!.id })).status).toBe(
      409,
    );
    expect((await post("done", "All checks green.")).status).toBe(200);
    expect((await post("rolled_back")).status).toBe(409);

    const events = await s.db
      .select({ event: quoteMessages.event, body: quoteMessages.body })
      .from(quoteMessages)
      .where(and(eq(quoteMessages.quoteRequestId, s.quote.id), like(quoteMessages.event, "cutover_%")));
    expect(events.map((e) => e.event)).toEqual([
      "cutover_proposed",
      "cutover_confirmed",
      "cutover_started",
      "cutover_synced",
      "cutover_switched",
      "cutover_done",
    ]);
    expect(events.find((e) => e.event === "cutover_started")!.body).toBe("Stopping the shop now.");
    const updates = await s.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.toAddress, s.email), eq(outboxMessages.template, "cutover_update")));
    expect(updates).toHaveLength(4);
    const retention = await s.db
      .select()
      .from(outboxMessages)
      .where(like(outboxMessages.dedupeKey, `cutover:${a!.id}:%`));
    const keys = Object.fromEntries(retention.map((r) => [r.dedupeKey!.split(":")[2], r]));
    expect(Object.keys(keys).sort()).toEqual(["archive_deleted", "freeze", "lower_ttl", "old_server_off", "one_hour"]);
    // The hour-before reminder of a move already done is not sent.
    expect(keys.one_hour!.status).toBe("cancelled");
    const page = await callLoader(quoteLoader, req(`/q/${s.quote.token}`), { token: s.quote.token });
    const view = page.data.cutover!;
    expect(view.state).toBe("finished");
    expect(view.updates.map((u) => u.stage)).toEqual([
      "Started",
      "First copy of the data done",
      "Switched to the new servers",
      "Done",
    ]);
    expect(view.retention).toHaveLength(2);
    expect(view.nextUpdate).toBeNull();
    expect(keys.old_server_off!.textBody).toContain("switched off on");
  });

  it("withdrawing a confirmed window cancels its reminders and tells the customer", async () => {
    const s = await setUp();
    const [a] = await offerTwo(s);
    expect((await customerPost(s.quote.token, { intent: "cutover_confirm", windowId: a!.id })).status).toBe(200);
    expect((await staffPost(s.item.id, s.tech.cookie, { intent: "cutover_withdraw", windowId: a!.id })).status).toBe(
      200,
    );
    const reminders = await s.db
      .select()
      .from(outboxMessages)
      .where(like(outboxMessages.dedupeKey, `cutover:${a!.id}:%`));
    expect(reminders.map((r) => r.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    const [told] = await s.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.toAddress, s.email), eq(outboxMessages.template, "cutover_withdrawn")));
    expect(told).toBeDefined();
    // New windows can be offered again.
    const form = new URLSearchParams({ intent: "cutover_propose", dates: s.cutover.candidates[3]!.date });
    expect((await staffPost(s.item.id, s.tech.cookie, form)).status).toBe(200);
  });
});
