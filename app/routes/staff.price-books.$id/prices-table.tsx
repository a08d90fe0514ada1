import { Fragment } from "react";
import type { Currency } from "~/domain/money";
import { minorToDecimalText } from "~/domain/price-book";
import { GROUP_LABELS, moneyIn } from "./labels";
import type { FormState } from "./settings-fields";

export interface PricedProduct {
  sku: string;
  name: string;
  type: "server" | "addon";
  group: string;
  status: "draft" | "active" | "retired";
  price: { monthlyMinor: number; setupMinor: number } | null;
}

function PriceInput({
  sku,
  part,
  name,
  saved,
  form,
}: {
  sku: string;
  part: "monthly" | "setup";
  name: string;
  saved: number | undefined;
  form: FormState;
}) {
  const field = `price.${sku}.${part}`;
  const id = `p-${sku.replace(/[^a-z0-9]+/gi, "-")}-${part}`;
  const error = form.error(field);
  return (
    <>
      <input
        id={id}
        name={field}
        className="price-input"
        inputMode="decimal"
        autoComplete="off"
        aria-label={`${part === "monthly" ? "Monthly" : "Setup"} price of ${name}`}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        defaultValue={form.value(field, saved === undefined ? "" : minorToDecimalText(saved))}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}

/**
 * Every catalog product with its price in this book, grouped by server line and add-on kind: inputs
 * on a draft an admin may edit (both empty = not sold while this book is in effect), amounts otherwise.
 */
export function PricesTable({
  products,
  currency,
  form,
}: {
  products: readonly PricedProduct[];
  currency: Currency;
  form: FormState | null;
}) {
  const money = moneyIn(currency);
  const groups = [...new Set(products.map((p) => p.group))];
  return (
    <section aria-labelledby="prices-title">
      <h2 id="prices-title">Prices</h2>
      {form ? (
        <p className="hint">
          In {currency === "USD" ? "US dollars" : "euros"}, such as 12.50 or 12,50. Leave both prices of a product empty
          to stop selling it while this book is in effect.
        </p>
      ) : null}
      <div className="table-scroll" role="region" aria-labelledby="prices-title" tabIndex={0}>
        <table className="queue prices">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col" className="num">
                Monthly
              </th>
              <th scope="col" className="num">
                Setup
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <Fragment key={group}>
                <tr className="group-row">
                  <th scope="colgroup" colSpan={3}>
                    {GROUP_LABELS[group] ?? "Not in the catalog"}
                  </th>
                </tr>
                {products
                  .filter((p) => p.group === group)
                  .map((p) => (
                    <tr key={p.sku} className={p.price ? undefined : "unpriced"}>
                      <th scope="row">
                        {p.name}
                        <span className="sku"> {p.sku}</span>
                        {p.status !== "active" ? <span className="badge">{p.status}</span> : null}
                      </th>
                      {form ? (
                        <>
                          <td className="num">
                            <PriceInput
                              sku={p.sku}
                              part="monthly"
                              name={p.name}
                              saved={p.price?.monthlyMinor}
                              form={form}
                            />
                          </td>
                          <td className="num">
                            <PriceInput
                              sku={p.sku}
                              part="setup"
                              name={p.name}
                              saved={p.price?.setupMinor}
                              form={form}
                            />
                          </td>
                        </>
                      ) : (
                        <>
                          <td className="num">{p.price ? money(p.price.monthlyMinor) : "not sold"}</td>
                          <td className="num">{p.price ? money(p.price.setupMinor) : "—"}</td>
                        </>
                      )}
                    </tr>
                  ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
