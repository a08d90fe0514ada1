import { and, desc, eq } from "drizzle-orm";
import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import {
  acceptances,
  auditLog,
  proposals,
  outboxMessages,
  payments,
  proposalVersions,
  provisioningItems,
  quoteMessages,
  quoteRequests,
  stripeEvents,
} from "#db/schema";
import type { Database } from "#db/client.server";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { customerPageById } from "~/models/customer-page.server";
import { getQuoteById } from "~/models/quote-request.server";
import { action as shareAction, loader as shareLoader } from "~/routes/s.$token";
import { action as webhookAction } from "~/routes/webhooks.stripe";
import { loader as shareReceipt } from "~/routes/s.$token_.receipt/route";
import { loader as shareReceiptPdf } from "~/routes/s.$token_.receipt[.pdf]";
import { pdfText } from "~/services/pdf-layout.server";
import { formatMoney } from "~/utils/format";
import { PDFParse } from "pdf-parse";
import { handleStripeEvent } from "~/services/payments.server";
import { STANDIN_WEBHOOK_SECRET } from "~/services/stripe.server";
import { TERMS_VERSION } from "~/utils/terms";
import type { StripeStandIn } from "../../server/stripe-standin";
import { createQuote, createShareLink, createStaff, publishRepricedBook } from "../factories";
import { callAction, callLoader } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";
import { useStandIn } from "../support/stripe-standin";

const input: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Paying Customer", email: "payer@example.com", company: "Pay Co" },
};

function sign(payload: string, timestamp?: number) {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret: STANDIN_WEBHOOK_SECRET, timestamp });
}

function webhookRequest(payload: string, signature: string) {
  return new Request("http://localhost/webhooks/stripe", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
    body: payload,
  });
}

async function postWebhook(payload: string, signature: string) {
  const r = await webhookAction({ request: webhookRequest(payload, signature), params: {}, context: {} });
  return { status: r.status, outcome: ((await r.json()) as { outcome?: string }).outcome };
}

let eventCounter = 0;
function eventFor(type: string, session: Record<string, unknown>) {
  return JSON.stringify({
    id: `evt_test_${Date.now()}_${eventCounter++}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object: session },
  });
}

/** A quote with a share link to its first version, made by a sales rep of its own. */
async function newQuote(db: Database) {
  const { id } = await createQuote(db, {}, input);
  const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, id));
  const { user: rep } = await createStaff(db, "sales");
  const { token } = await createShareLink(db, { quoteRequestId: id, createdBy: rep.id });
  return { quote: quote!, token };
}

const acceptForm = (overrides: Record<string, string> = {}) => ({
  intent: "accept",
  version: "1",
  tier: "lean",
  termsVersion: TERMS_VERSION,
  terms: "yes",
  name: "Ana Buyer",
  company: "Pay Co",
  email: "ana@example.com",
  poNumber: "PO-77",
  ...overrides,
});

function shareRequest(token: string, form: Record<string, string>) {
  return new Request(`http://localhost/s/${token}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": "VitestBrowser/1.0" },
    body: new URLSearchParams(form),
  });
}

async function accept(token: string, form: Record<string, string> = acceptForm()) {
  const r = await callAction(shareAction, shareRequest(token, form), { token }, { clientIp: "203.0.113.9" });
  return {
    status: r.status,
    location: r.location,
    data: r.response ? null : (r.data as { commerce: { errors: { path: string }[]; reason: string | null } }),
  };
}

