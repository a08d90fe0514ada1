import type { Executor } from "#db/client.server";
import { companyLogo, companyProfile, currentLegalDocument } from "~/models/company.server";
import type { CustomerPage } from "~/models/customer-page.server";
import { type ProposalDocument, presentProposalDocument } from "~/presenters/proposal-document";
import { translatorFor } from "~/services/quote.server";
import {
  COLORS,
  barChart,
  bullets,
  contentWidth,
  createPdf,
  ensureSpace,
  facts,
  heading,
  letterhead,
  pageFooters,
  paragraph,
  pdfBytes,
  pdfText,
  table,
} from "./pdf-layout.server";

/** Lays a proposal document out as a PDF (A4): identity, facts, each tier, the move, terms, acceptance. */
export async function renderProposalPdf(view: ProposalDocument, logo: Buffer | null, createdAt: Date) {
  const doc = createPdf({ title: view.title, author: view.provider.legalName, language: view.language, createdAt });
  letterhead(doc, view.provider, logo);
  heading(doc, view.title, 1);
  facts(doc, view.facts);
  if (view.need) {
    heading(doc, view.need.title, 3);
    paragraph(doc, view.need.text);
  }

  for (const tier of view.tiers) {
    doc.addPage();
    heading(doc, tier.heading, 1);
    paragraph(doc, `${tier.availability} · ${tier.headline}`, { bold: true });
    if (tier.acceptableNote) paragraph(doc, tier.acceptableNote, { muted: true });
    bullets(doc, tier.servers);
    table(
      doc,
      [
        { header: view.labels.item, width: 0.46 },
        { header: view.labels.qty, width: 0.07, align: "right" },
        { header: view.labels.unitMonthly, width: 0.16, align: "right" },
        { header: view.labels.monthly, width: 0.16, align: "right" },
        { header: view.labels.setup, width: 0.15, align: "right" },
      ],
      tier.lines.map((l) => ({
        cells: [l.name, l.qty, l.unitMonthly, l.monthly, l.setup],
        notes: l.why.map((w) => `${view.labels.why}${w}`),
      })),
    );
    facts(doc, tier.totals, 200);
    if (tier.runsOutFirst) paragraph(doc, tier.runsOutFirst);
    if (tier.failure) paragraph(doc, tier.failure);
    if (tier.included.length) {
      heading(doc, tier.includedTitle, 3);
      bullets(doc, tier.included, { size: 9 });
    }
    if (tier.notIncluded.length) {
      heading(doc, tier.notIncludedTitle, 3);
      bullets(doc, tier.notIncluded, { size: 9 });
    }
    heading(doc, tier.timeline.title, 3);
    paragraph(doc, tier.timeline.summary);
    barChart(doc, tier.timeline.bars, tier.timeline.axisMax);
    table(
      doc,
      [
        { header: tier.timeline.headings.period, width: 0.3 },
        { header: tier.timeline.headings.amount, width: 0.3, align: "right" },
        { header: tier.timeline.headings.notes, width: 0.4 },
      ],
      tier.timeline.rows.map((r) => ({ cells: [r.period, r.amount, r.notes.join(" ")] })),
    );
    bullets(doc, tier.timeline.totals, { size: 9 });
    heading(doc, tier.sizedTitle, 3);
    bullets(doc, tier.sized, { size: 8.5 });
  }

  if (view.move) {
    const m = view.move;
    doc.addPage();
    heading(doc, m.title, 1);
    paragraph(doc, m.intro);
    facts(
      doc,
      [
        [m.methodLabel, m.method],
        [m.downtimeLabel, m.downtime],
        [m.windowLabel, m.window],
        [m.rollbackLabel, m.rollback],
        [m.retentionLabel, m.retention],
      ],
      150,
    );
    if (m.contract) paragraph(doc, m.contract);
    heading(doc, m.timelineLabel, 3);
    paragraph(doc, m.timelineNote, { muted: true });
    table(
      doc,
      [
        { header: "", width: 0.22 },
        { header: "", width: 0.16 },
        { header: "", width: 0.62 },
      ],
      m.milestones.map((s) => ({ cells: [s.date ?? s.offset, s.whoLabel, s.text] })),
    );
    heading(doc, m.youLabel, 3);
    bullets(doc, m.you);
    heading(doc, m.usLabel, 3);
    bullets(doc, m.us);
    heading(doc, m.linesLabel, 3);
    facts(doc, [...m.lines.map((l) => [l.name, l.amount] as [string, string]), [m.totalLabel, m.total]], 250);
    paragraph(doc, m.linesNote, { muted: true });
    if (m.override) {
      heading(doc, m.override.title, 3);
      paragraph(doc, m.override.reason);
      if (m.override.changed) paragraph(doc, m.override.changed);
    }
    heading(doc, m.whyLabel, 3);
    bullets(doc, m.why, { size: 8.5 });
  }

  doc.addPage();
  heading(doc, view.terms.title, 1);
  bullets(doc, view.terms.paragraphs, { numbered: true });
  paragraph(doc, view.vatNote, { bold: true });

  ensureSpace(doc, 260);
  heading(doc, view.acceptance.title, 2);
  paragraph(doc, view.acceptance.text);
  paragraph(doc, view.acceptance.chosen, { bold: true });
  for (const option of view.acceptance.options) {
    ensureSpace(doc, 16);
    const y = doc.y;
    doc
      .rect(doc.page.margins.left, y + 1, 8, 8)
      .strokeColor(COLORS.text)
      .lineWidth(0.7)
      .stroke();
    doc
      .font("Helvetica")
      .fontSize(9.5)
      .fillColor(COLORS.text)
      .text(pdfText(option), doc.page.margins.left + 14, y);
    doc.moveDown(0.2);
  }
  doc.moveDown(0.5);
  for (const field of view.acceptance.fields) {
    ensureSpace(doc, 26);
    const y = doc.y + 12;
    doc
      .font("Helvetica")
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text(pdfText(field), doc.page.margins.left, y - 10);
    doc
      .moveTo(doc.page.margins.left + 110, y)
      .lineTo(doc.page.margins.left + contentWidth(doc), y)
      .strokeColor(COLORS.rule)
      .lineWidth(0.5)
      .stroke();
    doc.y = y + 8;
  }
  paragraph(doc, view.acceptance.online, { muted: true });

  pageFooters(
    doc,
    `${view.provider.legalName} · ${view.provider.vatId} · ${view.facts[0]?.join(" ") ?? ""}`,
    view.labels.page,
  );
  return pdfBytes(doc);
}

