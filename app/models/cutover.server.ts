import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { auditLog, cutoverUpdates, cutoverWindows, provisioningItems, quoteMessages, users } from "#db/schema";
import { type CutoverStage, nextStages } from "~/domain/cutover";
import type { OverriddenMigrationPlan } from "~/domain/migration-override";
import { type Actor, accessOf } from "~/utils/permissions";
import { ownedBy } from "./access.server";

export type CutoverWindowRow = typeof cutoverWindows.$inferSelect;
export type CutoverUpdateRow = typeof cutoverUpdates.$inferSelect;

/**
 * A paid quote's move: its provisioning item, the accepted version's migration plan (the
 * technician's override, else the quote's own), the windows offered and the updates posted. Null
 * when the quote has no provisioning item (not paid) or nothing to move.
 */
export async function cutoverState(db: Executor, where: { quoteRequestId: string } | { itemId: string }) {
  const rows = await db.execute(sql`select i.id as "itemId", i.quote_request_id as "quoteRequestId",
      i.status as "itemStatus", i.assignee_id as "assigneeId", coalesce(v.migration_plan, q.migration_plan) as plan
    from provisioning_items i
    join acceptances a on a.id = i.acceptance_id
    join quote_requests q on q.id = i.quote_request_id
    left join proposal_versions v on v.quote_request_id = i.quote_request_id and v.version = a.version
    where ${"itemId" in where ? sql`i.id = ${where.itemId}` : sql`i.quote_request_id = ${where.quoteRequestId}`}
    limit 1`);
  const [row] = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
    itemId: string;
    quoteRequestId: string;
    itemStatus: "open" | "claimed" | "done";
    assigneeId: string | null;
    plan: OverriddenMigrationPlan | null;
  }[];
  if (!row?.plan) return null;
  const windows = await db
    .select()
    .from(cutoverWindows)
    .where(eq(cutoverWindows.provisioningItemId, row.itemId))
    .orderBy(asc(cutoverWindows.startsAt), asc(cutoverWindows.createdAt));
  const updates = windows.length
    ? await db
        .select()
        .from(cutoverUpdates)
        .where(
          inArray(
            cutoverUpdates.windowId,
            windows.map((w) => w.id),
          ),
        )
        .orderBy(asc(cutoverUpdates.createdAt))
    : [];
  const confirmed = windows.find((w) => w.status === "confirmed") ?? null;
  return {
    ...row,
    plan: row.plan,
    windows,
    confirmed,
    updates: confirmed ? updates.filter((u) => u.windowId === confirmed.id) : [],
  };
}

export type CutoverState = NonNullable<Awaited<ReturnType<typeof cutoverState>>>;

export type CutoverRefusal =
  "not_yours" | "not_found" | "taken" | "already_confirmed" | "started" | "no_window" | "stage_order";

/**
 * The item locked for a technician's cutover change: its assignee (own) or an admin (any), while
 * being built or after hand-over (the move usually follows it). In the statement's WHERE.
 */
async function lockItem(tx: Executor, actor: Actor, itemId: string) {
  if (!accessOf(actor.role, "write:provisioning")) return null;
  const [item] = await tx
    .select({ id: provisioningItems.id, quoteRequestId: provisioningItems.quoteRequestId })
    .from(provisioningItems)
    .where(
      and(
        eq(provisioningItems.id, itemId),
        inArray(provisioningItems.status, ["claimed", "done"]),
        ownedBy(actor, "write:provisioning", provisioningItems.assigneeId),
      ),
    )
    .for("update");
  return item ?? null;
}

async function timeline(
  tx: Executor,
  quoteRequestId: string,
  event: string,
  author: { type: "staff" | "customer" | "system"; id?: string | null },
  body?: string | null,
) {
  await tx.insert(quoteMessages).values({
    quoteRequestId,
    authorType: author.type,
    authorId: author.type === "staff" ? (author.id ?? null) : null,
    event,
    body: body ?? null,
  });
}

