import { and, asc, desc, eq, gt, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Executor, Transaction } from "#db/client.server";
import {
  type SuspensionDecision,
  acceptances,
  auditLog,
  billingInvoices,
  billingSubscriptions,
  quoteRequests,
} from "#db/schema";
import { type CustomerAccount, ownedBy } from "./customer-account.server";

/**
 * The app's copy of Stripe's subscriptions and invoices (issue 20), kept from their webhook events.
 * Events may come twice (the event id is recorded once: payments.server.ts) and out of order: a
 * subscription takes an event only if it is not older than the last one applied, and an invoice's
 * status only moves forward (open → paid, never back), so a late or repeated event changes nothing.
 */

export type BillingSubscription = typeof billingSubscriptions.$inferSelect;
export type BillingInvoice = typeof billingInvoices.$inferSelect;
export type { SuspensionDecision };

/** What a subscription event carries that we keep (Stripe's object, in the fields we read). */
export interface SubscriptionFacts {
  id: string;
  customerId: string;
  acceptanceId: string | null;
  status: string;
  trialEnd: Date | null;
  currentPeriodEnd: Date | null;
  cancelAt: Date | null;
  cancelAtPeriodEnd: boolean;
  endedAt: Date | null;
}

/** What an invoice event carries that we keep. */
export interface InvoiceFacts {
  id: string;
  subscriptionId: string | null;
  acceptanceId: string | null;
  number: string | null;
  status: string;
  billingReason: string | null;
  amountDueMinor: number;
  amountPaidMinor: number;
  currency: string;
  attemptCount: number;
  nextPaymentAttempt: Date | null;
  hostedInvoiceUrl: string | null;
  invoicePdf: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  createdAt: Date;
}

/** Invoice statuses only move forward; a paid, void or uncollectible invoice is settled. */
const INVOICE_RANK: Record<string, number> = { draft: 0, open: 1, paid: 2, void: 2, uncollectible: 2 };
const rankOf = (status: string) => INVOICE_RANK[status] ?? 1;
/** A moment as a SQL value (postgres.js takes no Date inside a raw `sql` fragment). */
const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The acceptance an event names (metadata) or whose subscription it is; null when none of ours. */
async function acceptanceFor(tx: Executor, named: string | null, subscriptionId: string | null) {
  if (named && UUID.test(named)) {
    const [row] = await tx
      .select({ id: acceptances.id, quoteRequestId: acceptances.quoteRequestId })
      .from(acceptances)
      .where(eq(acceptances.id, named))
      .limit(1);
    if (row) return row;
  }
  if (!subscriptionId) return null;
  const [row] = await tx
    .select({ id: acceptances.id, quoteRequestId: acceptances.quoteRequestId })
    .from(billingSubscriptions)
    .innerJoin(acceptances, eq(acceptances.id, billingSubscriptions.acceptanceId))
    .where(eq(billingSubscriptions.stripeSubscriptionId, subscriptionId))
    .limit(1);
  return row ?? null;
}

/**
 * Checkout completed in subscription mode: the subscription is ours from now on, even before its
 * own events arrive (they fill in its state: this row is older than any of them).
 */
export async function recordCheckoutSubscription(
  tx: Executor,
  acceptanceId: string,
  subscription: { id: string; customerId: string },
) {
  await tx
    .insert(billingSubscriptions)
    .values({
      acceptanceId,
      stripeSubscriptionId: subscription.id,
      stripeCustomerId: subscription.customerId,
      status: "trialing",
      stripeEventAt: new Date(0),
    })
    .onConflictDoNothing();
}

