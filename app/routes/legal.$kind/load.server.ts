import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { companyProfile, currentLegalDocument, legalDocumentVersion } from "~/models/company.server";
import { presentCompany } from "~/presenters/company";
import { translatorFor } from "~/services/quote.server";
import { formatDate } from "~/utils/format";

const paramsSchema = z.object({ kind: z.enum(["imprint", "terms", "privacy"]) });
const versionSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\d{1,2})?$/);

/** The company's details, terms of service and privacy policy: public, in the reader's language. */
export async function legalPage(request: Request, kindParam: string | undefined) {
  const parsed = paramsSchema.safeParse({ kind: kindParam });
  if (!parsed.success) throw data(null, { status: 404 });
  const { kind } = parsed.data;
  const db = getDb();
  const locale = await i18next.getLocale(request);
  const t = await translatorFor(locale);
  if (kind === "imprint") {
    const company = presentCompany(await companyProfile(db), t, locale);
    return { kind, title: t("company.imprint"), company, document: null, notice: null };
  }
  const current = await currentLegalDocument(db, kind);
  if (!current) throw data(null, { status: 404 });
  // An acceptance records a version: ?version= shows exactly what was agreed to.
  const asked = new URL(request.url).searchParams.get("version");
  const wanted = asked && versionSchema.safeParse(asked).success ? asked : current.version;
  const document = wanted === current.version ? current : await legalDocumentVersion(db, kind, wanted);
  if (!document) throw data(null, { status: 404 });
  const language = locale === "es" ? "es" : "en";
  return {
    kind,
    title: t(kind === "terms" ? "company.terms" : "company.privacy"),
    company: null,
    document: {
      version: t("company.version", { version: document.version, date: formatDate(document.publishedAt, locale) }),
      paragraphs: document.paragraphs[language],
    },
    notice: document.version === current.version ? null : t("company.olderVersion", { version: current.version }),
  };
}