/** The technician offers windows (already checked against the plan); the customer is told (`then`). */
export async function proposeWindows(
  db: Executor,
  actor: Actor,
  itemId: string,
  windows: readonly { startsAt: Date; endsAt: Date }[],
  timeZone: string,
  then: (tx: Executor, quoteRequestId: string) => Promise<void>,
): Promise<CutoverRefusal | null> {
  return db.transaction(async (tx) => {
    const item = await lockItem(tx, actor, itemId);
    if (!item) return "not_yours";
    const [confirmed] = await tx
      .select({ id: cutoverWindows.id })
      .from(cutoverWindows)
      .where(and(eq(cutoverWindows.provisioningItemId, itemId), eq(cutoverWindows.status, "confirmed")));
    if (confirmed) return "already_confirmed";
    await tx.insert(cutoverWindows).values(
      windows.map((w) => ({
        provisioningItemId: itemId,
        startsAt: w.startsAt,
        endsAt: w.endsAt,
        timeZone,
        proposedBy: "staff" as const,
        proposedByUser: actor.id,
      })),
    );
    await timeline(tx, item.quoteRequestId, "cutover_proposed", { type: "staff", id: actor.id });
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: item.quoteRequestId,
      action: "cutover_proposed",
      actor: `staff:${actor.id}`,
      data: { windows: windows.map((w) => w.startsAt.toISOString()) },
    });
    await then(tx, item.quoteRequestId);
    return null;
  });
}

/** The customer suggests a window of their own (checked against the plan); the technician is told. */
export async function suggestWindow(
  db: Executor,
  quoteRequestId: string,
  window: { startsAt: Date; endsAt: Date; timeZone: string; note: string | null },
  then: (tx: Executor, item: { id: string; assigneeId: string | null }) => Promise<void>,
): Promise<CutoverRefusal | null> {
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select({ id: provisioningItems.id, assigneeId: provisioningItems.assigneeId })
      .from(provisioningItems)
      .where(eq(provisioningItems.quoteRequestId, quoteRequestId))
      .for("update");
    if (!item) return "not_found";
    const [confirmed] = await tx
      .select({ id: cutoverWindows.id })
      .from(cutoverWindows)
      .where(and(eq(cutoverWindows.provisioningItemId, item.id), eq(cutoverWindows.status, "confirmed")));
    if (confirmed) return "already_confirmed";
    await tx.insert(cutoverWindows).values({
      provisioningItemId: item.id,
      startsAt: window.startsAt,
      endsAt: window.endsAt,
      timeZone: window.timeZone,
      proposedBy: "customer",
      note: window.note,
    });
    await timeline(tx, quoteRequestId, "cutover_suggested", { type: "customer" }, window.note);
    await then(tx, item);
    return null;
  });
}

/**
 * Confirms one window: by the customer (a window the technician proposed, on their own quote), or by
 * the technician (a window the customer suggested). One confirmed window per item, kept by a unique
 * index: of two tabs confirming different windows at once, the second gets "taken"; the same window
 * twice is "already_confirmed". The other offers are withdrawn. `then` runs in the same transaction
 * (e-mails, the reminders).
 */
