import { and, desc, eq } from "drizzle-orm";
import type { BookCurrency } from "~/domain/price-book";
import type { Executor, Transaction } from "#db/client.server";
import {
  type BillingRenewal,
  type PaymentStatus,
  type QuoteStatus,
  acceptances,
  auditLog,
  payments,
  proposals,
  type proposalVersions,
  quoteMessages,
  quoteRequests,
} from "#db/schema";
import { acceptabilityOf, technicianPublished, technicianRequested } from "~/domain/acceptability";
import { DomainError, type DomainErrorCode } from "~/domain/errors";
import { WITHDRAWN_ON_ACCEPTANCE, withdrawPendingDiscounts } from "./discount.server";
import { getVersion, lockQuote } from "./proposal-version.server";

export type Acceptance = typeof acceptances.$inferSelect;

/** Why a version cannot be accepted right now: the DomainError codes of those refusals. */
export type BlockedReason = Extract<
  DomainErrorCode,
  "quote_accepted" | "in_review" | "declined" | "superseded" | "not_published" | "expired"
>;

/** Why a version cannot be accepted right now, or null when it can. */
export function acceptBlockedReason(
  quote: { status: QuoteStatus; publishedVersion: number },
  version: { version: number; publishedAt: Date | null; validUntil: Date | null } | null,
  now: Date,
): BlockedReason | null {
  if (quote.status === "accepted" || quote.status === "won") return "quote_accepted";
  if (quote.status === "needs_review") return "in_review";
  if (quote.status === "declined") return "declined";
  if (!version || version.version !== quote.publishedVersion) return "superseded";
  if (!version.publishedAt || !version.validUntil) return "not_published";
  if (version.validUntil <= now) return "expired";
  return null;
}

export async function getAcceptance(db: Executor, quoteRequestId: string) {
  const [row] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quoteRequestId)).limit(1);
  return row ?? null;
}

export async function latestPayment(db: Executor, acceptanceId: string) {
  const [row] = await db
    .select()
    .from(payments)
    .where(eq(payments.acceptanceId, acceptanceId))
    .orderBy(desc(payments.attempt))
    .limit(1);
  return row ?? null;
}

export interface AcceptInput {
  quoteRequestId: string;
  version: number;
  tier: "lean" | "balanced" | "resilient";
  name: string;
  company: string;
  email: string;
  poNumber: string;
  termsVersion: string;
  /** At the end of the term: end the service (the default), or renew month by month. */
  renewal?: BillingRenewal;
  ip: string | null;
  userAgent: string | null;
  shareLinkId: string | null;
}

/**
 * Stores the customer's acceptance of one tier of a published, unexpired version, inside the
 * caller's transaction; refusals are DomainErrors (superseded, other_choice, no_such_tier,
 * needs_technician for a tier that is not directly acceptable, and the BlockedReason codes). The totals are copied from that version's stored proposal (the price lock).
 * The quote row is locked first (lockQuote, as a publish, decline or discount does) and the
 * acceptance is unique per quote, so a double click or two tabs give one acceptance, and a version
 * published meanwhile makes this one "superseded"; repeating the same acceptance answers with the
 * one already stored (`created: false`). Pending discount requests on the quote are closed as
 * "withdrawn" in the same transaction (withdrawPendingDiscounts).
 */
export async function acceptVersion(
  tx: Transaction,
  input: AcceptInput,
  now: Date,
): Promise<{ acceptanceId: string; created: boolean }> {
  const quote = await lockQuote(tx, input.quoteRequestId);
  if (!quote) throw new DomainError("superseded");
  const [existing] = await tx.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id)).limit(1);
  if (existing) {
    if (existing.version === input.version && existing.tier === input.tier)
      return { acceptanceId: existing.id, created: false };
    throw new DomainError("other_choice");
  }
  const version = await getVersion(tx, quote.id, input.version);
  const blocked = acceptBlockedReason(quote, version, now);
  if (blocked) throw new DomainError(blocked);
  const [proposal] = await tx
    .select()
    .from(proposals)
    .where(
      and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, input.version), eq(proposals.tier, input.tier)),
    )
    .limit(1);
  if (!proposal) throw new DomainError("no_such_tier");
  // A 99.99 % design nobody has confirmed is asked for, not bought (domain/acceptability.ts).
  if (!acceptabilityOf(proposal, { technicianPublished: technicianPublished(quote.status) }).acceptable)
    throw new DomainError("needs_technician", { tier: input.tier }, "tier");
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
      // Setup and one-off work now; the months are billed from hand-over (services/billing.server.ts).
      dueNowMinor: proposal.setupMinor,
      renewal: input.renewal ?? "end",
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
  // Prices are locked now: a discount still waiting for an admin can no longer apply.
  await withdrawPendingDiscounts(tx, quote.id, WITHDRAWN_ON_ACCEPTANCE, now);
  await tx
    .insert(quoteMessages)
    .values({ quoteRequestId: quote.id, authorType: "customer", event: "accepted", createdAt: now });
  await tx.insert(auditLog).values({
    entityType: "quote_request",
    entityId: quote.id,
    action: "accepted",
    actor: "customer",
    fromStatus: quote.status,
    toStatus: "accepted",
    data: {
      version: input.version,
      tier: input.tier,
      termsVersion: input.termsVersion,
      dueNowMinor: proposal.setupMinor,
      renewal: input.renewal ?? "end",
      shareLinkId: input.shareLinkId,
    },
  });
  return { acceptanceId: row!.id, created: true };
}

