import { type LoaderFunctionArgs, data } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { customerPageById } from "~/models/customer-page.server";
import { liveShareLink } from "~/models/share-link.server";
import { proposalPdfResponse } from "~/services/proposal-pdf.server";

/** The shared version as a PDF for whoever holds a live share link; unknown, expired and revoked links: 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const notFound = () => data(null, { status: 404, headers: { "Cache-Control": "private, no-store" } });
  const link = await liveShareLink(db, params.token ?? "");
  if (!link) throw notFound();
  const page = await customerPageById(db, link.quoteRequestId, link.proposalVersion);
  if (!page) throw notFound();
  return proposalPdfResponse(db, page, await i18next.getLocale(request));
}
