import { suggestedCurrency } from "./currency";
import type { Currency } from "./money";
import { REGIONS, type Region } from "./quote-input";

/*
 * Where each currency is sold, for the staff catalog pages. Kept apart from currency.ts, which the
 * wizard's bundle carries, so the wizard does not carry these too.
 */

/** The regions whose customers `currency` is suggested to (the inverse of `suggestedCurrency`): its market. */
export function marketOf(currency: Currency): Region[] {
  return REGIONS.filter((region) => suggestedCurrency(region) === currency);
}

/**
 * The market of `currency` where a model sold in `regions` is not sold at all (`["us"]` for a USD price
 * of an EU-only model), or null when it is sold there.
 */
export function unsoldMarket(regions: readonly Region[], currency: Currency): Region[] | null {
  const market = marketOf(currency);
  return market.some((region) => regions.includes(region)) ? null : market;
}
