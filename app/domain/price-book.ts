import type { Minor } from "./money";
import type { TermMonths } from "./quote-input";

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
  /** The same for the setup price. */
  setupChangeBps: number | null;
}

/** The commitment terms a book discounts (app/domain/quote-input.ts TERM_MONTHS, without its zod). */
export const BOOK_TERMS: readonly TermMonths[] = [1, 12, 24, 36];

/** A book-level setting that differs between two books, with both values as numbers to format. */
export type SettingChange =
  | { setting: "term_discount"; termMonths: number; oldBps: number; newBps: number }
  | { setting: "operations_weight"; oldMinor: Minor; newMinor: Minor }
  | { setting: "rate"; kind: RateKind; old: Rate | null; new: Rate | null };

/** Change from `a` to `b` in basis points of `a`; null when there is no base to compare with (missing, or from 0). */
export function changeBps(a: Minor | undefined, b: Minor | undefined): number | null {
  if (a === undefined || b === undefined) return null;
  if (a === b) return 0;
  if (a === 0) return null;
  return Math.round(((b - a) * 10_000) / a);
}

/** Per product: old, new, change in %; plus the book-level settings that changed. */
export function diffBooks(from: BookPrices, to: BookPrices): { items: PriceDiff[]; settings: SettingChange[] } {
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
    return {
      sku,
      change,
      old: a,
      new: b,
      monthlyChangeBps: changeBps(a?.monthlyMinor, b?.monthlyMinor),
      setupChangeBps: changeBps(a?.setupMinor, b?.setupMinor),
    };
  });
  const settings: SettingChange[] = [];
  const terms = [...new Set([...Object.keys(from.termDiscountBps), ...Object.keys(to.termDiscountBps)])].sort(
    (x, y) => Number(x) - Number(y),
  );
  for (const term of terms) {
    const oldBps = from.termDiscountBps[term] ?? 0;
    const newBps = to.termDiscountBps[term] ?? 0;
    if (oldBps !== newBps) settings.push({ setting: "term_discount", termMonths: Number(term), oldBps, newBps });
  }
  if (from.opsMinorPerServerMonth !== to.opsMinorPerServerMonth)
    settings.push({
      setting: "operations_weight",
      oldMinor: from.opsMinorPerServerMonth,
      newMinor: to.opsMinorPerServerMonth,
    });
  for (const kind of RATE_KINDS) {
    const a = from.rateCard.find((r) => r.kind === kind) ?? null;
    const b = to.rateCard.find((r) => r.kind === kind) ?? null;
    if (a?.minorPerHour !== b?.minorPerHour || a?.minimumMinutes !== b?.minimumMinutes)
      settings.push({ setting: "rate", kind, old: a, new: b });
  }
  return { items, settings };
}

/**
 * Where a book stands at `now`: a draft; the published book in effect for its currency (the latest
 * effective_from at or before `now`, highest version on a tie, as app/models/catalog.server.ts picks
 * it); scheduled (published, effective later); or superseded by a later one.
 */
export type BookStanding = "draft" | "in_effect" | "scheduled" | "superseded";

export function bookStandings(
  books: readonly {
    id: number;
    currency: string;
    version: number;
    status: PriceBookStatus;
    effectiveFrom: Date | string | null;
  }[],
  now: Date,
): Map<number, BookStanding> {
  const standings = new Map<number, BookStanding>();
  const current = new Map<string, { id: number; at: number; version: number }>();
  for (const b of books) {
    if (b.status === "draft" || b.effectiveFrom === null) {
      standings.set(b.id, "draft");
      continue;
    }
    const at = new Date(b.effectiveFrom).getTime();
    if (at > now.getTime()) {
      standings.set(b.id, "scheduled");
      continue;
    }
    standings.set(b.id, "superseded");
    const best = current.get(b.currency);
    if (!best || at > best.at || (at === best.at && b.version > best.version))
      current.set(b.currency, { id: b.id, at, version: b.version });
  }
  for (const { id } of current.values()) standings.set(id, "in_effect");
  return standings;
}

/** Minor units as a person types them back into a price field: "1250" → "12.50", "-5" → "-0.05". */
export function minorToDecimalText(minor: Minor): string {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Basis points as a percentage a person types: 750 → "7.5", 1000 → "10", 1234 → "12.34". */
export function bpsToPercentText(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const fraction = String(Math.abs(bps % 100))
    .padStart(2, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}
