import PDFDocument from "pdfkit";

/**
 * What proposals and receipts share when drawn with pdfkit: an A4 page with margins, the standard
 * Helvetica fonts (no font files to ship; they cover Spanish and the euro sign in WinAnsi), headings,
 * paragraphs, bullet lists, a table that breaks across pages, and a footer on every page.
 *
 * pdfkit, not a headless browser or @react-pdf/renderer: it is a small, long-maintained, pure
 * JavaScript library (Node 20 is fine), draws in milliseconds, and keeps every byte of the PDF code
 * on the server (the routes import it only from .server modules).
 */
export type Pdf = InstanceType<typeof PDFDocument>;

const MARGIN = 50;
export const COLORS = { text: "#111827", muted: "#4b5563", rule: "#d1d5db", accent: "#1d4ed8", light: "#93c5fd" };

/** Characters the standard fonts cannot encode, replaced by their nearest WinAnsi text. */
const REPLACEMENTS: Record<string, string> = {
  "\u202f": " ",
  "\u2009": " ",
  "\u2007": " ",
  "\u2212": "-",
  "\u2011": "-",
  "\u2265": ">=",
  "\u2264": "<=",
  "\u2192": "->",
  "\u2248": "~",
  "\u2713": "x",
};
export function pdfText(text: string): string {
  return text.replace(/[\u202f\u2009\u2007\u2212\u2011\u2265\u2264\u2192\u2248\u2713]/g, (c) => REPLACEMENTS[c] ?? c);
}

export function createPdf(info: { title: string; author: string; language: string; createdAt: Date }): Pdf {
  return new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: info.language,
    displayTitle: true,
    info: {
      Title: pdfText(info.title),
      Author: pdfText(info.author),
      Creator: "SpecDesk",
      CreationDate: info.createdAt,
      ModDate: info.createdAt,
    },
  });
}

