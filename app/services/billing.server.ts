import type Stripe from "stripe";
import type { Executor } from "#db/client.server";
import { DomainError } from "~/domain/errors";
import { addMonths } from "~/domain/months";
import { prorate } from "~/domain/proration";
import {
  dueBillingChanges,
  dueRenewalPricings,
  linesOfProposal,
  markBillingChangeApplied,
  markRenewalPriced,
  postponeBillingChange,
  postponeRenewalPricing,
  referenceOf,
} from "~/models/billing-change.server";
import { sellablePrices } from "~/domain/catalog";
import { type Currency, sumMinor } from "~/domain/money";
import type { BookCurrency } from "~/domain/price-book";
import { itemsOf, repriceLines } from "~/domain/repricing";
import { loadCatalog } from "~/models/catalog.server";
import { quoteContact } from "~/models/notification-recipients.server";
import { formatDate, formatMoney } from "~/utils/format";
import {
  type SuspensionDecision,
  accountInvoices,
  accountSubscription,
  accountSubscriptions,
  auditCancellation,
  decideSuspension,
  dueBillingStarts,
  markBillingStarted,
  postponeBillingStart,
} from "~/models/billing.server";
import type { CustomerAccount } from "~/models/customer-account.server";
import { baseLogger } from "~/utils/logger.server";
import { notifyCustomer, notifyCustomerOfSuspension } from "./notifications.server";
import { stripeClient } from "./stripe.server";

/** Stripe, or null where payments are not configured (the workers then have nothing to do). */
function stripeIfConfigured(): Stripe | null {
  try {
    return stripeClient();
  } catch {
    return null;
  }
}

/** A subscription item's change to a new monthly price for the same product (one unit). */
function itemAtPrice(item: Stripe.SubscriptionItem, currency: string, unitAmount: number) {
  const product = typeof item.price.product === "string" ? item.price.product : item.price.product.id;
  return {
    id: item.id,
    quantity: 1,
    price_data: { currency, product, unit_amount: unitAmount, recurring: { interval: "month" as const } },
  };
}

/** After a failed attempt to start billing, the next one waits this long. */
const RETRY_MS = 5 * 60_000;

/**
 * Billing over the term (issue 20). Checkout made the subscription with a trial; at hand-over the
 * trial ends ("now": Stripe invoices the first month at once and every month after on that day) and,
 * unless the customer chose to renew, the subscription is set to end after the term's months. The
 * outbox worker runs this for every hand-over not yet started, so a Stripe outage only delays it;
 * the idempotency keys make a retry, or two instances at once, start billing once.
 */
export async function startDueBilling(db: Executor, now = new Date()): Promise<number> {
  const due = await dueBillingStarts(db, now);
  if (!due.length) return 0;
  const stripe = stripeIfConfigured();
  if (!stripe) return 0;
  let started = 0;
  for (const row of due) {
    try {
      let sub = await stripe.subscriptions.retrieve(row.stripeSubscriptionId);
      if (sub.status === "trialing")
        sub = await stripe.subscriptions.update(
          row.stripeSubscriptionId,
          { trial_end: "now", proration_behavior: "none" },
          { idempotencyKey: `specdesk-billing-start-${row.id}` },
        );
      const termEnd = addMonths(sub.billing_cycle_anchor, row.termMonths);
      if (row.renewal === "end" && sub.cancel_at !== termEnd && sub.status !== "canceled")
        await stripe.subscriptions.update(
          row.stripeSubscriptionId,
          { cancel_at: termEnd, proration_behavior: "none" },
          { idempotencyKey: `specdesk-term-end-${row.id}` },
        );
      await markBillingStarted(db, row.id, new Date(sub.billing_cycle_anchor * 1000), new Date(termEnd * 1000));
      started++;
    } catch (error) {
      baseLogger().warn(
        { err: error, subscription: row.stripeSubscriptionId },
        "billing start failed; will retry in 5 minutes",
      );
      await postponeBillingStart(db, row.id, new Date(now.getTime() + RETRY_MS));
    }
  }
  return started;
}

/**
 * Upgrades handed over (billing_changes): the subscription's monthly item gets the upgrade's price,
 * prorated from the hand-over (`proration_date`), invoiced and charged at once (`always_invoice`)
 * with the upgrade's setup fee, as the quote stated (app/domain/proration.ts). The term's end
 * (`cancel_at`) is left as it is. A refusal or an outage waits five minutes; the idempotency keys
 * make a retry, or two instances at once, change the subscription once.
 */
