import type { TFunction } from "i18next";
import type { OverriddenMigrationPlan } from "~/domain/migration-override";
import { MIGRATION_METHODS } from "~/domain/migration-plan";
import type { RuleTrace } from "~/domain/trace";
import { explain } from "~/utils/explain";
import { migrationReason } from "./estimate";

/**
 * The move as technicians review it: the planner's figures and its trace (rule ids, inputs and the
 * sentences the customer reads, worded here because they are server texts), and what a technician
 * changed before. Staff pages are in English.
 */
export function presentStaffMigration(plan: OverriddenMigrationPlan, t: TFunction) {
  const line = (trace: RuleTrace) => ({
    ruleId: trace.ruleId,
    inputs: trace.inputs,
    source: trace.source ?? null,
    text: explain(migrationReason(trace, t), t, "en"),
  });
  return {
    methods: MIGRATION_METHODS,
    method: plan.method,
    downtimeMinutes: plan.downtimeMinutes,
    transferHours: Math.round(plan.transferHours * 10) / 10,
    preparationHours: plan.labour.preparationHours,
    cutoverHours: Math.round((plan.labour.cutoverMinutes / 60) * 100) / 100,
    window: plan.window
      ? { days: plan.window.days, start: plan.window.start, end: plan.window.end, timeZone: plan.window.timeZone }
      : null,
    timeZone: plan.timeZone,
    fits: plan.fits,
    allowedDowntimeMinutes: Number.isFinite(plan.allowedDowntimeMinutes) ? plan.allowedDowntimeMinutes : null,
    trace: plan.explanation.map(line),
    milestones: plan.milestones.map((m) => ({ key: m.key, offsetHours: m.offsetHours, ...line(m.trace) })),
    override: plan.override ?? null,
  };
}

export type StaffMigration = ReturnType<typeof presentStaffMigration>;
