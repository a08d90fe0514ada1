import { afterAll, describe, expect, it } from "vitest";
import { formatDate } from "~/utils/format";

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
