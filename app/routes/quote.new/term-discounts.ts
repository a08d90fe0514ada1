import type { BookCurrency } from "~/domain/price-book";
import type { TermMonths } from "~/domain/quote-input";
import { formatNumber } from "~/utils/format";

/** Per currency, what each discounted term saves, as the customer's language writes it ("12,5"). */
export type TermDiscounts = Partial<Record<BookCurrency, Partial<Record<TermMonths, string>>>>;

/**
 * The percentages of a price book's term discounts (basis points: 500 = 5 %), formatted on the server:
 * the first number formatter a browser builds costs tens of milliseconds of the wizard's start-up.
 */
export function termDiscountPercents(
  bps: Record<TermMonths, number>,
  locale: string,
): Partial<Record<TermMonths, string>> {
  const percents: Partial<Record<TermMonths, string>> = {};
  for (const [months, value] of Object.entries(bps))
    if (value > 0) percents[Number(months) as TermMonths] = formatNumber(value / 100, locale, 2);
  return percents;
}
