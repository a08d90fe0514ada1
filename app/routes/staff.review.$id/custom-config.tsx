import { Form } from "@remix-run/react";
import type { CustomConfigurationView } from "./custom-config.server";
import { MoneyField } from "~/components/money-field";
import { formatMoney, formatNumber } from "~/utils/format";

const TIERS = ["lean", "balanced", "resilient"] as const;
const AVAILABILITIES = ["standard", "high", "critical"] as const;
const RESOURCE_LABELS = { vcpu: "vCPU", ramGb: "RAM (GB)", storageGb: "Storage (GB)", gpu: "GPUs" } as const;

/**
 * Build or replace a tier from scratch: products from the current catalog (searched by name or spec),
 * custom priced lines in euros, and their capacity against the request's demand. One form: "Search
 * and preview" submits it with GET (the loader filters the catalog and sizes the picks, no JavaScript
 * needed, and every pick stays on the form); "Save tier as new version" posts it.
 */
export function CustomConfiguration({
  view,
  tiers,
  currency,
}: {
  view: CustomConfigurationView;
  currency: "EUR" | "USD";
  /** The tiers the latest version already has (building one of them replaces it). */
  tiers: readonly string[];
}) {
  const money = (minor: number) => formatMoney(minor, currency, "en");
  return (
    <section className="custom-config" aria-labelledby="custom-config-title">
      <h2 id="custom-config-title">Custom configuration</h2>
      <p className="muted">
        Build any tier from scratch. Saving makes a new version (existing tiers are copied unchanged); publish it below.
        Prices are in {currency === "USD" ? "US dollars" : "euros"}, e.g. 12.50 or 12,50.
      </p>
      <Form method="post" className="custom-config-form">
        <fieldset>
          <legend>Tier and availability</legend>
          <label>
            Tier{" "}
            <select name="tier" defaultValue={view.tier}>
              {TIERS.map((t) => (
                <option key={t} value={t}>
                  {t}
                  {tiers.includes(t) ? " (replace)" : " (new)"}
                </option>
              ))}
            </select>
          </label>{" "}
          <label>
            Availability{" "}
            <select name="availability" defaultValue={view.availability}>
              {AVAILABILITIES.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
        </fieldset>

        <fieldset>
          <legend>Catalog</legend>
          <label htmlFor="catalog-search">Search by name or spec (e.g. gpu, 64 GB, nvme)</label>{" "}
          <input id="catalog-search" name="q" type="search" defaultValue={view.query} maxLength={100} />{" "}
          <button type="submit" formMethod="get" className="secondary">
            Search and preview
          </button>
          {view.products.length === 0 ? (
            <p role="status">No product matches “{view.query}”. Use a custom line for something we do not list.</p>
          ) : (
            <div className="table-scroll">
              <table className="lines catalog-picks">
                <thead>
                  <tr>
                    <th scope="col">Quantity</th>
                    <th scope="col">Product</th>
                    <th scope="col">Specs</th>
                    <th scope="col" className="num">
                      Monthly
                    </th>
                    <th scope="col" className="num">
                      Setup
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.products.map((p) => (
                    <tr key={p.sku}>
                      <td>
                        <input
                          name={`qty_${p.sku}`}
                          type="number"
                          min={0}
                          max={1000}
                          step={1}
                          defaultValue={p.quantity}
                          aria-label={`Quantity of ${p.name}`}
                          size={4}
                        />
                      </td>
                      <td>
                        {p.name} <code>{p.sku}</code>
                      </td>
                      <td>{p.spec}</td>
                      <td className="num">{money(p.monthlyMinor)}</td>
                      <td className="num">{money(p.setupMinor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </fieldset>

        <fieldset>
          <legend>Custom lines (the customer reads the description as you type it)</legend>
          {view.lines.map((l, row) => (
            <p key={row} className="custom-line">
              <label className="custom-line-description">
                Description <input name={`line${row}_description`} defaultValue={l.description} maxLength={200} />
              </label>{" "}
              <label>
                Quantity{" "}
                <input name={`line${row}_quantity`} type="number" min={1} step={1} defaultValue={l.quantity} size={4} />
              </label>{" "}
              <MoneyField label="Monthly" name={`line${row}_monthly`} currency={currency} defaultValue={l.monthly} />{" "}
              <MoneyField label="Setup" name={`line${row}_setup`} currency={currency} defaultValue={l.setup} />
            </p>
          ))}
        </fieldset>

        <CapacityPreview view={view} currency={currency} />

        <div className="custom-save">
          <label htmlFor="custom-reason">Note for the customer (required; shown with the configuration)</label>
          <input id="custom-reason" name="reason" defaultValue={view.reason} maxLength={1000} />
          <button type="submit" name="intent" value="custom">
            Save tier as new version
          </button>
        </div>
      </Form>
    </section>
  );
}

function CapacityPreview({ view, currency }: { view: CustomConfigurationView; currency: "EUR" | "USD" }) {
  const money = (minor: number) => formatMoney(minor, currency, "en");
  return (
    <div className="capacity-preview" aria-live="polite">
      <h3>Capacity against the request</h3>
      {view.problems.length ? (
        <p role="alert" className="field-error">
          {view.problems.join(" ")}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="lines">
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col" className="num">
                Demand
              </th>
              <th scope="col" className="num">
                This configuration
              </th>
              <th scope="col">Fits?</th>
            </tr>
          </thead>
          <tbody>
            {(Object.keys(RESOURCE_LABELS) as (keyof typeof RESOURCE_LABELS)[]).map((resource) => {
              const row = view.preview?.check.find((c) => c.resource === resource);
              return (
                <tr key={resource}>
                  <th scope="row">{RESOURCE_LABELS[resource]}</th>
                  <td className="num">{formatNumber(view.demand[resource], "en", 1)}</td>
                  <td className="num">{row ? formatNumber(row.capacity, "en", 1) : "—"}</td>
                  <td>
                    {row
                      ? row.enough
                        ? "yes"
                        : `no, short by ${formatNumber(view.demand[resource] - row.capacity, "en", 1)}`
                      : view.problems.length
                        ? "fix the problem above"
                        : "pick products and preview"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {view.preview ? (
        <p>
          Price with the term discount: <strong>{money(view.preview.monthlyMinor)}</strong> / month · setup{" "}
          {money(view.preview.setupMinor)}
        </p>
      ) : null}
    </div>
  );
}
