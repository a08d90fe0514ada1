import type { Currency, Minor } from "~/domain/money";

const FRACTION_DIGITS: Record<Currency, number> = { EUR: 2 };

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

/** Formats integer minor units for a locale; the only place money turns into text. */
export function formatMoney(minor: Minor, currency: Currency, locale: string): string {
  const digits = FRACTION_DIGITS[currency];
  return cached(
    `money|${locale}|${currency}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: "currency",
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  ).format(minor / 10 ** digits);
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 2): string {
  return cached(
    `number|${locale}|${maximumFractionDigits}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits }),
  ).format(value);
}

/** A staff-page timestamp in UTC ("2026-11-24 20:15 UTC"), or `empty` when there is none. */
export function formatUtc(value: string | Date | null, empty = "—"): string {
  return value ? `${new Date(value).toISOString().replace("T", " ").slice(0, 16)} UTC` : empty;
}

/**
 * A date ("November 24, 2026") or, with `withTime`, date and time ("Nov 24, 2026, 2:05 PM UTC"), in the
 * reader's language. Always in UTC, and said so: the server renders the page and the browser hydrates
 * it, so both must print the same text wherever the reader is (a local time zone would make the
 * browser's text differ from the server's and React re-render the whole page).
 */
export function formatDate(
  value: string | Date,
  locale: string,
  style: "long" | "medium" = "long",
  withTime = false,
): string {
  const text = cached(
    `date|${locale}|${style}|${withTime}`,
    () =>
      new Intl.DateTimeFormat(
        locale,
        withTime ? { dateStyle: style, timeStyle: "short", timeZone: "UTC" } : { dateStyle: style, timeZone: "UTC" },
      ),
  ).format(new Date(value));
  return withTime ? `${text} UTC` : text;
}
