import type { Currency } from "~/domain/money";
import { formatMoney } from "~/utils/format";

/** Staff pages show amounts in the quote's currency, in English. */
export const moneyIn = (currency: Currency) => (minor: number) => formatMoney(minor, currency, "en");
