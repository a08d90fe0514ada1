import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { devMailbox, outboxMessages, reviewItems } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { claimReviewItem } from "~/models/review-item.server";
import { createUser } from "~/models/user.server";
import { loader as quotePageLoader } from "~/routes/q.$token/route";
import { action as itemAction } from "~/routes/staff.review.$id/route";
import { type MailTransport, devMailboxTransport, sendPendingEmails } from "~/services/email.server";
import { createQuote, createStaff, resetDatabase } from "../factories";
import { callLoader, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const request: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu", specialRequirements: "Weekend migration" },
  workloads: [{ kind: "web_app", visitsPerDay: 2000 }],
  contact: { name: "Mar", email: "mar@example.es" },
};

const noReview: QuoteRequestInput = {
  ...request,
  requirements: { ...request.requirements, specialRequirements: undefined },
};

const post = (url: string, cookie: string, form: Record<string, string>) =>
  new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });

describe.each(TEST_DATABASES)("e-mail outbox on $name", (target) => {
  const database = useTestDatabase(target);
  // These tests send "everything pending": each starts from an empty outbox.
  beforeEach(() => resetDatabase(database().db));

  it("queues the customer's link and the technicians' notice with the quote, and sends each once", async () => {
    const db = database().db;
    await createUser(db, {
      email: "tech-mail@test.local",
      name: "T",
      role: "technician",
      password: "correct horse battery",
    });
    const { token } = await createQuote(db, { locale: "es" }, request);
    const queued = await db.select().from(outboxMessages);
    const customer = queued.find((m) => m.template === "quote_link")!;
    expect(customer.toAddress).toBe("mar@example.es");
    expect(customer.subject).toBe("Sus propuestas de servidores de SpecDesk"); // the customer's language
    expect(customer.textBody).toContain(`/q/${token}`);
    expect(queued.some((m) => m.template === "review_new" && m.toAddress === "tech-mail@test.local")).toBe(true);

    const sent = await sendPendingEmails(db, devMailboxTransport(db), "SpecDesk <test@specdesk.local>");
    expect(sent).toBe(queued.length);
    expect(await sendPendingEmails(db, devMailboxTransport(db), "x@y.z")).toBe(0);
    const inbox = await db.select().from(devMailbox);
    expect(inbox.filter((m) => m.toAddress === "mar@example.es")).toHaveLength(1);
    expect(inbox[0]!.raw).toContain("Sus propuestas");
  });

  it("retries a failing delivery later and gives up after eight attempts", async () => {
    const db = database().db;
    await createQuote(db, {}, noReview);
    const failing: MailTransport = { send: async () => Promise.reject(new Error("SMTP down")) };
    let now = new Date();
    expect(await sendPendingEmails(db, failing, "x@y.z", 20, now)).toBe(0);
    const [after] = await db.select().from(outboxMessages).where(eq(outboxMessages.status, "pending"));
    expect(after!.attempts).toBe(1);
    expect(after!.lastError).toContain("SMTP down");
    expect(after!.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    for (let i = 0; i < 8; i++) {
      now = new Date(now.getTime() + 3_600_001);
      await sendPendingEmails(db, failing, "x@y.z", 20, now);
    }
    const [failed] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, after!.id));
    expect(failed!.status).toBe("failed");
  });

  it("never puts an internal note in an e-mail; customer-visible updates do go out", async () => {
    const db = database().db;
    const quote = await createQuote(db, {}, request);
    const [item] = await db.select().from(reviewItems).where(eq(reviewItems.id, quote.reviewItemId!));
    const { user: tech, cookie } = await createStaff(db, "technician");
    await claimReviewItem(db, item!.id, tech.id);
    const secret = "INTERNAL ONLY: margin is thin";
    await itemAction({
      request: post(`/staff/review/${item!.id}`, cookie, { intent: "note", body: secret }),
      params: { id: item!.id },
      context: {},
    });
    await itemAction({
      request: post(`/staff/review/${item!.id}`, cookie, { intent: "message", body: "Which weekend suits you?" }),
      params: { id: item!.id },
      context: {},
    });
    await itemAction({
      request: post(`/staff/review/${item!.id}`, cookie, { intent: "publish", version: "1" }),
      params: { id: item!.id },
      context: {},
    });
    await sendPendingEmails(db, devMailboxTransport(db), "x@y.z");
    const all = [...(await db.select().from(outboxMessages)), ...(await db.select().from(devMailbox))];
    for (const m of all) expect(JSON.stringify(m)).not.toContain(secret);
    const toCustomer = (await db.select().from(outboxMessages))
      .filter((m) => m.toAddress === "mar@example.es")
      .map((m) => m.template);
    expect(toCustomer).toEqual(expect.arrayContaining(["quote_link", "staff_message", "published"]));
    const message = (await db.select().from(outboxMessages)).find((m) => m.template === "staff_message")!;
    expect(message.textBody).toContain("Which weekend suits you?");
    // Sent: the recipient got a working link, and our copy keeps none (issue 12, item 5).
    expect(message.textBody).toContain("/q/[link removed after sending]");
    const [received] = await db.select().from(devMailbox).where(eq(devMailbox.outboxId, message.id));
    expect(received!.textBody).toMatch(/\/q\/[A-Za-z0-9_-]{43}/);
  });
});

