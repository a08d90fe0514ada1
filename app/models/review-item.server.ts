import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor, Transaction } from "#db/client.server";
import { type ReviewStatus, auditLog, quoteMessages, quoteRequests, reviewItems, reviewNotes, users } from "#db/schema";
import type { ReviewReason } from "~/domain/engine";
import { DomainError } from "~/domain/errors";
import type { Actor } from "~/utils/permissions";
import { ownedBy } from "./access.server";
import { tierNeedsTechnician } from "./acceptance.server";
import { TECHNICIAN_REQUESTED_EVENT } from "~/domain/acceptability";
import { assertPublishable, lockQuote, markVersionPublished } from "./proposal-version.server";
import { type BusinessCalendar, type ReviewPriority, SLA_TARGETS, slaState } from "~/domain/sla";

type Tx = Transaction;

/** High priority when a technician must design something (99.99 %, compliance, GPUs, no fit). */
export function priorityOf(reasons: readonly ReviewReason[]): ReviewPriority {
  const urgent = new Set(["critical_availability", "compliance", "gpu", "no_catalog_fit"]);
  return reasons.some((r) => urgent.has(r.code)) ? "high" : "normal";
}

/** Written in the same transaction as the quote: a quote that needs review always has its item. */
export async function createReviewItem(
  tx: Tx,
  quoteRequestId: string,
  reasons: ReviewReason[],
  calendar: BusinessCalendar,
  now: Date,
) {
  const priority = priorityOf(reasons);
  const sla = slaState(calendar, now, [], SLA_TARGETS[priority], now);
  const [row] = await tx
    .insert(reviewItems)
    .values({
      quoteRequestId,
      status: "open",
      priority,
      reasons,
      firstResponseDueAt: sla.firstResponseDueAt,
      resolutionDueAt: sla.resolutionDueAt,
      slaStartedAt: now,
      createdAt: now,
    })
    .returning({ id: reviewItems.id });
  return row!.id;
}

/** Work that must commit with a change (the customer's e-mail through the outbox). */
export type ChangeHook = (tx: Tx, quoteRequestId: string) => Promise<void>;

export interface QueueFilters {
  status?: ReviewStatus | "active";
  reason?: string;
  assignee?: "me" | "unassigned" | string;
}

const ACTIVE: ReviewStatus[] = ["open", "claimed", "waiting_customer"];

/**
 * The review items the actor may change, for a WHERE clause: the ones they hold (technicians,
 * `write:review_item:own`), every one (admins, `:any`), none without the permission.
 */
const changeableBy = (actor: Actor) => ownedBy(actor, "write:review_item", reviewItems.assigneeId);

/**
 * Why a change filtered by changeableBy matched no row: there is no such item (not_found), or it
 * is not the actor's to change (not_assignee). Returns the item's status when neither explains it
 * (the change's other conditions did not hold, or the item became the actor's meanwhile).
 */
async function explainNoMatch(db: Executor, id: string, actor: Actor) {
  const [row] = await db
    .select({ status: reviewItems.status, mine: sql<boolean | null>`${changeableBy(actor)}` })
    .from(reviewItems)
    .where(eq(reviewItems.id, id))
    .limit(1);
  if (!row) throw new DomainError("not_found");
  if (!row.mine) throw new DomainError("not_assignee");
  return row.status;
}

