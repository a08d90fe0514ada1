import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shareLinks } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { action as shareAction, loader as shareLoader } from "~/routes/s.$token";
import { action as dashboardAction, loader as dashboardLoader } from "~/routes/staff.sales._index/route";
import { action as salesQuoteAction } from "~/routes/staff.sales.$id/route";
import { createQuote, createShareLink, createStaff } from "../factories";
import { callAction, callLoader, req, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const input: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Shared", email: "shared@example.com", company: "Share Co" },
};

describe.each(TEST_DATABASES)("share links and the sales dashboard on $name", (target) => {
  const database = useTestDatabase(target);

  it("a rep creates a 256-bit link stored only as a hash; views are counted by the beacon, not the page load", async () => {
    const db = database().db;
    const quote = await createQuote(db, {}, input);
    const { cookie } = await createStaff(db, "sales", { name: "Rita Rep" });
    const created = await callAction(
      salesQuoteAction,
      req(`/staff/sales/${quote.id}`, cookie, { intent: "create", version: "1" }),
      { id: quote.id },
    );
    const token = created.data.link!.split("/s/")[1]!;
    expect(Buffer.from(token, "base64url").length).toBe(32);
    const linksOfQuote = () => db.select().from(shareLinks).where(eq(shareLinks.quoteRequestId, quote.id));
    const rows = await linksOfQuote();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBeGreaterThan(29 * 86_400_000);

    const page = await callLoader(shareLoader, req(`/s/${token}`), { token });
    expect(page.data.quote.proposals.length).toBeGreaterThan(0);
    expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect((await linksOfQuote())[0]!.viewCount).toBe(0); // reading changes nothing
    await shareAction({ request: req(`/s/${token}`, undefined, { intent: "view" }), params: { token }, context: {} });
    await shareAction({ request: req(`/s/${token}`, undefined, { intent: "view" }), params: { token }, context: {} });
    const [viewed] = await linksOfQuote();
    expect(viewed!.viewCount).toBe(2);
    expect(viewed!.firstViewedAt).not.toBeNull();
    expect(viewed!.lastViewedAt!.getTime()).toBeGreaterThanOrEqual(viewed!.firstViewedAt!.getTime());

    // The dashboard shows the last view, the value and lets a rep take ownership once.
    const dash = await callLoader(dashboardLoader, req("/staff/sales", cookie));
    const row = dash.data.quotes.find((q) => q.id === quote.id)!;
    expect(row.lastViewedAt).not.toBeNull();
    expect(Number(row.monthlyMinor)).toBeGreaterThan(0);
    expect(
      await status(() =>
        dashboardAction({
          request: req("/staff/sales", cookie, { intent: "own", quoteId: quote.id }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(200);
    const { cookie: otherCookie } = await createStaff(db, "sales");
    expect(
      await status(() =>
        dashboardAction({
          request: req("/staff/sales", otherCookie, { intent: "own", quoteId: quote.id }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(409);
  });

  it("unknown, expired and revoked links are the same 404", async () => {
    const db = database().db;
    // A quote of its own: only an owner may revoke a quote's links.
    const quote = await createQuote(db, {}, input);
    const { user: rep, cookie } = await createStaff(db, "sales");
    const { token: expired } = await createShareLink(
      db,
      { quoteRequestId: quote.id, createdBy: rep.id, days: 1 },
      new Date(Date.now() - 2 * 86_400_000),
    );
    const { token: revoked } = await createShareLink(db, { quoteRequestId: quote.id, createdBy: rep.id });
    const links = await db.select().from(shareLinks).where(eq(shareLinks.quoteRequestId, quote.id));
    const revokedRow = links.sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())[0];
    expect(
      await status(() =>
        salesQuoteAction({
          request: req(`/staff/sales/${quote.id}`, cookie, { intent: "revoke", linkId: revokedRow!.id }),
          params: { id: quote.id },
          context: {},
        }),
      ),
    ).toBe(200);
    for (const token of [expired, revoked, "A".repeat(43), "short"]) {
      expect(await status(() => shareLoader({ request: req(`/s/${token}`), params: { token }, context: {} }))).toBe(
        404,
      );
      expect(
        await status(() =>
          shareAction({ request: req(`/s/${token}`, undefined, { intent: "view" }), params: { token }, context: {} }),
        ),
      ).toBe(404);
    }
  });

  it("only sales and admins reach the sales pages", async () => {
    const db = database().db;
    const quote = await createQuote(db, {}, input);
    const { cookie } = await createStaff(db, "technician");
    expect(await status(() => dashboardLoader({ request: req("/staff/sales", cookie), params: {}, context: {} }))).toBe(
      403,
    );
    expect(
      await status(() =>
        salesQuoteAction({
          request: req(`/staff/sales/${quote.id}`, cookie, { intent: "create", version: "1" }),
          params: { id: quote.id },
          context: {},
        }),
      ),
    ).toBe(403);
    expect(await status(() => dashboardLoader({ request: req("/staff/sales"), params: {}, context: {} }))).toBe(302);
    const { cookie: adminC } = await createStaff(db, "admin");
    expect(
      await status(() =>
        salesQuoteAction({
          request: req(`/staff/sales/${quote.id}`, adminC, { intent: "create", version: "9" }),
          params: { id: quote.id },
          context: {},
        }),
      ),
    ).toBe(400);
    expect(
      await status(() =>
        salesQuoteAction({
          request: req(`/staff/sales/${quote.id}`, adminC, { intent: "create", version: "1", days: "999" }),
          params: { id: quote.id },
          context: {},
        }),
      ),
    ).toBe(400);
  });
});
