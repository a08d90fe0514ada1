import { Link } from "@remix-run/react";
import { unsoldMarket } from "~/domain/currency-market";
import type { Currency } from "~/domain/money";
import type { Region } from "~/domain/quote-input";
import { moneyIn, notSoldIn, regionNames } from "./labels";

export interface BookPrice {
  currency: Currency;
  price: { monthlyMinor: number; setupMinor: number } | null;
}

/**
 * A product's price in one book in effect, for reference: the catalog pages never change prices
 * (price books do), so this is text, not a field. With a server model's `regions`, a book whose
 * currency's market the model is not sold in says so first ("not sold in the US"): its price there
 * applies only to customers elsewhere who choose to pay in that currency.
 */
export function PriceText({ entry, regions }: { entry: BookPrice; regions?: readonly Region[] }) {
  const unsold = regions ? unsoldMarket(regions, entry.currency) : null;
  if (!entry.price) return <span className="muted">{unsold ? notSoldIn(unsold) : "not in the book"}</span>;
  const money = moneyIn(entry.currency);
  if (unsold) {
    return (
      <>
        <span className="not-sold">{notSoldIn(unsold)}</span>
        <div
          className="muted price-note"
          title={`For ${regionNames(regions ?? [])} customers who choose to pay in ${entry.currency}`}
        >
          {money(entry.price.monthlyMinor)} / month if paid in {entry.currency}
        </div>
      </>
    );
  }
  return (
    <>
      {money(entry.price.monthlyMinor)}
      <span className="muted"> / month</span>
      <div className="muted">{entry.price.setupMinor ? `${money(entry.price.setupMinor)} setup` : "no setup fee"}</div>
    </>
  );
}

/** A product's prices in every book in effect, on its own page. */
export function CatalogPrices({
  prices,
  regions,
}: {
  prices: readonly (BookPrice & { bookId: number; version: number })[];
  /** A server model's regions (add-ons are sold everywhere). */
  regions?: readonly Region[];
}) {
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
                <PriceText entry={p} regions={regions} />
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
