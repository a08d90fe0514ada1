import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { discountRequests, proposalVersions, proposals, quoteRequests, shareLinks } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { loadCatalog } from "~/models/catalog.server";
import { giveDiscount } from "~/models/discount.server";
import { adjustProposal } from "~/models/proposal-version.server";
import { createShareLink, revokeShareLink } from "~/models/share-link.server";
import { loader as shareLoader } from "~/routes/s.$token";
import { action as dashboardAction } from "~/routes/staff.sales._index/route";
import { action as salesQuoteAction } from "~/routes/staff.sales.$id/route";
import { hashToken, newAccessToken } from "~/utils/token.server";
import { createQuote, createStaff, unique } from "../factories";
import { callAction, req, staffCookie, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const plain: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Owned Customer", email: "owned@example.com" },
};

const staff = async (db: Database, role: "sales" | "technician" | "admin") => (await createStaff(db, role)).user;
async function newQuote(db: Database, body: QuoteRequestInput = plain) {
  const { id } = await createQuote(db, { contact: { email: `owned-${unique()}@example.com` } }, body);
  const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, id));
  return quote!;
}
async function salesPost(quoteId: string, cookie: string, form: Record<string, string>) {
  const r = await callAction(salesQuoteAction, req(`/staff/sales/${quoteId}`, cookie, form), { id: quoteId });
  return { status: r.status, errors: r.data.errors, link: r.data.link };
}

const versionsOf = async (db: Database, quoteId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(proposalVersions)
      .where(eq(proposalVersions.quoteRequestId, quoteId))
  )[0]!.n;