/** Applies a customer.subscription.* event; returns the outcome (applied, stale, unknown_subscription). */
export async function applySubscriptionEvent(
  tx: Transaction,
  eventAt: Date,
  facts: SubscriptionFacts,
  now: Date,
): Promise<string | { outcome: string; flagged: string }> {
  const acceptance = await acceptanceFor(tx, facts.acceptanceId, facts.id);
  if (!acceptance) return "unknown_subscription";
  // One subscription per acceptance: a second one (a second Checkout paid by mistake) is for staff, not a 500 loop.
  const [other] = await tx
    .select({ id: billingSubscriptions.stripeSubscriptionId })
    .from(billingSubscriptions)
    .where(
      and(
        eq(billingSubscriptions.acceptanceId, acceptance.id),
        ne(billingSubscriptions.stripeSubscriptionId, facts.id),
      ),
    )
    .limit(1);
  if (other) {
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: acceptance.quoteRequestId,
      action: "second_subscription",
      actor: "stripe",
      data: { subscription: facts.id, kept: other.id },
    });
    return "second_subscription";
  }
  const state = {
    status: facts.status,
    trialEnd: facts.trialEnd,
    currentPeriodEnd: facts.currentPeriodEnd,
    cancelAt: facts.cancelAt,
    cancelAtPeriodEnd: facts.cancelAtPeriodEnd,
    endedAt: facts.endedAt,
    stripeEventAt: eventAt,
    updatedAt: now,
  };
  const [row] = await tx
    .insert(billingSubscriptions)
    .values({
      acceptanceId: acceptance.id,
      stripeSubscriptionId: facts.id,
      stripeCustomerId: facts.customerId,
      ...state,
    })
    .onConflictDoUpdate({
      target: billingSubscriptions.stripeSubscriptionId,
      // Stripe's timestamps are whole seconds: of two events in one second (hand-over ends the trial,
      // then sets the term's end) the one without cancel_at must not erase it.
      set:
        facts.cancelAt === null
          ? {
              ...state,
              cancelAt: sql`case when ${billingSubscriptions.stripeEventAt} = ${at(eventAt)} then ${billingSubscriptions.cancelAt} else null end`,
            }
          : state,
      // Not older than the last event applied, and an ended subscription stays ended.
      setWhere: sql`${billingSubscriptions.stripeEventAt} <= ${at(eventAt)} and ${billingSubscriptions.status} <> 'canceled'`,
    })
    .returning({ id: billingSubscriptions.id, status: billingSubscriptions.status });
  if (!row) return "stale";
  // Whichever comes first, this or the last invoice.payment_failed, flags it and tells technicians (once).
  if (facts.status === "unpaid" && (await flagForSuspension(tx, facts.id, acceptance.quoteRequestId, now)))
    return { outcome: `subscription_${facts.status}`, flagged: acceptance.quoteRequestId };
  return `subscription_${facts.status}`;
}

/** What an invoice event changed that the customer or staff are told about. */
export type InvoiceNotice =
  | {
      kind: "payment_failed";
      quoteRequestId: string;
      invoiceId: string;
      number: string | null;
      attempt: number;
      amountMinor: number;
      currency: string;
      nextAttempt: Date | null;
    }
  | { kind: "suspension_flagged"; quoteRequestId: string }
  | ({ kind: "recovered" } & Settled)
  | ({ kind: "cleared" } & Settled);

/** An overdue service settled: paid ("recovered"), or its invoice voided at Stripe ("cleared"). */
interface Settled {
  quoteRequestId: string;
  amountMinor: number;
  currency: string;
  /** A technician had suspended the service: they are told to resume it. */
  wasSuspended: boolean;
}

/** Marks the subscription for a technician's suspension decision (once); true when newly flagged. */
async function flagForSuspension(tx: Executor, stripeSubscriptionId: string, quoteRequestId: string, now: Date) {
  const flagged = await tx
    .update(billingSubscriptions)
    .set({ suspensionFlaggedAt: now, overdueSince: sql`coalesce(${billingSubscriptions.overdueSince}, ${at(now)})` })
    .where(
      and(
        eq(billingSubscriptions.stripeSubscriptionId, stripeSubscriptionId),
        isNull(billingSubscriptions.suspensionFlaggedAt),
      ),
    )
    .returning({ id: billingSubscriptions.id });
  if (!flagged.length) return false;
  await tx.insert(auditLog).values({
    entityType: "quote_request",
    entityId: quoteRequestId,
    action: "flagged_for_suspension",
    actor: "stripe",
    data: { subscription: stripeSubscriptionId },
  });
  return true;
}

/**
 * Applies an invoice.* event (finalized, paid, payment_failed). A failed attempt the customer has
 * not been told about yet starts or continues dunning (one notice per attempt, however often the
 * event comes); the last failed retry (no next attempt) flags the service for suspension; a paid
 * invoice that was overdue clears the overdue flag once nothing else is unpaid.
 */
