import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { type Executor, type Transaction, rowsOf } from "#db/client.server";
import {
  type BillingRenewal,
  acceptances,
  auditLog,
  billingChanges,
  billingSubscriptions,
  proposalLines,
  quoteMessages,
  quoteRequests,
} from "#db/schema";
import { DomainError } from "~/domain/errors";
import { billingMonthAt } from "~/domain/months";
import { type CustomerAccount, ownedBy } from "./customer-account.server";
import { lockQuote } from "./proposal-version.server";
import { openProvisioning } from "./provisioning.server";

/**
 * Upgrades during the term (issue 20). A quote may be marked as upgrading one of its customer's
 * running services; accepting it orders the upgrade (no second checkout: the card on file pays),
 * technicians deliver it like any order, and at its hand-over the service's subscription changes
 * to the new monthly price, prorated from that moment (billing_changes; the Stripe call is in
 * app/services/billing.server.ts). The term does not restart: it still ends when it did.
 */

export type BillingChange = typeof billingChanges.$inferSelect;

/** A running service a quote may upgrade. */
export interface UpgradeTarget {
  acceptanceId: string;
  quoteRequestId: string;
  reference: string;
  company: string | null;
  tier: string;
  currency: string;
  /** What the customer pays a month now (after earlier upgrades, their price). */
  monthlyMinor: number;
  renewal: BillingRenewal;
  billingStartedAt: Date;
  termEndsAt: Date | null;
}

export const referenceOf = (quoteRequestId: string) => quoteRequestId.slice(0, 8).toUpperCase();

/**
 * The services a quote may upgrade: its customer's (the same contact address, as the customer's
 * account groups them), in its currency, billed monthly and not ended. Newest first.
 */
export async function upgradeTargets(db: Executor, quoteRequestId: string): Promise<UpgradeTarget[]> {
  const rows = rowsOf<{
    acceptance_id: string;
    quote_request_id: string;
    company: string | null;
    tier: string;
    currency: string;
    monthly_minor: number;
    renewal: BillingRenewal;
    billing_started_at: string | Date;
    term_ends_at: string | Date | null;
  }>(
    await db.execute(sql`
      select a.id as acceptance_id, a.quote_request_id, o.company, a.tier, a.currency,
        case when s.term_ends_at <= now() and s.renewal_monthly_minor is not null then s.renewal_monthly_minor
          else coalesce(s.current_monthly_minor, a.monthly_minor) end as monthly_minor, a.renewal,
        s.billing_started_at, s.term_ends_at
      from quote_requests q
      join quote_requests o on lower(o.contact_email) = lower(q.contact_email) and o.id <> q.id
      join acceptances a on a.quote_request_id = o.id
      join billing_subscriptions s on s.acceptance_id = a.id
      where q.id = ${quoteRequestId} and a.currency = q.currency
        and s.billing_started_at is not null and s.ended_at is null and s.status in ('active', 'past_due')
      order by s.billing_started_at desc
      limit 20`),
  );
  return rows.map((r) => ({
    acceptanceId: r.acceptance_id,
    quoteRequestId: r.quote_request_id,
    reference: referenceOf(r.quote_request_id),
    company: r.company,
    tier: r.tier,
    currency: r.currency,
    monthlyMinor: Number(r.monthly_minor),
    renewal: r.renewal,
    billingStartedAt: new Date(r.billing_started_at),
    termEndsAt: r.term_ends_at ? new Date(r.term_ends_at) : null,
  }));
}

/**
 * A rep marks a quote as upgrading one of the customer's running services (or, with null, as a new
 * service again). Only before the customer accepts, only a service upgradeTargets offers, and only
 * on a quote the rep may change (salesMayChange: DomainError not_owner).
 */
