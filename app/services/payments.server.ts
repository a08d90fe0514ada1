import type Stripe from "stripe";
import type { Executor } from "#db/client.server";
import { type AcceptInput, acceptVersion } from "~/models/acceptance.server";
import {
  type CheckoutSession,
  type PaymentStatus,
  applyCheckoutSession,
  nextCheckout,
  recordCheckoutSession,
  recordStripeEvent,
  setStripeEventOutcome,
} from "~/models/payment.server";
import { notifyCustomer, notifyTechniciansOfProvisioning } from "./notifications.server";
import { stripeClient } from "./stripe.server";

export type { AcceptInput };

/**
 * The customer accepts one tier of a published, unexpired version (see acceptVersion), and is told
 * by e-mail in the same transaction. Refusals are DomainErrors; repeating the same acceptance
 * answers with the one already stored.
 */
export async function acceptQuote(
  db: Executor,
  input: AcceptInput,
  now = new Date(),
): Promise<{ acceptanceId: string; created: boolean }> {
  return db.transaction(async (tx) => {
    const accepted = await acceptVersion(tx, input, now);
    if (accepted.created) await notifyCustomer(tx, input.quoteRequestId, "accepted");
    return accepted;
  });
}

/**
 * A Stripe Checkout Session for the setup fee plus the first month, straight from the stored
 * acceptance. The idempotency key is the acceptance and attempt, so a retry (double click, network
 * retry) gets the same session back; a new attempt only follows a failed or expired one. Refusals
 * are DomainErrors (see nextCheckout; payments_unavailable from stripeClient).
 */
export async function startCheckout(
  db: Executor,
  acceptanceId: string,
  urls: { success: string; cancel: string },
  locale: string,
  now = new Date(),
) {
  const next = await nextCheckout(db, acceptanceId, now);
  if ("open" in next) return next.open;
  const { acceptance, attempt } = next;
  const reference = acceptance.quoteRequestId.slice(0, 8).toUpperCase();
  const currency = acceptance.currency.toLowerCase();
  const lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = [];
  if (acceptance.setupMinor > 0)
    lineItems.push({
      quantity: 1,
      price_data: {
        currency,
        unit_amount: acceptance.setupMinor,
        product_data: { name: locale === "es" ? `Alta, presupuesto ${reference}` : `Setup fee, quote ${reference}` },
      },
    });
  lineItems.push({
    quantity: 1,
    price_data: {
      currency,
      unit_amount: acceptance.monthlyMinor,
      product_data: {
        name: locale === "es" ? `Primer mes, presupuesto ${reference}` : `First month, quote ${reference}`,
      },
    },
  });
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
  await recordCheckoutSession(db, acceptance, attempt, sessionOf(session));
  return { url: session.url!, sessionId: session.id };
}

/** The fields of a Checkout Session we store, as Stripe sent them. */
function sessionOf(session: Stripe.Checkout.Session): CheckoutSession {
  return {
    id: session.id,
    url: session.url,
    amountTotal: session.amount_total,
    currency: session.currency,
    expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null,
    paymentIntentId:
      typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null),
  };
}

const HANDLED = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
]);

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

/**
 * Applies one verified Stripe event. Its id is stored in the same transaction as its effect (a
 * primary key), so a redelivery, or twenty at once, changes nothing more. Returns what happened.
 */
export async function handleStripeEvent(db: Executor, event: Stripe.Event, now = new Date()): Promise<string> {
  const session = HANDLED.has(event.type) ? (event.data.object as Stripe.Checkout.Session) : null;
  return db.transaction(async (tx) => {
    const fresh = await recordStripeEvent(
      tx,
      {
        id: event.id,
        type: event.type,
        createdAt: new Date(event.created * 1000),
        checkoutSessionId: session?.id ?? null,
      },
      now,
    );
    if (!fresh) return "duplicate";
    let outcome = "ignored";
    if (session) {
      const applied = await applyCheckoutSession(
        tx,
        {
          eventId: event.id,
          acceptanceId: session.metadata?.acceptance_id ?? session.client_reference_id,
          session: sessionOf(session),
          target: targetStatus(event, session),
        },
        now,
      );
      if (applied.notice?.kind === "paid") {
        await notifyCustomer(tx, applied.notice.quoteRequestId, "paid");
        if (applied.notice.provisioningItemId)
          await notifyTechniciansOfProvisioning(tx, applied.notice.provisioningItemId);
      }
      if (applied.notice?.kind === "payment_failed")
        await notifyCustomer(tx, applied.notice.quoteRequestId, "payment_failed");
      outcome = applied.outcome;
    }
    await setStripeEventOutcome(tx, event.id, outcome);
    return outcome;
  });
}
