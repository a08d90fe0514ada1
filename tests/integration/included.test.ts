import { createInstance } from "i18next";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { serverModels } from "#db/schema";
import { factText } from "~/components/inclusions";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { i18nConfig } from "~/i18n";
import { resources } from "~/locales";
import { loader as quoteLoader } from "~/routes/q.$token/route";
import { loader as shareLoader } from "~/routes/s.$token";
import { createQuote, createShareLink, createStaff } from "../factories";
import { callLoader } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Two cloud servers with block volumes behind a load balancer, and backup space (seed catalog). */
const CLOUD: QuoteRequestInput = {
  requirements: { availability: "high", termMonths: 12, region: "eu" },
  workloads: [
    { kind: "web_app", visitsPerDay: 30_000 },
    { kind: "file_storage", dataGb: 300 },
  ],
  contact: { name: "Clara Nube", email: "clara@example.com" },
};
/** Dedicated servers with NVMe disks, RAM, a failover IP and a load balancer. */
const DEDICATED: QuoteRequestInput = {
  requirements: { availability: "high", termMonths: 12, region: "eu", backupRetentionDays: 14 },
  workloads: [
    { kind: "web_app", visitsPerDay: 30_000 },
    { kind: "database", dataGb: 1500 },
  ],
  contact: { name: "Diego Dedicado", email: "diego@example.com" },
};
const ENGLISH_ADDONS = ["Block volume 100 GB", "Load balancer", "NVMe SSD 1.92 TB", "Backup storage 1 TB"];

const page = (token: string, lang: string, query = "") =>
  callLoader(
    quoteLoader,
    new Request(`http://localhost/q/${token}${query}`, { headers: { "Accept-Language": lang } }),
    { token },
  );

async function tFor(lng: "en" | "es") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, lng, resources });
  return i18n.t;
}

