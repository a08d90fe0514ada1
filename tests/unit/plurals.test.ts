import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { type Workload, quoteInputSchema } from "~/domain/quote-input";
import { LEAN_PROFILE, workloadDemands } from "~/domain/demand";
import { i18nConfig } from "~/i18n";
import { resources } from "~/locales";
import en from "~/locales/en";
import es from "~/locales/es";
import { explain, formatFigure } from "~/utils/explain";

async function tFor(lng: "en" | "es") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, lng, resources });
  return i18n.t;
}

const strings = (o: unknown): string[] =>
  typeof o === "string" ? [o] : o && typeof o === "object" ? Object.values(o).flatMap(strings) : [];

describe("plurals", () => {
  it("no text says '(s)' or '(es)': every count has its _one and _other sentence", () => {
    for (const locale of [en, es]) {
      for (const text of strings(locale)) expect(text).not.toMatch(/\w\((s|es|as|os)\)/);
    }
  });

  it.each([
    ["en", 1, "1 CPU thread at peak"],
    ["en", 2.44, "2.4 CPU threads at peak"],
    ["en", 0.96, "1 CPU thread at peak"],
    ["es", 1, "1 hilo de CPU en el pico"],
    ["es", 2.44, "2,4 hilos de CPU en el pico"],
  ] as const)("threads in %s: %s", async (lng, vcpu, expected) => {
    const t = await tFor(lng);
    const text = explain({ ruleId: "web.cpu_dynamic", params: { cpuMs: 50, vcpu, workload: "Shop" } }, t, lng);
    expect(text).toContain(expected);
  });

  it.each([
    ["en", 1, "1 request at once"],
    ["en", 3, "3 requests at once"],
    ["es", 1, "1 petición simultánea"],
    ["es", 3, "3 peticiones simultáneas"],
  ] as const)("requests at once in %s: %s", async (lng, concurrency, expected) => {
    const t = await tFor(lng);
    const params = { concurrency, workerMb: 64, baseGb: 1, ramGb: 1.2, workload: "Shop" };
    expect(explain({ ruleId: "web.ram", params }, t, lng)).toMatch(new RegExp(`^${expected} ×`));
  });

  it.each([
    ["en", 1, "1 failover IP address moves"],
    ["en", 2, "2 failover IP addresses move"],
    ["es", 1, "1 dirección IP de conmutación pasa"],
    ["es", 2, "2 direcciones IP de conmutación pasan"],
  ] as const)("addresses in %s: %s", async (lng, count, expected) => {
    const t = await tFor(lng);
    expect(explain({ ruleId: "fit.failover_ip", params: { count } }, t, lng)).toContain(expected);
  });

  it.each([
    ["en", 1, "2 servers where 1 carries the load"],
    ["en", 2, "3 servers where 2 carry the load"],
    ["es", 1, "2 servidores de los que 1 soporta la carga"],
    ["es", 2, "3 servidores de los que 2 soportan la carga"],
  ] as const)("spares in %s, counting what carries the load: %s", async (lng, usable, expected) => {
    const t = await tFor(lng);
    expect(explain({ ruleId: "fit.spare_high", params: { count: usable + 1, usable, spare: 1 } }, t, lng)).toContain(
      expected,
    );
  });

  it("counts servers and months in both languages", async () => {
    const [tEn, tEs] = [await tFor("en"), await tFor("es")];
    expect(tEn("quote.serverCount", { count: 1 })).toBe("1 server");
    expect(tEn("quote.serverCount", { count: 4 })).toBe("4 servers");
    expect(tEs("quote.serverCount", { count: 1 })).toBe("1 servidor");
    expect(tEs("quote.serverCount", { count: 4 })).toBe("4 servidores");
    expect(formatFigure(1, "vcpu", tEn, "en")).toBe("1 thread");
    expect(formatFigure(12.34, "vcpu", tEs, "es")).toBe("12,3 hilos");
    expect(tEn("quote.demandBasis.growth", { value: "1 GB", percent: 20, count: 1 })).toContain("over 1 month)");
    expect(tEs("quote.demandBasis.growth", { value: "1 GB", percent: 20, count: 12 })).toContain("durante 12 meses)");
  });

  it("prices read per month, not 'monthly'", async () => {
    expect((await tFor("en"))("quote.perMonthSuffix")).toBe("/ month");
    expect((await tFor("es"))("quote.perMonthSuffix")).toBe("/ mes");
  });
});

