import type { StaffSalesQuote } from "~/presenters/staff-sales";
import { formatUtc as iso } from "~/utils/format";
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
      <table className="queue">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Origin</th>
            <th scope="col">Published</th>
            <th scope="col">Valid until</th>
            <th scope="col">Discount</th>
            <th scope="col">Price changes</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} className={v.validUntil && new Date(v.validUntil) < new Date() ? "overdue" : undefined}>
              <td>
                {v.version}
                {v.version === publishedVersion ? " (customer sees)" : ""}
              </td>
              <td>
                {v.origin}
                {v.basedOn ? ` of v${v.basedOn}` : ""}
              </td>
              <td>{iso(v.publishedAt)}</td>
              <td>{iso(v.validUntil)}</td>
              <td>{v.salesDiscountBps ? `${v.salesDiscountBps / 100} %` : "—"}</td>
              <td>
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
    </>
  );
}
