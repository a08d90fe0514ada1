import { data } from "@remix-run/node";
import type { Executor } from "#db/client.server";
import { type BookStanding, RATE_KINDS, diffBooks } from "~/domain/price-book";
import { bookInEffect, bookPrices, catalogProducts, getPriceBook } from "~/models/price-book.server";
import { previewImpact } from "~/models/price-impact.server";

/**
 * A price book's page: its settings, every catalog product with the book's price (or none), how it
 * differs from the book in effect, and, for a book not yet in effect, the impact preview.
 */
export async function priceBookPage(db: Executor, id: number, now: Date) {
  const found = await getPriceBook(db, id);
  if (!found) throw data(null, { status: 404 });
  const { book, items } = found;
  const [products, current] = await Promise.all([catalogProducts(db), bookInEffect(db, book.currency, now)]);
  const standing: BookStanding =
    book.status === "draft" || !book.effectiveFrom
      ? "draft"
      : book.effectiveFrom > now
        ? "scheduled"
        : current?.id === book.id
          ? "in_effect"
          : "superseded";
  const priced = new Map(items.map((i) => [i.sku, i]));
  const known = new Set(products.map((p) => p.sku));
  const rows = [
    ...products.map((p) => ({ ...p, price: priced.get(p.sku) ?? null })),
    // A price for a product the catalog no longer lists (kept so nothing disappears silently).
    ...items
      .filter((i) => !known.has(i.sku))
      .map((i) => ({
        sku: i.sku,
        name: i.sku,
        names: {},
        type: "addon" as const,
        group: "unknown",
        status: "retired" as const,
        price: i,
      })),
  ];
  const compareWith = current && current.id !== book.id ? current : null;
  let differences: number | null = null;
  if (compareWith) {
    const [from, to] = await Promise.all([bookPrices(db, compareWith.id), bookPrices(db, book.id)]);
    const diff = diffBooks(from!, to!);
    differences = diff.items.filter((i) => i.change !== "same").length + diff.settings.length;
  }
  const impact = standing === "draft" || standing === "scheduled" ? await previewImpact(db, book.id) : null;
  return {
    book: {
      id: book.id,
      version: book.version,
      currency: book.currency,
      status: book.status,
      standing: standing,
      effectiveFrom: book.effectiveFrom,
      publishedAt: book.publishedAt,
      note: book.note,
      termDiscountBps: book.termDiscountBps,
      opsMinorPerServerMonth: book.opsMinorPerServerMonth,
      rateCard: RATE_KINDS.map(
        (kind) => book.rateCard.find((r) => r.kind === kind) ?? { kind, minorPerHour: 0, minimumMinutes: 15 },
      ),
    },
    products: rows,
    compareWith: compareWith ? { id: compareWith.id, version: compareWith.version } : null,
    differences,
    impact,
  };
}