export async function applyInvoiceEvent(
  tx: Transaction,
  type: string,
  eventAt: Date,
  facts: InvoiceFacts,
  now: Date,
): Promise<{ outcome: string; notices: InvoiceNotice[] }> {
  const acceptance = await acceptanceFor(tx, facts.acceptanceId, facts.subscriptionId);
  if (!acceptance || !facts.subscriptionId) return { outcome: "unknown_invoice", notices: [] };
  const values = {
    acceptanceId: acceptance.id,
    stripeSubscriptionId: facts.subscriptionId,
    number: facts.number,
    status: facts.status,
    billingReason: facts.billingReason,
    amountDueMinor: facts.amountDueMinor,
    amountPaidMinor: facts.amountPaidMinor,
    currency: facts.currency,
    attemptCount: facts.attemptCount,
    nextPaymentAttempt: facts.nextPaymentAttempt,
    hostedInvoiceUrl: facts.hostedInvoiceUrl,
    invoicePdf: facts.invoicePdf,
    periodStart: facts.periodStart,
    periodEnd: facts.periodEnd,
    stripeCreatedAt: facts.createdAt,
    stripeEventAt: eventAt,
    paidAt: facts.status === "paid" ? eventAt : null,
  };
  // The first event of an invoice inserts it; any other waits for that one (the key) and then locks the row.
  const inserted = await tx
    .insert(billingInvoices)
    .values({ id: facts.id, ...values })
    .onConflictDoNothing()
    .returning({ id: billingInvoices.id });
  let before: BillingInvoice | null = null;
  if (!inserted.length) {
    const [row] = await tx
      .select()
      .from(billingInvoices)
      .where(eq(billingInvoices.id, facts.id))
      .for("update")
      .limit(1);
    before = row ?? null;
    const fresh =
      !before ||
      rankOf(facts.status) > rankOf(before.status) ||
      (rankOf(facts.status) === rankOf(before.status) &&
        facts.attemptCount >= before.attemptCount &&
        before.stripeEventAt <= eventAt);
    if (!fresh) return { outcome: "stale", notices: [] };
    await tx
      .update(billingInvoices)
      .set({ ...values, paidAt: facts.status === "paid" ? (before?.paidAt ?? eventAt) : null })
      .where(eq(billingInvoices.id, facts.id));
  }

  const notices: InvoiceNotice[] = [];
  const notified = before?.failuresNotified ?? 0;
  if (type === "invoice.payment_failed" && facts.status === "open" && facts.attemptCount > notified) {
    await tx
      .update(billingInvoices)
      .set({ failuresNotified: facts.attemptCount })
      .where(eq(billingInvoices.id, facts.id));
    await tx
      .update(billingSubscriptions)
      // Overdue since the invoice was due (its creation: the first attempt), in Stripe's time (test clocks too).
      .set({
        overdueSince: sql`coalesce(${billingSubscriptions.overdueSince}, ${at(facts.createdAt)})`,
        updatedAt: now,
      })
      .where(eq(billingSubscriptions.stripeSubscriptionId, facts.subscriptionId));
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: acceptance.quoteRequestId,
      action: "invoice_payment_failed",
      actor: "stripe",
      data: { invoice: facts.id, attempt: facts.attemptCount, nextAttempt: facts.nextPaymentAttempt?.toISOString() },
    });
    notices.push({
      kind: "payment_failed",
      quoteRequestId: acceptance.quoteRequestId,
      invoiceId: facts.id,
      number: facts.number,
      attempt: facts.attemptCount,
      amountMinor: facts.amountDueMinor,
      currency: facts.currency,
      nextAttempt: facts.nextPaymentAttempt,
    });
    if (
      facts.nextPaymentAttempt === null &&
      (await flagForSuspension(tx, facts.subscriptionId, acceptance.quoteRequestId, now))
    )
      notices.push({ kind: "suspension_flagged", quoteRequestId: acceptance.quoteRequestId });
  }
  // Paid, or voided by staff at Stripe: the service is no longer overdue once nothing else is unpaid
  // (an open invoice with a failed attempt, or one marked uncollectible).
  if ((facts.status === "paid" || facts.status === "void") && before?.status !== facts.status) {
    const [unpaid] = await tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(billingInvoices)
      .where(
        and(
          eq(billingInvoices.stripeSubscriptionId, facts.subscriptionId),
          or(
            and(eq(billingInvoices.status, "open"), gt(billingInvoices.attemptCount, 0)),
            eq(billingInvoices.status, "uncollectible"),
          ),
        ),
      );
    if (!unpaid?.n) {
      const [flagged] = await tx
        .select({ decision: billingSubscriptions.suspensionDecision })
        .from(billingSubscriptions)
        .where(
          and(
            eq(billingSubscriptions.stripeSubscriptionId, facts.subscriptionId),
            isNotNull(billingSubscriptions.overdueSince),
          ),
        )
        .for("update");
      if (flagged) {
        await tx
          .update(billingSubscriptions)
          .set({
            overdueSince: null,
            suspensionFlaggedAt: null,
            suspensionDecision: null,
            suspensionNote: null,
            suspensionDecidedBy: null,
            suspensionDecidedAt: null,
            updatedAt: now,
          })
          .where(eq(billingSubscriptions.stripeSubscriptionId, facts.subscriptionId));
        notices.push({
          // A voided invoice was forgiven, not paid: nobody thanks the customer for it.
          kind: facts.status === "paid" ? ("recovered" as const) : ("cleared" as const),
          quoteRequestId: acceptance.quoteRequestId,
          amountMinor: facts.amountPaidMinor,
          currency: facts.currency,
          wasSuspended: flagged.decision === "suspend",
        });
      }
    }
  }
  return { outcome: `invoice_${facts.status}`, notices };
}

