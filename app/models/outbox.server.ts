import { and, asc, eq, gt, inArray, like, lte, ne, sql } from "drizzle-orm";
import type { Executor, Transaction } from "#db/client.server";
import { type EmailAttachmentRef, outboxMessages } from "#db/schema";

/**
 * The outbox: e-mails queued inside the transaction that decided to send them, then claimed and
 * marked by the worker (app/services/email.server.ts sends them).
 */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  template: string;
  /** A document to build and attach when the message is sent (never stored in the outbox). */
  attachment?: EmailAttachmentRef | null;
  /** Not before this moment (a reminder); default now. */
  sendAt?: Date;
  /** A scheduled message's identity: a second message with the same key is not queued. */
  dedupeKey?: string;
}

export type { EmailAttachmentRef };

/** Queue an e-mail inside the caller's transaction; with a dedupe key, only the first is kept (true when queued). */
export async function enqueueEmail(db: Executor, email: OutgoingEmail): Promise<boolean> {
  const rows = await db
    .insert(outboxMessages)
    .values({
      toAddress: email.to,
      subject: email.subject,
      textBody: email.text,
      template: email.template,
      attachment: email.attachment ?? null,
      dedupeKey: email.dedupeKey ?? null,
      ...(email.sendAt ? { nextAttemptAt: email.sendAt } : {}),
    })
    .onConflictDoNothing({ target: outboxMessages.dedupeKey, where: sql`dedupe_key is not null` })
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

/**
 * A signed page to POST to a technician's webhook (channel "webhook"): `url` is where, `body` the
 * JSON sent as it is stored, `signerId` the staff user whose derived key signs it when it is sent
 * (app/services/page-webhooks.server.ts). Never claimed by the e-mail sender, nor the other way round.
 */
export interface OutgoingWebhook {
  url: string;
  /** A short line for the outbox's audit ("P1 INC-7 update overdue"). */
  subject: string;
  body: string;
  template: string;
  signerId: string;
  dedupeKey?: string;
}

/** Queue a webhook delivery inside the caller's transaction; with a dedupe key, only the first is kept. */
export async function enqueueWebhook(db: Executor, hook: OutgoingWebhook): Promise<boolean> {
  const rows = await db
    .insert(outboxMessages)
    .values({
      channel: "webhook",
      toAddress: hook.url,
      subject: hook.subject,
      textBody: hook.body,
      template: hook.template,
      signerId: hook.signerId,
      dedupeKey: hook.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: outboxMessages.dedupeKey, where: sql`dedupe_key is not null` })
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

/** Cancels the pending messages whose dedupe key starts with `prefix` (reminders of a window withdrawn). */
export async function cancelScheduledEmails(db: Executor, prefix: string) {
  const rows = await db
    .update(outboxMessages)
    .set({ status: "cancelled" })
    .where(and(eq(outboxMessages.status, "pending"), like(outboxMessages.dedupeKey, `${prefix}%`)))
    .returning({ id: outboxMessages.id });
  return rows.length;
}

/*
 * Once a message has left (or finally failed), its stored copy keeps no working link: every token
 * we mint is 43 base64url characters, and any such run is replaced. The row keeps its audit value
 * (recipient, subject, template, times, the text around the link). Tokens are stored hashed; this
 * keeps a database dump from undoing that. A pending message must keep its link to be sent.
 */
export const REDACTED_LINK = "[link removed after sending]";
const TOKEN_RUN = "(^|[^A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])";

export function redactTokens(text: string) {
  return text.replace(new RegExp(TOKEN_RUN, "g"), `$1${REDACTED_LINK}`);
}

// The same pattern in PostgreSQL's regular expressions, for rows stored before redaction existed.
const redactedBody = sql`regexp_replace(${outboxMessages.textBody}, ${TOKEN_RUN}, ${`\\1${REDACTED_LINK}`}, 'g')`;

/**
 * Redacts every sent or failed message that still holds a token. Migration 0011 ran the same
 * statement once on upgrade (not at every start: it scans the whole outbox); this is for an
 * outbox restored from a dump taken before then.
 */
export async function redactDeliveredEmails(db: Executor) {
  const rows = await db
    .update(outboxMessages)
    .set({ textBody: redactedBody })
    .where(and(ne(outboxMessages.status, "pending"), sql`${outboxMessages.textBody} ~ ${TOKEN_RUN}`))
    .returning({ id: outboxMessages.id });
  return rows.length;
}

/** How often an address may have its quote links e-mailed (see /quote/link). */
export const LINK_REQUEST_INTERVAL_MS = 15 * 60_000;
/** Namespace of the per-address advisory lock (the second key is the address's hash). */
const LINK_REQUEST_LOCK = 7_404_713;

/**
 * Makes link requests for one (normalised) address take turns until the caller's transaction ends:
 * a later one then sees the earlier one's outbox row.
 */
export async function lockLinkRequests(tx: Transaction, normalizedAddress: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(${LINK_REQUEST_LOCK}::int, hashtext(${normalizedAddress}))`);
}

/** Whether a link-request e-mail went to this address (any case) recently. */
export async function linkRequestedRecently(db: Executor, address: string, now = new Date()) {
  const [row] = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.template, "link_request"),
        eq(sql`lower(${outboxMessages.toAddress})`, address.toLowerCase()),
        gt(outboxMessages.createdAt, new Date(now.getTime() - LINK_REQUEST_INTERVAL_MS)),
      ),
    )
    .limit(1);
  return Boolean(row);
}

const MAX_ATTEMPTS = 8;

/** Exponential backoff: 30 s, 1 min, 2 min … capped at an hour. */
export function retryDelayMs(attempts: number) {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** How long a worker holds claimed messages before another may take them over. */
const LEASE_MS = 5 * 60_000;

export type OutboxMessage = typeof outboxMessages.$inferSelect;

/**
 * Claims due messages of one channel in a short transaction (FOR UPDATE SKIP LOCKED, then a lease),
 * so several app instances share the work and never pick the same row; a worker that dies mid-way
 * leaves its lease to expire and the message is taken by another. The e-mail sender claims only
 * e-mails and the webhook sender only webhooks: a URL never reaches SMTP, an address is never POSTed to.
 */
export async function claimDueEmails(
  db: Executor,
  limit: number,
  now: Date,
  channel: "email" | "webhook" = "email",
): Promise<OutboxMessage[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.status, "pending"),
          eq(outboxMessages.channel, channel),
          lte(outboxMessages.nextAttemptAt, now),
        ),
      )
      .orderBy(asc(outboxMessages.createdAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length) {
      await tx
        .update(outboxMessages)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(
          inArray(
            outboxMessages.id,
            due.map((m) => m.id),
          ),
        );
    }
    return due;
  });
}

/** A claimed message has left: sent, and its stored copy without a working link. */
export async function markEmailSent(db: Executor, message: OutboxMessage) {
  await db
    .update(outboxMessages)
    .set({
      status: "sent",
      sentAt: new Date(),
      attempts: message.attempts + 1,
      textBody: redactTokens(message.textBody),
    })
    .where(eq(outboxMessages.id, message.id));
}

/** A claimed message that must not go out any more (a webhook whose owner changed or removed it). */
export async function markMessageCancelled(db: Executor, message: OutboxMessage, reason: string) {
  await db
    .update(outboxMessages)
    .set({ status: "cancelled", lastError: reason.slice(0, 500), attempts: message.attempts })
    .where(eq(outboxMessages.id, message.id));
}

/**
 * Page webhooks are off (no PAGE_WEBHOOK_SECRET): the due webhook rows will never be sent, so they
 * are cancelled rather than left pending (rows another instance holds under a lease are left to it).
 * How many were cancelled.
 */
export async function cancelDueWebhooks(db: Executor, reason: string, now: Date): Promise<number> {
  const rows = await db
    .update(outboxMessages)
    .set({ status: "cancelled", lastError: reason.slice(0, 500) })
    .where(
      and(
        eq(outboxMessages.status, "pending"),
        eq(outboxMessages.channel, "webhook"),
        lte(outboxMessages.nextAttemptAt, now),
      ),
    )
    .returning({ id: outboxMessages.id });
  return rows.length;
}

/** A claimed message could not be sent: retried later with backoff, then marked failed (and redacted). */
export async function markEmailAttemptFailed(db: Executor, message: OutboxMessage, error: unknown, now: Date) {
  const attempts = message.attempts + 1;
  const failed = attempts >= MAX_ATTEMPTS;
  await db
    .update(outboxMessages)
    .set({
      attempts,
      lastError: String(error).slice(0, 500),
      status: failed ? "failed" : "pending",
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
      ...(failed ? { textBody: redactTokens(message.textBody) } : {}),
    })
    .where(eq(outboxMessages.id, message.id));
}