describe.each(TEST_DATABASES)("sales ownership and strict discounts on $name", (target) => {
  const database = useTestDatabase(target);

  it("once a rep owns a quote, only they or an admin discount it, refresh it, or create and revoke its links", async () => {
    const db = database().db;
    const quote = await newQuote(db);
    const [owner, other, admin] = await Promise.all([staff(db, "sales"), staff(db, "sales"), staff(db, "admin")]);
    const [ownerCookie, otherCookie, adminCookie] = [
      await staffCookie(db, owner.id),
      await staffCookie(db, other.id),
      await staffCookie(db, admin.id),
    ];
    // Unowned: any rep may act, and any rep may take it.
    const early = await salesPost(quote.id, otherCookie, { intent: "create", version: "1" });
    expect(early.status).toBe(200);
    expect(
      await status(() =>
        dashboardAction({
          request: req("/staff/sales", ownerCookie, { intent: "own", quoteId: quote.id }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(200);
    const [earlyLink] = await db.select().from(shareLinks).where(eq(shareLinks.quoteRequestId, quote.id));

    // Another rep is refused everything, through the page and through the models alike.
    const forms: Record<string, string>[] = [
      { intent: "discount", percent: "5", reason: "Poaching" },
      { intent: "discount", percent: "20", reason: "Poaching big" },
      { intent: "create", version: "1" },
      { intent: "revoke", linkId: earlyLink!.id },
      { intent: "refresh" },
    ];
    for (const form of forms) {
      const r = await salesPost(quote.id, otherCookie, form);
      expect(r.status, JSON.stringify(form)).toBe(403);
      expect(r.errors[0]!.message).toMatch(/owns this quote/);
    }
    await expect(
      giveDiscount(db, { quoteRequestId: quote.id, bps: 300, reason: "direct", actor: other }),
    ).rejects.toMatchObject({ code: "not_owner" });
    await expect(createShareLink(db, { quoteRequestId: quote.id, version: 1, actor: other })).rejects.toMatchObject({
      code: "not_owner",
    });
    await expect(revokeShareLink(db, other, { linkId: earlyLink!.id, quoteRequestId: quote.id })).rejects.toMatchObject(
      { code: "not_owner" },
    );
    expect(await versionsOf(db, quote.id)).toBe(1);
    expect(await db.select().from(discountRequests).where(eq(discountRequests.quoteRequestId, quote.id))).toEqual([]);
    expect(
      (await db.select().from(shareLinks).where(eq(shareLinks.quoteRequestId, quote.id))).map((l) => l.revokedAt),
    ).toEqual([null]);

    // The owner and an admin may.
    expect((await salesPost(quote.id, ownerCookie, { intent: "create", version: "1" })).status).toBe(200);
    expect(
      (await salesPost(quote.id, ownerCookie, { intent: "discount", percent: "5", reason: "Owner's offer" })).status,
    ).toBe(200);
    expect(
      (await salesPost(quote.id, adminCookie, { intent: "discount", percent: "8", reason: "Admin's offer" })).status,
    ).toBe(200);
    expect((await salesPost(quote.id, adminCookie, { intent: "revoke", linkId: earlyLink!.id })).status).toBe(200);
    expect(await versionsOf(db, quote.id)).toBe(3);
  });

  it("share links only to published versions: no link to a draft, and an old link to a draft shows nothing", async () => {
    const db = database().db;
    const rep = await staff(db, "sales");
    const tech = await staff(db, "admin"); // changes a quote without holding a review item: an admin
    const cookie = await staffCookie(db, rep.id);
    // A quote waiting for a technician: version 1 is a draft.
    const review = await newQuote(db, {
      ...plain,
      requirements: { ...plain.requirements, specialRequirements: "Keep our IP range." },
    });
    const refused = await salesPost(review.id, cookie, { intent: "create", version: "1" });
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual([{ path: "version", message: expect.stringMatching(/published/) }]);
    await expect(createShareLink(db, { quoteRequestId: review.id, version: 1, actor: rep })).rejects.toMatchObject({
      code: "not_published",
    });

    // A published quote with a technician's unpublished version 2 on top.
    const quote = await newQuote(db);
    const [lean] = await db
      .select()
      .from(proposals)
      .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, 1), eq(proposals.tier, "lean")));
    await adjustProposal(
      db,
      quote.id,
      lean!.id,
      { op: "custom", description: "Internal: our cost 12 EUR", quantity: 1, monthlyMinor: 100, setupMinor: 0 },
      "internal",
      tech,
      await loadCatalog(db),
    );
    expect((await salesPost(quote.id, cookie, { intent: "create", version: "2" })).status).toBe(400);
    expect((await salesPost(quote.id, cookie, { intent: "create", version: "1" })).status).toBe(200);
    expect(
      await db
        .select()
        .from(shareLinks)
        .where(and(eq(shareLinks.quoteRequestId, quote.id), eq(shareLinks.proposalVersion, 2))),
    ).toEqual([]);

    // A link to the draft made before this rule: its page is a 404, like any dead link.
    const token = newAccessToken();
    await db.insert(shareLinks).values({
      quoteRequestId: quote.id,
      proposalVersion: 2,
      tokenHash: hashToken(token),
      createdBy: rep.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    expect(await status(() => shareLoader({ request: req(`/s/${token}`), params: { token }, context: {} }))).toBe(404);
  });

  it("percentages are plain decimals: hex, exponents, signs and spaces are field errors", async () => {
    const db = database().db;
    const quote = await newQuote(db);
    const rep = await staff(db, "sales");
    const cookie = await staffCookie(db, rep.id);
    for (const percent of ["0x10", "1e1", "+5", " 5", "5 ", "5.", ".5", "5.123", "Infinity", "0b11", "5,5", "100"]) {
      const r = await salesPost(quote.id, cookie, { intent: "discount", percent, reason: "Strict" });
      expect(r.status, percent).toBe(400);
      expect(
        r.errors.map((e) => e.path),
        percent,
      ).toEqual(["percent"]);
    }
    expect(await versionsOf(db, quote.id)).toBe(1);
    expect((await salesPost(quote.id, cookie, { intent: "discount", percent: "7.55", reason: "Strict" })).status).toBe(
      200,
    );
    const [v2] = await db
      .select()
      .from(proposalVersions)
      .where(and(eq(proposalVersions.quoteRequestId, quote.id), eq(proposalVersions.version, 2)));
    expect(v2!.salesDiscountBps).toBe(755);
  });

  it("the discount already in force is refused, and a quote stops at 50 versions", async () => {
    const db = database().db;
    const quote = await newQuote(db);
    const rep = await staff(db, "sales");
    const admin = await staff(db, "admin");
    const cookie = await staffCookie(db, rep.id);
    // No discount yet: 0 % changes nothing.
    const zero = await salesPost(quote.id, cookie, { intent: "discount", percent: "0", reason: "Nothing" });
    expect(zero.status).toBe(409);
    expect(zero.errors[0]!.message).toMatch(/already in force/);
    expect((await salesPost(quote.id, cookie, { intent: "discount", percent: "5", reason: "Offer" })).status).toBe(200);
    const same = await salesPost(quote.id, cookie, { intent: "discount", percent: "5.00", reason: "Again" });
    expect(same.status).toBe(409);
    expect(same.errors[0]!.message).toMatch(/already in force/);
    expect(await versionsOf(db, quote.id)).toBe(2);
    // An admin's request of the same rate is refused too (above 10 % a rep's would wait for approval).
    await expect(
      giveDiscount(db, { quoteRequestId: quote.id, bps: 500, reason: "same", actor: admin }),
    ).rejects.toMatchObject({ code: "unchanged" });

    for (let version = 2; version < 50; version++)
      await giveDiscount(db, { quoteRequestId: quote.id, bps: version % 2 ? 500 : 600, reason: "churn", actor: rep });
    expect(await versionsOf(db, quote.id)).toBe(50);
    const capped = await salesPost(quote.id, cookie, { intent: "discount", percent: "9", reason: "One more" });
    expect(capped.status).toBe(409);
    expect(capped.errors[0]!.message).toMatch(/50 versions/);
    const [lean] = await db
      .select()
      .from(proposals)
      .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, 50), eq(proposals.tier, "lean")));
    await expect(
      adjustProposal(
        db,
        quote.id,
        lean!.id,
        { op: "quantity", position: 0, quantity: 2 },
        "more",
        admin,
        await loadCatalog(db),
      ),
    ).rejects.toMatchObject({ code: "too_many_versions", params: { max: 50 } });
    // A request above 10 % is refused at the cap as well, rather than waiting for an approval that cannot apply.
    const request = await salesPost(quote.id, cookie, { intent: "discount", percent: "20", reason: "Big" });
    expect(request.status).toBe(409);
    expect(await versionsOf(db, quote.id)).toBe(50);
  });
});
