import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import {
  discountRequests,
  proposalLines,
  proposalVersions,
  proposals,
  provisioningItems,
  quoteRequests,
  serverModels,
  shareLinks,
} from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { adjustProposal } from "~/models/proposal-version.server";
import { loadCatalog } from "~/models/catalog.server";
import { createShareLink } from "~/models/share-link.server";
import { action as quotePageAction, loader as quotePageLoader } from "~/routes/q.$token/route";
import { action as discountsAction, loader as discountsLoader } from "~/routes/staff.discounts/route";
import { action as provisioningAction, loader as provisioningLoader } from "~/routes/staff.provisioning._index/route";
import { action as salesQuoteAction, loader as salesQuoteLoader } from "~/routes/staff.sales.$id/route";
import { createQuote, createStaff, publishRepricedBook } from "../factories";
import { callAction, callLoader, req, staffCookie, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const input: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Version Customer", email: "versions@example.com" },
};

async function newQuote(db: Database) {
  const { id, token } = await createQuote(db, {}, input);
  const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, id));
  return { quote: quote!, token };
}

async function linesOf(
  db: Database,
  quoteId: string,
  version: number,
  tier: "lean" | "balanced" | "resilient" = "lean",
) {
  const [p] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.quoteRequestId, quoteId), eq(proposals.version, version), eq(proposals.tier, tier)));
  const lines = await db
    .select()
    .from(proposalLines)
    .where(eq(proposalLines.proposalId, p!.id))
    .orderBy(asc(proposalLines.position));
  return { proposal: p!, lines };
}

const staff = async (db: Database, role: "sales" | "technician" | "admin") => (await createStaff(db, role)).user;

