import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SiteFooter } from "~/components/site-footer";
import { DEFAULT_COMPANY, addressLinesFor } from "~/domain/company";
import { presentCompany } from "~/presenters/company";
import { translatorFor } from "~/services/quote.server";

/** The company's country, typed as the address's last line, reads in the customer's language. */
describe("the company address in the reader's language", () => {
  it("words a last line naming a country (English or Spanish) in the reader's language", () => {
    expect(addressLinesFor("Calle de Alcalá 123\n28009 Madrid\nSpain", "es")).toEqual([
      "Calle de Alcalá 123",
      "28009 Madrid",
      "España",
    ]);
    expect(addressLinesFor("Calle de Alcalá 123\n28009 Madrid\nSpain", "en")).toEqual([
      "Calle de Alcalá 123",
      "28009 Madrid",
      "Spain",
    ]);
    expect(addressLinesFor("Gran Vía 1\nESPAÑA", "en")).toEqual(["Gran Vía 1", "Spain"]);
    expect(addressLinesFor("Gran Vía 1\nespana", "es")).toEqual(["Gran Vía 1", "España"]);
    expect(addressLinesFor("Hauptstraße 5\n10115 Berlin\nGermany", "es")).toEqual([
      "Hauptstraße 5",
      "10115 Berlin",
      "Alemania",
    ]);
    expect(addressLinesFor("1 Main St\nAshburn, VA 20147\nUnited States", "es").at(-1)).toBe("Estados Unidos");
  });

  it("leaves every other line as typed", () => {
    expect(addressLinesFor("Calle de Alcalá 123\n28009 Madrid", "es")).toEqual(["Calle de Alcalá 123", "28009 Madrid"]);
    // A one-line address is not a country on its own line.
    expect(addressLinesFor("Spain", "es")).toEqual(["Spain"]);
    // Only the last line: a street named after a country stays.
    expect(addressLinesFor("Spain\n28009 Madrid", "es")).toEqual(["Spain", "28009 Madrid"]);
    // A bare two-letter line may be a state or a region ("CA"): not read as a country code.
    expect(addressLinesFor("1 Market St\nSan Francisco\nCA", "es")).toEqual(["1 Market St", "San Francisco", "CA"]);
    // Groupings and unknown codes are not countries.
    expect(addressLinesFor("Rue de la Loi 1\nEU", "es")).toEqual(["Rue de la Loi 1", "EU"]);
    expect(addressLinesFor("Rue de la Loi 1\nZZ", "es")).toEqual(["Rue de la Loi 1", "ZZ"]);
  });

  it("the customer footer shows España on Spanish pages and Spain on English ones", async () => {
    const footer = async (locale: string) =>
      renderToStaticMarkup(
        createElement(SiteFooter, {
          company: presentCompany(DEFAULT_COMPANY, await translatorFor(locale), locale),
          links: [],
          label: "footer",
        }),
      );
    const spanish = await footer("es");
    expect(spanish).toContain("<span>España</span>");
    expect(spanish).not.toContain("Spain");
    expect(await footer("en")).toContain("<span>Spain</span>");
  });
});
