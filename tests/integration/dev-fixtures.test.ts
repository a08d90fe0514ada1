import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Database } from "#db/client.server";
import {
  acceptances,
  auditLog,
  payments,
  proposalLines,
  proposalVersions,
  proposals,
  provisioningItems,
  quoteAccessTokens,
  quoteMessages,
  quoteRequests,
  reviewItems,
  reviewNotes,
  shareLinks,
  stripeEvents,
  workloads,
} from "#db/schema";
import { addInternalNote, claimReviewItem } from "~/models/review-item.server";
import { action, loader } from "~/routes/dev.fixtures";
import { createQuote, createShareLink, createStaff } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/**
 * /dev/fixtures: the end-to-end fixtures' way to find and delete the quotes they made. Guarded as
 * /dev/mailbox is (never in production, only with the mailbox stand-in); deletes one quote with every
 * dependent row, in one transaction, and nothing else.
 */

const jsonPost = (body: unknown) =>
  new Request("http://localhost/dev/fixtures", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/** Every row that belongs to quote `id`, table by table (the counts a deletion must bring to zero). */
async function rowsOf(db: Database, id: string) {
  const proposalIds = (
    await db.select({ id: proposals.id }).from(proposals).where(eq(proposals.quoteRequestId, id))
  ).map((p) => p.id);
  const acceptanceIds = (
    await db.select({ id: acceptances.id }).from(acceptances).where(eq(acceptances.quoteRequestId, id))
  ).map((a) => a.id);
  const items = await db.select({ id: reviewItems.id }).from(reviewItems).where(eq(reviewItems.quoteRequestId, id));
  const count = async (p: Promise<unknown[]>) => (await p).length;
  return {
    quote: await count(db.select().from(quoteRequests).where(eq(quoteRequests.id, id))),
    tokens: await count(db.select().from(quoteAccessTokens).where(eq(quoteAccessTokens.quoteRequestId, id))),
    workloads: await count(db.select().from(workloads).where(eq(workloads.quoteRequestId, id))),
    versions: await count(db.select().from(proposalVersions).where(eq(proposalVersions.quoteRequestId, id))),
    proposals: proposalIds.length,
    lines: (
      await Promise.all(
        proposalIds.map((p) => count(db.select().from(proposalLines).where(eq(proposalLines.proposalId, p)))),
      )
    ).reduce((a, b) => a + b, 0),
    reviewItems: items.length,
    notes: (
      await Promise.all(
        items.map((i) => count(db.select().from(reviewNotes).where(eq(reviewNotes.reviewItemId, i.id)))),
      )
    ).reduce((a, b) => a + b, 0),
    messages: await count(db.select().from(quoteMessages).where(eq(quoteMessages.quoteRequestId, id))),
    shareLinks: await count(db.select().from(shareLinks).where(eq(shareLinks.quoteRequestId, id))),
    acceptances: acceptanceIds.length,
    payments: (
      await Promise.all(acceptanceIds.map((a) => count(db.select().from(payments).where(eq(payments.acceptanceId, a)))))
    ).reduce((a, b) => a + b, 0),
    provisioning: await count(db.select().from(provisioningItems).where(eq(provisioningItems.quoteRequestId, id))),
    audit: await count(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "quote_request"), eq(auditLog.entityId, id))),
    ),
  };
}

/** A quote as far along as the e2e suite takes one: reviewed, noted, shared, accepted, paid and handed off. */
async function fullQuote(db: Database) {
  const quote = await createQuote(db, {
    requirements: { specialRequirements: "Our own IPv4 range, please." },
    contact: { email: `fixture-${randomUUID()}@example.com` },
  });
  const { user: tech } = await createStaff(db, "technician");
  const { user: rep } = await createStaff(db, "sales");
  await claimReviewItem(db, quote.reviewItemId!, tech.id);
  await addInternalNote(db, quote.reviewItemId!, tech, "Internal: check RIPE.");
  await db
    .insert(quoteMessages)
    .values({ quoteRequestId: quote.id, authorType: "staff", authorId: tech.id, body: "Which range?" });
  await db
    .update(proposalVersions)
    .set({ publishedAt: new Date(), validUntil: new Date(Date.now() + 86_400_000) })
    .where(eq(proposalVersions.quoteRequestId, quote.id));
  const share = await createShareLink(db, { quoteRequestId: quote.id, createdBy: rep.id });
  const [link] = await db.select({ id: shareLinks.id }).from(shareLinks).where(eq(shareLinks.quoteRequestId, quote.id));
  const [lean] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.tier, "lean"), eq(proposals.version, 1)));
  const [acceptance] = await db
    .insert(acceptances)
    .values({
      quoteRequestId: quote.id,
      version: 1,
      tier: "lean",
      proposalId: lean!.id,
      currency: "EUR",
      setupMinor: lean!.setupMinor,
      monthlyMinor: lean!.monthlyMinor,
      termMonths: lean!.termMonths,
      termTotalMinor: lean!.termTotalMinor,
      dueNowMinor: lean!.setupMinor + lean!.monthlyMinor,
      termsVersion: "test",
      name: "Fix Ture",
      email: "fix@example.com",
      shareLinkId: link!.id,
      paidAt: new Date(),
    })
    .returning();
  const sessionId = `cs_test_fixture_${randomUUID()}`;
  await db.insert(payments).values({
    acceptanceId: acceptance!.id,
    attempt: 1,
    checkoutSessionId: sessionId,
    amountMinor: acceptance!.dueNowMinor,
    currency: "eur",
    status: "paid",
  });
  const eventId = `evt_fixture_${randomUUID()}`;
  await db.insert(stripeEvents).values({
    id: eventId,
    type: "checkout.session.completed",
    stripeCreatedAt: new Date(),
    checkoutSessionId: sessionId,
    outcome: "paid",
  });
  await db.insert(provisioningItems).values({ quoteRequestId: quote.id, acceptanceId: acceptance!.id });
  await db.update(quoteRequests).set({ status: "won" }).where(eq(quoteRequests.id, quote.id));
  return { ...quote, shareToken: share.token, eventId };
}

