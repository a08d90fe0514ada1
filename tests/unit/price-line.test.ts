import { describe, expect, it } from "vitest";
import { findPrice, priceOf, sellablePrices } from "~/domain/catalog";
import { priceLine } from "~/domain/pricing";
import { repriceLines } from "~/domain/repricing";
import { seedCatalog } from "../fixtures/catalog";

const catalog = seedCatalog();
const server = catalog.servers[0]!;

describe("priceLine: the one way a line gets its price", () => {
  it("takes the unit prices and multiplies them by the quantity, keeping what and why", () => {
    const why = [{ ruleId: "x", inputs: {}, params: {} }];
    const line = priceLine(
      { kind: "server", sku: "s1", name: "S1", quantity: 3, why },
      { monthlyMinor: 4_999, setupMinor: 1_000 },
    );
    expect(line).toEqual({
      kind: "server",
      sku: "s1",
      name: "S1",
      quantity: 3,
      unitMonthlyMinor: 4_999,
      unitSetupMinor: 1_000,
      monthlyMinor: 14_997,
      setupMinor: 3_000,
      why,
    });
  });

  it("refuses a fractional quantity (money stays in whole minor units)", () => {
    expect(() =>
      priceLine({ kind: "ram", sku: null, name: "x", quantity: 1.5, why: [] }, { monthlyMinor: 100, setupMinor: 0 }),
    ).toThrow(RangeError);
  });

  it("repricing goes through it: a line at today's price", () => {
    const old = priceLine(
      { kind: "server", sku: server.sku, name: server.name, quantity: 2, why: [] },
      { monthlyMinor: 1, setupMinor: 1 },
    );
    const { lines, unavailable } = repriceLines([old], sellablePrices(catalog), 1, 0);
    expect(unavailable).toEqual([]);
    expect(lines[0]).toEqual(priceLine(old, priceOf(catalog, server.sku)));
  });
});

describe("price book lookups", () => {
  it("a product not in the book has no price; the engine's lookup says which book lacks it", () => {
    expect(findPrice(catalog, "no-such-sku")).toBeUndefined();
    expect(() => priceOf(catalog, "no-such-sku")).toThrow(
      `price book ${catalog.priceBook.version} has no price for no-such-sku`,
    );
  });

  it("sellable prices are the catalogue's products that have a price, nothing else", () => {
    const sellable = sellablePrices(catalog);
    const skus = [...catalog.servers, ...catalog.addons]
      .map((p) => p.sku)
      .filter((sku) => catalog.priceBook.prices[sku]);
    expect(Object.keys(sellable).sort()).toEqual(skus.sort());
    expect(sellable[server.sku]).toEqual(catalog.priceBook.prices[server.sku]);
  });
});
