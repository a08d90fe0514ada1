import { and, asc, eq, inArray, lte } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Database, Transaction } from "#db/client.server";
import { devMailbox, outboxMessages } from "#db/schema";

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
      await db.update(outboxMessages).set({ status: "sent", sentAt: new Date(), attempts: m.attempts + 1 }).where(eq(outboxMessages.id, m.id));
      sent++;
    } catch (error) {
      const attempts = m.attempts + 1;
      await db
        .update(outboxMessages)
        .set({ attempts, lastError: String(error).slice(0, 500), status: attempts >= MAX_ATTEMPTS ? "failed" : "pending", nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) })
        .where(eq(outboxMessages.id, m.id));
    }
  }
  return sent;
}