/** Hand-over: monthly billing is to start now (the worker ends the trial at Stripe: startDueBilling). */
export async function requestBillingStart(tx: Executor, quoteRequestId: string, now: Date) {
  await tx
    .update(billingSubscriptions)
    .set({ billingRequestedAt: now, updatedAt: now })
    .where(
      and(
        sql`${billingSubscriptions.acceptanceId} = (select id from acceptances where quote_request_id = ${quoteRequestId})`,
        isNull(billingSubscriptions.billingRequestedAt),
      ),
    );
}

/** Subscriptions whose billing was asked to start and has not (oldest first), with their term. */
export async function dueBillingStarts(db: Executor, now: Date, limit = 20) {
  return db
    .select({
      id: billingSubscriptions.id,
      stripeSubscriptionId: billingSubscriptions.stripeSubscriptionId,
      acceptanceId: billingSubscriptions.acceptanceId,
      termMonths: acceptances.termMonths,
      renewal: acceptances.renewal,
    })
    .from(billingSubscriptions)
    .innerJoin(acceptances, eq(acceptances.id, billingSubscriptions.acceptanceId))
    .where(
      and(
        isNotNull(billingSubscriptions.billingRequestedAt),
        isNull(billingSubscriptions.billingStartedAt),
        lte(billingSubscriptions.billingRequestedAt, now),
      ),
    )
    .orderBy(asc(billingSubscriptions.billingRequestedAt))
    .limit(limit);
}

/** Stripe could not be reached or refused: try this one again after `at` (not on every tick). */
export async function postponeBillingStart(db: Executor, id: string, at: Date) {
  await db
    .update(billingSubscriptions)
    .set({ billingRequestedAt: at })
    .where(and(eq(billingSubscriptions.id, id), isNull(billingSubscriptions.billingStartedAt)));
}

export async function markBillingStarted(db: Executor, id: string, startedAt: Date, termEndsAt: Date) {
  await db
    .update(billingSubscriptions)
    .set({ billingStartedAt: startedAt, termEndsAt, updatedAt: new Date() })
    .where(and(eq(billingSubscriptions.id, id), isNull(billingSubscriptions.billingStartedAt)));
}