export async function applyDueBillingChanges(db: Executor, now = new Date()): Promise<number> {
  const due = await dueBillingChanges(db, now);
  if (!due.length) return 0;
  const stripe = stripeIfConfigured();
  if (!stripe) return 0;
  let applied = 0;
  for (const change of due) {
    try {
      const sub = await stripe.subscriptions.retrieve(change.stripeSubscriptionId);
      if (sub.status === "canceled" || sub.status === "incomplete_expired") {
        // The service ended before the upgrade was handed over: nothing to bill; staff see why.
        await postponeBillingChange(
          db,
          change.id,
          new Date(now.getTime() + 24 * 3_600_000),
          "the subscription has ended",
        );
        continue;
      }
      const item = sub.items.data[0];
      if (!item) throw new Error("the subscription has no item to change");
      const periodStart = item.current_period_start;
      const periodEnd = item.current_period_end;
      // The hand-over's moment, within the billing month Stripe is in (a change delayed past a renewal prorates from it).
      const at = Math.min(periodEnd, Math.max(periodStart, Math.floor(change.requestedAt.getTime() / 1000)));
      const currency = change.currency.toLowerCase();
      const reference = referenceOf(change.quoteRequestId);
      const setupProduct =
        change.setupMinor > 0
          ? await stripe.products.create(
              { name: `Upgrade setup, quote ${reference}` },
              { idempotencyKey: `specdesk-upgrade-setup-product-${change.id}` },
            )
          : null;
      const updated = await stripe.subscriptions.update(
        change.stripeSubscriptionId,
        {
          items: [itemAtPrice(item, currency, change.toMonthlyMinor)],
          proration_behavior: "always_invoice",
          proration_date: at,
          ...(setupProduct
            ? {
                add_invoice_items: [
                  { price_data: { currency, product: setupProduct.id, unit_amount: change.setupMinor } },
                ],
              }
            : {}),
        },
        { idempotencyKey: `specdesk-upgrade-${change.id}` },
      );
      const proration = prorate({
        // What Stripe credits: the item's price as Stripe has it.
        fromMinor: (item.price.unit_amount ?? change.fromMonthlyMinor) * (item.quantity ?? 1),
        toMinor: change.toMonthlyMinor,
        periodStart,
        periodEnd,
        at,
      });
      const invoice = updated.latest_invoice;
      await markBillingChangeApplied(db, change, {
        at: new Date(at * 1000),
        proratedMinor: proration.netMinor,
        invoiceId: typeof invoice === "string" ? invoice : (invoice?.id ?? null),
      });
      applied++;
    } catch (error) {
      baseLogger().warn(
        { err: error, subscription: change.stripeSubscriptionId },
        "upgrade billing failed; will retry in 5 minutes",
      );
      await postponeBillingChange(
        db,
        change.id,
        new Date(now.getTime() + RETRY_MS),
        error instanceof Error ? error.message : String(error),
      );
    }
  }
  return applied;
}

/**
 * The price after the term, for services that renew (the customer's choice at acceptance): the
 * configuration they run now (after upgrades), at the price book in effect when the term ends, as
 * month-to-month service (no term discount, no sales discount: those were for the term). Worked out
 * in the term's last month, after its last invoice, so the first invoice after the term carries it:
 * the subscription's item takes the new price at Stripe without proration, and the customer is told
 * the price and the date (and that they can still end the service with the term) in the same
 * transaction as it is recorded. Products no longer sold keep their price. A refusal waits an hour.
 */
