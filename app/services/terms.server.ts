import type { Executor } from "#db/client.server";
import { currentLegalDocument } from "~/models/company.server";
import { TERMS_VERSION } from "~/utils/terms";

/**
 * The terms of service in force (company settings, /staff/company), in the reader's language: what
 * the acceptance form shows and what an acceptance must name. Before migration 0017 published the
 * first version there were none in the database; TERMS_VERSION names that first version.
 */
export async function termsInForce(db: Executor, locale: string) {
  const document = await currentLegalDocument(db, "terms");
  if (!document) return { version: TERMS_VERSION, paragraphs: [] as string[] };
  return { version: document.version, paragraphs: document.paragraphs[locale === "es" ? "es" : "en"] };
}
