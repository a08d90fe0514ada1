import { describe, expect, it } from "vitest";
import { quoteRequestSchema } from "~/domain/quote-input";
import { i18next } from "~/i18next.server";
import { didYouMean, editDistance } from "~/utils/did-you-mean";
import { fieldErrors, zodErrorMap } from "~/utils/validation";

const DATABASE = [
  "kind",
  "name",
  "measured",
  "engine",
  "dataGb",
  "peakQueriesPerSecond",
  "writePercent",
  "hotDataPercent",
];
const WEB_APP = [
  "kind",
  "name",
  "measured",
  "visitsPerDay",
  "pagesPerVisit",
  "pageWeightKb",
  "dynamicPages",
  "cacheOffloadPercent",
  "storageGb",
];

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["visitsperdday", "visitsperday", 1],
    ["ab", "ba", 1], // an adjacent swap is one edit
    ["datagb", "dtaagb", 1],
  ])("%j → %j is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it("stops past the limit with limit + 1", () => {
    expect(editDistance("kitten", "sitting", 1)).toBe(2);
    expect(editDistance("a", "abcdefgh", 2)).toBe(3);
  });
});

describe("didYouMean", () => {
  it.each([
    ["queriesPerSecond", DATABASE, "peakQueriesPerSecond"], // a known name contains it
    ["visitsPerdDay", WEB_APP, "visitsPerDay"], // one letter too many
    ["visitsperday", WEB_APP, "visitsPerDay"], // case
    ["visits_per_day", WEB_APP, "visitsPerDay"], // snake case
    ["pagesPreVisit", WEB_APP, "pagesPerVisit"], // a swap
    ["storageGB", WEB_APP, "storageGb"],
    ["datagb", DATABASE, "dataGb"],
    ["engin", DATABASE, "engine"],
    ["hotDataPercentage", DATABASE, "hotDataPercent"],
  ])("%s → %s", (unknown, known, expected) => {
    expect(didYouMean(unknown, known)).toBe(expected);
  });

  it.each(["colour", "foo", "x", "", "qps", "phone", "a".repeat(65), "queriesPerSecond".repeat(5)])(
    "suggests nothing for %j among a database's fields",
    (unknown) => {
      expect(didYouMean(unknown, DATABASE)).toBeUndefined();
    },
  );

  it("prefers the closest name and, on a tie, the first", () => {
    expect(didYouMean("dataG", ["dataGbs", "dataGb"])).toBe("dataGb");
    expect(didYouMean("pageWeight", ["pageWeightKb", "pageWeight2"])).toBe("pageWeight2");
    expect(didYouMean("pages", ["pagez", "pagey"])).toBe("pagez");
    expect(didYouMean("percent", DATABASE)).toBe("writePercent");
  });

  it("a short fragment of a long name is no suggestion", () => {
    expect(didYouMean("user", ["storageGbPerUser"])).toBeUndefined();
    expect(didYouMean("users", ["concurrentUsers"])).toBe("concurrentUsers");
  });
});

describe("unknown fields through zodErrorMap and fieldErrors", () => {
  const body = {
    requirements: { availability: "standard", termMonths: 12, region: "eu", networking: { bgp: true, ipv6: true } },
    workloads: [{ kind: "database", dataGb: 5, queriesPerSecond: 10, colour: "red" }],
    contact: { name: "Ada", email: "ada@example.com" },
  };

  it.each([
    [
      "en",
      'Unknown field "queriesPerSecond". Did you mean "peakQueriesPerSecond"?',
      'Unknown field "colour".',
      'Unknown field "ipv6".',
    ],
    [
      "es",
      "Campo desconocido «queriesPerSecond». ¿Quiso decir «peakQueriesPerSecond»?",
      "Campo desconocido «colour».",
      "Campo desconocido «ipv6».",
    ],
  ])("one error per unknown key at its own path, in %s", async (lng, typo, unknown, nested) => {
    const t = await i18next.getFixedT(lng);
    const result = quoteRequestSchema.safeParse(body, { error: zodErrorMap(t) });
    expect(fieldErrors(result.error!)).toEqual([
      { path: "requirements.networking.ipv6", message: nested },
      { path: "workloads.0.queriesPerSecond", message: typo },
      { path: "workloads.0.colour", message: unknown },
    ]);
  });

  it("quotes a key on one line and not a whole body long", async () => {
    const t = await i18next.getFixedT("en");
    const long = "z".repeat(100);
    const result = quoteRequestSchema.safeParse({ ...body, "a\nb": 1, [long]: 1 }, { error: zodErrorMap(t) });
    const errors = fieldErrors(result.error!).filter((e) => !e.path.includes("."));
    expect(errors).toEqual([
      { path: "a\nb", message: 'Unknown field "a\ufffdb".' },
      { path: long, message: `Unknown field "${"z".repeat(60)}…".` },
    ]);
  });
});
