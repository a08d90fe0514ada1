import { Link } from "@remix-run/react";
import type { Currency } from "~/domain/money";
import { formatUtc } from "~/utils/format";
import { QUOTE_STATUS_LABELS, TIER_LABELS, formatDelta, moneyIn } from "./labels";

/** The rows the page lists; the totals always cover every quote. */
export const IMPACT_ROWS = 50;

interface TierImpact {
  tier: string;
  oldSetupMinor: number;
  newSetupMinor: number;
  oldMonthlyMinor: number;
  newMonthlyMinor: number;
}

export interface ImpactView {
  currency: Currency;
  openQuotes: number;
  changed: number;
  blocked: number;
  underReview: number;
  monthlyDeltaMinor: number;
  setupDeltaMinor: number;
  quotes: {
    quoteRequestId: string;
    contactName: string;
    company: string | null;
    status: string;
    underReview: boolean;
    validUntil: string | Date | null;
    tiers: TierImpact[];
    monthlyDeltaMinor: number;
    setupDeltaMinor: number;
    unavailable: string[];
  }[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What refreshing every open quote would do once this book is in effect (app/models/price-impact.server.ts):
 * counts, the change summed over every proposal, and per quote each tier's old and new price.
 */
export function ImpactSection({ impact, linkQuotes, now }: { impact: ImpactView; linkQuotes: boolean; now: string }) {
  const money = moneyIn(impact.currency);
  const delta = (minor: number) => formatDelta(minor, impact.currency);
  const shown = impact.quotes.slice(0, IMPACT_ROWS);
  return (
    <section aria-labelledby="impact-title" className="impact">
      <h2 id="impact-title">Impact on open quotes</h2>
      <p>
        If the open {impact.currency} quotes were refreshed with this book:{" "}
        <strong>
          {impact.changed} of {plural(impact.openQuotes, "open quote", "open quotes")} would change price
        </strong>
        {impact.blocked ? `; ${impact.blocked} would need a technician first (a product this book does not sell)` : ""}
        {impact.underReview ? ` (${impact.underReview} of them under review)` : ""}.
      </p>
      {impact.changed ? (
        <p>
          Summed over every proposal of those quotes: {delta(impact.monthlyDeltaMinor)} a month and{" "}
          {delta(impact.setupDeltaMinor)} in setup fees.
        </p>
      ) : null}
      <p className="hint">
        A quote keeps its prices until its version expires; the customer&apos;s refresh after that uses the book in
        effect. Accepted quotes are never repriced. Figures are for the saved draft.
      </p>
      {shown.length ? (
        <div className="table-scroll" role="region" aria-label="Quotes whose price would change" tabIndex={0}>
          <table className="queue impact-table">
            <thead>
              <tr>
                <th scope="col">Quote</th>
                <th scope="col">Prices hold until</th>
                <th scope="col">Per proposal: monthly (setup)</th>
                <th scope="col" className="num">
                  Change a month, all proposals
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((q) => {
                const who = q.company ? `${q.contactName}, ${q.company}` : q.contactName;
                const expired = q.validUntil !== null && new Date(q.validUntil) <= new Date(now);
                return (
                  <tr key={q.quoteRequestId}>
                    <td>
                      {linkQuotes ? <Link to={`/staff/sales/${q.quoteRequestId}`}>{who}</Link> : who}
                      <div className="muted">
                        {QUOTE_STATUS_LABELS[q.status] ?? q.status}
                        {q.underReview ? <span className="badge">under review</span> : null}
                      </div>
                    </td>
                    <td className="nowrap">
                      {q.validUntil ? (expired ? "expired" : formatUtc(q.validUntil)) : "not published"}
                    </td>
                    <td>
                      {q.unavailable.length ? (
                        <span>Not sold in this book: {q.unavailable.join(", ")}. A refresh is refused.</span>
                      ) : (
                        <ul className="tier-changes">
                          {q.tiers.map((t) => (
                            <li key={t.tier}>
                              {TIER_LABELS[t.tier] ?? t.tier}: {money(t.oldMonthlyMinor)} → {money(t.newMonthlyMinor)}
                              {t.oldSetupMinor !== t.newSetupMinor
                                ? ` (setup ${money(t.oldSetupMinor)} → ${money(t.newSetupMinor)})`
                                : ""}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="num">{q.unavailable.length ? "—" : delta(q.monthlyDeltaMinor)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {impact.quotes.length > shown.length ? (
        <p className="muted">
          {impact.quotes.length - shown.length} more not listed (largest changes first); the totals count them.
        </p>
      ) : null}
    </section>
  );
}
