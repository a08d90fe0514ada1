import type { Currency, Minor } from "~/domain/money";

const FRACTION_DIGITS: Record<Currency, number> = { EUR: 2, USD: 2 };

// Building an Intl formatter is far more expensive than using one: keep one per locale and style.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    if (formatters.size < 500) formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats integer minor units for a locale; the only place money turns into text. Dollars always say
 * which dollars: English Intl writes a bare "$17.61" (Spanish already writes "17,61 US$"), so the sign
 * becomes "US$" in every language: "US$17.61", "-US$5.00", "17,61 US$".
 */
export function formatMoney(minor: Minor, currency: Currency, locale: string): string {
  const digits = FRACTION_DIGITS[currency];
  const formatter = cached(
    `money|${locale}|${currency}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: "currency",
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  );
  const text = formatter.format(minor / 10 ** digits);
  // A "$" that is not already part of "US$".
  return currency === "USD" ? text.replace(/(^|[^S])\$/, "$1US$$") : text;
}

/** The sign a money field's label shows for its currency: "€", "US$" (as formatMoney writes them). */
export function currencySign(currency: Currency): string {
  return currency === "USD" ? "US$" : "€";
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 2): string {
  return cached(
    `number|${locale}|${maximumFractionDigits}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits }),
  ).format(value);
}

/** The units a figure on the customer's pages is measured in. */
export type QuantityUnit = "gb" | "tb" | "threads";

/**
 * How many decimals a figure deserves (no false precision such as "2,542.44 GB"): gigabytes to one
 * decimal below 100 GB and whole above; terabytes to one decimal; CPU threads to one decimal.
 */
export function quantityDigits(value: number, unit: QuantityUnit): number {
  if (unit === "gb") return Math.abs(value) >= 100 ? 0 : 1;
  return 1;
}

/** Storage and memory of 10 TB or more read in TB; below that in GB. */
export const TB_FROM_GB = 10_000;

/**
 * A figure with its unit in the reader's locale, rounded by the rules above: "1,800 GB",
 * "12.5 TB", "1.4 threads" in English; "1800 GB", "12,5 TB", "1,4 hilos" in Spanish (which
 * groups thousands from five digits on).
 * `unitLabel` words the unit for "threads" (it is a word to translate and to pluralise).
 */
export function formatQuantity(
  value: number,
  unit: QuantityUnit,
  locale: string,
  unitLabel?: (rounded: number) => string,
): string {
  if (unit === "gb" && Math.abs(value) >= TB_FROM_GB) return formatQuantity(value / 1000, "tb", locale);
  const digits = quantityDigits(value, unit);
  const rounded = roundTo(value, digits);
  const number = formatNumber(rounded, locale, digits);
  const label = unit === "gb" ? "GB" : unit === "tb" ? "TB" : (unitLabel?.(rounded) ?? "");
  return label ? `${number} ${label}` : number;
}

/** `value` rounded to `digits` decimals (half away from zero), as the formatters show it. */
export function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return (Math.sign(value) * Math.round(Math.abs(value) * f)) / f;
}

/** A staff-page timestamp in UTC ("2026-11-24 20:15 UTC"), or `empty` when there is none. */
export function formatUtc(value: string | Date | null, empty = "—"): string {
  return value ? `${new Date(value).toISOString().replace("T", " ").slice(0, 16)} UTC` : empty;
}

/**
 * A date ("November 24, 2026") or, with `withTime`, date and time, in the reader's language and in
 * `timeZone` (UTC unless given), labelled with the zone: "Nov 24, 2026, 2:05 PM UTC",
 * "Nov 24, 2026, 3:05 PM (Europe/Madrid)". The server renders the page and the browser hydrates it, so
 * both must print the same text: the zone comes with the page's data (the customer's own, remembered
 * in a cookie: app/utils/time-zone.ts), never from wherever the code happens to run.
 */
export function formatDate(
  value: string | Date,
  locale: string,
  style: "long" | "medium" = "long",
  withTime = false,
  timeZone = "UTC",
): string {
  const text = cached(
    `date|${locale}|${style}|${withTime}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(
        locale,
        withTime ? { dateStyle: style, timeStyle: "short", timeZone } : { dateStyle: style, timeZone },
      ),
  ).format(new Date(value));
  if (!withTime) return text;
  return timeZone === "UTC" ? `${text} UTC` : `${text} (${timeZone})`;
}
