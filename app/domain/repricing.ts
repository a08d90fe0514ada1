import type { Price } from "./catalog";
import { type Minor, basisPointsOf, sumMinor } from "./money";
import { type ProposalLine, priceLine } from "./pricing";

/** A line as stored: the engine's kinds plus technicians' custom lines and the sales discount. */
export type StoredLine = Omit<ProposalLine, "kind"> & { kind: string };

/** What a sales rep may give on their own; more needs an admin's approval. */
export const MAX_REP_DISCOUNT_BPS = 1_000;
/** No discount, approved or not, goes beyond this. */
export const MAX_DISCOUNT_BPS = 5_000;

const DISCOUNT_KINDS = new Set(["discount", "sales_discount"]);

/** The products and services of a proposal, without the discount lines computed from them. */
export function itemsOf(lines: readonly StoredLine[]): StoredLine[] {
  return lines.filter((l) => !DISCOUNT_KINDS.has(l.kind)).map((l) => ({ ...l }));
}

function bpsOfLine(lines: readonly StoredLine[], kind: string): number {
  const bps = lines.find((l) => l.kind === kind)?.why[0]?.inputs.bps;
  return typeof bps === "number" ? bps : 0;
}

/** The sales discount (basis points) a proposal's lines carry, 0 when none. */
export const salesDiscountBpsOf = (lines: readonly StoredLine[]) => bpsOfLine(lines, "sales_discount");

/** The term discount (basis points) a proposal's lines were priced with, 0 when none. */
export const termDiscountBpsOf = (lines: readonly StoredLine[]) => bpsOfLine(lines, "discount");

/**
 * Appends the discount lines to a proposal's items: the term discount on the monthly subtotal and
 * the sales discount on both the monthly and the setup subtotal. Both are worked out from the
 * undiscounted subtotals, so they add up instead of compounding.
 */
export function withDiscounts(
  items: readonly StoredLine[],
  termMonths: number,
  termBps: number,
  salesBps: number,
): StoredLine[] {
  const out = itemsOf(items);
  const monthly = sumMinor(out.map((l) => l.monthlyMinor));
  const setup = sumMinor(out.map((l) => l.setupMinor));
  const term = basisPointsOf(monthly, termBps);
  if (term > 0) {
    out.push({
      kind: "discount",
      sku: null,
      name: `term-${termMonths}`,
      quantity: 1,
      unitMonthlyMinor: -term,
      unitSetupMinor: 0,
      monthlyMinor: -term,
      setupMinor: 0,
      why: [
        {
          ruleId: "price.term_discount",
          inputs: { termMonths, bps: termBps },
          params: { months: termMonths, percent: termBps / 100 },
        },
      ],
    });
  }
  if (salesBps > 0) {
    const offMonthly = basisPointsOf(monthly, salesBps);
    const offSetup = basisPointsOf(setup, salesBps);
    out.push({
      kind: "sales_discount",
      sku: null,
      name: `sales-${salesBps}`,
      quantity: 1,
      unitMonthlyMinor: -offMonthly,
      unitSetupMinor: -offSetup,
      monthlyMinor: -offMonthly,
      setupMinor: -offSetup,
      why: [{ ruleId: "price.sales_discount", inputs: { bps: salesBps }, params: { percent: salesBps / 100 } }],
    });
  }
  return out;
}

/** Unit prices by SKU (see sellablePrices in catalog.ts). */
export type PriceList = Readonly<Record<string, Price>>;

/**
 * The same proposal at today's prices: every catalogue line takes the current unit prices, custom
 * lines keep theirs, the discounts are worked out again. Products no longer sold are returned in
 * `unavailable` (a technician has to replace them).
 */
export function repriceLines(
  lines: readonly StoredLine[],
  prices: PriceList,
  termMonths: number,
  termBps: number,
): { lines: StoredLine[]; unavailable: string[] } {
  const unavailable: string[] = [];
  const items = itemsOf(lines).map((l) => {
    if (l.sku === null) return l;
    const p = prices[l.sku];
    if (!p) {
      unavailable.push(l.sku);
      return l;
    }
    return { ...l, ...priceLine(l, p) };
  });
  return { lines: withDiscounts(items, termMonths, termBps, salesDiscountBpsOf(lines)), unavailable };
}

export interface LineChange {
  name: string;
  quantity: number;
  oldUnitMonthlyMinor: Minor;
  newUnitMonthlyMinor: Minor;
  oldUnitSetupMinor: Minor;
  newUnitSetupMinor: Minor;
}

/** The item lines whose unit prices differ between two pricings of the same proposal (same order). */
export function changedLines(before: readonly StoredLine[], after: readonly StoredLine[]): LineChange[] {
  const a = itemsOf(before);
  const b = itemsOf(after);
  const changes: LineChange[] = [];
  a.forEach((old, i) => {
    const now = b[i];
    if (!now) return;
    if (old.unitMonthlyMinor !== now.unitMonthlyMinor || old.unitSetupMinor !== now.unitSetupMinor) {
      changes.push({
        name: old.name,
        quantity: old.quantity,
        oldUnitMonthlyMinor: old.unitMonthlyMinor,
        newUnitMonthlyMinor: now.unitMonthlyMinor,
        oldUnitSetupMinor: old.unitSetupMinor,
        newUnitSetupMinor: now.unitSetupMinor,
      });
    }
  });
  return changes;
}
