import { and, desc, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Database, Transaction } from "#db/client.server";
import { type PaymentStatus, acceptances, auditLog, payments, proposals, provisioningItems, quoteMessages, quoteRequests, stripeEvents } from "#db/schema";
import { acceptBlockedReason, latestPayment, type BlockedReason } from "~/models/acceptance.server";
import { getVersion, lockQuote } from "~/models/proposal-version.server";
import { addMinor } from "~/domain/money";
import { notifyCustomer, notifyTechniciansOfProvisioning } from "./notifications.server";
import { stripeClient } from "./stripe.server";

export interface AcceptInput {
  quoteRequestId: string;
  version: number;
  tier: "lean" | "balanced" | "resilient";
  name: string;
  company: string;
  email: string;
  poNumber: string;
  termsVersion: string;
  ip: string | null;
  userAgent: string | null;
  shareLinkId: string | null;
}

export type AcceptResult = { ok: true; acceptanceId: string; created: boolean } | { ok: false; reason: BlockedReason | "no_such_tier" | "other_choice" };

/**
 * The customer accepts one tier of a published, unexpired version. The totals are copied from that
 * version's stored proposal (the price lock). The quote row is locked first (lockQuote, as a
 * publish, decline or discount does) and the acceptance is unique per quote, so a double click or two
 * tabs give one acceptance, and a version published meanwhile makes this one "superseded"; repeating
 * the same acceptance answers with the one already stored.
 */
export async function acceptQuote(db: Database, input: AcceptInput, now = new Date()): Promise<AcceptResult> {
  return db.transaction(async (tx) => {
    const quote = await lockQuote(tx, input.quoteRequestId);
    if (!quote) return { ok: false, reason: "superseded" };
    const [existing] = await tx.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id)).limit(1);
    if (existing) return existing.version === input.version && existing.tier === input.tier ? { ok: true, acceptanceId: existing.id, created: false } : { ok: false, reason: "other_choice" };
    const version = await getVersion(tx, quote.id, input.version);
    const blocked = acceptBlockedReason(quote, version, now);
    if (blocked) return { ok: false, reason: blocked };
    const [proposal] = await tx
      .select()
      .from(proposals)
      .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, input.version), eq(proposals.tier, input.tier)))
      .limit(1);
    if (!proposal) return { ok: false, reason: "no_such_tier" };
    const [row] = await tx
      .insert(acceptances)
      .values({
        quoteRequestId: quote.id,
        version: input.version,
        tier: input.tier,
        proposalId: proposal.id,
        currency: proposal.currency,
        setupMinor: proposal.setupMinor,
        monthlyMinor: proposal.monthlyMinor,
        termMonths: proposal.termMonths,
        termTotalMinor: proposal.termTotalMinor,
        dueNowMinor: addMinor(proposal.setupMinor, proposal.monthlyMinor),
        termsVersion: input.termsVersion,
        name: input.name,
        company: input.company || null,
        email: input.email,
        poNumber: input.poNumber || null,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 500) ?? null,
        shareLinkId: input.shareLinkId,
        acceptedAt: now,
      })
      .returning({ id: acceptances.id });
    await tx.update(quoteRequests).set({ status: "accepted", updatedAt: now }).where(eq(quoteRequests.id, quote.id));
    await tx.insert(quoteMessages).values({ quoteRequestId: quote.id, authorType: "customer", event: "accepted", createdAt: now });
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: quote.id,
      action: "accepted",
      actor: "customer",
      fromStatus: quote.status,
      toStatus: "accepted",
      data: { version: input.version, tier: input.tier, termsVersion: input.termsVersion, dueNowMinor: addMinor(proposal.setupMinor, proposal.monthlyMinor), shareLinkId: input.shareLinkId },
    });
    await notifyCustomer(tx, quote.id, "accepted");
    return { ok: true, acceptanceId: row!.id, created: true };
  });
}

export class CheckoutError extends Error {
  constructor(readonly code: "not_found" | "paid" | "processing" | "nothing_due") {
    super(code);
  }
}

/**
 * A Stripe Checkout Session for the setup fee plus the first month, straight from the stored
 * acceptance. The idempotency key is the acceptance and attempt, so a retry (double click, network
 * retry) gets the same session back; a new attempt only follows a failed or expired one.
 */
