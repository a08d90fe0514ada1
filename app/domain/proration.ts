/**
 * A change of monthly price during a billing month, prorated the way Stripe does it
 * (`proration_behavior`): the unused time of the month on the old price is credited and the
 * remaining time on the new price charged, each rounded to the minor unit, to the second. The
 * upgrade quote states this before the customer accepts, and the subscription change at hand-over
 * uses the same moment (`proration_date`), so the invoice carries what the quote said.
 */
export interface Proration {
  /** Credit for the unused time at the old price (a positive number, subtracted). */
  creditMinor: number;
  /** The remaining time at the new price. */
  chargeMinor: number;
  /** What the invoice adds for the change: charge minus credit (negative for a downgrade). */
  netMinor: number;
  /** Whole days left in the billing month (rounded up) and the month's length in days. */
  daysLeft: number;
  periodDays: number;
}

const DAY = 86_400;

export function prorate(input: {
  fromMinor: number;
  toMinor: number;
  /** The billing month the change falls in, as Unix seconds. */
  periodStart: number;
  periodEnd: number;
  /** The moment the new price runs from, as Unix seconds. */
  at: number;
}): Proration {
  const { fromMinor, toMinor, periodStart, periodEnd, at } = input;
  if (!(periodEnd > periodStart)) throw new RangeError("a billing period ends after it starts");
  const total = periodEnd - periodStart;
  const remaining = Math.min(total, Math.max(0, periodEnd - at));
  const creditMinor = Math.round((fromMinor * remaining) / total);
  const chargeMinor = Math.round((toMinor * remaining) / total);
  return {
    creditMinor,
    chargeMinor,
    netMinor: chargeMinor - creditMinor,
    daysLeft: Math.ceil(remaining / DAY),
    periodDays: Math.round(total / DAY),
  };
}
