import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import {
  acceptances,
  auditLog,
  billingChanges,
  billingSubscriptions,
  incidents,
  maintenanceWindows,
  proposals,
  serviceSettings,
} from "#db/schema";
import { availabilityFacts } from "~/models/availability.server";
import { setRota } from "~/models/incident.server";
import { action as serviceAction, loader as serviceLoader } from "~/routes/account.services.$id/route";
import { action as incidentAction, loader as incidentLoader } from "~/routes/staff.incidents.$id/route";
import { action as operationsAction } from "~/routes/staff.operations._index/route";
import { action as overviewAction, loader as overviewLoader } from "~/routes/staff.services.$id._index/route";
import { escalateOverdueIncidents } from "~/services/incidents.server";
import { businessCalendar } from "~/utils/env.server";
import { staffTimeZone } from "~/utils/staff-time.server";
import { acceptFirstProposal, createQuote, createStaff, handedOverService, unique } from "../factories";
import { callAction, callLoader, req, settle } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 19: per-contract incident targets, and monthly availability and credits (item 5). */

const MIN = 60_000;

const handedOver = (db: Database, label: string) => handedOverService(db, label);

/** The settings form with every default, then `changes` (null drops a field). */
function settingsForm(changes: Record<string, string | null> = {}) {
  const fields: Record<string, string> = {
    intent: "settings",
    "P1.firstResponseMinutes": "15",
    "P1.updateMinutes": "30",
    "P1.escalateAfterMinutes": "15",
    "P2.firstResponseMinutes": "60",
    "P2.updateMinutes": "60",
    "P2.escalateAfterMinutes": "30",
    "P3.firstResponseMinutes": "240",
    "P3.updateMinutes": "240",
    "P3.business": "yes",
    "P3.escalateAfterMinutes": "120",
    "P4.firstResponseMinutes": "480",
    "P4.onChange": "yes",
    "P4.business": "yes",
    "P4.escalateAfterMinutes": "240",
    "credit.kind": "percent_per_30min",
    "credit.percent": "5",
    "credit.capPercent": "100",
  };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete fields[k];
    else fields[k] = v;
  }
  return fields;
}

/** A datetime-local value in the staff zone. */
const inZone = (d: Date) => DateTime.fromJSDate(d, { zone: staffTimeZone() }).toFormat("yyyy-LL-dd'T'HH:mm");

