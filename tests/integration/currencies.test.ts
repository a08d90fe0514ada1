import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { proposalVersions, proposals, quoteRequests } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { loadCatalog } from "~/models/catalog.server";
import { adjustProposal } from "~/models/proposal-version.server";
import { action as quotePageAction } from "~/routes/q.$token/route";
import { createQuote, createStaff, publishRepricedBook } from "../factories";
import { req, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const input: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "us" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Dollar Customer", email: "dollars@example.com" },
};

async function leanMonthly(db: Database, quoteId: string, version: number) {
  const [p] = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.quoteRequestId, quoteId), eq(proposals.version, version), eq(proposals.tier, "lean")));
  return p!;
}

/**
 * Each currency has its own price book and nothing converts: a quote keeps its currency through
 * refreshes and adjustments, whatever catalog the caller happened to load.
 */
describe.each(TEST_DATABASES)("currencies on $name", (target) => {
  const database = useTestDatabase(target);

  it("a US quote is in dollars at the USD book's prices; the EUR book's prices never reach it", async () => {
    const db = database().db;
    const { id } = await createQuote(db, {}, input);
    const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, id));
    const usd = await loadCatalog(db, new Date(), "USD");
    expect(quote!.currency).toBe("USD");
    expect(quote!.priceBookId).toBe(usd.priceBook.id);
    const lean = await leanMonthly(db, id, 1);
    expect(lean.currency).toBe("USD");

    // Euros chosen for the same US workload: the EUR book, a different price.
    const { id: inEuros } = await createQuote(db, {}, { ...input, currency: "EUR" });
    const euroLean = await leanMonthly(db, inEuros, 1);
    expect(euroLean.currency).toBe("EUR");
    expect(euroLean.monthlyMinor).not.toBe(lean.monthlyMinor);
  });

  it("a refresh of a dollar quote reprices from the USD book even when only the EUR book changed", async () => {
    const db = database().db;
    const { id, token } = await createQuote(db, {}, input);
    const before = await leanMonthly(db, id, 1);
    const expire = () =>
      db
        .update(proposalVersions)
        .set({ validUntil: new Date(Date.now() - 60_000) })
        .where(eq(proposalVersions.quoteRequestId, id));
    const refresh = () =>
      status(() =>
        quotePageAction({
          request: req(`/q/${token}`, undefined, { intent: "refresh" }),
          params: { token },
          context: {},
        }),
      );

    const euros = await publishRepricedBook(db, (i) => ({
      monthlyMinor: i.monthlyMinor * 3,
      setupMinor: i.setupMinor,
    }));
    try {
      await expire();
      expect(await refresh()).toBe(303);
      const v2 = await leanMonthly(db, id, 2);
      expect(v2.currency).toBe("USD");
      expect(v2.monthlyMinor).toBe(before.monthlyMinor);
    } finally {
      await euros.restore();
    }

    const dollars = await publishRepricedBook(
      db,
      (i) => ({ monthlyMinor: i.monthlyMinor * 2, setupMinor: i.setupMinor }),
      "USD",
    );
    try {
      await expire();
      expect(await refresh()).toBe(303);
      const v3 = await leanMonthly(db, id, 3);
      expect(v3.monthlyMinor).toBeGreaterThan(before.monthlyMinor);
      const [version] = await db
        .select()
        .from(proposalVersions)
        .where(and(eq(proposalVersions.quoteRequestId, id), eq(proposalVersions.version, 3)));
      expect(version!.priceBookId).toBe(dollars.book.id);
    } finally {
      await dollars.restore();
    }
  });

  it("a technician's adjustment of a dollar quote prices new lines from the USD book, whatever catalog was passed", async () => {
    const db = database().db;
    const { id, reviewItemId } = await createQuote(
      db,
      { requirements: { specialRequirements: "Please check our PCI-DSS scope." } },
      input,
    );
    expect(reviewItemId).not.toBeNull();
    const { user: tech } = await createStaff(db, "admin");
    const lean = await leanMonthly(db, id, 1);
    const eur = await loadCatalog(db, new Date(), "EUR");
    const usd = await loadCatalog(db, new Date(), "USD");
    const ipv4 = usd.priceBook.prices["ipv4"]!;
    expect(eur.priceBook.prices["ipv4"]!.monthlyMinor).not.toBe(ipv4.monthlyMinor);
    await adjustProposal(
      db,
      id,
      lean.id,
      { op: "add", sku: "ipv4", quantity: 1 },
      "Customer wants a spare address",
      { id: tech.id, role: "admin" },
      eur,
    );
    const v2 = await leanMonthly(db, id, 2);
    expect(v2.currency).toBe("USD");
    expect(v2.monthlyMinor).toBeGreaterThan(lean.monthlyMinor);
  });
});
