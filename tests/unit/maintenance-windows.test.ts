import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  MAX_DEFERRAL_DAYS,
  affectsService,
  alternativeSlots,
  defaultPolicy,
  isOpenMaintenance,
  nextMaintenanceStates,
  noticeProblem,
  startProblem,
} from "~/domain/maintenance";
import { policyRule } from "~/services/maintenance.server";

/** Issue 19 item 1: the pure rules behind maintenance windows (notice and recurrence are in after-go-live.test.ts). */

const DAY = 86_400_000;

describe("maintenance windows", () => {
  it("work affects the service when it has downtime or is disruptive", () => {
    expect(affectsService("routine", 0)).toBe(false);
    expect(affectsService("routine", 5)).toBe(true);
    expect(affectsService("disruptive", 0)).toBe(true);
    expect(affectsService("emergency", 0)).toBe(false);
  });

  it("states move forward only: scheduled → in progress → completed or extended; cancelled and completed are final", () => {
    expect(nextMaintenanceStates("scheduled")).toEqual(["in_progress", "cancelled"]);
    expect(nextMaintenanceStates("in_progress")).toEqual(["completed", "extended", "cancelled"]);
    expect(nextMaintenanceStates("extended")).toContain("extended");
    expect(nextMaintenanceStates("completed")).toEqual([]);
    expect(nextMaintenanceStates("cancelled")).toEqual([]);
    expect(["scheduled", "in_progress", "extended"].every((s) => isOpenMaintenance(s as never))).toBe(true);
    expect(isOpenMaintenance("completed")).toBe(false);
  });

  it("another slot: the policy's windows that keep the notice, within 45 days of the start, never the start itself, as long as the work", () => {
    const policy = defaultPolicy("Europe/Madrid");
    const now = new Date("2026-03-02T10:00:00Z"); // a Monday
    // Disruptive work (14 days' notice) on Tuesday 17 March, 01:00 Madrid, two hours.
    const startsAt = DateTime.fromISO("2026-03-17T01:00", { zone: "Europe/Madrid" }).toJSDate();
    const work = {
      kind: "disruptive" as const,
      expectedDowntimeMinutes: 30,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
    };
    const slots = alternativeSlots(policy, work, now);
    expect(slots.length).toBe(6);
    for (const s of slots) {
      const local = DateTime.fromJSDate(s.startsAt, { zone: "Europe/Madrid" });
      // Tuesdays at 01:00 on the wall clock, also after the clocks change on 29 March.
      expect([local.weekday, local.toFormat("HH:mm")]).toEqual([2, "01:00"]);
      expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(2 * 3_600_000);
      expect(s.startsAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + 14 * DAY);
      expect(s.startsAt.getTime()).toBeLessThanOrEqual(startsAt.getTime() + MAX_DEFERRAL_DAYS * DAY);
      expect(s.startsAt.getTime()).not.toBe(startsAt.getTime());
    }
    expect(DateTime.fromJSDate(slots[0]!.startsAt, { zone: "Europe/Madrid" }).toISODate()).toBe("2026-03-24");
    // Summer time from 29 March: the UTC offset moves, the wall clock does not.
    expect(slots[0]!.startsAt.toISOString()).toBe("2026-03-24T00:00:00.000Z");
    expect(slots[1]!.startsAt.toISOString()).toBe("2026-03-30T23:00:00.000Z");
    // Work whose deferral cap has already passed offers nothing.
    expect(alternativeSlots(policy, { ...work, startsAt: new Date(now.getTime() - 50 * DAY) }, now)).toEqual([]);
  });

  it("the policy form's choices become RFC 5545 rules: daily, weekly on a day, monthly on the nth weekday", () => {
    expect(policyRule("DAILY", "TU", "1")).toBe("FREQ=DAILY");
    expect(policyRule("WEEKLY", "TH", "1")).toBe("FREQ=WEEKLY;BYDAY=TH");
    expect(policyRule("MONTHLY", "TU", "2")).toBe("FREQ=MONTHLY;BYDAY=2TU");
    expect(policyRule("MONTHLY", "FR", "-1")).toBe("FREQ=MONTHLY;BYDAY=-1FR");
  });
});

describe("starting and backdating", () => {
  const startsAt = new Date("2027-03-10T01:00:00Z");
  it("work starts at most 15 minutes early; an emergency at once", () => {
    expect(startProblem({ kind: "routine", startsAt }, new Date(startsAt.getTime() - 16 * 60_000))).toBe("too_early");
    expect(startProblem({ kind: "routine", startsAt }, new Date(startsAt.getTime() - 15 * 60_000))).toBeNull();
    expect(startProblem({ kind: "disruptive", startsAt }, new Date(startsAt.getTime() + 60 * 60_000))).toBeNull();
    expect(startProblem({ kind: "emergency", startsAt }, new Date(startsAt.getTime() - 5 * 86_400_000))).toBeNull();
  });

  it("an emergency needs no notice but is never recorded as started more than 15 minutes ago", () => {
    const work = {
      kind: "emergency" as const,
      expectedDowntimeMinutes: 10,
      reason: "Exploited",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
    };
    expect(noticeProblem({ ...work, now: new Date(startsAt.getTime() + 10 * 60_000) })).toBeNull();
    expect(noticeProblem({ ...work, now: new Date(startsAt.getTime() + 16 * 60_000) })).toBe("in_the_past");
  });
});
