/**
 * A technician's change to the planner's move (issue 16, item 5): the method, the estimated
 * downtime, the technician hours and the window, with a reason the customer reads. Pure: the model
 * saves the result as a new version whose migration lines are repriced from the rate card
 * (`migrationLines`). Full zod at module level: only server code imports it.
 */
import { z } from "zod";
import {
  MIGRATION_METHODS,
  MILESTONE_KEYS,
  type MigrationMethod,
  type MigrationPlan,
  windowMinutes,
} from "./migration-plan";
import { WEEKDAYS, type Weekday, cutoverWindowSchema } from "./quote-input";
import { MIGRATION_RULES } from "./rules";
import { staffMultiLine } from "./text";

const hours = z.number().check(z.gte(0.25), z.lte(500));

export const migrationOverrideSchema = z.strictObject({
  method: z.optional(z.enum(MIGRATION_METHODS)),
  downtimeMinutes: z.optional(z.int().check(z.gte(1), z.lte(10_000))),
  /** Technician time before the window, in business hours. */
  preparationHours: z.optional(hours),
  /** Technician time in the window (switch, checks, watch), at the off-hours rate. */
  cutoverHours: z.optional(hours),
  window: z.optional(cutoverWindowSchema),
  /** Shown to the customer with the plan. */
  reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(1000), staffMultiLine()),
});
export type MigrationOverride = z.infer<typeof migrationOverrideSchema>;

/** What a technician changed, as the customer's page and the API show it. */
export interface MigrationOverrideRecord {
  method?: MigrationMethod;
  downtimeMinutes?: number;
  preparationHours?: number;
  cutoverHours?: number;
  window?: { days: Weekday[]; start: string; end: string };
  reason: string;
  /** The planner's figures the override replaced, for the technician's view. */
  before: { method: MigrationMethod; downtimeMinutes: number; preparationHours: number; cutoverHours: number };
}

export type OverriddenMigrationPlan = MigrationPlan & { override?: MigrationOverrideRecord };

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const clockOf = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The plan with the technician's figures. The milestones that hang on them (the switch, the
 * acceptance checks, go/no-go, raising the TTL again) move with them; the rest of the plan stays the
 * planner's. A plan a technician set is one that fits: they agreed it with the customer.
 */
export function applyMigrationOverride(
  plan: OverriddenMigrationPlan,
  override: MigrationOverride,
): OverriddenMigrationPlan {
  const previous = plan.override;
  const before = previous?.before ?? {
    method: plan.method,
    downtimeMinutes: plan.downtimeMinutes,
    preparationHours: plan.labour.preparationHours,
    cutoverHours: round2(plan.labour.cutoverMinutes / 60),
  };
  const downtimeMinutes = override.downtimeMinutes ?? plan.downtimeMinutes;
  const labour = { ...plan.labour };
  if (override.preparationHours !== undefined) labour.preparationHours = override.preparationHours;
  labour.switchMinutes = downtimeMinutes;
  labour.cutoverMinutes =
    override.cutoverHours !== undefined
      ? Math.round(override.cutoverHours * 60)
      : downtimeMinutes + labour.checksMinutes + labour.watchMinutes;

  let window = plan.window;
  if (override.window) {
    const days = WEEKDAYS.filter((d) => override.window!.days.includes(d));
    const minutes = windowMinutes(override.window);
    window = {
      days,
      start: override.window.start,
      end: override.window.end,
      timeZone: plan.timeZone,
      minutes,
      shortestMinutes: minutes,
    };
  }
  const rollback = plan.rollbackMinutes;
  const goNoGoTime = window ? clockOf(minutesOf(window.end) - rollback) : plan.goNoGoTime;
  const goNoGo = window ? (window.minutes - rollback) / 60 : null;
  const watched = (downtimeMinutes + MIGRATION_RULES.watchMinutes) / 60;

  const milestones = plan.milestones
    .filter((m) => m.key !== "go_no_go")
    .map((m) => {
      if (m.key === "cutover")
        return {
          ...m,
          trace: window
            ? {
                ...m.trace,
                ruleId: "migration.milestone.cutover",
                params: { minutes: downtimeMinutes, start: window.start, zone: window.timeZone },
              }
            : { ...m.trace, params: { ...m.trace.params, minutes: downtimeMinutes } },
        };
      if (m.key === "acceptance") return { ...m, offsetHours: round2(downtimeMinutes / 60) };
      if (m.key === "raise_ttl") return { ...m, offsetHours: round2(Math.max(watched, goNoGo ?? 0)) };
      return m;
    });
  if (goNoGo !== null && goNoGoTime)
    milestones.push({
      key: "go_no_go",
      offsetHours: round2(goNoGo),
      trace: {
        ruleId: "migration.milestone.go_no_go",
        inputs: { time: goNoGoTime, minutes: rollback },
        params: { time: goNoGoTime, minutes: rollback },
      },
    });
  // Same hour: the planner's order (go/no-go before raising the TTL again).
  milestones.sort(
    (a, b) => a.offsetHours - b.offsetHours || MILESTONE_KEYS.indexOf(a.key) - MILESTONE_KEYS.indexOf(b.key),
  );

  const record: MigrationOverrideRecord = {
    ...(previous ? { ...previous } : {}),
    ...(override.method ? { method: override.method } : {}),
    ...(override.downtimeMinutes !== undefined ? { downtimeMinutes: override.downtimeMinutes } : {}),
    ...(override.preparationHours !== undefined ? { preparationHours: override.preparationHours } : {}),
    ...(override.cutoverHours !== undefined ? { cutoverHours: override.cutoverHours } : {}),
    ...(window && override.window ? { window: { days: window.days, start: window.start, end: window.end } } : {}),
    reason: override.reason,
    before,
  };
  return {
    ...plan,
    method: override.method ?? plan.method,
    downtimeMinutes,
    window,
    goNoGoTime,
    fits: window !== null,
    labour,
    milestones,
    override: record,
  };
}