/** The queue, soonest resolution deadline first (paused items, with no deadline, last). */
export async function listReviewQueue(db: Executor, filters: QueueFilters, me: string, limit = 200, offset = 0) {
  const where = [];
  // Literal values, not parameters: a prepared statement's generic plan can then still use the
  // partial index for active items (review_items_active_queue_idx) instead of sorting every row.
  if (!filters.status || filters.status === "active")
    where.push(sql`${reviewItems.status} in ('open', 'claimed', 'waiting_customer')`);
  else where.push(eq(reviewItems.status, filters.status));
  if (filters.reason) where.push(sql`${reviewItems.reasons} @> ${JSON.stringify([{ code: filters.reason }])}::jsonb`);
  if (filters.assignee === "me") where.push(eq(reviewItems.assigneeId, me));
  else if (filters.assignee === "unassigned") where.push(isNull(reviewItems.assigneeId));
  else if (filters.assignee) where.push(eq(reviewItems.assigneeId, filters.assignee));
  return db
    .select({
      id: reviewItems.id,
      status: reviewItems.status,
      priority: reviewItems.priority,
      reasons: reviewItems.reasons,
      assigneeId: reviewItems.assigneeId,
      assigneeName: users.name,
      firstResponseDueAt: reviewItems.firstResponseDueAt,
      resolutionDueAt: reviewItems.resolutionDueAt,
      createdAt: reviewItems.createdAt,
      contactName: quoteRequests.contactName,
      company: quoteRequests.company,
    })
    .from(reviewItems)
    .innerJoin(quoteRequests, eq(quoteRequests.id, reviewItems.quoteRequestId))
    .leftJoin(users, eq(users.id, reviewItems.assigneeId))
    .where(and(...where))
    .orderBy(sql`${reviewItems.resolutionDueAt} asc nulls last`, asc(reviewItems.createdAt))
    .limit(limit)
    .offset(offset);
}

/**
 * One-click claim: a single conditional UPDATE, so when twenty technicians click at once exactly
 * one row comes back and the others get null.
 */
export async function claimReviewItem(db: Executor, id: string, userId: string, notify?: ChangeHook) {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(reviewItems)
      .set({ assigneeId: userId, status: "claimed", claimedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(reviewItems.id, id), isNull(reviewItems.assigneeId), eq(reviewItems.status, "open")))
      .returning({ id: reviewItems.id, quoteRequestId: reviewItems.quoteRequestId });
    if (!claimed) return null;
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: claimed.quoteRequestId,
      action: "claimed",
      actor: `staff:${userId}`,
      fromStatus: "open",
      toStatus: "claimed",
    });
    await tx
      .insert(quoteMessages)
      .values({ quoteRequestId: claimed.quoteRequestId, authorType: "system", event: "claimed" });
    await notify?.(tx, claimed.quoteRequestId);
    return claimed;
  });
}

/**
 * Gives a claimed item back to the queue: its assignee or an admin (DomainError "not_assignee"
 * for anyone else, "item_closed" once published or declined). Null: it was not claimed (already
 * back in the queue, or waiting on the customer), nothing changed.
 */
export async function unclaimReviewItem(db: Executor, id: string, actor: Actor) {
  return db.transaction(async (tx) => {
    const [item] = await tx
      .update(reviewItems)
      .set({ assigneeId: null, status: "open", claimedAt: null, updatedAt: new Date() })
      .where(and(eq(reviewItems.id, id), eq(reviewItems.status, "claimed"), changeableBy(actor)))
      .returning({ id: reviewItems.id, quoteRequestId: reviewItems.quoteRequestId });
    if (!item) {
      const status = await explainNoMatch(tx, id, actor);
      if (!ACTIVE.includes(status)) throw new DomainError("item_closed");
      return null;
    }
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: item.quoteRequestId,
      action: "unclaimed",
      actor: `staff:${actor.id}`,
      fromStatus: "claimed",
      toStatus: "open",
    });
    return item;
  });
}

/**
 * Hands an active item to a technician or an admin (routes check `assign:review_item`).
 * DomainError "cannot_review" for anyone else, "item_closed" once the item is resolved.
 */