describe.each(TEST_DATABASES)("acceptance and Stripe payments on $name", (target) => {
  const database = useTestDatabase(target);
  const stand = useStandIn();
  let standIn: StripeStandIn;
  beforeAll(() => {
    standIn = stand();
  });

  it("records the acceptance with locked totals and sends the customer to Checkout (subscription mode) for the setup fee", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    const result = await accept(token);
    expect(result.data).toBeNull();
    expect(result.status).toBe(303);
    expect(result.location).toMatch(new RegExp(`^${standIn.baseUrl}/checkout/cs_test_`));
    const [row] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id));
    const [balanced] = await db
      .select({
        setup_minor: proposals.setupMinor,
        monthly_minor: proposals.monthlyMinor,
        term_total_minor: proposals.termTotalMinor,
      })
      .from(proposals)
      .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, 1), eq(proposals.tier, "lean")));
    expect(row).toMatchObject({
      version: 1,
      tier: "lean",
      termsVersion: TERMS_VERSION,
      name: "Ana Buyer",
      company: "Pay Co",
      email: "ana@example.com",
      poNumber: "PO-77",
      ip: "203.0.113.9",
      userAgent: "VitestBrowser/1.0",
      setupMinor: balanced!.setup_minor,
      monthlyMinor: balanced!.monthly_minor,
      termTotalMinor: balanced!.term_total_minor,
    });
    // The months are billed from hand-over (tests/integration/billing.test.ts): setup and one-off work now.
    expect(row!.dueNowMinor).toBe(balanced!.setup_minor);
    expect(row!.renewal).toBe("end");
    const [q] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote.id));
    expect(q!.status).toBe("accepted");
    const sessionId = result.location!.split("/checkout/")[1]!;
    const session = standIn.sessions.get(sessionId)!;
    expect(session.amount_total).toBe(row!.dueNowMinor);
    expect(session.currency).toBe("eur");
    expect(session.metadata?.acceptance_id).toBe(row!.id);

    // Paying again from the page (or a retried request) reuses the session: one per attempt.
    const again = await accept(token, { intent: "pay" });
    expect(again.location).toBe(result.location);
    expect(await db.select().from(payments).where(eq(payments.acceptanceId, row!.id))).toHaveLength(1);
  });

  it("a double submit or two tabs produce one acceptance and one Checkout Session", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    const before = standIn.sessions.size;
    const results = await Promise.all([accept(token), accept(token), accept(token)]);
    expect(results.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(new Set(results.map((r) => r.location)).size).toBe(1);
    expect(await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id))).toHaveLength(1);
    expect(standIn.sessions.size - before).toBe(1);
    // A different choice after acceptance is refused, not recorded.
    const other = await accept(token, acceptForm({ tier: "resilient" }));
    expect(other.status).toBe(409);
    expect(other.data?.commerce.reason).toBe("other_choice");
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    const bad = await accept(token, acceptForm({ terms: "", email: "not-an-email", name: "" }));
    expect(bad.status).toBe(400);
    expect(bad.data!.commerce.errors.map((e) => e.path).sort()).toEqual(["email", "name", "terms"]);
    const wrongTerms = await accept(token, acceptForm({ termsVersion: "1999-01-01" }));
    expect(wrongTerms.status).toBe(400);
    expect(await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id))).toHaveLength(0);
  });

  it("accepts only a published, unexpired version", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    await db
      .update(proposalVersions)
      .set({ validUntil: new Date(Date.now() - 1000) })
      .where(eq(proposalVersions.quoteRequestId, quote.id));
    const expired = await accept(token);
    expect(expired.status).toBe(409);
    expect(expired.data!.commerce.reason).toBe("expired");
    await db
      .update(proposalVersions)
      .set({ validUntil: new Date(Date.now() + 86_400_000) })
      .where(eq(proposalVersions.quoteRequestId, quote.id));
    await db.update(quoteRequests).set({ status: "needs_review" }).where(eq(quoteRequests.id, quote.id));
    expect((await accept(token)).data!.commerce.reason).toBe("review");
    await db
      .update(quoteRequests)
      .set({ status: "proposed", publishedVersion: 2 })
      .where(eq(quoteRequests.id, quote.id));
    expect((await accept(token)).data!.commerce.reason).toBe("superseded");
    expect(await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id))).toHaveLength(0);
  });

  it("a quote in US dollars is priced from the USD book, accepted and paid in dollars", async () => {
    const db = database().db;
    const { id } = await createQuote(db, { requirements: { region: "us" } }, input);
    const { user: rep } = await createStaff(db, "sales");
    const { token } = await createShareLink(db, { quoteRequestId: id, createdBy: rep.id });
    const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, id));
    expect(quote!.currency).toBe("USD");
    const stored = await db.select().from(proposals).where(eq(proposals.quoteRequestId, id));
    expect(stored.length).toBeGreaterThan(0);
    expect(new Set(stored.map((p) => p.currency))).toEqual(new Set(["USD"]));
    const result = await accept(token);
    expect(result.status).toBe(303);
    const [row] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, id));
    expect(row!.currency).toBe("USD");
    const session = standIn.sessions.get(result.location!.split("/checkout/")[1]!)!;
    expect(session.currency).toBe("usd");
    expect(session.amount_total).toBe(row!.dueNowMinor);
    // The customer's page shows dollars: the offer carries the quote's currency.
    const page = await callLoader(shareLoader, new Request(`http://localhost/s/${token}`), { token });
    expect(page.data.commerce.currency).toBe("USD");
  });

  it("keeps the accepted price after the price book changes", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    await accept(token);
    const [row] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id));
    // A new price book doubles every price from now on.
    const { restore } = await publishRepricedBook(db, (i) => ({
      monthlyMinor: i.monthlyMinor * 2,
      setupMinor: i.setupMinor * 2,
    }));
    try {
      // Payment is still for the locked amount, and the page still shows it.
      const pay = await accept(token, { intent: "pay" });
      const session = standIn.sessions.get(pay.location!.split("/checkout/")[1]!)!;
      expect(session.amount_total).toBe(row!.dueNowMinor);
      const page = await callLoader(shareLoader, new Request(`http://localhost/s/${token}`), { token });
      expect(page.data.commerce.acceptance?.dueNowMinor).toBe(row!.dueNowMinor);
    } finally {
      await restore();
    }
  });

  it("paying on the stand-in's checkout sends a signed webhook: the quote is won and provisioning gets an item", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    const { location } = await accept(token);
    const sessionId = location!.split("/checkout/")[1]!;
    await standIn.pay(sessionId, "card");
    const delivery = standIn.deliveries.find(
      (d) => d.type === "checkout.session.completed" && standIn.sessions.get(sessionId)?.payment_status === "paid",
    );
    expect(delivery?.status).toBe(200);
    const [q] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote.id));
    expect(q!.status).toBe("won");
    const [acceptance] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id));
    expect(acceptance!.paidAt).not.toBeNull();
    expect(
      await db.select().from(provisioningItems).where(eq(provisioningItems.quoteRequestId, quote.id)),
    ).toHaveLength(1);
    const mails = await db.select().from(outboxMessages).where(eq(outboxMessages.template, "paid"));
    expect(mails.some((m) => m.toAddress === "payer@example.com")).toBe(true);
    const timeline = await db
      .select()
      .from(quoteMessages)
      .where(and(eq(quoteMessages.quoteRequestId, quote.id), eq(quoteMessages.event, "paid")));
    expect(timeline).toHaveLength(1);

    // The customer's page (read in one statement) says the same as the typed reads.
    const page = (await customerPageById(db, quote.id, acceptance!.version))!;
    expect(page.commerce.acceptance).toMatchObject({
      version: acceptance!.version,
      tier: acceptance!.tier,
      dueNowMinor: acceptance!.dueNowMinor,
      termTotalMinor: acceptance!.termTotalMinor,
      acceptedAt: acceptance!.acceptedAt.toISOString(),
      paidAt: acceptance!.paidAt!.toISOString(),
      paymentStatus: "paid",
    });
    expect(page.quote.status).toBe("won");
    expect(page.quote.proposals).toEqual((await getQuoteById(db, quote.id, acceptance!.version))!.proposals);
    expect(page.timeline.at(-1)).toMatchObject({ event: "paid", createdAt: timeline[0]!.createdAt.toISOString() });
  });

  it("after payment the customer gets a receipt (page and PDF, both languages) and a 'paid' e-mail with the amount and its link", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    const receiptAt = (lang: string) =>
      callLoader(
        shareReceipt,
        new Request(`http://localhost/s/${token}/receipt`, { headers: { "Accept-Language": lang } }),
        {
          token,
        },
      );
    const { location } = await accept(token);
    expect((await receiptAt("en")).status).toBe(404);
    await standIn.pay(location!.split("/checkout/")[1]!, "card");
    const [acceptance] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id));
    const [payment] = await db.select().from(payments).where(eq(payments.acceptanceId, acceptance!.id));
    expect(payment!.paymentIntentId).toMatch(/^in_/);

    const en = await receiptAt("en");
    expect(en.status).toBe(200);
    const view = (en.data as { view: { facts: [string, string][]; total: [string, string]; remaining: string } }).view;
    const facts = Object.fromEntries(view.facts);
    expect(facts["Payment reference"]).toBe(payment!.paymentIntentId);
    expect(facts["Paid by"]).toBe("Ana Buyer, Pay Co, ana@example.com");
    expect(facts["Purchase order"]).toBe("PO-77");
    expect(view.total).toEqual(["Amount paid", formatMoney(acceptance!.dueNowMinor, "EUR", "en")]);
    expect(view.remaining).toBe(
      `Then 12 monthly payments of ${formatMoney(acceptance!.monthlyMinor, "EUR", "en")}, charged to your card from the day your servers are handed over.`,
    );

    const pdf = await shareReceiptPdf({
      request: new Request(`http://localhost/s/${token}/receipt.pdf`, { headers: { "Accept-Language": "es" } }),
      params: { token },
      context: {},
    });
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const parser = new PDFParse({ data: new Uint8Array(await pdf.arrayBuffer()) });
    const text = (await parser.getText()).text.replace(/\s+/g, " ");
    await parser.destroy();
    expect(text).toContain("Recibo");
    expect(text).toContain(payment!.paymentIntentId!);
    expect(text).toContain(pdfText(formatMoney(acceptance!.dueNowMinor, "EUR", "es")).replace(/\s+/g, " "));
    expect(text).toContain("Los importes no incluyen el IVA");
    expect(text).toContain("Después, 12 pagos mensuales de");

    const [mail] = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.template, "paid"), eq(outboxMessages.toAddress, "payer@example.com")))
      .orderBy(desc(outboxMessages.createdAt))
      .limit(1);
    expect(mail!.textBody).toContain(`payment of ${formatMoney(acceptance!.dueNowMinor, "EUR", "en")}`);
    expect(mail!.textBody).toMatch(/\/q\/[A-Za-z0-9_-]{43}\/receipt/);
    expect(mail!.textBody).toContain(`R-${quote.id.slice(0, 8).toUpperCase()}-1`);
  });

  it("a bank transfer completes unpaid (not paid), then settles with async_payment_succeeded", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    const { location } = await accept(token);
    const sessionId = location!.split("/checkout/")[1]!;
    await standIn.pay(sessionId, "bank_succeeds");
    const [afterCompleted] = await db.select().from(payments).where(eq(payments.checkoutSessionId, sessionId));
    expect(afterCompleted!.status).toBe("processing");
    expect((await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote.id)))[0]!.status).toBe("accepted");
    await expect
      .poll(async () => (await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote.id)))[0]!.status, {
        timeout: 5_000,
      })
      .toBe("won");
  });

  it("a failed bank transfer leaves the quote unpaid and lets the customer pay again with a new session", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    const { location } = await accept(token);
    const sessionId = location!.split("/checkout/")[1]!;
    await standIn.pay(sessionId, "bank_fails");
    await expect
      .poll(
        async () => (await db.select().from(payments).where(eq(payments.checkoutSessionId, sessionId)))[0]!.status,
        { timeout: 5_000 },
      )
      .toBe("failed");
    expect((await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote.id)))[0]!.status).toBe("accepted");
    expect((await customerPageById(db, quote.id, 1))!.commerce.acceptance!.paymentStatus).toBe("failed");
    const retry = await accept(token, { intent: "pay" });
    expect(retry.location).not.toBe(location);
    expect((await customerPageById(db, quote.id, 1))!.commerce.acceptance!.paymentStatus).toBe("open");
    const rows = await db
      .select()
      .from(payments)
      .innerJoin(acceptances, eq(acceptances.id, payments.acceptanceId))
      .where(eq(acceptances.quoteRequestId, quote.id));
    expect(rows.map((r) => r.payments.attempt).sort()).toEqual([1, 2]);
  });

  it("rejects bad signatures, stale timestamps and re-serialised bodies with 400 and changes nothing", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    const { location } = await accept(token);
    const session = {
      ...standIn.sessions.get(location!.split("/checkout/")[1]!)!,
      status: "complete",
      payment_status: "paid",
    };
    const payload = eventFor("checkout.session.completed", session);
    const eventsBefore = (await db.select().from(stripeEvents)).length;
    expect((await postWebhook(payload, "t=1,v1=deadbeef")).status).toBe(400);
    expect((await postWebhook(payload, sign(payload, Math.floor(Date.now() / 1000) - 600))).status).toBe(400);
    const reserialised = JSON.stringify(JSON.parse(payload), null, 2);
    expect((await postWebhook(reserialised, sign(payload))).status).toBe(400);
    expect(
      (await postWebhook(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_someone_else" })))
        .status,
    ).toBe(400);
    const missing = await webhookAction({
      request: new Request("http://localhost/webhooks/stripe", { method: "POST", body: payload }),
      params: {},
      context: {},
    });
    expect(missing.status).toBe(400);
    expect((await db.select().from(stripeEvents)).length).toBe(eventsBefore);
    expect((await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote.id)))[0]!.status).toBe("accepted");
    // The same payload, correctly signed, goes through once; its redelivery changes nothing more.
    expect(await postWebhook(payload, sign(payload))).toEqual({ status: 200, outcome: "paid" });
    expect(await postWebhook(payload, sign(payload))).toEqual({ status: 200, outcome: "duplicate" });
    expect(
      await db.select().from(provisioningItems).where(eq(provisioningItems.quoteRequestId, quote.id)),
    ).toHaveLength(1);
  });

  it("handles events out of order and never marks 'completed' with payment_status unpaid as paid", async () => {
    const db = database().db;
    // succeeded arrives before completed(unpaid): paid stays paid.
    const a = await newQuote(db);
    const sa = {
      ...standIn.sessions.get((await accept(a.token)).location!.split("/checkout/")[1]!)!,
      status: "complete",
    };
    expect(
      (
        await postWebhook(
          ...signed(eventFor("checkout.session.async_payment_succeeded", { ...sa, payment_status: "paid" })),
        )
      ).outcome,
    ).toBe("paid");
    expect(
      (await postWebhook(...signed(eventFor("checkout.session.completed", { ...sa, payment_status: "unpaid" }))))
        .outcome,
    ).toBe("stale:paid");
    expect((await db.select().from(quoteRequests).where(eq(quoteRequests.id, a.quote.id)))[0]!.status).toBe("won");
    // failed arrives before completed(unpaid): failed stays failed, nothing paid.
    const b = await newQuote(db);
    const sb = {
      ...standIn.sessions.get((await accept(b.token)).location!.split("/checkout/")[1]!)!,
      status: "complete",
      payment_status: "unpaid",
    };
    expect((await postWebhook(...signed(eventFor("checkout.session.async_payment_failed", sb)))).outcome).toBe(
      "failed",
    );
    expect((await postWebhook(...signed(eventFor("checkout.session.completed", sb)))).outcome).toBe("stale:failed");
    expect(
      (await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, b.quote.id)))[0]!.paidAt,
    ).toBeNull();
    // completed with unpaid on its own is "processing", not paid.
    const c = await newQuote(db);
    const sc = {
      ...standIn.sessions.get((await accept(c.token)).location!.split("/checkout/")[1]!)!,
      status: "complete",
      payment_status: "unpaid",
    };
    expect((await postWebhook(...signed(eventFor("checkout.session.completed", sc)))).outcome).toBe("processing");
    expect((await db.select().from(quoteRequests).where(eq(quoteRequests.id, c.quote.id)))[0]!.status).toBe("accepted");
    // A paid event for the wrong amount is recorded but marks nothing paid.
    expect(
      (
        await postWebhook(
          ...signed(
            eventFor("checkout.session.async_payment_succeeded", { ...sc, payment_status: "paid", amount_total: 1 }),
          ),
        )
      ).outcome,
    ).toBe("amount_mismatch");
    expect((await db.select().from(quoteRequests).where(eq(quoteRequests.id, c.quote.id)))[0]!.status).toBe("accepted");
    // Events we do not act on are acknowledged.
    expect(
      (await postWebhook(...signed(eventFor("customer.created", { id: "cus_1", object: "customer" })))).outcome,
    ).toBe("ignored");
  });

  it("the verified event is applied by handleStripeEvent exactly as the route would", async () => {
    const db = database().db;
    const event = JSON.parse(
      eventFor("checkout.session.expired", { id: "cs_test_unknown", object: "checkout.session", metadata: {} }),
    ) as Stripe.Event;
    expect(await handleStripeEvent(db, event)).toBe("unknown_session");
    expect(await handleStripeEvent(db, event)).toBe("duplicate");
  });
});

