import { and, desc, eq, lte } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { addons, priceBookItems, priceBooks, serverModels } from "#db/schema";
import type { Catalog, Price, PriceBook } from "~/domain/catalog";
import type { TermMonths } from "~/domain/quote-input";

/**
 * The last catalog built, with a fingerprint of the rows it was built from. While the price book
 * and the catalog rows are unchanged, every request gets the same (frozen) object, so the engine's
 * catalog-derived structures (app/domain/fit.ts `fitIndex`, kept per catalog object) are built
 * once per price book version instead of once per request.
 */
let last: { fingerprint: string; catalog: Catalog } | null = null;

/** The catalog as the engine sees it: active models and add-ons priced by the current price book. */
export async function loadCatalog(db: Executor, at: Date = new Date()): Promise<Catalog> {
  const [book] = await db
    .select()
    .from(priceBooks)
    .where(lte(priceBooks.effectiveFrom, at))
    .orderBy(desc(priceBooks.version))
    .limit(1);
  if (!book) throw new Error("No price book is in effect: run the seed (npm start does it).");
  const [servers, addonRows, items] = await Promise.all([
    db.select().from(serverModels).where(eq(serverModels.active, true)).orderBy(serverModels.sku),
    db.select().from(addons).where(eq(addons.active, true)).orderBy(addons.sku),
    db
      .select()
      .from(priceBookItems)
      .where(and(eq(priceBookItems.priceBookId, book.id)))
      .orderBy(priceBookItems.sku),
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
    prices,
  };
  // Anything without a price cannot be sold, so the engine never sees it.
  const catalog: Catalog = {
    servers: servers.filter((s) => prices[s.sku]).map(({ active: _a, createdAt: _c, ...s }) => s),
    addons: addonRows.filter((a) => prices[a.sku]).map(({ active: _a, createdAt: _c, ...a }) => a),
    priceBook,
  };
  const fingerprint = JSON.stringify(catalog);
  if (last?.fingerprint === fingerprint) return last.catalog;
  last = { fingerprint, catalog: deepFreeze(catalog) };
  return catalog;
}

/** Callers share the cached catalog, so nobody may change it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