describe.each(TEST_DATABASES)("contract settings, availability and credits on $name", (target) => {
  const database = useTestDatabase(target);

  async function staff(db: Database) {
    const onCall = await createStaff(db, "technician");
    const admin = await createStaff(db, "admin");
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

  const postSettings = (cookie: string, id: string, form: Record<string, string>) =>
    callAction(overviewAction, req(`/staff/services/${id}`, cookie, form), { id });

  it("a contract with P1 updates every 10 minutes gets its due times, promise checks and escalation from it", async () => {
    const db = database().db;
    const { onCall, admin } = await staff(db);
    const service = await handedOver(db, "ten");
    const saved = await postSettings(
      admin.cookie,
      service.quoteId,
      settingsForm({ "P1.updateMinutes": "10", "P1.escalateAfterMinutes": "5" }),
    );
    expect(saved.status).toBe(200);
    const [row] = await db.select().from(serviceSettings).where(eq(serviceSettings.quoteRequestId, service.quoteId));
    // Only what differs from the defaults; the default credit policy is not stored.
    expect(row!.incidentTargets).toEqual({ P1: { updateMinutes: 10, escalateAfterMinutes: 5 } });
    expect(row!.creditPolicy).toBeNull();
    expect(row!.updatedBy).toBe(admin.user.id);

    // Opened by a technician: the next update is due 10 minutes on.
    const opened = await settle(() =>
      operationsAction({
        request: req("/staff/operations", onCall.cookie, {
          intent: "open",
          service: service.quoteId.slice(0, 8),
          severity: "P1",
          title: "Storage array offline",
          body: "The array dropped off the network; investigating.",
          down: "yes",
        }),
        params: {},
        context: {},
      }),
    );
    expect(opened.status).toBe(303);
    const id = opened.location!.split("/staff/incidents/")[1]!;
    const [incident] = await db.select().from(incidents).where(eq(incidents.id, id));
    expect(incident!.nextUpdateDueAt!.getTime() - incident!.openedAt.getTime()).toBe(10 * MIN);
    expect(incident!.firstResponseDueAt.getTime() - incident!.openedAt.getTime()).toBe(15 * MIN);

    // The staff page shows the targets in force.
    const page = await callLoader(incidentLoader, req(`/staff/incidents/${id}`, onCall.cookie), { id });
    expect(page.data.incident.targets).toContain("updates every 10 min");
    expect(page.data.incident.contractTargets).toBe(true);

    // A promise later than the contract's cadence is refused; an update sets the next one 10 minutes on.
    const post = (values: Record<string, string>) =>
      callAction(incidentAction, req(`/staff/incidents/${id}`, onCall.cookie, values), { id });
    const late = await post({
      intent: "update",
      state: "identified",
      severity: "P1",
      body: "A failed controller.",
      promisedAt: inZone(new Date(Date.now() + 25 * MIN)),
    });
    expect(late.status).toBe(400);
    expect(late.data.errors[0]!.path).toBe("promisedAt");
    expect(
      (await post({ intent: "update", state: "identified", severity: "P1", body: "A failed controller." })).status,
    ).toBe(200);
    const [updated] = await db.select().from(incidents).where(eq(incidents.id, id));
    const due = updated!.nextUpdateDueAt!;
    expect(due.getTime() - updated!.updatedAt.getTime()).toBe(10 * MIN);

    // Escalation: on call when due, admins 5 minutes later (not the default 15).
    expect(await escalateOverdueIncidents(db, new Date(due.getTime() + MIN))).toBe(1);
    expect(await escalateOverdueIncidents(db, new Date(due.getTime() + 4 * MIN))).toBe(0);
    expect(await escalateOverdueIncidents(db, new Date(due.getTime() + 6 * MIN))).toBe(1);

    // Another service keeps the defaults.
    const other = await handedOver(db, "dflt");
    const reported = await callAction(
      serviceAction,
      req(`/account/services/${other.quoteId}`, other.cookie, { intent: "report", kind: "down", body: "All down." }),
      { id: other.quoteId },
    );
    expect(reported.status).toBe(200);
    const [theirs] = await db.select().from(incidents).where(eq(incidents.quoteRequestId, other.quoteId));
    expect(theirs!.nextUpdateDueAt!.getTime() - theirs!.openedAt.getTime()).toBe(15 * MIN);
    const defaults = await callLoader(incidentLoader, req(`/staff/incidents/${theirs!.id}`, onCall.cookie), {
      id: theirs!.id,
    });
    expect(defaults.data.incident.targets).toContain("updates every 30 min");
  });

  it("bad settings are refused by field with nothing written; only admins change them", async () => {
    const db = database().db;
    const { onCall, admin } = await staff(db);
    const service = await handedOver(db, "bad");
    const cases: [Record<string, string | null>, string][] = [
      [{ "P1.updateMinutes": "2" }, "P1.updateMinutes"],
      [{ "P1.updateMinutes": null }, "P1.updateMinutes"],
      [{ "P2.firstResponseMinutes": "soon" }, "P2.firstResponseMinutes"],
      [{ "P3.escalateAfterMinutes": "100000" }, "P3.escalateAfterMinutes"],
      [{ "credit.kind": "tiered" }, "credit.kind"],
      [{ "credit.percent": "50", "credit.capPercent": "20" }, "credit.capPercent"],
      [{ "credit.kind": "multiple_of_downtime" }, "credit.multiple"],
    ];
    for (const [changes, path] of cases) {
      const answer = await postSettings(admin.cookie, service.quoteId, settingsForm(changes));
      expect(answer.status, path).toBe(400);
      expect(answer.data.errors.map((e) => e.path)).toEqual([path]);
      expect(answer.data.errors[0]!.message.length).toBeGreaterThan(5);
    }
    expect(await db.select().from(serviceSettings).where(eq(serviceSettings.quoteRequestId, service.quoteId))).toEqual(
      [],
    );
    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, service.quoteId), eq(auditLog.action, "contract_settings_set")));
    expect(audited).toEqual([]);
    // A technician reads the overview but cannot change the contract.
    expect((await postSettings(onCall.cookie, service.quoteId, settingsForm())).status).toBe(403);
    const read = await callLoader(overviewLoader, req(`/staff/services/${service.quoteId}`, onCall.cookie), {
      id: service.quoteId,
    });
    expect(read.status).toBe(200);
    expect(read.data.canEdit).toBe(false);
    // Not a running service: 404, nothing written.
    const notRunning = await createQuote(db);
    expect((await postSettings(admin.cookie, notRunning.id, settingsForm())).status).toBe(404);
    expect((await postSettings(admin.cookie, "x", settingsForm())).status).toBe(404);
    expect(await db.select().from(serviceSettings).where(eq(serviceSettings.quoteRequestId, notRunning.id))).toEqual(
      [],
    );
  });

  it("a month with two downtime incidents, one partly in announced maintenance, shows the minutes, % and credit to the customer and staff", async () => {
    const db = database().db;
    const { onCall } = await staff(db);
    const service = await handedOver(db, "avail");
    const stranger = await handedOver(db, "other");
    // The tier promises 99.9 %, the fee is €100.00 a month; ordered four months ago.
    await db.update(proposals).set({ availability: "high" }).where(eq(proposals.id, service.proposal.id));
    await db
      .update(acceptances)
      .set({ monthlyMinor: 10_000, acceptedAt: new Date(Date.now() - 120 * 24 * 60 * MIN) })
      .where(eq(acceptances.id, service.acceptance.id));

    // Last calendar month in the business zone.
    const zone = businessCalendar().timeZone;
    const month = DateTime.now().setZone(zone).startOf("month").minus({ months: 1 });
    const local = (day: number, hour: number, minute = 0) => month.set({ day, hour, minute }).toJSDate();
    const incident = (number: string, from: Date, to: Date) => ({
      quoteRequestId: service.quoteId,
      severity: "P1" as const,
      state: "resolved" as const,
      title: `Outage ${number}`,
      openedAt: from,
      firstResponseDueAt: new Date(from.getTime() + 15 * MIN),
      firstRespondedAt: from,
      downtimeFrom: from,
      downtimeTo: to,
      resolvedAt: to,
      summary: "Fixed.",
    });
    // 90 minutes down, 30 of them inside an announced window (not counted): 60; then 40 more.
    await db
      .insert(incidents)
      .values([incident("A", local(3, 1), local(3, 2, 30)), incident("B", local(20, 10), local(20, 10, 40))]);
    const window = (
      startsAt: Date,
      endsAt: Date,
      state: "completed" | "cancelled" | "scheduled",
      createdAt = new Date(startsAt.getTime() - 14 * 86_400_000),
    ) => ({
      createdAt,
      quoteRequestId: service.quoteId,
      kind: "routine" as const,
      title: "Firmware",
      startsAt,
      endsAt,
      timeZone: zone,
      affectsService: true,
      state,
    });
    await db.insert(maintenanceWindows).values([
      window(local(3, 0, 30), local(3, 1, 30), "completed"),
      // A cancelled window was never maintenance: incident B counts in full.
      window(local(20, 9), local(20, 12), "cancelled"),
      // Nor one that never started, nor one scheduled after the downtime it would cover (never backdated).
      window(local(20, 10), local(20, 11), "scheduled"),
      window(local(20, 10), local(20, 11), "completed", local(20, 12)),
    ]);
    const monthMinutes = month.plus({ months: 1 }).diff(month, "minutes").minutes;
    const availability = Math.floor(((monthMinutes - 100) / monthMinutes) * 100_000) / 1000;
    // 100 minutes against 0.1 % of the month (40.3 to 44.6 minutes): 56 to 60 below, two started
    // half hours at 5 % each: €10.00.
    const below = Math.ceil(100 - monthMinutes * 0.001);
    expect(below).toBeGreaterThan(30);
    expect(below).toBeLessThanOrEqual(60);

    // Staff: the overview's month row and the incidents with their links.
    const overview = await callLoader(overviewLoader, req(`/staff/services/${service.quoteId}`, onCall.cookie), {
      id: service.quoteId,
    });
    expect(overview.status).toBe(200);
    const staffMonth = overview.data.availability!.months.find((m) => m.key === month.toFormat("yyyy-LL"))!;
    expect(staffMonth).toMatchObject({
      downtimeMinutes: 100,
      availability: `${availability.toLocaleString("en", { maximumFractionDigits: 3 })} %`,
      minutesBelow: below,
      creditMinor: 1_000,
      credit: "€10.00",
    });
    expect(overview.data.availability!.promised).toBe("99.9 %");
    expect(overview.data.availability!.months[0]!.month).toContain("(so far)");
    expect(overview.data.incidents.map((i) => i.reference)).toHaveLength(2);
    expect(overview.data.incidents.every((i) => i.id && i.resolved)).toBe(true);

    // The customer, in English and in Spanish.
    const page = await callLoader(serviceLoader, req(`/account/services/${service.quoteId}`, service.cookie), {
      id: service.quoteId,
    });
    const row = page.data.availability!.rows.find((r) => r.key === month.toFormat("yyyy-LL"))!;
    expect(row).toMatchObject({
      downtime: "100 minutes",
      availability: `${availability.toLocaleString("en", { maximumFractionDigits: 3 })} %`,
      credit: "€10.00",
      below: true,
    });
    expect(page.data.availability!.promise).toContain("99.9 %");
    expect(page.data.availability!.rows).toHaveLength(3);
    const es = await callLoader(serviceLoader, req(`/account/services/${service.quoteId}?lng=es`, service.cookie), {
      id: service.quoteId,
    });
    const fila = es.data.availability!.rows.find((r) => r.key === month.toFormat("yyyy-LL"))!;
    expect(fila.downtime).toBe("100 minutos");
    expect(fila.availability).toBe(`${availability.toLocaleString("es", { maximumFractionDigits: 3 })} %`);
    expect(fila.credit).toMatch(/^10,00\s€$/);
    expect(es.data.availability!.title).toBe("Disponibilidad y créditos de servicio");

    // The other customer sees none of it: their own figures, and a 404 for this service.
    const theirs = await callLoader(serviceLoader, req(`/account/services/${stranger.quoteId}`, stranger.cookie), {
      id: stranger.quoteId,
    });
    expect(theirs.data.availability!.rows.every((r) => r.downtime === "0 minutes" && !r.below)).toBe(true);
    const foreign = await callLoader(serviceLoader, req(`/account/services/${service.quoteId}`, stranger.cookie), {
      id: service.quoteId,
    });
    expect(foreign.status).toBe(404);

    // A contract's own policy changes the credit: 10× the minutes below at the per-minute rate.
    const admin = await createStaff(db, "admin");
    expect(
      (
        await postSettings(
          admin.cookie,
          service.quoteId,
          settingsForm({ "credit.kind": "multiple_of_downtime", "credit.multiple": "10" }),
        )
      ).status,
    ).toBe(200);
    const again = await callLoader(overviewLoader, req(`/staff/services/${service.quoteId}`, onCall.cookie), {
      id: service.quoteId,
    });
    const credited = again.data.availability!.months.find((m) => m.key === month.toFormat("yyyy-LL"))!;
    expect(credited.creditMinor).toBe(Math.round((10_000 * below * 10) / monthMinutes));
    expect(again.data.creditText).toContain("10×");
  });
  it("an upgrade not yet billed changes neither the promise nor the fee; once applied, both are the upgrade's", async () => {
    const db = database().db;
    const { onCall } = await staff(db);
    const service = await handedOver(db, "upgrading");
    await db.update(proposals).set({ availability: "standard" }).where(eq(proposals.id, service.proposal.id));
    await db.update(acceptances).set({ monthlyMinor: 10_000 }).where(eq(acceptances.id, service.acceptance.id));
    const [subscription] = await db
      .insert(billingSubscriptions)
      .values({
        acceptanceId: service.acceptance.id,
        stripeSubscriptionId: `sub_${unique()}`,
        stripeCustomerId: `cus_${unique()}`,
        status: "active",
        stripeEventAt: new Date(),
      })
      .returning();
    // The upgrade quote, accepted and handed over, promises 99.99 % for €250.00 a month.
    const upgradeQuote = await createQuote(db, { contact: { name: "upgrading", email: service.email } });
    const upgrade = await acceptFirstProposal(db, upgradeQuote.id, { name: "upgrading", email: service.email });
    await db.update(proposals).set({ availability: "critical" }).where(eq(proposals.id, upgrade.proposal.id));
    const [change] = await db
      .insert(billingChanges)
      .values({
        acceptanceId: upgrade.acceptance.id,
        subscriptionId: subscription!.id,
        fromMonthlyMinor: 10_000,
        toMonthlyMinor: 25_000,
        setupMinor: 0,
        requestedAt: new Date(),
        nextAttemptAt: new Date(),
      })
      .returning();
    const now = new Date();
    const period = { start: new Date(now.getTime() - 24 * 60 * MIN), end: now };
    const promise = async () =>
      (
        await callLoader(overviewLoader, req(`/staff/services/${service.quoteId}`, onCall.cookie), {
          id: service.quoteId,
        })
      ).data.availability!.promised;

    // Stripe has not made the change yet: the accepted tier and fee still hold.
    expect(await availabilityFacts(db, service.quoteId, period)).toMatchObject({
      promisedAvailability: 99.5,
      monthlyMinor: 10_000,
    });
    expect(await promise()).toBe("99.5 %");

    // Applied (as markBillingChangeApplied does): the upgrade's promise and fee.
    await db.update(billingChanges).set({ appliedAt: new Date() }).where(eq(billingChanges.id, change!.id));
    await db
      .update(billingSubscriptions)
      .set({ currentMonthlyMinor: 25_000 })
      .where(eq(billingSubscriptions.id, subscription!.id));
    expect(await availabilityFacts(db, service.quoteId, period)).toMatchObject({
      promisedAvailability: 99.99,
      monthlyMinor: 25_000,
    });
    expect(await promise()).toBe("99.99 %");
  });
});
