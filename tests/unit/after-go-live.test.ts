import { describe, expect, it } from "vitest";
import { ageFlag, diskWarnings, growthPerDay, runOut, upgradeNeeded } from "~/domain/capacity-review";
import {
  canMove,
  dueEscalations,
  escalationSteps,
  firstResponseDue,
  nextUpdateDue,
  onCallAt,
  promiseProblem,
} from "~/domain/incidents";
import {
  maintenanceReminders,
  noticeProblem,
  policyProblem,
  policyWindows,
  requiredNoticeHours,
} from "~/domain/maintenance";
import { DEFAULT_CREDIT_POLICY, monthAvailability, serviceCredit } from "~/domain/service-credits";
import type { BusinessCalendar } from "~/domain/sla";

const H = 3_600_000;
const D = 24 * H;
const at = (iso: string) => new Date(iso);
const CAL: BusinessCalendar = {
  timeZone: "Europe/Madrid",
  weekdays: [1, 2, 3, 4, 5],
  start: "09:00",
  end: "18:00",
  holidays: [],
};

describe("maintenance notice rules", () => {
  const now = at("2027-03-01T10:00:00Z");
  const work = (kind: "routine" | "disruptive" | "expedited" | "emergency", hoursAhead: number, downtime = 30) => ({
    kind,
    expectedDowntimeMinutes: downtime,
    startsAt: new Date(now.getTime() + hoursAhead * H),
    endsAt: new Date(now.getTime() + (hoursAhead + 1) * H),
    now,
  });
  it("disruptive 14 days, routine with downtime 7 days, expedited 48 h, emergency with a reason", () => {
    expect(requiredNoticeHours("disruptive", 30)).toBe(336);
    expect(noticeProblem(work("disruptive", 335))).toBe("too_little_notice");
    expect(noticeProblem(work("disruptive", 336))).toBeNull();
    expect(noticeProblem(work("routine", 167))).toBe("too_little_notice");
    expect(noticeProblem(work("routine", 168))).toBeNull();
    expect(noticeProblem(work("routine", 1, 0))).toBeNull();
    expect(noticeProblem(work("expedited", 47))).toBe("too_little_notice");
    expect(noticeProblem(work("expedited", 48))).toBeNull();
    expect(noticeProblem(work("emergency", 0))).toBe("reason_required");
    expect(noticeProblem({ ...work("emergency", 0), reason: "Disk failing in the RAID" })).toBeNull();
    expect(noticeProblem({ ...work("routine", 200), endsAt: new Date(now.getTime() + 200 * H) })).toBe(
      "ends_before_start",
    );
  });
  it("reminds at 72 h, 24 h, 1 h and at the start, only those still ahead", () => {
    const start = at("2027-03-10T01:00:00Z");
    expect(maintenanceReminders(start, at("2027-03-01T00:00:00Z")).map((r) => r.key)).toEqual([
      "72h",
      "24h",
      "1h",
      "start",
    ]);
    const late = maintenanceReminders(start, at("2027-03-09T12:00:00Z"));
    expect(late.map((r) => [r.key, r.at.toISOString()])).toEqual([
      ["1h", "2027-03-10T00:00:00.000Z"],
      ["start", "2027-03-10T01:00:00.000Z"],
    ]);
  });
});