// Real concurrency needs real PostgreSQL (PGlite runs one transaction at a time).
describe.each(TEST_DATABASES.filter((d) => d.name === "postgres"))("concurrent Stripe webhooks on $name", (target) => {
  const database = useTestDatabase(target);
  const stand = useStandIn();
  let standIn: StripeStandIn;
  beforeAll(() => {
    standIn = stand();
  });

  it("twenty concurrent deliveries of one event have exactly one effect", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    const session = {
      ...standIn.sessions.get((await accept(token)).location!.split("/checkout/")[1]!)!,
      status: "complete",
      payment_status: "paid",
    };
    const payload = eventFor("checkout.session.completed", session);
    const results = await Promise.all(Array.from({ length: 20 }, () => postWebhook(payload, sign(payload))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.outcome === "paid")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "duplicate")).toHaveLength(19);
    expect(
      await db.select().from(provisioningItems).where(eq(provisioningItems.quoteRequestId, quote.id)),
    ).toHaveLength(1);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, quote.id), eq(auditLog.action, "won"))),
    ).toHaveLength(1);
    const [acceptance] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id));
    const paidMails = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.template, "paid"), eq(outboxMessages.toAddress, "payer@example.com")));
    expect(paidMails.length).toBeGreaterThanOrEqual(1);
    expect(acceptance!.paidAt).not.toBeNull();
    // Twenty different events for the same session at once: still one paid transition.
    const c = await newQuote(db);
    const sc = {
      ...standIn.sessions.get((await accept(c.token)).location!.split("/checkout/")[1]!)!,
      status: "complete",
      payment_status: "paid",
    };
    const many = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postWebhook(
          ...signed(eventFor(i % 2 ? "checkout.session.completed" : "checkout.session.async_payment_succeeded", sc)),
        ),
      ),
    );
    expect(many.filter((r) => r.outcome === "paid")).toHaveLength(1);
    expect(
      await db.select().from(provisioningItems).where(eq(provisioningItems.quoteRequestId, c.quote.id)),
    ).toHaveLength(1);
  });
});

function signed(payload: string): [string, string] {
  return [payload, sign(payload)];
}
