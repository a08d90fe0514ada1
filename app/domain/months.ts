/**
 * Stripe's monthly calendar: the same day of the month `months` later, or the month's last day when
 * it has no such day (31 January + 1 month = 28 or 29 February), in UTC, on Unix seconds. Billing
 * periods and the end of a term follow it (services/billing.server.ts, the Stripe stand-in).
 */
export function addMonths(seconds: number, months: number): number {
  const d = new Date(seconds * 1000);
  const day = d.getUTCDate();
  const target = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()),
  );
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return Math.floor(target.getTime() / 1000);
}

/**
 * The billing month that `at` falls in, for a subscription billed monthly from `anchor` (Unix
 * seconds): the last monthly date on or before `at`, and the next one.
 */
export function billingMonthAt(anchor: number, at: number): { start: number; end: number } {
  if (at < anchor) return { start: anchor, end: addMonths(anchor, 1) };
  // Start near the answer (a month is at least 28 days) and step to it.
  let n = Math.max(0, Math.floor((at - anchor) / (31 * 86_400)));
  while (addMonths(anchor, n + 1) <= at) n++;
  return { start: addMonths(anchor, n), end: addMonths(anchor, n + 1) };
}
