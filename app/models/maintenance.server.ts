import { and, asc, desc, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import {
  maintenancePolicies,
  maintenanceUpdates,
  maintenanceWindows,
  quoteRequests,
  serviceSettings,
  users,
} from "#db/schema";
import type { MaintenanceKind, MaintenancePolicy, MaintenanceResponse, MaintenanceState } from "~/domain/maintenance";
import { type CustomerAccount, ownedBy } from "./customer-account.server";

/**
 * Maintenance windows and policies (issue 19): every query on them. Windows belong to a service
 * (its quote); the customer's reads and answers go through `ownedBy` in the query.
 */
export type MaintenanceWindow = typeof maintenanceWindows.$inferSelect;
export type MaintenanceUpdate = typeof maintenanceUpdates.$inferSelect;

export const maintenanceRef = (w: Pick<MaintenanceWindow, "number">) => `MW-${w.number}`;

/** The service's own recurring window, or null (the default then applies). */
export async function servicePolicy(db: Executor, quoteRequestId: string): Promise<MaintenancePolicy | null> {
  const [row] = await db
    .select()
    .from(maintenancePolicies)
    .where(eq(maintenancePolicies.quoteRequestId, quoteRequestId))
    .limit(1);
  return row
    ? { rrule: row.rrule, startTime: row.startTime, durationMinutes: row.durationMinutes, timeZone: row.timeZone }
    : null;
}

/** The customer's zone for maintenance (their policy's, else the one set on the service), or null. */
export async function serviceTimeZone(db: Executor, quoteRequestId: string): Promise<string | null> {
  const [row] = await db
    .select({ policy: maintenancePolicies.timeZone, settings: serviceSettings.timeZone })
    .from(quoteRequests)
    .leftJoin(maintenancePolicies, eq(maintenancePolicies.quoteRequestId, quoteRequests.id))
    .leftJoin(serviceSettings, eq(serviceSettings.quoteRequestId, quoteRequests.id))
    .where(eq(quoteRequests.id, quoteRequestId))
    .limit(1);
  return row?.policy ?? row?.settings ?? null;
}

export async function savePolicy(db: Executor, quoteRequestId: string, policy: MaintenancePolicy, userId: string) {
  const values = { ...policy, updatedBy: userId, updatedAt: new Date() };
  await db
    .insert(maintenancePolicies)
    .values({ quoteRequestId, ...values })
    .onConflictDoUpdate({ target: maintenancePolicies.quoteRequestId, set: values });
}

export interface NewWindow {
  quoteRequestId: string;
  kind: MaintenanceKind;
  title: string;
  description: string;
  affectedServers: string[];
  expectedDowntimeMinutes: number;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  reason: string | null;
  affectsService: boolean;
  createdBy: string;
}

/** A new window with its first update ("scheduled"), in the caller's transaction. */
export async function insertWindow(tx: Executor, input: NewWindow, body: string) {
  const [window] = await tx.insert(maintenanceWindows).values(input).returning();
  await tx
    .insert(maintenanceUpdates)
    .values({ windowId: window!.id, state: "scheduled", body, createdBy: input.createdBy });
  return window!;
}

/** One window of a service, locked for a change (null: not this service's). */
export async function lockWindow(tx: Executor, quoteRequestId: string, windowId: string) {
  const [row] = await tx
    .select()
    .from(maintenanceWindows)
    .where(and(eq(maintenanceWindows.id, windowId), eq(maintenanceWindows.quoteRequestId, quoteRequestId)))
    .for("update")
    .limit(1);
  return row ?? null;
}

/** The customer's own window, locked for their answer (null: not theirs). */
export async function lockAccountWindow(
  tx: Executor,
  account: CustomerAccount,
  quoteRequestId: string,
  windowId: string,
) {
  const [row] = await tx
    .select({ window: maintenanceWindows })
    .from(maintenanceWindows)
    .innerJoin(quoteRequests, eq(quoteRequests.id, maintenanceWindows.quoteRequestId))
    .where(
      and(
        eq(maintenanceWindows.id, windowId),
        eq(maintenanceWindows.quoteRequestId, quoteRequestId),
        ownedBy(account.email),
      ),
    )
    .for("update", { of: maintenanceWindows })
    .limit(1);
  return row?.window ?? null;
}

export type WindowPatch = Partial<
  Pick<
    MaintenanceWindow,
    | "state"
    | "startsAt"
    | "endsAt"
    | "customerResponse"
    | "customerNote"
    | "requestedStartsAt"
    | "respondedAt"
    | "decision"
    | "decisionNote"
    | "decidedBy"
    | "decidedAt"
  >
>;

/** Changes a locked window; with `update`, posts it to the customer's timeline too. */
export async function changeWindow(
  tx: Executor,
  windowId: string,
  patch: WindowPatch,
  update?: { state: MaintenanceState; body: string; createdBy: string | null },
) {
  const [row] = await tx
    .update(maintenanceWindows)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(maintenanceWindows.id, windowId))
    .returning();
  if (update) await tx.insert(maintenanceUpdates).values({ windowId, ...update });
  return row!;
}

async function withUpdates<T extends { id: string }>(db: Executor, windows: T[]) {
  const ids = windows.map((w) => w.id);
  const updates = ids.length
    ? await db
        .select({ update: maintenanceUpdates, author: users.name })
        .from(maintenanceUpdates)
        .leftJoin(users, eq(users.id, maintenanceUpdates.createdBy))
        .where(inArray(maintenanceUpdates.windowId, ids))
        .orderBy(asc(maintenanceUpdates.createdAt))
    : [];
  return windows.map((window) => ({
    window,
    updates: updates.filter((u) => u.update.windowId === window.id),
  }));
}

