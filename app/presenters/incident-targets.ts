import type { SeverityTargets } from "~/domain/incidents";

function minutes(value: number) {
  return value % 60 === 0 ? `${value / 60} h` : `${value} min`;
}

/** A severity's targets in staff English ("first response 15 min · updates every 30 min · …"). */
export function describeTargets(t: SeverityTargets): string {
  return [
    `first response ${minutes(t.firstResponseMinutes)}`,
    t.updateMinutes === null ? "updates on change" : `updates every ${minutes(t.updateMinutes)}`,
    t.business ? "business hours" : "round the clock",
    `admins paged ${minutes(t.escalateAfterMinutes)} after an overdue update`,
  ].join(" · ");
}
