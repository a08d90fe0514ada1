import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  type StoredLine,
  changedLines,
  itemsOf,
  repriceLines,
  salesDiscountBpsOf,
  withDiscounts,
} from "~/domain/repricing";

const line = (
  sku: string | null,
  unitMonthly: number,
  unitSetup: number,
  quantity = 1,
  kind = "server",
): StoredLine => ({
  kind,
  sku,
  name: sku ?? "custom",
  quantity,
  unitMonthlyMinor: unitMonthly,
  unitSetupMinor: unitSetup,
  monthlyMinor: unitMonthly * quantity,
  setupMinor: unitSetup * quantity,
  why: [],
});

const sum = (lines: StoredLine[], key: "monthlyMinor" | "setupMinor") => lines.reduce((s, l) => s + l[key], 0);

describe("discount lines", () => {
  it("adds the term and sales discounts from the undiscounted subtotals", () => {
    const lines = withDiscounts([line("ax41", 10_000, 5_000, 2), line("ram", 1_250, 0, 1, "ram")], 12, 300, 1_000);
    expect(lines.map((l) => l.kind)).toEqual(["server", "ram", "discount", "sales_discount"]);
    expect(lines[2]!.monthlyMinor).toBe(-638); // 3 % of 21 250, rounded half away from zero
    expect(lines[3]).toMatchObject({ monthlyMinor: -2_125, setupMinor: -1_000 });
    expect(salesDiscountBpsOf(lines)).toBe(1_000);
    // Applying again replaces the discount lines instead of stacking them.
    expect(withDiscounts(lines, 12, 300, 500).filter((l) => l.kind === "sales_discount")).toHaveLength(1);
    expect(salesDiscountBpsOf(withDiscounts(lines, 12, 300, 0))).toBe(0);
  });

  it("never lets the discounts exceed the subtotal or produce fractions of a cent", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 500_000 }),
            fc.integer({ min: 0, max: 100_000 }),
            fc.integer({ min: 1, max: 20 }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (specs, termBps, salesBps) => {
          const items = specs.map(([m, s, q], i) => line(`sku${i}`, m, s, q));
          const lines = withDiscounts(items, 12, termBps, salesBps);
          const monthly = sum(lines, "monthlyMinor");
          const setup = sum(lines, "setupMinor");
          expect(Number.isInteger(monthly) && Number.isInteger(setup)).toBe(true);
          expect(monthly).toBeGreaterThanOrEqual(0);
          expect(monthly).toBeLessThanOrEqual(sum(items, "monthlyMinor"));
          expect(setup).toBeLessThanOrEqual(sum(items, "setupMinor"));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("repricing at current prices", () => {
  const old = withDiscounts(
    [line("ax41", 10_000, 5_000, 2), line(null, 700, 0, 1, "custom"), line("ipv4", 100, 0, 3, "ipv4")],
    12,
    300,
    500,
  );

  it("takes today's unit prices for catalogue lines, keeps custom lines and the discount rate", () => {
    const { lines, unavailable } = repriceLines(
      old,
      { ax41: { monthlyMinor: 11_000, setupMinor: 5_000 }, ipv4: { monthlyMinor: 100, setupMinor: 0 } },
      12,
      300,
    );
    expect(unavailable).toEqual([]);
    expect(itemsOf(lines).map((l) => l.monthlyMinor)).toEqual([22_000, 700, 300]);
    expect(salesDiscountBpsOf(lines)).toBe(500);
    expect(changedLines(old, lines)).toEqual([
      {
        name: "ax41",
        quantity: 2,
        oldUnitMonthlyMinor: 10_000,
        newUnitMonthlyMinor: 11_000,
        oldUnitSetupMinor: 5_000,
        newUnitSetupMinor: 5_000,
      },
    ]);
  });

  it("reports products no longer sold", () => {
    expect(repriceLines(old, { ax41: { monthlyMinor: 1, setupMinor: 1 } }, 12, 300).unavailable).toEqual(["ipv4"]);
  });

  it("with unchanged prices gives identical lines", () => {
    const { lines } = repriceLines(
      old,
      { ax41: { monthlyMinor: 10_000, setupMinor: 5_000 }, ipv4: { monthlyMinor: 100, setupMinor: 0 } },
      12,
      300,
    );
    expect(lines).toEqual(old);
    expect(changedLines(old, lines)).toEqual([]);
  });
});
