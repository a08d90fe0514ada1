import type { StaffSalesQuote } from "~/presenters/staff-sales";
import { formatMoney } from "~/utils/format";
import { moneyIn } from "./money";

/** Every version of the quote: where it came from, its validity, its discount and what a refresh changed. */
export function VersionsTable({
  versions,
  publishedVersion,
  currency,
}: {
  versions: StaffSalesQuote["versions"];
  publishedVersion: number;
  currency: StaffSalesQuote["quote"]["currency"];
}) {
  const money = moneyIn(currency);
  return (
    <>
      <h2>Versions</h2>
      <div className="table-scroll">
        <table className="queue versions stack-on-phone">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Origin</th>
              <th scope="col">Published</th>
              <th scope="col">Valid until</th>
              <th scope="col">Tiers (monthly · setup)</th>
              <th scope="col">Discount</th>
              <th scope="col">Price changes</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} className={v.expired ? "overdue" : undefined}>
                <td data-label="Version">
                  {v.version}
                  {v.version === publishedVersion ? " (customer sees)" : ""}
                </td>
                <td data-label="Origin">
                  {v.origin}
                  {v.basedOn ? ` of v${v.basedOn}` : ""}
                </td>
                <td data-label="Published">{v.publishedAt}</td>
                <td data-label="Valid until">{v.validUntil}</td>
                <td data-label="Tiers">
                  {v.tiers.length ? (
                    <ul className="tier-prices">
                      {v.tiers.map((t) => (
                        <li key={t.tier}>
                          <strong>{t.tier}</strong> ({t.availability}):{" "}
                          <span className="nowrap">{formatMoney(t.monthlyMinor, t.currency, "en")}/month</span> ·{" "}
                          <span className="nowrap">setup {formatMoney(t.setupMinor, t.currency, "en")}</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    "—"
                  )}
                </td>
                <td data-label="Discount">{v.salesDiscountBps ? `${v.salesDiscountBps / 100} %` : "—"}</td>
                <td data-label="Price changes">
                  {v.changes
                    ? v.changes.map((c) => (
                        <div key={c.tier}>
                          {c.tier}: monthly {money(c.oldMonthlyMinor)} → {money(c.newMonthlyMinor)}, setup{" "}
                          {money(c.oldSetupMinor)} → {money(c.newSetupMinor)}
                          {c.lines.map((l, i) => (
                            <div key={i} className="muted">
                              {l.name}: {money(l.oldUnitMonthlyMinor)} → {money(l.newUnitMonthlyMinor)} /month each
                            </div>
                          ))}
                        </div>
                      ))
                    : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