/**
 * What the customer's page shows about prices, acceptance and payment for the version it shows,
 * from rows already read (app/models/customer-page.server.ts reads them in one statement). `blocked`
 * is a DomainError code; the customer's pages show it through app/services/commerce.server.ts.
 * `needsTechnician`: the tiers of an otherwise acceptable version that a technician must design
 * first (domain/acceptability.ts), each with whether the customer has already asked for it.
 */
export function commerceOf(
  quote: {
    status: QuoteStatus;
    publishedVersion: number;
    currency: BookCurrency;
    proposals?: readonly { tier: "lean" | "balanced" | "resilient"; availability: string }[];
  },
  shownVersion: number,
  version: typeof proposalVersions.$inferSelect | null,
  acceptance: Acceptance | null,
  latestPaymentStatus: PaymentStatus | null,
  now: Date,
  timeline: readonly { event: string | null }[] = [],
) {
  const blocked = acceptBlockedReason(quote, version, now);
  const context = { technicianPublished: technicianPublished(quote.status) };
  const requested = technicianRequested(timeline);
  const needsTechnician =
    blocked === null && !acceptance
      ? (quote.proposals ?? [])
          .filter((p) => !acceptabilityOf(p, context).acceptable)
          .map((p) => ({ tier: p.tier, requested }))
      : [];
  let paymentStatus: PaymentStatus | "none" = latestPaymentStatus ?? "none";
  if (acceptance?.paidAt) paymentStatus = "paid";
  return {
    version: shownVersion,
    currency: quote.currency,
    publishedAt: version?.publishedAt?.toISOString() ?? null,
    validUntil: version?.validUntil?.toISOString() ?? null,
    changes: version?.changes ?? null,
    salesDiscountBps: version?.salesDiscountBps ?? 0,
    acceptable: blocked === null,
    blocked,
    needsTechnician,
    canRefresh: blocked === "expired",
    acceptance: acceptance
      ? {
          version: acceptance.version,
          tier: acceptance.tier,
          currency: acceptance.currency,
          setupMinor: acceptance.setupMinor,
          monthlyMinor: acceptance.monthlyMinor,
          termMonths: acceptance.termMonths,
          termTotalMinor: acceptance.termTotalMinor,
          dueNowMinor: acceptance.dueNowMinor,
          renewal: acceptance.renewal,
          name: acceptance.name,
          company: acceptance.company,
          poNumber: acceptance.poNumber,
          acceptedAt: acceptance.acceptedAt.toISOString(),
          paidAt: acceptance.paidAt?.toISOString() ?? null,
          paymentStatus,
        }
      : null,
  };
}

export type CommerceState = ReturnType<typeof commerceOf>;

/** Acceptances and payments for the staff sales page. */
export async function paymentsFor(db: Executor, acceptanceId: string) {
  return db.select().from(payments).where(eq(payments.acceptanceId, acceptanceId)).orderBy(desc(payments.attempt));
}

/**
 * Whether `tier` of version `version` is one the customer must ask a technician for rather than
 * accept (domain/acceptability.ts), for a quote row the caller has locked (lockQuote). Refuses
 * (DomainError) what could not be asked for at all: an accepted (quote_accepted), declined or
 * in-review quote, a version that is no longer the published one (superseded), an unknown tier.
 */
export async function tierNeedsTechnician(
  tx: Executor,
  quote: { id: string; status: QuoteStatus; publishedVersion: number },
  version: number,
  tier: AcceptInput["tier"],
): Promise<boolean> {
  if (quote.status === "accepted" || quote.status === "won") throw new DomainError("quote_accepted");
  if (quote.status === "declined") throw new DomainError("declined");
  if (quote.status === "needs_review") throw new DomainError("in_review");
  if (version !== quote.publishedVersion) throw new DomainError("superseded");
  const [proposal] = await tx
    .select({ availability: proposals.availability })
    .from(proposals)
    .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, version), eq(proposals.tier, tier)))
    .limit(1);
  if (!proposal) throw new DomainError("no_such_tier", {}, "tier");
  return !acceptabilityOf(proposal, { technicianPublished: technicianPublished(quote.status) }).acceptable;
}
