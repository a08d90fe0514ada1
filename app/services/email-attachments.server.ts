import type { Database } from "#db/client.server";
import type { EmailAttachmentRef } from "~/models/outbox.server";
import { customerPageById } from "~/models/customer-page.server";
import { cutoverIcs } from "./cutover.server";
import { maintenanceIcs } from "./maintenance.server";
import { proposalPdf } from "./proposal-pdf.server";

export interface EmailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * Builds the document an outbox message names, when it is sent: the outbox keeps a reference, not
 * the bytes (they would sit in the database after sending), and the PDF is the version's as it is
 * then. Null when the quote or version no longer exists; the message then goes without it.
 */
export async function buildAttachment(db: Database, ref: EmailAttachmentRef): Promise<EmailAttachment | null> {
  if (ref.kind === "cutover_ics") {
    const ics = await cutoverIcs(db, ref.windowId, ref.locale);
    return ics
      ? { filename: "cutover.ics", content: Buffer.from(ics, "utf8"), contentType: "text/calendar; charset=utf-8" }
      : null;
  }
  if (ref.kind === "maintenance_ics") {
    const ics = await maintenanceIcs(db, ref.windowId, ref.locale);
    return ics
      ? { filename: "maintenance.ics", content: Buffer.from(ics, "utf8"), contentType: "text/calendar; charset=utf-8" }
      : null;
  }
  const page = await customerPageById(db, ref.quoteRequestId, ref.version);
  if (!page || page.quote.proposals.length === 0) return null;
  const content = await proposalPdf(db, page, ref.locale);
  return {
    filename: `proposal-${ref.quoteRequestId.slice(0, 8).toUpperCase()}-v${ref.version}-${ref.locale}.pdf`,
    content,
    contentType: "application/pdf",
  };
}