for (const target of TEST_DATABASES.filter((t) => t.name === "postgres")) {
  describe("outbox workers in parallel on PostgreSQL", () => {
    const database = useTestDatabase(target);
    it("two workers never send the same message twice", async () => {
      const db = database().db;
      for (let i = 0; i < 6; i++)
        await createQuote(db, { contact: { name: `C${i}`, email: `c${i}@example.com` } }, noReview);
      const deliveries: string[] = [];
      const slow: MailTransport = {
        send: async (m) => {
          deliveries.push(m.id);
          await new Promise((r) => setTimeout(r, 20));
        },
      };
      const [a, b] = await Promise.all([
        sendPendingEmails(db, slow, "x@y.z", 4),
        sendPendingEmails(db, slow, "x@y.z", 4),
      ]);
      expect(a + b).toBe(6);
      expect(new Set(deliveries).size).toBe(deliveries.length);
    });
  });
}

describe.each(TEST_DATABASES)("overdue notices on $name", (target) => {
  const database = useTestDatabase(target);
  it("tells the technicians once when an item passes its deadline", async () => {
    const db = database().db;
    const { notifyOverdueItems } = await import("~/services/notifications.server");
    await createUser(db, {
      email: "late-tech@test.local",
      name: "L",
      role: "technician",
      password: "correct horse battery",
    });
    const { reviewItemId } = await createQuote(db, {}, request);
    expect(await notifyOverdueItems(db)).toBe(0);
    await db
      .update(reviewItems)
      .set({ firstResponseDueAt: new Date(Date.now() - 60_000) })
      .where(eq(reviewItems.id, reviewItemId!));
    expect(await notifyOverdueItems(db)).toBe(1);
    expect(await notifyOverdueItems(db)).toBe(0);
    const notices = (await db.select().from(outboxMessages)).filter((m) => m.template === "review_overdue");
    expect(notices.map((m) => m.toAddress)).toEqual(["late-tech@test.local"]);
  });
});

describe.each(TEST_DATABASES)("e-mail me my links on $name", (target) => {
  const database = useTestDatabase(target);
  it("sends a fresh working link to the address's quote, and answers the same for unknown addresses", async () => {
    const db = database().db;
    const { action } = await import("~/routes/quote.link/route");
    await createQuote(db, { contact: { name: "Lost", email: "Lost@Example.com" } }, request);
    const call = (email: string) =>
      action({
        request: new Request("http://localhost/quote/link", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ email }),
        }),
        params: {},
        context: {},
      });
    const known = await call("lost@example.com");
    const unknown = await call("nobody@example.com");
    expect(known).toEqual(unknown);
    const mail = (await db.select().from(outboxMessages)).filter((m) => m.template === "link_request");
    expect(mail).toHaveLength(1);
    const token = /\/q\/([A-Za-z0-9_-]{43})/.exec(mail[0]!.textBody)![1]!;
    const page = await callLoader(quotePageLoader, new Request(`http://localhost/q/${token}`), { token });
    expect(page.data.quote.contactName).toBe("Lost");
    expect(await status(() => call("not-an-email"))).toBe(400);
  });
});
