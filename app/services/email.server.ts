import { and, asc, eq, gt, inArray, lte, ne, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Database, Transaction } from "#db/client.server";
import { devMailbox, outboxMessages } from "#db/schema";
import { type Env, mailTransport } from "~/utils/env.server";

type Tx = Transaction;

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  template: string;
}

/** Queue an e-mail inside the caller's transaction. */
export async function enqueueEmail(tx: Tx | Database, email: OutgoingEmail) {
  await tx.insert(outboxMessages).values({ toAddress: email.to, subject: email.subject, textBody: email.text, template: email.template });
}

export interface MailTransport {
  send(message: { id: string; from: string; to: string; subject: string; text: string }): Promise<void>;
}

/** Real SMTP through nodemailer. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transporter.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, messageId: `<${m.id}@specdesk>` });
    },
  };
}

/**
 * The local stand-in: nodemailer builds the real message (JSON transport), and it is delivered to
 * the dev_mailbox table, where tests and /dev/mailbox read it.
 */
export function devMailboxTransport(db: Database): MailTransport {
  const transporter = nodemailer.createTransport({ jsonTransport: true });
  return {
    async send(m) {
      const info = await transporter.sendMail({ from: m.from, to: m.to, subject: m.subject, text: m.text, messageId: `<${m.id}@specdesk>` });
      await db.insert(devMailbox).values({ outboxId: m.id, toAddress: m.to, subject: m.subject, textBody: m.text, raw: String(info.message) }).onConflictDoNothing({ target: devMailbox.outboxId });
    },
  };
}

/**
 * The transport the outbox worker uses, or null when e-mail is disabled (MAIL_TRANSPORT=disabled):
 * then nothing is sent and messages stay pending, never "sent". Environment validation keeps the
 * development mailbox out of production.
 */
export function outboxTransport(env: Env, db: Database): MailTransport | null {
  const kind = mailTransport(env);
  if (kind === "smtp") return smtpTransport(env.SMTP_URL!);
  if (kind === "mailbox" && env.NODE_ENV !== "production") return devMailboxTransport(db);
  return null;
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
export async function redactDeliveredEmails(db: Database) {
  const rows = await db
    .update(outboxMessages)
    .set({ textBody: redactedBody })
    .where(and(ne(outboxMessages.status, "pending"), sql`${outboxMessages.textBody} ~ ${TOKEN_RUN}`))
    .returning({ id: outboxMessages.id });
  return rows.length;
}

/** How often an address may have its quote links e-mailed (see /quote/link). */
export const LINK_REQUEST_INTERVAL_MS = 15 * 60_000;

/** Whether a link-request e-mail went to this address (any case) recently. */
export async function linkRequestedRecently(tx: Tx | Database, address: string, now = new Date()) {
  const [row] = await tx
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.template, "link_request"), eq(sql`lower(${outboxMessages.toAddress})`, address.toLowerCase()), gt(outboxMessages.createdAt, new Date(now.getTime() - LINK_REQUEST_INTERVAL_MS))))
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

/**
 * Sends due messages. A short transaction claims them (FOR UPDATE SKIP LOCKED, then a lease),
 * so several app instances share the work and never pick the same row; the sending itself runs
 * outside any transaction. A failure is retried later with backoff, then marked failed; a worker
 * that dies mid-way leaves its lease to expire and the message is sent by another.
 */
export async function sendPendingEmails(db: Database, transport: MailTransport, from: string, limit = 20, now = new Date()) {
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.status, "pending"), lte(outboxMessages.nextAttemptAt, now)))
      .orderBy(asc(outboxMessages.createdAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length) {
      await tx
        .update(outboxMessages)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(inArray(outboxMessages.id, due.map((m) => m.id)));
    }
    return due;
  });
  let sent = 0;
  for (const m of claimed) {
    try {
      await transport.send({ id: m.id, from, to: m.toAddress, subject: m.subject, text: m.textBody });
      await db.update(outboxMessages).set({ status: "sent", sentAt: new Date(), attempts: m.attempts + 1, textBody: redactTokens(m.textBody) }).where(eq(outboxMessages.id, m.id));
      sent++;
    } catch (error) {
      const attempts = m.attempts + 1;
      const failed = attempts >= MAX_ATTEMPTS;
      await db
        .update(outboxMessages)
        .set({ attempts, lastError: String(error).slice(0, 500), status: failed ? "failed" : "pending", nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)), ...(failed ? { textBody: redactTokens(m.textBody) } : {}) })
        .where(eq(outboxMessages.id, m.id));
    }
  }
  return sent;
}