/** The account's subscriptions (one per paid quote), newest first, each with its quote and term; or only `id`. */
export async function accountSubscriptions(db: Executor, account: CustomerAccount, id?: string) {
  return db
    .select({
      id: billingSubscriptions.id,
      quoteRequestId: quoteRequests.id,
      company: quoteRequests.company,
      tier: acceptances.tier,
      currency: acceptances.currency,
      // After an upgrade during the term, the price it changed to (billing_changes).
      monthlyMinor: sql<number>`(case when ${billingSubscriptions.termEndsAt} <= now() and ${billingSubscriptions.renewalMonthlyMinor} is not null
        then ${billingSubscriptions.renewalMonthlyMinor} else coalesce(${billingSubscriptions.currentMonthlyMinor}, ${acceptances.monthlyMinor}) end)`,
      /** The price after the term, once worked out (renewing services, in the term's last month). */
      renewalMonthlyMinor: billingSubscriptions.renewalMonthlyMinor,
      termMonths: acceptances.termMonths,
      renewal: acceptances.renewal,
      stripeSubscriptionId: billingSubscriptions.stripeSubscriptionId,
      stripeCustomerId: billingSubscriptions.stripeCustomerId,
      status: billingSubscriptions.status,
      currentPeriodEnd: billingSubscriptions.currentPeriodEnd,
      cancelAt: billingSubscriptions.cancelAt,
      cancelAtPeriodEnd: billingSubscriptions.cancelAtPeriodEnd,
      endedAt: billingSubscriptions.endedAt,
      billingStartedAt: billingSubscriptions.billingStartedAt,
      termEndsAt: billingSubscriptions.termEndsAt,
      overdueSince: billingSubscriptions.overdueSince,
      suspensionFlaggedAt: billingSubscriptions.suspensionFlaggedAt,
    })
    .from(billingSubscriptions)
    .innerJoin(acceptances, eq(acceptances.id, billingSubscriptions.acceptanceId))
    .innerJoin(quoteRequests, eq(quoteRequests.id, acceptances.quoteRequestId))
    .where(and(ownedBy(account.email), id === undefined ? undefined : eq(billingSubscriptions.id, id)))
    .orderBy(desc(billingSubscriptions.createdAt))
    .limit(50);
}

/** The account's invoices, newest first (only its own: the join is on its quotes). */
export async function accountInvoices(db: Executor, account: CustomerAccount) {
  return db
    .select({
      id: billingInvoices.id,
      subscriptionId: billingSubscriptions.id,
      number: billingInvoices.number,
      status: billingInvoices.status,
      amountDueMinor: billingInvoices.amountDueMinor,
      amountPaidMinor: billingInvoices.amountPaidMinor,
      currency: billingInvoices.currency,
      createdAt: billingInvoices.stripeCreatedAt,
      periodStart: billingInvoices.periodStart,
      periodEnd: billingInvoices.periodEnd,
      hostedInvoiceUrl: billingInvoices.hostedInvoiceUrl,
      invoicePdf: billingInvoices.invoicePdf,
      nextPaymentAttempt: billingInvoices.nextPaymentAttempt,
      attemptCount: billingInvoices.attemptCount,
    })
    .from(billingInvoices)
    .innerJoin(
      billingSubscriptions,
      eq(billingSubscriptions.stripeSubscriptionId, billingInvoices.stripeSubscriptionId),
    )
    .innerJoin(acceptances, eq(acceptances.id, billingSubscriptions.acceptanceId))
    .innerJoin(quoteRequests, eq(quoteRequests.id, acceptances.quoteRequestId))
    .where(and(ownedBy(account.email), ne(billingInvoices.status, "draft")))
    .orderBy(desc(billingInvoices.stripeCreatedAt), desc(billingInvoices.number))
    .limit(200);
}

/** One of the account's subscriptions, or null when not theirs. */
export async function accountSubscription(db: Executor, account: CustomerAccount, id: string) {
  if (!UUID.test(id)) return null;
  const [row] = await accountSubscriptions(db, account, id);
  return row ?? null;
}

/** The subscription of a quote (staff pages, tests). */
export async function subscriptionForQuote(db: Executor, quoteRequestId: string) {
  const [row] = await db
    .select({ subscription: billingSubscriptions })
    .from(billingSubscriptions)
    .innerJoin(acceptances, eq(acceptances.id, billingSubscriptions.acceptanceId))
    .where(eq(acceptances.quoteRequestId, quoteRequestId))
    .limit(1);
  return row?.subscription ?? null;
}

