import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { type Catalog, productName, storageCapacity } from "~/domain/catalog";
import { CURRENCIES } from "~/domain/price-book";
import { i18next } from "~/i18next.server";
import { catalogHead } from "~/models/catalog-api.server";
import { loadCatalog } from "~/models/catalog.server";

const problem = (status: number, message: string, path = "", headers?: HeadersInit) =>
  Response.json({ errors: [{ path, message }] }, { status, headers: { "Cache-Control": "no-store", ...headers } });

/** What the public catalog answers (docs/api.md): sellable products priced by the book in effect. */
function presentCatalog(catalog: Catalog, language: string) {
  const { priceBook: book } = catalog;
  const price = (sku: string) => book.prices[sku]!;
  return {
    priceBookVersion: book.version,
    currency: book.currency,
    effectiveFrom: book.effectiveFrom?.toISOString() ?? null,
    servers: catalog.servers.map((s) => {
      const storage = storageCapacity(s.disks);
      return {
        sku: s.sku,
        name: productName(s, language),
        line: s.line,
        vcpu: s.vcpu,
        ramGb: s.ramGb,
        // Usable space after each disk set's RAID, as the engine sizes it.
        storageGb: storage.nvmeGb + storage.ssdGb + storage.hddGb,
        regions: s.regions,
        setupMinor: price(s.sku).setupMinor,
        monthlyMinor: price(s.sku).monthlyMinor,
        includes: { ...s.includes, includedTrafficTb: s.includedTrafficTb },
      };
    }),
    addons: catalog.addons.map((a) => ({
      sku: a.sku,
      name: productName(a, language),
      kind: a.kind,
      setupMinor: price(a.sku).setupMinor,
      monthlyMinor: price(a.sku).monthlyMinor,
    })),
    rateCard: book.rateCard.map((r) => ({
      kind: r.kind,
      minorPerHour: r.minorPerHour,
      minimumMinutes: r.minimumMinutes,
    })),
  };
}

/** If-None-Match lists tags (or `*`); it compares weakly (RFC 9110 §13.1.2), so a W/ prefix still matches. */
function notModified(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/**
 * The catalog as the book in effect sells it, public like the prices on the website. Names follow
 * Accept-Language alone (not the site's language cookie), so shared caches keyed on that header are
 * right; the ETag names the book, the catalog revision and the language, so a client revalidates
 * with one small query and gets 304 until something changes or another book takes effect.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const unknown = [...new Set(url.searchParams.keys())].filter((k) => k !== "currency");
  if (unknown.length)
    return Response.json(
      { errors: unknown.map((k) => ({ path: k, message: `Unknown parameter "${k}": the only one is currency.` })) },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  const asked = url.searchParams.getAll("currency");
  if (asked.length > 1) return problem(400, "Give currency once.", "currency");
  const currency = z.enum(CURRENCIES).safeParse(asked[0] ?? "EUR");
  if (!currency.success)
    return problem(400, `Unknown currency "${asked[0]}": use ${CURRENCIES.join(" or ")}.`, "currency");

  const language = await i18next.getLocale(
    new Request(url.origin, { headers: { "Accept-Language": request.headers.get("Accept-Language") ?? "" } }),
  );
  const db = getDb();
  const now = new Date();
  // The head is read before the catalog: if something changes in between, the answer is newer than
  // its tag (the next request fetches again), never older.
  const head = await catalogHead(db, currency.data, now);
  if (head.bookId === null) return problem(404, `No ${currency.data} price book is in effect.`, "currency");
  const headers = (bookId: number) => ({
    ETag: `"catalog-${bookId}-${head.revision}-${language}"`,
    "Cache-Control": "public, max-age=60",
    Vary: "Accept-Language",
    "Content-Language": language,
  });
  if (notModified(request.headers.get("If-None-Match"), headers(head.bookId).ETag))
    return new Response(null, { status: 304, headers: headers(head.bookId) });
  const catalog = await loadCatalog(db, now, currency.data);
  return Response.json(presentCatalog(catalog, language), { headers: headers(catalog.priceBook.id) });
}

export function action() {
  return problem(405, "Use GET.", "", { Allow: "GET, HEAD" });
}