export async function reassignReviewItem(db: Executor, id: string, toUserId: string, actor: Actor) {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: users.id, role: users.role, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, toUserId))
      .limit(1);
    if (!target || target.disabledAt || target.role === "sales") throw new DomainError("cannot_review", {}, "userId");
    const [item] = await tx
      .update(reviewItems)
      .set({
        assigneeId: toUserId,
        status: sql`case when ${reviewItems.status} = 'open' then 'claimed' else ${reviewItems.status} end`,
        claimedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(and(eq(reviewItems.id, id), inArray(reviewItems.status, ACTIVE)))
      .returning({ id: reviewItems.id, quoteRequestId: reviewItems.quoteRequestId });
    if (!item) {
      const [exists] = await tx.select({ id: reviewItems.id }).from(reviewItems).where(eq(reviewItems.id, id)).limit(1);
      throw new DomainError(exists ? "item_closed" : "not_found");
    }
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: item.quoteRequestId,
      action: "reassigned",
      actor: `staff:${actor.id}`,
      data: { to: toUserId },
    });
    return item;
  });
}

/** A row of the queue (listReviewQueue). */
export type QueueRow = Awaited<ReturnType<typeof listReviewQueue>>[number];

/** The review page's item with its quote row, notes, conversation and audit log (getReviewItem). */
export type ReviewItemDetail = NonNullable<Awaited<ReturnType<typeof getReviewItem>>>;

export async function getReviewItem(db: Executor, id: string) {
  const [item] = await db
    .select({ item: reviewItems, quote: quoteRequests, assigneeName: users.name })
    .from(reviewItems)
    .innerJoin(quoteRequests, eq(quoteRequests.id, reviewItems.quoteRequestId))
    .leftJoin(users, eq(users.id, reviewItems.assigneeId))
    .where(eq(reviewItems.id, id))
    .limit(1);
  if (!item) return null;
  const [notes, messages, audit] = await Promise.all([
    db
      .select({ id: reviewNotes.id, body: reviewNotes.body, createdAt: reviewNotes.createdAt, author: users.name })
      .from(reviewNotes)
      .innerJoin(users, eq(users.id, reviewNotes.authorId))
      .where(eq(reviewNotes.reviewItemId, id))
      .orderBy(asc(reviewNotes.createdAt)),
    db
      .select()
      .from(quoteMessages)
      .where(eq(quoteMessages.quoteRequestId, item.quote.id))
      .orderBy(asc(quoteMessages.createdAt)),
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "quote_request"), eq(auditLog.entityId, item.quote.id)))
      .orderBy(desc(auditLog.createdAt)),
  ]);
  // Show who acted by name: staff actors are stored as "staff:<user id>".
  const staffIds = [
    ...new Set(
      audit
        .map((a) => a.actor)
        .filter((a) => a.startsWith("staff:"))
        .map((a) => a.slice(6)),
    ),
  ];
  const names = staffIds.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, staffIds))
    : [];
  const nameOf = new Map(names.map((u) => [`staff:${u.id}`, u.name]));
  return { ...item, notes, messages, audit: audit.map((a) => ({ ...a, actorName: nameOf.get(a.actor) ?? a.actor })) };
}

/**
 * An internal note: staff only, never on customer pages or in customer e-mails. Only on an item the
 * actor may change (DomainError "not_assignee"); the item's row stays share-locked until the note is
 * written, so it cannot be unclaimed or reassigned in between.
 */
export async function addInternalNote(db: Executor, id: string, actor: Actor, body: string) {
  await db.transaction(async (tx) => {
    const [item] = await tx
      .select({ id: reviewItems.id })
      .from(reviewItems)
      .where(and(eq(reviewItems.id, id), changeableBy(actor)))
      .for("share")
      .limit(1);
    if (!item) {
      await explainNoMatch(tx, id, actor);
      throw new DomainError("not_assignee");
    }
    await tx.insert(reviewNotes).values({ reviewItemId: id, authorId: actor.id, body });
  });
}

/**
 * Ticks a reason off the checklist (or back on) in one UPDATE computed from the row as it is when
 * written: two people ticking two reasons at once both stay ticked. Only on an item the actor may
 * change (DomainError "not_assignee"). The checklist as it now is.
 */
