import { describe, expect, it } from "vitest";
import { formatStaffTime, staffTimeIn } from "~/utils/staff-time";
import { staffLanding } from "~/utils/staff-landing";

describe("staff times", () => {
  it("prints a time in the business zone with the zone's abbreviation, winter and summer", () => {
    expect(formatStaffTime("2026-12-04T10:00:00.000Z", "Europe/Madrid")).toBe("4 Dec 2026, 11:00 CET");
    expect(formatStaffTime(new Date("2026-07-04T10:00:00.000Z"), "Europe/Madrid")).toBe("4 Jul 2026, 12:00 CEST");
    expect(formatStaffTime("2026-12-04T10:00:00.000Z", "UTC")).toBe("4 Dec 2026, 10:00 UTC");
  });

  it("says so when there is no time, or none that parses", () => {
    const time = staffTimeIn("Europe/Madrid");
    expect(time(null)).toBe("—");
    expect(time(undefined, "never")).toBe("never");
    expect(time("not a date", "never")).toBe("never");
  });
});

describe("where staff land after signing in", () => {
  it("sends sales reps to their dashboard and the others to the review queue", () => {
    expect(staffLanding("sales")).toBe("/staff/sales");
    expect(staffLanding("technician")).toBe("/staff/review");
    expect(staffLanding("admin")).toBe("/staff/review");
  });
});
