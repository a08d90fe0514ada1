import { describe, expect, it } from "vitest";
import { type BusinessCalendar, SLA_TARGETS, addBusinessMs, businessMsBetween, slaState } from "~/domain/sla";

const madrid: BusinessCalendar = {
  timeZone: "Europe/Madrid",
  weekdays: [1, 2, 3, 4, 5],
  start: "09:00",
  end: "18:00",
  holidays: ["2026-12-08", "2026-12-25"],
};
const H = 3_600_000;
const at = (iso: string) => new Date(iso);

describe("business hours", () => {
  it("counts only working hours in the calendar's time zone", () => {
    // Tue 24 Nov 2026, 10:00 to 12:30 Madrid (UTC+1).
    expect(businessMsBetween(madrid, at("2026-11-24T09:00:00Z"), at("2026-11-24T11:30:00Z"))).toBe(2.5 * H);
    // Before opening and after closing do not count.
    expect(businessMsBetween(madrid, at("2026-11-24T05:00:00Z"), at("2026-11-24T20:00:00Z"))).toBe(9 * H);
  });

  it("skips weekends", () => {
    // Fri 27 Nov 17:00 Madrid to Mon 30 Nov 10:00 Madrid = 1 h + 1 h.
    expect(businessMsBetween(madrid, at("2026-11-27T16:00:00Z"), at("2026-11-30T09:00:00Z"))).toBe(2 * H);
    // Four working hours from Friday 16:00 land on Monday 11:00.
    expect(addBusinessMs(madrid, at("2026-11-27T15:00:00Z"), 4 * H).toISOString()).toBe("2026-11-30T10:00:00.000Z");
  });

  it("skips holidays", () => {
    // Mon 7 Dec 17:00 + 2 h: Tue 8 Dec is a holiday, so Wed 9 Dec 10:00 Madrid.
    expect(addBusinessMs(madrid, at("2026-12-07T16:00:00Z"), 2 * H).toISOString()).toBe("2026-12-09T09:00:00.000Z");
  });

  it("starts the clock at opening time when created outside hours", () => {
    expect(addBusinessMs(madrid, at("2026-11-24T22:00:00Z"), 1 * H).toISOString()).toBe("2026-11-25T09:00:00.000Z");
  });

  it("is wall-clock correct across daylight-saving changes", () => {
    // Madrid moves to summer time on Sun 29 Mar 2026. Fri 27 Mar 17:00 (UTC+1) + 2 h = Mon 30 Mar 10:00 (UTC+2).
    expect(addBusinessMs(madrid, at("2026-03-27T16:00:00Z"), 2 * H).toISOString()).toBe("2026-03-30T08:00:00.000Z");
    // A round-the-clock calendar counts the 23-hour day as 23 hours.
    const always: BusinessCalendar = {
      timeZone: "Europe/Madrid",
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      start: "00:00",
      end: "24:00",
      holidays: [],
    };
    expect(businessMsBetween(always, at("2026-03-28T23:00:00Z"), at("2026-03-29T22:00:00Z"))).toBe(23 * H);
    // New York works too: 9-17 there on a Monday.
    const ny: BusinessCalendar = {
      timeZone: "America/New_York",
      weekdays: [1, 2, 3, 4, 5],
      start: "09:00",
      end: "17:00",
      holidays: [],
    };
    expect(businessMsBetween(ny, at("2026-11-23T00:00:00Z"), at("2026-11-24T00:00:00Z"))).toBe(8 * H);
  });
});

describe("SLA deadlines", () => {
  const created = at("2026-11-24T09:00:00Z"); // Tue 10:00 Madrid

  it("puts first response and resolution in business time", () => {
    const s = slaState(madrid, created, [], SLA_TARGETS.normal, at("2026-11-24T10:00:00Z"));
    expect(s.firstResponseDueAt!.toISOString()).toBe("2026-11-24T13:00:00.000Z"); // 14:00 Madrid
    // 24 working hours: Tue 8 h left, Wed 9, Thu 7 -> Thu 16:00 Madrid.
    expect(s.resolutionDueAt!.toISOString()).toBe("2026-11-26T15:00:00.000Z");
  });

  it("stops while waiting on the customer and moves deadlines by the paused working time", () => {
    const waiting = slaState(
      madrid,
      created,
      [{ start: at("2026-11-24T10:00:00Z"), end: null }],
      SLA_TARGETS.normal,
      at("2026-11-24T12:00:00Z"),
    );
    expect(waiting.paused).toBe(true);
    expect(waiting.resolutionDueAt).toBeNull();
    // Waited 11:00-15:00 Madrid (4 working hours): first response moves from 14:00 to 18:00.
    const resumed = slaState(
      madrid,
      created,
      [{ start: at("2026-11-24T10:00:00Z"), end: at("2026-11-24T14:00:00Z") }],
      SLA_TARGETS.normal,
      at("2026-11-24T15:00:00Z"),
    );
    expect(resumed.pausedMs).toBe(4 * H);
    expect(resumed.firstResponseDueAt!.toISOString()).toBe("2026-11-24T17:00:00.000Z");
  });

  it("a pause over a weekend costs only the working hours inside it", () => {
    const s = slaState(
      madrid,
      created,
      [{ start: at("2026-11-27T16:00:00Z"), end: at("2026-11-30T09:00:00Z") }],
      SLA_TARGETS.high,
      at("2026-11-30T10:00:00Z"),
    );
    expect(s.pausedMs).toBe(2 * H);
  });

  it("has no first-response deadline once answered", () => {
    const s = slaState(madrid, created, [], SLA_TARGETS.high, created, at("2026-11-24T09:30:00Z"));
    expect(s.firstResponseDueAt).toBeNull();
    expect(s.resolutionDueAt).not.toBeNull();
  });
});