/** A service's windows for staff: open ones and those of the last 90 days, soonest first. */
export async function serviceWindows(db: Executor, quoteRequestId: string, now: Date) {
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const rows = await db
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        eq(maintenanceWindows.quoteRequestId, quoteRequestId),
        or(
          inArray(maintenanceWindows.state, ["scheduled", "in_progress", "extended"]),
          gte(maintenanceWindows.endsAt, since),
        ),
      ),
    )
    .orderBy(desc(maintenanceWindows.startsAt))
    .limit(100);
  return withUpdates(db, rows);
}

/**
 * The customer's windows on one service (ownership in the query): open ones and those finished or
 * cancelled in the last 30 days.
 */
export async function accountWindows(db: Executor, account: CustomerAccount, quoteRequestId: string, now: Date) {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const rows = await db
    .select({ window: maintenanceWindows })
    .from(maintenanceWindows)
    .innerJoin(quoteRequests, eq(quoteRequests.id, maintenanceWindows.quoteRequestId))
    .where(
      and(
        eq(maintenanceWindows.quoteRequestId, quoteRequestId),
        ownedBy(account.email),
        or(
          inArray(maintenanceWindows.state, ["scheduled", "in_progress", "extended"]),
          gte(maintenanceWindows.updatedAt, since),
        ),
      ),
    )
    .orderBy(asc(maintenanceWindows.startsAt))
    .limit(50);
  return withUpdates(
    db,
    rows.map((r) => r.window),
  );
}

/** Whose window it is (for the .ics), or null. */
export async function windowById(db: Executor, windowId: string) {
  const [row] = await db.select().from(maintenanceWindows).where(eq(maintenanceWindows.id, windowId)).limit(1);
  return row ?? null;
}

/** The open windows of the customer's service, for their calendar file (ownership in the query). */
export async function accountCalendarWindows(db: Executor, account: CustomerAccount, quoteRequestId: string) {
  const rows = await db
    .select({ window: maintenanceWindows })
    .from(maintenanceWindows)
    .innerJoin(quoteRequests, eq(quoteRequests.id, maintenanceWindows.quoteRequestId))
    .where(
      and(
        eq(maintenanceWindows.quoteRequestId, quoteRequestId),
        ownedBy(account.email),
        gte(maintenanceWindows.endsAt, sql`now() - interval '30 days'`),
      ),
    )
    .orderBy(asc(maintenanceWindows.startsAt))
    .limit(100);
  return rows.map((r) => r.window);
}

/**
 * Maintenance for the operations board: under way now, or starting within `days` days, soonest
 * first, with the customer (the open-window index keeps this cheap however many past windows there are).
 */
export async function upcomingMaintenance(db: Executor, now: Date, days = 14, limit = 100) {
  return db
    .select({
      id: maintenanceWindows.id,
      number: maintenanceWindows.number,
      quoteRequestId: maintenanceWindows.quoteRequestId,
      kind: maintenanceWindows.kind,
      title: maintenanceWindows.title,
      state: maintenanceWindows.state,
      startsAt: maintenanceWindows.startsAt,
      endsAt: maintenanceWindows.endsAt,
      expectedDowntimeMinutes: maintenanceWindows.expectedDowntimeMinutes,
      affectsService: maintenanceWindows.affectsService,
      customerResponse: maintenanceWindows.customerResponse,
      decision: maintenanceWindows.decision,
      contactName: quoteRequests.contactName,
      company: quoteRequests.company,
    })
    .from(maintenanceWindows)
    .innerJoin(quoteRequests, eq(quoteRequests.id, maintenanceWindows.quoteRequestId))
    .where(
      and(
        sql`${maintenanceWindows.state} in ('scheduled', 'in_progress', 'extended')`,
        lte(maintenanceWindows.startsAt, new Date(now.getTime() + days * 86_400_000)),
      ),
    )
    .orderBy(asc(maintenanceWindows.startsAt))
    .limit(limit);
}

export type { MaintenanceResponse };

/** Each of the customer's services' next open window (ownership in the query): for the account's service list. */
export async function accountNextMaintenance(db: Executor, account: CustomerAccount) {
  const rows = await db
    .select({
      quoteRequestId: maintenanceWindows.quoteRequestId,
      startsAt: maintenanceWindows.startsAt,
      state: maintenanceWindows.state,
      needsAnswer: sql<boolean>`${maintenanceWindows.affectsService} and ${maintenanceWindows.state} = 'scheduled' and ${maintenanceWindows.customerResponse} is null`,
    })
    .from(maintenanceWindows)
    .innerJoin(quoteRequests, eq(quoteRequests.id, maintenanceWindows.quoteRequestId))
    .where(and(ownedBy(account.email), sql`${maintenanceWindows.state} in ('scheduled', 'in_progress', 'extended')`))
    .orderBy(asc(maintenanceWindows.startsAt))
    .limit(200);
  // The next window of each service, asking for an answer if any of the service's windows awaits one.
  const next = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const first = next.get(row.quoteRequestId);
    if (!first) next.set(row.quoteRequestId, { ...row });
    else if (row.needsAnswer) first.needsAnswer = true;
  }
  return next;
}
