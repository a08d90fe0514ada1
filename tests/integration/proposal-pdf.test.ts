import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { DEFAULT_COMPANY } from "~/domain/company";
import { companyProfile, currentLegalDocument, forgetCompanyCache, saveCompanyProfile } from "~/models/company.server";
import { customerPageByToken } from "~/models/customer-page.server";
import { presentProposalDocument } from "~/presenters/proposal-document";
import { translatorFor } from "~/services/quote.server";
import { getQuoteById } from "~/models/quote-request.server";
import { loader as quotePdf } from "~/routes/q.$token.proposal[.pdf]";
import { loader as sharePdf } from "~/routes/s.$token.proposal[.pdf]";
import { pdfText } from "~/services/pdf-layout.server";
import { formatMoney } from "~/utils/format";
import { createQuote, createShareLink, createStaff } from "../factories";
import { sundayNightMove } from "../fixtures/migration";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 17 item 2: the proposal PDF says what the page says, in the customer's language. */

const agencyMove = {
  requirements: {
    availability: "high" as const,
    termMonths: 12 as const,
    region: "eu" as const,
    migration: sundayNightMove,
  },
  workloads: [
    { kind: "web_app" as const, visitsPerDay: 20_000 },
    { kind: "database" as const, dataGb: 200 },
    { kind: "file_storage" as const, dataGb: 1500, access: "active" as const },
  ],
  contact: { name: "Ana García", email: "ana@example.com", company: "Agencia Sol" },
};

async function textOf(res: Response) {
  const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}
/** Wrapped lines and page breaks aside, the same words in the same order. */
const flat = (s: string) => pdfText(s).replace(/\s+/g, " ").trim();

const get = (path: string, language: string) =>
  new Request(`http://localhost${path}`, { headers: { "Accept-Language": language } });