export async function setUpgradeTarget(
  db: Executor,
  actor: { id: string },
  quoteRequestId: string,
  acceptanceId: string | null,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const quote = await lockQuote(tx, quoteRequestId, actor.id);
    if (!quote) throw new DomainError("not_found");
    if (quote.status === "accepted" || quote.status === "won") throw new DomainError("quote_accepted");
    if (acceptanceId && !(await upgradeTargets(tx, quoteRequestId)).some((t) => t.acceptanceId === acceptanceId))
      throw new DomainError("upgrade_unavailable", {}, "acceptanceId");
    if (quote.upgradesAcceptanceId === acceptanceId) return false;
    await tx
      .update(quoteRequests)
      .set({ upgradesAcceptanceId: acceptanceId, updatedAt: now })
      .where(eq(quoteRequests.id, quoteRequestId));
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: quoteRequestId,
      action: acceptanceId ? "marked_upgrade" : "unmarked_upgrade",
      actor: actor.id,
      data: { from: quote.upgradesAcceptanceId, to: acceptanceId },
    });
    return true;
  });
}

/** The running service (acceptance id) a quote is marked as upgrading, or null. */
export async function upgradeTargetIdOf(db: Executor, quoteRequestId: string) {
  const [row] = await db
    .select({ target: quoteRequests.upgradesAcceptanceId })
    .from(quoteRequests)
    .where(eq(quoteRequests.id, quoteRequestId))
    .limit(1);
  return row?.target ?? null;
}

/** Whether a quote is marked as upgrading a running service (whether or not that service still runs). */
export async function isUpgradeQuote(db: Executor, quoteRequestId: string) {
  const [row] = await db
    .select({ target: quoteRequests.upgradesAcceptanceId })
    .from(quoteRequests)
    .where(eq(quoteRequests.id, quoteRequestId))
    .limit(1);
  return Boolean(row?.target);
}

/** The running service a quote upgrades, when it does and that service still runs (else null). */
export async function upgradeTargetOf(db: Executor, quoteRequestId: string): Promise<UpgradeTarget | null> {
  const [quote] = await db
    .select({ target: quoteRequests.upgradesAcceptanceId })
    .from(quoteRequests)
    .where(eq(quoteRequests.id, quoteRequestId))
    .limit(1);
  if (!quote?.target) return null;
  return (await upgradeTargets(db, quoteRequestId)).find((t) => t.acceptanceId === quote.target) ?? null;
}

/**
 * Accepting an upgrade quote orders it, in the acceptance's transaction: nothing is due now (the
 * setup fee and the prorated difference are charged at hand-over), the term's renewal choice stays
 * the running service's, the quote is won and technicians get its provisioning item (its id).
 * DomainError upgrade_unavailable when the service no longer runs (ended, cancelled, or not yet
 * billed): the acceptance is then rolled back with the transaction.
 */
export async function orderUpgrade(tx: Transaction, acceptanceId: string, now: Date): Promise<string | null> {
  const [acceptance] = await tx.select().from(acceptances).where(eq(acceptances.id, acceptanceId)).limit(1);
  if (!acceptance) throw new DomainError("not_found");
  const target = await upgradeTargetOf(tx, acceptance.quoteRequestId);
  if (!target) throw new DomainError("upgrade_unavailable");
  // One upgrade of a service at a time: another ordered and not yet billed would be priced from a stale base.
  const pending = rowsOf<{ id: string }>(
    await tx.execute(sql`select a.id from acceptances a join quote_requests q on q.id = a.quote_request_id
      where q.upgrades_acceptance_id = ${target.acceptanceId} and a.id <> ${acceptance.id}
        and not exists (select 1 from billing_changes c where c.acceptance_id = a.id and c.applied_at is not null)
      limit 1`),
  );
  if (pending.length) throw new DomainError("upgrade_unavailable");
  if (acceptance.monthlyMinor < target.monthlyMinor) throw new DomainError("upgrade_cheaper", {}, "tier");
  // Settled at acceptance (paid_at): nothing is due now, the running subscription bills it at hand-over.
  // Delivery dates, the account's services and moving day count from here, as from a payment.
  await tx
    .update(acceptances)
    .set({ dueNowMinor: 0, renewal: target.renewal, paidAt: now })
    .where(eq(acceptances.id, acceptance.id));
  const itemId = await openProvisioning(tx, acceptance, now);
  await tx.insert(quoteMessages).values({
    quoteRequestId: acceptance.quoteRequestId,
    authorType: "system",
    event: "upgrade_ordered",
    createdAt: now,
  });
  await tx.insert(auditLog).values({
    entityType: "quote_request",
    entityId: acceptance.quoteRequestId,
    action: "upgrade_ordered",
    actor: "customer",
    fromStatus: "accepted",
    toStatus: "won",
    data: { acceptanceId: acceptance.id, upgrades: target.acceptanceId, fromMonthlyMinor: target.monthlyMinor },
  });
  return itemId;
}

