import { data } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { quoteIdByToken } from "~/models/quote-request.server";
import { liveShareLink } from "~/models/share-link.server";
import { receiptPdfResponse, receiptView } from "./receipt-pdf.server";

/** Receipts are as private as the links they hang from: never cached, never in a Referer. */
export const RECEIPT_HEADERS = { "Referrer-Policy": "no-referrer", "Cache-Control": "private, no-store" };

const notFound = () => data(null, { status: 404, headers: RECEIPT_HEADERS });

/** The quote behind a private quote link (/q/…) or a live share link (/s/…); 404 for anything else. */
async function quoteIdFor(kind: "q" | "s", token: string) {
  const db = getDb();
  const quoteId =
    kind === "q" ? await quoteIdByToken(db, token) : ((await liveShareLink(db, token))?.quoteRequestId ?? null);
  if (!quoteId) throw notFound();
  return quoteId;
}

/** The receipt page's data: the worded receipt and the links back, or 404 while the quote is not paid. */
export async function receiptPage(request: Request, kind: "q" | "s", token: string) {
  const quoteId = await quoteIdFor(kind, token);
  const locale = await i18next.getLocale(request);
  const found = await receiptView(getDb(), quoteId, locale);
  if (!found) throw notFound();
  return data(
    { view: found.view, back: `/${kind}/${token}`, pdf: `/${kind}/${token}/receipt.pdf` },
    { headers: RECEIPT_HEADERS },
  );
}

export async function receiptPdf(request: Request, kind: "q" | "s", token: string) {
  const quoteId = await quoteIdFor(kind, token);
  return receiptPdfResponse(getDb(), quoteId, await i18next.getLocale(request));
}
