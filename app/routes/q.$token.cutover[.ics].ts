import { type LoaderFunctionArgs, data } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { quoteIdByToken } from "~/models/quote-request.server";
import { cutoverIcsResponse } from "~/services/cutover.server";

/** The confirmed cutover window as a calendar invitation, for whoever holds the private link. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const quoteId = await quoteIdByToken(db, params.token ?? "");
  if (!quoteId) throw data(null, { status: 404, headers: { "Cache-Control": "private, no-store" } });
  return cutoverIcsResponse(db, quoteId, await i18next.getLocale(request));
}
