import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { suggestedCurrency } from "~/domain/currency";
import { marketOf, unsoldMarket } from "~/domain/currency-market";
import { REGIONS } from "~/domain/quote-input";
import { PriceText } from "~/routes/staff.catalog._index/price-cell";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
const cell = (currency: "EUR" | "USD", regions?: ("eu" | "us")[]) =>
  text(
    renderToStaticMarkup(
      createElement(PriceText, { entry: { currency, price: { monthlyMinor: 3990, setupMinor: 0 } }, regions }),
    ),
  );

describe("a currency's market", () => {
  it("is the regions that currency is suggested to", () => {
    expect(marketOf("USD")).toEqual(["us"]);
    expect(marketOf("EUR")).toEqual(["eu"]);
    for (const region of REGIONS) expect(marketOf(suggestedCurrency(region))).toContain(region);
  });

  it("names where a model is not sold, or nothing when it is", () => {
    expect(unsoldMarket(["eu"], "USD")).toEqual(["us"]);
    expect(unsoldMarket(["us"], "EUR")).toEqual(["eu"]);
    expect(unsoldMarket(["eu"], "EUR")).toBeNull();
    expect(unsoldMarket(["eu", "us"], "USD")).toBeNull();
    expect(unsoldMarket(["eu", "us"], "EUR")).toBeNull();
  });
});

describe("the staff catalog's price cell", () => {
  it("says an EU-only model is not sold in the US before its dollar price", () => {
    expect(cell("USD", ["eu"])).toBe("not sold in the US US$39.90 / month if paid in USD");
    expect(cell("EUR", ["eu"])).toBe("€39.90 / month no setup fee");
  });

  it("says a US-only model is not sold in the EU before its euro price", () => {
    expect(cell("EUR", ["us"])).toBe("not sold in the EU €39.90 / month if paid in EUR");
    expect(cell("USD", ["us"])).toBe("US$39.90 / month no setup fee");
  });

  it("prices a model sold in both everywhere, and add-ons (no regions) as they are", () => {
    expect(cell("USD", ["eu", "us"])).toBe("US$39.90 / month no setup fee");
    expect(cell("EUR")).toBe("€39.90 / month no setup fee");
  });

  it("says not sold rather than not in the book for a model the book has no price for outside its market", () => {
    const html = renderToStaticMarkup(
      createElement(PriceText, { entry: { currency: "USD", price: null }, regions: ["eu"] }),
    );
    expect(text(html)).toBe("not sold in the US");
    expect(text(renderToStaticMarkup(createElement(PriceText, { entry: { currency: "USD", price: null } })))).toBe(
      "not in the book",
    );
  });
});

describe("a money field on the staff pages", () => {
  it("labels the amount with the quote's or book's currency, not always the euro", async () => {
    const { MoneyField } = await import("~/components/money-field");
    const { currencySign } = await import("~/utils/format");
    const label = (currency: "EUR" | "USD") =>
      text(renderToStaticMarkup(createElement(MoneyField, { label: "Monthly", name: "m", currency })));
    expect(label("USD")).toBe("Monthly (US$)");
    expect(label("EUR")).toBe("Monthly (€)");
    expect(currencySign("USD")).toBe("US$");
  });
});
