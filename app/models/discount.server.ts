import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "#db/client.server";
import { auditLog, discountRequests, quoteRequests, users } from "#db/schema";
import { MAX_DISCOUNT_BPS, MAX_REP_DISCOUNT_BPS } from "~/domain/repricing";
import { DomainError } from "~/domain/errors";
import { type Actor, can } from "~/utils/permissions";
import { applySalesDiscount, assertDiscountable, lockPublished, lockQuote } from "./proposal-version.server";

export type DiscountOutcome = { applied: true; version: number } | { applied: false; requestId: string };

/**
 * A discount on the version the customer sees. Up to 10 % a rep gives it at once (a new published
 * version); above that it waits for an admin. Whoever approves discounts (admins) gives any discount
 * up to 50 % directly. Once a rep owns the quote, only they or an admin may discount it: the quote's
 * row is locked on that condition (lockQuote, salesMayChange), else DomainError "not_owner".
 */
export async function giveDiscount(
  db: Executor,
  input: { quoteRequestId: string; bps: number; reason: string; actor: Actor },
  now = new Date(),
): Promise<DiscountOutcome> {
  if (!Number.isInteger(input.bps) || input.bps < 0 || input.bps > MAX_DISCOUNT_BPS)
    throw new DomainError("discount_too_large", { max: MAX_DISCOUNT_BPS / 100 }, "bps");
  const { actor } = input;
  return db.transaction(async (tx) => {
    if (input.bps <= MAX_REP_DISCOUNT_BPS || can(actor.role, "approve:discount")) {
      const { version } = await applySalesDiscount(
        tx,
        input.quoteRequestId,
        input.bps,
        actor.id,
        input.reason,
        null,
        now,
      );
      return { applied: true, version };
    }
    // The same checks as applying it, so an admin is only asked about a discount that could apply.
    const { version } = await lockPublished(tx, input.quoteRequestId, actor.id);
    assertDiscountable(version, input.bps);
    const [row] = await tx
      .insert(discountRequests)
      .values({
        quoteRequestId: input.quoteRequestId,
        baseVersion: version.version,
        bps: input.bps,
        reason: input.reason,
        requestedBy: actor.id,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: discountRequests.id });
    if (!row) throw new DomainError("discount_pending");
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: input.quoteRequestId,
      action: "discount_requested",
      actor: `staff:${actor.id}`,
      data: { bps: input.bps, reason: input.reason },
    });
    return { applied: false, requestId: row.id };
  });
}

/**
 * An admin approves (the discount becomes a new published version, made as sales by the admin) or
 * rejects, with a reason. The conditional update decides once, however often the button is pressed:
 * a request already decided (or unknown) is DomainError "discount_decided".
 */
export async function decideDiscount(
  db: Executor,
  actor: Actor,
  input: { requestId: string; approve: boolean; reason: string },
  now = new Date(),
): Promise<{ quoteRequestId: string; version: number | null }> {
  const { requestId, approve, reason } = input;
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ quoteRequestId: discountRequests.quoteRequestId })
      .from(discountRequests)
      .where(eq(discountRequests.id, requestId))
      .limit(1);
    if (!target) throw new DomainError("discount_decided", {}, "requestId");
    // The quote's lock before the request's row, the order giveDiscount takes them in: the other way
    // round, a rep's new request (quote locked, waiting on the one-pending index) deadlocks with us.
    await lockQuote(tx, target.quoteRequestId);
    const [request] = await tx
      .update(discountRequests)
      .set({ status: approve ? "approved" : "rejected", decidedBy: actor.id, decidedAt: now, decisionReason: reason })
      .where(and(eq(discountRequests.id, requestId), eq(discountRequests.status, "pending")))
      .returning();
    if (!request) throw new DomainError("discount_decided", {}, "requestId");
    let version: number | null = null;
    if (approve) {
      ({ version } = await applySalesDiscount(
        tx,
        request.quoteRequestId,
        request.bps,
        actor.id,
        `${request.reason} (approved: ${reason})`,
        request.baseVersion,
        now,
      ));
      await tx.update(discountRequests).set({ resultingVersion: version }).where(eq(discountRequests.id, request.id));
    }
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: request.quoteRequestId,
      action: approve ? "discount_approved" : "discount_rejected",
      actor: `staff:${actor.id}`,
      data: { requestId, bps: request.bps, reason, version },
    });
    return { quoteRequestId: request.quoteRequestId, version };
  });
}