describe("recurring maintenance windows (RFC 5545) across daylight-saving changes", () => {
  const policy = { rrule: "FREQ=WEEKLY;BYDAY=TU", startTime: "01:00", durationMinutes: 60, timeZone: "Europe/Madrid" };
  it("Tuesdays 01:00–02:00 Madrid time stay 01:00 local before and after the clocks change", () => {
    // Spain moves to summer time on Sunday 28 March 2027.
    const windows = policyWindows(policy, at("2027-03-15T00:00:00Z"), 3);
    expect(windows.map((w) => w.startsAt.toISOString())).toEqual([
      "2027-03-16T00:00:00.000Z", // 01:00 CET (UTC+1)
      "2027-03-23T00:00:00.000Z",
      "2027-03-29T23:00:00.000Z", // 01:00 CEST (UTC+2)
    ]);
    expect(windows.every((w) => w.endsAt.getTime() - w.startsAt.getTime() === H)).toBe(true);
  });
  it("back to winter time in October, and monthly rules such as the second Tuesday (Patch Tuesday)", () => {
    const oct = policyWindows(policy, at("2027-10-25T00:00:00Z"), 2);
    expect(oct.map((w) => w.startsAt.toISOString())).toEqual(["2027-10-25T23:00:00.000Z", "2027-11-02T00:00:00.000Z"]);
    const patch = policyWindows(
      { rrule: "FREQ=MONTHLY;BYDAY=+2TU", startTime: "22:00", durationMinutes: 240, timeZone: "America/New_York" },
      at("2027-01-01T00:00:00Z"),
      4,
    );
    // 22:00 on the second Tuesday in New York: EST (UTC−5) until 14 March 2027, then EDT (UTC−4).
    expect(patch.map((w) => w.startsAt.toISOString())).toEqual([
      "2027-01-13T03:00:00.000Z",
      "2027-02-10T03:00:00.000Z",
      "2027-03-10T03:00:00.000Z",
      "2027-04-14T02:00:00.000Z",
    ]);
  });
  it("refuses rules it cannot run", () => {
    expect(policyProblem(policy)).toBeNull();
    expect(policyProblem({ ...policy, rrule: "FREQ=HOURLY" })).toBe("rrule");
    expect(policyProblem({ ...policy, rrule: "FREQ=WEEKLY;BYHOUR=3" })).toBe("rrule");
    expect(policyProblem({ ...policy, rrule: "nonsense" })).toBe("rrule");
    expect(policyProblem({ ...policy, startTime: "25:00" })).toBe("start_time");
    expect(policyProblem({ ...policy, durationMinutes: 5 })).toBe("duration");
    expect(policyProblem({ ...policy, timeZone: "Mars/Olympus" })).toBe("time_zone");
  });
});

describe("incident cadence and escalation", () => {
  const opened = at("2027-03-02T10:00:00Z"); // a Tuesday, 11:00 in Madrid
  it("first response: P1 15 min, P2 1 h, P3 4 business hours, P4 a business day", () => {
    expect(firstResponseDue(CAL, "P1", opened).toISOString()).toBe("2027-03-02T10:15:00.000Z");
    expect(firstResponseDue(CAL, "P2", opened).toISOString()).toBe("2027-03-02T11:00:00.000Z");
    expect(firstResponseDue(CAL, "P3", opened).toISOString()).toBe("2027-03-02T14:00:00.000Z");
    // 8 working hours from Tuesday 11:00: Wednesday 10:00 (Madrid), 09:00 UTC.
    expect(firstResponseDue(CAL, "P4", opened).toISOString()).toBe("2027-03-03T09:00:00.000Z");
    // A per-contract target wins.
    expect(firstResponseDue(CAL, "P1", opened, { P1: { firstResponseMinutes: 5 } }).toISOString()).toBe(
      "2027-03-02T10:05:00.000Z",
    );
  });
  it("the next update: the cadence, or sooner when promised; P4 only on change", () => {
    expect(nextUpdateDue(CAL, "P1", opened)!.toISOString()).toBe("2027-03-02T10:30:00.000Z");
    expect(nextUpdateDue(CAL, "P1", opened, at("2027-03-02T10:20:00Z"))!.toISOString()).toBe(
      "2027-03-02T10:20:00.000Z",
    );
    expect(nextUpdateDue(CAL, "P1", opened, at("2027-03-02T11:20:00Z"))!.toISOString()).toBe(
      "2027-03-02T10:30:00.000Z",
    );
    // P3 at 17:00 Madrid: one business hour today, three tomorrow from 09:00 → 12:00 Madrid.
    expect(nextUpdateDue(CAL, "P3", at("2027-03-02T16:00:00Z"))!.toISOString()).toBe("2027-03-03T11:00:00.000Z");
    expect(nextUpdateDue(CAL, "P4", opened)).toBeNull();
    expect(promiseProblem(CAL, "P2", opened, at("2027-03-02T12:00:00Z"))).toBe("later_than_cadence");
    expect(promiseProblem(CAL, "P2", opened, at("2027-03-02T09:00:00Z"))).toBe("in_the_past");
    expect(promiseProblem(CAL, "P2", opened, at("2027-03-02T10:45:00Z"))).toBeNull();
  });
  it("an overdue update pages the person on call when due, then an admin; each step once", () => {
    const due = at("2027-03-02T10:30:00Z");
    expect(escalationSteps("P1", due).map((s) => [s.to, s.at.toISOString()])).toEqual([
      ["on_call", "2027-03-02T10:30:00.000Z"],
      ["admin", "2027-03-02T10:45:00.000Z"],
    ]);
    expect(dueEscalations("P1", due, 0, at("2027-03-02T10:29:59Z"))).toEqual([]);
    expect(dueEscalations("P1", due, 0, at("2027-03-02T10:31:00Z"))).toEqual([{ step: 1, to: "on_call" }]);
    expect(dueEscalations("P1", due, 1, at("2027-03-02T10:40:00Z"))).toEqual([]);
    expect(dueEscalations("P1", due, 1, at("2027-03-02T10:46:00Z"))).toEqual([{ step: 2, to: "admin" }]);
    expect(dueEscalations("P1", due, 0, at("2027-03-02T11:00:00Z")).map((s) => s.step)).toEqual([1, 2]);
    expect(dueEscalations("P1", due, 2, at("2027-03-02T12:00:00Z"))).toEqual([]);
  });
  it("states: any open state may follow another; resolved is final", () => {
    expect(canMove("investigating", "identified")).toBe(true);
    expect(canMove("monitoring", "investigating")).toBe(true);
    expect(canMove("resolved", "investigating")).toBe(false);
    expect(canMove("identified", "identified")).toBe(false);
  });
});

