import { getDb } from "#db/client.server";
import { companyProfile } from "~/models/company.server";
import { footerLinks, presentCompany } from "~/presenters/company";
import { translatorFor } from "~/services/quote.server";

/** The provider footer of every customer page, worded in the reader's language (root.tsx). */
export async function siteFooter(locale: string) {
  const [company, t] = await Promise.all([companyProfile(getDb()), translatorFor(locale)]);
  return {
    company: presentCompany(company, t, locale),
    links: footerLinks(t),
    label: t("company.footerLabel"),
    account: t("account.title"),
  };
}
