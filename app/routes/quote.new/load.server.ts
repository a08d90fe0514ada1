import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { CURRENCIES } from "~/domain/price-book";
import { i18next } from "~/i18next.server";
import { loadCatalog } from "~/models/catalog.server";
import { type TermDiscounts, termDiscountPercents } from "./term-discounts";

/**
 * What the wizard needs from the server: the term discounts of the price book in effect for each
 * currency, so the term selector can say what each term saves ("24 months (−6 %)"). A currency
 * without a book in effect is left out (the selector then shows the terms alone).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const [locale, books] = await Promise.all([
    i18next.getLocale(request),
    Promise.all(
      CURRENCIES.map((currency) =>
        loadCatalog(db, new Date(), currency).then(
          (c) => c.priceBook,
          () => null,
        ),
      ),
    ),
  ]);
  const termDiscounts: TermDiscounts = {};
  books.forEach((book, i) => {
    if (book) termDiscounts[CURRENCIES[i]!] = termDiscountPercents(book.termDiscountBps, locale);
  });
  return { termDiscounts };
}
