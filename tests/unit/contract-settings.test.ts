import { describe, expect, it } from "vitest";
import { DEFAULT_TARGETS, firstResponseDue, nextUpdateDue } from "~/domain/incidents";
import {
  DEFAULT_CREDIT_POLICY,
  availabilityReport,
  calendarMonths,
  promisedAvailability,
} from "~/domain/service-credits";
import {
  contractOverrides,
  contractSettingsForm,
  effectiveTargets,
  nestForm,
  readContractTargets,
  readCreditPolicy,
  storedCreditPolicy,
} from "~/domain/service-settings";
import { describeTargets } from "~/presenters/incident-targets";
import {
  derivePageKey,
  pageWebhookUrlProblem,
  signatureHeader,
  verifyPageSignature,
} from "~/utils/page-webhook-signature.server";
import type { BusinessCalendar } from "~/domain/sla";

const MIN = 60_000;
const CAL: BusinessCalendar = {
  timeZone: "Europe/Madrid",
  weekdays: [1, 2, 3, 4, 5],
  start: "09:00",
  end: "18:00",
  holidays: [],
};

/** The settings form as the staff overview posts it: every severity's defaults, then `changes`. */
function form(changes: Record<string, string | null> = {}) {
  const fields: Record<string, string> = {
    "credit.kind": "percent_per_30min",
    "credit.percent": "5",
    "credit.capPercent": "100",
  };
  for (const [s, t] of Object.entries(DEFAULT_TARGETS)) {
    fields[`${s}.firstResponseMinutes`] = String(t.firstResponseMinutes);
    if (t.updateMinutes === null) fields[`${s}.onChange`] = "yes";
    else fields[`${s}.updateMinutes`] = String(t.updateMinutes);
    if (t.business) fields[`${s}.business`] = "yes";
    fields[`${s}.escalateAfterMinutes`] = String(t.escalateAfterMinutes);
  }
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete fields[k];
    else fields[k] = v;
  }
  return contractSettingsForm.safeParse(nestForm(Object.entries(fields)));
}