export async function priceDueRenewals(db: Executor, now = new Date()): Promise<number> {
  const due = await dueRenewalPricings(db, now);
  if (!due.length) return 0;
  const stripe = stripeIfConfigured();
  if (!stripe) return 0;
  let priced = 0;
  for (const row of due) {
    try {
      const from = row.termEndsAt > now ? row.termEndsAt : (row.currentPeriodEnd ?? now);
      const catalog = await loadCatalog(db, from, row.currency as BookCurrency);
      const lines = await linesOfProposal(db, row.proposalId);
      const renewal = sumMinor(
        repriceLines(itemsOf(lines), sellablePrices(catalog), 1, 0).lines.map((l) => l.monthlyMinor),
      );
      if (renewal !== row.monthlyMinor) {
        const sub = await stripe.subscriptions.retrieve(row.stripeSubscriptionId);
        const item = sub.items.data[0];
        if (!item) throw new Error("the subscription has no item to price");
        await stripe.subscriptions.update(
          row.stripeSubscriptionId,
          {
            items: [itemAtPrice(item, row.currency.toLowerCase(), renewal)],
            proration_behavior: "none",
          },
          { idempotencyKey: `specdesk-renewal-price-${row.id}` },
        );
      }
      const told = await db.transaction(async (tx) => {
        if (!(await markRenewalPriced(tx, row, renewal, now))) return false;
        const contact = await quoteContact(tx, row.quoteRequestId);
        if (!contact) return true;
        const money = (minor: number) => formatMoney(minor, row.currency as Currency, contact.locale);
        await notifyCustomer(tx, row.quoteRequestId, "renewal_priced", {
          extra: {
            amount: money(renewal),
            previous: money(row.monthlyMinor),
            months: String(row.termMonths),
            date: formatDate(from.toISOString(), contact.locale, "long", false),
          },
          dedupeKey: `renewal-priced:${row.id}`,
        });
        return true;
      });
      if (told) priced++;
    } catch (error) {
      baseLogger().warn(
        { err: error, subscription: row.stripeSubscriptionId },
        "renewal pricing failed; retry in an hour",
      );
      await postponeRenewalPricing(db, row.id, new Date(now.getTime() + 60 * 60_000));
    }
  }
  return priced;
}

/**
 * A technician decides about a service flagged after Stripe's last retry: suspend it until paid (the
 * customer is told, in the same transaction) or keep it running. False when it is not flagged (paid
 * meanwhile, or never overdue).
 */
export async function decideOnSuspension(
  db: Executor,
  actor: { id: string },
  quoteRequestId: string,
  decision: SuspensionDecision,
  note: string,
) {
  return db.transaction(async (tx) => {
    const decided = await decideSuspension(tx, actor, quoteRequestId, decision, note);
    if (!decided) return false;
    // A second "suspend" (double submit, a colleague) tells the customer nothing new.
    if (decision === "suspend") await notifyCustomerOfSuspension(tx, quoteRequestId, decided.flaggedAt);
    return true;
  });
}

export interface CardOnFile {
  brand: string;
  last4: string;
}

/** The card Stripe charges: the subscription's own default, else the customer's; null when unknown or unreachable. */
async function cardOnFile(stripe: Stripe, subscriptionId: string, customerId: string): Promise<CardOnFile | null> {
  try {
    const sub = await stripe.subscriptions.retrieve(subscriptionId);
    let pm: string | Stripe.PaymentMethod | null = sub.default_payment_method ?? null;
    if (!pm) {
      const customer = await stripe.customers.retrieve(customerId);
      pm = customer.deleted ? null : (customer.invoice_settings?.default_payment_method ?? null);
    }
    if (!pm) return null;
    const method = typeof pm === "string" ? await stripe.paymentMethods.retrieve(pm) : pm;
    return method.card ? { brand: method.card.brand, last4: method.card.last4 } : null;
  } catch {
    return null;
  }
}

/** What the account's billing page shows: each subscription with its next charge and card, and every invoice. */
export async function billingOverview(db: Executor, account: CustomerAccount) {
  const [subscriptions, invoices] = await Promise.all([
    accountSubscriptions(db, account),
    accountInvoices(db, account),
  ]);
  const stripe = stripeIfConfigured();
  const cards = stripe
    ? await Promise.all(subscriptions.map((s) => cardOnFile(stripe, s.stripeSubscriptionId, s.stripeCustomerId)))
    : subscriptions.map(() => null);
  return {
    subscriptions: subscriptions.map((s, i) => {
      const endsAt = s.endedAt ?? s.cancelAt ?? (s.cancelAtPeriodEnd ? s.currentPeriodEnd : null);
      const running = s.status === "active" || s.status === "past_due" || s.status === "unpaid";
      const nextCharge =
        running && s.currentPeriodEnd && !(endsAt && endsAt <= s.currentPeriodEnd)
          ? {
              at: s.currentPeriodEnd,
              // The first charge after the term is at the price after the term, once worked out.
              amountMinor:
                s.renewalMonthlyMinor !== null && s.termEndsAt && s.currentPeriodEnd >= s.termEndsAt
                  ? s.renewalMonthlyMinor
                  : s.monthlyMinor,
            }
          : null;
      return {
        ...s,
        card: cards[i] ?? null,
        endsAt,
        nextCharge,
        waitingForHandOver: s.status === "trialing",
        // Before hand-over the term has no end yet: cancelling then would end it after its first month.
        canCancel:
          s.renewal === "renew" && !endsAt && s.status !== "canceled" && Boolean(s.billingStartedAt && s.termEndsAt),
        termOver: Boolean(s.termEndsAt && s.termEndsAt <= new Date()),
      };
    }),
    invoices,
  };
}

