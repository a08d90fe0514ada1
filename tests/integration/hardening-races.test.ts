import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { acceptances, discountRequests, proposalVersions, proposals, quoteRequests, reviewItems } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import en from "~/locales/en";
import es from "~/locales/es";
import { loadCatalog } from "~/models/catalog.server";
import { giveDiscount } from "~/models/discount.server";
import { DomainError, isDomainError } from "~/domain/errors";
import { adjustProposal } from "~/models/proposal-version.server";
import { askAboutLine, claimReviewItem, declineQuote, publishVersion } from "~/models/review-item.server";
import { createUser } from "~/models/user.server";
import { action as quotePageAction } from "~/routes/q.$token/route";
import { action as wizardAction } from "~/routes/quote.new/route";
import { action as discountsAction } from "~/routes/staff.discounts/route";
import { action as salesQuoteAction } from "~/routes/staff.sales.$id/route";
import { action as itemAction } from "~/routes/staff.review.$id/route";
import { acceptQuote } from "~/services/payments.server";
import { businessCalendar } from "~/utils/env.server";
import { TERMS_VERSION } from "~/utils/terms";
import { req, status, staffCookie } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const input: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Race Customer", email: "race@example.com" },
};

let n = 0;
const staff = (db: Database, role: "sales" | "technician" | "admin") =>
  createUser(db, {
    email: `race-${role}-${++n}@test.local`,
    name: `${role} ${n}`,
    role,
    password: "correct horse battery",
  });

/**
 * A quote whose version 1 the customer sees and can accept, while a technician holds version 2
 * (adjusted after the customer asked about a line) ready to publish.
 */
async function quoteWithDraft(db: Database, tech: Awaited<ReturnType<typeof staff>>) {
  const response = (await wizardAction({
    request: new Request("http://localhost/quote/new", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...input, contact: { ...input.contact, email: `race${++n}@example.com` } }),
    }),
    params: {},
    context: {},
  })) as Response;
  const token = new URL(response.headers.get("Location")!, "http://localhost").pathname.split("/q/")[1]!;
  const [quote] = await db
    .select()
    .from(quoteRequests)
    .where(eq(quoteRequests.contactEmail, `race${n}@example.com`));
  const [lean] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.quoteRequestId, quote!.id), eq(proposals.version, 1), eq(proposals.tier, "lean")));
  await askAboutLine(
    db,
    quote!.id,
    { proposalId: lean!.id, position: 0, label: "lean: server" },
    "Why this server?",
    businessCalendar(),
  );
  const [item] = await db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quote!.id));
  await claimReviewItem(db, item!.id, tech.id);
  await adjustProposal(
    db,
    quote!.id,
    lean!.id,
    { op: "quantity", position: 0, quantity: 2 },
    "Headroom",
    tech,
    await loadCatalog(db),
  );
  return { quoteId: quote!.id, itemId: item!.id, token };
}

const acceptV1 = (db: Database, quoteRequestId: string) =>
  acceptQuote(db, {
    quoteRequestId,
    version: 1,
    tier: "lean",
    name: "Ana",
    company: "",
    email: "ana@example.com",
    poNumber: "",
    termsVersion: TERMS_VERSION,
    ip: null,
    userAgent: null,
    shareLinkId: null,
  });

/** Whatever happened, the stored state is one a single order of the transitions could give. */
async function assertConsistent(db: Database, quoteId: string) {
  const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, quoteId));
  const accepted = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quoteId));
  const versions = (
    await db
      .select({ version: proposalVersions.version, publishedAt: proposalVersions.publishedAt })
      .from(proposalVersions)
      .where(eq(proposalVersions.quoteRequestId, quoteId))
      .orderBy(asc(proposalVersions.version))
  ).map((v) => v.version);
  if (accepted.length) {
    expect(accepted).toHaveLength(1);
    // Accepted version 1: nothing published or created on top of it.
    expect({ status: quote!.status, publishedVersion: quote!.publishedVersion, versions }).toEqual({
      status: "accepted",
      publishedVersion: accepted[0]!.version,
      versions: [1, 2],
    });
  } else {
    expect(quote!.status).not.toBe("accepted");
    expect(quote!.publishedVersion).toBeGreaterThanOrEqual(2);
  }
  return { accepted: accepted.length === 1, quote: quote!, versions };
}

