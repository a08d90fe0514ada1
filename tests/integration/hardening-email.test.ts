import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Database } from "#db/client.server";
import { devMailbox, outboxMessages, quoteAccessTokens, quoteRequests } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { createUser, findOpenInvite } from "~/models/user.server";
import { loader as quotePageLoader } from "~/routes/q.$token/route";
import { action as linkAction } from "~/routes/quote.link/route";
import { action as usersAction } from "~/routes/staff.users/route";
import * as outbox from "~/models/outbox.server";
import { type MailTransport, devMailboxTransport, sendPendingEmails } from "~/services/email.server";
import { hashToken } from "~/utils/token.server";
import { createQuote } from "../factories";
import { callLoader, req, staffCookie, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const base: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 2500 }],
  contact: { name: "Mail Person", email: "mail@example.com" },
};

/** A quote from `contact` in the customer's language `lang`; its private link token. */
async function submit(db: Database, contact: QuoteRequestInput["contact"], lang = "en") {
  return (await createQuote(db, { contact, locale: lang }, base)).token;
}

/** Any 43-character base64url run: the shape of every token the app mints. */
const TOKEN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/;
const LINKS = /\/q\/([A-Za-z0-9_-]{43})/g;

const askForLinks = (address: string, lang = "en") =>
  linkAction({
    request: new Request("http://localhost/quote/link", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": lang },
      body: new URLSearchParams({ email: address }),
    }),
    params: {},
    context: {},
  });

async function quoteIdOf(token: string) {
  return (await callLoader(quotePageLoader, req(`/q/${token}`), { token })).data.quote.id;
}

describe.each(TEST_DATABASES)("sent e-mail keeps no usable token (item 5) on $name", (target) => {
  const database = useTestDatabase(target);

  it("redacts customer links and staff invites from the outbox once sent; keeps the audit fields; the recipient's (dev) inbox keeps the link", async () => {
    const db = database().db;
    const token = await submit(database().db, { name: "Redact Me", email: "redact@example.com" });
    const admin = await createUser(db, {
      email: "redact-admin@test.local",
      name: "Ada",
      role: "admin",
      password: "correct horse battery",
    });
    const invited = await usersAction({
      request: req("/staff/users", await staffCookie(db, admin.id), {
        intent: "invite",
        email: "newtech@test.local",
        name: "New Tech",
        role: "technician",
      }),
      params: {},
      context: {},
    });
    expect(await status(async () => invited)).toBe(200);
    const [queuedInvite] = await db.select().from(outboxMessages).where(eq(outboxMessages.template, "staff_invite"));
    const inviteToken = /\/staff\/invite\/([A-Za-z0-9_-]{43})/.exec(queuedInvite!.textBody)![1]!;
    expect(await findOpenInvite(db, inviteToken)).not.toBeNull(); // the test's own premise: a live invite

    expect(await sendPendingEmails(db, devMailboxTransport(db), "SpecDesk <t@specdesk.local>")).toBeGreaterThanOrEqual(
      2,
    );
    const rows = await db.select().from(outboxMessages);
    for (const m of rows) {
      expect(m.status).toBe("sent");
      expect(m.textBody).not.toMatch(TOKEN);
    }
    const archived = JSON.stringify(rows);
    expect(archived).not.toContain(token);
    expect(archived).not.toContain(inviteToken);
    const customer = rows.find((m) => m.template === "quote_link")!;
    expect(customer.toAddress).toBe("redact@example.com");
    expect(customer.subject).toBe("Your SpecDesk server proposals");
    expect(customer.sentAt).not.toBeNull();
    expect(customer.textBody).toContain("Hello Redact Me");
    expect(customer.textBody).toContain("/q/[link removed after sending]");
    expect(rows.find((m) => m.template === "staff_invite")!.textBody).toContain(
      "/staff/invite/[link removed after sending]",
    );

    // The development stand-in for the recipient's inbox is where developers and the e2e tests read links.
    const inbox = await db.select().from(devMailbox).where(eq(devMailbox.toAddress, "redact@example.com"));
    expect(inbox[0]!.textBody).toContain(`/q/${token}`);
  });

  it("keeps the link while a delivery is retried, and redacts it when the message finally fails", async () => {
    const db = database().db;
    await db.delete(outboxMessages);
    const token = await submit(database().db, { name: "Never Delivered", email: "bounce@example.com" });
    const failing: MailTransport = { send: async () => Promise.reject(new Error("SMTP down")) };
    let now = new Date();
    await sendPendingEmails(db, failing, "x@y.z", 20, now);
    const [retrying] = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, "bounce@example.com"));
    expect(retrying!.status).toBe("pending");
    expect(retrying!.textBody).toContain(`/q/${token}`);
    for (let i = 0; i < 8; i++) {
      now = new Date(now.getTime() + 3_600_001);
      await sendPendingEmails(db, failing, "x@y.z", 20, now);
    }
    const [failed] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, retrying!.id));
    expect(failed!.status).toBe("failed");
    expect(failed!.textBody).not.toMatch(TOKEN);
    expect(failed!.textBody).toContain("[link removed after sending]");
  });

  it("redacts messages sent before this fix (the sweep at start-up)", async () => {
    const db = database().db;
    const live = "L".repeat(43);
    await db.insert(outboxMessages).values([
      {
        toAddress: "old@example.com",
        subject: "Old",
        textBody: `Your link: https://q.example.com/q/${live}\nand https://q.example.com/staff/invite/${live}.`,
        template: "quote_link",
        status: "sent",
        sentAt: new Date(),
      },
      {
        toAddress: "old2@example.com",
        subject: "Old",
        textBody: `Your link: https://q.example.com/q/${live}`,
        template: "quote_link",
        status: "failed",
      },
      {
        toAddress: "queued@example.com",
        subject: "Queued",
        textBody: `Your link: https://q.example.com/q/${live}`,
        template: "quote_link",
        status: "pending",
        nextAttemptAt: new Date(Date.now() + 86_400_000),
      },
    ]);
    expect(await outbox.redactDeliveredEmails(db)).toBeGreaterThanOrEqual(2);
    const rows = await db
      .select()
      .from(outboxMessages)
      .where(sql`${outboxMessages.toAddress} in ('old@example.com', 'old2@example.com', 'queued@example.com')`);
    const by = (to: string) => rows.find((r) => r.toAddress === to)!.textBody;
    expect(by("old@example.com")).toBe(
      "Your link: https://q.example.com/q/[link removed after sending]\nand https://q.example.com/staff/invite/[link removed after sending].",
    );
    expect(by("old2@example.com")).not.toContain(live);
    expect(by("queued@example.com")).toContain(live); // not sent yet: it still has to go out
  });
});

