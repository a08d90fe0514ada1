import type { costViews } from "~/presenters/cost-timeline";
import { CostTimelineChart } from "./cost-timeline";

/**
 * Every tier's month-by-month cost, each folded under its name (the page is long enough already),
 * and the PDF of the whole proposal to forward.
 */
export function ProposalCosts({
  costs,
  pdf,
}: {
  costs: ReturnType<typeof costViews>;
  pdf: { href: string; label: string };
}) {
  return (
    <section className="proposal-costs" aria-labelledby="proposal-costs-title">
      <p className="no-print">
        <a href={pdf.href} download>
          {pdf.label}
        </a>
      </p>
      <h2 id="proposal-costs-title">{costs.title}</h2>
      {costs.tiers.map((c) => (
        <details key={c.tier}>
          <summary>{c.name}</summary>
          <CostTimelineChart view={c.view} id={`cost-${c.tier}`} />
        </details>
      ))}
    </section>
  );
}
