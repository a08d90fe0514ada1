import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { factText } from "~/components/inclusions";
import { productName } from "~/domain/catalog";
import {
  BACKUP_POLICIES,
  EXCLUSIONS,
  OS_MANAGEMENT,
  SUPPORT_HOURS,
  type FactServer,
  type ProductFacts,
  type QuotedProducts,
  defaultFacts,
  inclusionsOf,
  overageMinorPerTb,
  proposalInclusions,
} from "~/domain/product-facts";
import { DEFAULT_RATE_CARD } from "~/domain/price-book";
import { i18nConfig } from "~/i18n";
import { resources } from "~/locales";
import { SEED_ADDONS, SEED_SERVERS } from "../../db/seed-data";

const cloud = (quantity = 1, over: Partial<FactServer> = {}): FactServer => ({
  name: "CX23",
  line: "cloud",
  includedTrafficTb: 20,
  includes: defaultFacts("cloud"),
  quantity,
  ...over,
});
const dedicated = (quantity = 1, over: Partial<FactServer> = {}): FactServer => ({
  name: "EX44",
  line: "dedicated",
  includedTrafficTb: null,
  includes: defaultFacts("dedicated"),
  quantity,
  ...over,
});
const none = { trafficOverageMinorPerTb: 100, addons: [] };
const keys = (lines: { key: string }[]) => lines.map((l) => l.key);

describe("inclusionsOf", () => {
  it("cloud servers: traffic added up over every server, its overage price, cloud hardware, no backups", () => {
    const { included, notIncluded } = inclusionsOf([cloud(3)], none);
    expect(included).toEqual([
      { key: "traffic", values: { count: 60 } },
      { key: "support.business", values: { count: 4 } },
      { key: "hardwareCloud" },
    ]);
    expect(notIncluded[0]).toEqual({ key: "trafficOverage", moneyMinor: 100 });
    expect(keys(notIncluded)).toEqual([
      "trafficOverage",
      "backup.none",
      "os.none",
      "exclusion.control_panel_licence",
      "exclusion.os_licence",
      "exclusion.database_licence",
      "exclusion.migration_labour",
      "exclusion.restore_labour",
      "exclusion.emergency_work",
      "exclusion.maintenance_downtime",
      "exclusion.dns_email_migration",
    ]);
  });

  it("dedicated servers: unmetered traffic (no overage line), hardware replacement, data-centre visits excluded", () => {
    const { included, notIncluded } = inclusionsOf([dedicated(2)], none);
    expect(included).toEqual([
      { key: "trafficUnmetered" },
      { key: "support.business", values: { count: 4 } },
      { key: "hardware", values: { count: 4 } },
    ]);
    expect(keys(notIncluded)).not.toContain("trafficOverage");
    expect(keys(notIncluded)).toContain("exclusion.datacenter_visits");
  });

  it("mixed servers name which servers a fact is about", () => {
    const { included } = inclusionsOf([cloud(2), dedicated(1)], none);
    expect(included).toContainEqual({ key: "trafficMixed", values: { count: 40, metered: "CX23", unmetered: "EX44" } });
    expect(included).toContainEqual({ key: "hardwareSome", values: { count: 4, servers: "EX44" } });
    expect(keys(included)).toContain("hardwareCloud");
  });

  it("adds traffic and backup space bought, and says who runs the backups", () => {
    const { included, notIncluded } = inclusionsOf([cloud(1)], {
      trafficOverageMinorPerTb: 100,
      addons: [
        { kind: "traffic", sizeGb: 1000, quantity: 5 },
        { kind: "backup", sizeGb: 1000, quantity: 2 },
        { kind: "volume", sizeGb: 100, quantity: 4 },
      ],
    });
    expect(included).toContainEqual({ key: "traffic", values: { count: 25 } });
    expect(included).toContainEqual({ key: "backupSpace", values: { count: 2 } });
    expect(keys(notIncluded)).toContain("backup.spaceOnly");
    expect(keys(notIncluded)).not.toContain("backup.none");
  });

  it("promises only what every server has: the weakest backups, OS care and support, the slowest response", () => {
    const generous: ProductFacts = {
      backup: "daily_30",
      osManagement: "managed",
      support: { hours: "always", responseHours: 1 },
      hardwareReplacementHours: 2,
      notIncluded: [],
    };
    const fair: ProductFacts = {
      ...generous,
      backup: "daily_7",
      osManagement: "patched",
      support: { hours: "extended", responseHours: 2 },
    };
    const { included, notIncluded } = inclusionsOf(
      [dedicated(1, { includes: generous }), dedicated(1, { name: "AX41", includes: fair })],
      none,
    );
    expect(included).toEqual([
      { key: "trafficUnmetered" },
      { key: "backup.daily_7" },
      { key: "os.patched" },
      { key: "support.extended", values: { count: 2 } },
      { key: "hardware", values: { count: 2 } },
    ]);
    expect(notIncluded).toEqual([]);
    // Alone, the generous model says what it has.
    expect(keys(inclusionsOf([dedicated(1, { includes: generous })], none).included)).toEqual([
      "trafficUnmetered",
      "backup.daily_30",
      "os.managed",
      "support.always",
      "hardware",
    ]);
  });

  it("prices emergency work from the rate card, and says the overage is extra when it has no price", () => {
    const { notIncluded } = inclusionsOf([cloud(1)], {
      trafficOverageMinorPerTb: null,
      addons: [],
      emergencyRate: { minorPerHour: 16800, minimumMinutes: 15 },
    });
    expect(notIncluded[0]).toEqual({ key: "trafficOverageUnpriced" });
    expect(notIncluded).toContainEqual({
      key: "exclusion.emergency_workRate",
      values: { count: 15 },
      moneyMinor: 16800,
    });
    expect(keys(notIncluded)).not.toContain("exclusion.emergency_work");
  });

  it("lists nothing for a proposal without servers", () => {
    expect(inclusionsOf([], none)).toEqual({ included: [], notIncluded: [] });
    expect(inclusionsOf([cloud(0)], none)).toEqual({ included: [], notIncluded: [] });
  });
});

