import { describe, expect, it } from "vitest";
import { decimalToMinor } from "~/domain/money";
import {
  SEED_ADDONS,
  SEED_OPS_MINOR_PER_SERVER_MONTH,
  SEED_SERVERS,
  seedUsdMinor,
  seedUsdPrice,
} from "../../db/seed-data";

describe("the seed's US dollar list", () => {
  it("adds 10 % in integer maths: no cent too many from floating point", () => {
    // In floating point 100 * 1.1 is 110.00000000000001, which rounded up gave 111.
    expect(seedUsdMinor(100)).toBe(110);
    expect(seedUsdMinor(400)).toBe(440);
    expect(seedUsdMinor(440)).toBe(484);
    expect(seedUsdMinor(0)).toBe(0);
    expect(seedUsdMinor(SEED_OPS_MINOR_PER_SERVER_MONTH)).toBe(2310);
    expect(seedUsdMinor(8400)).toBe(9240);
  });

  it("rounds a part of a cent up", () => {
    expect(seedUsdMinor(1)).toBe(2); // 1.1
    expect(seedUsdMinor(599)).toBe(659); // 658.9
    expect(seedUsdMinor(1234)).toBe(1358); // 1357.4
  });

  it("turns decimal euro prices into decimal dollar prices", () => {
    expect(seedUsdPrice("1.00")).toBe("1.10");
    expect(seedUsdPrice("4.00")).toBe("4.40");
    expect(seedUsdPrice("4.40")).toBe("4.84");
    expect(seedUsdPrice("0")).toBe("0.00");
  });

  it("prices every seed product at 110 % of its euro price, rounded up to the next cent only when needed", () => {
    for (const p of [...SEED_SERVERS, ...SEED_ADDONS]) {
      for (const eur of [p.monthly, p.setup]) {
        const cents = decimalToMinor(eur);
        const usd = decimalToMinor(seedUsdPrice(eur));
        expect(usd * 10 >= cents * 11 && (usd - 1) * 10 < cents * 11, `${p.sku} ${eur}`).toBe(true);
      }
    }
  });
});
