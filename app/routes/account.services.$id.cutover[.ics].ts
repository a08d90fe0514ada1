import { type LoaderFunctionArgs, data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { accountDelivery } from "~/models/customer-account.server";
import { cutoverIcsResponse } from "~/services/cutover.server";
import { requireCustomerAccount } from "~/utils/customer-auth.server";

/** The confirmed cutover window as a calendar invitation, for the signed-in owner of the service. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const account = await requireCustomerAccount(request);
  const db = getDb();
  const quoteId = params.id ?? "";
  const notFound = () => data(null, { status: 404, headers: { "Cache-Control": "private, no-store" } });
  if (!z.uuid().safeParse(quoteId).success) throw notFound();
  if (!(await accountDelivery(db, account, quoteId))) throw notFound();
  return cutoverIcsResponse(db, quoteId, await i18next.getLocale(request));
}