export async function setReasonChecked(
  db: Executor,
  id: string,
  actor: Actor,
  code: string,
  checked: boolean,
): Promise<string[]> {
  const one = JSON.stringify([code]);
  const next = checked
    ? sql`case when ${reviewItems.checked} @> ${one}::jsonb then ${reviewItems.checked} else ${reviewItems.checked} || ${one}::jsonb end`
    : sql`${reviewItems.checked} - ${code}::text`;
  const [row] = await db
    .update(reviewItems)
    .set({ checked: next, updatedAt: new Date() })
    .where(and(eq(reviewItems.id, id), changeableBy(actor)))
    .returning({ checked: reviewItems.checked });
  if (row) return row.checked;
  await explainNoMatch(db, id, actor);
  throw new DomainError("not_assignee");
}

/** Recomputes the deadlines from the pauses (after a pause starts or ends). */
export function deadlines(
  calendar: BusinessCalendar,
  item: {
    slaStartedAt: Date;
    priority: ReviewPriority;
    pauses: { start: string; end: string | null }[];
    firstRespondedAt: Date | null;
  },
  now: Date,
) {
  return slaState(
    calendar,
    item.slaStartedAt,
    item.pauses.map((p) => ({ start: new Date(p.start), end: p.end ? new Date(p.end) : null })),
    SLA_TARGETS[item.priority],
    now,
    item.firstRespondedAt,
  );
}

/**
 * A customer-visible message from a technician; optionally the item then waits on the customer,
 * which stops its SLA clock until they answer. Only on an item the actor may change (DomainError
 * "not_assignee") that is still active ("item_closed").
 */
export async function sendCustomerMessage(
  db: Executor,
  id: string,
  actor: Actor,
  body: string,
  waitOnCustomer: boolean,
  calendar: BusinessCalendar,
  now = new Date(),
  notify?: ChangeHook,
) {
  const staffId = actor.id;
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select()
      .from(reviewItems)
      .where(and(eq(reviewItems.id, id), changeableBy(actor)))
      .for("update")
      .limit(1);
    if (!item) {
      await explainNoMatch(tx, id, actor);
      throw new DomainError("not_assignee");
    }
    if (!ACTIVE.includes(item.status)) throw new DomainError("item_closed");
    const pauses =
      waitOnCustomer && item.status !== "waiting_customer"
        ? [...item.pauses, { start: now.toISOString(), end: null }]
        : item.pauses;
    const firstRespondedAt = item.firstRespondedAt ?? now;
    const status: ReviewStatus = waitOnCustomer ? "waiting_customer" : item.status;
    const sla = deadlines(calendar, { ...item, pauses, firstRespondedAt }, now);
    await tx
      .update(reviewItems)
      .set({
        status,
        pauses,
        firstRespondedAt,
        firstResponseDueAt: sla.firstResponseDueAt,
        resolutionDueAt: sla.resolutionDueAt,
        updatedAt: now,
      })
      .where(eq(reviewItems.id, id));
    await tx.insert(quoteMessages).values({
      quoteRequestId: item.quoteRequestId,
      authorType: "staff",
      authorId: staffId,
      body,
      event: waitOnCustomer ? "question" : "update",
      createdAt: now,
    });
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: item.quoteRequestId,
      action: waitOnCustomer ? "asked_customer" : "messaged_customer",
      actor: `staff:${staffId}`,
      fromStatus: item.status,
      toStatus: status,
    });
    await notify?.(tx, item.quoteRequestId);
    return { quoteRequestId: item.quoteRequestId };
  });
}

/**
 * The customer answers from their link: the message lands on the review item, and an item that
 * was waiting on them goes back to its technician with the clock running again.
 */
