import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { incidents, outboxMessages } from "#db/schema";
import { setRota } from "~/models/incident.server";
import { staffTimeZone } from "~/utils/staff-time.server";
import { action as serviceAction, loader as serviceLoader } from "~/routes/account.services.$id/route";
import { loader as accountLoader } from "~/routes/account._index/route";
import { action as incidentAction, loader as incidentLoader } from "~/routes/staff.incidents.$id/route";
import { action as operationsAction, loader as operationsLoader } from "~/routes/staff.operations._index/route";
import { escalateOverdueIncidents } from "~/services/incidents.server";
import { createStaff, handedOverService } from "../factories";
import { callAction, callLoader, req, settle } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 19: incidents on running services, updates on a promised cadence, and pages to the person on call. */

const MIN = 60_000;

const handedOver = (db: Database, label: string) => handedOverService(db, label);

const pagesFor = (db: Database, incidentId: string) =>
  db
    .select()
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.template, "incident_page"),
        like(outboxMessages.textBody, `%/staff/incidents/${incidentId}%`),
      ),
    );

const mails = (db: Database, email: string, template: string) =>
  db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, email), eq(outboxMessages.template, template)));

describe.each(TEST_DATABASES)("incidents on $name", (target) => {
  const database = useTestDatabase(target);

  async function setUp(db: Database) {
    const onCall = await createStaff(db, "technician");
    const admin = await createStaff(db, "admin");
    // The rota: this technician, starting this week (whatever the weekday, handing over on it at 00:00).
    const today = new Date().toISOString().slice(0, 10);
    const weekday = ((new Date().getUTCDay() + 6) % 7) + 1;
    await setRota(db, admin.user, {
      members: [onCall.user.id],
      startsOn: today,
      handoverWeekday: weekday,
      handoverTime: "00:00",
    });
    return { onCall, admin };
  }

  it("a customer's report pages the person on call at once; the customer follows every public update live, never internal notes", async () => {
    const db = database().db;
    const { onCall } = await setUp(db);
    const mine = await handedOver(db, "ana");
    const theirs = await handedOver(db, "bo");

    const bad = await callAction(
      serviceAction,
      req(`/account/services/${mine.quoteId}`, mine.cookie, { intent: "report", kind: "down", body: "x" }),
      { id: mine.quoteId },
    );
    expect(bad.status).toBe(400);
    const wrongKind = await callAction(
      serviceAction,
      req(`/account/services/${mine.quoteId}`, mine.cookie, {
        intent: "report",
        kind: "meh",
        body: "The shop is down.",
      }),
      { id: mine.quoteId },
    );
    expect(wrongKind.status).toBe(400);
    // Someone else's service: not found, nothing written.
    const foreign = await settle(() =>
      serviceAction({
        request: req(`/account/services/${theirs.quoteId}`, mine.cookie, {
          intent: "report",
          kind: "down",
          body: "The shop is down.",
        }),
        params: { id: theirs.quoteId },
        context: {},
      }),
    );
    expect(foreign.status).toBe(404);
    expect(await db.select().from(incidents).where(eq(incidents.quoteRequestId, theirs.quoteId))).toEqual([]);

    const reported = await callAction(
      serviceAction,
      req(`/account/services/${mine.quoteId}`, mine.cookie, {
        intent: "report",
        kind: "down",
        body: "The shop answers 502 since 02:10.",
      }),
      { id: mine.quoteId },
    );
    expect(reported.status).toBe(200);
    const [incident] = await db.select().from(incidents).where(eq(incidents.quoteRequestId, mine.quoteId));
    expect(incident).toMatchObject({
      severity: "P1",
      state: "investigating",
      reportedByCustomer: true,
      firstRespondedAt: null,
    });
    expect(incident!.nextUpdateDueAt!.getTime() - incident!.openedAt.getTime()).toBe(15 * MIN);
    const paged = await pagesFor(db, incident!.id);
    expect(paged.map((p) => p.toAddress)).toEqual([onCall.user.email]);
    expect(await mails(db, mine.email, "incident_reported")).toHaveLength(1);

    // A technician answers publicly (promising the next update in 20 minutes) and adds an internal note.
    const techPost = (values: Record<string, string>) =>
      settle(() =>
        incidentAction({
          request: req(`/staff/incidents/${incident!.id}`, onCall.cookie, values),
          params: { id: incident!.id },
          context: {},
        }),
      );
    const update = await techPost({
      intent: "update",
      state: "identified",
      severity: "P1",
      body: "A failed disk in the RAID; rebuilding on the spare.",
    });
    expect(update.status).toBe(200);
    expect(
      (await techPost({ intent: "note", body: "Customer's DB on the same array: check replication after." })).status,
    ).toBe(200);
    const [after] = await db.select().from(incidents).where(eq(incidents.id, incident!.id));
    expect(after!.firstRespondedAt).not.toBeNull();
    expect(after!.nextUpdateDueAt!.getTime() - after!.firstRespondedAt!.getTime()).toBe(30 * MIN);
    const told = await mails(db, mine.email, "incident_update");
    expect(told).toHaveLength(1);
    expect(told[0]!.textBody).toContain("A failed disk in the RAID");
    expect(told[0]!.textBody).toContain("Next update:");
    expect(told[0]!.textBody).not.toContain("replication after");

    // The customer's pages: the public updates, newest first, never the note; nobody else sees it.
    const account = await callLoader(accountLoader, req("/account", mine.cookie));
    const shown = account.data.incidents.find((i) => i.id === incident!.id)!;
    expect(shown.open).toBe(true);
    expect(shown.updates.map((u) => u.body)).toEqual([
      "A failed disk in the RAID; rebuilding on the spare.",
      "The shop answers 502 since 02:10.",
    ]);
    expect(JSON.stringify(account.data)).not.toContain("replication after");
    const service = await callLoader(serviceLoader, req(`/account/services/${mine.quoteId}`, mine.cookie), {
      id: mine.quoteId,
    });
    expect(service.data.incidents.map((i) => i.id)).toEqual([incident!.id]);
    const other = await callLoader(accountLoader, req("/account", theirs.cookie));
    expect(other.data.incidents).toEqual([]);
    // Sales reps cannot post.
    const rep = await createStaff(db, "sales");
    const repPost = await settle(() =>
      incidentAction({
        request: req(`/staff/incidents/${incident!.id}`, rep.cookie, { intent: "note", body: "x" }),
        params: { id: incident!.id },
        context: {},
      }),
    );
    expect(repPost.status).toBe(403);
    // The staff page shows both, the note marked internal.
    const staffPage = await callLoader(incidentLoader, req(`/staff/incidents/${incident!.id}`, onCall.cookie), {
      id: incident!.id,
    });
    expect(staffPage.data.updates.map((u) => u.internal)).toEqual([false, false, true]);

    // Resolving needs the post-incident summary; then the customer gets it, and the incident is final.
    expect(
      (await techPost({ intent: "update", state: "resolved", severity: "P1", body: "Back to normal." })).status,
    ).toBe(400);
    expect(
      (
        await techPost({
          intent: "update",
          state: "resolved",
          severity: "P1",
          body: "Back to normal.",
          summary: "Disk 2 failed; replaced; RAID rebuilt in 40 minutes.",
        })
      ).status,
    ).toBe(200);
    const resolved = await mails(db, mine.email, "incident_resolved");
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.textBody).toContain("RAID rebuilt in 40 minutes");
    expect((await techPost({ intent: "update", state: "monitoring", severity: "P1", body: "Again?" })).status).toBe(
      409,
    );
  });

  it("an overdue update pages the person on call when due, then the admins, each step once", async () => {
    const db = database().db;
    const { onCall, admin } = await setUp(db);
    const mine = await handedOver(db, "cy");
    const service = mine.quoteId.slice(0, 8);
    const opened = await settle(() =>
      operationsAction({
        request: req("/staff/operations", onCall.cookie, {
          intent: "open",
          service,
          severity: "P1",
          title: "Network outage in FSN1",
          body: "Upstream router down; working with the carrier.",
          down: "yes",
        }),
        params: {},
        context: {},
      }),
    );
    expect(opened.status).toBe(303);
    const id = opened.location!.split("/staff/incidents/")[1]!;
    const [incident] = await db.select().from(incidents).where(eq(incidents.id, id));
    expect(incident!.downtimeFrom).not.toBeNull();
    const due = incident!.nextUpdateDueAt!;
    expect(await mails(db, mine.email, "incident_opened")).toHaveLength(1);

    expect(await escalateOverdueIncidents(db, new Date(due.getTime() - 1_000))).toBe(0);
    expect(await escalateOverdueIncidents(db, new Date(due.getTime() + MIN))).toBe(1);
    expect(await escalateOverdueIncidents(db, new Date(due.getTime() + 2 * MIN))).toBe(0);
    expect((await pagesFor(db, id)).map((p) => p.toAddress)).toEqual([onCall.user.email]);
    // Fifteen minutes later (P1) the admins are paged as well.
    expect(await escalateOverdueIncidents(db, new Date(due.getTime() + 16 * MIN))).toBe(1);
    const pages = await pagesFor(db, id);
    expect(pages.filter((p) => p.subject.startsWith("ESCALATED")).map((p) => p.toAddress)).toContain(admin.user.email);
    expect(await escalateOverdueIncidents(db, new Date(due.getTime() + 60 * MIN))).toBe(0);

    // The board lists it first, overdue.
    await db
      .update(incidents)
      .set({ nextUpdateDueAt: new Date(Date.now() - MIN) })
      .where(eq(incidents.id, id));
    const board = await callLoader(operationsLoader, req("/staff/operations", onCall.cookie));
    const row = board.data.incidents.find((i) => i.id === id)!;
    expect(row).toMatchObject({ severity: "P1", overdue: true, escalated: 2 });
    expect(board.data.onCall).toBe(onCall.user.name);

    // An unknown reference is refused, naming the field.
    const unknown = await settle(() =>
      operationsAction({
        request: req("/staff/operations", onCall.cookie, {
          intent: "open",
          service: "00000000",
          severity: "P1",
          title: "x y z",
          body: "abc",
        }),
        params: {},
        context: {},
      }),
    );
    expect(unknown.status).toBe(400);
  });

  it("admins set the rota and overrides from the board; technicians cannot; bad input is refused by field", async () => {
    const db = database().db;
    const { onCall, admin } = await setUp(db);
    const other = await createStaff(db, "technician");
    const post = (cookie: string, values: Record<string, string | string[]>) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) body.append(k, one);
      return settle(() =>
        operationsAction({
          request: new Request("http://localhost/staff/operations", {
            method: "POST",
            headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
            body,
          }),
          params: {},
          context: {},
        }),
      );
    };
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (
        await post(onCall.cookie, {
          intent: "rota",
          members: [other.user.id],
          startsOn: today,
          handoverWeekday: "1",
          handoverTime: "09:00",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await post(admin.cookie, {
          intent: "rota",
          members: ["nope"],
          startsOn: today,
          handoverWeekday: "1",
          handoverTime: "09:00",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await post(admin.cookie, {
          intent: "rota",
          members: [other.user.id],
          startsOn: today,
          handoverWeekday: "9",
          handoverTime: "09:00",
        })
      ).status,
    ).toBe(400);
    // An override for the next hour puts the other technician on call now; one that ends before it starts is refused.
    const backwards = await post(admin.cookie, {
      intent: "override",
      userId: other.user.id,
      startsAt: "2027-01-02T10:00",
      endsAt: "2027-01-02T09:00",
    });
    expect(backwards.status).toBe(400);
    expect(backwards.data.errors[0]!.path).toBe("endsAt");
    const zone = staffTimeZone();
    const inZone = (d: Date) =>
      new Intl.DateTimeFormat("sv-SE", { timeZone: zone, dateStyle: "short", timeStyle: "short" })
        .format(d)
        .replace(" ", "T");
    const ok = await post(admin.cookie, {
      intent: "override",
      userId: other.user.id,
      startsAt: inZone(new Date(Date.now() - 60 * MIN)),
      endsAt: inZone(new Date(Date.now() + 60 * MIN)),
    });
    expect(ok.status).toBe(200);
    const board = await callLoader(operationsLoader, req("/staff/operations", admin.cookie));
    expect(board.data.onCall).toBe(other.user.name);
  });

  if (target.name === "postgres")
    it("two workers escalating at once page each step exactly once", async () => {
      const db = database().db;
      const { onCall } = await setUp(db);
      const mine = await handedOver(db, "di");
      const opened = await settle(() =>
        operationsAction({
          request: req("/staff/operations", onCall.cookie, {
            intent: "open",
            service: mine.quoteId.slice(0, 8),
            severity: "P2",
            title: "Slow disks",
            body: "Looking into it.",
          }),
          params: {},
          context: {},
        }),
      );
      const id = opened.location!.split("/staff/incidents/")[1]!;
      const [incident] = await db.select().from(incidents).where(eq(incidents.id, id));
      const late = new Date(incident!.nextUpdateDueAt!.getTime() + 2 * 60 * MIN);
      const results = await Promise.all(Array.from({ length: 6 }, () => escalateOverdueIncidents(db, late)));
      expect(results.reduce((a, b) => a + b, 0)).toBe(2);
      const pages = await pagesFor(db, id);
      // Step 1 once (the person on call), step 2 once (admins, the person on call again with it).
      expect(pages.filter((p) => !p.subject.startsWith("ESCALATED")).map((p) => p.toAddress)).toEqual([
        onCall.user.email,
      ]);
      expect(pages.filter((p) => p.subject.startsWith("ESCALATED")).map((p) => p.toAddress)).toContain(
        onCall.user.email,
      );
      expect(new Set(pages.map((p) => p.dedupeKey)).size).toBe(pages.length);
    });
});
