import { describe, expect, it } from "vitest";
import { addMonths, billingMonthAt } from "~/domain/months";
import { prorate } from "~/domain/proration";

const DAY = 86_400;
const START = Date.UTC(2027, 2, 10, 9) / 1000; // 10 March: a 31-day billing month
const END = addMonths(START, 1);

describe("prorate", () => {
  it("credits the unused time at the old price and charges the rest at the new one, each rounded", () => {
    const p = prorate({ fromMinor: 31_068, toMinor: 45_900, periodStart: START, periodEnd: END, at: START + 10 * DAY });
    expect((END - START) / DAY).toBe(31);
    expect(p.creditMinor).toBe(Math.round((31_068 * 21) / 31));
    expect(p.chargeMinor).toBe(Math.round((45_900 * 21) / 31));
    expect(p.netMinor).toBe(p.chargeMinor - p.creditMinor);
    expect(p).toMatchObject({ daysLeft: 21, periodDays: 31 });
  });

  it("at the start of the month the whole difference is due; at its end nothing", () => {
    expect(prorate({ fromMinor: 100, toMinor: 250, periodStart: START, periodEnd: END, at: START }).netMinor).toBe(150);
    expect(prorate({ fromMinor: 100, toMinor: 250, periodStart: START, periodEnd: END, at: END }).netMinor).toBe(0);
    // Outside the period the moment is clamped to it.
    expect(
      prorate({ fromMinor: 100, toMinor: 250, periodStart: START, periodEnd: END, at: START - DAY }).netMinor,
    ).toBe(150);
  });

  it("a downgrade is a credit, and part of a day counts as a day left", () => {
    const p = prorate({ fromMinor: 9_000, toMinor: 6_000, periodStart: START, periodEnd: END, at: START + 3.5 * DAY });
    expect(p.netMinor).toBeLessThan(0);
    expect(p.daysLeft).toBe(28);
  });

  it("refuses a period that does not run forward", () => {
    expect(() => prorate({ fromMinor: 1, toMinor: 2, periodStart: END, periodEnd: START, at: START })).toThrow(
      RangeError,
    );
  });
});

describe("billingMonthAt", () => {
  it("finds the billing month a moment falls in, months without the anchor's day ending on their last day", () => {
    const anchor = Date.UTC(2027, 0, 31, 9) / 1000;
    expect(billingMonthAt(anchor, anchor)).toEqual({ start: anchor, end: addMonths(anchor, 1) });
    const march = Date.UTC(2027, 2, 15) / 1000;
    expect(billingMonthAt(anchor, march)).toEqual({
      start: Date.UTC(2027, 1, 28, 9) / 1000,
      end: Date.UTC(2027, 2, 31, 9) / 1000,
    });
    // Two years on: still one step per month, each start on or before the moment.
    const later = anchor + 700 * DAY;
    const m = billingMonthAt(anchor, later);
    expect(m.start).toBeLessThanOrEqual(later);
    expect(m.end).toBeGreaterThan(later);
  });
});
