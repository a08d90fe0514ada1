import { and, count, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  acceptances,
  auditLog,
  outboxMessages,
  payments,
  proposals,
  quoteMessages,
  quoteRequests,
  reviewItems,
} from "#db/schema";
import type { Database } from "#db/client.server";
import { isDomainError } from "~/domain/errors";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { needsTechnicianState } from "~/components/needs-technician";
import { askAboutLine, claimReviewItem, publishVersion } from "~/models/review-item.server";
import { action as quotePageAction, loader as quotePageLoader } from "~/routes/q.$token/route";
import { action as shareAction, loader as shareLoader } from "~/routes/s.$token";
import { action as estimatesAction } from "~/routes/api.v1.estimates";
import { acceptQuote } from "~/services/payments.server";
import { businessCalendar } from "~/utils/env.server";
import { TERMS_VERSION } from "~/utils/terms";
import { resources } from "~/locales";
import { createQuote, createShareLink, createStaff, unique } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Every text the server answers with, the browser's and the server-only ones (app/locales/index.ts). */
const en = resources.en.translation;
const es = resources.es.translation;

/** A small shop at 99.9 %: no review, so Lean and Balanced are "high" and Resilient, one step up, "critical". */
const HIGH: QuoteRequestInput = {
  requirements: { availability: "high", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Rita Resilient", email: "rita@example.com" },
};

const acceptForm = (tier: string, version = "1") => ({
  intent: "accept",
  version,
  tier,
  termsVersion: TERMS_VERSION,
  terms: "yes",
  name: "Rita Resilient",
  email: "rita@example.com",
});

const askForm = (tier = "resilient", version = "1") => ({ intent: "ask_technician", version, tier });

async function estimate(body: unknown, language = "en") {
  const response = await estimatesAction({
    request: new Request("http://localhost/api/v1/estimates", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": language },
      body: JSON.stringify(body),
    }),
    params: {},
    context: {},
  });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    review: { required: boolean };
    proposals: {
      tier: string;
      availability: string;
      acceptable: boolean;
      reason?: string;
      reasonCode?: string;
    }[];
  };
}

const quotePage = (token: string) => callLoader(quotePageLoader, req(`/q/${token}`), { token });
const postQuote = (token: string, form: Record<string, string>) =>
  callAction(quotePageAction, req(`/q/${token}`, undefined, form), { token }, { clientIp: "203.0.113.7" });
const postShare = (token: string, form: Record<string, string>) =>
  callAction(shareAction, req(`/s/${token}`, undefined, form), { token }, { clientIp: "203.0.113.8" });

/** Everything an acceptance or a payment would write for a quote, counted. */
async function footprint(db: Database, quoteId: string) {
  const [[a], [m], [l], [p], [q]] = await Promise.all([
    db.select({ n: count() }).from(acceptances).where(eq(acceptances.quoteRequestId, quoteId)),
    db.select({ n: count() }).from(quoteMessages).where(eq(quoteMessages.quoteRequestId, quoteId)),
    db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, quoteId), eq(auditLog.action, "accepted"))),
    db
      .select({ n: count() })
      .from(payments)
      .innerJoin(acceptances, eq(acceptances.id, payments.acceptanceId))
      .where(eq(acceptances.quoteRequestId, quoteId)),
    db.select({ status: quoteRequests.status }).from(quoteRequests).where(eq(quoteRequests.id, quoteId)),
  ]);
  return { acceptances: a!.n, messages: m!.n, acceptedAudits: l!.n, payments: p!.n, status: q!.status };
}

const itemsOf = (db: Database, quoteId: string) =>
  db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quoteId));

const requestsOf = async (db: Database, quoteId: string) =>
  (
    await db
      .select({ n: count() })
      .from(quoteMessages)
      .where(and(eq(quoteMessages.quoteRequestId, quoteId), eq(quoteMessages.event, "technician_requested")))
  )[0]!.n;