describe.each(TEST_DATABASES)("proposal PDF on $name", (target) => {
  const database = useTestDatabase(target);

  it.each([
    ["en", "Server proposal", "Prices exclude VAT", "Terms of service (version", "Your move"],
    [
      "es",
      "Propuesta de servidores",
      "Los precios no incluyen el IVA",
      "Condiciones del servicio (versión",
      "Su traslado",
    ],
  ])(
    "in %s: identity, reference, every line with its reasons, totals equal to the page's",
    async (lang, title, vat, terms, move) => {
      const { db } = database();
      const quote = await createQuote(db, { ...agencyMove, locale: lang });
      const res = await quotePdf({
        request: get(`/q/${quote.token}/proposal.pdf`, lang),
        params: { token: quote.token },
        context: {},
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toBe("application/pdf");
      expect(res.headers.get("Cache-Control")).toContain("no-store");
      expect(res.headers.get("Content-Disposition")).toMatch(
        new RegExp(`proposal-${quote.id.slice(0, 8).toUpperCase()}-v1-${lang}\\.pdf`),
      );
      const text = flat(await textOf(res));

      const company = await companyProfile(db);
      expect(text).toContain(company.legalName);
      expect(text).toContain(company.vatId);
      expect(text).toContain(flat(company.address.split("\n")[0]!));
      expect(text).toContain(title);
      expect(text).toContain(quote.id.slice(0, 8).toUpperCase());
      expect(text).toContain(vat);
      expect(text).toContain(terms);
      expect(text).toContain(move);
      // The private link never goes into a document meant to be forwarded.
      expect(text).not.toContain(quote.token);

      const view = (await getQuoteById(db, quote.id))!;
      expect(view.proposals.length).toBeGreaterThanOrEqual(2);
      for (const p of view.proposals) {
        for (const money of [p.setupMinor, p.monthlyMinor, p.termTotalMinor])
          expect(text).toContain(flat(formatMoney(money, view.currency, lang)));
        for (const line of p.lines) {
          expect(text).toContain(
            flat(
              formatMoney(
                line.monthlyMinor === 0 && line.setupMinor ? line.setupMinor : line.monthlyMinor,
                view.currency,
                lang,
              ),
            ),
          );
        }
      }
    },
  );

  it("words every reason the page gives, not rule ids or placeholders", async () => {
    const { db } = database();
    const quote = await createQuote(db, { ...agencyMove, locale: "es" });
    const res = await quotePdf({
      request: get(`/q/${quote.token}/proposal.pdf`, "es"),
      params: { token: quote.token },
      context: {},
    });
    const text = flat(await textOf(res));
    expect(text).not.toMatch(/{{|}}|\bquote\.|\bfit\.|\bprice\.|\bmigration\./);
    expect(text).toMatch(/Por qué: \d+ × /);
    expect(text).toContain("Cómo lo hemos dimensionado");
    expect(text).toContain("Coste durante el plazo");
    expect(text).toMatch(/Página 1 de \d+/);

    // Every line, reason, inclusion and sizing sentence of every tier, as the presenter words them.
    const page = (await customerPageByToken(db, quote.token))!;
    const view = presentProposalDocument(
      page,
      await companyProfile(db),
      await currentLegalDocument(db, "terms"),
      await translatorFor("es"),
      "es",
    );
    expect(view.tiers.length).toBeGreaterThanOrEqual(2);
    for (const tier of view.tiers) {
      for (const line of tier.lines) {
        expect(text).toContain(flat(line.name));
        for (const why of line.why) expect(text).toContain(flat(why));
      }
      for (const sentence of [...tier.sized, ...tier.included, ...tier.notIncluded, ...tier.servers])
        expect(text).toContain(flat(sentence));
      for (const row of tier.timeline.rows) expect(text).toContain(flat(row.amount));
    }
    for (const clause of view.terms.paragraphs) expect(text).toContain(flat(clause));
    for (const step of view.move!.milestones) expect(text).toContain(flat(step.text));
  });

  it("is cached per version, and a change of company details shows in the next one", async () => {
    const { db } = database();
    const admin = await createStaff(db, "admin");
    const quote = await createQuote(db, { ...agencyMove, locale: "en" });
    const call = () =>
      quotePdf({ request: get(`/q/${quote.token}/proposal.pdf`, "en"), params: { token: quote.token }, context: {} });
    const first = new Uint8Array(await (await call()).arrayBuffer());
    const second = new Uint8Array(await (await call()).arrayBuffer());
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);

    const before = await companyProfile(db);
    try {
      await saveCompanyProfile(db, admin.user, { ...DEFAULT_COMPANY, legalName: "Hosting Renamed S.A." });
      const text = flat(await textOf(await call()));
      expect(text).toContain("Hosting Renamed S.A.");
    } finally {
      const { hasLogo: _h, logoVersion: _v, ...profile } = before;
      await saveCompanyProfile(db, admin.user, profile);
      forgetCompanyCache(db);
    }
  });

  it("answers 404 for an unknown or malformed token, and serves a live share link's version", async () => {
    const { db } = database();
    for (const token of ["nope", "A".repeat(43)]) {
      await expect(
        quotePdf({ request: get(`/q/${token}/proposal.pdf`, "en"), params: { token }, context: {} }),
      ).rejects.toMatchObject({ init: { status: 404 } });
      await expect(
        sharePdf({ request: get(`/s/${token}/proposal.pdf`, "en"), params: { token }, context: {} }),
      ).rejects.toMatchObject({ init: { status: 404 } });
    }
    const sales = await createStaff(db, "sales");
    const quote = await createQuote(db, { ...agencyMove, locale: "en" });
    const link = await createShareLink(db, { quoteRequestId: quote.id, createdBy: sales.user.id });
    const res = await sharePdf({ request: get(link.path, "en"), params: { token: link.token }, context: {} });
    expect(res.status).toBe(200);
    const text = flat(await textOf(res));
    expect(text).toContain(quote.id.slice(0, 8).toUpperCase());
    expect(text).not.toContain(link.token);
  });
});
