import { formatMoney } from "~/utils/format";

/** Staff pages show amounts in euros, in English. */
export const money = (minor: number) => formatMoney(minor, "EUR", "en");