describe("the on-call rota", () => {
  const rota = {
    people: ["ana", "ben", "cai"],
    startsOn: "2027-03-01",
    handoverWeekday: 1,
    handoverTime: "09:00",
    timeZone: "Europe/Madrid",
    overrides: [] as { person: string; from: Date; to: Date; madeAt: Date }[],
  };
  it("rotates weekly at the handover, in the business time zone, across the clock change", () => {
    expect(onCallAt(rota, at("2027-03-01T08:30:00Z"))).toBe("ana"); // Monday 09:30 Madrid
    expect(onCallAt(rota, at("2027-03-08T07:59:00Z"))).toBe("ana"); // Monday 08:59
    expect(onCallAt(rota, at("2027-03-08T08:00:00Z"))).toBe("ben"); // Monday 09:00
    expect(onCallAt(rota, at("2027-03-15T08:00:00Z"))).toBe("cai");
    // After the change to summer time (28 March) the handover is still 09:00 local (07:00 UTC).
    expect(onCallAt(rota, at("2027-03-22T08:00:00Z"))).toBe("ana");
    expect(onCallAt(rota, at("2027-03-29T06:59:00Z"))).toBe("ana");
    expect(onCallAt(rota, at("2027-03-29T07:00:00Z"))).toBe("ben");
    expect(onCallAt(rota, at("2027-02-28T12:00:00Z"))).toBe("cai"); // the week before the rota starts
  });
  it("an override wins for its period, the latest made first", () => {
    const withOverrides = {
      ...rota,
      overrides: [
        {
          person: "dee",
          from: at("2027-03-02T00:00:00Z"),
          to: at("2027-03-03T00:00:00Z"),
          madeAt: at("2027-02-20T00:00:00Z"),
        },
        {
          person: "eve",
          from: at("2027-03-02T12:00:00Z"),
          to: at("2027-03-02T18:00:00Z"),
          madeAt: at("2027-02-21T00:00:00Z"),
        },
      ],
    };
    expect(onCallAt(withOverrides, at("2027-03-02T06:00:00Z"))).toBe("dee");
    expect(onCallAt(withOverrides, at("2027-03-02T13:00:00Z"))).toBe("eve");
    expect(onCallAt(withOverrides, at("2027-03-03T06:00:00Z"))).toBe("ana");
    expect(onCallAt({ ...rota, people: [] }, at("2027-03-03T06:00:00Z"))).toBeNull();
  });
});

