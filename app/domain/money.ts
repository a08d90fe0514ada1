/**
 * Money is always an integer number of minor units (cents) inside SpecDesk.
 * Formatting happens only at the edge (see app/utils/format.ts).
 */
export type Currency = "EUR" | "USD";
export type Minor = number;

export function assertMinor(value: number, label = "amount"): Minor {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${label} must be a safe integer number of minor units, got ${value}`);
  }
  return value;
}

export function addMinor(...amounts: Minor[]): Minor {
  let total = 0;
  for (const a of amounts) total += assertMinor(a);
  return assertMinor(total, "sum");
}

export function sumMinor(amounts: readonly Minor[]): Minor {
  return addMinor(...amounts);
}

export function multiplyMinor(amount: Minor, quantity: number): Minor {
  assertMinor(amount);
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`quantity must be an integer, got ${quantity}`);
  return assertMinor(amount * quantity, "product");
}

/**
 * A share of an amount in basis points (1 bp = 0.01 %), rounded half away from zero
 * to a whole minor unit. Integer arithmetic only, so no float cent drift.
 */
export function basisPointsOf(amount: Minor, bps: number): Minor {
  assertMinor(amount);
  if (!Number.isSafeInteger(bps) || bps < 0 || bps > 10_000) {
    throw new RangeError(`basis points must be an integer 0..10000, got ${bps}`);
  }
  const product = assertMinor(Math.abs(amount) * bps, "product");
  const rounded = Math.floor((product + 5_000) / 10_000);
  return amount < 0 ? -rounded : rounded;
}

/** Parse a decimal price like "12.49" (as in vendor price lists) into minor units exactly. */
export function decimalToMinor(decimal: string | number): Minor {
  const text = typeof decimal === "number" ? decimal.toFixed(2) : decimal.trim();
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new RangeError(`not a money amount: ${decimal}`);
  const [, sign, whole, frac = ""] = match;
  const minor = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  return assertMinor(sign ? -minor : minor);
}