describe.each(TEST_DATABASES)("the accept/publish race on $name", (target) => {
  // Races need two transactions at once; PGlite runs one at a time, so they are defined on PostgreSQL only.
  const race: typeof it = target.name === "postgres" ? it : ((() => {}) as unknown as typeof it);
  const database = useTestDatabase(target);

  it("after acceptance nothing publishes, declines, adjusts or discounts; staff are told the customer accepted meanwhile", async () => {
    const db = database().db;
    const [tech, rep] = await Promise.all([staff(db, "technician"), staff(db, "sales")]);
    const { quoteId, itemId } = await quoteWithDraft(db, tech);
    expect(await acceptV1(db, quoteId)).toMatchObject({ acceptanceId: expect.any(String) });
    const techCookie = await staffCookie(db, tech.id);
    const repCookie = await staffCookie(db, rep.id);

    const publish = (await itemAction({
      request: req(`/staff/review/${itemId}`, techCookie, { intent: "publish", version: "2" }),
      params: { id: itemId },
      context: {},
    })) as { init: { status: number }; data: { errors: { message: string }[] } };
    expect(publish.init.status).toBe(409);
    expect(publish.data.errors[0]!.message).toMatch(/customer accepted/i);
    const decline = (await itemAction({
      request: req(`/staff/review/${itemId}`, techCookie, { intent: "decline", reason: "Cannot do it" }),
      params: { id: itemId },
      context: {},
    })) as { init: { status: number }; data: { errors: { message: string }[] } };
    expect(decline.init.status).toBe(409);
    expect(decline.data.errors[0]!.message).toMatch(/customer accepted/i);
    const discount = (await salesQuoteAction({
      request: req(`/staff/sales/${quoteId}`, repCookie, { intent: "discount", percent: "5", reason: "Late offer" }),
      params: { id: quoteId },
      context: {},
    })) as { init: { status: number }; data: { errors: { message: string }[] } };
    expect(discount.init.status).toBe(409);
    expect(discount.data.errors[0]!.message).toMatch(/customer accepted/i);
    const [lean2] = await db
      .select()
      .from(proposals)
      .where(and(eq(proposals.quoteRequestId, quoteId), eq(proposals.version, 2), eq(proposals.tier, "lean")));
    await expect(
      adjustProposal(
        db,
        quoteId,
        lean2!.id,
        { op: "quantity", position: 0, quantity: 3 },
        "More",
        tech,
        await loadCatalog(db),
      ),
    ).rejects.toMatchObject({ code: "quote_accepted" });

    await assertConsistent(db, quoteId);
    const [item] = await db.select().from(reviewItems).where(eq(reviewItems.id, itemId));
    expect(item!.status).toBe("claimed");
  });

  it("after a publish, accepting the older version answers 409 'this proposal changed, reload' and stores nothing", async () => {
    const db = database().db;
    const tech = await staff(db, "technician");
    const { quoteId, itemId, token } = await quoteWithDraft(db, tech);
    expect(await publishVersion(db, itemId, tech, 2)).toMatchObject({ quoteRequestId: quoteId });
    const form = {
      intent: "accept",
      version: "1",
      tier: "lean",
      termsVersion: TERMS_VERSION,
      terms: "yes",
      name: "Ana",
      company: "",
      email: "ana@example.com",
      poNumber: "",
    };
    const r = (await quotePageAction({
      request: req(`/q/${token}`, undefined, form),
      params: { token },
      context: {},
    })) as { init: { status: number }; data: { commerce: { reason: string } } };
    expect(r.init.status).toBe(409);
    expect(r.data.commerce.reason).toBe("superseded");
    // What the customer reads for that answer, in both languages.
    expect(en.accept.blocked.superseded).toMatch(/changed.*reload/i);
    expect(es.accept.blocked.superseded).toMatch(/cambiado.*recarg/i);
    expect(await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quoteId))).toHaveLength(0);
    // A declined quote cannot be accepted either, and an accepted one cannot be declined.
    const other = await quoteWithDraft(db, tech);
    expect(await declineQuote(db, other.itemId, tech, "No")).toMatchObject({ quoteRequestId: other.quoteId });
    await expect(acceptV1(db, other.quoteId)).rejects.toMatchObject({ name: "DomainError", code: "declined" });
  });

  // PGlite runs one transaction at a time; only a real server can interleave them.
  race(
    "accept, publish and discount racing 20 times: exactly one order wins each time, never an acceptance under a newer version",
    async () => {
      const db = database().db;
      const [tech, rep] = await Promise.all([staff(db, "technician"), staff(db, "sales")]);
      const outcomes = { accepted: 0, published: 0 };
      for (let round = 0; round < 20; round++) {
        const { quoteId, itemId } = await quoteWithDraft(db, tech);
        const settle = <T>(p: Promise<T>) =>
          p.then(
            (value) => ({ value }),
            (error: unknown) => ({ error }),
          );
        const [accept, publish] = await Promise.all([
          settle(acceptV1(db, quoteId)),
          settle(publishVersion(db, itemId, tech, 2)),
          // Refused while version 2 is a draft, or applied on top of it once published; never on an accepted quote.
          settle(giveDiscount(db, { quoteRequestId: quoteId, bps: 500, reason: "race", actor: rep })),
        ]);
        // A refusal (DomainError) is an answer; anything else thrown is a failure.
        expect("error" in accept && !isDomainError(accept.error) ? accept.error : null).toBeNull();
        expect("error" in publish && !isDomainError(publish.error, "quote_accepted") ? publish.error : null).toBeNull();
        const state = await assertConsistent(db, quoteId);
        outcomes[state.accepted ? "accepted" : "published"]++;
      }
      expect(outcomes.accepted + outcomes.published).toBe(20);
    },
  );

  race(
    "accept and discount racing 20 times: the customer's acceptance and a new version never both happen",
    async () => {
      const db = database().db;
      const rep = await staff(db, "sales");
      for (let round = 0; round < 20; round++) {
        const email = `plain-race${round}-${++n}@example.com`;
        await wizardAction({
          request: new Request("http://localhost/quote/new", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ ...input, contact: { ...input.contact, email } }),
          }),
          params: {},
          context: {},
        });
        const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.contactEmail, email));
        const [accept, discount] = await Promise.all([
          acceptV1(db, quote!.id).catch((e: unknown) => (isDomainError(e) ? e : Promise.reject(e))),
          giveDiscount(db, { quoteRequestId: quote!.id, bps: 500, reason: "race", actor: rep }).then(
            (v) => v,
            (e: Error) => e,
          ),
        ]);
        const versions = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(proposalVersions)
          .where(eq(proposalVersions.quoteRequestId, quote!.id));
        const [after] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote!.id));
        if (!isDomainError(accept)) {
          expect(discount).toBeInstanceOf(Error);
          expect({
            versions: versions[0]!.n,
            status: after!.status,
            publishedVersion: after!.publishedVersion,
          }).toEqual({ versions: 1, status: "accepted", publishedVersion: 1 });
        } else {
          expect(accept.code).toBe("superseded");
          expect(discount).toMatchObject({ applied: true, version: 2 });
          expect(after!.status).not.toBe("accepted");
        }
      }
    },
  );

  // Approving took the pending request's row before the quote's lock while a rep's request takes the
  // quote's lock before checking the one-pending index: a deadlock (40P01), a 500 for the admin.
  race(
    "an admin approving while the rep asks again, 15 times: the approval always applies, the rep is refused or queued, never a deadlock",
    async () => {
      const db = database().db;
      const [rep, admin] = await Promise.all([staff(db, "sales"), staff(db, "admin")]);
      const adminCookie = await staffCookie(db, admin.id);
      for (let round = 0; round < 15; round++) {
        const email = `approve-race${round}-${++n}@example.com`;
        await wizardAction({
          request: new Request("http://localhost/quote/new", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ ...input, contact: { ...input.contact, email } }),
          }),
          params: {},
          context: {},
        });
        const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.contactEmail, email));
        const asked = await giveDiscount(db, {
          quoteRequestId: quote!.id,
          bps: 1500,
          reason: "Competitor offer",
          actor: rep,
        });
        if (asked.applied) throw new Error("15 % from a rep must wait for an admin");
        const approve = () =>
          status(() =>
            discountsAction({
              request: req("/staff/discounts", adminCookie, {
                requestId: asked.requestId,
                decision: "approve",
                reason: "Strategic account",
              }),
              params: {},
              context: {},
            }),
          );
        const askAgain = (bps: number) =>
          giveDiscount(db, { quoteRequestId: quote!.id, bps, reason: "Even more", actor: rep }).then(
            (v) => v,
            (e: unknown) => e,
          );
        // Two clicks on Approve, and the rep asking twice more meanwhile.
        const [first, second, ...reps] = await Promise.all([
          approve().catch((e: unknown) => e),
          approve().catch((e: unknown) => e),
          askAgain(2000),
          askAgain(2500),
        ]);
        expect([first, second].sort()).toEqual([200, 409]);
        const [decided] = await db.select().from(discountRequests).where(eq(discountRequests.id, asked.requestId));
        expect(decided).toMatchObject({ status: "approved", resultingVersion: 2 });
        const [after] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote!.id));
        const versions = await db
          .select({ version: proposalVersions.version, bps: proposalVersions.salesDiscountBps })
          .from(proposalVersions)
          .where(eq(proposalVersions.quoteRequestId, quote!.id))
          .orderBy(asc(proposalVersions.version));
        expect({ publishedVersion: after!.publishedVersion, versions }).toEqual({
          publishedVersion: 2,
          versions: [
            { version: 1, bps: 0 },
            { version: 2, bps: 1500 },
          ],
        });
        // Before the approval a request is refused (one is pending); after it, one queues on version 2.
        for (const r of reps) if (!(r instanceof DomainError)) expect(r).toMatchObject({ applied: false });
        for (const r of reps) if (r instanceof DomainError) expect(r.code).toBe("discount_pending");
        const queued = reps.filter((r) => !(r instanceof DomainError)) as { requestId: string }[];
        const pending = await db
          .select()
          .from(discountRequests)
          .where(and(eq(discountRequests.quoteRequestId, quote!.id), eq(discountRequests.status, "pending")));
        expect(pending.map((p) => ({ id: p.id, baseVersion: p.baseVersion }))).toEqual(
          queued.map((q) => ({ id: q.requestId, baseVersion: 2 })),
        );
      }
    },
  );

  // Nothing in the app takes these locks in the other order any more; an outside transaction does here,
  // so PostgreSQL has to pick the approval as the deadlock victim (its wait started first, so its check runs first).
  race(
    "an approval aborted by the database as a deadlock victim answers 409 'try again', not 500, and decides nothing",
    async () => {
      const db = database().db;
      const [rep, admin] = await Promise.all([staff(db, "sales"), staff(db, "admin")]);
      const email = `victim-${++n}@example.com`;
      await wizardAction({
        request: new Request("http://localhost/quote/new", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ ...input, contact: { ...input.contact, email } }),
        }),
        params: {},
        context: {},
      });
      const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.contactEmail, email));
      const asked = await giveDiscount(db, {
        quoteRequestId: quote!.id,
        bps: 1500,
        reason: "Competitor offer",
        actor: rep,
      });
      if (asked.applied) throw new Error("15 % from a rep must wait for an admin");
      const adminCookie = await staffCookie(db, admin.id);
      let approval: Promise<unknown> | undefined;
      await db.transaction(async (tx) => {
        await tx.select().from(discountRequests).where(eq(discountRequests.id, asked.requestId)).for("update");
        approval = discountsAction({
          request: req("/staff/discounts", adminCookie, {
            requestId: asked.requestId,
            decision: "approve",
            reason: "Strategic account",
          }),
          params: {},
          context: {},
        }).then(
          (v) => v,
          (e: unknown) => e,
        );
        // Until the approval holds the quote and waits for the request's row, that is for us.
        for (let i = 0; ; i++) {
          if (i === 300) throw new Error("the approval never waited for the request's row");
          const [waiting] = await tx
            .select({
              n: sql<number>`(select count(*)::int from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid)))`,
            })
            .from(quoteRequests)
            .where(eq(quoteRequests.id, quote!.id));
          if (waiting!.n > 0) break;
          await new Promise((r) => setTimeout(r, 10));
        }
        await tx.select().from(quoteRequests).where(eq(quoteRequests.id, quote!.id)).for("update");
      });
      const answer = (await approval) as { init: { status: number }; data: { errors: { message: string }[] } };
      expect(answer).not.toBeInstanceOf(Error);
      expect(answer.init.status).toBe(409);
      expect(answer.data.errors[0]!.message).toMatch(/try again/i);
      const [request] = await db.select().from(discountRequests).where(eq(discountRequests.id, asked.requestId));
      expect(request!.status).toBe("pending");
    },
  );
});
