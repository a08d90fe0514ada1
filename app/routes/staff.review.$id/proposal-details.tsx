import { useTranslation } from "react-i18next";
import type { ReviewPage } from "~/presenters/staff-review";
import { explain } from "~/utils/explain";
import { formatMoney } from "~/utils/format";
import { AdjustForm } from "./adjust-form";

/** One proposal as technicians see it: its lines, the adjust form (for whoever may change the item) and its rule trace. */
export function ProposalDetails({
  proposal: p,
  latest,
  products,
  canChange,
  currency,
}: {
  proposal: ReviewPage["proposals"][number];
  latest: number;
  products: ReviewPage["products"];
  canChange: boolean;
  currency: ReviewPage["quote"]["currency"];
}) {
  const { t } = useTranslation();
  return (
    <details open>
      <summary>
        {p.tier} v{latest} · {p.availability} · {formatMoney(p.monthlyMinor, currency, "en")}/month · setup{" "}
        {formatMoney(p.setupMinor, currency, "en")}
      </summary>
      <table className="lines">
        <tbody>
          {p.lines.map((l, i) => (
            <tr key={i}>
              <td>
                #{i} {l.kind} {l.sku ?? l.name} × {l.quantity}
              </td>
              <td className="num">
                {formatMoney(l.monthlyMinor, currency, "en")}/month
                {l.setupMinor ? ` · ${formatMoney(l.setupMinor, currency, "en")} once` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canChange ? <AdjustForm proposal={p} products={products} currency={currency} /> : null}
      <h3>Rule trace</h3>
      <ul className="trace">
        {p.trace.map((e, i) => (
          <li key={i}>
            <code>{e.ruleId}</code> {e.formula ? <em>{e.formula}</em> : null} <code>{JSON.stringify(e.inputs)}</code> —{" "}
            {explain(e, t, "en")}
          </li>
        ))}
      </ul>
    </details>
  );
}
