import { describe, expect, it } from "vitest";
import {
  goNoGoAt,
  leadHours,
  nextStages,
  retentionDates,
  retentionReminders,
  windowCandidates,
  windowProblem,
  windowReminders,
} from "~/domain/cutover";
import { planMigration } from "~/domain/migration-plan";
import { sundayNightMove } from "../fixtures/migration";

const HOUR = 3_600_000;
const plan = planMigration({
  migration: sundayNightMove,
  workloads: [{ kind: "web_app", name: "Shop", visitsPerDay: 20_000 }] as never,
  region: "eu",
  dataGbToday: 3000,
})!;

describe("cutover day (issue 18 item 4)", () => {
  it("offers the plan's Sunday nights, at least 48 h ahead, skipping the night the clocks go forward", () => {
    // Friday 2027-03-26 12:00 UTC: the next Sunday (28 March) is the night Madrid's clocks go forward.
    const now = new Date("2027-03-26T12:00:00Z");
    const offers = windowCandidates(plan, now, 3);
    expect(offers.map((o) => o.date)).not.toContain("2027-03-28");
    for (const o of offers) {
      expect(o.startsAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + leadHours(plan) * HOUR);
      expect(new Date(o.startsAt).getUTCDay() === 6 || new Date(o.startsAt).getUTCDay() === 0).toBe(true);
    }
    expect(offers[0]!.date).toBe("2027-04-04");
    // 00:00 Madrid summer time is 22:00 UTC the day before.
    expect(offers[0]!.startsAt.toISOString()).toBe("2027-04-03T22:00:00.000Z");
  });

  it("refuses windows too soon, too short, after the old contract, or more than a year ahead", () => {
    const now = new Date("2027-01-01T00:00:00Z");
    const at = (h: number) => new Date(now.getTime() + h * HOUR);
    expect(windowProblem(plan, at(24), at(30), now)).toBe("too_soon");
    expect(windowProblem(plan, at(72), at(72.5), now)).toBe("too_short");
    expect(windowProblem(plan, at(72), at(78), now)).toBeNull();
    expect(windowProblem(plan, at(24 * 400), at(24 * 400 + 6), now)).toBe("too_far");
    const ending = { ...plan, latestCutoverDate: "2027-01-05" };
    expect(windowProblem(ending, at(24 * 6), at(24 * 6 + 6), now)).toBe("after_latest");
  });

  it("schedules the TTL, freeze and one-hour reminders from the plan's milestones; late ones go at once", () => {
    const start = new Date("2027-02-07T23:00:00Z");
    const early = windowReminders(plan, start, new Date("2027-01-01T00:00:00Z"));
    expect(early.map((r) => [r.key, (start.getTime() - r.at.getTime()) / HOUR])).toEqual([
      ["lower_ttl", 48],
      ["freeze", 24],
      ["one_hour", 1],
    ]);
    const late = new Date(start.getTime() - 30 * HOUR);
    expect(windowReminders(plan, start, late).find((r) => r.key === "lower_ttl")!.at).toEqual(late);
    expect(goNoGoAt(plan, { endsAt: new Date("2027-02-08T05:00:00Z") }).toISOString()).toBe("2027-02-08T04:30:00.000Z");
  });

  it("keeps the old server 48 h and its archive 30 days after the move, reminding a day and a week before", () => {
    const done = new Date("2027-02-08T03:00:00Z");
    const { oldServerOffAt, archiveDeletedAt } = retentionDates(done, plan);
    expect(oldServerOffAt.toISOString()).toBe("2027-02-10T03:00:00.000Z");
    expect(archiveDeletedAt.toISOString()).toBe("2027-03-12T03:00:00.000Z");
    const [off, archive] = retentionReminders(done, plan, done);
    expect(off!.at.toISOString()).toBe("2027-02-09T03:00:00.000Z");
    expect(archive!.at.toISOString()).toBe("2027-03-05T03:00:00.000Z");
  });

  it("moves the night's stages forward only, with rollback at any point and nothing after the end", () => {
    expect(nextStages([])).toEqual(["started"]);
    expect(nextStages(["started"])).toEqual(["synced", "switched", "verifying", "rolled_back"]);
    expect(nextStages(["started", "switched"])).toEqual(["verifying", "done", "rolled_back"]);
    expect(nextStages(["started", "switched", "done"])).toEqual([]);
    expect(nextStages(["started", "rolled_back"])).toEqual([]);
  });
});
