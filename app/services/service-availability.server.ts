import type { TFunction } from "i18next";
import type { Executor } from "#db/client.server";
import { type AvailabilityFacts, availabilityFacts } from "~/models/availability.server";
import { type CreditPolicy, type MonthReport, availabilityReport, calendarMonths } from "~/domain/service-credits";
import { businessCalendar } from "~/utils/env.server";
import { formatDate, formatMoney, formatNumber } from "~/utils/format";

/**
 * Availability and service credits per calendar month (issue 19 item 5), for the customer's service
 * page (in their language) and the staff service overview (English). Months are the business time
 * zone's calendar months; downtime is the incidents' recorded spans less announced maintenance; the
 * credit follows the service's policy (default 5 % per started 30 minutes below, cap 100 %) on the
 * monthly fee (app/models/availability.server.ts says which fee).
 */

async function monthlyFigures(db: Executor, quoteRequestId: string, count: number, now: Date) {
  const zone = businessCalendar().timeZone;
  const months = calendarMonths(zone, now, count);
  if (!months.length) return null;
  const period = { start: months.at(-1)!.start, end: months[0]!.end };
  const facts = await availabilityFacts(db, quoteRequestId, period);
  if (!facts) return null;
  // No month that ended before the service was ordered.
  const shown = months.filter((m) => m.end > facts.acceptedAt);
  const report = availabilityReport({
    months: shown,
    downtime: facts.downtime,
    maintenance: facts.maintenance,
    policy: facts.policy,
    monthlyMinor: facts.monthlyMinor,
    promisedAvailability: facts.promisedAvailability,
    now,
  });
  return { zone, facts, report };
}

const percent = (value: number, locale: string, digits = 3) => `${formatNumber(value, locale, digits)} %`;

function monthName(month: MonthReport, locale: string, zone: string) {
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: zone }).format(month.start);
}

export interface CustomerAvailabilityView {
  title: string;
  promise: string;
  policy: string;
  claim: string;
  asOf: string;
  columns: { month: string; downtime: string; availability: string; credit: string };
  rows: { key: string; month: string; downtime: string; availability: string; credit: string; below: boolean }[];
}

/**
 * The customer's panel: this month so far and the two before it, in their language; numbers in
 * their locale, the time of the figures in their zone. Only called for a service the account owns and has been handed (the page checks).
 */
export async function customerAvailability(
  db: Executor,
  quoteRequestId: string,
  t: TFunction,
  locale: string,
  timeZone: string,
  now = new Date(),
): Promise<CustomerAvailabilityView | null> {
  const figures = await monthlyFigures(db, quoteRequestId, 3, now);
  if (!figures) return null;
  const { zone, facts, report } = figures;
  const money = (minor: number) => formatMoney(minor, facts.currency, locale);
  const k = (key: string, values: Record<string, unknown> = {}) => t(`serviceCredits.${key}`, values);
  return {
    title: k("title"),
    promise: k("promise", { promised: percent(facts.promisedAvailability, locale, 2), zone }),
    policy: k(`policy.${facts.policy.kind}`, policyValues(facts.policy, facts, locale)),
    claim: k("claim"),
    asOf: k("asOf", { time: formatDate(now, locale, "long", true, timeZone) }),
    columns: { month: k("month"), downtime: k("downtime"), availability: k("availability"), credit: k("credit") },
    rows: report.map((m) => {
      const name = monthName(m, locale, zone);
      return {
        key: m.key,
        month: m.current ? k("soFar", { month: name }) : name,
        downtime: k("minutes", { count: m.downtimeMinutes, minutes: formatNumber(m.downtimeMinutes, locale, 0) }),
        availability: percent(m.availability, locale),
        credit: m.creditMinor > 0 ? money(m.creditMinor) : k("none"),
        below: m.minutesBelow > 0,
      };
    }),
  };
}

function policyValues(policy: CreditPolicy, facts: AvailabilityFacts, locale: string) {
  const fee = formatMoney(facts.monthlyMinor, facts.currency, locale);
  switch (policy.kind) {
    case "percent_per_30min":
      return { fee, percent: percent(policy.percent, locale, 2), cap: percent(policy.capPercent, locale, 2) };
    case "hourly_refund":
      return { fee };
    case "multiple_of_downtime":
      return { fee, multiple: formatNumber(policy.multiple, locale, 2) };
  }
}

/** A credit policy in staff English. */
export function describeCreditPolicy(policy: CreditPolicy): string {
  switch (policy.kind) {
    case "percent_per_30min":
      return `${policy.percent} % of the monthly fee per started 30 minutes below the promise, capped at ${policy.capPercent} %`;
    case "hourly_refund":
      return "the monthly fee's hourly rate per started hour below the promise";
    case "multiple_of_downtime":
      return `${policy.multiple}× the minutes below the promise at the monthly fee's per-minute rate, capped at the monthly fee`;
  }
}

/** The staff overview's figures: this month so far and the five before it. */
export async function staffAvailability(db: Executor, quoteRequestId: string, now = new Date()) {
  const figures = await monthlyFigures(db, quoteRequestId, 6, now);
  if (!figures) return null;
  const { zone, facts, report } = figures;
  return {
    zone,
    promised: percent(facts.promisedAvailability, "en", 2),
    fee: formatMoney(facts.monthlyMinor, facts.currency, "en"),
    policy: describeCreditPolicy(facts.policy),
    months: report.map((m) => ({
      key: m.key,
      month: `${monthName(m, "en-GB", zone)}${m.current ? " (so far)" : ""}`,
      downtimeMinutes: m.downtimeMinutes,
      availability: percent(m.availability, "en"),
      minutesBelow: m.minutesBelow,
      creditMinor: m.creditMinor,
      credit: m.creditMinor > 0 ? formatMoney(m.creditMinor, facts.currency, "en") : "—",
    })),
  };
}
