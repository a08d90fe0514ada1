import { Link } from "@remix-run/react";
import type { ServerLine } from "~/domain/catalog";
import type { Region } from "~/domain/quote-input";
import { LINE_LABELS, REGION_LABELS, formatGb } from "../staff.catalog._index/labels";

interface Size {
  vcpu: number;
  ramGb: number;
  fastGb: number;
  hddGb: number;
  gpuCount: number;
  regions: Region[];
}

export interface RetiredHelp {
  quotes: {
    quoteRequestId: string;
    contactName: string;
    company: string | null;
    status: string;
    version: number;
    reviewItemId: string | null;
  }[];
  replacement: {
    sku: string;
    name: string;
    line: ServerLine;
    atLeastAsBig: boolean;
    sameLine: boolean;
    coversRegions: boolean;
    size: Size;
  } | null;
  size: Size;
}

const QUOTE_STATUS: Record<string, string> = {
  proposed: "proposed",
  needs_review: "waiting for a technician",
  published: "published by a technician",
};

const ROWS: readonly [string, (s: Size) => string][] = [
  ["CPU threads", (s) => String(s.vcpu)],
  ["RAM", (s) => formatGb(s.ramGb)],
  ["NVMe / SSD (usable)", (s) => (s.fastGb ? formatGb(s.fastGb) : "—")],
  ["HDD (usable)", (s) => (s.hddGb ? formatGb(s.hddGb) : "—")],
  ["GPUs", (s) => String(s.gpuCount)],
  ["Sold in", (s) => s.regions.map((r) => REGION_LABELS[r]).join(", ")],
];

/** Why the suggested model is or is not a like-for-like swap, in a sentence. */
function verdict(r: NonNullable<RetiredHelp["replacement"]>): string {
  if (r.atLeastAsBig && r.sameLine && r.coversRegions)
    return "Same line, sold in the same regions, and at least as big in every respect: a like-for-like swap.";
  const notes = [
    r.coversRegions ? null : "it is not sold in every region this model was",
    r.atLeastAsBig ? null : "it is smaller in some respect (see the comparison), so check the quote's capacity",
    r.sameLine ? null : `it is a ${LINE_LABELS[r.line].toLowerCase()}`,
  ].filter(Boolean);
  return `The closest model on sale, but ${notes.join("; ")}.`;
}

/**
 * On a retired model's page: the open quotes that still carry it in their latest version (their
 * customers cannot refresh them until a technician swaps it) and the model to swap it for.
 */
export function RetiredSection({
  help,
  modelName,
  linkSales,
}: {
  help: RetiredHelp;
  modelName: string;
  linkSales: boolean;
}) {
  const { quotes, replacement } = help;
  return (
    <section className="retired-help" aria-labelledby="retired-title">
      <h2 id="retired-title">Quotes that still carry {modelName}</h2>
      <p>
        {quotes.length === 0
          ? "No open quote carries it in its latest version."
          : `${quotes.length} open ${quotes.length === 1 ? "quote carries" : "quotes carry"} it in ${quotes.length === 1 ? "its" : "their"} latest version. Accepted quotes keep what was accepted; these need a technician to swap the model before their customers can refresh them at current prices.`}
      </p>
      {quotes.length ? (
        <ul className="carrying">
          {quotes.map((q) => {
            const who = q.company ? `${q.contactName}, ${q.company}` : q.contactName;
            const to = linkSales
              ? `/staff/sales/${q.quoteRequestId}`
              : q.reviewItemId
                ? `/staff/review/${q.reviewItemId}`
                : null;
            return (
              <li key={q.quoteRequestId}>
                {to ? <Link to={to}>{who}</Link> : who}{" "}
                <span className="muted">
                  · version {q.version} · {QUOTE_STATUS[q.status] ?? q.status}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
      <h3>Nearest model on sale</h3>
      {replacement ? (
        <>
          <p>
            <Link to={`/staff/catalog/servers/${replacement.sku}`}>{replacement.name}</Link>{" "}
            <span className="sku">{replacement.sku}</span>. {verdict(replacement)}
          </p>
          <div className="table-scroll" role="region" aria-label="Retired model and replacement compared" tabIndex={0}>
            <table className="queue compare">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Figure</span>
                  </th>
                  <th scope="col">{modelName} (retired)</th>
                  <th scope="col">{replacement.name}</th>
                </tr>
              </thead>
              <tbody>
                {ROWS.map(([label, show]) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td>{show(help.size)}</td>
                    <td>{show(replacement.size)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>No model is on sale (active and priced by a book in effect) to replace it with.</p>
      )}
    </section>
  );
}
