import type { Currency } from "./money";
import type { Region } from "./quote-input";

/**
 * The currency a region suggests: customers in the US pay in dollars, everyone else in euros. They can
 * choose the other one; each currency has its own price book, so nothing is ever converted.
 */
export function suggestedCurrency(region: Region | undefined): Currency {
  return region === "us" ? "USD" : "EUR";
}
