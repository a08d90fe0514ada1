import { describe, expect, it } from "vitest";
import { addMinor, assertMinor, basisPointsOf, decimalToMinor, multiplyMinor, sumMinor } from "~/domain/money";
import { formatMoney } from "~/utils/format";

describe("money", () => {
  it("parses vendor decimal prices exactly into cents", () => {
    expect(decimalToMinor("12.49")).toBe(1249);
    expect(decimalToMinor("0.1")).toBe(10);
    expect(decimalToMinor("289")).toBe(28900);
    expect(decimalToMinor(4.4)).toBe(440);
    expect(decimalToMinor("-1.70")).toBe(-170);
    expect(() => decimalToMinor("1.234")).toThrow(RangeError);
    expect(() => decimalToMinor("abc")).toThrow(RangeError);
  });

  it("adds and multiplies integers only", () => {
    expect(addMinor(1, 2, 3)).toBe(6);
    expect(sumMinor([])).toBe(0);
    expect(multiplyMinor(1249, 3)).toBe(3747);
    expect(() => multiplyMinor(1249, 1.5)).toThrow(RangeError);
    expect(() => assertMinor(0.5)).toThrow(RangeError);
    expect(() => addMinor(Number.MAX_SAFE_INTEGER, 1)).toThrow(RangeError);
  });

  it("takes basis points with half-up rounding to the cent", () => {
    expect(basisPointsOf(10_000, 300)).toBe(300);
    expect(basisPointsOf(1_249, 1_000)).toBe(125); // 124.9 -> 125
    expect(basisPointsOf(1_245, 1_000)).toBe(125); // 124.5 -> 125 (half up)
    expect(basisPointsOf(1_244, 1_000)).toBe(124);
    expect(basisPointsOf(-1_245, 1_000)).toBe(-125);
    expect(basisPointsOf(999, 0)).toBe(0);
    expect(() => basisPointsOf(100, 10_001)).toThrow(RangeError);
    expect(() => basisPointsOf(100, 2.5)).toThrow(RangeError);
  });

  it("formats for the reader's locale only at the edge", () => {
    expect(formatMoney(123456, "EUR", "en")).toBe("€1,234.56");
    expect(formatMoney(123456, "EUR", "es").replace(/\s/g, " ")).toBe("1234,56 €");
    expect(formatMoney(-500, "EUR", "en")).toBe("-€5.00");
  });
});
