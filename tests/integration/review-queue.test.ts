import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { quoteMessages, reviewItems, reviewNotes, sessions } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { latestVersion } from "~/models/proposal-version.server";
import { getQuoteById } from "~/models/quote-request.server";
import { claimReviewItem } from "~/models/review-item.server";
import { type StaffUser, createUser, disableUser } from "~/models/user.server";
import { action as quotePageAction, loader as quotePageLoader } from "~/routes/q.$token/route";
import { action as loginAction } from "~/routes/staff.login/route";
import { action as logoutAction } from "~/routes/staff.logout";
import { action as queueAction, loader as queueLoader } from "~/routes/staff.review._index/route";
import { action as itemAction, loader as itemLoader } from "~/routes/staff.review.$id/route";
import { createQuote } from "../factories";
import { callLoader, req, staffCookie, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const needsReview: QuoteRequestInput = {
  requirements: {
    availability: "standard",
    termMonths: 12,
    region: "eu",
    specialRequirements: "We must keep our IP addresses.",
  },
  workloads: [{ kind: "web_app", visitsPerDay: 2000 }],
  contact: { name: "Grace", email: "grace@example.com" },
};

const noReview: QuoteRequestInput = {
  ...needsReview,
  requirements: { ...needsReview.requirements, specialRequirements: undefined },
};

const cookieFor = (db: Parameters<typeof staffCookie>[0], user: StaffUser) => staffCookie(db, user.id);

describe.each(TEST_DATABASES)("staff and the review queue on $name", (target) => {
  const database = useTestDatabase(target);
  let n = 0;
  const user = (role: StaffUser["role"]) =>
    createUser(database().db, {
      email: `${role}${++n}@test.local`,
      name: `${role} ${n}`,
      role,
      password: "correct horse battery",
    });

  it("creates a review item with its reasons and SLA in the same transaction as the quote", async () => {
    const db = database().db;
    const quote = await createQuote(db, {}, needsReview);
    const [item] = await db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quote.id));
    expect(quote.token).toBeTruthy();
    expect(item!.id).toBe(quote.reviewItemId);
    expect(item).toMatchObject({ status: "open", priority: "normal" });
    expect(item!.reasons.map((r) => r.code)).toEqual(["special_requirements"]);
    expect(item!.firstResponseDueAt!.getTime()).toBeGreaterThan(item!.createdAt.getTime());
    expect(item!.resolutionDueAt!.getTime()).toBeGreaterThan(item!.firstResponseDueAt!.getTime());
    // A quote without review reasons gets none.
    const before = (await db.select({ n: count() }).from(reviewItems))[0]!.n;
    expect((await createQuote(db, {}, noReview)).reviewItemId).toBeNull();
    expect((await db.select({ n: count() }).from(reviewItems))[0]!.n).toBe(before);
  });

  it("signs in with argon2id, sets a fresh HttpOnly SameSite=Lax session, and signs out", async () => {
    const tech = await user("technician");
    const bad = await status(() =>
      loginAction({
        request: req("/staff/login", undefined, { email: tech.email, password: "wrong" }),
        params: {},
        context: {},
      }),
    );
    expect(bad).toBe(400);
    const ok = (await loginAction({
      request: req("/staff/login", undefined, {
        email: tech.email.toUpperCase(),
        password: "correct horse battery",
        redirectTo: "https://evil.example/",
      }),
      params: {},
      context: {},
    })) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/staff/review"); // never an outside redirect
    const setCookie = ok.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(";")[0]!;
    expect(await status(() => queueLoader({ request: req("/staff/review", cookie), params: {}, context: {} }))).toBe(
      200,
    );
    const second = (await loginAction({
      request: req("/staff/login", undefined, { email: tech.email, password: "correct horse battery" }),
      params: {},
      context: {},
    })) as Response;
    expect(second.headers.get("Set-Cookie")!.split(";")[0]).not.toBe(cookie); // a new session id on every login
    await logoutAction({ request: req("/staff/logout", cookie, {}), params: {}, context: {} });
    expect(await status(() => queueLoader({ request: req("/staff/review", cookie), params: {}, context: {} }))).toBe(
      302,
    );
  });

  it("disabling a user ends their sessions", async () => {
    const tech = await user("technician");
    const cookie = await cookieFor(database().db, tech);
    await disableUser(database().db, tech.id);
    expect(await status(() => queueLoader({ request: req("/staff/review", cookie), params: {}, context: {} }))).toBe(
      302,
    );
    const open = await database().db.select().from(sessions).where(eq(sessions.userId, tech.id));
    expect(open.every((s) => s.revokedAt !== null)).toBe(true);
  });

  it("enforces who may see and change what", async () => {
    const db = database().db;
    const id = (await createQuote(db, {}, needsReview)).reviewItemId!;
    const [sales, tech, other, admin] = await Promise.all([
      user("sales"),
      user("technician"),
      user("technician"),
      user("admin"),
    ]);
    const [salesC, techC, otherC, adminC] = await Promise.all([sales, tech, other, admin].map((u) => cookieFor(db, u)));
    const queue = (c?: string) =>
      status(() => queueLoader({ request: req("/staff/review", c), params: {}, context: {} }));
    const detail = (c?: string) =>
      status(() => itemLoader({ request: req(`/staff/review/${id}`, c), params: { id }, context: {} }));
    const claim = (c?: string) =>
      status(() => queueAction({ request: req("/staff/review", c, { intent: "claim", id }), params: {}, context: {} }));
    const note = (c?: string) =>
      status(() =>
        itemAction({
          request: req(`/staff/review/${id}`, c, { intent: "note", body: "internal" }),
          params: { id },
          context: {},
        }),
      );
    // Anonymous visitors (and customers, who only hold a quote link) are sent to the login page.
    expect([await queue(), await detail(), await claim(), await note()]).toEqual([302, 302, 302, 302]);
    // Sales may look but not claim or write.
    expect([await queue(salesC), await detail(salesC), await claim(salesC), await note(salesC)]).toEqual([
      200, 200, 403, 403,
    ]);
    // A technician claims; another technician may read but not write on it; an admin may.
    expect(await claim(techC)).toBe(302);
    expect(await claim(otherC)).toBe(409);
    expect(await detail(otherC)).toBe(200);
    expect(await note(otherC)).toBe(403);
    expect(await note(techC)).toBe(200);
    expect(await note(adminC)).toBe(200);
    // Unknown and malformed ids are 404.
    expect(
      await status(() => itemLoader({ request: req("/staff/review/x", techC), params: { id: "x" }, context: {} })),
    ).toBe(404);
    expect(
      await status(() =>
        itemLoader({ request: req("/staff/review/0", techC), params: { id: crypto.randomUUID() }, context: {} }),
      ),
    ).toBe(404);
    // Bad input is a 400 with field messages.
    expect(
      await status(() =>
        itemAction({
          request: req(`/staff/review/${id}`, techC, { intent: "note", body: "   " }),
          params: { id },
          context: {},
        }),
      ),
    ).toBe(400);
    expect(
      await status(() => queueLoader({ request: req("/staff/review?status=bogus", techC), params: {}, context: {} })),
    ).toBe(400);
  });

  it("keeps internal notes off the customer's page, pauses the SLA while waiting and resumes on the answer", async () => {
    const db = database().db;
    const { token, id: quoteId } = await createQuote(db, {}, needsReview);
    const [item] = await db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quoteId));
    const tech = await user("technician");
    const cookie = await cookieFor(db, tech);
    await claimReviewItem(db, item!.id, tech.id);
    const secret = "INTERNAL: customer is price sensitive";
    await itemAction({
      request: req(`/staff/review/${item!.id}`, cookie, { intent: "note", body: secret }),
      params: { id: item!.id },
      context: {},
    });
    await itemAction({
      request: req(`/staff/review/${item!.id}`, cookie, {
        intent: "message",
        body: "Which IP ranges do you own?",
        waitOnCustomer: "on",
      }),
      params: { id: item!.id },
      context: {},
    });

    const [waiting] = await db.select().from(reviewItems).where(eq(reviewItems.id, item!.id));
    expect(waiting).toMatchObject({ status: "waiting_customer", resolutionDueAt: null, firstResponseDueAt: null });
    expect(waiting!.firstRespondedAt).not.toBeNull();

    const page = await quotePageLoader({ request: req(`/q/${token}`), params: { token }, context: {} });
    const payload = JSON.stringify(page);
    expect(payload).toContain("Which IP ranges do you own?");
    expect(payload).not.toContain(secret);
    expect((await db.select().from(reviewNotes).where(eq(reviewNotes.reviewItemId, item!.id)))[0]!.body).toBe(secret);

    const reply = await status(() =>
      quotePageAction({
        request: req(`/q/${token}`, undefined, { intent: "reply", body: "203.0.113.0/24" }),
        params: { token },
        context: {},
      }),
    );
    expect(reply).toBe(200);
    const [resumed] = await db.select().from(reviewItems).where(eq(reviewItems.id, item!.id));
    expect(resumed!.status).toBe("claimed");
    expect(resumed!.resolutionDueAt).not.toBeNull();
    expect(resumed!.pauses).toHaveLength(1);
    expect(resumed!.pauses[0]!.end).not.toBeNull();
    const messages = await db.select().from(quoteMessages).where(eq(quoteMessages.quoteRequestId, quoteId));
    expect(messages.map((m) => m.authorType)).toEqual(expect.arrayContaining(["system", "staff", "customer"]));
    // Empty replies and unknown links change nothing.
    expect(
      await status(() =>
        quotePageAction({
          request: req(`/q/${token}`, undefined, { intent: "reply", body: " " }),
          params: { token },
          context: {},
        }),
      ),
    ).toBe(400);
    expect(
      await status(() =>
        quotePageAction({
          request: req(`/q/${"A".repeat(43)}`, undefined, { intent: "reply", body: "hi" }),
          params: { token: "A".repeat(43) },
          context: {},
        }),
      ),
    ).toBe(404);
  });
});