describe.each(TEST_DATABASES)("/dev/fixtures deletes what an end-to-end fixture made, on $name", (target) => {
  const database = useTestDatabase(target);

  it("looks a quote up by its link's token or its id", async () => {
    const db = database().db;
    const review = await createQuote(db, { requirements: { specialRequirements: "We bring our own IP range." } });
    const byToken = await callLoader(loader, req(`/dev/fixtures?token=${review.token}`));
    expect(byToken.status).toBe(200);
    expect(await byToken.response!.json()).toEqual({
      quote: { id: review.id, status: "needs_review", reviewItemId: review.reviewItemId },
    });
    const plain = await createQuote(db);
    const byId = await callLoader(loader, req(`/dev/fixtures?id=${plain.id}`));
    expect(await byId.response!.json()).toEqual({ quote: { id: plain.id, status: plain.status, reviewItemId: null } });
    const unknown = await callLoader(loader, req(`/dev/fixtures?id=${randomUUID()}`));
    expect(await unknown.response!.json()).toEqual({ quote: null });
  });

  it("deletes a quote with every dependent row in one go, by token or by id, and leaves other quotes alone", async () => {
    const db = database().db;
    const doomed = await fullQuote(db);
    const other = await fullQuote(db);
    const before = await rowsOf(db, doomed.id);
    for (const [table, n] of Object.entries(before)) expect(n, table).toBeGreaterThan(0);
    const otherBefore = await rowsOf(db, other.id);

    const deleted = await callAction(action, jsonPost({ intent: "delete_quote", token: doomed.token }));
    expect(deleted.status).toBe(200);
    expect(await deleted.response!.json()).toEqual({ deleted: true });
    expect(Object.values(await rowsOf(db, doomed.id)).every((n) => n === 0)).toBe(true);
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, doomed.eventId))).toHaveLength(0);
    // The other quote, its Stripe event and the staff who worked on both are untouched.
    expect(await rowsOf(db, other.id)).toEqual(otherBefore);
    expect(await db.select().from(stripeEvents).where(eq(stripeEvents.id, other.eventId))).toHaveLength(1);

    // Again: nothing left to delete.
    expect(
      await (await callAction(action, jsonPost({ intent: "delete_quote", token: doomed.token }))).response!.json(),
    ).toEqual({ deleted: false });
    // By id.
    expect(
      await (await callAction(action, jsonPost({ intent: "delete_quote", id: other.id }))).response!.json(),
    ).toEqual({ deleted: true });
    expect(Object.values(await rowsOf(db, other.id)).every((n) => n === 0)).toBe(true);
  });

  it("refuses malformed input with 400 and changes nothing", async () => {
    const db = database().db;
    const quote = await createQuote(db);
    for (const body of [
      "not json",
      {},
      { intent: "delete_quote" },
      { intent: "delete_quote", id: "not-a-uuid" },
      { intent: "delete_quote", token: "short" },
      { intent: "delete_quote", id: quote.id, token: quote.token },
      { intent: "drop_everything", id: quote.id },
      { intent: "delete_quote", id: quote.id, extra: 1 },
    ]) {
      expect((await callAction(action, jsonPost(body))).status, JSON.stringify(body)).toBe(400);
    }
    expect((await callLoader(loader, req("/dev/fixtures"))).status).toBe(400);
    expect((await callLoader(loader, req(`/dev/fixtures?id=${quote.id}&token=${quote.token}`))).status).toBe(400);
    expect(
      (await callAction(action, new Request("http://localhost/dev/fixtures", { method: "PUT", body: "{}" }))).status,
    ).toBe(405);
    expect((await rowsOf(db, quote.id)).quote).toBe(1);
  });
});

describe.each(TEST_DATABASES)(
  "/dev/fixtures is never available in production (guarded as /dev/mailbox), on $name",
  (target) => {
    const database = useTestDatabase(target);

    afterEach(() => {
      vi.unstubAllEnvs();
      vi.resetModules();
    });

    /** The route as a server started with `vars` would have it (a fresh module graph reads the environment again). */
    async function routeWith(vars: Record<string, string>) {
      for (const key of ["SMTP_URL", "MAIL_TRANSPORT", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"])
        vi.stubEnv(key, "");
      for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
      vi.resetModules();
      return import("~/routes/dev.fixtures");
    }

    for (const [name, vars] of [
      ["production sending by SMTP", { NODE_ENV: "production", SMTP_URL: "smtp://u:p@mail.example.com:587" }],
      ["production with e-mail disabled", { NODE_ENV: "production", MAIL_TRANSPORT: "disabled" }],
      ["development sending real e-mail", { NODE_ENV: "development", SMTP_URL: "smtp://u:p@mail.example.com:587" }],
      ["development with e-mail disabled", { NODE_ENV: "development", MAIL_TRANSPORT: "disabled" }],
    ] as const) {
      it(`answers 404 to a lookup and a deletion in ${name}, and deletes nothing`, async () => {
        const quote = await createQuote(database().db);
        const route = await routeWith(vars);
        expect((await callLoader(route.loader, req(`/dev/fixtures?token=${quote.token}`))).status).toBe(404);
        const answer = await callAction(route.action, jsonPost({ intent: "delete_quote", token: quote.token }));
        expect(answer.status).toBe(404);
        expect(await answer.response!.text()).toBe("");
        expect((await rowsOf(database().db, quote.id)).quote).toBe(1);
      });
    }
  },
);
