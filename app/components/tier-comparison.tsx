import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CustomerProposal } from "~/presenters/customer-quote";
import { formatMoney, formatNumber } from "~/utils/format";
import { factText } from "./inclusions";

type Tier = CustomerProposal["tier"];

/** The tiers the customer may accept now: none once accepted or while blocked, never one a technician must design. */
export function choosableTiers(commerce: {
  acceptable: boolean;
  acceptance: unknown;
  needsTechnician: readonly { tier: string }[];
}): Tier[] {
  if (!commerce.acceptable || commerce.acceptance) return [];
  return (["lean", "balanced", "resilient"] as const).filter((tier) =>
    commerce.needsTechnician.every((n) => n.tier !== tier),
  );
}

/** The least headroom of a proposal's resources, in percent (what limits it). */
function leastHeadroom(p: CustomerProposal): number | null {
  const free = p.capacity
    .filter((bar) => bar.capacity > 0)
    .map((bar) => Math.max(0, (1 - Math.min(1, bar.demand / bar.capacity)) * 100));
  return free.length ? Math.min(...free) : null;
}

/**
 * The tiers side by side: one row per question a buyer compares them on, one column per tier, and
 * "Choose this" under each, which opens the acceptance form with that tier chosen (`?tier=`). Plain
 * server-rendered markup: on a phone the table's cells wrap (app.css, .compare) instead of widening
 * the page.
 */
export function TierComparison({
  proposals,
  locale,
  choosable,
  chosen = null,
}: {
  proposals: CustomerProposal[];
  locale: string;
  /** The tiers the customer may accept now (the others need a technician, or the offer is closed). */
  choosable: readonly Tier[];
  /** The accepted tier, when there is one: marked instead of offering a choice. */
  chosen?: Tier | null;
}) {
  const { t } = useTranslation();
  if (proposals.length < 2) return null;
  const money = (p: CustomerProposal, minor: number) => formatMoney(minor, p.currency, locale);
  const rows: { label: string; cell: (p: CustomerProposal) => React.ReactNode }[] = [
    { label: t("compare.monthly"), cell: (p) => <strong>{money(p, p.monthlyMinor)}</strong> },
    { label: t("compare.setup"), cell: (p) => money(p, p.setupMinor) },
    {
      label: t("compare.servers"),
      cell: (p) => t("quote.serverCount", { count: p.servers.reduce((n, s) => n + s.quantity, 0) }),
    },
    { label: t("compare.availability"), cell: (p) => t(`compare.availabilityOf.${p.availability}`) },
    {
      label: t("compare.headroom"),
      cell: (p) => {
        const h = leastHeadroom(p);
        return h === null ? "—" : t("compare.headroomValue", { percent: formatNumber(h, locale, 0) });
      },
    },
    {
      label: t("compare.runsOutFirst"),
      cell: (p) =>
        p.runsOutFirst
          ? p.runsOutFirst.months === null
            ? t("compare.runsOutNever", { resource: t(`quote.resourceNames.${p.runsOutFirst.resource}`) })
            : t("compare.runsOutIn", {
                resource: t(`quote.resourceNames.${p.runsOutFirst.resource}`),
                count: p.runsOutFirst.months,
              })
          : "—",
    },
    {
      label: t("compare.included"),
      cell: (p) =>
        p.inclusions && p.inclusions.included.length > 0 ? (
          <ul>
            {p.inclusions.included.map((f) => (
              <li key={f.key}>{factText(f, t, locale, p.currency)}</li>
            ))}
          </ul>
        ) : (
          "—"
        ),
    },
  ];
  return (
    <section className="compare no-print" aria-labelledby="compare-title">
      <h2 id="compare-title">{t("compare.title")}</h2>
      <table>
        <caption className="visually-hidden">{t("compare.title")}</caption>
        <thead>
          <tr>
            <td />
            {proposals.map((p) => (
              <th key={p.tier} scope="col" className={p.tier === chosen ? "compare-chosen" : undefined}>
                {t(`quote.tiers.${p.tier}`)}
                {p.tier === chosen ? <span className="chosen-badge">{t("quote.chosen")}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {proposals.map((p) => (
                <td key={p.tier} className={p.tier === chosen ? "compare-chosen" : undefined}>
                  {row.cell(p)}
                </td>
              ))}
            </tr>
          ))}
          {chosen ? null : (
            <tr className="compare-choose">
              <td />
              {proposals.map((p) => (
                <td key={p.tier}>
                  {choosable.includes(p.tier) ? (
                    <Link
                      to={{ search: `?tier=${p.tier}`, hash: "accept" }}
                      className="button"
                      aria-label={t("compare.chooseTier", { tier: t(`quote.tiers.${p.tier}`) })}
                    >
                      {t("compare.choose")}
                    </Link>
                  ) : (
                    <a href={`#proposal-${p.tier}`}>{t("compare.seeCard")}</a>
                  )}
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
