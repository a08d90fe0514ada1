import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { auditLog, discountRequests, proposals, reviewItems } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { acceptVersion } from "~/models/acceptance.server";
import { giveDiscount } from "~/models/discount.server";
import { loader as staffIndexLoader } from "~/routes/staff._index";
import { action as discountsAction, loader as discountsLoader } from "~/routes/staff.discounts/route";
import { action as loginAction, loader as loginLoader } from "~/routes/staff.login/route";
import { loader as queueLoader } from "~/routes/staff.review._index/route";
import { action as itemAction, loader as itemLoader } from "~/routes/staff.review.$id/route";
import { loader as salesQuoteLoader } from "~/routes/staff.sales.$id/route";
import { TERMS_VERSION } from "~/utils/terms";
import { TEST_PASSWORD, createQuote, createStaff } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const plain: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Staff Pages Customer", email: "staff-pages@example.com" },
};

const reviewed: QuoteRequestInput = {
  requirements: {
    availability: "high",
    termMonths: 24,
    region: "eu",
    growthPercentPerYear: 30,
    specialRequirements: "We must keep our IP addresses.",
  },
  workloads: [
    { kind: "web_app", name: "Shop", visitsPerDay: 20_000, storageGb: 50, measured: ["visitsPerDay"] },
    { kind: "database", engine: "postgresql", dataGb: 120 },
  ],
  contact: { name: "Grace Review", email: "grace-review@example.com" },
};

/** A staff time as the pages print it: "4 Dec 2026, 11:00 CET" (the business zone defaults to Europe/Madrid). */
const STAFF_TIME = /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} CES?T$/;
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

async function login(email: string, redirectTo?: string) {
  const r = await callAction(
    loginAction,
    req("/staff/login", undefined, {
      email,
      password: TEST_PASSWORD,
      ...(redirectTo === undefined ? {} : { redirectTo }),
    }),
  );
  return r.location;
}

async function acceptLean(db: Database, quoteRequestId: string) {
  return db.transaction((tx) =>
    acceptVersion(
      tx,
      {
        quoteRequestId,
        version: 1,
        tier: "lean",
        name: "Ana Buyer",
        company: "Pay Co",
        email: "ana@example.com",
        poNumber: "",
        termsVersion: TERMS_VERSION,
        ip: null,
        userAgent: null,
        shareLinkId: null,
      },
      new Date(),
    ),
  );
}