// PGlite runs one transaction at a time, so a race can only be shown on a real PostgreSQL
// (CI always has one; see tests/integration/databases.ts).
for (const target of TEST_DATABASES.filter((t) => t.name === "postgres")) {
  describe("claiming under contention on PostgreSQL", () => {
    const database = useTestDatabase(target);
    let n = 0;
    const user = (role: StaffUser["role"]) =>
      createUser(database().db, {
        email: `race${++n}@test.local`,
        name: `racer ${n}`,
        role,
        password: "correct horse battery",
      });
    it("when twenty technicians claim at once, exactly one gets the item", async () => {
      const db = database().db;
      const { reviewItemId } = await createQuote(db, {}, needsReview);
      const [item] = await db.select().from(reviewItems).where(eq(reviewItems.id, reviewItemId!));
      const techs = await Promise.all(Array.from({ length: 20 }, () => user("technician")));
      const results = await Promise.all(techs.map((t) => claimReviewItem(db, item!.id, t.id)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const [after] = await db.select().from(reviewItems).where(eq(reviewItems.id, item!.id));
      const winner = techs[results.findIndex(Boolean)]!;
      expect(after!.assigneeId).toBe(winner.id);
    });
  });
}

describe.each(TEST_DATABASES)("adjusting, publishing and declining on $name", (target) => {
  const database = useTestDatabase(target);
  let n = 0;
  const user = (role: StaffUser["role"]) =>
    createUser(database().db, {
      email: `adj-${role}${++n}@test.local`,
      name: `${role} ${n}`,
      role,
      password: "correct horse battery",
    });

  async function claimedItem() {
    const db = database().db;
    const { token } = await createQuote(db, {}, needsReview);
    const page = await callLoader(quotePageLoader, req(`/q/${token}`), { token });
    const [item] = await db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, page.data.quote.id));
    const tech = await user("technician");
    await claimReviewItem(db, item!.id, tech.id);
    return { token, quote: page.data.quote, item: item!, cookie: await cookieFor(db, tech) };
  }
  const customerView = async (token: string) => (await callLoader(quotePageLoader, req(`/q/${token}`), { token })).data;

  it("a technician adds a custom line as a new version, then publishes it to the customer", async () => {
    const { token, quote, item, cookie } = await claimedItem();
    const lean = quote.proposals[0]!;
    const adjust = (form: Record<string, string>) =>
      status(() =>
        itemAction({ request: req(`/staff/review/${item.id}`, cookie, form), params: { id: item.id }, context: {} }),
      );
    expect(
      await adjust({
        intent: "adjust",
        proposalId: lean.id,
        reason: "Managed firewall",
        "adjustment.op": "custom",
        "adjustment.description": "Managed firewall",
        "adjustment.quantity": "1",
        "adjustment.monthlyMinor": "2500",
        "adjustment.setupMinor": "5000",
      }),
    ).toBe(200);
    // Bad adjustments are 400s and store nothing.
    expect(
      await adjust({
        intent: "adjust",
        proposalId: lean.id,
        reason: "x",
        "adjustment.op": "remove",
        "adjustment.position": "99",
      }),
    ).toBe(400);
    expect(
      await adjust({
        intent: "adjust",
        proposalId: lean.id,
        reason: "",
        "adjustment.op": "custom",
        "adjustment.description": "x",
        "adjustment.quantity": "1",
        "adjustment.monthlyMinor": "-5",
        "adjustment.setupMinor": "0",
      }),
    ).toBe(400);

    // The customer still sees version 1 until it is published.
    let view = await customerView(token);
    expect(view.quote.version).toBe(1);
    expect(view.quote.proposals[0]!.lines.some((l) => l.name === "Managed firewall")).toBe(false);

    expect(await adjust({ intent: "publish", version: "2" })).toBe(200);
    view = await customerView(token);
    expect(view.quote).toMatchObject({ status: "published", version: 2 });
    const published = view.quote.proposals[0]!;
    expect(published.lines.some((l) => l.name === "Managed firewall")).toBe(true);
    expect(published.monthlyMinor).toBe(published.lines.reduce((s, l) => s + l.monthlyMinor, 0));
    expect(published.setupMinor).toBe(
      lean.monthlyMinor >= 0 ? published.lines.reduce((s, l) => s + l.setupMinor, 0) : 0,
    );
    expect(published.setupMinor).toBeGreaterThanOrEqual(5000);
    expect(view.timeline.map((e) => e.event)).toContain("published");
    const [done] = await database().db.select().from(reviewItems).where(eq(reviewItems.id, item.id));
    expect(done!.status).toBe("published");
  });

  it("a decline shows its reason to the customer", async () => {
    const { token, item, cookie } = await claimedItem();
    expect(
      await status(() =>
        itemAction({
          request: req(`/staff/review/${item.id}`, cookie, {
            intent: "decline",
            reason: "We cannot route your own IP ranges.",
          }),
          params: { id: item.id },
          context: {},
        }),
      ),
    ).toBe(200);
    const view = await customerView(token);
    expect(view.quote).toMatchObject({ status: "declined", declineReason: "We cannot route your own IP ranges." });
  });

  it("a question about one line creates or reopens the review item", async () => {
    const db = database().db;
    // A quote that needed no review gets an item when the customer asks.
    const { token, id: quoteId } = await createQuote(db, {}, noReview);
    let view = await customerView(token);
    const p = view.quote.proposals[0]!;
    const ask = (tok: string, proposalId: string, position: string) =>
      status(() =>
        quotePageAction({
          request: req(`/q/${tok}`, undefined, { intent: "ask", proposalId, position, body: "Why NVMe?" }),
          params: { token: tok },
          context: {},
        }),
      );
    expect(await ask(token, p.id, "0")).toBe(200);
    const [created] = await db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quoteId));
    expect(created!.reasons.map((r) => r.code)).toEqual(["customer_question"]);
    // A line of another quote, or a line that does not exist, is refused.
    expect(await ask(token, crypto.randomUUID(), "0")).toBe(400);
    expect(await ask(token, p.id, "99")).toBe(400);

    // A published item reopens.
    const { token: t2, quote, item, cookie } = await claimedItem();
    await itemAction({
      request: req(`/staff/review/${item.id}`, cookie, { intent: "publish", version: "1" }),
      params: { id: item.id },
      context: {},
    });
    view = await customerView(t2);
    expect(await ask(t2, view.quote.proposals[0]!.id, "0")).toBe(200);
    const [reopened] = await db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quote.id));
    expect(reopened!.status).toBe("claimed");
    expect(reopened!.resolvedAt).toBeNull();
    expect(reopened!.reasons.map((r) => r.code)).toContain("customer_question");
  });
});