/** Why a pending request is closed without a decision when the customer accepts (shown on the staff pages). */
export const WITHDRAWN_ON_ACCEPTANCE = "customer accepted";

/**
 * Closes the quote's pending discount requests as "withdrawn" (the customer accepted: prices are locked,
 * nothing is left to approve), inside the caller's transaction, with the quote row locked (acceptVersion),
 * and records each in the audit log as a decision is. Returns the ids closed.
 */
export async function withdrawPendingDiscounts(
  tx: Executor,
  quoteRequestId: string,
  reason: string,
  now: Date,
): Promise<string[]> {
  const closed = await tx
    .update(discountRequests)
    .set({ status: "withdrawn", decidedAt: now, decisionReason: reason })
    .where(and(eq(discountRequests.quoteRequestId, quoteRequestId), eq(discountRequests.status, "pending")))
    .returning({ id: discountRequests.id, bps: discountRequests.bps });
  if (closed.length)
    await tx.insert(auditLog).values(
      closed.map((request) => ({
        entityType: "quote_request",
        entityId: quoteRequestId,
        action: "discount_withdrawn",
        actor: "customer",
        data: { requestId: request.id, bps: request.bps, reason, version: null },
      })),
    );
  return closed.map((request) => request.id);
}

/** A request's status and closing reason, or null when there is no such request. */
export async function discountRequestState(db: Executor, requestId: string) {
  const [row] = await db
    .select({
      status: discountRequests.status,
      decidedAt: discountRequests.decidedAt,
      decisionReason: discountRequests.decisionReason,
    })
    .from(discountRequests)
    .where(eq(discountRequests.id, requestId))
    .limit(1);
  return row ?? null;
}

/**
 * PostgreSQL gave up on the transaction because of another one — deadlock (40P01), serialization
 * failure (40001), lock not available (55P03) — and rolled it back: nothing was decided, and the
 * same click again normally goes through.
 */
export function isTransactionConflict(error: unknown): boolean {
  // drizzle wraps the driver's error (DrizzleQueryError): the SQLSTATE is further down the causes.
  for (
    let e = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (code === "40P01" || code === "40001" || code === "55P03") return true;
  }
  return false;
}

const requester = alias(users, "requester");
const decider = alias(users, "decider");

export async function listDiscountRequests(db: Executor, filter: { status?: "pending"; quoteRequestId?: string }) {
  return db
    .select({
      id: discountRequests.id,
      quoteRequestId: discountRequests.quoteRequestId,
      baseVersion: discountRequests.baseVersion,
      bps: discountRequests.bps,
      reason: discountRequests.reason,
      status: discountRequests.status,
      createdAt: discountRequests.createdAt,
      decidedAt: discountRequests.decidedAt,
      decisionReason: discountRequests.decisionReason,
      resultingVersion: discountRequests.resultingVersion,
      requesterName: requester.name,
      deciderName: decider.name,
      contactName: quoteRequests.contactName,
      company: quoteRequests.company,
    })
    .from(discountRequests)
    .innerJoin(quoteRequests, eq(quoteRequests.id, discountRequests.quoteRequestId))
    .innerJoin(requester, eq(requester.id, discountRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, discountRequests.decidedBy))
    .where(
      and(
        filter.status ? eq(discountRequests.status, filter.status) : undefined,
        filter.quoteRequestId ? eq(discountRequests.quoteRequestId, filter.quoteRequestId) : undefined,
      ),
    )
    .orderBy(desc(discountRequests.createdAt))
    .limit(500);
}