/**
 * The upgrade's hand-over: its price is to take effect now (the outbox worker changes the
 * subscription at Stripe: applyDueBillingChanges). Nothing for a quote that upgrades nothing; once
 * per upgrade.
 */
export async function requestBillingChange(tx: Executor, quoteRequestId: string, now: Date) {
  await tx.execute(sql`
    insert into billing_changes (acceptance_id, subscription_id, from_monthly_minor, to_monthly_minor, setup_minor, requested_at, next_attempt_at)
    select a.id, s.id, coalesce(s.current_monthly_minor, o.monthly_minor), a.monthly_minor, a.setup_minor,
      ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from acceptances a
    join quote_requests q on q.id = a.quote_request_id
    join acceptances o on o.id = q.upgrades_acceptance_id
    join billing_subscriptions s on s.acceptance_id = o.id
    where a.quote_request_id = ${quoteRequestId}
    on conflict (acceptance_id) do nothing`);
}

/** Changes due at Stripe (oldest first), with what the call needs. */
export async function dueBillingChanges(db: Executor, now: Date, limit = 20) {
  return db
    .select({
      id: billingChanges.id,
      acceptanceId: billingChanges.acceptanceId,
      subscriptionId: billingChanges.subscriptionId,
      stripeSubscriptionId: billingSubscriptions.stripeSubscriptionId,
      quoteRequestId: acceptances.quoteRequestId,
      currency: acceptances.currency,
      fromMonthlyMinor: billingChanges.fromMonthlyMinor,
      toMonthlyMinor: billingChanges.toMonthlyMinor,
      setupMinor: billingChanges.setupMinor,
      requestedAt: billingChanges.requestedAt,
    })
    .from(billingChanges)
    .innerJoin(billingSubscriptions, eq(billingSubscriptions.id, billingChanges.subscriptionId))
    .innerJoin(acceptances, eq(acceptances.id, billingChanges.acceptanceId))
    .where(and(isNull(billingChanges.appliedAt), lte(billingChanges.nextAttemptAt, now)))
    .orderBy(asc(billingChanges.nextAttemptAt))
    .limit(limit);
}

/** Stripe made the change: the service's monthly price is the new one from now on. Once. */
export async function markBillingChangeApplied(
  db: Executor,
  change: { id: string; subscriptionId: string; toMonthlyMinor: number; quoteRequestId: string },
  applied: { at: Date; proratedMinor: number; invoiceId: string | null },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(billingChanges)
      .set({
        appliedAt: applied.at,
        proratedMinor: applied.proratedMinor,
        stripeInvoiceId: applied.invoiceId,
        lastError: null,
      })
      .where(and(eq(billingChanges.id, change.id), isNull(billingChanges.appliedAt)))
      .returning({ id: billingChanges.id });
    if (!row) return false;
    await tx
      .update(billingSubscriptions)
      // A renewal priced before this upgrade priced the old configuration: price it again.
      .set({
        currentMonthlyMinor: change.toMonthlyMinor,
        renewalPricedAt: null,
        renewalMonthlyMinor: null,
        updatedAt: applied.at,
      })
      .where(eq(billingSubscriptions.id, change.subscriptionId));
    await tx.insert(quoteMessages).values({
      quoteRequestId: change.quoteRequestId,
      authorType: "system",
      event: "upgrade_billed",
      createdAt: applied.at,
    });
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: change.quoteRequestId,
      action: "upgrade_billed",
      actor: "stripe",
      data: { changeId: change.id, ...applied, at: applied.at.toISOString() },
    });
    return true;
  });
}

/** Stripe refused or could not be reached: try again at `at`, keeping why for staff. */
export async function postponeBillingChange(db: Executor, id: string, at: Date, error: string) {
  await db
    .update(billingChanges)
    .set({ nextAttemptAt: at, lastError: error.slice(0, 500) })
    .where(and(eq(billingChanges.id, id), isNull(billingChanges.appliedAt)));
}