describe("mail transport configuration (item 6)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  async function envWith(vars: Record<string, string>) {
    for (const key of ["SMTP_URL", "MAIL_TRANSPORT", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]) vi.stubEnv(key, "");
    for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
    vi.resetModules();
    return import("~/utils/env.server");
  }

  it("production refuses to start without a mail transport, naming SMTP_URL", async () => {
    const { getEnv } = await envWith({ NODE_ENV: "production" });
    expect(() => getEnv()).toThrow(/SMTP_URL/);
  });

  it("production never uses the development mailbox, even when asked", async () => {
    const { getEnv } = await envWith({ NODE_ENV: "production", MAIL_TRANSPORT: "mailbox" });
    expect(() => getEnv()).toThrow(/MAIL_TRANSPORT/);
  });

  it("MAIL_TRANSPORT=smtp needs SMTP_URL; SMTP_URL alone means SMTP", async () => {
    const smtpWithout = await envWith({ NODE_ENV: "development", MAIL_TRANSPORT: "smtp" });
    expect(() => smtpWithout.getEnv()).toThrow(/SMTP_URL/);
    const withUrl = await envWith({ NODE_ENV: "production", SMTP_URL: "smtp://u:p@mail.example.com:587" });
    expect(withUrl.mailTransport()).toBe("smtp");
    const dev = await envWith({ NODE_ENV: "development" });
    expect(dev.mailTransport()).toBe("mailbox");
  });

  it("production with MAIL_TRANSPORT=disabled starts, sends nothing and never marks a message sent", async () => {
    const { getEnv, mailTransport } = await envWith({ NODE_ENV: "production", MAIL_TRANSPORT: "disabled" });
    expect(() => getEnv()).not.toThrow();
    expect(mailTransport()).toBe("disabled");
    const fresh = await import("~/services/email.server");
    expect(fresh.outboxTransport(getEnv(), {} as never)).toBeNull();
  });

  it("/dev/mailbox answers 404 unless the mailbox stand-in is the transport", async () => {
    await envWith({ NODE_ENV: "development", MAIL_TRANSPORT: "disabled" });
    const { loader } = await import("~/routes/dev.mailbox");
    expect(await status(() => loader({ request: req("/dev/mailbox"), params: {}, context: {} }))).toBe(404);
  });
});