export async function startCheckout(db: Database, acceptanceId: string, urls: { success: string; cancel: string }, locale: string, now = new Date()) {
  const [acceptance] = await db.select().from(acceptances).where(eq(acceptances.id, acceptanceId)).limit(1);
  if (!acceptance) throw new CheckoutError("not_found");
  if (acceptance.paidAt) throw new CheckoutError("paid");
  if (acceptance.dueNowMinor <= 0) throw new CheckoutError("nothing_due");
  const last = await latestPayment(db, acceptance.id);
  if (last?.status === "paid") throw new CheckoutError("paid");
  if (last?.status === "processing") throw new CheckoutError("processing");
  if (last?.status === "open" && last.checkoutUrl && (!last.expiresAt || last.expiresAt > now)) return { url: last.checkoutUrl, sessionId: last.checkoutSessionId };
  const attempt = (last?.attempt ?? 0) + 1;
  const [quote] = await db.select({ id: quoteRequests.id }).from(quoteRequests).where(eq(quoteRequests.id, acceptance.quoteRequestId)).limit(1);
  const reference = (quote?.id ?? "").slice(0, 8).toUpperCase();
  const currency = acceptance.currency.toLowerCase();
  const lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = [];
  if (acceptance.setupMinor > 0) lineItems.push({ quantity: 1, price_data: { currency, unit_amount: acceptance.setupMinor, product_data: { name: locale === "es" ? `Alta, presupuesto ${reference}` : `Setup fee, quote ${reference}` } } });
  lineItems.push({ quantity: 1, price_data: { currency, unit_amount: acceptance.monthlyMinor, product_data: { name: locale === "es" ? `Primer mes, presupuesto ${reference}` : `First month, quote ${reference}` } } });
  const session = await stripeClient().checkout.sessions.create(
    {
      mode: "payment",
      line_items: lineItems,
      customer_email: acceptance.email,
      client_reference_id: acceptance.id,
      metadata: { acceptance_id: acceptance.id, quote_request_id: acceptance.quoteRequestId, attempt: String(attempt) },
      payment_intent_data: { metadata: { acceptance_id: acceptance.id, quote_request_id: acceptance.quoteRequestId } },
      locale: locale === "es" ? "es" : "en",
      success_url: urls.success,
      cancel_url: urls.cancel,
    },
    { idempotencyKey: `specdesk-checkout-${acceptance.id}-${attempt}` },
  );
  await db
    .insert(payments)
    .values({ acceptanceId: acceptance.id, attempt, checkoutSessionId: session.id, checkoutUrl: session.url, amountMinor: session.amount_total ?? acceptance.dueNowMinor, currency: session.currency ?? currency, status: "open", expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null })
    .onConflictDoNothing();
  await db.insert(auditLog).values({ entityType: "quote_request", entityId: acceptance.quoteRequestId, action: "checkout_started", actor: "customer", data: { attempt, amountMinor: acceptance.dueNowMinor } });
  return { url: session.url!, sessionId: session.id };
}

/** Payment states only move forward: a late or repeated event never undoes a later one. */
const RANK: Record<PaymentStatus, number> = { open: 0, expired: 1, processing: 2, failed: 3, paid: 4 };

const HANDLED = new Set(["checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed", "checkout.session.expired"]);

function targetStatus(event: Stripe.Event, session: Stripe.Checkout.Session): PaymentStatus {
  switch (event.type) {
    case "checkout.session.completed":
      // Card payments are paid at once; delayed methods (bank transfers) complete "unpaid" and
      // settle later with async_payment_succeeded or _failed.
      return session.payment_status === "paid" ? "paid" : "processing";
    case "checkout.session.async_payment_succeeded":
      return "paid";
    case "checkout.session.async_payment_failed":
      return "failed";
    default:
      return "expired";
  }
}

type Tx = Transaction;

/**
 * Applies one verified Stripe event. Its id is stored in the same transaction as its effect (a
 * primary key), so a redelivery, or twenty at once, changes nothing more. Returns what happened.
 */
export async function handleStripeEvent(db: Database, event: Stripe.Event, now = new Date()): Promise<string> {
  const session = HANDLED.has(event.type) ? (event.data.object as Stripe.Checkout.Session) : null;
  return db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, stripeCreatedAt: new Date(event.created * 1000), checkoutSessionId: session?.id ?? null, outcome: "received", receivedAt: now })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (!fresh) return "duplicate";
    const outcome = session ? await applySessionEvent(tx, event, session, now) : "ignored";
    await tx.update(stripeEvents).set({ outcome }).where(eq(stripeEvents.id, event.id));
    return outcome;
  });
}