describe("explanations", () => {
  const flat = quoteInputSchema.parse({
    requirements: { availability: "high", termMonths: 12, region: "eu", growthPercentPerYear: 20 },
    workloads: [{ kind: "nextcloud", name: "Nextcloud", users: 150 }],
  }).requirements;
  const nextcloud: Workload = { kind: "nextcloud", name: "Nextcloud", users: 150 };

  it("state the base, then each factor in order, each with the figure it leads to", async () => {
    const [d] = workloadDemands([nextcloud], flat, LEAN_PROFILE).filter((w) => w.role === "storage");
    const rules = d!.figures.find((f) => f.resource === "ssdGb")!.rules;
    const t = await tFor("en");
    const texts = rules.map((r) => explain(r, t, "en"));
    expect(texts[0]).toBe("Nextcloud: 150 users × 10 GB per user = 1,500 GB of files.");
    expect(texts.at(-1)).toBe(
      "Nextcloud (file storage), storage: 1,500 GB today; + 20 % growth a year over 12 months = 1,800 GB; + 20 % margin on estimates = 2,160 GB.",
    );
    // The chain ends at the figure the sizing uses.
    expect(d!.resources.ssdGb).toBeCloseTo(2160, 6);
    const tEs = await tFor("es");
    expect(explain(rules.at(-1)!, tEs, "es")).toBe(
      "Nextcloud (almacenamiento de archivos), almacenamiento: 1500 GB hoy; + 20 % de crecimiento anual durante 12 meses = 1800 GB; + 20 % de margen sobre estimaciones = 2160 GB.",
    );
  });

  it("never write '+ 20 %' where the figure does not grow by 20 % (a vendor's step, a fixed part)", async () => {
    const [db] = workloadDemands([nextcloud], flat, LEAN_PROFILE).filter((w) => w.role === "database");
    const chain = db!.figures.find((f) => f.resource === "ramGb")!.rules.at(-1)!;
    // 150 → 180 users crosses the vendor's 150-user step: 4 GB becomes 6.1 GB, not 4.8 GB.
    expect(chain.params.grown).toBeGreaterThan(4 * 1.2 + 0.5);
    expect(explain(chain, await tFor("en"), "en")).toBe(
      "Nextcloud (database), memory: 4 GB today; after 12 months at 20 % growth a year: 6.1 GB; + 20 % margin on estimates = 7.3 GB.",
    );
    expect(explain(chain, await tFor("es"), "es")).toBe(
      "Nextcloud (base de datos), memoria: 4 GB hoy; tras 12 meses con un 20 % de crecimiento anual: 6,1 GB; + 20 % de margen sobre estimaciones = 7,3 GB.",
    );
  });

  it("leave out a factor that adds nothing (measured inputs, no growth)", async () => {
    const measured: Workload = { ...nextcloud, measured: ["users"] };
    const noGrowth = { ...flat, growthPercentPerYear: 0 };
    const [d] = workloadDemands([measured], noGrowth, LEAN_PROFILE).filter((w) => w.role === "storage");
    const rules = d!.figures.find((f) => f.resource === "ssdGb")!.rules;
    expect(rules.some((r) => r.ruleId === "demand.chain")).toBe(false);
    const [grown] = workloadDemands([measured], flat, LEAN_PROFILE).filter((w) => w.role === "storage");
    const chain = grown!.figures.find((f) => f.resource === "ssdGb")!.rules.at(-1)!;
    expect(explain(chain, await tFor("en"), "en")).toBe(
      "Nextcloud (file storage), storage: 1,500 GB today; + 20 % growth a year over 12 months = 1,800 GB.",
    );
  });

  it("name the estimated inputs in words, not by their field names", async () => {
    const shop: Workload = { kind: "wordpress", name: "Shop", visitsPerDay: 20_000, woocommerce: true, products: 5000 };
    const rules = workloadDemands([shop], flat, LEAN_PROFILE).flatMap((w) => w.figures.flatMap((f) => f.rules));
    const margin = rules.find((r) => r.ruleId === "confidence.margin")!;
    expect(explain(margin, await tFor("en"), "en")).toContain("(visits per day, products)");
    expect(explain(margin, await tFor("es"), "es")).toContain("(visitas al día, productos)");
    for (const lng of ["en", "es"] as const) {
      const t = await tFor(lng);
      // No field names, and no second decimal on a figure ("2,542.44 GB").
      const falsePrecision = new RegExp(`\\d${lng === "es" ? "," : "\\."}\\d{2,} ?(GB|TB|threads|hilos)`);
      for (const r of rules) {
        expect(explain(r, t, lng)).not.toMatch(/visitsPerDay|pagesPerVisit|dataGb/);
        expect(explain(r, t, lng)).not.toMatch(falsePrecision);
      }
    }
  });
});
