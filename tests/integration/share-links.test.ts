import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { quoteRequests, shareLinks } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { createShareLink } from "~/models/share-link.server";
import { createUser } from "~/models/user.server";
import { action as wizardAction } from "~/routes/quote.new";
import { action as shareAction, loader as shareLoader } from "~/routes/s.$token";
import { action as dashboardAction, loader as dashboardLoader } from "~/routes/staff.sales._index";
import { action as salesQuoteAction } from "~/routes/staff.sales.$id";
import { req, staffCookie, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const input: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Shared", email: "shared@example.com", company: "Share Co" },
};

async function submit() {
  await wizardAction({ request: new Request("http://localhost/quote/new", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(input) }), params: {}, context: {} });
}

describe.each(TEST_DATABASES)("share links and the sales dashboard on $name", (target) => {
  const database = useTestDatabase(target);

  it("a rep creates a 256-bit link stored only as a hash; views are counted by the beacon, not the page load", async () => {
    const db = database().db;
    await submit();
    const [quote] = await db.select().from(quoteRequests).limit(1);
    const rep = await createUser(db, { email: "rep@test.local", name: "Rita Rep", role: "sales", password: "correct horse battery" });
    const cookie = await staffCookie(db, rep.id);
    const created = (await salesQuoteAction({ request: req(`/staff/sales/${quote!.id}`, cookie, { intent: "create", version: "1" }), params: { id: quote!.id }, context: {} })) as { link: string };
    const token = created.link.split("/s/")[1]!;
    expect(Buffer.from(token, "base64url").length).toBe(32);
    const rows = await db.select().from(shareLinks);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBeGreaterThan(29 * 86_400_000);

    const page = (await shareLoader({ request: req(`/s/${token}`), params: { token }, context: {} })) as { data: { quote: { proposals: unknown[] } }; init: { headers: Record<string, string> } };
    expect(page.data.quote.proposals.length).toBeGreaterThan(0);
    expect(page.init.headers["Referrer-Policy"]).toBe("no-referrer");
    expect((await db.select().from(shareLinks))[0]!.viewCount).toBe(0); // reading changes nothing
    await shareAction({ request: req(`/s/${token}`, undefined, { intent: "view" }), params: { token }, context: {} });
    await shareAction({ request: req(`/s/${token}`, undefined, { intent: "view" }), params: { token }, context: {} });
    const [viewed] = await db.select().from(shareLinks);
    expect(viewed!.viewCount).toBe(2);
    expect(viewed!.firstViewedAt).not.toBeNull();
    expect(viewed!.lastViewedAt!.getTime()).toBeGreaterThanOrEqual(viewed!.firstViewedAt!.getTime());

    // The dashboard shows the last view, the value and lets a rep take ownership once.
    const dash = (await dashboardLoader({ request: req("/staff/sales", cookie), params: {}, context: {} })) as { quotes: { id: string; lastViewedAt: unknown; monthlyMinor: unknown; ownerId: string | null }[] };
    const row = dash.quotes.find((q) => q.id === quote!.id)!;
    expect(row.lastViewedAt).not.toBeNull();
    expect(Number(row.monthlyMinor)).toBeGreaterThan(0);
    expect(await status(() => dashboardAction({ request: req("/staff/sales", cookie, { intent: "own", quoteId: quote!.id }), params: {}, context: {} }))).toBe(200);
    const other = await createUser(db, { email: "rep2@test.local", name: "Other Rep", role: "sales", password: "correct horse battery" });
    const otherCookie = await staffCookie(db, other.id);
    expect(await status(() => dashboardAction({ request: req("/staff/sales", otherCookie, { intent: "own", quoteId: quote!.id }), params: {}, context: {} }))).toBe(409);
  });

  it("unknown, expired and revoked links are the same 404", async () => {
    const db = database().db;
    await submit();
    // The newest quote: the first test's rep owns the older one, and only an owner may revoke its links.
    const [quote] = await db.select().from(quoteRequests).orderBy(desc(quoteRequests.createdAt)).limit(1);
    const rep = await createUser(db, { email: "rep3@test.local", name: "R3", role: "sales", password: "correct horse battery" });
    const expired = await createShareLink(db, { quoteRequestId: quote!.id, version: 1, createdBy: rep.id, days: 1 }, new Date(Date.now() - 2 * 86_400_000));
    const revoked = await createShareLink(db, { quoteRequestId: quote!.id, version: 1, createdBy: rep.id });
    const cookie = await staffCookie(db, rep.id);
    const links = await db.select().from(shareLinks).where(eq(shareLinks.quoteRequestId, quote!.id));
    const revokedRow = links.sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())[0];
    expect(await status(() => salesQuoteAction({ request: req(`/staff/sales/${quote!.id}`, cookie, { intent: "revoke", linkId: revokedRow!.id }), params: { id: quote!.id }, context: {} }))).toBe(200);
    for (const token of [expired, revoked, "A".repeat(43), "short"]) {
      expect(await status(() => shareLoader({ request: req(`/s/${token}`), params: { token }, context: {} }))).toBe(404);
      expect(await status(() => shareAction({ request: req(`/s/${token}`, undefined, { intent: "view" }), params: { token }, context: {} }))).toBe(404);
    }
  });

  it("only sales and admins reach the sales pages", async () => {
    const db = database().db;
    await submit();
    const [quote] = await db.select().from(quoteRequests).limit(1);
    const tech = await createUser(db, { email: "tech-sales@test.local", name: "T", role: "technician", password: "correct horse battery" });
    const cookie = await staffCookie(db, tech.id);
    expect(await status(() => dashboardLoader({ request: req("/staff/sales", cookie), params: {}, context: {} }))).toBe(403);
    expect(await status(() => salesQuoteAction({ request: req(`/staff/sales/${quote!.id}`, cookie, { intent: "create", version: "1" }), params: { id: quote!.id }, context: {} }))).toBe(403);
    expect(await status(() => dashboardLoader({ request: req("/staff/sales"), params: {}, context: {} }))).toBe(302);
    const admin = await createUser(db, { email: "admin-sales@test.local", name: "A", role: "admin", password: "correct horse battery" });
    const adminC = await staffCookie(db, admin.id);
    expect(await status(() => salesQuoteAction({ request: req(`/staff/sales/${quote!.id}`, adminC, { intent: "create", version: "9" }), params: { id: quote!.id }, context: {} }))).toBe(400);
    expect(await status(() => salesQuoteAction({ request: req(`/staff/sales/${quote!.id}`, adminC, { intent: "create", version: "1", days: "999" }), params: { id: quote!.id }, context: {} }))).toBe(400);
  });
});
