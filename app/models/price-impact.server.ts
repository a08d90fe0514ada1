import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { priceBooks, proposalLines, proposalVersions, proposals, quoteRequests, reviewItems } from "#db/schema";
import { type Catalog, sellablePrices } from "~/domain/catalog";
import type { Currency, Minor } from "~/domain/money";
import { type ProposalLine, totalsOf } from "~/domain/pricing";
import type { TermMonths } from "~/domain/quote-input";
import { type StoredLine, repriceLines } from "~/domain/repricing";
import { catalogPricedBy } from "./catalog.server";

/**
 * The impact preview (issue 15): what refreshing every open quote would do once a book is in effect.
 * It runs the refresh's own steps (app/models/proposal-version.server.ts refreshVersion) without
 * writing: the book's sellable prices (`sellablePrices` over the active catalog), `repriceLines`
 * with the book's term discount for the quote's term, and `totalsOf` for each proposal's totals.
 * Accepted and won quotes are never repriced, and declined ones are closed, so only quotes that are
 * proposed, waiting for review or published count. Each is taken at its latest version: the one the
 * customer sees (a refresh's base), or the technician's newer one that will be published next.
 */

/** The statuses of a quote that can still change price. */
const OPEN_STATUSES = ["proposed", "needs_review", "published"] as const;
/** A review item a technician still works on. */
const REVIEW_OPEN = ["open", "claimed", "waiting_customer"] as const;

export interface TierImpact {
  tier: string;
  oldSetupMinor: Minor;
  newSetupMinor: Minor;
  oldMonthlyMinor: Minor;
  newMonthlyMinor: Minor;
}

export interface QuoteImpact {
  quoteRequestId: string;
  contactName: string;
  company: string | null;
  status: string;
  /** A technician is still working on it (its review item is open, claimed or waiting for the customer). */
  underReview: boolean;
  version: number;
  /** Until when the version's prices hold: a refresh only happens after it. Null when not published. */
  validUntil: Date | null;
  tiers: TierImpact[];
  /** Sum over the quote's proposals (tiers) of new minus old. */
  monthlyDeltaMinor: Minor;
  setupDeltaMinor: Minor;
  /** Products the book does not sell: the refresh would be refused until a technician replaces them. */
  unavailable: string[];
}

export interface PriceImpact {
  bookId: number;
  currency: Currency;
  /** Open quotes in the book's currency. */
  openQuotes: number;
  /** Quotes whose price would change, then quotes a refresh would refuse, largest monthly change first. */
  quotes: QuoteImpact[];
  changed: number;
  blocked: number;
  /** Of the quotes listed, how many a technician is still working on. */
  underReview: number;
  /** Sums over every proposal of the changed quotes. */
  monthlyDeltaMinor: Minor;
  setupDeltaMinor: Minor;
}

/**
 * The catalog a refresh would price with once book `bookId` is in effect: the active catalog priced by
 * that book, built as loadCatalog builds it for the book in effect (catalog.server.ts catalogPricedBy).
 */
export async function catalogForBook(db: Executor, bookId: number): Promise<Catalog | null> {
  const [book] = await db.select().from(priceBooks).where(eq(priceBooks.id, bookId));
  return book ? catalogPricedBy(db, book) : null;
}

