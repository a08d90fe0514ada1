import nodemailer from "nodemailer";
import type { Database, Executor } from "#db/client.server";
import { storeInDevMailbox } from "~/models/dev-mailbox.server";
import { claimDueEmails, markEmailAttemptFailed, markEmailSent } from "~/models/outbox.server";
import { type Env, mailTransport } from "~/utils/env.server";
import { type EmailAttachment, buildAttachment } from "./email-attachments.server";

export interface MailMessage {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  attachments?: EmailAttachment[];
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

/** Real SMTP through nodemailer. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(m) {
      await transporter.sendMail({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        attachments: m.attachments,
        messageId: `<${m.id}@specdesk>`,
      });
    },
  };
}

/**
 * The local stand-in: nodemailer builds the real message (JSON transport), and it is delivered to
 * the dev_mailbox table, where tests and /dev/mailbox read it.
 */
export function devMailboxTransport(db: Executor): MailTransport {
  const transporter = nodemailer.createTransport({ jsonTransport: true });
  return {
    async send(m) {
      const info = await transporter.sendMail({
        from: m.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        attachments: m.attachments,
        messageId: `<${m.id}@specdesk>`,
      });
      await storeInDevMailbox(db, {
        outboxId: m.id,
        to: m.to,
        subject: m.subject,
        text: m.text,
        raw: String(info.message),
      });
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

/**
 * Sends due messages. They are claimed first (see claimDueEmails: several app instances share the
 * work and never pick the same row); the sending itself runs outside any transaction. A failure is
 * retried later with backoff, then marked failed; a worker that dies mid-way leaves its lease to
 * expire and the message is sent by another.
 */
export async function sendPendingEmails(
  db: Database,
  transport: MailTransport,
  from: string,
  limit = 20,
  now = new Date(),
) {
  const claimed = await claimDueEmails(db, limit, now);
  let sent = 0;
  for (const m of claimed) {
    try {
      const attachment = m.attachment ? await buildAttachment(db, m.attachment) : null;
      await transport.send({
        id: m.id,
        from,
        to: m.toAddress,
        subject: m.subject,
        text: m.textBody,
        ...(attachment ? { attachments: [attachment] } : {}),
      });
      await markEmailSent(db, m);
      sent++;
    } catch (error) {
      await markEmailAttemptFailed(db, m, error, now);
    }
  }
  return sent;
}
