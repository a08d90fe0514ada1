import type { Currency } from "~/domain/money";
import type { PriceDiff, SettingChange } from "~/domain/price-book";
import { RATE_KIND_LABELS, formatChange, moneyIn, percentOfBps } from "../staff.price-books.$id/labels";

interface DiffView {
  currency: Currency;
  fromVersion: number;
  toVersion: number;
  items: (PriceDiff & { name: string })[];
  settings: SettingChange[];
}

const CHANGE_LABELS: Record<PriceDiff["change"], string> = {
  added: "added",
  removed: "no longer sold",
  changed: "",
  same: "",
};

/** A setting's change in words: "Term discount, 12 months: 5 % → 7.5 %". */
function settingText(s: SettingChange, money: (minor: number) => string): string {
  switch (s.setting) {
    case "term_discount":
      return `Term discount, ${s.termMonths === 1 ? "monthly" : `${s.termMonths} months`}: ${percentOfBps(s.oldBps)} → ${percentOfBps(s.newBps)}`;
    case "operations_weight":
      return `Operations weight per server and month: ${money(s.oldMinor)} → ${money(s.newMinor)}`;
    case "rate": {
      const rate = (r: typeof s.old) => (r ? `${money(r.minorPerHour)}/h per started ${r.minimumMinutes} min` : "none");
      return `${RATE_KIND_LABELS[s.kind]} rate: ${rate(s.old)} → ${rate(s.new)}`;
    }
  }
}

/** Per product old, new and change in % (monthly and setup), then the book-level settings that changed. */
export function DiffTables({ diff, all }: { diff: DiffView; all: boolean }) {
  const money = moneyIn(diff.currency);
  const rows = all ? diff.items : diff.items.filter((i) => i.change !== "same");
  const unchanged = diff.items.length - diff.items.filter((i) => i.change !== "same").length;
  const cell = (price: { monthlyMinor: number; setupMinor: number } | null, part: "monthlyMinor" | "setupMinor") =>
    price ? money(price[part]) : "—";
  return (
    <>
      <h2>Prices</h2>
      <p>
        {diff.items.length - unchanged} of {diff.items.length} products differ
        {unchanged && !all ? `; ${unchanged} unchanged not shown` : ""}.
      </p>
      {rows.length ? (
        <div className="table-scroll" role="region" aria-label="Price changes" tabIndex={0}>
          <table className="queue diff">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col" className="num">
                  Monthly, v{diff.fromVersion}
                </th>
                <th scope="col" className="num">
                  Monthly, v{diff.toVersion}
                </th>
                <th scope="col" className="num">
                  Change
                </th>
                <th scope="col" className="num">
                  Setup, v{diff.fromVersion}
                </th>
                <th scope="col" className="num">
                  Setup, v{diff.toVersion}
                </th>
                <th scope="col" className="num">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.sku} className={`change-${i.change}`}>
                  <th scope="row">
                    {i.name}
                    <span className="sku"> {i.sku}</span>
                    {CHANGE_LABELS[i.change] ? <span className="badge">{CHANGE_LABELS[i.change]}</span> : null}
                  </th>
                  <td className="num">{cell(i.old, "monthlyMinor")}</td>
                  <td className="num">{cell(i.new, "monthlyMinor")}</td>
                  <td className="num">{formatChange(i.monthlyChangeBps)}</td>
                  <td className="num">{cell(i.old, "setupMinor")}</td>
                  <td className="num">{cell(i.new, "setupMinor")}</td>
                  <td className="num">{formatChange(i.setupChangeBps)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h2>Settings</h2>
      {diff.settings.length ? (
        <ul>
          {diff.settings.map((s) => (
            <li key={s.setting === "term_discount" ? `t${s.termMonths}` : s.setting === "rate" ? s.kind : s.setting}>
              {settingText(s, money)}
            </li>
          ))}
        </ul>
      ) : (
        <p>No term discount, operations weight or rate changed.</p>
      )}
    </>
  );
}