export async function confirmWindow(
  db: Executor,
  by: { customerOf: string } | { actor: Actor },
  windowId: string,
  then: (tx: Executor, window: CutoverWindowRow, quoteRequestId: string) => Promise<void>,
): Promise<CutoverRefusal | null> {
  try {
    return await db.transaction(async (tx) => {
      const [found] = await tx
        .select({ window: cutoverWindows, quoteRequestId: provisioningItems.quoteRequestId })
        .from(cutoverWindows)
        .innerJoin(provisioningItems, eq(provisioningItems.id, cutoverWindows.provisioningItemId))
        .where(
          and(
            eq(cutoverWindows.id, windowId),
            "customerOf" in by
              ? and(eq(provisioningItems.quoteRequestId, by.customerOf), eq(cutoverWindows.proposedBy, "staff"))
              : and(
                  eq(cutoverWindows.proposedBy, "customer"),
                  inArray(provisioningItems.status, ["claimed", "done"]),
                  ownedBy(by.actor, "write:provisioning", provisioningItems.assigneeId),
                ),
          ),
        )
        .limit(1);
      if (!found) return "not_found";
      // Confirmations of one item queue on its row: the second of two tabs sees what the first did.
      await tx
        .select({ id: provisioningItems.id })
        .from(provisioningItems)
        .where(eq(provisioningItems.id, found.window.provisioningItemId))
        .for("update");
      const siblings = await tx
        .select({ id: cutoverWindows.id, status: cutoverWindows.status })
        .from(cutoverWindows)
        .where(eq(cutoverWindows.provisioningItemId, found.window.provisioningItemId));
      const status = siblings.find((w) => w.id === windowId)?.status;
      if (status === "confirmed") return "already_confirmed";
      if (siblings.some((w) => w.status === "confirmed")) return "taken";
      if (status !== "proposed") return "not_found";
      const [row] = await tx
        .update(cutoverWindows)
        .set({ status: "confirmed", confirmedAt: new Date() })
        .where(and(eq(cutoverWindows.id, windowId), eq(cutoverWindows.status, "proposed")))
        .returning();
      await tx
        .update(cutoverWindows)
        .set({ status: "withdrawn" })
        .where(
          and(
            eq(cutoverWindows.provisioningItemId, found.window.provisioningItemId),
            eq(cutoverWindows.status, "proposed"),
          ),
        );
      const author = "customerOf" in by ? { type: "customer" as const } : { type: "staff" as const, id: by.actor.id };
      await timeline(tx, found.quoteRequestId, "cutover_confirmed", author);
      await tx.insert(auditLog).values({
        entityType: "quote_request",
        entityId: found.quoteRequestId,
        action: "cutover_confirmed",
        actor: "customerOf" in by ? "customer" : `staff:${by.actor.id}`,
        data: { windowId, startsAt: row!.startsAt.toISOString() },
      });
      await then(tx, row!, found.quoteRequestId);
      return null;
    });
  } catch (error) {
    // Another tab confirmed a different window first: the unique index refused this one.
    if (isUniqueViolation(error)) return "taken";
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * The technician withdraws a window (a confirmed one only before the move has started): its pending
 * reminders are cancelled by `then` and the customer is told.
 */
export async function withdrawWindow(
  db: Executor,
  actor: Actor,
  itemId: string,
  windowId: string,
  then: (tx: Executor, window: CutoverWindowRow, quoteRequestId: string) => Promise<void>,
): Promise<CutoverRefusal | null> {
  return db.transaction(async (tx) => {
    const item = await lockItem(tx, actor, itemId);
    if (!item) return "not_yours";
    const [started] = await tx
      .select({ id: cutoverUpdates.id })
      .from(cutoverUpdates)
      .where(eq(cutoverUpdates.windowId, windowId))
      .limit(1);
    if (started) return "started";
    const [row] = await tx
      .update(cutoverWindows)
      .set({ status: "withdrawn" })
      .where(
        and(
          eq(cutoverWindows.id, windowId),
          eq(cutoverWindows.provisioningItemId, itemId),
          ne(cutoverWindows.status, "withdrawn"),
        ),
      )
      .returning();
    if (!row) return "not_found";
    if (row.confirmedAt) await timeline(tx, item.quoteRequestId, "cutover_withdrawn", { type: "staff", id: actor.id });
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: item.quoteRequestId,
      action: "cutover_withdrawn",
      actor: `staff:${actor.id}`,
      data: { windowId },
    });
    await then(tx, row, item.quoteRequestId);
    return null;
  });
}

/**
 * A progress update during the confirmed window (forward only, each stage once, `nextStages`), on the
 * customer's timeline; `then` e-mails it and, at the end, schedules the retention reminders.
 */
export async function postUpdate(
  db: Executor,
  actor: Actor,
  itemId: string,
  stage: CutoverStage,
  note: string | null,
  then: (tx: Executor, window: CutoverWindowRow, update: CutoverUpdateRow, quoteRequestId: string) => Promise<void>,
): Promise<CutoverRefusal | null> {
  return db.transaction(async (tx) => {
    const item = await lockItem(tx, actor, itemId);
    if (!item) return "not_yours";
    const [window] = await tx
      .select()
      .from(cutoverWindows)
      .where(and(eq(cutoverWindows.provisioningItemId, itemId), eq(cutoverWindows.status, "confirmed")));
    if (!window) return "no_window";
    const posted = await tx
      .select({ stage: cutoverUpdates.stage })
      .from(cutoverUpdates)
      .where(eq(cutoverUpdates.windowId, window.id));
    if (!nextStages(posted.map((p) => p.stage)).includes(stage)) return "stage_order";
    const [update] = await tx
      .insert(cutoverUpdates)
      .values({ windowId: window.id, stage, note, createdBy: actor.id })
      .returning();
    await timeline(tx, item.quoteRequestId, `cutover_${stage}`, { type: "staff", id: actor.id }, note);
    await then(tx, window, update!, item.quoteRequestId);
    return null;
  });
}

/** The technician a customer's cutover message goes to: the assignee, if any (enabled or not). */
export async function assigneeEmail(db: Executor, assigneeId: string | null) {
  if (!assigneeId) return null;
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, assigneeId));
  return row?.email ?? null;
}

/** The quote of a confirmed window (for its .ics file, built when an e-mail is sent); null otherwise. */
export async function confirmedWindowQuote(db: Executor, windowId: string) {
  const [row] = await db
    .select({ quoteRequestId: provisioningItems.quoteRequestId })
    .from(cutoverWindows)
    .innerJoin(provisioningItems, eq(provisioningItems.id, cutoverWindows.provisioningItemId))
    .where(and(eq(cutoverWindows.id, windowId), eq(cutoverWindows.status, "confirmed")));
  return row?.quoteRequestId ?? null;
}