/** Stripe's billing portal for one of the account's subscriptions (to change the card): its URL. */
export async function billingPortalUrl(
  db: Executor,
  account: CustomerAccount,
  subscriptionId: string,
  returnUrl: string,
  locale: string,
) {
  const sub = await accountSubscription(db, account, subscriptionId);
  if (!sub) throw new DomainError("not_found");
  const stripe = stripeClient();
  const session = await stripe.billingPortal.sessions.create({
    customer: sub.stripeCustomerId,
    return_url: returnUrl,
    locale: locale === "es" ? "es" : "en",
    configuration: await portalConfiguration(stripe),
  });
  return session.url;
}

/** Marks the billing portal configuration SpecDesk made (Stripe keeps it; one per account and version). */
const PORTAL_CONFIGURATION = "specdesk-portal-v1";
/** Per Stripe client (a new key or stand-in is a new client): the configuration's id once found or made. */
const portalConfigurations = new WeakMap<Stripe, Promise<string>>();

/**
 * The portal customers reach from their billing page: change the card and see invoices, and
 * nothing else. A term is a commitment and its end is chosen on SpecDesk's own page, so the portal
 * must not cancel, pause or change plans (Stripe's default portal may). Found by its metadata or
 * made once, then kept for the process.
 */
async function portalConfiguration(stripe: Stripe): Promise<string> {
  const known = portalConfigurations.get(stripe);
  if (known) return known;
  const found = (async () => {
    const existing = await stripe.billingPortal.configurations.list({ active: true, limit: 100 });
    const ours = existing.data.find((c) => c.metadata?.specdesk === PORTAL_CONFIGURATION);
    if (ours) return ours.id;
    const made = await stripe.billingPortal.configurations.create({
      features: {
        payment_method_update: { enabled: true },
        invoice_history: { enabled: true },
        customer_update: { enabled: true, allowed_updates: ["email", "address", "tax_id"] },
        subscription_cancel: { enabled: false },
        subscription_update: { enabled: false },
      },
      metadata: { specdesk: PORTAL_CONFIGURATION },
    });
    return made.id;
  })();
  portalConfigurations.set(stripe, found);
  // A failure is not kept: the next customer's click tries again.
  found.catch(() => portalConfigurations.delete(stripe));
  return found;
}

/**
 * A renewing subscription ends at the end of the term (or, after the term, of the month already
 * paid for); the subscription's own event then shows the date. A term that ends by itself has
 * nothing to cancel (not_found).
 */
export async function cancelAtTermEnd(
  db: Executor,
  account: CustomerAccount,
  subscriptionId: string,
  now = new Date(),
) {
  const sub = await accountSubscription(db, account, subscriptionId);
  if (!sub || sub.renewal !== "renew" || sub.status === "canceled" || !sub.billingStartedAt || !sub.termEndsAt)
    throw new DomainError("not_found");
  const stripe = stripeClient();
  const params: Stripe.SubscriptionUpdateParams =
    sub.termEndsAt && sub.termEndsAt > now
      ? { cancel_at: Math.floor(sub.termEndsAt.getTime() / 1000), proration_behavior: "none" }
      : { cancel_at_period_end: true };
  await stripe.subscriptions.update(sub.stripeSubscriptionId, params, {
    idempotencyKey: `specdesk-cancel-${sub.id}`,
  });
  await auditCancellation(db, sub.quoteRequestId, account.id, now);
}
