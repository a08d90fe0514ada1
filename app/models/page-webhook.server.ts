import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { auditLog, users } from "#db/schema";

/**
 * A technician's own page webhook (issue 19): the URL pages are POSTed to and the version their
 * signing key derives from (no key is stored; app/utils/page-webhook-signature.server.ts). Every
 * change bumps the version, so the key shown before stops verifying.
 */
export async function pageWebhookOf(db: Executor, userId: string) {
  const [row] = await db
    .select({ url: users.pageWebhookUrl, version: users.pageWebhookKeyVersion })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

/**
 * Sets (a URL) or removes (null) the user's webhook, with a new key version; the new version, or
 * null when the user does not exist. One statement: two changes at once each get their own version.
 */
export async function setPageWebhook(db: Executor, userId: string, url: string | null): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ pageWebhookUrl: url, pageWebhookKeyVersion: sql`${users.pageWebhookKeyVersion} + 1` })
      .where(eq(users.id, userId))
      .returning({ version: users.pageWebhookKeyVersion });
    if (!row) return null;
    await tx.insert(auditLog).values({
      entityType: "user",
      entityId: userId,
      action: url ? "page_webhook_set" : "page_webhook_removed",
      actor: `staff:${userId}`,
      // The origin only: a webhook URL can itself be a secret (a Slack or chat hook's path).
      data: { origin: url ? urlOrigin(url) : null, keyVersion: row.version },
    });
    return row.version;
  });
}

/** The URL's scheme, host and port, without the path or query that may carry a token. */
function urlOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** A new key for the webhook already set (the old one stops verifying); null when none is set. */
export async function rotatePageWebhookKey(db: Executor, userId: string): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ pageWebhookKeyVersion: sql`${users.pageWebhookKeyVersion} + 1` })
      .where(and(eq(users.id, userId), isNotNull(users.pageWebhookUrl)))
      .returning({ version: users.pageWebhookKeyVersion });
    if (!row) return null;
    await tx.insert(auditLog).values({
      entityType: "user",
      entityId: userId,
      action: "page_webhook_key_rotated",
      actor: `staff:${userId}`,
      data: { keyVersion: row.version },
    });
    return row.version;
  });
}

/** The signers of claimed webhook deliveries, as they are now (URL, key version, still active). */
export async function webhookSigners(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, { url: string | null; version: number; active: boolean }>();
  const rows = await db
    .select({
      id: users.id,
      url: users.pageWebhookUrl,
      version: users.pageWebhookKeyVersion,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, { url: r.url, version: r.version, active: !r.disabledAt }]));
}