export async function receiveCustomerReply(
  db: Executor,
  quoteRequestId: string,
  body: string,
  calendar: BusinessCalendar,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    await tx
      .insert(quoteMessages)
      .values({ quoteRequestId, authorType: "customer", body, event: "reply", createdAt: now });
    const [item] = await tx.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quoteRequestId)).limit(1);
    if (item?.status === "waiting_customer") {
      const pauses = item.pauses.map((p) => (p.end === null ? { ...p, end: now.toISOString() } : p));
      const status: ReviewStatus = item.assigneeId ? "claimed" : "open";
      const sla = deadlines(calendar, { ...item, pauses }, now);
      await tx
        .update(reviewItems)
        .set({
          status,
          pauses,
          firstResponseDueAt: sla.firstResponseDueAt,
          resolutionDueAt: sla.resolutionDueAt,
          updatedAt: now,
        })
        .where(eq(reviewItems.id, item.id));
      await tx.insert(auditLog).values({
        entityType: "quote_request",
        entityId: quoteRequestId,
        action: "customer_replied",
        actor: "customer",
        fromStatus: "waiting_customer",
        toStatus: status,
      });
    } else {
      await tx.insert(auditLog).values({
        entityType: "quote_request",
        entityId: quoteRequestId,
        action: "customer_replied",
        actor: "customer",
      });
    }
  });
}

/** What the customer may see of their quote's history: status events and messages, no notes. */
/**
 * A customer asks about one proposal line ("why NVMe?"): the question lands on the review item,
 * creating one for a quote that had none, and reopening a closed one with a fresh SLA clock.
 */
export async function askAboutLine(
  db: Executor,
  quoteRequestId: string,
  /** Null for a question about the proposal as a whole (the share page's question form). */
  line: { proposalId: string; position: number; label: string } | null,
  body: string,
  calendar: BusinessCalendar,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const event = line ? "line_question" : "customer_question";
    await tx
      .insert(quoteMessages)
      .values({ quoteRequestId, authorType: "customer", body, event, lineRef: line, createdAt: now });
    const [item] = await tx.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quoteRequestId)).limit(1);
    const reason: ReviewReason = { code: "customer_question", params: { line: line?.label ?? "" } };
    if (!item) {
      await createReviewItem(tx, quoteRequestId, [reason], calendar, now);
    } else if (item.status === "published" || item.status === "declined") {
      const reopened = { ...item, slaStartedAt: now, pauses: [], firstRespondedAt: null };
      const sla = deadlines(calendar, reopened, now);
      await tx
        .update(reviewItems)
        .set({
          status: item.assigneeId ? "claimed" : "open",
          reasons: item.reasons.some((r) => r.code === "customer_question") ? item.reasons : [...item.reasons, reason],
          slaStartedAt: now,
          pauses: [],
          firstRespondedAt: null,
          resolvedAt: null,
          firstResponseDueAt: sla.firstResponseDueAt,
          resolutionDueAt: sla.resolutionDueAt,
          updatedAt: now,
        })
        .where(eq(reviewItems.id, item.id));
    } else if (item.status === "waiting_customer") {
      const pauses = item.pauses.map((p) => (p.end === null ? { ...p, end: now.toISOString() } : p));
      const sla = deadlines(calendar, { ...item, pauses }, now);
      await tx
        .update(reviewItems)
        .set({
          status: item.assigneeId ? "claimed" : "open",
          pauses,
          firstResponseDueAt: sla.firstResponseDueAt,
          resolutionDueAt: sla.resolutionDueAt,
          updatedAt: now,
        })
        .where(eq(reviewItems.id, item.id));
    }
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: quoteRequestId,
      action: line ? "customer_asked_about_line" : "customer_asked",
      actor: "customer",
      data: line ?? {},
    });
  });
}

/**
 * The quote's row lock (as every status change takes it, see lockQuote), then the item's, and the
 * state both depend on read again under them: a customer accepting at the same moment either
 * committed first (DomainError "quote_accepted") or waits and then finds the new version. Only an
 * item the actor may change ("not_assignee"), and only while it is active ("item_closed").
 */
