import { DateTime } from "luxon";

/**
 * Monthly availability and service credits (issue 19): downtime from incidents that caused it,
 * excluding announced maintenance windows [B1], against the availability promised, and a pluggable
 * credit policy [C3] (shared/reference/operations-rules.md §4). Money in minor units; pure.
 */
export interface Span {
  start: Date;
  end: Date;
}

const MINUTE = 60_000;

/** Spans merged where they overlap or touch, in order. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) {
      if (s.end > last.end) last.end = s.end;
    } else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Milliseconds of `spans` inside `within`, without the parts inside `excluded` (overlaps counted once). */
export function coveredMs(spans: readonly Span[], within: Span, excluded: readonly Span[] = []): number {
  const clip = (s: Span): Span => ({
    start: new Date(Math.max(s.start.getTime(), within.start.getTime())),
    end: new Date(Math.min(s.end.getTime(), within.end.getTime())),
  });
  const down = mergeSpans(spans.map(clip));
  const holes = mergeSpans(excluded.map(clip));
  let total = 0;
  for (const d of down) {
    let ms = d.end.getTime() - d.start.getTime();
    for (const h of holes) {
      const a = Math.max(d.start.getTime(), h.start.getTime());
      const b = Math.min(d.end.getTime(), h.end.getTime());
      if (b > a) ms -= b - a;
    }
    total += ms;
  }
  return total;
}

export interface MonthAvailability {
  /** Downtime that counts (maintenance excluded), in whole minutes rounded up. */
  downtimeMinutes: number;
  monthMinutes: number;
  /** Percentage, to three decimals. */
  availability: number;
}

/** A month's availability from downtime spans, excluding announced maintenance. */
export function monthAvailability(
  month: Span,
  downtime: readonly Span[],
  maintenance: readonly Span[] = [],
): MonthAvailability {
  const monthMinutes = Math.round((month.end.getTime() - month.start.getTime()) / MINUTE);
  const downtimeMinutes = Math.ceil(coveredMs(downtime, month, maintenance) / MINUTE);
  const availability = Math.floor(((monthMinutes - downtimeMinutes) / monthMinutes) * 100_000) / 1000;
  return { downtimeMinutes, monthMinutes, availability };
}

/** How a credit is worked out [C3]; `percent_per_30min` is the default (Rackspace). */
export type CreditPolicy =
  | { kind: "percent_per_30min"; percent: number; capPercent: number }
  | { kind: "hourly_refund" }
  | { kind: "multiple_of_downtime"; multiple: number };

export const DEFAULT_CREDIT_POLICY: CreditPolicy = { kind: "percent_per_30min", percent: 5, capPercent: 100 };

export interface Credit {
  /** Downtime beyond what the promised availability allows, in minutes. */
  minutesBelow: number;
  creditMinor: number;
}

/**
 * The credit for a month: nothing while the downtime stays within the promise (e.g. 99.9 % of a
 * 30-day month allows 43.2 minutes); beyond it, by the policy, never more than the monthly fee:
 * percent_per_30min: `percent` of the fee per started 30 minutes below, capped at `capPercent`;
 * hourly_refund: each started hour below at the fee's hourly rate; multiple_of_downtime: the
 * minutes below times `multiple`, at the fee's per-minute rate.
 */
export function serviceCredit(
  policy: CreditPolicy,
  input: { monthlyMinor: number; promisedAvailability: number; downtimeMinutes: number; monthMinutes: number },
): Credit {
  const allowed = input.monthMinutes * (1 - input.promisedAvailability / 100);
  const minutesBelow = Math.max(0, Math.ceil(input.downtimeMinutes - allowed - 1e-9));
  if (minutesBelow === 0) return { minutesBelow, creditMinor: 0 };
  let credit: number;
  switch (policy.kind) {
    case "percent_per_30min": {
      const percent = Math.min(policy.capPercent, policy.percent * Math.ceil(minutesBelow / 30));
      credit = Math.round((input.monthlyMinor * percent) / 100);
      break;
    }
    case "hourly_refund":
      credit = Math.round((input.monthlyMinor * Math.ceil(minutesBelow / 60) * 60) / input.monthMinutes);
      break;
    case "multiple_of_downtime":
      credit = Math.round((input.monthlyMinor * minutesBelow * policy.multiple) / input.monthMinutes);
      break;
  }
  return { minutesBelow, creditMinor: Math.min(input.monthlyMinor, credit) };
}

/**
 * The availability each tier promises, as the proposals state it ("availabilityOf" in the locale
 * files: standard 99.5 %, high 99.9 %, critical 99.99 %; proposals.availability holds the tier).
 */
export const PROMISED_AVAILABILITY = { standard: 99.5, high: 99.9, critical: 99.99 } as const;

/** The promise of a proposal's availability tier; an unknown value counts as the lowest promise. */
export function promisedAvailability(tier: string): number {
  return (PROMISED_AVAILABILITY as Record<string, number>)[tier] ?? PROMISED_AVAILABILITY.standard;
}

export interface CalendarMonth extends Span {
  /** "2026-03" */
  key: string;
}

/**
 * The calendar months in `timeZone` (midnight on the 1st to midnight on the next 1st, so a month
 * with a daylight-saving change is an hour shorter or longer): the one holding `now` and the
 * `count - 1` before it, newest first, none that ends before `notBefore`.
 */
export function calendarMonths(timeZone: string, now: Date, count: number, notBefore?: Date): CalendarMonth[] {
  const current = DateTime.fromJSDate(now, { zone: timeZone }).startOf("month");
  const out: CalendarMonth[] = [];
  for (let i = 0; i < count; i++) {
    const start = current.minus({ months: i });
    const end = start.plus({ months: 1 });
    if (notBefore && end.toJSDate() <= notBefore) break;
    out.push({ key: start.toFormat("yyyy-LL"), start: start.toJSDate(), end: end.toJSDate() });
  }
  return out;
}

export interface MonthReport extends MonthAvailability, Credit {
  key: string;
  start: Date;
  end: Date;
  /** The month holding `now` (its figures so far, against the whole month). */
  current: boolean;
}

/**
 * Each month's availability and credit: downtime spans (a span still open ends at `now`) less the
 * maintenance spans, against the promise, credited by the policy on the monthly fee.
 */
export function availabilityReport(input: {
  months: readonly CalendarMonth[];
  downtime: readonly { start: Date; end: Date | null }[];
  maintenance: readonly Span[];
  policy: CreditPolicy;
  monthlyMinor: number;
  promisedAvailability: number;
  now: Date;
}): MonthReport[] {
  const downtime = input.downtime.map((d) => ({ start: d.start, end: d.end ?? input.now }));
  return input.months.map((month) => {
    const figures = monthAvailability(month, downtime, input.maintenance);
    const credit = serviceCredit(input.policy, {
      monthlyMinor: input.monthlyMinor,
      promisedAvailability: input.promisedAvailability,
      downtimeMinutes: figures.downtimeMinutes,
      monthMinutes: figures.monthMinutes,
    });
    return {
      key: month.key,
      start: month.start,
      end: month.end,
      current: month.start <= input.now && input.now < month.end,
      ...figures,
      ...credit,
    };
  });
}
