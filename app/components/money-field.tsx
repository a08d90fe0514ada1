import type { Currency } from "~/domain/money";
import { currencySign } from "~/utils/format";

/**
 * An amount a technician or admin types in the quote's or book's currency, labelled with its sign:
 * "Monthly (€)" or "Monthly (US$)". The action parses what is typed ("12.50", "12,50") into minor units.
 */
export function MoneyField({
  label,
  name,
  currency,
  defaultValue,
  placeholder = "0.00",
}: {
  label: string;
  name: string;
  currency: Currency;
  defaultValue?: string;
  placeholder?: string;
}) {
  return (
    <label>
      {label} ({currencySign(currency)}){" "}
      <input name={name} inputMode="decimal" defaultValue={defaultValue} size={8} placeholder={placeholder} />
    </label>
  );
}