describe.each(TEST_DATABASES)("staff pages on $name", (target) => {
  const database = useTestDatabase(target);

  it("signs each role in to its own start page, and honours a safe return address", async () => {
    const db = database().db;
    const [rep, tech, admin] = await Promise.all([
      createStaff(db, "sales"),
      createStaff(db, "technician"),
      createStaff(db, "admin"),
    ]);
    expect(await login(rep.user.email)).toBe("/staff/sales");
    expect(await login(tech.user.email)).toBe("/staff/review");
    expect(await login(admin.user.email)).toBe("/staff/review");
    // The sign-in page without a return address posts none (the role decides), and passes a safe one on.
    expect((await callLoader(loginLoader, req("/staff/login"))).data.redirectTo).toBe("");
    expect((await callLoader(loginLoader, req("/staff/login?redirectTo=%2Fstaff%2Fdiscounts"))).data.redirectTo).toBe(
      "/staff/discounts",
    );
    // A safe return address wins over the role's page; a hostile one falls back to it.
    expect(await login(rep.user.email, "/staff/review/123")).toBe("/staff/review/123");
    expect(await login(rep.user.email, "https://evil.example/")).toBe("/staff/sales");
    expect(await login(rep.user.email, "")).toBe("/staff/sales");
    // /staff and an already signed-in visit to the sign-in page go where the role starts too.
    expect((await callLoader(staffIndexLoader, req("/staff", rep.cookie))).location).toBe("/staff/sales");
    expect((await callLoader(staffIndexLoader, req("/staff", tech.cookie))).location).toBe("/staff/review");
    expect((await callLoader(loginLoader, req("/staff/login", rep.cookie))).location).toBe("/staff/sales");
  });

  it("closes a pending discount request when the customer accepts, and answers a late decision with 409", async () => {
    const db = database().db;
    const { id: quoteId } = await createQuote(db, {}, plain);
    const rep = await createStaff(db, "sales");
    const admin = await createStaff(db, "admin");
    const outcome = await giveDiscount(db, {
      quoteRequestId: quoteId,
      bps: 1500,
      reason: "Big account",
      actor: rep.user,
    });
    expect(outcome.applied).toBe(false);
    const requestId = (outcome as { requestId: string }).requestId;

    await acceptLean(db, quoteId);

    const [closed] = await db.select().from(discountRequests).where(eq(discountRequests.id, requestId));
    expect(closed).toMatchObject({ status: "withdrawn", decisionReason: "customer accepted", decidedBy: null });
    expect(closed!.decidedAt).not.toBeNull();
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, quoteId), eq(auditLog.action, "discount_withdrawn")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ requestId, bps: 1500, reason: "customer accepted" });

    // Gone from the admins' queue; approving it anyway is a clear 409, not "prices are locked".
    const queue = await callLoader(discountsLoader, req("/staff/discounts", admin.cookie));
    expect(queue.data.requests.map((r) => r.id)).not.toContain(requestId);
    const late = await callAction(
      discountsAction,
      req("/staff/discounts", admin.cookie, { requestId, decision: "approve", reason: "Strategic" }),
    );
    expect(late.status).toBe(409);
    expect(late.data.errors[0]!.message).toMatch(/closed on .* \(customer accepted\): the customer accepted the quote/);
    const [still] = await db.select().from(discountRequests).where(eq(discountRequests.id, requestId));
    expect(still!.status).toBe("withdrawn");

    // The sales page says what happened to it.
    const page = await callLoader(salesQuoteLoader, req(`/staff/sales/${quoteId}`, rep.cookie), { id: quoteId });
    expect(page.data.discounts[0]).toMatchObject({ status: "withdrawn", decisionReason: "customer accepted" });
    expect(page.data.discounts[0]!.decidedAt).toMatch(STAFF_TIME);
  });

  it("a second acceptance (the same one again) closes nothing more and a rejected request stays rejected", async () => {
    const db = database().db;
    const { id: quoteId } = await createQuote(db, {}, plain);
    const rep = await createStaff(db, "sales");
    const admin = await createStaff(db, "admin");
    const first = await giveDiscount(db, { quoteRequestId: quoteId, bps: 1500, reason: "First ask", actor: rep.user });
    const firstId = (first as { requestId: string }).requestId;
    const rejected = await callAction(
      discountsAction,
      req("/staff/discounts", admin.cookie, { requestId: firstId, decision: "reject", reason: "Too much" }),
    );
    expect(rejected.status).toBe(200);
    await acceptLean(db, quoteId);
    await acceptLean(db, quoteId);
    const rows = await db.select().from(discountRequests).where(eq(discountRequests.quoteRequestId, quoteId));
    expect(rows.map((r) => r.status)).toEqual(["rejected"]);
  });

  it("shows the sales page's tier prices and staff times in the business time zone", async () => {
    const db = database().db;
    const { id: quoteId } = await createQuote(db, {}, plain);
    const rep = await createStaff(db, "sales");
    const page = await callLoader(salesQuoteLoader, req(`/staff/sales/${quoteId}`, rep.cookie), { id: quoteId });
    const v1 = page.data.versions.find((v) => v.version === 1)!;
    const stored = await db
      .select()
      .from(proposals)
      .where(and(eq(proposals.quoteRequestId, quoteId), eq(proposals.version, 1)))
      .orderBy(asc(proposals.position));
    expect(stored.length).toBeGreaterThan(0);
    expect(v1.tiers).toEqual(
      stored.map((p) => ({
        tier: p.tier,
        availability: p.availability,
        currency: "EUR",
        monthlyMinor: p.monthlyMinor,
        setupMinor: p.setupMinor,
      })),
    );
    for (const tier of v1.tiers) expect(tier.monthlyMinor).toBeGreaterThan(0);
    expect(v1.publishedAt).toMatch(STAFF_TIME);
    expect(v1.validUntil).toMatch(STAFF_TIME);
    expect(JSON.stringify(page.data)).not.toMatch(ISO);
  });

  it("the review item page: readable workloads and requirements, Claim with its holder, zoned times", async () => {
    const db = database().db;
    const { id: quoteId } = await createQuote(db, {}, reviewed);
    const [item] = await db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quoteId));
    const id = item!.id;
    const [tech, other, rep] = await Promise.all([
      createStaff(db, "technician"),
      createStaff(db, "technician"),
      createStaff(db, "sales"),
    ]);
    const view = async (cookie: string) =>
      (await callLoader(itemLoader, req(`/staff/review/${id}`, cookie), { id })).data;

    const before = await view(tech.cookie);
    expect(before.quote.workloads[0]).toMatchObject({ kind: "Website or web application", name: "Shop" });
    expect(before.quote.workloads[0]!.facts).toEqual(
      expect.arrayContaining([
        { label: "Visits per day", value: "20,000 (measured)" },
        { label: "Storage (GB)", value: "50" },
      ]),
    );
    expect(before.quote.workloads[1]!.facts).toEqual(
      expect.arrayContaining([
        { label: "Database engine", value: "PostgreSQL" },
        { label: "Data size today (GB)", value: "120" },
      ]),
    );
    expect(before.quote.requirements).toEqual(
      expect.arrayContaining([
        { label: "Contract term", value: "24 months" },
        { label: "Region", value: "Europe" },
        { label: "Expected growth per year (%)", value: "30" },
        { label: "Anything special?", value: "We must keep our IP addresses." },
      ]),
    );
    expect(before.item.firstResponseDue).toMatch(STAFF_TIME);
    expect(before.can.claim).toBe(true);
    expect((await view(rep.cookie)).can.claim).toBe(false);

    // Claim from the item's page: the queue's rule (sales may not), then the holder shows.
    const salesClaim = await callAction(itemAction, req(`/staff/review/${id}`, rep.cookie, { intent: "claim" }), {
      id,
    });
    expect(salesClaim.status).toBe(403);
    const claimed = await callAction(itemAction, req(`/staff/review/${id}`, tech.cookie, { intent: "claim" }), { id });
    expect(claimed.status).toBe(200);
    expect(claimed.data).toMatchObject({ ok: expect.stringContaining("Claimed") });
    const second = await callAction(itemAction, req(`/staff/review/${id}`, other.cookie, { intent: "claim" }), {
      id,
    });
    expect(second.status).toBe(409);
    const after = await view(tech.cookie);
    expect(after.item).toMatchObject({ assigneeName: tech.user.name, heldByMe: true, status: "claimed" });
    expect(after.can).toMatchObject({ claim: false, change: true });
    expect((await view(other.cookie)).item).toMatchObject({ assigneeName: tech.user.name, heldByMe: false });
    expect(after.audit.length).toBeGreaterThan(0);
    for (const entry of after.audit) expect(entry.createdAt).toMatch(STAFF_TIME);

    // The queue prints its deadlines the same way.
    const queue = await callLoader(queueLoader, req("/staff/review?status=claimed", tech.cookie));
    const row = queue.data.items.find((i) => i.id === id)!;
    expect(row.firstResponseDue).toMatch(STAFF_TIME);
  });
});