describe.each(TEST_DATABASES)("what each proposal includes, on the customer's pages, on $name", (target) => {
  const database = useTestDatabase(target);

  it("a Spanish quote page carries Spanish product names and the included / not included lines", async () => {
    const cloud = await createQuote(database().db, { locale: "es" }, CLOUD);
    const dedicated = await createQuote(database().db, { locale: "es" }, DEDICATED);
    const t = await tFor("es");
    for (const token of [cloud.token, dedicated.token]) {
      const { data } = await page(token, "es-ES,es;q=0.9");
      expect(data.locale).toBe("es");
      const lines = data.quote.proposals.flatMap((p) => p.lines);
      for (const english of ENGLISH_ADDONS) expect(lines.map((l) => l.name)).not.toContain(english);
      for (const p of data.quote.proposals) {
        expect(p.currency).toBe("EUR");
        const { included, notIncluded } = p.inclusions!;
        expect(included.length).toBeGreaterThanOrEqual(3);
        expect(notIncluded.length).toBeGreaterThanOrEqual(5);
        // The list reads in Spanish, every placeholder filled.
        for (const fact of [...included, ...notIncluded]) {
          const text = factText(fact, t, "es", p.currency);
          expect(text).not.toMatch(/\{\{|facts\.|undefined/);
        }
        // Backup space is bought, and the page says who runs the backups.
        expect(notIncluded.map((f) => f.key)).toContain("backup.spaceOnly");
      }
    }

    const { data: c } = await page(cloud.token, "es");
    const cloudLines = c.quote.proposals[0]!.lines;
    expect(cloudLines.map((l) => l.name)).toEqual(
      expect.arrayContaining(["Volumen de bloques 100 GB", "Balanceador de carga"]),
    );
    const lean = c.quote.proposals[0]!.inclusions!;
    expect(lean.included[0]).toEqual({ key: "traffic", values: { count: 40 } });
    expect(lean.included.map((f) => f.key)).toContain("hardwareCloud");
    const overage = lean.notIncluded.find((f) => f.key === "trafficOverage")!;
    expect(factText(overage, t, "es", "EUR").replace(/\u00a0/g, " ")).toBe(
      "El tráfico que supere lo incluido: 1,00 € por TB",
    );
    expect(factText(lean.included[0]!, t, "es", "EUR")).toBe("40 TB de tráfico al mes");

    const { data: d } = await page(dedicated.token, "es");
    const dedicatedLines = d.quote.proposals[0]!.lines;
    expect(dedicatedLines.map((l) => l.name)).toEqual(
      expect.arrayContaining(["SSD NVMe 1,92 TB", "Balanceador de carga", "IPv4 adicional (failover)"]),
    );
    expect(d.quote.proposals[0]!.inclusions!.included.map((f) => f.key)).toEqual(
      expect.arrayContaining(["trafficUnmetered", "hardware"]),
    );
  });

  it("the same quote in English keeps the English names; the language follows the reader, not the quote", async () => {
    const { token } = await createQuote(database().db, { locale: "es" }, CLOUD);
    const { data } = await page(token, "en-GB,en;q=0.9");
    const names = data.quote.proposals[0]!.lines.map((l) => l.name);
    expect(names).toEqual(expect.arrayContaining(["Block volume 100 GB", "Load balancer"]));
    const { data: switched } = await page(token, "en", "?lng=es");
    expect(switched.quote.proposals[0]!.lines.map((l) => l.name)).toContain("Balanceador de carga");
  });

  it("the share page shows the same names and list in the reader's language", async () => {
    const quote = await createQuote(database().db, {}, CLOUD);
    const rep = await createStaff(database().db, "sales");
    const { token } = await createShareLink(database().db, { quoteRequestId: quote.id, createdBy: rep.user.id });
    const { data } = await callLoader(
      shareLoader,
      new Request(`http://localhost/s/${token}`, { headers: { "Accept-Language": "es" } }),
      { token },
    );
    const [first] = data.quote.proposals;
    expect(first!.lines.map((l) => l.name)).toContain("Balanceador de carga");
    expect(first!.inclusions!.included.length).toBeGreaterThan(0);
  });

  it("a retired model keeps its name and facts; a renamed one shows its new name at once", async () => {
    const { token } = await createQuote(database().db, {}, CLOUD);
    const before = (await page(token, "es")).data.quote.proposals[0]!;
    const sku = before.lines.find((l) => l.kind === "server")!.sku!;
    // The page's rows are kept per revision; a catalog change must show on the next read.
    await database().db.update(serverModels).set({ status: "retired" }).where(eq(serverModels.sku, sku));
    const retired = (await page(token, "es")).data.quote.proposals[0]!;
    expect(retired.inclusions).toEqual(before.inclusions);
    expect(retired.lines.map((l) => l.name)).toEqual(before.lines.map((l) => l.name));

    await database()
      .db.update(serverModels)
      .set({ names: { es: "Nube 43" } })
      .where(eq(serverModels.sku, sku));
    const renamed = (await page(token, "es")).data.quote.proposals[0]!;
    const server = renamed.lines.find((l) => l.kind === "server")!;
    expect(server.name).toBe("Nube 43");
    expect(renamed.servers.find((s) => s.sku === sku)!.name).toBe("Nube 43");
    // Sentences that name the model name it the same way.
    expect(server.why.find((r) => r.ruleId === "fit.server_choice")!.params.name).toBe("Nube 43");
    const volume = renamed.lines.find((l) => l.kind === "storage")!;
    expect(volume.why[0]!.params.name).toBe("Nube 43");
    // English readers still read the catalog's English name.
    const english = (await page(token, "en")).data.quote.proposals[0]!;
    expect(english.lines.find((l) => l.kind === "server")!.name).toBe(
      before.lines.find((l) => l.kind === "server")!.name,
    );
    await database().db.update(serverModels).set({ status: "active", names: {} }).where(eq(serverModels.sku, sku));
  });
});