async function applySessionEvent(tx: Tx, event: Stripe.Event, session: Stripe.Checkout.Session, now: Date): Promise<string> {
  const acceptanceId = session.metadata?.acceptance_id ?? session.client_reference_id;
  if (!acceptanceId || !/^[0-9a-f-]{36}$/i.test(acceptanceId)) return "unknown_session";
  const [acceptance] = await tx.select().from(acceptances).where(eq(acceptances.id, acceptanceId)).for("update").limit(1);
  if (!acceptance) return "unknown_session";
  let [payment] = await tx.select().from(payments).where(eq(payments.checkoutSessionId, session.id)).limit(1);
  if (!payment) {
    // The session exists at Stripe but our row was never written (the request died after
    // Stripe answered): record it now from the event.
    const [last] = await tx.select({ attempt: payments.attempt }).from(payments).where(eq(payments.acceptanceId, acceptance.id)).orderBy(desc(payments.attempt)).limit(1);
    [payment] = await tx
      .insert(payments)
      .values({ acceptanceId: acceptance.id, attempt: (last?.attempt ?? 0) + 1, checkoutSessionId: session.id, checkoutUrl: session.url, amountMinor: session.amount_total ?? 0, currency: session.currency ?? "eur", status: "open", expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null })
      .returning();
  }
  const target = targetStatus(event, session);
  if (target === "paid" && (session.amount_total !== acceptance.dueNowMinor || (session.currency ?? "").toLowerCase() !== acceptance.currency.toLowerCase())) {
    await tx.insert(auditLog).values({ entityType: "quote_request", entityId: acceptance.quoteRequestId, action: "payment_amount_mismatch", actor: "stripe", data: { eventId: event.id, amountTotal: session.amount_total, currency: session.currency, expected: acceptance.dueNowMinor } });
    return "amount_mismatch";
  }
  if (RANK[target] <= RANK[payment!.status]) return `stale:${payment!.status}`;
  await tx.update(payments).set({ status: target, updatedAt: now }).where(eq(payments.id, payment!.id));
  await tx.insert(auditLog).values({ entityType: "quote_request", entityId: acceptance.quoteRequestId, action: `payment_${target}`, actor: "stripe", fromStatus: payment!.status, toStatus: target, data: { eventId: event.id, sessionId: session.id } });
  if (target === "paid" && !acceptance.paidAt) await markPaid(tx, acceptance, now);
  if (target === "failed" && !acceptance.paidAt) {
    await tx.insert(quoteMessages).values({ quoteRequestId: acceptance.quoteRequestId, authorType: "system", event: "payment_failed", createdAt: now });
    await notifyCustomer(tx, acceptance.quoteRequestId, "payment_failed");
  }
  if (target === "processing") await tx.insert(quoteMessages).values({ quoteRequestId: acceptance.quoteRequestId, authorType: "system", event: "payment_processing", createdAt: now });
  return target;
}

/** Paid: the quote is won and technicians get a provisioning hand-off item. */
async function markPaid(tx: Tx, acceptance: typeof acceptances.$inferSelect, now: Date) {
  await tx.update(acceptances).set({ paidAt: now }).where(eq(acceptances.id, acceptance.id));
  await tx.update(quoteRequests).set({ status: "won", updatedAt: now }).where(eq(quoteRequests.id, acceptance.quoteRequestId));
  const [item] = await tx.insert(provisioningItems).values({ quoteRequestId: acceptance.quoteRequestId, acceptanceId: acceptance.id, createdAt: now, updatedAt: now }).onConflictDoNothing().returning({ id: provisioningItems.id });
  await tx.insert(quoteMessages).values({ quoteRequestId: acceptance.quoteRequestId, authorType: "system", event: "paid", createdAt: now });
  await tx.insert(auditLog).values({ entityType: "quote_request", entityId: acceptance.quoteRequestId, action: "won", actor: "stripe", fromStatus: "accepted", toStatus: "won", data: { acceptanceId: acceptance.id, dueNowMinor: acceptance.dueNowMinor } });
  await notifyCustomer(tx, acceptance.quoteRequestId, "paid");
  if (item) await notifyTechniciansOfProvisioning(tx, item.id);
}