describe.each(TEST_DATABASES)("99.99 % one way on $name", (target) => {
  const database = useTestDatabase(target);

  it("the API says the critical Resilient tier of a 'high' request is not acceptable, with the reason in the request's language", async () => {
    const body = { requirements: HIGH.requirements, workloads: HIGH.workloads };
    const english = await estimate(body, "en");
    expect(english.review.required).toBe(false);
    // Lean (and Balanced, when it differs from Lean) at the requested 99.9 %; Resilient one step up.
    expect(english.proposals.map((p) => p.tier)).toContain("lean");
    expect(english.proposals.find((p) => p.tier === "resilient")?.availability).toBe("critical");
    for (const p of english.proposals) expect(p.acceptable).toBe(p.availability !== "critical");
    const resilient = english.proposals.find((p) => p.tier === "resilient")!;
    expect(resilient).toMatchObject({ reasonCode: "needs_technician", reason: en.needsTechnician.apiReason });
    for (const p of english.proposals.filter((p) => p.acceptable)) {
      expect(p).not.toHaveProperty("reason");
      expect(p).not.toHaveProperty("reasonCode");
    }
    const spanish = await estimate(body, "es");
    expect(spanish.proposals.find((p) => p.tier === "resilient")).toMatchObject({
      acceptable: false,
      reasonCode: "needs_technician",
      reason: es.needsTechnician.apiReason,
    });
    expect(es.needsTechnician.apiReason).not.toBe(en.needsTechnician.apiReason);

    // A request for 99.99 % itself goes to a technician as a whole: nothing in it is directly acceptable.
    const critical = await estimate({ ...body, requirements: { ...body.requirements, availability: "critical" } });
    expect(critical.review.required).toBe(true);
    expect(critical.proposals.length).toBeGreaterThan(0);
    for (const p of critical.proposals)
      expect(p).toMatchObject({
        acceptable: false,
        reasonCode: "review_required",
        reason: en.needsTechnician.reviewRequired,
      });
  });

  it("the quote page and a share link show the tier as needing a technician and offer only the others", async () => {
    const db = database().db;
    const quote = await createQuote(db, {}, HIGH);
    expect(quote.status).toBe("proposed");
    expect(quote.reviewItemId).toBeNull();
    const page = await quotePage(quote.token);
    expect(page.status).toBe(200);
    const { commerce } = page.data;
    expect(commerce.acceptable).toBe(true);
    expect(commerce.needsTechnician).toEqual([{ tier: "resilient", requested: false }]);
    // What each card renders: the needs-a-technician block on Resilient only.
    const tiers = page.data.quote.proposals.map((p) => [
      p.tier,
      p.availability,
      needsTechnicianState(commerce, p.tier),
    ]);
    expect(tiers.length).toBeGreaterThanOrEqual(2);
    for (const [tier, availability, state] of tiers)
      expect(state).toEqual(
        tier === "resilient" && availability === "critical" ? { version: 1, requested: false } : null,
      );

    const { user: rep } = await createStaff(db, "sales");
    const link = await createShareLink(db, { quoteRequestId: quote.id, createdBy: rep.id });
    const shared = await callLoader(shareLoader, req(link.path), { token: link.token });
    expect(shared.data.commerce.needsTechnician).toEqual([{ tier: "resilient", requested: false }]);
  });

  it("refuses a forged acceptance of the tier on the quote page, a share link and the service, writing nothing", async () => {
    const db = database().db;
    const quote = await createQuote(db, {}, HIGH);
    const before = await footprint(db, quote.id);
    expect(before).toMatchObject({ acceptances: 0, payments: 0, status: "proposed" });

    const forged = await postQuote(quote.token, acceptForm("resilient"));
    expect(forged.status).toBe(409);
    expect(forged.data).toMatchObject({ commerce: { reason: "needs_technician", errors: [] } });

    const { user: rep } = await createStaff(db, "sales");
    const link = await createShareLink(db, { quoteRequestId: quote.id, createdBy: rep.id });
    const viaShare = await postShare(link.token, acceptForm("resilient"));
    expect(viaShare.status).toBe(409);
    expect(viaShare.data).toMatchObject({ commerce: { reason: "needs_technician" } });

    const direct = await acceptQuote(db, {
      quoteRequestId: quote.id,
      version: 1,
      tier: "resilient",
      name: "Rita",
      company: "",
      email: "rita@example.com",
      poNumber: "",
      termsVersion: TERMS_VERSION,
      ip: null,
      userAgent: null,
      shareLinkId: null,
    }).catch((e: unknown) => e);
    expect(isDomainError(direct, "needs_technician")).toBe(true);
    expect((direct as { status: number }).status).toBe(409);
    expect(en.errors.needs_technician).toBeTruthy();
    expect(es.errors.needs_technician).toBeTruthy();

    // "pay" without an acceptance has nothing to pay for.
    const pay = await postQuote(quote.token, { intent: "pay" });
    expect(pay.status).toBe(409);
    expect(pay.data).toMatchObject({ commerce: { reason: "not_accepted" } });

    expect(await footprint(db, quote.id)).toEqual(before);
    expect(await itemsOf(db, quote.id)).toHaveLength(0);

    // The other tiers stay directly acceptable (no Stripe here: the page says payment is unavailable).
    const lean = await postQuote(quote.token, acceptForm("lean"));
    expect(lean.status).toBe(303);
    const [row] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id));
    expect(row).toMatchObject({ tier: "lean", version: 1 });
  });

  it("the ask button opens the review item once, tells the technicians, and the page confirms it", async () => {
    const db = database().db;
    const { user: tech } = await createStaff(db, "technician");
    const quote = await createQuote(db, {}, HIGH);

    // Asking about a tier that can be accepted as it is opens nothing.
    const pointless = await postQuote(quote.token, askForm("lean"));
    expect(pointless.status).toBe(303);
    expect(await itemsOf(db, quote.id)).toHaveLength(0);

    const asked = await postQuote(quote.token, askForm());
    expect(asked.status).toBe(303);
    expect(asked.location).toBe(`/q/${quote.token}`);
    const [item, ...more] = await itemsOf(db, quote.id);
    expect(more).toHaveLength(0);
    expect(item).toMatchObject({ status: "open", priority: "high", assigneeId: null });
    expect(item!.reasons).toEqual([{ code: "critical_availability", params: { tier: "resilient" } }]);
    expect(item!.resolutionDueAt).not.toBeNull();
    expect(await requestsOf(db, quote.id)).toBe(1);
    const told = await db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.toAddress, tech.email), like(outboxMessages.textBody, `%/staff/review/${item!.id}%`)),
      );
    expect(told).toHaveLength(1);
    expect(told[0]!.template).toBe("review_new");

    // The page now confirms the request instead of offering the button again.
    const page = await quotePage(quote.token);
    expect(page.data.commerce.needsTechnician).toEqual([{ tier: "resilient", requested: true }]);
    expect(page.data.timeline.at(-1)).toMatchObject({ authorType: "customer", event: "technician_requested" });
    expect(en.quote.timeline.technician_requested).toBeTruthy();

    // A second click (or a forged repeat, or the share link) adds nothing.
    const again = await postQuote(quote.token, askForm());
    expect(again.status).toBe(303);
    const { user: rep } = await createStaff(db, "sales");
    const link = await createShareLink(db, { quoteRequestId: quote.id, createdBy: rep.id });
    expect((await postShare(link.token, askForm())).status).toBe(303);
    const after = await itemsOf(db, quote.id);
    expect(after).toHaveLength(1);
    expect(after[0]!.updatedAt).toEqual(item!.updatedAt);
    expect(after[0]!.reasons).toEqual(item!.reasons);
    expect(await requestsOf(db, quote.id)).toBe(1);
    expect(
      await db
        .select()
        .from(outboxMessages)
        .where(like(outboxMessages.textBody, `%/staff/review/${item!.id}%`)),
    ).toHaveLength(told.length);

    // A request for a version the customer no longer sees is refused.
    const stale = await postQuote(quote.token, askForm("resilient", "2"));
    expect(stale.status).toBe(409);
    expect(stale.data).toMatchObject({ commerce: { reason: "superseded" } });
  });

  it("asking from a share link adds the reason to an active item, and reopens a resolved one", async () => {
    const db = database().db;
    const quote = await createQuote(db, {}, HIGH);
    const [lean] = await db
      .select()
      .from(proposals)
      .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, 1), eq(proposals.tier, "lean")));
    await askAboutLine(
      db,
      quote.id,
      { proposalId: lean!.id, position: 0, label: "lean: server" },
      "Why?",
      businessCalendar(),
    );
    const [open] = await itemsOf(db, quote.id);
    expect(open).toMatchObject({ status: "open", priority: "normal" });

    const { user: rep } = await createStaff(db, "sales");
    const link = await createShareLink(db, { quoteRequestId: quote.id, createdBy: rep.id });
    expect((await postShare(link.token, askForm())).status).toBe(303);
    const [withReason] = await itemsOf(db, quote.id);
    expect(withReason!.id).toBe(open!.id);
    expect(withReason).toMatchObject({ status: "open", priority: "high" });
    expect(withReason!.reasons.map((r) => r.code)).toEqual(["customer_question", "critical_availability"]);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, quote.id), eq(auditLog.action, "customer_requested_technician")));
    expect(audit!.data).toMatchObject({ tier: "resilient", version: 1, reviewItemId: open!.id });

    // An item resolved some other way while the quote stayed unpublished (set directly: the app's own
    // resolutions publish or decline the quote) comes back with a fresh clock when the customer asks.
    const quote2 = await createQuote(db, { contact: { email: `reopen-${unique()}@example.com` } }, HIGH);
    const [lean2] = await db
      .select()
      .from(proposals)
      .where(and(eq(proposals.quoteRequestId, quote2.id), eq(proposals.version, 1), eq(proposals.tier, "lean")));
    await askAboutLine(
      db,
      quote2.id,
      { proposalId: lean2!.id, position: 0, label: "lean: server" },
      "Why?",
      businessCalendar(),
    );
    const resolvedAt = new Date(Date.now() - 86_400_000);
    await db
      .update(reviewItems)
      .set({ status: "published", resolvedAt })
      .where(eq(reviewItems.quoteRequestId, quote2.id));
    expect((await postQuote(quote2.token, askForm())).status).toBe(303);
    const [reopened, ...extra] = await itemsOf(db, quote2.id);
    expect(extra).toHaveLength(0);
    expect(reopened).toMatchObject({ status: "open", priority: "high", resolvedAt: null });
    expect(reopened!.slaStartedAt.getTime()).toBeGreaterThan(resolvedAt.getTime());
    expect(reopened!.reasons.map((r) => r.code)).toEqual(["customer_question", "critical_availability"]);
  });

  it("once a technician publishes the quote after review, the tier can be accepted", async () => {
    const db = database().db;
    const { user: tech } = await createStaff(db, "technician");
    const quote = await createQuote(db, {}, HIGH);
    expect((await postQuote(quote.token, askForm())).status).toBe(303);
    const [item] = await itemsOf(db, quote.id);
    expect(await claimReviewItem(db, item!.id, tech.id)).not.toBeNull();
    await publishVersion(db, item!.id, tech, 1);

    const page = await quotePage(quote.token);
    expect(page.data.quote.status).toBe("published");
    expect(page.data.commerce.needsTechnician).toEqual([]);
    expect(needsTechnicianState(page.data.commerce, "resilient")).toBeNull();

    const accepted = await postQuote(quote.token, acceptForm("resilient"));
    expect(accepted.status).toBe(303);
    const [row] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id));
    expect(row).toMatchObject({ tier: "resilient", version: 1 });
    expect((await footprint(db, quote.id)).status).toBe("accepted");
    // Asking now is refused: the quote is accepted.
    const late = await postQuote(quote.token, askForm());
    expect(late.status).toBe(409);
    expect(late.data).toMatchObject({ commerce: { reason: "accepted" } });
  });
});