/** An acceptance's invoices, newest first (staff). */
export async function invoicesForAcceptance(db: Executor, acceptanceId: string) {
  return db
    .select()
    .from(billingInvoices)
    .where(eq(billingInvoices.acceptanceId, acceptanceId))
    .orderBy(desc(billingInvoices.stripeCreatedAt), desc(billingInvoices.number))
    .limit(100);
}

/**
 * A technician's decision about a service flagged after Stripe's last retry: suspend it until it is
 * paid, or keep it running (with a note for the audit trail). Only while flagged (when it was
 * flagged, to tell the customer once per flag); null otherwise.
 */
export async function decideSuspension(
  tx: Executor,
  actor: { id: string },
  quoteRequestId: string,
  decision: SuspensionDecision,
  note: string,
  now = new Date(),
) {
  const decided = await tx
    .update(billingSubscriptions)
    .set({
      suspensionDecision: decision,
      suspensionNote: note,
      suspensionDecidedBy: actor.id,
      suspensionDecidedAt: now,
      updatedAt: now,
    })
    .where(
      and(
        sql`${billingSubscriptions.acceptanceId} = (select id from acceptances where quote_request_id = ${quoteRequestId})`,
        isNotNull(billingSubscriptions.suspensionFlaggedAt),
      ),
    )
    .returning({ id: billingSubscriptions.id, flaggedAt: billingSubscriptions.suspensionFlaggedAt });
  if (!decided.length) return null;
  await tx.insert(auditLog).values({
    entityType: "quote_request",
    entityId: quoteRequestId,
    action: decision === "suspend" ? "service_suspended" : "service_kept_running",
    actor: `staff:${actor.id}`,
    data: { note },
  });
  return { flaggedAt: decided[0]!.flaggedAt! };
}

/** A customer asked to end at the term's end (renewing subscriptions): recorded for the audit trail. */
export async function auditCancellation(db: Executor, quoteRequestId: string, accountId: string, at: Date) {
  await db.insert(auditLog).values({
    entityType: "quote_request",
    entityId: quoteRequestId,
    action: "cancel_at_term_end",
    actor: `customer:${accountId}`,
    data: { at: at.toISOString() },
  });
}

/**
 * Services with a monthly payment overdue (Stripe retrying) or flagged after its last retry, longest
 * overdue first, for the operations board: who, since when, what is open, the next retry, and where
 * a technician decides on suspension (the delivery item).
 */
export async function overdueServices(db: Executor, limit = 200) {
  return db
    .select({
      subscriptionId: billingSubscriptions.id,
      quoteRequestId: quoteRequests.id,
      contactName: quoteRequests.contactName,
      company: quoteRequests.company,
      currency: acceptances.currency,
      provisioningItemId: sql<
        string | null
      >`(select p.id from provisioning_items p where p.acceptance_id = ${acceptances.id} limit 1)`,
      overdueSince: billingSubscriptions.overdueSince,
      suspensionFlaggedAt: billingSubscriptions.suspensionFlaggedAt,
      suspensionDecision: billingSubscriptions.suspensionDecision,
      openMinor: sql<number>`coalesce((select sum(i.amount_due_minor - i.amount_paid_minor)::int from billing_invoices i
        where i.stripe_subscription_id = ${billingSubscriptions.stripeSubscriptionId} and i.status = 'open'), 0)`,
      nextAttempt: sql<Date | null>`(select min(i.next_payment_attempt) from billing_invoices i
        where i.stripe_subscription_id = ${billingSubscriptions.stripeSubscriptionId} and i.status = 'open')`,
    })
    .from(billingSubscriptions)
    .innerJoin(acceptances, eq(acceptances.id, billingSubscriptions.acceptanceId))
    .innerJoin(quoteRequests, eq(quoteRequests.id, acceptances.quoteRequestId))
    .where(or(isNotNull(billingSubscriptions.overdueSince), isNotNull(billingSubscriptions.suspensionFlaggedAt)))
    .orderBy(asc(billingSubscriptions.overdueSince))
    .limit(limit);
}