export const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` more points fit on this one. */
export function ensureSpace(doc: Pdf, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

export function heading(doc: Pdf, text: string, level: 1 | 2 | 3 = 2) {
  const size = level === 1 ? 18 : level === 2 ? 14 : 11;
  ensureSpace(doc, size * 3);
  doc.moveDown(level === 1 ? 0 : 0.6);
  doc
    .font("Helvetica-Bold")
    .fontSize(size)
    .fillColor(COLORS.text)
    .text(pdfText(text), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

export function paragraph(doc: Pdf, text: string, options: { size?: number; muted?: boolean; bold?: boolean } = {}) {
  const size = options.size ?? 9.5;
  doc
    .font(options.bold ? "Helvetica-Bold" : "Helvetica")
    .fontSize(size)
    .fillColor(options.muted ? COLORS.muted : COLORS.text);
  ensureSpace(doc, doc.heightOfString(pdfText(text), { width: contentWidth(doc) }) + 2);
  doc.text(pdfText(text), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.25);
}

export function bullets(doc: Pdf, items: readonly string[], options: { numbered?: boolean; size?: number } = {}) {
  const size = options.size ?? 9.5;
  const indent = 14;
  doc.font("Helvetica").fontSize(size).fillColor(COLORS.text);
  items.forEach((item, i) => {
    const text = pdfText(item);
    const width = contentWidth(doc) - indent;
    ensureSpace(doc, doc.heightOfString(text, { width }) + 2);
    const y = doc.y;
    doc.text(options.numbered ? `${i + 1}.` : "•", doc.page.margins.left, y, { width: indent });
    doc.text(text, doc.page.margins.left + indent, y, { width });
    doc.moveDown(0.15);
  });
  doc.moveDown(0.2);
}

/** Label / value pairs in two columns. */
export function facts(doc: Pdf, pairs: readonly [string, string][], labelWidth = 130) {
  doc.fontSize(9.5);
  for (const [label, value] of pairs) {
    const width = contentWidth(doc) - labelWidth;
    ensureSpace(doc, doc.heightOfString(pdfText(value), { width }) + 2);
    const y = doc.y;
    doc
      .font("Helvetica-Bold")
      .fillColor(COLORS.muted)
      .text(pdfText(label), doc.page.margins.left, y, { width: labelWidth - 8 });
    const afterLabel = doc.y;
    doc
      .font("Helvetica")
      .fillColor(COLORS.text)
      .text(pdfText(value), doc.page.margins.left + labelWidth, y, { width });
    doc.y = Math.max(doc.y, afterLabel);
    doc.moveDown(0.1);
  }
  doc.moveDown(0.3);
}

export interface Column {
  header: string;
  /** Share of the content width. */
  width: number;
  align?: "left" | "right";
}

/**
 * A table: a header row repeated on each page it spans, then rows; `notes` under a row (its "why"
 * sentences) run the full width in a smaller, muted type.
 */
export function table(doc: Pdf, columns: readonly Column[], rows: readonly { cells: string[]; notes?: string[] }[]) {
  const left = doc.page.margins.left;
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const pad = 3;
  const drawHeader = () => {
    doc.font("Helvetica-Bold").fontSize(8.5).fillColor(COLORS.muted);
    const y = doc.y;
    columns.forEach((c, i) =>
      doc.text(pdfText(c.header), xs[i]! + pad, y, { width: widths[i]! - pad * 2, align: c.align ?? "left" }),
    );
    doc.y = y + 12;
    doc
      .moveTo(left, doc.y)
      .lineTo(left + total, doc.y)
      .strokeColor(COLORS.rule)
      .lineWidth(0.5)
      .stroke();
    doc.y += 3;
  };
  ensureSpace(doc, 40);
  drawHeader();
  for (const row of rows) {
    doc.font("Helvetica").fontSize(9);
    const cellHeight = Math.max(
      ...row.cells.map((cell, i) => doc.heightOfString(pdfText(cell), { width: widths[i]! - pad * 2 })),
    );
    if (doc.y + cellHeight + 4 > bottom(doc)) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    row.cells.forEach((cell, i) =>
      doc
        .font("Helvetica")
        .fontSize(9)
        .fillColor(COLORS.text)
        .text(pdfText(cell), xs[i]! + pad, y, { width: widths[i]! - pad * 2, align: columns[i]!.align ?? "left" }),
    );
    doc.y = y + cellHeight + 2;
    for (const note of row.notes ?? []) {
      doc.font("Helvetica").fontSize(7.5).fillColor(COLORS.muted);
      const text = pdfText(note);
      const h = doc.heightOfString(text, { width: total - pad * 2 - 10 });
      if (doc.y + h > bottom(doc)) {
        doc.addPage();
        drawHeader();
      }
      doc.text(text, left + pad + 10, doc.y, { width: total - pad * 2 - 10 });
    }
    doc.y += 2;
    doc
      .moveTo(left, doc.y)
      .lineTo(left + total, doc.y)
      .strokeColor(COLORS.rule)
      .lineWidth(0.3)
      .stroke();
    doc.y += 3;
  }
  doc.moveDown(0.4);
}

/** The provider's identity at the top of the first page: logo or name on the left, details on the right. */
export function letterhead(
  doc: Pdf,
  provider: { legalName: string; addressLines: string[]; vatId: string; phone: string; email: string },
  logo: Buffer | null,
) {
  const left = doc.page.margins.left;
  const top = doc.page.margins.top;
  const right = left + contentWidth(doc);
  if (logo) {
    try {
      doc.image(logo, left, top, { fit: [140, 48] });
    } catch {
      // A logo pdfkit cannot read (the upload checks the type, not every detail): the name instead.
      doc.font("Helvetica-Bold").fontSize(13).fillColor(COLORS.text).text(pdfText(provider.legalName), left, top);
    }
  } else {
    doc
      .font("Helvetica-Bold")
      .fontSize(13)
      .fillColor(COLORS.text)
      .text(pdfText(provider.legalName), left, top, { width: 240 });
  }
  const details = [
    provider.legalName,
    ...provider.addressLines,
    provider.vatId,
    `${provider.phone} · ${provider.email}`,
  ];
  doc.font("Helvetica").fontSize(8).fillColor(COLORS.muted);
  doc.text(pdfText(details.join("\n")), right - 220, top, { width: 220, align: "right" });
  doc.y = Math.max(doc.y, top + 56) + 10;
  doc.moveTo(left, doc.y).lineTo(right, doc.y).strokeColor(COLORS.rule).lineWidth(0.5).stroke();
  doc.y += 12;
}

/** A bar per month (the contract; the predicted upgrade lighter on top), as on the page. */
export function barChart(
  doc: Pdf,
  bars: readonly { contract: number; upgrade: number; oneOff: boolean }[],
  axisMax: string,
) {
  const height = 70;
  ensureSpace(doc, height + 20);
  const left = doc.page.margins.left;
  const width = contentWidth(doc) - 60;
  const top = doc.y;
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.max(1.5, slot * 0.7);
  bars.forEach((b, i) => {
    const x = left + i * slot + (slot - barWidth) / 2;
    const h = b.contract * height;
    doc.rect(x, top + height - h, barWidth, h).fill(b.oneOff ? "#1e3a8a" : COLORS.accent);
    if (b.upgrade > 0) {
      const u = b.upgrade * height;
      doc.rect(x, top + height - h - u, barWidth, u).fill(COLORS.light);
    }
  });
  doc
    .moveTo(left, top + height)
    .lineTo(left + width, top + height)
    .strokeColor(COLORS.muted)
    .lineWidth(0.5)
    .stroke();
  doc
    .font("Helvetica")
    .fontSize(7)
    .fillColor(COLORS.muted)
    .text(pdfText(axisMax), left + width + 4, top - 3, { width: 56 });
  doc.y = top + height + 8;
}

/** "Legal name · VAT ID · Page n of m" at the foot of every page (after the content is laid out). */
export function pageFooters(doc: Pdf, left: string, pageLabel: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - doc.page.margins.bottom + 8;
    const bottomMargin = doc.page.margins.bottom;
    // Writing inside the bottom margin must not start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font("Helvetica")
      .fontSize(7.5)
      .fillColor(COLORS.muted)
      .text(pdfText(left), doc.page.margins.left, y, { width: contentWidth(doc) - 120, lineBreak: false });
    doc.text(
      pdfText(pageLabel.replace("{{page}}", String(i + 1)).replace("{{pages}}", String(range.count))),
      doc.page.width - doc.page.margins.right - 120,
      y,
      { width: 120, align: "right", lineBreak: false },
    );
    doc.page.margins.bottom = bottomMargin;
  }
}

/** The finished document's bytes. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}
