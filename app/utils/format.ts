import type { Currency, Minor } from "~/domain/money";

const FRACTION_DIGITS: Record<Currency, number> = { EUR: 2 };

/** Formats integer minor units for a locale; the only place money turns into text. */
export function formatMoney(minor: Minor, currency: Currency, locale: string): string {
  const digits = FRACTION_DIGITS[currency];
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(minor / 10 ** digits);
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}