describe.each(TEST_DATABASES)("versions, price lock, refresh and discounts on $name", (target) => {
  const database = useTestDatabase(target);

  it("every published version has a valid-until date; the engine's first version is published at once", async () => {
    const db = database().db;
    const { quote } = await newQuote(db);
    const [v1] = await db.select().from(proposalVersions).where(eq(proposalVersions.quoteRequestId, quote.id));
    expect(v1).toMatchObject({ version: 1, origin: "engine" });
    expect(v1!.publishedAt).not.toBeNull();
    expect(Math.round((v1!.validUntil!.getTime() - v1!.publishedAt!.getTime()) / 86_400_000)).toBe(30);
  });

  it("a rep's discount up to 10 % is a new published version; the old one is untouched and links follow", async () => {
    const db = database().db;
    const { quote } = await newQuote(db);
    const rep = await staff(db, "sales");
    const cookie = await staffCookie(db, rep.id);
    await createShareLink(db, { quoteRequestId: quote.id, version: 1, actor: rep });
    const before = await linesOf(db, quote.id, 1);
    expect(
      await status(() =>
        salesQuoteAction({
          request: req(`/staff/sales/${quote.id}`, cookie, {
            intent: "discount",
            percent: "10",
            reason: "Loyal customer",
          }),
          params: { id: quote.id },
          context: {},
        }),
      ),
    ).toBe(200);
    const [q] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote.id));
    expect(q!.publishedVersion).toBe(2);
    const after = await linesOf(db, quote.id, 2);
    const items = after.lines.filter((l) => l.kind !== "discount" && l.kind !== "sales_discount");
    const monthlySubtotal = items.reduce((s, l) => s + l.monthlyMinor, 0);
    const setupSubtotal = items.reduce((s, l) => s + l.setupMinor, 0);
    const sales = after.lines.find((l) => l.kind === "sales_discount")!;
    expect(sales.monthlyMinor).toBe(0 - Math.round(monthlySubtotal * 0.1));
    expect(sales.setupMinor).toBe(0 - Math.round(setupSubtotal * 0.1));
    expect(after.proposal.monthlyMinor).toBe(after.lines.reduce((s, l) => s + l.monthlyMinor, 0));
    expect(after.proposal.setupMinor).toBe(setupSubtotal + sales.setupMinor);
    // Version 1 is exactly as it was.
    expect(await linesOf(db, quote.id, 1)).toEqual(before);
    expect(
      (await db.select().from(shareLinks).where(eq(shareLinks.quoteRequestId, quote.id)))[0]!.proposalVersion,
    ).toBe(2);
    const [v2] = await db
      .select()
      .from(proposalVersions)
      .where(and(eq(proposalVersions.quoteRequestId, quote.id), eq(proposalVersions.version, 2)));
    expect(v2).toMatchObject({ origin: "discount", salesDiscountBps: 1000, basedOn: 1 });

    // A technician's later change keeps the discount at its rate.
    const tech = await staff(db, "admin"); // changes a quote without holding a review item: an admin
    await adjustProposal(
      db,
      quote.id,
      after.proposal.id,
      { op: "quantity", position: 0, quantity: 2 },
      "More capacity",
      tech,
      await loadCatalog(db),
    );
    const adjusted = await linesOf(db, quote.id, 3);
    const adjustedItems = adjusted.lines.filter((l) => l.kind !== "discount" && l.kind !== "sales_discount");
    expect(adjusted.lines.find((l) => l.kind === "sales_discount")!.monthlyMinor).toBe(
      0 - Math.round(adjustedItems.reduce((s, l) => s + l.monthlyMinor, 0) * 0.1),
    );
  });

  it("above 10 % waits for an admin, who approves or rejects with a reason, once", async () => {
    const db = database().db;
    const { quote } = await newQuote(db);
    const rep = await staff(db, "sales");
    const admin = await staff(db, "admin");
    const repCookie = await staffCookie(db, rep.id);
    const adminCookie = await staffCookie(db, admin.id);
    expect(
      await status(() =>
        salesQuoteAction({
          request: req(`/staff/sales/${quote.id}`, repCookie, {
            intent: "discount",
            percent: "15",
            reason: "Competitor offer",
          }),
          params: { id: quote.id },
          context: {},
        }),
      ),
    ).toBe(200);
    expect((await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote.id)))[0]!.publishedVersion).toBe(1);
    // A second request while one waits is refused.
    expect(
      await status(() =>
        salesQuoteAction({
          request: req(`/staff/sales/${quote.id}`, repCookie, { intent: "discount", percent: "20", reason: "More" }),
          params: { id: quote.id },
          context: {},
        }),
      ),
    ).toBe(409);
    // Out of range and missing reasons are 400s.
    expect(
      await status(() =>
        salesQuoteAction({
          request: req(`/staff/sales/${quote.id}`, repCookie, {
            intent: "discount",
            percent: "60",
            reason: "Too much",
          }),
          params: { id: quote.id },
          context: {},
        }),
      ),
    ).toBe(400);
    expect(
      await status(() =>
        salesQuoteAction({
          request: req(`/staff/sales/${quote.id}`, repCookie, { intent: "discount", percent: "5" }),
          params: { id: quote.id },
          context: {},
        }),
      ),
    ).toBe(400);

    const queue = await callLoader(discountsLoader, req("/staff/discounts", adminCookie));
    const pending = queue.data.requests.find((r) => r.quoteRequestId === quote.id)!;
    expect(pending.bps).toBe(1500);
    expect(
      await status(() =>
        discountsAction({
          request: req("/staff/discounts", adminCookie, { requestId: pending.id, decision: "approve" }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(400);
    expect(
      await status(() =>
        discountsAction({
          request: req("/staff/discounts", repCookie, { requestId: pending.id, decision: "approve", reason: "self" }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(403);
    expect(
      await status(() =>
        discountsAction({
          request: req("/staff/discounts", adminCookie, {
            requestId: pending.id,
            decision: "approve",
            reason: "Strategic account",
          }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(200);
    expect(
      await status(() =>
        discountsAction({
          request: req("/staff/discounts", adminCookie, {
            requestId: pending.id,
            decision: "reject",
            reason: "Changed my mind",
          }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(409);
    const [decided] = await db.select().from(discountRequests).where(eq(discountRequests.id, pending.id));
    expect(decided).toMatchObject({
      status: "approved",
      decidedBy: admin.id,
      decisionReason: "Strategic account",
      resultingVersion: 2,
    });
    expect(
      (
        await db
          .select()
          .from(proposalVersions)
          .where(and(eq(proposalVersions.quoteRequestId, quote.id), eq(proposalVersions.version, 2)))
      )[0]!.salesDiscountBps,
    ).toBe(1500);

    // A rejection changes no prices.
    await status(() =>
      salesQuoteAction({
        request: req(`/staff/sales/${quote.id}`, repCookie, { intent: "discount", percent: "30", reason: "Try again" }),
        params: { id: quote.id },
        context: {},
      }),
    );
    const [again] = await db
      .select()
      .from(discountRequests)
      .where(and(eq(discountRequests.quoteRequestId, quote.id), eq(discountRequests.status, "pending")));
    expect(
      await status(() =>
        discountsAction({
          request: req("/staff/discounts", adminCookie, {
            requestId: again!.id,
            decision: "reject",
            reason: "Below our margin",
          }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(200);
    expect((await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote.id)))[0]!.publishedVersion).toBe(2);
  });

  it("an expired version is refreshed at current prices into a new version, with the differences shown", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    const page = () =>
      quotePageLoader({ request: req(`/q/${token}`), params: { token }, context: {} }) as Promise<{
        data: {
          commerce: {
            blocked: string | null;
            canRefresh: boolean;
            changes:
              | {
                  tier: string;
                  oldMonthlyMinor: number;
                  newMonthlyMinor: number;
                  lines: { oldUnitMonthlyMinor: number; newUnitMonthlyMinor: number }[];
                }[]
              | null;
            version: number;
          };
        };
      }>;
    // Still valid: nothing to refresh.
    expect(
      await status(() =>
        quotePageAction({
          request: req(`/q/${token}`, undefined, { intent: "refresh" }),
          params: { token },
          context: {},
        }),
      ),
    ).toBe(409);
    await db
      .update(proposalVersions)
      .set({ validUntil: new Date(Date.now() - 60_000) })
      .where(eq(proposalVersions.quoteRequestId, quote.id));
    expect((await page()).data.commerce).toMatchObject({ blocked: "expired", canRefresh: true });
    const before = await linesOf(db, quote.id, 1);
    // Prices of the first line's product rise by 10 % in a new price book.
    const sku = before.lines[0]!.sku!;
    const { book: next, restore } = await publishRepricedBook(db, (i) => ({
      monthlyMinor: i.sku === sku ? Math.round(i.monthlyMinor * 1.1) : i.monthlyMinor,
      setupMinor: i.setupMinor,
    }));
    try {
      expect(
        await status(() =>
          quotePageAction({
            request: req(`/q/${token}`, undefined, { intent: "refresh" }),
            params: { token },
            context: {},
          }),
        ),
      ).toBe(303);
      const view = (await page()).data.commerce;
      expect(view.version).toBe(2);
      expect(view.blocked).toBeNull();
      const lean = view.changes!.find((c) => c.tier === "lean")!;
      expect(lean.newMonthlyMinor).toBeGreaterThan(lean.oldMonthlyMinor);
      expect(lean.lines[0]).toMatchObject({
        oldUnitMonthlyMinor: before.lines[0]!.unitMonthlyMinor,
        newUnitMonthlyMinor: Math.round(before.lines[0]!.unitMonthlyMinor * 1.1),
      });
      expect(await linesOf(db, quote.id, 1)).toEqual(before);
      const [v2] = await db
        .select()
        .from(proposalVersions)
        .where(and(eq(proposalVersions.quoteRequestId, quote.id), eq(proposalVersions.version, 2)));
      expect(v2!.validUntil!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
      expect(v2!.priceBookId).toBe(next!.id);
    } finally {
      await restore();
    }
  });

  it("a version with a product no longer sold cannot be refreshed automatically and nothing is written", async () => {
    const db = database().db;
    const { quote, token } = await newQuote(db);
    await db
      .update(proposalVersions)
      .set({ validUntil: new Date(Date.now() - 60_000) })
      .where(eq(proposalVersions.quoteRequestId, quote.id));
    const { lines } = await linesOf(db, quote.id, 1);
    const serverSku = lines.find((l) => l.kind === "server")!.sku!;
    await db.update(serverModels).set({ status: "retired" }).where(eq(serverModels.sku, serverSku));
    try {
      const r = await callAction(quotePageAction, req(`/q/${token}`, undefined, { intent: "refresh" }), { token });
      expect(r.status).toBe(409);
      expect(r.data).toMatchObject({ commerce: { reason: "refresh_unavailable" } });
      // Staff trying the same refresh learn which model to swap to.
      const admin = await createStaff(db, "admin");
      const staffTry = await callAction(
        salesQuoteAction,
        req(`/staff/sales/${quote.id}`, admin.cookie, { intent: "refresh" }),
        { id: quote.id },
      );
      expect(staffTry.status).toBe(409);
      expect(JSON.stringify(staffTry.data)).toMatch(/No longer sold: .*Nearest model sold now: .+ → .+\. A technician/);
      expect(
        await db.select().from(proposalVersions).where(eq(proposalVersions.quoteRequestId, quote.id)),
      ).toHaveLength(1);
      expect(
        await db
          .select()
          .from(proposals)
          .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, 2))),
      ).toHaveLength(0);
    } finally {
      await db.update(serverModels).set({ status: "active" }).where(eq(serverModels.sku, serverSku));
    }
  });

  it("staff pages for sales, discounts and provisioning check the role", async () => {
    const db = database().db;
    const { quote } = await newQuote(db);
    const [sales, tech, admin] = await Promise.all([staff(db, "sales"), staff(db, "technician"), staff(db, "admin")]);
    const cookies = {
      anonymous: undefined,
      sales: await staffCookie(db, sales.id),
      technician: await staffCookie(db, tech.id),
      admin: await staffCookie(db, admin.id),
    };
    const got: Record<string, Record<string, number>> = {};
    for (const [who, cookie] of Object.entries(cookies)) {
      got[who] = {
        salesPage: await status(() =>
          salesQuoteLoader({ request: req(`/staff/sales/${quote.id}`, cookie), params: { id: quote.id }, context: {} }),
        ),
        discountAction: await status(() =>
          salesQuoteAction({
            request: req(`/staff/sales/${quote.id}`, cookie, {
              intent: "discount",
              percent: who === "admin" ? "2" : "1",
              reason: "matrix",
            }),
            params: { id: quote.id },
            context: {},
          }),
        ),
        approvals: await status(() =>
          discountsLoader({ request: req("/staff/discounts", cookie), params: {}, context: {} }),
        ),
        decide: await status(() =>
          discountsAction({
            request: req("/staff/discounts", cookie, {
              requestId: "00000000-0000-4000-8000-000000000000",
              decision: "reject",
              reason: "matrix",
            }),
            params: {},
            context: {},
          }),
        ),
        provisioning: await status(() =>
          provisioningLoader({ request: req("/staff/provisioning", cookie), params: {}, context: {} }),
        ),
        claim: await status(() =>
          provisioningAction({
            request: req("/staff/provisioning", cookie, {
              intent: "claim",
              itemId: "00000000-0000-4000-8000-000000000000",
            }),
            params: {},
            context: {},
          }),
        ),
      };
    }
    expect(got).toEqual({
      anonymous: { salesPage: 302, discountAction: 302, approvals: 302, decide: 302, provisioning: 302, claim: 302 },
      sales: { salesPage: 200, discountAction: 200, approvals: 403, decide: 403, provisioning: 403, claim: 403 },
      technician: { salesPage: 403, discountAction: 403, approvals: 403, decide: 403, provisioning: 200, claim: 409 },
      admin: { salesPage: 200, discountAction: 200, approvals: 200, decide: 409, provisioning: 200, claim: 409 },
    });
    expect(await db.select().from(provisioningItems)).toEqual([]);
  });
});
