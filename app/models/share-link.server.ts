import { and, desc, eq, exists, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { auditLog, proposalVersions, shareLinks } from "#db/schema";
import { hashToken, looksLikeToken, newAccessToken } from "~/utils/token.server";
import { DomainError } from "~/domain/errors";
import type { Actor } from "~/utils/permissions";
import { lockQuote } from "./proposal-version.server";

export const DEFAULT_SHARE_DAYS = 30;

/**
 * A new link to a published proposal version (a draft may carry a technician's internal lines), by
 * whoever may change the quote as sales (the quote's row is locked on that condition, lockQuote);
 * otherwise DomainError "not_published" or "not_owner". The token is returned once, only its hash is kept.
 */
export async function createShareLink(
  db: Executor,
  input: { quoteRequestId: string; version: number; actor: Actor; days?: number },
  now = new Date(),
) {
  const token = newAccessToken();
  const { actor } = input;
  await db.transaction(async (tx) => {
    if (!(await lockQuote(tx, input.quoteRequestId, actor.id))) throw new DomainError("not_found");
    const [published] = await tx
      .select({ version: proposalVersions.version })
      .from(proposalVersions)
      .where(
        and(
          eq(proposalVersions.quoteRequestId, input.quoteRequestId),
          eq(proposalVersions.version, input.version),
          isNotNull(proposalVersions.publishedAt),
        ),
      )
      .limit(1);
    if (!published) throw new DomainError("not_published", {}, "version");
    await tx.insert(shareLinks).values({
      quoteRequestId: input.quoteRequestId,
      proposalVersion: input.version,
      tokenHash: hashToken(token),
      createdBy: actor.id,
      expiresAt: new Date(now.getTime() + (input.days ?? DEFAULT_SHARE_DAYS) * 86_400_000),
    });
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: input.quoteRequestId,
      action: "share_link_created",
      actor: `staff:${actor.id}`,
      data: { version: input.version },
    });
  });
  return token;
}

/**
 * The link behind a token if it is live; unknown, expired and revoked all give null, and so does a
 * link to a version that was never published (made before links were limited to published ones).
 */
export async function liveShareLink(db: Executor, token: string, now = new Date()) {
  if (!looksLikeToken(token)) return null;
  const published = db
    .select({ one: sql`1` })
    .from(proposalVersions)
    .where(
      and(
        eq(proposalVersions.quoteRequestId, shareLinks.quoteRequestId),
        eq(proposalVersions.version, shareLinks.proposalVersion),
        isNotNull(proposalVersions.publishedAt),
      ),
    );
  const [link] = await db
    .select()
    .from(shareLinks)
    .where(
      and(
        eq(shareLinks.tokenHash, hashToken(token)),
        isNull(shareLinks.revokedAt),
        gt(shareLinks.expiresAt, now),
        exists(published),
      ),
    )
    .limit(1);
  return link ?? null;
}

/** Counts a view (sent by the page as a POST beacon, so no loader writes). */
export async function recordShareView(db: Executor, token: string, now = new Date()) {
  const link = await liveShareLink(db, token, now);
  if (!link) return false;
  await db
    .update(shareLinks)
    .set({
      viewCount: sql`${shareLinks.viewCount} + 1`,
      lastViewedAt: now,
      firstViewedAt: sql`coalesce(${shareLinks.firstViewedAt}, ${now.toISOString()}::timestamptz)`,
    })
    .where(eq(shareLinks.id, link.id));
  return true;
}

/**
 * Revokes a live link of the quote, by whoever may change the quote as sales (the quote's row is
 * locked on that condition, lockQuote): DomainError "not_owner" when the quote is another rep's,
 * "link_not_live" when the quote has no such live link.
 */
export async function revokeShareLink(db: Executor, actor: Actor, input: { linkId: string; quoteRequestId: string }) {
  const { linkId, quoteRequestId } = input;
  await db.transaction(async (tx) => {
    if (!(await lockQuote(tx, quoteRequestId, actor.id))) throw new DomainError("link_not_live", {}, "linkId");
    const [link] = await tx
      .update(shareLinks)
      .set({ revokedAt: new Date() })
      .where(
        and(eq(shareLinks.id, linkId), eq(shareLinks.quoteRequestId, quoteRequestId), isNull(shareLinks.revokedAt)),
      )
      .returning({ id: shareLinks.id });
    if (!link) throw new DomainError("link_not_live", {}, "linkId");
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: quoteRequestId,
      action: "share_link_revoked",
      actor: `staff:${actor.id}`,
    });
  });
}

export async function listShareLinks(db: Executor, quoteRequestId: string) {
  return db
    .select()
    .from(shareLinks)
    .where(eq(shareLinks.quoteRequestId, quoteRequestId))
    .orderBy(desc(shareLinks.createdAt));
}
