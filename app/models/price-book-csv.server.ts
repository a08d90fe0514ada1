import { eq } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { priceBooks } from "#db/schema";
import type { AddonKind } from "~/domain/catalog";
import { DomainError } from "~/domain/errors";
import type { Minor } from "~/domain/money";
import {
  type CsvImportCheck,
  type CsvPriceRow,
  type CsvProduct,
  checkPriceBookCsv,
  serialisePriceBookCsv,
} from "~/domain/price-book-csv";
import type { BookCurrency, PriceBookStatus } from "~/domain/price-book";
import type { Actor } from "~/utils/permissions";
import { catalogProducts, getPriceBook, setDraftPrices } from "./price-book.server";

/**
 * A price book to and from CSV (issue 15 item 4; the format is app/domain/price-book-csv.ts). Export
 * reads any book; import writes only into a draft, and only when every row of the file is accepted,
 * through `setDraftPrices` in one call (audited there). Products a file leaves out keep their prices:
 * a partial file changes only what it lists, it never takes products out of the book.
 */
export interface CsvBook {
  id: number;
  version: number;
  currency: BookCurrency;
  status: PriceBookStatus;
}

const ORDER: Record<NonNullable<CsvProduct["kind"]>, number> = {
  server: 0,
  ram: 1,
  disk: 2,
  volume: 3,
  backup: 4,
  traffic: 5,
  ipv4: 6,
  load_balancer: 7,
};

/** Every product of the catalog, whatever its status: a draft book may price a model before launch. */
async function productsBySku(db: Executor): Promise<Map<string, CsvProduct>> {
  const products = await catalogProducts(db);
  return new Map(
    products.map((p): [string, CsvProduct] => [
      p.sku,
      { sku: p.sku, name: p.name, kind: p.type === "server" ? "server" : (p.group as AddonKind) },
    ]),
  );
}

const pick = (book: CsvBook): CsvBook => ({
  id: book.id,
  version: book.version,
  currency: book.currency,
  status: book.status,
});

/** The file name staff see in their downloads: which version, which currency. */
export const csvFilename = (book: Pick<CsvBook, "version" | "currency">) =>
  `price-book-v${book.version}-${book.currency}.csv`;

/** A book as CSV, servers first then add-ons by kind; null when there is no such book. */
export async function exportPriceBookCsv(db: Executor, id: number) {
  const found = await getPriceBook(db, id);
  if (!found) return null;
  const products = await productsBySku(db);
  const rows: CsvPriceRow[] = found.items.map((item) => {
    // A price for a SKU the catalog no longer has still round-trips: the import knows the draft's own SKUs.
    const product = products.get(item.sku) ?? { sku: item.sku, name: "", kind: null };
    return { ...product, monthlyMinor: item.monthlyMinor, setupMinor: item.setupMinor };
  });
  rows.sort(
    (a, b) =>
      (a.kind === null ? 99 : ORDER[a.kind]) - (b.kind === null ? 99 : ORDER[b.kind]) || a.sku.localeCompare(b.sku),
  );
  return { book: pick(found.book), filename: csvFilename(found.book), csv: serialisePriceBookCsv(rows) };
}

/** One accepted row against the draft's price before the import. */
export interface PriceChange {
  sku: string;
  before: { monthlyMinor: Minor; setupMinor: Minor } | null;
  after: { monthlyMinor: Minor; setupMinor: Minor };
}

export interface PriceBookImport {
  book: CsvBook;
  check: CsvImportCheck;
  /** Accepted rows whose prices differ from the draft's (or that the draft did not price yet). */
  changes: PriceChange[];
  /** Accepted rows equal to the draft's prices. */
  unchanged: number;
  /** True when the prices were written (never when any row was rejected, nor on a check). */
  imported: boolean;
}

/**
 * Checks a CSV against a draft and, unless `checkOnly`, imports it: all rows or none. The draft is
 * locked for the whole check and write, so the changes reported are the ones made, and a publish at
 * the same moment either waits or makes this a refusal (`book_not_draft`), never a half-import.
 * Refuses a missing book (`not_found`) and a published one (`book_not_draft`).
 */
export async function importPriceBookCsv(
  db: Executor,
  actor: Actor,
  id: number,
  text: string,
  options: { checkOnly?: boolean } = {},
): Promise<PriceBookImport> {
  return db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ status: priceBooks.status })
      .from(priceBooks)
      .where(eq(priceBooks.id, id))
      .for("update");
    if (!locked) throw new DomainError("not_found");
    if (locked.status !== "draft") throw new DomainError("book_not_draft");
    const found = await getPriceBook(tx, id);
    if (!found) throw new DomainError("not_found");
    const current = new Map(found.items.map((i) => [i.sku, i]));
    const known = await productsBySku(tx);
    for (const sku of current.keys()) if (!known.has(sku)) known.set(sku, { sku, name: "", kind: null });

    const check = checkPriceBookCsv(text, known);
    const changes: PriceChange[] = [];
    let unchanged = 0;
    for (const row of check.rows) {
      if (row.status !== "accepted") continue;
      const before = current.get(row.sku);
      if (before && before.monthlyMinor === row.monthlyMinor && before.setupMinor === row.setupMinor) unchanged++;
      else
        changes.push({
          sku: row.sku,
          before: before ? { monthlyMinor: before.monthlyMinor, setupMinor: before.setupMinor } : null,
          after: { monthlyMinor: row.monthlyMinor, setupMinor: row.setupMinor },
        });
    }
    const result = { book: pick(found.book), check, changes, unchanged };
    if (!check.ok || options.checkOnly || changes.length === 0) return { ...result, imported: false };
    await setDraftPrices(tx, actor, id, {
      set: changes.map((c) => ({ sku: c.sku, ...c.after })),
    });
    return { ...result, imported: true };
  });
}
