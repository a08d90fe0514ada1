import { data } from "@remix-run/node";
import type { Executor } from "#db/client.server";
import { getPriceBook } from "~/models/price-book.server";
import { MAX_CSV_BYTES } from "./action.server";

/** The book the page imports into, and whether it can (only a draft takes prices). */
export async function importPage(db: Executor, id: number) {
  const found = await getPriceBook(db, id);
  if (!found) throw data(null, { status: 404 });
  const { book, items } = found;
  return {
    book: {
      id: book.id,
      version: book.version,
      currency: book.currency,
      status: book.status,
      note: book.note,
      itemCount: items.length,
    },
    maxKb: MAX_CSV_BYTES / 1024,
  };
}
