import { and, desc, eq, exists, gt, isNotNull, isNull, max, sql } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { auditLog, proposalVersions, proposals, quoteRequests, shareLinks, users } from "#db/schema";
import { hashToken, looksLikeToken, newAccessToken } from "~/utils/token.server";
import { DomainError } from "~/domain/errors";
import { lockQuote } from "./proposal-version.server";

export const DEFAULT_SHARE_DAYS = 30;

/**
 * A new link to a published proposal version (a draft may carry a technician's internal lines), by
 * whoever may change the quote as sales; otherwise DomainError "not_published" or "not_owner". The
 * token is returned once, only its hash is kept.
 */
export async function createShareLink(db: Database, input: { quoteRequestId: string; version: number; createdBy: string; days?: number }, now = new Date()) {
  const token = newAccessToken();
  await db.transaction(async (tx) => {
    if (!(await lockQuote(tx, input.quoteRequestId, input.createdBy))) throw new DomainError("not_found");
    const [published] = await tx
      .select({ version: proposalVersions.version })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.quoteRequestId, input.quoteRequestId), eq(proposalVersions.version, input.version), isNotNull(proposalVersions.publishedAt)))
      .limit(1);
    if (!published) throw new DomainError("not_published", {}, "version");
    await tx.insert(shareLinks).values({
      quoteRequestId: input.quoteRequestId,
      proposalVersion: input.version,
      tokenHash: hashToken(token),
      createdBy: input.createdBy,
      expiresAt: new Date(now.getTime() + (input.days ?? DEFAULT_SHARE_DAYS) * 86_400_000),
    });
    await tx.insert(auditLog).values({ entityType: "quote_request", entityId: input.quoteRequestId, action: "share_link_created", actor: `staff:${input.createdBy}`, data: { version: input.version } });
  });
  return token;
}

/**
 * The link behind a token if it is live; unknown, expired and revoked all give null, and so does a
 * link to a version that was never published (made before links were limited to published ones).
 */
export async function liveShareLink(db: Database, token: string, now = new Date()) {
  if (!looksLikeToken(token)) return null;
  const published = db
    .select({ one: sql`1` })
    .from(proposalVersions)
    .where(and(eq(proposalVersions.quoteRequestId, shareLinks.quoteRequestId), eq(proposalVersions.version, shareLinks.proposalVersion), isNotNull(proposalVersions.publishedAt)));
  const [link] = await db
    .select()
    .from(shareLinks)
    .where(and(eq(shareLinks.tokenHash, hashToken(token)), isNull(shareLinks.revokedAt), gt(shareLinks.expiresAt, now), exists(published)))
    .limit(1);
  return link ?? null;
}

/** Counts a view (sent by the page as a POST beacon, so no loader writes). */
export async function recordShareView(db: Database, token: string, now = new Date()) {
  const link = await liveShareLink(db, token, now);
  if (!link) return false;
  await db
    .update(shareLinks)
    .set({ viewCount: sql`${shareLinks.viewCount} + 1`, lastViewedAt: now, firstViewedAt: sql`coalesce(${shareLinks.firstViewedAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(shareLinks.id, link.id));
  return true;
}

/** Revokes a live link of the quote: false when there is none; DomainError "not_owner" when the quote is another rep's. */
export async function revokeShareLink(db: Database, id: string, quoteRequestId: string, actorId: string) {
  return db.transaction(async (tx) => {
    if (!(await lockQuote(tx, quoteRequestId, actorId))) return false;
    const [link] = await tx
      .update(shareLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(shareLinks.id, id), eq(shareLinks.quoteRequestId, quoteRequestId), isNull(shareLinks.revokedAt)))
      .returning({ id: shareLinks.id });
    if (link) await tx.insert(auditLog).values({ entityType: "quote_request", entityId: quoteRequestId, action: "share_link_revoked", actor: `staff:${actorId}` });
    return Boolean(link);
  });
}

export async function listShareLinks(db: Database, quoteRequestId: string) {
  return db.select().from(shareLinks).where(eq(shareLinks.quoteRequestId, quoteRequestId)).orderBy(desc(shareLinks.createdAt));
}

/** The sales dashboard: every quote with status, value (cheapest published proposal), owner, last view. */
export async function salesOverview(db: Database, limit = 500) {
  const lastView = db.select({ quoteRequestId: shareLinks.quoteRequestId, lastViewedAt: max(shareLinks.lastViewedAt).as("last_viewed_at") }).from(shareLinks).groupBy(shareLinks.quoteRequestId).as("last_view");
  const value = db
    .select({ quoteRequestId: proposals.quoteRequestId, version: proposals.version, monthlyMinor: sql<number>`min(${proposals.monthlyMinor})`.as("monthly_minor") })
    .from(proposals)
    .groupBy(proposals.quoteRequestId, proposals.version)
    .as("value");
  return db
    .select({
      id: quoteRequests.id,
      status: quoteRequests.status,
      contactName: quoteRequests.contactName,
      company: quoteRequests.company,
      createdAt: quoteRequests.createdAt,
      ownerId: quoteRequests.ownerId,
      ownerName: users.name,
      monthlyMinor: value.monthlyMinor,
      lastViewedAt: lastView.lastViewedAt,
    })
    .from(quoteRequests)
    .leftJoin(users, eq(users.id, quoteRequests.ownerId))
    .leftJoin(value, and(eq(value.quoteRequestId, quoteRequests.id), eq(value.version, quoteRequests.publishedVersion)))
    .leftJoin(lastView, eq(lastView.quoteRequestId, quoteRequests.id))
    .orderBy(desc(quoteRequests.createdAt))
    .limit(limit);
}

/** A rep takes a quote that nobody owns yet; from then on only they or an admin change it (salesMayChange). */
export async function takeOwnership(db: Database, quoteRequestId: string, userId: string) {
  const [row] = await db
    .update(quoteRequests)
    .set({ ownerId: userId, updatedAt: new Date() })
    .where(and(eq(quoteRequests.id, quoteRequestId), isNull(quoteRequests.ownerId)))
    .returning({ id: quoteRequests.id });
  if (row) await db.insert(auditLog).values({ entityType: "quote_request", entityId: quoteRequestId, action: "owner_taken", actor: `staff:${userId}` });
  return Boolean(row);
}