async function lockForResolution(tx: Tx, id: string, actor: Actor) {
  const [found] = await tx
    .select({ quoteRequestId: reviewItems.quoteRequestId })
    .from(reviewItems)
    .where(eq(reviewItems.id, id))
    .limit(1);
  if (!found) throw new DomainError("not_found");
  const quote = await lockQuote(tx, found.quoteRequestId);
  const [item] = await tx
    .select()
    .from(reviewItems)
    .where(and(eq(reviewItems.id, id), changeableBy(actor)))
    .for("update")
    .limit(1);
  if (!item) {
    await explainNoMatch(tx, id, actor);
    throw new DomainError("not_assignee");
  }
  if (quote?.status === "accepted" || quote?.status === "won") throw new DomainError("quote_accepted");
  if (!quote || !ACTIVE.includes(item.status)) throw new DomainError("item_closed");
  return item;
}

/**
 * The technician publishes a proposal version: the customer now sees it, and the item is done.
 * Refusals as lockForResolution's, and assertPublishable's for a version with no proposal or an empty one.
 */
export async function publishVersion(
  db: Executor,
  id: string,
  actor: Actor,
  version: number,
  now = new Date(),
  notify?: ChangeHook,
) {
  return db.transaction(async (tx) => {
    const item = await lockForResolution(tx, id, actor);
    await assertPublishable(tx, item.quoteRequestId, version);
    await tx
      .update(quoteRequests)
      .set({ status: "published", publishedVersion: version, updatedAt: now })
      .where(eq(quoteRequests.id, item.quoteRequestId));
    await markVersionPublished(tx, item.quoteRequestId, version, now);
    await tx
      .update(reviewItems)
      .set({ status: "published", resolvedAt: now, firstRespondedAt: item.firstRespondedAt ?? now, updatedAt: now })
      .where(eq(reviewItems.id, id));
    await tx
      .insert(quoteMessages)
      .values({ quoteRequestId: item.quoteRequestId, authorType: "system", event: "published", createdAt: now });
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: item.quoteRequestId,
      action: "published",
      actor: `staff:${actor.id}`,
      fromStatus: item.status,
      toStatus: "published",
      data: { version },
    });
    await notify?.(tx, item.quoteRequestId);
    return { quoteRequestId: item.quoteRequestId };
  });
}

/** The technician declines, with a reason the customer sees. Refusals as lockForResolution's. */
export async function declineQuote(
  db: Executor,
  id: string,
  actor: Actor,
  reason: string,
  now = new Date(),
  notify?: ChangeHook,
) {
  return db.transaction(async (tx) => {
    const item = await lockForResolution(tx, id, actor);
    await tx
      .update(quoteRequests)
      .set({ status: "declined", declineReason: reason, updatedAt: now })
      .where(eq(quoteRequests.id, item.quoteRequestId));
    await tx
      .update(reviewItems)
      .set({ status: "declined", resolvedAt: now, updatedAt: now })
      .where(eq(reviewItems.id, id));
    await tx.insert(quoteMessages).values({
      quoteRequestId: item.quoteRequestId,
      authorType: "staff",
      authorId: actor.id,
      event: "declined",
      body: reason,
      createdAt: now,
    });
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: item.quoteRequestId,
      action: "declined",
      actor: `staff:${actor.id}`,
      fromStatus: item.status,
      toStatus: "declined",
    });
    await notify?.(tx, item.quoteRequestId);
    return { quoteRequestId: item.quoteRequestId };
  });
}

/**
 * Items past a deadline that technicians have not been told about yet: marks them and returns
 * them, in one statement, so with several instances each item is announced once.
 */
export async function takeNewlyOverdue(db: Executor, now = new Date()) {
  return db
    .update(reviewItems)
    .set({ overdueNotifiedAt: now })
    .where(
      and(
        inArray(reviewItems.status, ACTIVE),
        isNull(reviewItems.overdueNotifiedAt),
        sql`(${reviewItems.firstResponseDueAt} < ${now.toISOString()} or ${reviewItems.resolutionDueAt} < ${now.toISOString()})`,
      ),
    )
    .returning({ id: reviewItems.id, assigneeId: reviewItems.assigneeId, reasons: reviewItems.reasons });
}

