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
import {
  type InvoiceFacts,
  type InvoiceNotice,
  type SubscriptionFacts,
  applyInvoiceEvent,
  applySubscriptionEvent,
  recordCheckoutSubscription,
} from "~/models/billing.server";
import { quoteContact } from "~/models/notification-recipients.server";
import { isUpgradeQuote, orderUpgrade } from "~/models/billing-change.server";
import { DomainError } from "~/domain/errors";
import type { Currency } from "~/domain/money";
import { formatDate, formatMoney } from "~/utils/format";
import {
  notifyCustomer,
  notifyTechniciansOfProvisioning,
  notifyTechniciansOfSuspension,
  notifyTechniciansToResume,
} from "./notifications.server";
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
): Promise<{ acceptanceId: string; created: boolean; upgrade?: boolean }> {
  return db.transaction(async (tx) => {
    const accepted = await acceptVersion(tx, input, now);
    if (!accepted.created) return accepted;
    if (await isUpgradeQuote(tx, input.quoteRequestId)) {
      // An upgrade of a running service: ordered now, billed at its hand-over (no checkout).
      const item = await orderUpgrade(tx, accepted.acceptanceId, now);
      await notifyCustomer(tx, input.quoteRequestId, "upgrade_ordered");
      if (item) await notifyTechniciansOfProvisioning(tx, item);
      return { ...accepted, upgrade: true };
    }
    await notifyCustomer(tx, input.quoteRequestId, "accepted");
    return accepted;
  });
}

/** Stripe needs a trial's length: monthly billing starts at hand-over, at the latest this long after payment. */
export const TRIAL_LIMIT_DAYS = 365;

/**
 * A Stripe Checkout Session in subscription mode, straight from the stored acceptance (the accepted
 * version's prices, never the current catalog): the monthly price (term discount included) as a
 * recurring line, the setup fee and one-off work as one-time lines on the first invoice, and a trial
 * until hand-over, when billing starts (startDueBilling). The idempotency key is the acceptance and
 * attempt, so a retry (double click, network retry) gets the same session back; a new attempt only
 * follows a failed or expired one. Refusals are DomainErrors (see nextCheckout; payments_unavailable
 * from stripeClient).
 */
export async function startCheckout(
  db: Executor,
  acceptanceId: string,
  urls: { success: string; cancel: string },
  locale: string,
  now = new Date(),
) {
  const next = await nextCheckout(db, acceptanceId, now);
  // An upgrade is paid by the running service's subscription at its hand-over, never through Checkout.
  if ("acceptance" in next && (await isUpgradeQuote(db, next.acceptance.quoteRequestId)))
    throw new DomainError("nothing_due");
  if ("open" in next) return next.open;
  const { acceptance, attempt } = next;
  const reference = acceptance.quoteRequestId.slice(0, 8).toUpperCase();
  const currency = acceptance.currency.toLowerCase();
  const es = locale === "es";
  const lineItems: Stripe.Checkout.SessionCreateParams.LineItem[] = [];
  if (acceptance.setupMinor > 0)
    lineItems.push({
      quantity: 1,
      price_data: {
        currency,
        unit_amount: acceptance.setupMinor,
        product_data: { name: es ? `Alta, presupuesto ${reference}` : `Setup fee, quote ${reference}` },
      },
    });
  lineItems.push({
    quantity: 1,
    price_data: {
      currency,
      unit_amount: acceptance.monthlyMinor,
      recurring: { interval: "month" },
      product_data: {
        name: es
          ? `Servicio mensual, presupuesto ${reference} (${acceptance.termMonths} meses)`
          : `Monthly service, quote ${reference} (${acceptance.termMonths}-month term)`,
      },
    },
  });
  const metadata = { acceptance_id: acceptance.id, quote_request_id: acceptance.quoteRequestId };
  const session = await stripeClient().checkout.sessions.create(
    {
      mode: "subscription",
      line_items: lineItems,
      customer_email: acceptance.email,
      client_reference_id: acceptance.id,
      metadata: { ...metadata, attempt: String(attempt) },
      subscription_data: {
        metadata: { ...metadata, renewal: acceptance.renewal, term_months: String(acceptance.termMonths) },
        // Relative to Stripe's own clock (a test clock included): the trial ends at hand-over.
        trial_period_days: TRIAL_LIMIT_DAYS,
      },
      locale: es ? "es" : "en",
      success_url: urls.success,
      cancel_url: urls.cancel,
    },
    { idempotencyKey: `specdesk-checkout-${acceptance.id}-${attempt}` },
  );
  await recordCheckoutSession(db, acceptance, attempt, sessionOf(session));
  return { url: session.url!, sessionId: session.id };
}

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === "string" ? value : (value?.id ?? null);

/** The fields of a Checkout Session we store, as Stripe sent them. */
function sessionOf(session: Stripe.Checkout.Session): CheckoutSession {
  return {
    id: session.id,
    url: session.url,
    amountTotal: session.amount_total,
    currency: session.currency,
    expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null,
    // The receipt's payment reference: the PaymentIntent, or in subscription mode the first invoice.
    paymentIntentId: idOf(session.payment_intent) ?? idOf(session.invoice),
  };
}

