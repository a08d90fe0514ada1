import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { auditLog, discountRequests, proposalVersions, quoteRequests, shareLinks } from "#db/schema";
import { decideDiscount, giveDiscount } from "~/models/discount.server";
import { takeOwnership } from "~/models/sales.server";
import { action as decideAction } from "~/routes/staff.discounts/route";
import { action as salesQuoteAction, loader as salesQuoteLoader } from "~/routes/staff.sales.$id/route";
import { action as dashboardAction } from "~/routes/staff.sales._index/route";
import { createQuote, createStaff, unique } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** What a change to a quote as sales leaves behind: its versions, links, discount requests and audit entries. */
async function footprint(db: Database, quoteId: string) {
  const [quote] = await db
    .select({ publishedVersion: quoteRequests.publishedVersion, ownerId: quoteRequests.ownerId })
    .from(quoteRequests)
    .where(eq(quoteRequests.id, quoteId));
  return {
    quote,
    versions: (
      await db
        .select({ v: proposalVersions.version })
        .from(proposalVersions)
        .where(eq(proposalVersions.quoteRequestId, quoteId))
    ).length,
    links: await db
      .select({ id: shareLinks.id, revokedAt: shareLinks.revokedAt })
      .from(shareLinks)
      .where(eq(shareLinks.quoteRequestId, quoteId)),
    requests: (
      await db
        .select({ id: discountRequests.id })
        .from(discountRequests)
        .where(eq(discountRequests.quoteRequestId, quoteId))
    ).length,
    audit: (
      await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "quote_request"), eq(auditLog.entityId, quoteId)))
    ).length,
  };
}

/** Makes the published version of a quote expired, so that it can be refreshed. */
async function expire(db: Database, quoteId: string) {
  await db
    .update(proposalVersions)
    .set({ validUntil: new Date(Date.now() - 86_400_000) })
    .where(eq(proposalVersions.quoteRequestId, quoteId));
}

