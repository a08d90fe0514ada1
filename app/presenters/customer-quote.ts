import { type LocalizedNames, productName } from "~/domain/catalog";
import type { DemandBreakdown, DemandSummary } from "~/domain/engine";
import type { TFunction } from "i18next";
import { type Inclusions, type QuotedProducts, proposalInclusions } from "~/domain/product-facts";
import type { Availability } from "~/domain/quote-input";
import type { RuleTrace } from "~/domain/trace";
import type { QuoteView } from "~/models/quote-request.server";
import { type ExplainedReason, explain } from "~/utils/explain";
import { migrationReason } from "./estimate";

/**
 * A reason as the customer reads it: the sentence's key and values, not the engine's inputs. The
 * migration planner's sentences live in the server's texts (app/locales/server-*.ts), so the loader
 * words them and `text` carries the sentence.
 */
export type CustomerReason = ExplainedReason & { text?: string };

/** Words a rule the browser has no text for; undefined for the ones it words itself. */
export type ServerWording = (r: RuleTrace) => string | undefined;

/** The loader's wording: the migration planner's sentences in the reader's language. */
export function serverWording(t: TFunction, locale: string): ServerWording {
  return (r) => (r.ruleId.startsWith("migration.") ? explain(migrationReason(r, t), t, locale) : undefined);
}

/**
 * Product names in the reader's language. A line stores the English name it was priced under; the
 * page shows the catalog's current name for its SKU in the reader's language, and the stored name
 * where the product is unknown (a technician's custom line). Sentences store the English name too
 * (`{{name}}` in "why" texts, price changes), so the English names of this version's products map
 * to the reader's.
 */
export function productNames(proposals: QuoteView["proposals"], products: QuotedProducts, locale: string) {
  const bySku = (sku: string | null) => (sku ? (products.servers[sku] ?? products.addons[sku]) : undefined);
  const english = new Map<string, string>();
  for (const product of [...Object.values(products.servers), ...Object.values(products.addons)])
    english.set(product.name, productName(product, locale));
  for (const p of proposals)
    for (const item of [...p.lines, ...p.servers]) {
      const product = bySku(item.sku);
      if (product) english.set(item.name, productName(product, locale));
    }
  return {
    /** A catalog product's name. */
    product: (product: { name: string; names: LocalizedNames }) => productName(product, locale),
    /** The name of a line or server: its SKU's, else what was stored. */
    of(item: { sku: string | null; name: string }): string {
      const product = bySku(item.sku);
      return product ? productName(product, locale) : item.name;
    },
    /** A stored English name in the reader's language, when it names one of these products. */
    text(name: string): string {
      return english.get(name) ?? name;
    },
  };
}

export type ProductNames = ReturnType<typeof productNames>;

const reasonIn =
  (names: ProductNames, word?: ServerWording) =>
  (r: RuleTrace): CustomerReason => {
    const params = typeof r.params.name === "string" ? { ...r.params, name: names.text(r.params.name) } : r.params;
    const text = word?.({ ...r, params });
    return text === undefined ? { ruleId: r.ruleId, params } : { ruleId: r.ruleId, params: {}, text };
  };

/** A priced move replaces "migration not included": the proposal's lines do the migration. */
function withoutPricedMove(inclusions: Inclusions | null, lines: QuoteView["proposals"][number]["lines"]) {
  if (!inclusions || !lines.some((l) => l.kind === "migration" && l.setupMinor > 0)) return inclusions;
  return { ...inclusions, notIncluded: inclusions.notIncluded.filter((f) => f.key !== "exclusion.migration_labour") };
}

/**
 * The proposals as the customer's pages show them, in the reader's language: product names, what
 * each proposal includes and excludes (app/domain/product-facts.ts) and the currency its money is in.
 * The engine's inputs and sources behind each reason are for technicians (the review page shows
 * them); leaving them out keeps the page's data, which the browser downloads and decodes before the
 * page responds, to what the page renders.
 */
export function customerProposals(
  proposals: QuoteView["proposals"],
  products: QuotedProducts,
  names: ProductNames,
  word?: ServerWording,
) {
  const reason = reasonIn(names, word);
  return proposals.map((p) => ({
    ...p,
    currency: products.currency,
    servers: p.servers.map((s) => ({ ...s, name: names.of(s) })),
    explanation: p.explanation.map(reason),
    failure: p.failure ? reason(p.failure) : null,
    lines: p.lines.map((l) => ({ ...l, name: names.of(l), why: l.why.map(reason) })),
    inclusions: withoutPricedMove(proposalInclusions(p.lines, products, names.product), p.lines),
  }));
}

/** A refreshed version's price changes were stored with English product names: in the reader's language. */
export function withProductNames<C extends { changes: { lines: { name: string }[] }[] | null }>(
  commerce: C,
  names: ProductNames,
): C {
  return {
    ...commerce,
    changes:
      commerce.changes?.map((c) => ({ ...c, lines: c.lines.map((l) => ({ ...l, name: names.text(l.name) })) })) ?? null,
  };
}

export type CustomerProposal = ReturnType<typeof customerProposals>[number];

/** "What you need" as the customer's page shows it: the totals and how they build up. */
export interface CustomerDemand {
  vcpu: number;
  ramGb: number;
  storageGb: number;
  trafficTbPerMonth: number;
  backupGb: number;
  /** The availability the customer asked for (what the copies are for). */
  availability: Availability;
  /** Null for quotes stored before the breakdown existed: the page shows the totals only. */
  breakdown: DemandBreakdown | null;
}

/**
 * The headline figures and their breakdown (base, copies, growth, margin), without the per-role
 * detail the page does not show. A stored demand from before the breakdown has none (the JSON
 * column keeps what was stored then), so it is optional here whatever the type says.
 */
export function customerDemand(demand: DemandSummary, availability: Availability): CustomerDemand {
  const breakdown = (demand as Partial<DemandSummary>).breakdown;
  return {
    vcpu: demand.vcpu,
    ramGb: demand.ramGb,
    storageGb: demand.storageGb,
    trafficTbPerMonth: demand.trafficTbPerMonth,
    backupGb: demand.backupGb,
    availability,
    breakdown: breakdown && breakdown.base && breakdown.total ? breakdown : null,
  };
}
