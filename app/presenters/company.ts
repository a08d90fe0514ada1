import type { TFunction } from "i18next";
import { type CompanyProfile, addressLinesFor, countryName, describeSupportHours } from "~/domain/company";

/**
 * The provider as customers read it, worded on the server in their language: the footer of every
 * customer page, the home page, e-mails and documents all use these lines, so they say the same.
 */
export interface CompanyIdentity {
  legalName: string;
  addressLines: string[];
  vatId: string;
  registration: string;
  phone: string;
  email: string;
  supportHours: string;
  outages: string | null;
  dataCentres: string;
  logoUrl: string | null;
}

/** Worded once per company record and language (the model hands out the same record until it changes). */
const worded = new WeakMap<object, Map<string, CompanyIdentity>>();

export function presentCompany(
  company: CompanyProfile & { hasLogo?: boolean; logoVersion?: string },
  t: TFunction,
  locale: string,
): CompanyIdentity {
  let byLocale = worded.get(company);
  if (!byLocale) worded.set(company, (byLocale = new Map()));
  const hit = byLocale.get(locale);
  if (hit) return hit;
  const identity = wordCompany(company, t, locale);
  byLocale.set(locale, identity);
  return identity;
}

function wordCompany(
  company: CompanyProfile & { hasLogo?: boolean; logoVersion?: string },
  t: TFunction,
  locale: string,
): CompanyIdentity {
  const list = (items: string[]) => new Intl.ListFormat(locale, { type: "conjunction" }).format(items);
  const hours = describeSupportHours(company.supportHours, locale, {
    everyDay: t("company.everyDay"),
    range: (from, to) => t("company.dayRange", { from, to }),
    list,
  });
  return {
    legalName: company.legalName,
    addressLines: addressLinesFor(company.address, locale),
    vatId: t("company.vatId", { id: company.vatId }),
    registration: company.registration,
    phone: company.phone,
    email: company.email,
    supportHours: t("company.supportHours", { hours }),
    outages: company.supportHours.outagesAroundTheClock ? t("company.outagesAroundTheClock") : null,
    dataCentres: t("company.dataCentres", {
      list: list(
        company.dataCentres.map((d) =>
          t("company.dataCentre", { city: d.city, country: countryName(d.country, locale) }),
        ),
      ),
    }),
    logoUrl: company.hasLogo ? `/company/logo?v=${company.logoVersion}` : null,
  };
}

/** The footer's links, worded: company details, terms, privacy. */
export const footerLinks = (t: TFunction) => [
  { to: "/legal/imprint", label: t("company.imprint") },
  { to: "/legal/terms", label: t("company.terms") },
  { to: "/legal/privacy", label: t("company.privacy") },
];
