import { type LoaderFunctionArgs, data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { accountDelivery } from "~/models/customer-account.server";
import { accountMaintenanceIcs } from "~/services/maintenance.server";
import { requireCustomerAccount } from "~/utils/customer-auth.server";

/** The service's maintenance (planned, under way, and cancelled in the last 30 days) as a calendar, for its signed-in owner. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const account = await requireCustomerAccount(request);
  const quoteId = params.id ?? "";
  const notFound = () => data(null, { status: 404, headers: { "Cache-Control": "private, no-store" } });
  if (!z.uuid().safeParse(quoteId).success) throw notFound();
  const db = getDb();
  // Only the account's own service (the windows' query checks it again).
  if (!(await accountDelivery(db, account, quoteId))) throw notFound();
  const ics = await accountMaintenanceIcs(db, account, quoteId, await i18next.getLocale(request));
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="maintenance.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
