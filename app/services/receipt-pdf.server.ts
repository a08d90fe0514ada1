import type { Executor } from "#db/client.server";
import { companyLogo, companyProfile } from "~/models/company.server";
import { type ReceiptFacts, receiptForQuote } from "~/models/receipt.server";
import { type ReceiptView, presentReceipt } from "~/presenters/receipt";
import { translatorFor } from "~/services/quote.server";
import { createPdf, facts, heading, letterhead, pageFooters, paragraph, pdfBytes } from "./pdf-layout.server";

export async function renderReceiptPdf(view: ReceiptView, logo: Buffer | null, paidAt: Date) {
  const doc = createPdf({
    title: view.title,
    author: view.provider.legalName,
    language: view.language,
    createdAt: paidAt,
  });
  letterhead(doc, view.provider, logo);
  heading(doc, view.title, 1);
  facts(doc, view.facts, 150);
  heading(doc, view.linesTitle, 3);
  facts(doc, [...view.lines, view.total], 250);
  paragraph(doc, view.remaining);
  facts(doc, [view.vat], 150);
  pageFooters(doc, `${view.provider.legalName} · ${view.provider.vatId} · ${view.facts[0]!.join(" ")}`, view.page);
  return pdfBytes(doc);
}

/** A paid quote's receipt, worded for `locale`, or null while it is not paid. */
export async function receiptView(db: Executor, quoteRequestId: string, locale: string, timeZone?: string) {
  const receipt = await receiptForQuote(db, quoteRequestId);
  if (!receipt) return null;
  const [company, t] = await Promise.all([companyProfile(db), translatorFor(locale)]);
  return { receipt, company, view: presentReceipt(receipt, company, t, locale, timeZone) };
}

const PRIVATE = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };

/** The receipt PDF as a download, or 404 while the quote is not paid. */
export async function receiptPdfResponse(db: Executor, quoteRequestId: string, locale: string, timeZone?: string) {
  const found = await receiptView(db, quoteRequestId, locale, timeZone);
  if (!found) return new Response(null, { status: 404, headers: PRIVATE });
  const logo = found.company.hasLogo ? await companyLogo(db) : null;
  const bytes = await renderReceiptPdf(found.view, logo?.bytes ?? null, new Date(found.receipt.paidAt));
  return new Response(new Uint8Array(bytes), {
    headers: {
      ...PRIVATE,
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="receipt-${found.receipt.number}-${locale}.pdf"`,
      "Content-Length": String(bytes.length),
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export type { ReceiptFacts };
