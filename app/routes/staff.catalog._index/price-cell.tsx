import { Link } from "@remix-run/react";
import type { Currency } from "~/domain/money";
import { moneyIn } from "./labels";

export interface BookPrice {
  currency: Currency;
  price: { monthlyMinor: number; setupMinor: number } | null;
}

/**
 * A product's price in one book in effect, for reference: the catalog pages never change prices
 * (price books do), so this is text, not a field.
 */
export function PriceText({ entry }: { entry: BookPrice }) {
  if (!entry.price) return <span className="muted">not in the book</span>;
  const money = moneyIn(entry.currency);
  return (
    <>
      {money(entry.price.monthlyMinor)}
      <span className="muted"> / month</span>
      <div className="muted">{entry.price.setupMinor ? `${money(entry.price.setupMinor)} setup` : "no setup fee"}</div>
    </>
  );
}

/** A product's prices in every book in effect, on its own page. */
export function CatalogPrices({ prices }: { prices: readonly (BookPrice & { bookId: number; version: number })[] }) {
  return (
    <section className="catalog-prices" aria-labelledby="prices-title">
      <h2 id="prices-title">Price</h2>
      <p className="hint">
        For reference, from the books in effect; prices change in <Link to="/staff/price-books">price books</Link>.
      </p>
      {prices.length ? (
        <dl className="pairs">
          {prices.map((p) => (
            <div key={p.bookId}>
              <dt>
                <Link to={`/staff/price-books/${p.bookId}`}>
                  {p.currency} book version {p.version}
                </Link>
              </dt>
              <dd>
                <PriceText entry={p} />
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>No price book is in effect.</p>
      )}
    </section>
  );
}
