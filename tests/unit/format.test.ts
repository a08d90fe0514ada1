import { afterAll, describe, expect, it } from "vitest";
import { formatDate, formatMoney, formatQuantity, quantityDigits, roundTo } from "~/utils/format";

describe("formatDate", () => {
  const zone = process.env.TZ;
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  // The server renders in one zone and the browser hydrates in another: both must print the same text.
  // Formatters are kept once built, so the zone is set before the first one is built.
  it("prints dates in UTC and says so, whatever the machine's time zone", () => {
    process.env.TZ = "Pacific/Auckland"; // UTC+13 in November: 23:30 UTC is already the next day there
    const late = "2026-11-24T23:30:00.000Z";
    expect(formatDate(late, "en")).toBe("November 24, 2026");
    expect(formatDate(late, "en", "medium", true)).toMatch(/^Nov 24, 2026, 11:30\sPM UTC$/);
    expect(formatDate(late, "es")).toBe("24 de noviembre de 2026");
  });
});

describe("formatQuantity: rounding per unit, in the reader's locale", () => {
  const threads = (n: number) => (n === 1 ? "thread" : "threads");

  it("gives gigabytes one decimal below 100 GB and none above, without false precision", () => {
    expect(formatQuantity(2542.44, "gb", "en")).toBe("2,542 GB");
    expect(formatQuantity(2542.5, "gb", "en")).toBe("2,543 GB");
    expect(formatQuantity(100, "gb", "en")).toBe("100 GB");
    expect(formatQuantity(99.94, "gb", "en")).toBe("99.9 GB");
    expect(formatQuantity(7.25, "gb", "en")).toBe("7.3 GB");
    expect(formatQuantity(8, "gb", "en")).toBe("8 GB");
  });

  it("switches to terabytes with one decimal from 10 TB", () => {
    expect(formatQuantity(9_999, "gb", "en")).toBe("9,999 GB");
    expect(formatQuantity(10_000, "gb", "en")).toBe("10 TB");
    expect(formatQuantity(12_345.6, "gb", "en")).toBe("12.3 TB");
    expect(formatQuantity(4.48, "tb", "en")).toBe("4.5 TB");
  });

  it("gives CPU threads one decimal and lets the caller word the unit by the rounded number", () => {
    expect(formatQuantity(18.345, "threads", "en", threads)).toBe("18.3 threads");
    expect(formatQuantity(1.04, "threads", "en", threads)).toBe("1 thread");
    expect(formatQuantity(0.96, "threads", "en", threads)).toBe("1 thread");
    expect(formatQuantity(2, "threads", "en", threads)).toBe("2 threads");
  });

  it("writes Spanish numbers with a decimal comma and Spanish grouping", () => {
    expect(formatQuantity(7.25, "gb", "es")).toBe("7,3 GB");
    expect(formatQuantity(2542.44, "gb", "es")).toBe("2542 GB");
    expect(formatQuantity(54_321, "gb", "es")).toBe("54,3 TB");
    expect(formatQuantity(123_456_789, "gb", "es")).toBe("123.456,8 TB");
    expect(formatQuantity(18.345, "threads", "es", (n) => (n === 1 ? "hilo" : "hilos"))).toBe("18,3 hilos");
  });

  it("rounds half away from zero and knows each unit's decimals", () => {
    expect(roundTo(2.25, 1)).toBe(2.3);
    expect(roundTo(-2.25, 1)).toBe(-2.3);
    expect(quantityDigits(99.9, "gb")).toBe(1);
    expect(quantityDigits(100, "gb")).toBe(0);
    expect(quantityDigits(3, "threads")).toBe(1);
  });
});

describe("formatMoney", () => {
  // Spanish puts a no-break space before the sign; compare with a plain one.
  const plain = (text: string) => text.replace(/\u00a0/g, " ");

  it("names the dollar in English as in Spanish: US$, never a bare $", () => {
    expect(formatMoney(1761, "USD", "en")).toBe("US$17.61");
    expect(formatMoney(123456, "USD", "en")).toBe("US$1,234.56");
    expect(formatMoney(-500, "USD", "en")).toBe("-US$5.00");
    expect(plain(formatMoney(1761, "USD", "es"))).toBe("17,61 US$");
    expect(plain(formatMoney(-123456, "USD", "es"))).toBe("-1234,56 US$");
  });

  it("leaves the euro sign alone in both languages", () => {
    expect(formatMoney(1761, "EUR", "en")).toBe("€17.61");
    expect(plain(formatMoney(1761, "EUR", "es"))).toBe("17,61 €");
  });
});
