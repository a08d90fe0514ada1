import { describe, expect, it } from "vitest";
import { estimate } from "~/domain/engine";
import type { QuoteInput } from "~/domain/quote-input";
import { i18next } from "~/i18next.server";
import { presentEstimate } from "~/presenters/estimate";
import { translatorFor } from "~/services/quote.server";
import { seedCatalog } from "../fixtures/catalog";

const catalog = seedCatalog();
const inputs: QuoteInput[] = [
  {
    requirements: { availability: "standard", termMonths: 12, region: "eu" },
    workloads: [{ kind: "web_app", visitsPerDay: 1100 }],
  },
  {
    requirements: { availability: "high", termMonths: 24, region: "eu" },
    workloads: [
      { kind: "web_app", visitsPerDay: 20_000 },
      { kind: "database", dataGb: 50 },
      { kind: "file_storage", dataGb: 500 },
    ],
  },
];

describe("translatorFor (one i18next instance per language, answers remembered per request)", () => {
  it.each(["en", "es"])("renders an estimate exactly as a fresh getFixedT does (%s)", async (locale) => {
    for (const input of inputs) {
      const result = estimate(input, catalog);
      const fresh = presentEstimate(result, await i18next.getFixedT(locale), locale);
      expect(presentEstimate(result, await translatorFor(locale), locale)).toEqual(fresh);
    }
  });

  it("answers each call by its options and language, also when the same call comes again", async () => {
    const en = await translatorFor("en");
    const es = await translatorFor("es");
    const one = en("quote.threads", { count: 1 });
    const two = en("quote.threads", { count: 2 });
    expect(one).not.toBe(two);
    expect(en("quote.threads", { count: 1 })).toBe(one);
    expect(en("quote.threads", { count: 2 })).toBe(two);
    expect(es("quote.threads", { count: 2 })).not.toBe(two);
    expect(es("quote.threads", { count: 2 })).toBe((await i18next.getFixedT("es"))("quote.threads", { count: 2 }));
    // Options that are not plain values are passed through, unremembered, and still answered.
    const reference = await i18next.getFixedT("en");
    expect(en("quote.threads", { count: 3, extra: { nested: true } })).toBe(
      reference("quote.threads", { count: 3, extra: { nested: true } }),
    );
  });
});
