import { type LoaderFunctionArgs, data } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { customerPageByToken } from "~/models/customer-page.server";
import { proposalPdfResponse } from "~/services/proposal-pdf.server";

/** The proposal as a PDF for whoever holds the private link (?lng=es|en picks the language). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const page = await customerPageByToken(db, params.token ?? "");
  if (!page) throw data(null, { status: 404, headers: { "Cache-Control": "private, no-store" } });
  return proposalPdfResponse(db, page, await i18next.getLocale(request));
}
