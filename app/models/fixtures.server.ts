import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Database, Executor } from "#db/client.server";
import {
  acceptances,
  auditLog,
  payments,
  proposalVersions,
  provisioningItems,
  quoteAccessTokens,
  quoteRequests,
  reviewItems,
  stripeEvents,
} from "#db/schema";
import { hashToken, looksLikeToken } from "~/utils/token.server";

/**
 * Test fixtures' bookkeeping, for the development-only route /dev/fixtures (never in production):
 * the end-to-end suite's server is another process (PGlite is single-process), so its fixtures find
 * and delete the quotes they made over HTTP, through these functions.
 */

/** Which quote a fixture means: its id, or its customer link's token (revoked or idle ones too). */
export type FixtureQuoteRef = { id: string } | { token: string };

export interface FixtureQuote {
  id: string;
  status: string;
  reviewItemId: string | null;
}

async function quoteIdOf(db: Executor, ref: FixtureQuoteRef): Promise<string | null> {
  if ("id" in ref) {
    const [row] = await db
      .select({ id: quoteRequests.id })
      .from(quoteRequests)
      .where(eq(quoteRequests.id, ref.id))
      .limit(1);
    return row?.id ?? null;
  }
  if (!looksLikeToken(ref.token)) return null;
  const [row] = await db
    .select({ id: quoteAccessTokens.quoteRequestId })
    .from(quoteAccessTokens)
    .where(eq(quoteAccessTokens.tokenHash, hashToken(ref.token)))
    .limit(1);
  return row?.id ?? null;
}

/** The quote a fixture made (its id and, when it went to review, its review item), or null. */
export async function findFixtureQuote(db: Executor, ref: FixtureQuoteRef): Promise<FixtureQuote | null> {
  const id = await quoteIdOf(db, ref);
  if (!id) return null;
  const [row] = await db
    .select({ id: quoteRequests.id, status: quoteRequests.status, reviewItemId: reviewItems.id })
    .from(quoteRequests)
    .leftJoin(reviewItems, eq(reviewItems.quoteRequestId, quoteRequests.id))
    .where(eq(quoteRequests.id, id))
    .limit(1);
  return row ? { id: row.id, status: row.status, reviewItemId: row.reviewItemId ?? null } : null;
}

/**
 * Ends the price validity of a fixture's quote: its published versions were valid until a minute
 * ago, as if their days had passed, so a test can refresh them at the prices in effect.
 */
export async function expireFixtureQuote(db: Executor, ref: FixtureQuoteRef, now = new Date()): Promise<boolean> {
  const id = await quoteIdOf(db, ref);
  if (!id) return false;
  await db
    .update(proposalVersions)
    .set({ validUntil: new Date(now.getTime() - 60_000) })
    .where(and(eq(proposalVersions.quoteRequestId, id), isNotNull(proposalVersions.validUntil)));
  return true;
}

/**
 * Deletes a fixture's quote and every row that depends on it, in one transaction: its hand-off to
 * provisioning, acceptance, payments and the Stripe events that paid them, then the quote itself
 * (which cascades to its links, workloads, versions, proposals and lines, review item and notes,
 * messages, share links and discount requests), and its audit trail. E-mails stay in the outbox
 * and the development mailbox: they are addressed to people, not to quotes. Returns whether the
 * quote existed.
 */
export async function deleteFixtureQuote(db: Database, ref: FixtureQuoteRef): Promise<boolean> {
  return db.transaction(async (tx) => {
    const id = await quoteIdOf(tx, ref);
    if (!id) return false;
    // Lock it first, so a request still working on it finishes before (or waits until after) this.
    await tx.select({ id: quoteRequests.id }).from(quoteRequests).where(eq(quoteRequests.id, id)).for("update");
    const accepted = await tx
      .select({ id: acceptances.id })
      .from(acceptances)
      .where(eq(acceptances.quoteRequestId, id));
    const acceptanceIds = accepted.map((a) => a.id);
    if (acceptanceIds.length) {
      const sessions = await tx
        .select({ id: payments.checkoutSessionId })
        .from(payments)
        .where(inArray(payments.acceptanceId, acceptanceIds));
      if (sessions.length)
        await tx.delete(stripeEvents).where(
          inArray(
            stripeEvents.checkoutSessionId,
            sessions.map((s) => s.id),
          ),
        );
    }
    // provisioning_items and acceptances point at rows without cascading: they go first.
    await tx.delete(provisioningItems).where(eq(provisioningItems.quoteRequestId, id));
    if (acceptanceIds.length) {
      await tx.delete(payments).where(inArray(payments.acceptanceId, acceptanceIds));
      await tx.delete(acceptances).where(inArray(acceptances.id, acceptanceIds));
    }
    await tx.delete(quoteRequests).where(eq(quoteRequests.id, id));
    await tx.delete(auditLog).where(and(eq(auditLog.entityType, "quote_request"), eq(auditLog.entityId, id)));
    return true;
  });
}
