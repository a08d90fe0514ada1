import { describe, expect, it } from "vitest";
import {
  type BookPrices,
  DEFAULT_RATE_CARD,
  billableMinor,
  bookStandings,
  bpsToPercentText,
  diffBooks,
  minorToDecimalText,
} from "~/domain/price-book";

const book = (items: Record<string, [number, number]>, overrides: Partial<BookPrices> = {}): BookPrices => ({
  termDiscountBps: { "1": 0, "12": 500, "24": 1000, "36": 1500 },
  opsMinorPerServerMonth: 2100,
  rateCard: DEFAULT_RATE_CARD,
  items: new Map(Object.entries(items).map(([sku, [monthlyMinor, setupMinor]]) => [sku, { monthlyMinor, setupMinor }])),
  ...overrides,
});

describe("price books", () => {
  it("diffs per product (old, new, change in basis points) and names the settings that changed", () => {
    const from = book({ a: [10_000, 0], b: [5_000, 1_000], gone: [100, 0], free: [0, 0] });
    const to = book(
      { a: [11_000, 0], b: [5_000, 1_000], added: [700, 0], free: [500, 0] },
      {
        termDiscountBps: { "1": 0, "12": 750, "24": 1000, "36": 1500 },
        opsMinorPerServerMonth: 2500,
        rateCard: DEFAULT_RATE_CARD.map((r) => (r.kind === "emergency" ? { ...r, minimumMinutes: 30 } : r)),
      },
    );
    const diff = diffBooks(from, to);
    const bySku = Object.fromEntries(diff.items.map((i) => [i.sku, i]));
    expect(bySku.a).toMatchObject({ change: "changed", monthlyChangeBps: 1000, setupChangeBps: 0 });
    expect(bySku.b).toMatchObject({ change: "same", monthlyChangeBps: 0, setupChangeBps: 0 });
    expect(bySku.gone).toMatchObject({ change: "removed", new: null, monthlyChangeBps: null });
    expect(bySku.added).toMatchObject({ change: "added", old: null });
    // From zero there is no percentage.
    expect(bySku.free).toMatchObject({ change: "changed", monthlyChangeBps: null, setupChangeBps: 0 });
    expect(diff.settings).toEqual([
      { setting: "term_discount", termMonths: 12, oldBps: 500, newBps: 750 },
      { setting: "operations_weight", oldMinor: 2100, newMinor: 2500 },
      {
        setting: "rate",
        kind: "emergency",
        old: DEFAULT_RATE_CARD[2],
        new: { ...DEFAULT_RATE_CARD[2], minimumMinutes: 30 },
      },
    ]);
  });

  it("tells which book is in effect, scheduled, superseded or a draft, per currency", () => {
    const now = new Date("2027-01-10T12:00:00Z");
    const standings = bookStandings(
      [
        { id: 1, version: 1, currency: "EUR", status: "published", effectiveFrom: new Date("2026-06-15T00:00:00Z") },
        { id: 2, version: 2, currency: "USD", status: "published", effectiveFrom: new Date("2026-06-15T00:00:00Z") },
        { id: 3, version: 3, currency: "EUR", status: "published", effectiveFrom: "2027-01-10T12:00:00.000Z" },
        { id: 4, version: 4, currency: "EUR", status: "published", effectiveFrom: new Date("2027-01-10T12:00:01Z") },
        { id: 5, version: 5, currency: "EUR", status: "draft", effectiveFrom: null },
      ],
      now,
    );
    expect(Object.fromEntries(standings)).toEqual({
      1: "superseded",
      2: "in_effect",
      3: "in_effect",
      4: "scheduled",
      5: "draft",
    });
  });

  it("writes amounts and percentages back the way staff type them", () => {
    expect([1250, 5, 0, 100_000_000, -5].map(minorToDecimalText)).toEqual([
      "12.50",
      "0.05",
      "0.00",
      "1000000.00",
      "-0.05",
    ]);
    expect([750, 1000, 1234, 0, 10_000, 5].map(bpsToPercentText)).toEqual(["7.5", "10", "12.34", "0", "100", "0.05"]);
  });

  it("bills technician time per started unit", () => {
    const rate = { kind: "business_hours" as const, minorPerHour: 8400, minimumMinutes: 15 };
    expect(billableMinor(rate, 0)).toBe(0);
    expect(billableMinor(rate, 1)).toBe(2100);
    expect(billableMinor(rate, 16)).toBe(4200);
    expect(() => billableMinor(rate, -1)).toThrow(RangeError);
  });
});