describe.each(TEST_DATABASES)("authorization matrix on $name", (target) => {
  const database = useTestDatabase(target);
  let n = 0;
  const user = (role: StaffUser["role"]) =>
    createUser(database().db, {
      email: `matrix-${role}${++n}@test.local`,
      name: `${role} ${n}`,
      role,
      password: "correct horse battery",
    });

  it("every staff route and action: allowed, or sent to login / 403 / 404", async () => {
    const db = database().db;
    const { token } = await createQuote(db, {}, needsReview);
    const quoteId = (await callLoader(quotePageLoader, req(`/q/${token}`), { token })).data.quote;
    const [item] = await db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quoteId.id));
    const id = item!.id;
    const [sales, owner, other, admin] = await Promise.all([
      user("sales"),
      user("technician"),
      user("technician"),
      user("admin"),
    ]);
    await claimReviewItem(db, id, owner.id);
    const cookies = {
      anonymous: undefined,
      // A customer holds a quote link, not a staff session: staff routes treat them as anonymous.
      customer: `specdesk_session=${Buffer.from(JSON.stringify(token)).toString("base64")}`,
      sales: await cookieFor(db, sales),
      otherTechnician: await cookieFor(db, other),
      owner: await cookieFor(db, owner),
      admin: await cookieFor(db, admin),
    };
    const actions: Record<string, Record<string, string>> = {
      check: { intent: "check", code: "special_requirements", checked: "true" },
      note: { intent: "note", body: "n" },
      message: { intent: "message", body: "m" },
      adjust: {
        intent: "adjust",
        proposalId: quoteId.proposals[0]!.id,
        reason: "r",
        "adjustment.op": "custom",
        "adjustment.description": "d",
        "adjustment.quantity": "1",
        "adjustment.monthlyMinor": "1",
        "adjustment.setupMinor": "0",
      },
      reassign: { intent: "reassign", userId: other.id },
    };
    const expected: Record<keyof typeof cookies, Record<string, number>> = {
      anonymous: {
        queue: 302,
        detail: 302,
        users: 302,
        check: 302,
        note: 302,
        message: 302,
        adjust: 302,
        reassign: 302,
      },
      customer: {
        queue: 302,
        detail: 302,
        users: 302,
        check: 302,
        note: 302,
        message: 302,
        adjust: 302,
        reassign: 302,
      },
      sales: { queue: 200, detail: 200, users: 403, check: 403, note: 403, message: 403, adjust: 403, reassign: 403 },
      otherTechnician: {
        queue: 200,
        detail: 200,
        users: 403,
        check: 403,
        note: 403,
        message: 403,
        adjust: 403,
        reassign: 403,
      },
      owner: { queue: 200, detail: 200, users: 403, check: 200, note: 200, message: 200, adjust: 200, reassign: 403 },
      admin: { queue: 200, detail: 200, users: 200, check: 200, note: 200, message: 200, adjust: 200, reassign: 200 },
    };
    const { loader: usersLoader } = await import("~/routes/staff.users/route");
    for (const [who, cookie] of Object.entries(cookies) as [keyof typeof cookies, string | undefined][]) {
      const got: Record<string, number> = {
        queue: await status(() => queueLoader({ request: req("/staff/review", cookie), params: {}, context: {} })),
        detail: await status(() =>
          itemLoader({ request: req(`/staff/review/${id}`, cookie), params: { id }, context: {} }),
        ),
        users: await status(() => usersLoader({ request: req("/staff/users", cookie), params: {}, context: {} })),
      };
      for (const [name, form] of Object.entries(actions)) {
        // Adjustments apply to the latest version, which earlier rows of the matrix may have moved on.
        const latest = await getQuoteById(db, quoteId.id, await latestVersion(db, quoteId.id));
        const body = name === "adjust" ? { ...form, proposalId: latest!.proposals[0]!.id } : form;
        got[name] = await status(() =>
          itemAction({ request: req(`/staff/review/${id}`, cookie, body), params: { id }, context: {} }),
        );
      }
      expect({ who, ...got }).toEqual({ who, ...expected[who] });
    }
    // After the admin's reassignment the other technician owns it; unclaiming hands it back.
    const [reassigned] = await db.select().from(reviewItems).where(eq(reviewItems.id, id));
    expect(reassigned!.assigneeId).toBe(other.id);
    expect(
      await status(() =>
        itemAction({
          request: req(`/staff/review/${id}`, cookies.otherTechnician, { intent: "unclaim" }),
          params: { id },
          context: {},
        }),
      ),
    ).toBe(200);
    const [unclaimed] = await db.select().from(reviewItems).where(eq(reviewItems.id, id));
    expect(unclaimed).toMatchObject({ assigneeId: null, status: "open" });
  });
});
