import type { Executor } from "#db/client.server";
import { bookStandings } from "~/domain/price-book";
import { listPriceBooks } from "~/models/price-book.server";

/**
 * Every price book with where it stands now (draft, in effect, scheduled, superseded) and the book it
 * replaced: the previous published version of the same currency, which its diff link compares with.
 */
export async function priceBookList(db: Executor, now: Date) {
  const books = await listPriceBooks(db);
  const standings = bookStandings(books, now);
  // Published books of each currency in the order they take effect, for "compare with previous".
  const published = books
    .filter((b) => b.status === "published" && b.effectiveFrom)
    .sort((a, b) => a.effectiveFrom!.getTime() - b.effectiveFrom!.getTime() || a.version - b.version);
  return books.map((b) => {
    const before =
      b.status === "published"
        ? published.filter((p) => p.currency === b.currency && p.id !== b.id && p.effectiveFrom! <= b.effectiveFrom!)
        : published.filter((p) => p.currency === b.currency && standings.get(p.id) === "in_effect");
    return {
      ...b,
      standing: standings.get(b.id)!,
      previous: before.length ? { id: before.at(-1)!.id, version: before.at(-1)!.version } : null,
    };
  });
}