describe("overageMinorPerTb", () => {
  const prices = [
    { sku: "traffic-5tb", sizeGb: 5000, monthlyMinor: 400, active: true },
    { sku: "traffic-1tb", sizeGb: 1000, monthlyMinor: 100, active: true },
    { sku: "traffic-0", sizeGb: null, monthlyMinor: 1, active: true },
    { sku: "traffic-old", sizeGb: 1000, monthlyMinor: 50, active: false },
  ];
  it("takes the pack the proposal buys, else the first active one, else a retired one", () => {
    expect(overageMinorPerTb(prices, ["traffic-5tb"])).toBe(80);
    expect(overageMinorPerTb(prices, [])).toBe(100);
    expect(overageMinorPerTb(prices.slice(2), [])).toBe(50);
    expect(overageMinorPerTb([], [])).toBeNull();
  });
});

describe("proposalInclusions", () => {
  const products = (): QuotedProducts => ({
    currency: "EUR",
    servers: Object.fromEntries(SEED_SERVERS.map((s) => [s.sku, s])),
    addons: Object.fromEntries(SEED_ADDONS.map((a) => [a.sku, a])),
    trafficPrices: [{ sku: "traffic-1tb", sizeGb: 1000, monthlyMinor: 100, active: true }],
    rateCard: DEFAULT_RATE_CARD,
  });
  const es = (p: { name: string; names: { es?: string } }) => productName(p, "es");

  it("reads servers and add-ons from the priced lines, quantities of one model added up", () => {
    const result = proposalInclusions(
      [
        { kind: "server", sku: "cx23", quantity: 2 },
        { kind: "storage", sku: "volume-ssd-100", quantity: 2 },
        { kind: "server", sku: "cx23", quantity: 1 },
        { kind: "traffic", sku: "traffic-1tb", quantity: 3 },
        { kind: "discount", sku: null, quantity: 1 },
        { kind: "custom", sku: null, quantity: 1 },
      ],
      products(),
      es,
    )!;
    expect(result.included[0]).toEqual({ key: "traffic", values: { count: 63 } });
    expect(result.notIncluded[0]).toEqual({ key: "trafficOverage", moneyMinor: 100 });
    expect(result.notIncluded).toContainEqual({
      key: "exclusion.emergency_workRate",
      values: { count: 15 },
      moneyMinor: 16800,
    });
  });

  it("states nothing when a server line's product is unknown rather than leave that server out", () => {
    expect(proposalInclusions([{ kind: "server", sku: "gone", quantity: 1 }], products(), es)).toBeNull();
    expect(proposalInclusions([{ kind: "server", sku: null, quantity: 1 }], products(), es)).toBeNull();
  });
});

/** Words no finished sentence of the list ends on. */
const DANGLING = {
  en: new Set(["a", "an", "the", "another", "other", "on", "in", "of", "to", "and", "or", "with", "by", "from"]),
  es: new Set([
    "un",
    "una",
    "el",
    "la",
    "los",
    "las",
    "otro",
    "otra",
    "en",
    "de",
    "del",
    "al",
    "a",
    "y",
    "o",
    "con",
    "por",
    "para",
    "que",
  ]),
} as const;

async function tFor(lng: "en" | "es") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, lng, resources });
  return i18n.t;
}

