import { businessCalendar } from "~/utils/env.server";
import { type StaffTime, staffTimeIn } from "~/utils/staff-time";

/**
 * The zone staff read times in: the business calendar's (SLA_TIME_ZONE, Europe/Madrid unless set),
 * the one review deadlines are counted in, so "due 18:00" on a page is the SLA's 18:00.
 */
export function staffTimeZone(): string {
  return businessCalendar().timeZone;
}

/** The staff-time formatter for the configured business zone. */
export function staffTime(): StaffTime {
  return staffTimeIn(staffTimeZone());
}
