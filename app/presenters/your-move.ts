import type { TFunction } from "i18next";
import { DateTime } from "luxon";
import type { Currency } from "~/domain/money";
import type { OverriddenMigrationPlan } from "~/domain/migration-override";
import { type MilestoneKey, cutoverDates, windowOccurrence } from "~/domain/migration-plan";
import { MIGRATION_RULES } from "~/domain/rules";
import type { RuleTrace } from "~/domain/trace";
import { explain } from "~/utils/explain";
import { formatMoney, formatNumber } from "~/utils/format";
import { migrationReason } from "./estimate";

/**
 * The quote page's "Your move" section (issue 16, item 4) as sentences: the planner's texts are the
 * server's (app/locales/server-*.ts), so the loader words every one of them and the page ships
 * strings, never keys. Dates are in the customer's time zone and language.
 */

type Who = "you" | "us" | "both";
const WHO: Record<MilestoneKey, Who> = {
  restore_test: "us",
  plan: "both",
  lower_ttl: "you",
  traffic: "both",
  freeze: "you",
  cutover: "us",
  acceptance: "both",
  go_no_go: "us",
  raise_ttl: "you",
  old_server_off: "you",
  archive_deleted: "us",
};

const ENGINE_NAMES: Record<string, string> = {
  postgresql: "PostgreSQL",
  mysql: "MySQL",
  mariadb: "MariaDB",
  mongodb: "MongoDB",
};

interface MoveLine {
  kind: string;
  name: string;
  setupMinor: number;
}

/**
 * The proposed switch while no date is chosen: the first window that holds it at least three weeks
 * from `now`, and late enough that no step before it (the restore test comes first) falls in the past.
 */
export function proposedCutover(plan: OverriddenMigrationPlan, now: Date): DateTime | null {
  if (!plan.window) return null;
  const zone = plan.window.timeZone;
  const lead = Math.max(21 * 24, ...plan.milestones.map((m) => -m.offsetHours));
  const from = DateTime.fromJSDate(now, { zone }).plus({ hours: lead }).startOf("day").plus({ days: 1 }).toISODate();
  const [date] = from ? cutoverDates(plan, from, 1) : [];
  return date ? windowOccurrence(plan.window, zone, date).start : null;
}