/** What refreshing every open quote in the book's currency would change once the book is in effect. */
export async function previewImpact(db: Executor, bookId: number): Promise<PriceImpact | null> {
  const catalog = await catalogForBook(db, bookId);
  if (!catalog) return null;
  const currency = catalog.priceBook.currency;
  const latest = db
    .select({
      quoteRequestId: proposals.quoteRequestId,
      version: sql<number>`max(${proposals.version})`.as("latest_version"),
    })
    .from(proposals)
    .groupBy(proposals.quoteRequestId)
    .as("latest");
  const openLatest = and(
    inArray(quoteRequests.status, [...OPEN_STATUSES]),
    eq(proposals.currency, currency),
    eq(proposals.version, latest.version),
  );
  const [rows, lineRows] = await Promise.all([
    db
      .select({
        proposal: proposals,
        contactName: quoteRequests.contactName,
        company: quoteRequests.company,
        status: quoteRequests.status,
        termMonths: sql<TermMonths>`(${quoteRequests.requirements} ->> 'termMonths')::int`,
        validUntil: proposalVersions.validUntil,
        reviewStatus: reviewItems.status,
      })
      .from(proposals)
      .innerJoin(latest, eq(latest.quoteRequestId, proposals.quoteRequestId))
      .innerJoin(quoteRequests, eq(quoteRequests.id, proposals.quoteRequestId))
      .leftJoin(
        proposalVersions,
        and(
          eq(proposalVersions.quoteRequestId, proposals.quoteRequestId),
          eq(proposalVersions.version, proposals.version),
        ),
      )
      .leftJoin(reviewItems, eq(reviewItems.quoteRequestId, proposals.quoteRequestId))
      .where(openLatest)
      .orderBy(asc(proposals.quoteRequestId), asc(proposals.position)),
    db
      .select({ line: proposalLines })
      .from(proposalLines)
      .innerJoin(proposals, eq(proposals.id, proposalLines.proposalId))
      .innerJoin(latest, eq(latest.quoteRequestId, proposals.quoteRequestId))
      .innerJoin(quoteRequests, eq(quoteRequests.id, proposals.quoteRequestId))
      .where(openLatest)
      .orderBy(asc(proposalLines.proposalId), asc(proposalLines.position)),
  ]);

  const linesOf = new Map<string, StoredLine[]>();
  for (const { line } of lineRows) {
    const { id: _i, proposalId, position: _p, ...stored } = line;
    const list = linesOf.get(proposalId) ?? [];
    list.push(stored);
    linesOf.set(proposalId, list);
  }

  const sellable = sellablePrices(catalog);
  const byQuote = new Map<string, QuoteImpact>();
  for (const row of rows) {
    const p = row.proposal;
    let quote = byQuote.get(p.quoteRequestId);
    if (!quote) {
      quote = {
        quoteRequestId: p.quoteRequestId,
        contactName: row.contactName,
        company: row.company,
        status: row.status,
        underReview: (REVIEW_OPEN as readonly string[]).includes(row.reviewStatus ?? ""),
        version: p.version,
        validUntil: row.validUntil,
        tiers: [],
        monthlyDeltaMinor: 0,
        setupDeltaMinor: 0,
        unavailable: [],
      };
      byQuote.set(p.quoteRequestId, quote);
    }
    // The refresh's own steps, in its order (refreshVersion, then writeNextVersion's totals).
    const termMonths = row.termMonths;
    const repriced = repriceLines(
      linesOf.get(p.id) ?? [],
      sellable,
      termMonths,
      catalog.priceBook.termDiscountBps[termMonths] ?? 0,
    );
    const totals = totalsOf(repriced.lines as ProposalLine[], termMonths, p.currency);
    for (const sku of repriced.unavailable) if (!quote.unavailable.includes(sku)) quote.unavailable.push(sku);
    quote.tiers.push({
      tier: p.tier,
      oldSetupMinor: p.setupMinor,
      newSetupMinor: totals.setupMinor,
      oldMonthlyMinor: p.monthlyMinor,
      newMonthlyMinor: totals.monthlyMinor,
    });
    quote.monthlyDeltaMinor += totals.monthlyMinor - p.monthlyMinor;
    quote.setupDeltaMinor += totals.setupMinor - p.setupMinor;
  }

  const all = [...byQuote.values()];
  const changes = (q: QuoteImpact) =>
    q.tiers.some((t) => t.oldMonthlyMinor !== t.newMonthlyMinor || t.oldSetupMinor !== t.newSetupMinor);
  const blocked = all.filter((q) => q.unavailable.length > 0);
  const changed = all
    .filter((q) => q.unavailable.length === 0 && changes(q))
    .sort(
      (a, b) =>
        Math.abs(b.monthlyDeltaMinor) - Math.abs(a.monthlyDeltaMinor) || a.contactName.localeCompare(b.contactName),
    );
  const listed = [...changed, ...blocked];
  return {
    bookId,
    currency,
    openQuotes: all.length,
    quotes: listed,
    changed: changed.length,
    blocked: blocked.length,
    underReview: listed.filter((q) => q.underReview).length,
    monthlyDeltaMinor: changed.reduce((s, q) => s + q.monthlyDeltaMinor, 0),
    setupDeltaMinor: changed.reduce((s, q) => s + q.setupDeltaMinor, 0),
  };
}
