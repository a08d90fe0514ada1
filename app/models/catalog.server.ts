import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { addons, catalogRevision, priceBookItems, priceBooks, serverModels } from "#db/schema";
import type { Catalog, Price, PriceBook } from "~/domain/catalog";
import type { BookCurrency } from "~/domain/price-book";
import type { TermMonths } from "~/domain/quote-input";

/**
 * The last catalog built per currency, keyed by the catalog revision (bumped by triggers on every
 * change to models, add-ons and price books: migration 0013) and the id of the book in effect. While
 * both are unchanged a request costs one small query and gets the same (frozen) object, so the
 * engine's catalog-derived structures (app/domain/fit.ts `fitIndex`, kept per catalog object) are
 * built once per price book version instead of once per request. A book that becomes effective later
 * changes the book id the query returns, so a future-dated book takes over at its moment.
 */
const built = new Map<BookCurrency, { key: string; catalog: Catalog }>();

/** The published book in effect for `currency` at `at`: the latest effective_from at or before it. */
export function effectiveBookQuery(db: Executor, currency: BookCurrency, at: Date) {
  return db
    .select()
    .from(priceBooks)
    .where(
      and(eq(priceBooks.currency, currency), eq(priceBooks.status, "published"), lte(priceBooks.effectiveFrom, at)),
    )
    .orderBy(desc(priceBooks.effectiveFrom), desc(priceBooks.version))
    .limit(1);
}

/** The catalog as the engine sees it: active models and add-ons priced by the book in effect. */
export async function loadCatalog(
  db: Executor,
  at: Date = new Date(),
  currency: BookCurrency = "EUR",
): Promise<Catalog> {
  const [head] = await db
    .select({
      revision: catalogRevision.revision,
      bookId: sql<number | null>`(select id from price_books where currency = ${currency} and status = 'published'
        and effective_from <= ${at.toISOString()}::timestamptz order by effective_from desc, version desc limit 1)`,
    })
    .from(catalogRevision)
    .where(eq(catalogRevision.id, 1));
  const key = head ? `${head.revision}:${head.bookId}` : null;
  const cached = built.get(currency);
  if (key && cached?.key === key) return cached.catalog;

  const [book] = await effectiveBookQuery(db, currency, at);
  if (!book) throw new Error(`No ${currency} price book is in effect: run the seed (npm start does it).`);
  const catalog = deepFreeze(await catalogPricedBy(db, book));
  // Only a catalog read under a known revision is kept; the key was read before the rows, so a
  // change in between makes the next request rebuild rather than serve stale rows.
  if (key) built.set(currency, { key, catalog });
  return catalog;
}

/**
 * The active catalog priced by `book`: active models and add-ons that the book prices, with its
 * settings. `loadCatalog` builds it for the book in effect; the impact preview
 * (price-impact.server.ts) for a book that is not in effect yet, so a refresh and its preview price
 * from the same catalog.
 */
export async function catalogPricedBy(db: Executor, book: typeof priceBooks.$inferSelect): Promise<Catalog> {
  const [servers, addonRows, items] = await Promise.all([
    db.select().from(serverModels).where(eq(serverModels.status, "active")).orderBy(asc(serverModels.sku)),
    db.select().from(addons).where(eq(addons.status, "active")).orderBy(asc(addons.sku)),
    db.select().from(priceBookItems).where(eq(priceBookItems.priceBookId, book.id)).orderBy(priceBookItems.sku),
  ]);
  const prices: Record<string, Price> = {};
  for (const item of items) prices[item.sku] = { monthlyMinor: item.monthlyMinor, setupMinor: item.setupMinor };
  const priceBook: PriceBook = {
    id: book.id,
    version: book.version,
    currency: book.currency,
    termDiscountBps: {
      1: book.termDiscountBps["1"] ?? 0,
      12: book.termDiscountBps["12"] ?? 0,
      24: book.termDiscountBps["24"] ?? 0,
      36: book.termDiscountBps["36"] ?? 0,
    } satisfies Record<TermMonths, number>,
    opsMinorPerServerMonth: book.opsMinorPerServerMonth,
    rateCard: book.rateCard,
    effectiveFrom: book.effectiveFrom,
    prices,
  };
  // Anything without a price cannot be sold, so the engine never sees it.
  return {
    servers: servers.filter((s) => prices[s.sku]).map(({ status: _s, createdAt: _c, updatedAt: _u, ...s }) => s),
    addons: addonRows.filter((a) => prices[a.sku]).map(({ status: _s, createdAt: _c, updatedAt: _u, ...a }) => a),
    priceBook,
  };
}

/** Callers share the cached catalog, so nobody may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