export function presentYourMove(
  plan: OverriddenMigrationPlan,
  lines: readonly MoveLine[],
  currency: Currency,
  t: TFunction,
  locale: string,
  now = new Date(),
) {
  const k = (key: string, values?: Record<string, unknown>) => t(`yourMove.${key}`, values ?? {});
  const isoDate = (value: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`));
  // Calendar dates in the planner's sentences ("2027-03-31") in the reader's format.
  const say = (trace: RuleTrace) => {
    const params = Object.fromEntries(
      Object.entries(trace.params).map(([key, v]) => [
        key,
        typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? isoDate(v) : v,
      ]),
    );
    return explain(migrationReason({ ...trace, params }, t), t, locale);
  };
  const num = (n: number, digits = 1) => formatNumber(n, locale, digits);
  const zone = plan.timeZone;
  const start = proposedCutover(plan, now);
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    // The window and the go/no-go time are on a 24-hour clock: the dates say the same.
    hourCycle: "h23",
  });
  const dateOnly = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  });
  const at = (offsetHours: number) => {
    if (!start) return null;
    const when = start.plus({ minutes: Math.round(offsetHours * 60) }).toJSDate();
    return Math.abs(offsetHours) >= 24 ? dateOnly.format(when) : dateTime.format(when);
  };
  const offset = (hours: number) => {
    if (hours === 0) return k("offsetZero");
    const h = Math.abs(hours);
    const value =
      h >= 168 && h % 168 === 0
        ? k("weeks", { count: h / 168 })
        : h >= 48 && h % 24 === 0
          ? k("days", { count: h / 24 })
          : k("hours", { value: num(h, 1) });
    return k(hours < 0 ? "offsetBefore" : "offsetAfter", { value });
  };
  const milestone = (key: MilestoneKey) => plan.milestones.find((m) => m.key === key);
  const whenOf = (key: MilestoneKey) => {
    const m = milestone(key);
    return m ? (at(m.offsetHours) ?? offset(m.offsetHours)) : null;
  };

  // Downtime per part: the files' final sync, each database by its method, and the switch itself.
  const planned = plan.override?.before.downtimeMinutes ?? plan.downtimeMinutes;
  const dbMinutes = plan.databases.reduce((s, d) => s + d.downtimeMinutes, 0);
  // A technician's method or downtime replaces the planner's per-part estimate: only the total stands.
  const replaced = plan.override?.method !== undefined || plan.override?.downtimeMinutes !== undefined;
  const parts = replaced
    ? []
    : [
        ...(plan.filesGb > 0
          ? [
              {
                what: k("files", { gb: num(plan.filesGb, 0) }),
                how: k("methodShort.two_phase_sync"),
                downtime: k("about", { minutes: Math.max(0, planned - MIGRATION_RULES.switchMinutes - dbMinutes) }),
              },
            ]
          : []),
        ...plan.databases.map((d) => {
          const name = [ENGINE_NAMES[d.engine] ?? "", d.version ?? ""].filter(Boolean).join(" ");
          const dump = Math.ceil(d.copyHours * (1 + MIGRATION_RULES.restoreFactor) * 60);
          return {
            what: name ? k("database", { name, gb: num(d.dataGb, 0) }) : k("otherDatabase", { gb: num(d.dataGb, 0) }),
            how: k(`methodShort.${d.method}`),
            downtime:
              d.method === "dump_restore"
                ? k("about", { minutes: d.downtimeMinutes })
                : `${k("about", { minutes: d.downtimeMinutes })} (${k("instead", { minutes: dump })})`,
          };
        }),
      ];

  const moveLines = lines.filter((l) => l.kind === "migration");
  const window = plan.window;
  const weekdays = window ? window.days.map((d) => t(`quote.weekdays.${d}`)).join(", ") : "";
  const override = plan.override;
  const changed = override
    ? (["method", "downtimeMinutes", "preparationHours", "cutoverHours", "window"] as const)
        .filter((f) => override[f] !== undefined)
        .map((f) => k(`overrideChanges.${f}`))
    : [];

  // Who changes the DNS records follows the customer's answer (the planner's lower_ttl rule says it).
  const dnsByUs = plan.milestones.some((m) => m.key === "lower_ttl" && m.trace.ruleId.endsWith("_us"));
  const whoOf = (key: MilestoneKey): Who => (dnsByUs && (key === "lower_ttl" || key === "raise_ttl") ? "us" : WHO[key]);
  const you = [
    !dnsByUs &&
      whenOf("lower_ttl") &&
      k("you.lower_ttl", { ttl: MIGRATION_RULES.lowTtlSeconds, when: whenOf("lower_ttl") }),
    whenOf("freeze") && k("you.freeze", { when: whenOf("freeze") }),
    whenOf("traffic") && k("you.test", { when: whenOf("traffic") }),
    !dnsByUs && k("you.raise_ttl"),
    whenOf("old_server_off") && k("you.keep_old", { when: whenOf("old_server_off") }),
  ].filter((s): s is string => typeof s === "string");
  const us = [
    whenOf("plan") && k("us.plan", { when: whenOf("plan") }),
    whenOf("restore_test") && k("us.restore_test", { when: whenOf("restore_test") }),
    dnsByUs && whenOf("lower_ttl") && k("us.dns", { ttl: MIGRATION_RULES.lowTtlSeconds, when: whenOf("lower_ttl") }),
    k("us.copy", { hours: num(plan.transferHours, 1) }),
    k("us.switch", { when: whenOf("cutover"), minutes: MIGRATION_RULES.statusEveryMinutes }),
    k("us.archive", { days: plan.overlap.archiveDays }),
  ].filter((s): s is string => typeof s === "string");

  return {
    title: k("title"),
    intro: k("intro"),
    methodLabel: k("method"),
    method: k(`methods.${plan.method}`),
    downtimeLabel: k("downtime"),
    downtime: override?.downtimeMinutes
      ? k("downtimeOverridden", { minutes: plan.downtimeMinutes })
      : k("downtimeTotal", { minutes: plan.downtimeMinutes, switchMinutes: MIGRATION_RULES.switchMinutes }),
    partHeadings: [k("part"), k("partMethod"), k("partDowntime")] as const,
    parts,
    firstCopy: k("firstCopy", { hours: num(plan.transferHours, 1) }),
    windowLabel: k("window"),
    window: window
      ? k("windowText", { days: weekdays, start: window.start, end: window.end, zone: window.timeZone })
      : k("windowNone"),
    timelineLabel: k("timeline"),
    timelineNote: start ? k("proposed", { date: dateOnly.format(start.toJSDate()), zone }) : k("undated"),
    proposed: start !== null,
    milestones: plan.milestones.map((m) => ({
      key: m.key,
      offset: offset(m.offsetHours),
      date: at(m.offsetHours),
      who: whoOf(m.key),
      whoLabel: k(`who.${whoOf(m.key)}`),
      text: say(m.trace),
    })),
    youLabel: k("youDo"),
    you,
    usLabel: k("weDo"),
    us,
    rollbackLabel: k("rollback"),
    rollback: plan.goNoGoTime
      ? k("rollbackText", { time: plan.goNoGoTime, minutes: plan.rollbackMinutes })
      : k("rollbackNone"),
    retentionLabel: k("retention"),
    retention: k("retentionText", {
      hours: plan.overlap.keepOldServerHours,
      gb: num(plan.overlap.archiveGb, 0),
      days: plan.overlap.archiveDays,
    }),
    contract: ((c) => (c ? say(c) : null))(plan.explanation.find((e) => e.ruleId === "migration.contract_ends")),
    linesLabel: k("lines"),
    linesNote: k("linesNote"),
    lines: moveLines.map((l) => ({
      name: t(`quote.migrationLines.${l.name}`, { defaultValue: l.name }),
      amount: l.setupMinor === 0 ? t("quote.notBilled") : formatMoney(l.setupMinor, currency, locale),
    })),
    totalLabel: k("total"),
    total: formatMoney(
      moveLines.reduce((s, l) => s + l.setupMinor, 0),
      currency,
      locale,
    ),
    // After a technician's change the planner's reasoning is history: say so rather than contradict the plan.
    whyLabel: override ? k("whyPlanner") : k("why"),
    why: plan.explanation.map(say),
    override: override
      ? {
          title: k("override"),
          reason: k("overrideReason", { reason: override.reason }),
          changed: changed.length ? k("overrideChanged", { what: changed.join(", ") }) : null,
        }
      : null,
  };
}

export type YourMoveView = ReturnType<typeof presentYourMove>;
