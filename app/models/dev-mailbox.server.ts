import { desc } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { devMailbox } from "#db/schema";

/**
 * The local mail stand-in's inbox (development and tests only): what recipients would have got,
 * working links included (the outbox's own copy is redacted once sent).
 */
export interface DeliveredEmail {
  outboxId: string;
  to: string;
  subject: string;
  text: string;
  /** The whole message as nodemailer built it. */
  raw: string;
}

/** Stores a delivered message once per outbox message (a retried send does not duplicate it). */
export async function storeInDevMailbox(db: Executor, email: DeliveredEmail) {
  await db
    .insert(devMailbox)
    .values({
      outboxId: email.outboxId,
      toAddress: email.to,
      subject: email.subject,
      textBody: email.text,
      raw: email.raw,
    })
    .onConflictDoNothing({ target: devMailbox.outboxId });
}

/** The newest messages first, as /dev/mailbox shows them. */
export async function listDevMailbox(db: Executor, limit = 100) {
  const messages = await db.select().from(devMailbox).orderBy(desc(devMailbox.createdAt)).limit(limit);
  return messages.map((m) => ({
    id: m.id,
    to: m.toAddress,
    subject: m.subject,
    text: m.textBody,
    at: m.createdAt.toISOString(),
  }));
}
