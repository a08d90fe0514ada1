import { desc, eq } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { type PaymentStatus, type QuoteStatus, acceptances, payments, type proposalVersions } from "#db/schema";

export type BlockedReason = "review" | "declined" | "superseded" | "not_published" | "expired" | "accepted";

/** Why a version cannot be accepted right now, or null when it can. */
export function acceptBlockedReason(quote: { status: QuoteStatus; publishedVersion: number }, version: { version: number; publishedAt: Date | null; validUntil: Date | null } | null, now: Date): BlockedReason | null {
  if (quote.status === "accepted" || quote.status === "won") return "accepted";
  if (quote.status === "needs_review") return "review";
  if (quote.status === "declined") return "declined";
  if (!version || version.version !== quote.publishedVersion) return "superseded";
  if (!version.publishedAt || !version.validUntil) return "not_published";
  if (version.validUntil <= now) return "expired";
  return null;
}

export async function getAcceptance(db: Database, quoteRequestId: string) {
  const [row] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quoteRequestId)).limit(1);
  return row ?? null;
}

export async function latestPayment(db: Database, acceptanceId: string) {
  const [row] = await db.select().from(payments).where(eq(payments.acceptanceId, acceptanceId)).orderBy(desc(payments.attempt)).limit(1);
  return row ?? null;
}

/**
 * What the customer's page shows about prices, acceptance and payment for the version it shows,
 * from rows already read (app/models/quote-request.server.ts reads them in one statement).
 */
export function commerceOf(
  quote: { status: QuoteStatus; publishedVersion: number },
  shownVersion: number,
  version: typeof proposalVersions.$inferSelect | null,
  acceptance: typeof acceptances.$inferSelect | null,
  latestPaymentStatus: PaymentStatus | null,
  now: Date,
) {
  const blocked = acceptBlockedReason(quote, version, now);
  let paymentStatus: PaymentStatus | "none" = latestPaymentStatus ?? "none";
  if (acceptance?.paidAt) paymentStatus = "paid";
  return {
    version: shownVersion,
    publishedAt: version?.publishedAt?.toISOString() ?? null,
    validUntil: version?.validUntil?.toISOString() ?? null,
    changes: version?.changes ?? null,
    salesDiscountBps: version?.salesDiscountBps ?? 0,
    acceptable: blocked === null,
    blocked,
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
export async function paymentsFor(db: Database, acceptanceId: string) {
  return db.select().from(payments).where(eq(payments.acceptanceId, acceptanceId)).orderBy(desc(payments.attempt));
}