/**
 * Whether the signed-in account owns the service a quote upgrades (its quote is the account's, by
 * the same rule as the account pages: ownedBy). Only then may it see the service's billing on the
 * upgrade quote or order the upgrade: a quote's contact address is whatever the requester typed.
 */
export async function ownsUpgradeTarget(db: Executor, account: CustomerAccount | null, quoteRequestId: string) {
  if (!account) return false;
  const rows = rowsOf<{ ok: number }>(
    await db.execute(sql`select 1 as ok from quote_requests u
      join acceptances a on a.id = u.upgrades_acceptance_id
      join quote_requests on quote_requests.id = a.quote_request_id
      where u.id = ${quoteRequestId} and ${ownedBy(account.email)} limit 1`),
  );
  return rows.length > 0;
}

/** What an upgrade quote's pages state about billing (before and after acceptance). */
export interface UpgradeView {
  /** The running service's acceptance: the acceptance form names it, so a change of target meanwhile is refused. */
  targetId: string;
  reference: string;
  fromMonthlyMinor: number;
  termEndsAt: string | null;
  /** The billing month a hand-over now would fall in, and now (Unix seconds): the quote's example. */
  periodStart: number;
  periodEnd: number;
  asOf: number;
  /** Once handed over: when the new price ran from and what the invoice carried. */
  applied: { at: string; proratedMinor: number; setupMinor: number; toMonthlyMinor: number } | null;
  /** The service no longer runs (ended or cancelled): the quote cannot be accepted as an upgrade. */
  unavailable: boolean;
}

/** The upgrade statement for a quote's pages, or null when the quote upgrades nothing. */
export async function upgradeView(db: Executor, quoteRequestId: string, now = new Date()): Promise<UpgradeView | null> {
  const [row] = await db
    .select({
      targetQuote: acceptances.quoteRequestId,
      targetId: acceptances.id,
      monthlyMinor: sql<number>`coalesce(${billingSubscriptions.currentMonthlyMinor}, ${acceptances.monthlyMinor})`,
      billingStartedAt: billingSubscriptions.billingStartedAt,
      termEndsAt: billingSubscriptions.termEndsAt,
      status: billingSubscriptions.status,
      endedAt: billingSubscriptions.endedAt,
    })
    .from(quoteRequests)
    .innerJoin(acceptances, eq(acceptances.id, quoteRequests.upgradesAcceptanceId))
    .innerJoin(billingSubscriptions, eq(billingSubscriptions.acceptanceId, acceptances.id))
    .where(eq(quoteRequests.id, quoteRequestId))
    .limit(1);
  if (!row) return null;
  const [change] = await db
    .select({ change: billingChanges })
    .from(billingChanges)
    .innerJoin(acceptances, eq(acceptances.id, billingChanges.acceptanceId))
    .where(eq(acceptances.quoteRequestId, quoteRequestId))
    .limit(1);
  const asOf = Math.floor(now.getTime() / 1000);
  const anchor = row.billingStartedAt ? Math.floor(row.billingStartedAt.getTime() / 1000) : asOf;
  const month = billingMonthAt(anchor, asOf);
  const applied = change?.change.appliedAt ? change.change : null;
  return {
    targetId: row.targetId,
    reference: referenceOf(row.targetQuote),
    fromMonthlyMinor: change ? change.change.fromMonthlyMinor : Number(row.monthlyMinor),
    // A renewing service past its term runs month to month: no end to state.
    termEndsAt: row.termEndsAt && row.termEndsAt > now ? row.termEndsAt.toISOString() : null,
    periodStart: month.start,
    periodEnd: month.end,
    asOf,
    applied: applied
      ? {
          at: applied.requestedAt.toISOString(),
          proratedMinor: applied.proratedMinor ?? 0,
          setupMinor: applied.setupMinor,
          toMonthlyMinor: applied.toMonthlyMinor,
        }
      : null,
    unavailable:
      !change && (!row.billingStartedAt || row.endedAt !== null || !["active", "past_due"].includes(row.status)),
  };
}

/** The upgrade change of a quote, for the staff pages (null when none). */
export async function billingChangeForQuote(db: Executor, quoteRequestId: string) {
  const [row] = await db
    .select({ change: billingChanges })
    .from(billingChanges)
    .innerJoin(acceptances, eq(acceptances.id, billingChanges.acceptanceId))
    .where(eq(acceptances.quoteRequestId, quoteRequestId))
    .limit(1);
  return row?.change ?? null;
}

