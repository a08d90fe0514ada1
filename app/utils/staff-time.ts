/**
 * Times on staff pages: in the business time zone (the SLA calendar's, SLA_TIME_ZONE: see
 * businessCalendar() in env.server.ts), labelled with the zone's abbreviation: "4 Dec 2026, 11:00 CET".
 * Loaders format on the server and send text, so the browser hydrates exactly what the server printed.
 */

// Building an Intl formatter costs far more than using one: one per zone (a queue page prints hundreds).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
      timeZoneName: "short",
    });
    if (formatters.size < 50) formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** A staff-page time in `timeZone`, labelled ("4 Dec 2026, 11:00 CET"), or `empty` when there is none. */
export function formatStaffTime(value: string | Date | null | undefined, timeZone: string, empty = "—"): string {
  if (value === null || value === undefined || value === "") return empty;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return empty;
  return formatterFor(timeZone).format(date);
}

/** A formatter bound to one zone, for presenters that print many times. */
export const staffTimeIn =
  (timeZone: string) =>
  (value: string | Date | null | undefined, empty = "—") =>
    formatStaffTime(value, timeZone, empty);

export type StaffTime = ReturnType<typeof staffTimeIn>;
