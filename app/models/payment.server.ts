import { desc, eq } from "drizzle-orm";
import type { Executor, Transaction } from "#db/client.server";
import { type PaymentStatus, acceptances, auditLog, payments, quoteMessages, stripeEvents } from "#db/schema";
import { DomainError } from "~/domain/errors";
import { type Acceptance, latestPayment } from "./acceptance.server";
import { openProvisioning } from "./provisioning.server";

export type { PaymentStatus };

/** A Checkout Session as Stripe describes it, in the fields we store. */
export interface CheckoutSession {
  id: string;
  url: string | null;
  amountTotal: number | null;
  currency: string | null;
  expiresAt: Date | null;
  /** Stripe's PaymentIntent, once there is one (the receipt's payment reference). */
  paymentIntentId?: string | null;
}

/**
 * What paying an acceptance needs next: the open session to send the customer back to, or the
 * acceptance and the number of the new attempt. Refuses (DomainError) an unknown acceptance
 * (not_found), a paid one (already_paid) and one whose payment is on its way (payment_processing). A new attempt only follows a failed or expired one.
 */
export async function nextCheckout(
  db: Executor,
  acceptanceId: string,
  now: Date,
): Promise<{ open: { url: string; sessionId: string } } | { acceptance: Acceptance; attempt: number }> {
  const [acceptance] = await db.select().from(acceptances).where(eq(acceptances.id, acceptanceId)).limit(1);
  if (!acceptance) throw new DomainError("not_found");
  if (acceptance.paidAt) throw new DomainError("already_paid");
  const last = await latestPayment(db, acceptance.id);
  if (last?.status === "paid") throw new DomainError("already_paid");
  if (last?.status === "processing") throw new DomainError("payment_processing");
  if (last?.status === "open" && last.checkoutUrl && (!last.expiresAt || last.expiresAt > now))
    return { open: { url: last.checkoutUrl, sessionId: last.checkoutSessionId } };
  return { acceptance, attempt: (last?.attempt ?? 0) + 1 };
}

/** Stores a new Checkout Session as the acceptance's attempt (once: a retried request adds nothing) and audits it. */
export async function recordCheckoutSession(
  db: Executor,
  acceptance: Acceptance,
  attempt: number,
  session: CheckoutSession,
) {
  await db
    .insert(payments)
    .values({
      acceptanceId: acceptance.id,
      attempt,
      checkoutSessionId: session.id,
      checkoutUrl: session.url,
      amountMinor: session.amountTotal ?? acceptance.dueNowMinor,
      currency: session.currency ?? acceptance.currency.toLowerCase(),
      status: "open",
      expiresAt: session.expiresAt,
    })
    .onConflictDoNothing();
  await db.insert(auditLog).values({
    entityType: "quote_request",
    entityId: acceptance.quoteRequestId,
    action: "checkout_started",
    actor: "customer",
    data: { attempt, amountMinor: acceptance.dueNowMinor },
  });
}

/** Records a Stripe event's id (a primary key), in the transaction that applies it: false when it was recorded before (a redelivery). */
export async function recordStripeEvent(
  tx: Transaction,
  event: { id: string; type: string; createdAt: Date; checkoutSessionId: string | null },
  now: Date,
): Promise<boolean> {
  const [fresh] = await tx
    .insert(stripeEvents)
    .values({
      id: event.id,
      type: event.type,
      stripeCreatedAt: event.createdAt,
      checkoutSessionId: event.checkoutSessionId,
      outcome: "received",
      receivedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: stripeEvents.id });
  return Boolean(fresh);
}

export async function setStripeEventOutcome(tx: Transaction, eventId: string, outcome: string) {
  await tx.update(stripeEvents).set({ outcome }).where(eq(stripeEvents.id, eventId));
}

/** Payment states only move forward: a late or repeated event never undoes a later one. */
const RANK: Record<PaymentStatus, number> = { open: 0, expired: 1, processing: 2, failed: 3, paid: 4 };

/** What applying a session's state changed that the customer or technicians are told about. */
export type SessionNotice =
  | { kind: "paid"; quoteRequestId: string; provisioningItemId: string | null }
  | { kind: "payment_failed"; quoteRequestId: string };

/**
 * Moves an acceptance's payment for a Checkout Session to `target` (only forward), with its audit
 * and timeline entries; a paid one makes the quote won with a provisioning item. Returns the
 * outcome (the status, `stale:<status>`, `unknown_session` or `amount_mismatch`) and what to notify.
 */
