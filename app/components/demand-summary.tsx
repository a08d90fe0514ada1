import { useTranslation } from "react-i18next";
import type { CustomerDemand } from "~/presenters/customer-quote";
import { formatFigure } from "~/utils/explain";
import { formatNumber } from "~/utils/format";

type Resource = "vcpu" | "ramGb" | "storageGb";
const RESOURCES: Resource[] = ["vcpu", "ramGb", "storageGb"];

/**
 * "What you need": the totals, and how each builds up from today's load (base; + copies for the
 * availability; + growth over the term; + the margin on estimates = total), the basis every
 * proposal's "capacity used" starts from. Quotes stored before the breakdown existed show the
 * totals with one sentence on what they include.
 */
export function DemandSummary({ demand, locale }: { demand: CustomerDemand; locale: string }) {
  const { t } = useTranslation();
  const b = demand.breakdown;
  const figure = (value: number, resource: Resource | "trafficTb") => formatFigure(value, resource, t, locale);
  return (
    <section aria-labelledby="demand-title" className="demand">
      <h2 id="demand-title">{t("quote.demandTitle")}</h2>
      <dl>
        {RESOURCES.map((r) => (
          <div key={r} data-figure={r}>
            <dt>{t(`quote.demand.${r}`)}</dt>
            <dd>{figure(demand[r], r)}</dd>
          </div>
        ))}
        <div data-figure="trafficTb">
          <dt>{t("quote.demand.trafficTbPerMonth")}</dt>
          <dd>{figure(demand.trafficTbPerMonth, "trafficTb")}</dd>
        </div>
        <div data-figure="backupGb">
          <dt>{t("quote.demand.backupGb")}</dt>
          <dd>{figure(demand.backupGb, "storageGb")}</dd>
        </div>
      </dl>
      {b ? (
        <>
          <p className="muted">{t("quote.demandBasis.lead")}</p>
          <ul className="demand-basis">
            {RESOURCES.map((r) => {
              const parts = [t("quote.demandBasis.base", { value: figure(b.base[r], r) })];
              if (b.copies[r] > 0)
                parts.push(
                  t("quote.demandBasis.copies", {
                    value: figure(b.copies[r], r),
                    availability: t(`quote.availability.${demand.availability}`),
                  }),
                );
              if (b.growth[r] > 0)
                parts.push(
                  t("quote.demandBasis.growth", {
                    value: figure(b.growth[r], r),
                    percent: formatNumber(b.growthPercentPerYear, locale, 1),
                    count: r === "storageGb" ? b.storageGrowthMonths : b.computeGrowthMonths,
                  }),
                );
              if (b.margin[r] > 0)
                parts.push(
                  t("quote.demandBasis.margin", {
                    value: figure(b.margin[r], r),
                    percent: formatNumber(b.marginPercent, locale, 1),
                  }),
                );
              return (
                <li key={r} data-basis={r}>
                  {t("quote.demandBasis.line", {
                    resource: t(`quote.demand.${r}`),
                    parts: parts.join(" "),
                    total: figure(b.total[r], r),
                  })}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p className="muted">{t("quote.demandBasis.totalsOnly")}</p>
      )}
    </section>
  );
}