describe("the list in words", () => {
  it.each([
    ["en", "support.business", 1, "Support on working days in business hours, with an answer within 1 hour"],
    ["en", "support.business", 4, "Support on working days in business hours, with an answer within 4 hours"],
    ["en", "hardware", 1, "Failed hardware replaced within 1 hour"],
    ["en", "hardware", 24, "Failed hardware replaced within 24 hours"],
    [
      "es",
      "support.business",
      1,
      "Soporte en días laborables, en horario de oficina, con respuesta en un máximo de 1 hora",
    ],
    [
      "es",
      "support.business",
      4,
      "Soporte en días laborables, en horario de oficina, con respuesta en un máximo de 4 horas",
    ],
    ["es", "support.always", 1, "Soporte las 24 horas todos los días, con respuesta en un máximo de 1 hora"],
    ["es", "hardware", 1, "Sustitución del hardware averiado en un máximo de 1 hora"],
    ["es", "hardware", 4, "Sustitución del hardware averiado en un máximo de 4 horas"],
  ] as const)("%s %s with %d", async (lng, key, count, expected) => {
    expect(factText({ key, values: { count } }, await tFor(lng), lng, "EUR")).toBe(expected);
  });

  it("minutes of the emergency rate in the right number, money in the quote's currency and the reader's locale", async () => {
    const [en, es] = [await tFor("en"), await tFor("es")];
    const rate = (count: number) => ({ key: "exclusion.emergency_workRate", values: { count }, moneyMinor: 16800 });
    // Spanish puts a no-break space before the euro sign.
    const text = (...args: Parameters<typeof factText>) => factText(...args).replace(/\u00a0/g, " ");
    expect(text(rate(15), en, "en", "EUR")).toBe("Emergency work: €168.00 an hour, billed in blocks of 15 minutes");
    expect(text(rate(1), en, "en", "USD")).toBe("Emergency work: US$168.00 an hour, billed by the minute");
    expect(text(rate(15), es, "es", "EUR")).toBe(
      "Trabajos de urgencia: 168,00 € la hora, facturados en bloques de 15 minutos",
    );
    expect(text(rate(1), es, "es", "EUR")).toBe("Trabajos de urgencia: 168,00 € la hora, facturados por minutos");
    expect(text({ key: "trafficOverage", moneyMinor: 100 }, es, "es", "EUR")).toBe(
      "El tráfico que supere lo incluido: 1,00 € por TB",
    );
    expect(text({ key: "trafficOverage", moneyMinor: 110 }, en, "en", "USD")).toBe(
      "Traffic beyond what is included: US$1.10 per TB",
    );
  });

  it("figures in the reader's locale, and the servers a fact is about by name", async () => {
    const [en, es] = [await tFor("en"), await tFor("es")];
    expect(factText({ key: "traffic", values: { count: 1.5 } }, es, "es", "EUR")).toBe("1,5 TB de tráfico al mes");
    expect(factText({ key: "backupSpace", values: { count: 12 } }, en, "en", "EUR")).toBe("12 TB of backup space");
    const mixed = { key: "trafficMixed", values: { count: 40, metered: "CX23", unmetered: "EX44" } };
    expect(factText(mixed, es, "es", "EUR")).toBe("40 TB de tráfico al mes con CX23; tráfico sin límite con EX44");
    expect(factText({ key: "hardwareSome", values: { count: 4, servers: "EX44" } }, en, "en", "EUR")).toBe(
      "EX44: failed hardware replaced within 4 hours",
    );
  });

  it("every fact the list can state has a sentence in both languages, with every placeholder filled", async () => {
    const everything: ProductFacts[] = [
      ...BACKUP_POLICIES.map((backup) => ({ ...defaultFacts("dedicated"), backup })),
      ...OS_MANAGEMENT.map((osManagement) => ({ ...defaultFacts("cloud"), osManagement })),
      ...SUPPORT_HOURS.map((hours) => ({ ...defaultFacts("cloud"), support: { hours, responseHours: 2 } })),
      { ...defaultFacts("dedicated"), notIncluded: [...EXCLUSIONS] },
    ];
    const facts = everything.flatMap((includes) => {
      const lists = [
        inclusionsOf([cloud(1, { includes }), dedicated(1)], { ...none, emergencyRate: DEFAULT_RATE_CARD[2] }),
        inclusionsOf([dedicated(1, { includes })], { trafficOverageMinorPerTb: null, addons: [] }),
        inclusionsOf([cloud(1, { includes })], { ...none, addons: [{ kind: "backup", sizeGb: 1000, quantity: 1 }] }),
      ];
      return lists.flatMap((l) => [...l.included, ...l.notIncluded]);
    });
    const seen = new Set(facts.map((f) => f.key));
    expect(seen.size).toBeGreaterThan(25);
    for (const lng of ["en", "es"] as const) {
      const t = await tFor(lng);
      for (const fact of facts) {
        const text = factText(fact, t, lng, "EUR");
        expect(text, `${lng} ${fact.key}`).not.toBe(fact.key);
        expect(text, `${lng} ${fact.key}`).not.toMatch(/\{\{|undefined/);
        // A sentence cut short ends on a word that needs another after it ("…se reinician solos en otro").
        const last = /(\p{L}+)\W*$/u.exec(text)?.[1]?.toLowerCase() ?? "";
        expect(DANGLING[lng].has(last), `${lng} ${fact.key} ends on "${last}": ${text}`).toBe(false);
      }
    }
  });
});
