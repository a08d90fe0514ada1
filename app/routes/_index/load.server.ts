import { getDb } from "#db/client.server";
import { type Catalog, type ServerLine, productName } from "~/domain/catalog";
import { loadCatalog } from "~/models/catalog.server";
import { companyProfile } from "~/models/company.server";
import { presentCompany } from "~/presenters/company";
import { translatorFor } from "~/services/quote.server";
import { formatMoney, formatNumber } from "~/utils/format";

const LINES: ServerLine[] = ["cloud", "dedicated", "high_memory", "storage", "gpu"];

/** The cheapest server of each line the catalogue sells today, priced by the book in effect. */
function examplePrices(catalog: Catalog, locale: string, t: Awaited<ReturnType<typeof translatorFor>>) {
  const examples = [];
  for (const line of LINES) {
    let cheapest: { server: Catalog["servers"][number]; monthly: number } | null = null;
    for (const server of catalog.servers) {
      const price = catalog.priceBook.prices[server.sku];
      if (server.line !== line || !price) continue;
      if (!cheapest || price.monthlyMinor < cheapest.monthly) cheapest = { server, monthly: price.monthlyMinor };
    }
    if (!cheapest) continue;
    const { server, monthly } = cheapest;
    const storageGb = server.disks.reduce((sum, d) => sum + d.count * d.sizeGb, 0);
    const storage =
      storageGb >= 1000 ? `${formatNumber(storageGb / 1000, locale, 1)} TB` : `${formatNumber(storageGb, locale)} GB`;
    examples.push({
      line: t(`homeFacts.lines.${line}`),
      spec: t("homeFacts.example", {
        name: productName(server, locale),
        vcpu: server.vcpu,
        ramGb: formatNumber(server.ramGb, locale),
        storage,
      }),
      price: t("homeFacts.from", { price: formatMoney(monthly, catalog.priceBook.currency, locale) }),
    });
  }
  return examples;
}

/** The home page's facts: who we are, where the servers run, and what a server costs. */
export async function homePage(locale: string) {
  const db = getDb();
  const [company, catalog, t] = await Promise.all([companyProfile(db), loadCatalog(db), translatorFor(locale)]);
  return {
    company: presentCompany(company, t, locale),
    examples: examplePrices(catalog, locale, t),
    texts: {
      examplesTitle: t("homeFacts.examplesTitle"),
      examplesLead: t("homeFacts.examplesLead"),
      whoTitle: t("homeFacts.whoTitle"),
      whereTitle: t("homeFacts.whereTitle"),
    },
  };
}