describe.each(TEST_DATABASES)(
  "/quote/link sends one e-mail per address per 15 minutes (item 11) on $name",
  (target) => {
    const database = useTestDatabase(target);
    const linkMails = async (address: string) =>
      await database()
        .db.select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.template, "link_request"), sql`lower(${outboxMessages.toAddress}) = ${address}`));

    it("one e-mail lists every quote of the address, newest first, in the customer's language; repeats within 15 minutes send nothing; the answer never differs", async () => {
      const db = database().db;
      const first = await submit(database().db, { name: "Flood Victim", email: "victim@example.com" });
      const second = await submit(database().db, { name: "Flood Victim", email: "Victim@Example.com" });
      const third = await submit(database().db, { name: "Víctima", email: "victim@example.com" }, "es");
      const ids = [await quoteIdOf(third), await quoteIdOf(second), await quoteIdOf(first)];

      const answers = [];
      for (let i = 0; i < 10; i++) answers.push(await askForLinks("VICTIM@example.com"));
      answers.push(await askForLinks("nobody-here@example.com"));
      for (const a of answers) expect(a).toEqual(answers[0]);

      const mails = await linkMails("victim@example.com");
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.subject).toBe("Los enlaces a sus presupuestos de SpecDesk"); // the newest quote's language
      expect(mail.textBody).toContain("Hola, Víctima");
      const tokens = [...mail.textBody.matchAll(LINKS)].map((m) => m[1]!);
      expect(tokens).toHaveLength(3);
      expect(await Promise.all(tokens.map(quoteIdOf))).toEqual(ids);
      for (const id of ids) expect(mail.textBody).toContain(id.slice(0, 8).toUpperCase());

      // Fifteen minutes later the address may ask again.
      await db
        .update(outboxMessages)
        .set({ createdAt: sql`${outboxMessages.createdAt} - interval '16 minutes'` })
        .where(eq(outboxMessages.id, mail.id));
      await askForLinks("victim@example.com");
      expect(await linkMails("victim@example.com")).toHaveLength(2);
    });

    it("concurrent requests for one address send one e-mail", async () => {
      await submit(database().db, { name: "Race", email: "race@example.com" });
      await Promise.all(Array.from({ length: 12 }, () => askForLinks("race@example.com")));
      expect(await linkMails("race@example.com")).toHaveLength(1);
    });

    it("lists at most 20 quotes and mints at most 20 tokens", async () => {
      const db = database().db;
      for (let i = 0; i < 22; i++) await submit(database().db, { name: "Many", email: "many@example.com" });
      const tokensBefore = (await db.select({ n: sql<number>`count(*)::int` }).from(quoteAccessTokens))[0]!.n;
      await askForLinks("many@example.com");
      const [mail] = await linkMails("many@example.com");
      expect([...mail!.textBody.matchAll(LINKS)]).toHaveLength(20);
      expect((await db.select({ n: sql<number>`count(*)::int` }).from(quoteAccessTokens))[0]!.n).toBe(
        tokensBefore + 20,
      );
    });
  },
);

describe.each(TEST_DATABASES)("customer values are inert in e-mails (item 13) on $name", (target) => {
  const database = useTestDatabase(target);
  const nasty = "{{link}} $t(email.quote_link.subject) {{- link}} {{message}}";

  for (const lang of ["en", "es"]) {
    it(`a name with {{link}} and $t(…) is printed as typed (${lang})`, async () => {
      const db = database().db;
      const address = `inert-${lang}@example.com`;
      const token = await submit(database().db, { name: nasty, email: address }, lang);
      const [quoteMail] = await db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.toAddress, address), eq(outboxMessages.template, "quote_link")));
      expect(quoteMail!.textBody).toContain(nasty);
      expect(quoteMail!.textBody.match(LINKS)).toEqual([`/q/${token}`]);
      expect(quoteMail!.textBody).not.toContain(
        lang === "en" ? "Your SpecDesk server proposals" : "Sus propuestas de servidores de SpecDesk",
      );

      await askForLinks(address);
      const [linkMail] = await db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.toAddress, address), eq(outboxMessages.template, "link_request")));
      expect(linkMail!.textBody).toContain(nasty);
      expect(linkMail!.textBody.match(LINKS)).toHaveLength(1);
    });
  }

  it("a staff message with {{name}} is not expanded either", async () => {
    const db = database().db;
    const { notifyCustomer } = await import("~/services/notifications.server");
    await submit(database().db, { name: "Plain Name", email: "staffmsg@example.com" });
    const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.contactEmail, "staffmsg@example.com"));
    await db.transaction((tx) =>
      notifyCustomer(tx, quote!.id, "staff_message", { message: "Dear {{name}}, see {{link}}" }),
    );
    const [mail] = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.toAddress, "staffmsg@example.com"), eq(outboxMessages.template, "staff_message")));
    expect(mail!.textBody).toContain("Dear {{name}}, see {{link}}");
    expect(mail!.textBody.match(LINKS)).toHaveLength(1);
  });
});

// Keeps the token helpers honest: the redaction pattern is exactly the shape tokens are minted in.
describe("redaction pattern", () => {
  it("matches a minted token and nothing shorter", async () => {
    const { newAccessToken } = await import("~/utils/token.server");
    const t = newAccessToken();
    expect(outbox.redactTokens(`x /q/${t} y`)).toBe("x /q/[link removed after sending] y");
    expect(outbox.redactTokens(`id ${hashToken(t).slice(0, 40)}`)).toBe(`id ${hashToken(t).slice(0, 40)}`);
  });
});