describe("contract settings", () => {
  it("the defaults posted back store nothing of their own", () => {
    const parsed = form();
    expect(parsed.success).toBe(true);
    const { credit, ...targets } = parsed.data!;
    expect(contractOverrides(targets)).toEqual({});
    expect(storedCreditPolicy(credit)).toBeNull();
  });

  it("stores only what a contract changes, and the due times follow it", () => {
    const parsed = form({
      "P1.updateMinutes": "10",
      "P3.business": null,
      "credit.percent": "10",
      "credit.capPercent": "50",
    });
    expect(parsed.success).toBe(true);
    const { credit, ...targets } = parsed.data!;
    const contract = contractOverrides(targets);
    expect(contract).toEqual({ P1: { updateMinutes: 10 }, P3: { business: false } });
    expect(storedCreditPolicy(credit)).toEqual({ kind: "percent_per_30min", percent: 10, capPercent: 50 });
    expect(effectiveTargets(contract).P1).toEqual({ ...DEFAULT_TARGETS.P1, updateMinutes: 10 });
    const t0 = new Date("2026-03-07T02:00:00Z"); // a Saturday night
    expect(nextUpdateDue(CAL, "P1", t0, null, contract)!.getTime() - t0.getTime()).toBe(10 * MIN);
    // P3 round the clock: four hours on a Saturday night, not Monday's business hours.
    expect(firstResponseDue(CAL, "P3", t0, contract).getTime() - t0.getTime()).toBe(240 * MIN);
    expect(firstResponseDue(CAL, "P3", t0).getTime() - t0.getTime()).toBeGreaterThan(24 * 60 * MIN);
  });

  it("on change, hourly refunds and multiples parse; bad values are refused by field", () => {
    const onChange = form({ "P2.updateMinutes": null, "P2.onChange": "yes", "credit.kind": "hourly_refund" });
    expect(onChange.success).toBe(true);
    expect(onChange.data!.P2.updateMinutes).toBeNull();
    expect(onChange.data!.credit).toEqual({ kind: "hourly_refund" });
    expect(form({ "credit.kind": "multiple_of_downtime", "credit.multiple": "10" }).data!.credit).toEqual({
      kind: "multiple_of_downtime",
      multiple: 10,
    });
    const paths = (changes: Record<string, string | null>) =>
      (form(changes).error?.issues ?? []).map((i) => i.path.join("."));
    expect(paths({ "P1.updateMinutes": "2" })).toEqual(["P1.updateMinutes"]);
    expect(paths({ "P1.updateMinutes": null })).toEqual(["P1.updateMinutes"]);
    expect(paths({ "P2.firstResponseMinutes": "ten" })).toEqual(["P2.firstResponseMinutes"]);
    expect(paths({ "P4.escalateAfterMinutes": "99999" })).toEqual(["P4.escalateAfterMinutes"]);
    expect(paths({ "credit.kind": "tiered" })).toEqual(["credit.kind"]);
    expect(paths({ "credit.percent": "20", "credit.capPercent": "10" })).toEqual(["credit.capPercent"]);
    expect(paths({ "credit.kind": "multiple_of_downtime" })).toEqual(["credit.multiple"]);
  });

  it("reads only the form's own groups (no prototype pollution) and stored values that fit", () => {
    const nested = nestForm([
      ["__proto__.polluted", "yes"],
      ["constructor.prototype", "x"],
      ["P1.firstResponseMinutes", "15"],
      ["P1.a.b", "x"],
    ]);
    expect(nested).toEqual({ P1: { firstResponseMinutes: "15" } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(readContractTargets({ P1: { updateMinutes: 10 } })).toEqual({ P1: { updateMinutes: 10 } });
    expect(readContractTargets({ P1: { updateMinutes: 1 } })).toEqual({});
    expect(readContractTargets({ P9: {} })).toEqual({});
    expect(readCreditPolicy(null)).toEqual(DEFAULT_CREDIT_POLICY);
    expect(readCreditPolicy({ kind: "tiered" })).toEqual(DEFAULT_CREDIT_POLICY);
    expect(readCreditPolicy({ kind: "multiple_of_downtime", multiple: 10 })).toEqual({
      kind: "multiple_of_downtime",
      multiple: 10,
    });
  });

  it("describes targets for staff", () => {
    expect(describeTargets(DEFAULT_TARGETS.P1)).toBe(
      "first response 15 min · updates every 30 min · round the clock · admins paged 15 min after an overdue update",
    );
    expect(describeTargets(DEFAULT_TARGETS.P4)).toContain("updates on change · business hours");
  });
});

describe("availability by calendar month", () => {
  it("months run midnight to midnight in the business zone, a DST month an hour short, newest first", () => {
    const months = calendarMonths("Europe/Madrid", new Date("2026-04-10T12:00:00Z"), 3);
    expect(months.map((m) => m.key)).toEqual(["2026-04", "2026-03", "2026-02"]);
    expect(months[1]!.start.toISOString()).toBe("2026-02-28T23:00:00.000Z");
    expect(months[1]!.end.toISOString()).toBe("2026-03-31T22:00:00.000Z");
    expect((months[1]!.end.getTime() - months[1]!.start.getTime()) / MIN).toBe(31 * 24 * 60 - 60);
    // None that ended before the service was ordered.
    expect(
      calendarMonths("Europe/Madrid", new Date("2026-04-10T12:00:00Z"), 6, new Date("2026-03-05T00:00:00Z")).map(
        (m) => m.key,
      ),
    ).toEqual(["2026-04", "2026-03"]);
  });

  it("counts downtime less maintenance against the tier's promise; a span still open runs to now", () => {
    const months = calendarMonths("UTC", new Date("2026-04-15T00:00:00Z"), 2);
    const report = availabilityReport({
      months,
      downtime: [
        // March: 90 minutes, of which 30 in announced maintenance; then 40 minutes.
        { start: new Date("2026-03-03T01:00:00Z"), end: new Date("2026-03-03T02:30:00Z") },
        { start: new Date("2026-03-20T10:00:00Z"), end: new Date("2026-03-20T10:40:00Z") },
        // April: still down since 23:00 the day before "now".
        { start: new Date("2026-04-14T23:00:00Z"), end: null },
      ],
      maintenance: [{ start: new Date("2026-03-03T00:30:00Z"), end: new Date("2026-03-03T01:30:00Z") }],
      policy: DEFAULT_CREDIT_POLICY,
      monthlyMinor: 10_000,
      promisedAvailability: promisedAvailability("high"),
      now: new Date("2026-04-15T00:00:00Z"),
    });
    const [april, march] = report;
    expect(april).toMatchObject({
      key: "2026-04",
      current: true,
      downtimeMinutes: 60,
      minutesBelow: 17,
      creditMinor: 500,
    });
    // March: 100 minutes of 44,640; 99.9 % allows 44.64, so 56 below: two started half hours, 10 %.
    expect(march).toMatchObject({
      key: "2026-03",
      current: false,
      downtimeMinutes: 100,
      monthMinutes: 44_640,
      availability: 99.775,
      minutesBelow: 56,
      creditMinor: 1_000,
    });
    expect(promisedAvailability("standard")).toBe(99.5);
    expect(promisedAvailability("critical")).toBe(99.99);
  });
});

describe("page webhook signatures", () => {
  const secret = "s".repeat(40);
  it("derives a key per user and version; the signature verifies under it only, and only fresh", () => {
    const key1 = derivePageKey(secret, "user-1", 1);
    expect(key1).toMatch(/^[0-9a-f]{64}$/);
    expect(derivePageKey(secret, "user-1", 1)).toBe(key1);
    const key2 = derivePageKey(secret, "user-1", 2);
    expect(key2).not.toBe(key1);
    expect(derivePageKey(secret, "user-2", 1)).not.toBe(key1);
    const body = JSON.stringify({ event: "incident.reported" });
    const now = new Date("2026-03-01T10:00:00Z");
    const header = signatureHeader(key1, body, now);
    expect(header).toMatch(/^t=1772359200,v1=[0-9a-f]{64}$/);
    expect(verifyPageSignature(key1, header, body, now)).toBe(true);
    expect(verifyPageSignature(key2, header, body, now)).toBe(false);
    expect(verifyPageSignature(key1, header, `${body} `, now)).toBe(false);
    expect(verifyPageSignature(key1, header, body, new Date(now.getTime() + 10 * MIN))).toBe(false);
    expect(verifyPageSignature(key1, "t=1,v1=zz", body, now)).toBe(false);
    expect(verifyPageSignature(key1, null, body, now)).toBe(false);
  });

  it("accepts https, and http only for this machine outside production", () => {
    expect(pageWebhookUrlProblem("https://hooks.example.com/x", true)).toBeNull();
    expect(pageWebhookUrlProblem("http://hooks.example.com/x", true)).not.toBeNull();
    expect(pageWebhookUrlProblem("http://localhost:9000/x", true)).not.toBeNull();
    expect(pageWebhookUrlProblem("http://localhost:9000/x", false)).toBeNull();
    expect(pageWebhookUrlProblem("http://127.0.0.1:9000/x", false)).toBeNull();
    expect(pageWebhookUrlProblem("http://[::1]:9000/x", false)).toBeNull();
    expect(pageWebhookUrlProblem("http://example.com/x", false)).not.toBeNull();
    expect(pageWebhookUrlProblem("ftp://localhost/x", false)).not.toBeNull();
    expect(pageWebhookUrlProblem("https://user:pw@example.com/", false)).not.toBeNull();
    expect(pageWebhookUrlProblem("not a url", false)).not.toBeNull();
  });
});
