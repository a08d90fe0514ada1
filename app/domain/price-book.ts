import type { Minor } from "./money";

/**
 * Price books as versions (issue 15): a draft is edited freely, then published with an
 * effective-from moment; published books never change. This module holds the pure rules: the rate
 * card for technician work, what changed between two books, and billable time.
 */
export type PriceBookStatus = "draft" | "published";
export const CURRENCIES = ["EUR", "USD"] as const;
export type BookCurrency = (typeof CURRENCIES)[number];

/** Technician work the company sells by the hour: in business hours, off-hours (planned), emergencies. */
export const RATE_KINDS = ["business_hours", "off_hours", "emergency"] as const;
export type RateKind = (typeof RATE_KINDS)[number];

export interface Rate {
  kind: RateKind;
  minorPerHour: Minor;
  /** Smallest unit billed: work is rounded up to a whole number of these minutes. */
  minimumMinutes: number;
}
export type RateCard = Rate[];

/**
 * The seed rate card: EUR 84 an hour in business hours (Hetzner's EUR 21 per quarter hour), off-hours
 * at 1.5× and emergencies at 2× (operations-rules.md §D), billed per started 15 minutes.
 */
export const DEFAULT_RATE_CARD: RateCard = [
  { kind: "business_hours", minorPerHour: 8400, minimumMinutes: 15 },
  { kind: "off_hours", minorPerHour: 12600, minimumMinutes: 15 },
  { kind: "emergency", minorPerHour: 16800, minimumMinutes: 15 },
];

/** What `minutes` of work of a kind costs: rounded up to the rate's minimum unit, then priced per minute. */
export function billableMinor(rate: Rate, minutes: number): Minor {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be ≥ 0, got ${minutes}`);
  if (minutes === 0) return 0;
  const units = Math.ceil(minutes / rate.minimumMinutes);
  return Math.round((rate.minorPerHour * units * rate.minimumMinutes) / 60);
}

export interface BookPrices {
  termDiscountBps: Record<string, number>;
  opsMinorPerServerMonth: Minor;
  rateCard: RateCard;
  items: ReadonlyMap<string, { monthlyMinor: Minor; setupMinor: Minor }>;
}

export interface PriceDiff {
  sku: string;
  change: "added" | "removed" | "changed" | "same";
  old: { monthlyMinor: Minor; setupMinor: Minor } | null;
  new: { monthlyMinor: Minor; setupMinor: Minor } | null;
  /** Change of the monthly price in basis points of the old one; null when either side is missing or zero. */
  monthlyChangeBps: number | null;
}

/** Per product: old, new, change in %; plus the book-level settings that changed. */
export function diffBooks(from: BookPrices, to: BookPrices) {
  const skus = [...new Set([...from.items.keys(), ...to.items.keys()])].sort();
  const items: PriceDiff[] = skus.map((sku) => {
    const a = from.items.get(sku) ?? null;
    const b = to.items.get(sku) ?? null;
    const change =
      a && b
        ? a.monthlyMinor === b.monthlyMinor && a.setupMinor === b.setupMinor
          ? "same"
          : "changed"
        : a
          ? "removed"
          : "added";
    const monthlyChangeBps =
      a && b && a.monthlyMinor !== 0 ? Math.round(((b.monthlyMinor - a.monthlyMinor) * 10_000) / a.monthlyMinor) : null;
    return { sku, change, old: a, new: b, monthlyChangeBps };
  });
  const settings: { key: string; old: string; new: string }[] = [];
  const terms = [...new Set([...Object.keys(from.termDiscountBps), ...Object.keys(to.termDiscountBps)])].sort(
    (x, y) => Number(x) - Number(y),
  );
  for (const term of terms) {
    const a = from.termDiscountBps[term] ?? 0;
    const b = to.termDiscountBps[term] ?? 0;
    if (a !== b) settings.push({ key: `term.${term}`, old: String(a), new: String(b) });
  }
  if (from.opsMinorPerServerMonth !== to.opsMinorPerServerMonth)
    settings.push({
      key: "ops",
      old: String(from.opsMinorPerServerMonth),
      new: String(to.opsMinorPerServerMonth),
    });
  for (const kind of RATE_KINDS) {
    const a = from.rateCard.find((r) => r.kind === kind);
    const b = to.rateCard.find((r) => r.kind === kind);
    const show = (r: Rate | undefined) => (r ? `${r.minorPerHour}/${r.minimumMinutes}` : "—");
    if (show(a) !== show(b)) settings.push({ key: `rate.${kind}`, old: show(a), new: show(b) });
  }
  return { items, settings };
}