/**
 * The first terms version under which a renewing service continues at the price then current;
 * acceptances under earlier terms were promised the same monthly price and keep it.
 */
export const RENEWAL_AT_CURRENT_PRICE_TERMS = "2026-12-05.2";

/**
 * Renewing services in their term's last month (after its last invoice: the term's end minus a
 * month, plus an hour) whose price after the term is not worked out yet, and renewing services past
 * their term that missed it; with the configuration they run now (the last upgrade handed over,
 * else the accepted proposal). Not cancelled, not ended; Stripe's refusals wait (renewal_retry_at).
 */
export async function dueRenewalPricings(db: Executor, now: Date, limit = 20) {
  const at = now.toISOString();
  const rows = rowsOf<{
    id: string;
    stripe_subscription_id: string;
    quote_request_id: string;
    currency: string;
    term_months: number;
    monthly_minor: number;
    term_ends_at: string | Date;
    current_period_end: string | Date | null;
    proposal_id: string;
  }>(
    await db.execute(sql`
      select s.id, s.stripe_subscription_id, a.quote_request_id, a.currency, a.term_months,
        coalesce(s.current_monthly_minor, a.monthly_minor) as monthly_minor, s.term_ends_at, s.current_period_end,
        coalesce((select ca.proposal_id from billing_changes c join acceptances ca on ca.id = c.acceptance_id
          where c.subscription_id = s.id and c.applied_at is not null order by c.applied_at desc limit 1), a.proposal_id) as proposal_id
      from billing_subscriptions s join acceptances a on a.id = s.acceptance_id
      where a.renewal = 'renew' and s.term_ends_at is not null and s.renewal_priced_at is null
        and a.terms_version >= ${RENEWAL_AT_CURRENT_PRICE_TERMS}
        and s.ended_at is null and s.cancel_at is null and not s.cancel_at_period_end and s.status in ('active', 'past_due')
        and s.term_ends_at - interval '1 month' + interval '1 hour' <= ${at}::timestamptz
        and (s.renewal_retry_at is null or s.renewal_retry_at <= ${at}::timestamptz)
      order by s.term_ends_at
      limit ${limit}`),
  );
  return rows.map((r) => ({
    id: r.id,
    stripeSubscriptionId: r.stripe_subscription_id,
    quoteRequestId: r.quote_request_id,
    currency: r.currency,
    termMonths: Number(r.term_months),
    monthlyMinor: Number(r.monthly_minor),
    termEndsAt: new Date(r.term_ends_at),
    currentPeriodEnd: r.current_period_end ? new Date(r.current_period_end) : null,
    proposalId: r.proposal_id,
  }));
}

/** A proposal's stored lines, in order (what a renewal reprices). */
export async function linesOfProposal(db: Executor, proposalId: string) {
  return db
    .select()
    .from(proposalLines)
    .where(eq(proposalLines.proposalId, proposalId))
    .orderBy(asc(proposalLines.position));
}

/** The price after the term is set at Stripe: recorded once (false when another run did it first). */
export async function markRenewalPriced(
  tx: Executor,
  row: { id: string; quoteRequestId: string; monthlyMinor: number },
  renewalMonthlyMinor: number,
  now: Date,
) {
  const [done] = await tx
    .update(billingSubscriptions)
    .set({ renewalPricedAt: now, renewalMonthlyMinor, renewalRetryAt: null, updatedAt: now })
    .where(and(eq(billingSubscriptions.id, row.id), isNull(billingSubscriptions.renewalPricedAt)))
    .returning({ id: billingSubscriptions.id });
  if (!done) return false;
  await tx.insert(auditLog).values({
    entityType: "quote_request",
    entityId: row.quoteRequestId,
    action: "renewal_priced",
    actor: "system",
    data: { from: row.monthlyMinor, to: renewalMonthlyMinor },
  });
  return true;
}

/** Pricing the renewal failed (Stripe, or no price book): not again before `at`. */
export async function postponeRenewalPricing(db: Executor, id: string, at: Date) {
  await db.update(billingSubscriptions).set({ renewalRetryAt: at }).where(eq(billingSubscriptions.id, id));
}