/**
 * The customer asks a technician for a design they cannot accept directly (a 99.99 % tier the
 * engine proposed above their request: domain/acceptability.ts), from their link or a share link.
 * The quote's review item (one per quote) gets the reason critical_availability: a new item, or a
 * resolved one reopened with a fresh SLA clock (as askAboutLine does), or an active one that gains
 * the reason (and comes back from waiting on the customer); its priority follows its reasons.
 * Asking again while a technician has the request changes nothing. The quote row is locked first
 * (lockQuote), so an acceptance at the same moment and a second click run one after the other.
 * Refusals: tierNeedsTechnician's. `opened` is false when nothing changed (already asked, or the
 * tier can be accepted as it is); `notify` runs in the transaction when an item was opened.
 */
export async function requestTechnicianDesign(
  db: Executor,
  quoteRequestId: string,
  ask: { version: number; tier: "lean" | "balanced" | "resilient"; shareLinkId: string | null },
  calendar: BusinessCalendar,
  now = new Date(),
  notify?: (tx: Tx, reviewItemId: string, reasonCodes: string[]) => Promise<void>,
): Promise<{ reviewItemId: string | null; opened: boolean }> {
  return db.transaction(async (tx) => {
    const quote = await lockQuote(tx, quoteRequestId);
    if (!quote) throw new DomainError("not_found");
    const needed = await tierNeedsTechnician(tx, quote, ask.version, ask.tier);
    const [item] = await tx
      .select()
      .from(reviewItems)
      .where(eq(reviewItems.quoteRequestId, quoteRequestId))
      .for("update")
      .limit(1);
    const asked = item?.reasons.some((r) => r.code === "critical_availability") ?? false;
    if (!needed || (item && asked && ACTIVE.includes(item.status)))
      return { reviewItemId: item?.id ?? null, opened: false };
    const reason: ReviewReason = { code: "critical_availability", params: { tier: ask.tier } };
    let reviewItemId: string;
    if (!item) {
      reviewItemId = await createReviewItem(tx, quoteRequestId, [reason], calendar, now);
    } else {
      const reasons = asked ? item.reasons : [...item.reasons, reason];
      const priority = priorityOf(reasons);
      const resolved = !ACTIVE.includes(item.status);
      // A resolved item starts a fresh clock; an active one keeps its own, without a pause on the customer.
      const clock = resolved
        ? { slaStartedAt: now, pauses: [], firstRespondedAt: null }
        : {
            slaStartedAt: item.slaStartedAt,
            pauses: item.pauses.map((p) => (p.end === null ? { ...p, end: now.toISOString() } : p)),
            firstRespondedAt: item.firstRespondedAt,
          };
      const sla = deadlines(calendar, { ...item, ...clock, priority }, now);
      await tx
        .update(reviewItems)
        .set({
          status: item.assigneeId ? "claimed" : "open",
          reasons,
          priority,
          ...clock,
          ...(resolved ? { resolvedAt: null } : {}),
          firstResponseDueAt: sla.firstResponseDueAt,
          resolutionDueAt: sla.resolutionDueAt,
          updatedAt: now,
        })
        .where(eq(reviewItems.id, item.id));
      reviewItemId = item.id;
    }
    await tx
      .insert(quoteMessages)
      .values({ quoteRequestId, authorType: "customer", event: TECHNICIAN_REQUESTED_EVENT, createdAt: now });
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: quoteRequestId,
      action: "customer_requested_technician",
      actor: "customer",
      fromStatus: item?.status ?? null,
      toStatus: item?.assigneeId ? "claimed" : "open",
      data: { version: ask.version, tier: ask.tier, shareLinkId: ask.shareLinkId, reviewItemId },
    });
    await notify?.(tx, reviewItemId, ["critical_availability"]);
    return { reviewItemId, opened: true };
  });
}
