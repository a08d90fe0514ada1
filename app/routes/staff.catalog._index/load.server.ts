import type { Executor } from "#db/client.server";
import type { ProductStatus, ServerLine } from "~/domain/catalog";
import { ADDON_KINDS, PRODUCT_STATUSES, SERVER_LINES } from "~/domain/catalog-schemas";
import { storageCapacity } from "~/domain/catalog";
import { REGIONS, type Region } from "~/domain/quote-input";
import { type CatalogFilters, booksInEffect, listAddons, listServerModels } from "~/models/catalog-admin.server";

/** What the filter form asked for, as the form shows it again (unknown values read as "any"). */
export interface FilterValues {
  q: string;
  line: ServerLine | "";
  status: ProductStatus | "";
  region: Region | "";
}

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | "" =>
  list.includes(value as T) ? (value as T) : "";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The URL's filters. A list page answers any query: a value the form does not offer is ignored rather
 * than refused, and control characters are dropped from the search text (PostgreSQL refuses NUL).
 */
export function catalogFilters(url: URL): FilterValues {
  const params = url.searchParams;
  const q = (params.get("q") ?? "").replace(CONTROL, " ").trim().slice(0, 100);
  return {
    q,
    line: oneOf(SERVER_LINES, params.get("line")),
    status: oneOf(PRODUCT_STATUSES, params.get("status")),
    region: oneOf(REGIONS, params.get("region")),
  };
}

/** Servers and add-ons matching the filters, each with its price in every book in effect now. */
export async function catalogList(db: Executor, values: FilterValues, now: Date) {
  const filters: CatalogFilters = {
    text: values.q || undefined,
    line: values.line || undefined,
    status: values.status || undefined,
    region: values.region || undefined,
  };
  const [servers, extras, books] = await Promise.all([
    listServerModels(db, filters),
    listAddons(db, filters),
    booksInEffect(db, now),
  ]);
  const pricesOf = (sku: string) => books.map((b) => ({ currency: b.currency, price: b.prices[sku] ?? null }));
  return {
    books: books.map((b) => ({ id: b.id, version: b.version, currency: b.currency })),
    // Grouped by line in the catalog's order (cloud to GPU), as the page shows them.
    servers: [...servers]
      .sort((a, b) => SERVER_LINES.indexOf(a.line) - SERVER_LINES.indexOf(b.line))
      .map((s) => {
        const storage = storageCapacity(s.disks);
        return {
          sku: s.sku,
          name: s.name,
          line: s.line,
          status: s.status,
          cpu: s.cpu,
          vcpu: s.vcpu,
          ramGb: s.ramGb,
          maxRamGb: s.maxRamGb,
          disks: s.disks,
          usableGb: storage.nvmeGb + storage.ssdGb + storage.hddGb,
          gpuCount: s.gpuCount,
          gpuModel: s.gpuModel,
          regions: s.regions,
          prices: pricesOf(s.sku),
        };
      }),
    addons: [...extras]
      .sort((a, b) => ADDON_KINDS.indexOf(a.kind) - ADDON_KINDS.indexOf(b.kind))
      .map((a) => ({
        sku: a.sku,
        name: a.name,
        kind: a.kind,
        status: a.status,
        sizeGb: a.sizeGb,
        storageClass: a.storageClass,
        lines: a.lines,
        prices: pricesOf(a.sku),
      })),
  };
}