describe("availability and service credits", () => {
  const month = { start: at("2027-04-01T00:00:00Z"), end: at("2027-05-01T00:00:00Z") }; // 43,200 minutes
  it("counts incident downtime once where incidents overlap, and not inside announced maintenance", () => {
    const downtime = [
      { start: at("2027-04-10T10:00:00Z"), end: at("2027-04-10T11:00:00Z") },
      { start: at("2027-04-10T10:30:00Z"), end: at("2027-04-10T11:30:00Z") },
      { start: at("2027-03-31T23:30:00Z"), end: at("2027-04-01T00:10:00Z") },
    ];
    const maintenance = [{ start: at("2027-04-10T11:00:00Z"), end: at("2027-04-10T12:00:00Z") }];
    const a = monthAvailability(month, downtime, maintenance);
    expect(a).toEqual({ downtimeMinutes: 70, monthMinutes: 43_200, availability: 99.837 });
  });
  it("default policy: 5 % of the fee per started 30 minutes below the promise, capped at the fee", () => {
    const base = { monthlyMinor: 31_068, promisedAvailability: 99.9, monthMinutes: 43_200 };
    // 99.9 % of 30 days allows 43.2 minutes.
    expect(serviceCredit(DEFAULT_CREDIT_POLICY, { ...base, downtimeMinutes: 43 })).toEqual({
      minutesBelow: 0,
      creditMinor: 0,
    });
    expect(serviceCredit(DEFAULT_CREDIT_POLICY, { ...base, downtimeMinutes: 44 })).toEqual({
      minutesBelow: 1,
      creditMinor: Math.round(31_068 * 0.05),
    });
    expect(serviceCredit(DEFAULT_CREDIT_POLICY, { ...base, downtimeMinutes: 43.2 + 61 }).creditMinor).toBe(
      Math.round(31_068 * 0.15),
    );
    expect(serviceCredit(DEFAULT_CREDIT_POLICY, { ...base, downtimeMinutes: 10_000 }).creditMinor).toBe(31_068);
  });
  it("other policies: hourly refund and a multiple of the downtime, never above the fee", () => {
    const base = { monthlyMinor: 43_200, promisedAvailability: 100, monthMinutes: 43_200 };
    expect(serviceCredit({ kind: "hourly_refund" }, { ...base, downtimeMinutes: 61 }).creditMinor).toBe(120);
    expect(
      serviceCredit({ kind: "multiple_of_downtime", multiple: 10 }, { ...base, downtimeMinutes: 30 }).creditMinor,
    ).toBe(300);
    expect(
      serviceCredit({ kind: "multiple_of_downtime", multiple: 10 }, { ...base, downtimeMinutes: 40_000 }).creditMinor,
    ).toBe(43_200);
  });
});

describe("capacity reviews", () => {
  const now = at("2027-06-30T00:00:00Z");
  const samples = (start: number, perDay: number) =>
    [0, 30, 60, 90].map((d) => ({ at: new Date(now.getTime() - (90 - d) * D), used: start + perDay * d }));
  it("projects when a resource reaches 85 % at the growth observed and drafts an upgrade within two quarters", () => {
    expect(growthPerDay(samples(100, 2))).toBeCloseTo(2, 10);
    const disk = runOut("disk", samples(100, 2), 1000); // 280 GB now; 850 GB in 285 days
    expect(disk.share).toBeCloseTo(0.28, 10);
    expect(disk.at!.toISOString()).toBe(new Date(now.getTime() + 285 * D).toISOString());
    const ram = runOut("ram", samples(20, 0.2), 64); // 38 GB now; 54.4 GB in 82 days
    expect(Math.round((ram.at!.getTime() - now.getTime()) / D)).toBe(82);
    const cpu = runOut("cpu", samples(6, -0.01), 8);
    expect(cpu.at).toBeNull();
    const full = runOut("traffic", samples(18, 0), 20);
    expect(full.now).toBe(true);
    expect(upgradeNeeded([disk, ram, cpu, full], now).map((r) => r.resource)).toEqual(["traffic", "ram"]);
    expect(runOut("disk", samples(100, 2).slice(0, 1), 1000).at).toBeNull();
  });
  it("flags disks with reallocated or pending sectors and servers at 3 and 5 years", () => {
    expect(diskWarnings({ 5: 0, 9: 40_000, 197: 2 })).toEqual([197]);
    expect(diskWarnings({})).toEqual([]);
    expect(ageFlag(at("2024-07-01T00:00:00Z"), now)).toBeNull();
    expect(ageFlag(at("2024-06-01T00:00:00Z"), now)).toBe("review");
    expect(ageFlag(at("2022-06-01T00:00:00Z"), now)).toBe("refresh");
  });
});
