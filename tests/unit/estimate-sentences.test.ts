import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { estimate } from "~/domain/engine";
import type { QuoteInput } from "~/domain/quote-input";
import { i18next } from "~/i18next.server";
import { presentEstimate } from "~/presenters/estimate";
import { translatorFor } from "~/services/quote.server";
import { seedCatalog } from "../fixtures/catalog";

const catalog = seedCatalog();
/** Requests that share some sentences (the catalog's, the tiers') and differ in others (their figures). */
const inputs: QuoteInput[] = Array.from({ length: 6 }, (_, i) => ({
  requirements: { availability: i % 2 ? "high" : "standard", termMonths: 12, region: "eu" },
  workloads: [
    { kind: "web_app", visitsPerDay: 20_000 + i * 1_357 },
    { kind: "database", dataGb: 50 + i * 7.5 },
    ...(i % 3 ? [{ kind: "file_storage" as const, dataGb: 500 + i * 100 }] : []),
  ],
}));

describe("estimate sentences (rendered once per response, remembered per translation function)", () => {
  it.each(["en", "es"])("every response reads as one rendered from scratch, cold and warm (%s)", async (locale) => {
    const shared = await translatorFor(locale);
    expect(await translatorFor(locale)).toBe(shared);
    for (const round of [1, 2]) {
      for (const input of inputs) {
        const result = estimate(input, catalog);
        // A fresh i18next translation function: nothing remembered anywhere.
        const fresh = presentEstimate(result, await i18next.getFixedT(locale), locale);
        expect(presentEstimate(result, shared, locale), `round ${round}`).toEqual(fresh);
      }
    }
  });

  it("keeps the sentences of one translation function away from another's", async () => {
    const result = estimate(inputs[1]!, catalog);
    const en = await translatorFor("en");
    const english = presentEstimate(result, en, "en");
    // Another function with the same locale tag (a test double that shouts) gets its own sentences.
    const shout = ((...args: Parameters<TFunction>) => String(en(...args)).toUpperCase()) as unknown as TFunction;
    const shouted = presentEstimate(result, shout, "en");
    expect(shouted.proposals[0]!.explanation[0]!.text).toBe(english.proposals[0]!.explanation[0]!.text.toUpperCase());
    expect(presentEstimate(result, en, "en")).toEqual(english);
  });
});
