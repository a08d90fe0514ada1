import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { devMailbox, outboxMessages } from "#db/schema";
import { type MailMessage, devMailboxTransport, sendPendingEmails } from "~/services/email.server";
import { emailQuoteLinks } from "~/services/notifications.server";
import { createQuote, unique } from "../factories";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 17: e-mails say who we are, start their sentences properly, carry the PDF and the amounts. */

describe.each(TEST_DATABASES)("customer e-mails on $name", (target) => {
  const database = useTestDatabase(target);

  it("the 'proposals ready' e-mail carries the proposal PDF, built when it is sent, and the provider's signature", async () => {
    const { db } = database();
    const email = `pdf-${unique()}@example.com`;
    const quote = await createQuote(db, { contact: { name: "Ana", email }, locale: "es" });
    const [queued] = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, email));
    expect(queued!.attachment).toEqual({ kind: "proposal_pdf", quoteRequestId: quote.id, version: 1, locale: "es" });
    expect(queued!.textBody).toMatch(/^Hola, Ana:\n\nSus propuestas/);
    expect(queued!.textBody).toContain("SpecDesk Hosting S.L.");
    expect(queued!.textBody).toContain("NIF ESB12345678");

    // Through a transport that records what it was given, then through the real development mailbox.
    const given: MailMessage[] = [];
    await sendPendingEmails(db, { send: async (m) => void given.push(m) }, "SpecDesk <t@specdesk.local>", 100);
    const mine = given.find((m) => m.to === email)!;
    expect(mine.attachments).toHaveLength(1);
    expect(mine.attachments![0]!.filename).toBe(`proposal-${quote.id.slice(0, 8).toUpperCase()}-v1-es.pdf`);
    expect(mine.attachments![0]!.content.subarray(0, 5).toString()).toBe("%PDF-");

    const again = await createQuote(db, { contact: { name: "Ana", email }, locale: "en" });
    await sendPendingEmails(db, devMailboxTransport(db), "SpecDesk <t@specdesk.local>", 100);
    const [delivered] = await db
      .select()
      .from(devMailbox)
      .where(and(eq(devMailbox.toAddress, email)));
    expect(delivered).toBeDefined();
    const raw = JSON.parse(delivered!.raw) as { attachments?: { filename: string; contentType: string }[] };
    expect(raw.attachments?.[0]).toMatchObject({
      filename: `proposal-${again.id.slice(0, 8).toUpperCase()}-v1-en.pdf`,
      contentType: "application/pdf",
    });
    // The stored copy keeps no working link once sent, and never the PDF's bytes.
    const [sent] = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, email)).limit(1);
    expect(sent!.textBody).not.toMatch(/\/q\/[A-Za-z0-9_-]{43}/);
  });

  it("a lost-link request for two quotes is one e-mail naming each with its reference, date and price", async () => {
    const { db } = database();
    const email = `two-${unique()}@example.com`;
    const a = await createQuote(db, { contact: { name: "Bo", email } });
    const b = await createQuote(db, { contact: { name: "Bo", email } });
    expect(await emailQuoteLinks(db, email)).toBe(true);
    const mails = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.toAddress, email), eq(outboxMessages.template, "link_request")));
    expect(mails).toHaveLength(1);
    const body = mails[0]!.textBody;
    expect(body).toMatch(/^Hello Bo,\n\nHere are the links/);
    for (const q of [a, b]) {
      const line = body.split("\n").find((l) => l.includes(q.id.slice(0, 8).toUpperCase()))!;
      expect(line).toMatch(/^Quote [0-9A-F]{8} of \w+ \d{1,2}, \d{4} \(from €[\d,]+\.\d{2} a month\): http/);
    }
    expect(body).toContain("SpecDesk Hosting S.L.");
  });
});