/** Built PDFs by quote, version, language and everything else they show; a few hundred KB each at most. */
const CACHE_LIMIT = 64;
const cache = new Map<string, Promise<Buffer>>();

/**
 * The PDF of a quote's shown version in `locale`, cached per version: the key also holds what can
 * change within a version (its acceptance, the company details and the terms), so a cached PDF never
 * says something the page no longer does.
 */
export async function proposalPdf(db: Executor, page: CustomerPage, locale: string): Promise<Buffer> {
  const [company, terms] = await Promise.all([companyProfile(db), currentLegalDocument(db, "terms")]);
  const commerce = page.commerce;
  const key = [
    page.quote.id,
    commerce.version,
    locale,
    company.logoVersion,
    JSON.stringify(company),
    terms?.version,
    commerce.acceptance?.acceptedAt ?? "",
    commerce.acceptable,
  ].join("|");
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const built = (async () => {
    const [t, logo] = await Promise.all([translatorFor(locale), company.hasLogo ? companyLogo(db) : null]);
    // The document's date is the version's publication, so the same version gives the same PDF.
    const createdAt = new Date(commerce.publishedAt ?? page.quote.createdAt);
    const view = presentProposalDocument(page, company, terms, t, locale, createdAt);
    return renderProposalPdf(view, logo?.bytes ?? null, createdAt);
  })();
  cache.set(key, built);
  built.catch(() => cache.delete(key));
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return built;
}

/** The PDF as a download: private like the page it comes from, named by reference, version and language. */
export async function proposalPdfResponse(db: Executor, page: CustomerPage, locale: string) {
  const bytes = await proposalPdf(db, page, locale);
  const name = `proposal-${page.quote.id.slice(0, 8).toUpperCase()}-v${page.commerce.version}-${locale}.pdf`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${name}"`,
      "Content-Length": String(bytes.length),
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
