import { addBusinessMs } from "~/domain/sla";
import { businessCalendar } from "~/utils/env.server";

/** Servers are delivered within 5 business days of payment (the terms of service). */
export const SETUP_LEAD_BUSINESS_DAYS = 5;

/** When a paid order is due to be handed over: five business days (of the business calendar's hours) after payment. */
export function deliveryDueAt(paidAt: Date): Date {
  const calendar = businessCalendar();
  const [startH = 9, endH = 18] = [calendar.start, calendar.end].map((t) => Number(t.split(":")[0]));
  return addBusinessMs(calendar, paidAt, SETUP_LEAD_BUSINESS_DAYS * (endH - startH) * 3_600_000);
}