export async function applyCheckoutSession(
  tx: Transaction,
  change: { eventId: string; acceptanceId: string | null; session: CheckoutSession; target: PaymentStatus },
  now: Date,
): Promise<{ outcome: string; notice: SessionNotice | null; acceptanceId?: string }> {
  const { eventId, acceptanceId, session, target } = change;
  if (!acceptanceId || !/^[0-9a-f-]{36}$/i.test(acceptanceId)) return { outcome: "unknown_session", notice: null };
  const [acceptance] = await tx
    .select()
    .from(acceptances)
    .where(eq(acceptances.id, acceptanceId))
    .for("update")
    .limit(1);
  if (!acceptance) return { outcome: "unknown_session", notice: null };
  let [payment] = await tx.select().from(payments).where(eq(payments.checkoutSessionId, session.id)).limit(1);
  if (!payment) {
    // The session exists at Stripe but our row was never written (the request died after
    // Stripe answered): record it now from the event.
    const [last] = await tx
      .select({ attempt: payments.attempt })
      .from(payments)
      .where(eq(payments.acceptanceId, acceptance.id))
      .orderBy(desc(payments.attempt))
      .limit(1);
    [payment] = await tx
      .insert(payments)
      .values({
        acceptanceId: acceptance.id,
        attempt: (last?.attempt ?? 0) + 1,
        checkoutSessionId: session.id,
        checkoutUrl: session.url,
        amountMinor: session.amountTotal ?? 0,
        currency: session.currency ?? "eur",
        status: "open",
        expiresAt: session.expiresAt,
      })
      .returning();
  }
  if (
    target === "paid" &&
    (session.amountTotal !== acceptance.dueNowMinor ||
      (session.currency ?? "").toLowerCase() !== acceptance.currency.toLowerCase())
  ) {
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: acceptance.quoteRequestId,
      action: "payment_amount_mismatch",
      actor: "stripe",
      data: {
        eventId,
        amountTotal: session.amountTotal,
        currency: session.currency,
        expected: acceptance.dueNowMinor,
      },
    });
    return { outcome: "amount_mismatch", notice: null };
  }
  if (RANK[target] <= RANK[payment!.status])
    return { outcome: `stale:${payment!.status}`, notice: null, acceptanceId: acceptance.id };
  await tx
    .update(payments)
    .set({
      status: target,
      updatedAt: now,
      ...(session.paymentIntentId ? { paymentIntentId: session.paymentIntentId } : {}),
    })
    .where(eq(payments.id, payment!.id));
  await tx.insert(auditLog).values({
    entityType: "quote_request",
    entityId: acceptance.quoteRequestId,
    action: `payment_${target}`,
    actor: "stripe",
    fromStatus: payment!.status,
    toStatus: target,
    data: { eventId, sessionId: session.id },
  });
  let notice: SessionNotice | null = null;
  if (target === "paid" && !acceptance.paidAt)
    notice = {
      kind: "paid",
      quoteRequestId: acceptance.quoteRequestId,
      provisioningItemId: await markPaid(tx, acceptance, now),
    };
  if (target === "failed" && !acceptance.paidAt) {
    await tx.insert(quoteMessages).values({
      quoteRequestId: acceptance.quoteRequestId,
      authorType: "system",
      event: "payment_failed",
      createdAt: now,
    });
    notice = { kind: "payment_failed", quoteRequestId: acceptance.quoteRequestId };
  }
  if (target === "processing")
    await tx.insert(quoteMessages).values({
      quoteRequestId: acceptance.quoteRequestId,
      authorType: "system",
      event: "payment_processing",
      createdAt: now,
    });
  return { outcome: target, notice, acceptanceId: acceptance.id };
}

/** Paid: the quote is won and technicians get a provisioning hand-off item (its id, or null when it existed). */
async function markPaid(tx: Transaction, acceptance: Acceptance, now: Date): Promise<string | null> {
  await tx.update(acceptances).set({ paidAt: now }).where(eq(acceptances.id, acceptance.id));
  const itemId = await openProvisioning(tx, acceptance, now);
  await tx
    .insert(quoteMessages)
    .values({ quoteRequestId: acceptance.quoteRequestId, authorType: "system", event: "paid", createdAt: now });
  await tx.insert(auditLog).values({
    entityType: "quote_request",
    entityId: acceptance.quoteRequestId,
    action: "won",
    actor: "stripe",
    fromStatus: "accepted",
    toStatus: "won",
    data: { acceptanceId: acceptance.id, dueNowMinor: acceptance.dueNowMinor },
  });
  return itemId;
}
