import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nConfig } from "~/i18n";
import { resources } from "~/locales";
import { termLabel } from "~/routes/quote.new/requirements-step";
import { termDiscountPercents } from "~/routes/quote.new/term-discounts";

async function tFor(lng: "en" | "es") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, lng, resources });
  return i18n.t;
}

describe("the wizard's texts", () => {
  it.each([
    ["en", "Monthly", "12 months (−3 %)", "24 months (−5 %)", "36 months (−12.5 %)"],
    ["es", "Mensual", "12 meses (−3 %)", "24 meses (−5 %)", "36 meses (−12,5 %)"],
  ] as const)("in %s each term says what it saves", async (lng, ...expected) => {
    const percents = termDiscountPercents({ 1: 0, 12: 300, 24: 500, 36: 1250 }, lng);
    expect(percents[1]).toBeUndefined();
    const t = await tFor(lng);
    expect(([1, 12, 24, 36] as const).map((m) => termLabel(t, m, percents[m]))).toEqual(expected);
  });

  it("a book without term discounts shows the terms alone", async () => {
    const percents = termDiscountPercents({ 1: 0, 12: 0, 24: 0, 36: 0 }, "en");
    const t = await tFor("en");
    expect(([1, 12, 24, 36] as const).map((m) => termLabel(t, m, percents[m]))).toEqual([
      "Monthly",
      "12 months",
      "24 months",
      "36 months",
    ]);
  });

  it("the error summary uses real plurals", async () => {
    expect((await tFor("en"))("wizard.errorSummary", { count: 1 })).toBe("1 answer needs attention");
    expect((await tFor("en"))("wizard.errorSummary", { count: 2 })).toBe("2 answers need attention");
    expect((await tFor("es"))("wizard.errorSummary", { count: 1 })).toBe("1 respuesta necesita su atención");
    expect((await tFor("es"))("wizard.errorSummary", { count: 3 })).toBe("3 respuestas necesitan su atención");
  });
});
