import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Currency } from "~/domain/money";
import type { FactLine, Inclusions } from "~/domain/product-facts";
import { formatMoney, formatNumber } from "~/utils/format";

/** One fact as a sentence: `count` picks the plural form and shows as `n` in the reader's locale, money in the quote's currency. */
export function factText(fact: FactLine, t: TFunction, locale: string, currency: Currency): string {
  const count = fact.values?.count;
  return t(`facts.${fact.key}`, {
    ...fact.values,
    ...(typeof count === "number" ? { n: formatNumber(count, locale, 1) } : {}),
    ...(fact.moneyMinor === undefined ? {} : { price: formatMoney(fact.moneyMinor, currency, locale) }),
    defaultValue: fact.key,
  });
}

/** What a proposal includes and what it does not (app/domain/product-facts.ts), under two headings. */
export function InclusionList({
  inclusions,
  currency,
  locale,
}: {
  inclusions: Inclusions | null;
  currency: Currency;
  locale: string;
}) {
  const { t } = useTranslation();
  if (!inclusions || (inclusions.included.length === 0 && inclusions.notIncluded.length === 0)) return null;
  const list = (facts: FactLine[], className: string) => (
    <ul className={className}>
      {facts.map((f) => (
        <li key={f.key}>{factText(f, t, locale, currency)}</li>
      ))}
    </ul>
  );
  return (
    <div className="inclusions">
      {inclusions.included.length > 0 ? (
        <>
          <h4>{t("quote.included")}</h4>
          {list(inclusions.included, "included")}
        </>
      ) : null}
      {inclusions.notIncluded.length > 0 ? (
        <>
          <h4>{t("quote.notIncluded")}</h4>
          {list(inclusions.notIncluded, "not-included")}
        </>
      ) : null}
    </div>
  );
}