describe.each(TEST_DATABASES)("the staff sales page and another rep's quote on $name", (target) => {
  const database = useTestDatabase(target);

  it("a rep cannot discount, share, revoke or refresh another rep's quote through the page (403, nothing written); an admin can", async () => {
    const db = database().db;
    const { id: quoteId } = await createQuote(db, { contact: { email: `sales-page-${unique()}@example.com` } });
    const [owner, other, admin] = await Promise.all([
      createStaff(db, "sales", { name: "Olga Owner" }),
      createStaff(db, "sales"),
      createStaff(db, "admin"),
    ]);
    const post = (cookie: string, form: Record<string, string>) =>
      callAction(salesQuoteAction, req(`/staff/sales/${quoteId}`, cookie, form), { id: quoteId });
    const page = async (cookie: string) =>
      (await callLoader(salesQuoteLoader, req(`/staff/sales/${quoteId}`, cookie), { id: quoteId })).data;

    // Nobody owns it yet: every rep may change it, and the page says so.
    expect((await page(other.cookie)).canWrite).toBe(true);
    expect((await post(owner.cookie, { intent: "create", version: "1" })).status).toBe(200);
    expect(
      (await callAction(dashboardAction, req("/staff/sales", owner.cookie, { intent: "own", quoteId }))).status,
    ).toBe(200);
    const [link] = await db
      .select({ id: shareLinks.id })
      .from(shareLinks)
      .where(eq(shareLinks.quoteRequestId, quoteId));
    await expire(db, quoteId);

    // The page offers another rep nothing, and the action refuses them everything.
    expect(await page(other.cookie)).toMatchObject({ canWrite: false, ownerName: "Olga Owner" });
    expect((await page(owner.cookie)).canWrite).toBe(true);
    expect((await page(admin.cookie)).canWrite).toBe(true);
    const before = await footprint(db, quoteId);
    const forms: Record<string, string>[] = [
      { intent: "discount", percent: "5", reason: "Poaching" },
      { intent: "discount", percent: "20", reason: "Poaching big" },
      { intent: "create", version: "1" },
      { intent: "revoke", linkId: link!.id },
      { intent: "refresh" },
    ];
    for (const form of forms) {
      const refused = await post(other.cookie, form);
      expect(refused.status, form.intent).toBe(403);
      expect(refused.data.errors[0]!.message, form.intent).toBe(
        "Olga Owner owns this quote: only they or an admin can change it.",
      );
    }
    expect(await footprint(db, quoteId)).toEqual(before);
    // Nor can they take it over from the dashboard.
    const taken = await callAction(dashboardAction, req("/staff/sales", other.cookie, { intent: "own", quoteId }));
    expect(taken).toMatchObject({ status: 409, data: { error: "Someone already owns this quote." } });

    // An admin may do all of it: refresh, share, discount above 10 % at once, revoke.
    const refreshed = await post(admin.cookie, { intent: "refresh" });
    expect(refreshed.data.notice).toBe("Refreshed at current prices as version 2.");
    expect((await post(admin.cookie, { intent: "create", version: "2" })).data.link).toMatch(/\/s\//);
    expect(
      (await post(admin.cookie, { intent: "discount", percent: "20", reason: "Strategic account" })).data.notice,
    ).toBe("Discount applied: the customer now sees version 3.");
    expect((await post(admin.cookie, { intent: "revoke", linkId: link!.id })).data.notice).toBe("Link revoked.");
    const after = await footprint(db, quoteId);
    expect(after).toMatchObject({ quote: { publishedVersion: 3, ownerId: owner.user.id }, versions: 3, requests: 0 });
    expect(after.links).toHaveLength(2);
    expect(after.links.find((l) => l.id === link!.id)!.revokedAt).not.toBeNull();
    // A link that is no longer live is the page's 404, and nothing is written.
    const again = await post(owner.cookie, { intent: "revoke", linkId: link!.id });
    expect(again).toMatchObject({ status: 404, data: { errors: [{ path: "linkId", message: "No such live link." }] } });
    expect(await footprint(db, quoteId)).toEqual(after);
  });

  it("refusals are DomainErrors in the models too: another rep's quote, a taken quote, a decided request", async () => {
    const db = database().db;
    const { id: quoteId } = await createQuote(db, { contact: { email: `sales-models-${unique()}@example.com` } });
    const [{ user: rep }, { user: other }, { user: admin, cookie: adminCookie }] = await Promise.all([
      createStaff(db, "sales"),
      createStaff(db, "sales"),
      createStaff(db, "admin"),
    ]);
    await takeOwnership(db, rep, quoteId);
    await expect(takeOwnership(db, other, quoteId)).rejects.toMatchObject({ code: "already_owned", status: 409 });
    await expect(
      giveDiscount(db, { quoteRequestId: quoteId, bps: 1500, reason: "Poaching", actor: other }),
    ).rejects.toMatchObject({ code: "not_owner", status: 403 });
    const asked = await giveDiscount(db, {
      quoteRequestId: quoteId,
      bps: 1500,
      reason: "Competitor offer",
      actor: rep,
    });
    if (asked.applied) throw new Error("setup: above 10 % waits for an admin");
    expect(
      await decideDiscount(db, admin, { requestId: asked.requestId, approve: false, reason: "Below our margin" }),
    ).toEqual({ quoteRequestId: quoteId, version: null });
    await expect(
      decideDiscount(db, admin, { requestId: asked.requestId, approve: true, reason: "Changed my mind" }),
    ).rejects.toMatchObject({ code: "discount_decided", status: 409 });
    await expect(
      decideDiscount(db, admin, { requestId: crypto.randomUUID(), approve: true, reason: "Unknown" }),
    ).rejects.toMatchObject({ code: "discount_decided" });
    // The page answers a decided request as before.
    const decided = await callAction(
      decideAction,
      req("/staff/discounts", adminCookie, { requestId: asked.requestId, decision: "approve", reason: "Once more" }),
    );
    expect(decided).toMatchObject({
      status: 409,
      data: { errors: [{ path: "requestId", message: "This request has already been decided." }] },
    });
    const [request] = await db.select().from(discountRequests).where(eq(discountRequests.id, asked.requestId));
    expect(request).toMatchObject({ status: "rejected", decidedBy: admin.id, decisionReason: "Below our margin" });
  });
});