const SUBSCRIPTION_EVENTS = new Set([
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
]);
const INVOICE_EVENTS = new Set([
  "invoice.finalized",
  "invoice.paid",
  "invoice.payment_failed",
  "invoice.voided",
  "invoice.marked_uncollectible",
]);

const dateOf = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

/** A subscription event's object in the fields we keep (API version 2025-03-31 and later: periods are on items). */
function subscriptionFacts(sub: Stripe.Subscription): SubscriptionFacts {
  const periodEnd = sub.items?.data?.reduce<number | null>(
    (end, item) => Math.max(end ?? 0, item.current_period_end ?? 0) || end,
    null,
  );
  return {
    id: sub.id,
    customerId: idOf(sub.customer) ?? "",
    acceptanceId: sub.metadata?.acceptance_id ?? null,
    status: sub.status,
    trialEnd: dateOf(sub.trial_end),
    currentPeriodEnd: dateOf(periodEnd),
    cancelAt: dateOf(sub.cancel_at),
    cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end),
    endedAt: dateOf(sub.ended_at),
  };
}

/** An invoice event's object in the fields we keep (its subscription is under parent since 2025-03-31). */
function invoiceFacts(invoice: Stripe.Invoice): InvoiceFacts {
  const details = invoice.parent?.subscription_details;
  return {
    id: invoice.id!,
    subscriptionId: idOf(details?.subscription),
    acceptanceId: details?.metadata?.acceptance_id ?? null,
    number: invoice.number ?? null,
    status: invoice.status ?? "draft",
    billingReason: invoice.billing_reason ?? null,
    amountDueMinor: invoice.amount_due,
    amountPaidMinor: invoice.amount_paid,
    currency: invoice.currency,
    attemptCount: invoice.attempt_count ?? 0,
    nextPaymentAttempt: dateOf(invoice.next_payment_attempt),
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdf: invoice.invoice_pdf ?? null,
    periodStart: dateOf(invoice.period_start),
    periodEnd: dateOf(invoice.period_end),
    createdAt: new Date(invoice.created * 1000),
  };
}

/** Dunning: the customer hears of each failed attempt (and of the recovery); technicians of the last one. */
async function tellAboutInvoice(tx: Executor, notice: InvoiceNotice) {
  if (notice.kind === "suspension_flagged") return notifyTechniciansOfSuspension(tx, notice.quoteRequestId);
  if ((notice.kind === "recovered" || notice.kind === "cleared") && notice.wasSuspended)
    await notifyTechniciansToResume(tx, notice.quoteRequestId);
  if (notice.kind === "cleared") return;
  const contact = await quoteContact(tx, notice.quoteRequestId);
  if (!contact) return;
  const money = (minor: number) => formatMoney(minor, notice.currency.toUpperCase() as Currency, contact.locale);
  if (notice.kind === "recovered") {
    return notifyCustomer(tx, notice.quoteRequestId, "renewal_recovered", {
      extra: { amount: money(notice.amountMinor) },
    });
  }
  await notifyCustomer(tx, notice.quoteRequestId, notice.nextAttempt ? "renewal_failed" : "renewal_failed_final", {
    extra: {
      amount: money(notice.amountMinor),
      number: notice.number ?? notice.invoiceId,
      attempt: String(notice.attempt),
      next: notice.nextAttempt ? formatDate(notice.nextAttempt.toISOString(), contact.locale, "long", false) : "",
    },
    dedupeKey: `dunning:${notice.invoiceId}:${notice.attempt}`,
  });
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
      // Card payments are paid at once (nothing due today: the card is saved, no_payment_required);
      // delayed methods (bank transfers) complete "unpaid" and settle later with async_payment_*.
      return session.payment_status === "unpaid" ? "processing" : "paid";
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
    if (SUBSCRIPTION_EVENTS.has(event.type)) {
      const applied = await applySubscriptionEvent(
        tx,
        new Date(event.created * 1000),
        subscriptionFacts(event.data.object as Stripe.Subscription),
        now,
      );
      if (typeof applied === "string") outcome = applied;
      else {
        await notifyTechniciansOfSuspension(tx, applied.flagged);
        outcome = applied.outcome;
      }
    }
    if (INVOICE_EVENTS.has(event.type)) {
      const applied = await applyInvoiceEvent(
        tx,
        event.type,
        new Date(event.created * 1000),
        invoiceFacts(event.data.object as Stripe.Invoice),
        now,
      );
      for (const notice of applied.notices) await tellAboutInvoice(tx, notice);
      outcome = applied.outcome;
    }
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
      // Subscription mode: the subscription is this acceptance's from now on (its events fill it in).
      const subscriptionId = idOf(session.subscription);
      const customerId = idOf(session.customer);
      if (applied.acceptanceId && subscriptionId && customerId)
        await recordCheckoutSubscription(tx, applied.acceptanceId, { id: subscriptionId, customerId });
    }
    await setStripeEventOutcome(tx, event.id, outcome);
    return outcome;
  });
}
