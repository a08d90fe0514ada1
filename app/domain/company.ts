import { z } from "zod";

/**
 * Who the provider is: the facts a B2B buyer's manager and finance look for before they trust a
 * proposal (legal name, address, VAT ID, registration), how to reach support and when, and where the
 * servers stand. One record, edited by an admin (/staff/company), shown in the footer of every
 * customer page, on the home page, in e-mails and in documents (PDF proposals and receipts).
 */

/** ISO 3166-1 alpha-2: country names are worded per language with Intl.DisplayNames. */
const countryCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, "Use the two-letter country code (DE, FI, US).")
  .transform((c) => c.toUpperCase());

export const dataCentreSchema = z.object({
  city: z.string().trim().min(1, "Name the city.").max(60),
  country: countryCode,
});
export type DataCentre = z.infer<typeof dataCentreSchema>;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use 24-hour time, e.g. 08:00.");

/** Support hours as facts, so each language words them itself (weekday names, time format). */
export const supportHoursSchema = z
  .object({
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1, "Choose at least one day.").max(7),
    opensAt: time,
    closesAt: time,
    timeZone: z.string().refine(isTimeZone, "Not a time zone this server knows (e.g. Europe/Madrid)."),
    /** Outages (a server down) are taken at any hour, not only during the hours above. */
    outagesAroundTheClock: z.boolean(),
  })
  .refine((h) => h.opensAt < h.closesAt, { message: "Closing time must be after opening time.", path: ["closesAt"] });
export type SupportHours = z.infer<typeof supportHoursSchema>;

export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "Required.")
    .max(max)
    .refine((s) => !/[\r\n]/.test(s), "One line only.");

export const companyProfileSchema = z.object({
  legalName: line(120),
  /** Street, postcode and city, country: one line each. */
  address: z
    .string()
    .trim()
    .min(1, "Required.")
    .max(300)
    .transform((s) =>
      s
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .join("\n"),
    )
    .refine((s) => s.split("\n").length <= 5, "At most 5 lines."),
  vatId: line(20).refine((v) => /^[A-Z]{2}[0-9A-Z+*.]{2,13}$/.test(v.replace(/\s/g, "")), {
    message: "A VAT ID starts with the country code, e.g. ESB12345678.",
  }),
  registration: line(200),
  phone: line(30).refine((p) => /^\+?[0-9 ()./-]{6,30}$/.test(p), "A phone number, e.g. +34 910 000 000."),
  email: z.email("An e-mail address.").max(254),
  supportHours: supportHoursSchema,
  dataCentres: z.array(dataCentreSchema).min(1, "Name at least one data centre.").max(12),
});
export type CompanyProfile = z.infer<typeof companyProfileSchema>;

/** What a fresh install shows until an admin fills in the real company. */
export const DEFAULT_COMPANY: CompanyProfile = {
  legalName: "SpecDesk Hosting S.L.",
  address: "Calle de Alcalá 123\n28009 Madrid\nSpain",
  vatId: "ESB12345678",
  registration: "Registro Mercantil de Madrid, tomo 41234, folio 1, hoja M-730000",
  phone: "+34 910 000 000",
  email: "support@specdesk.local",
  supportHours: {
    weekdays: [1, 2, 3, 4, 5],
    opensAt: "08:00",
    closesAt: "20:00",
    timeZone: "Europe/Madrid",
    outagesAroundTheClock: true,
  },
  dataCentres: [
    { city: "Falkenstein", country: "DE" },
    { city: "Nuremberg", country: "DE" },
    { city: "Helsinki", country: "FI" },
    { city: "Ashburn", country: "US" },
  ],
};

export type LegalDocumentKind = "terms" | "privacy";
export const LEGAL_DOCUMENT_KINDS: readonly LegalDocumentKind[] = ["terms", "privacy"];

/** A document's text: one paragraph or clause per line (blank lines ignored), in each language. */
const body = z
  .string()
  .trim()
  .min(1, "Required.")
  .max(20_000)
  .transform((s) =>
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .join("\n"),
  );

export const legalDocumentSchema = z.object({
  kind: z.enum(["terms", "privacy"]),
  /** A date-like label customers see and acceptances record, e.g. 2027-01-15 or 2027-01-15.2. */
  version: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(\.\d{1,2})?$/, "Use the date of the version, e.g. 2027-01-15 (or 2027-01-15.2)."),
  bodyEn: body,
  bodyEs: body,
});
export type LegalDocumentInput = z.infer<typeof legalDocumentSchema>;

export const paragraphsOf = (body: string) => body.split("\n").filter(Boolean);

/** "Monday to Friday, 08:00–20:00 (Europe/Madrid)"; every day reads "every day". */
export function describeSupportHours(
  hours: SupportHours,
  locale: string,
  words: { everyDay: string; range: (from: string, to: string) => string; list: (days: string[]) => string },
) {
  const weekday = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  // 2024-01-01 was a Monday: ISO weekday d is 2024-01-0d.
  const name = (d: number) => weekday.format(Date.UTC(2024, 0, d));
  const days = [...new Set(hours.weekdays)].sort((a, b) => a - b);
  const contiguous = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  const when =
    days.length === 7
      ? words.everyDay
      : contiguous && days.length > 2
        ? words.range(name(days[0]!), name(days[days.length - 1]!))
        : words.list(days.map(name));
  return `${when}, ${hours.opensAt}–${hours.closesAt} (${hours.timeZone})`;
}

export function countryName(code: string, locale: string) {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Accents, case and spacing aside: "ESPAÑA", "Espana" and "españa" read the same. */
const foldName = (name: string) =>
  name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/** Codes that name no country: unknown, user-assigned (Kosovo's XK aside) and groupings (EU, UN…). */
const NOT_A_COUNTRY = /^(AA|EU|EZ|QO|Q[M-Z]|UN|X[A-JL-Z]|ZZ)$/;

/** Country codes by their names in the customers' languages (built on first use). */
let countryCodes: Map<string, string> | undefined;
/** The customers' languages (SUPPORTED_LANGUAGES in app/i18n.ts; the domain imports nothing outside it). */
const NAMED_IN = ["en", "es"];
function countryCodeOf(line: string): string | undefined {
  if (!countryCodes) {
    countryCodes = new Map();
    const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (const language of NAMED_IN) {
      const names = new Intl.DisplayNames([language], { type: "region", fallback: "none" });
      for (const a of letters)
        for (const b of letters) {
          const code = a + b;
          const name = NOT_A_COUNTRY.test(code) ? undefined : names.of(code);
          if (!name) continue;
          if (!countryCodes.has(foldName(name))) countryCodes.set(foldName(name), code);
        }
    }
  }
  // Names only: a bare two-letter line ("CA", "DE") may as well be a state or a region.
  return countryCodes.get(foldName(line.trim()));
}

/**
 * The company's address, one line each, for a reader in `locale`. The address is typed free-form
 * (country last, as the form asks), so a last line that names a country (in English or Spanish) is
 * worded in the reader's language: "Spain" reads "España" in Spanish.
 * Any other line is shown as typed.
 */
export function addressLinesFor(address: string, locale: string): string[] {
  const lines = address.split("\n");
  const last = lines.length > 1 ? lines[lines.length - 1]! : undefined;
  const code = last ? countryCodeOf(last) : undefined;
  if (code) lines[lines.length - 1] = countryName(code, locale);
  return lines;
}
