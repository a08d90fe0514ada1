import { data } from "@remix-run/node";
import type { Executor } from "#db/client.server";
import { storageCapacity } from "~/domain/catalog";
import { defaultFacts } from "~/domain/product-facts";
import { nearestReplacement } from "~/domain/replacement";
import {
  type ServerModelRow,
  booksInEffect,
  getServerModel,
  listServerModels,
  openQuotesCarrying,
} from "~/models/catalog-admin.server";

/** The form's starting point for a new model: a dedicated server with that line's usual facts. */
export function blankServer(): Omit<ServerModelRow, "createdAt" | "updatedAt"> {
  return {
    sku: "",
    name: "",
    names: {},
    line: "dedicated",
    cpu: "",
    vcpu: 0,
    ramGb: 0,
    maxRamGb: 0,
    disks: [{ count: 2, sizeGb: 0, class: "nvme", raid: "raid1" }],
    diskBays: 2,
    networkGbit: 1,
    includedTrafficTb: null,
    gpuCount: 0,
    gpuModel: null,
    regions: ["eu"],
    sourceUrl: null,
    raidOptions: ["raid1", "raid0", "none"],
    includes: defaultFacts("dedicated"),
    status: "draft",
  };
}

const sizeOf = (m: Pick<ServerModelRow, "vcpu" | "ramGb" | "disks" | "gpuCount" | "regions">) => {
  const storage = storageCapacity(m.disks);
  return {
    vcpu: m.vcpu,
    ramGb: m.ramGb,
    fastGb: storage.nvmeGb + storage.ssdGb,
    hddGb: storage.hddGb,
    gpuCount: m.gpuCount,
    regions: m.regions,
  };
};

/**
 * A retired model's page also tells a technician what to do about it: the open quotes whose latest
 * version still carries it (a refresh of those is refused until someone swaps it) and the nearest
 * active model on sale (active and priced by a book in effect) to swap it for.
 */
async function retiredHelp(db: Executor, model: ServerModelRow, pricedSkus: ReadonlySet<string>) {
  const [quotes, active] = await Promise.all([
    openQuotesCarrying(db, model.sku),
    listServerModels(db, { status: "active" }),
  ]);
  const found = nearestReplacement(
    model,
    active.filter((m) => pricedSkus.has(m.sku)),
  );
  return {
    quotes,
    replacement: found
      ? {
          sku: found.model.sku,
          name: found.model.name,
          line: found.model.line,
          atLeastAsBig: found.atLeastAsBig,
          sameLine: found.sameLine,
          coversRegions: found.coversRegions,
          size: sizeOf(found.model),
        }
      : null,
    size: sizeOf(model),
  };
}

/** A server model's page: the model, its prices in the books in effect, and for a retired one the help above. */
export async function serverPage(db: Executor, sku: string, now: Date) {
  const books = await booksInEffect(db, now);
  if (sku === "new") return { model: { ...blankServer() }, isNew: true as const, prices: [], retired: null };
  const model = await getServerModel(db, sku);
  if (!model) throw data(null, { status: 404 });
  const priced = new Set(books.flatMap((b) => Object.keys(b.prices)));
  const { createdAt: _c, updatedAt: _u, ...shown } = model;
  return {
    model: shown,
    isNew: false as const,
    prices: books.map((b) => ({
      bookId: b.id,
      version: b.version,
      currency: b.currency,
      price: b.prices[sku] ?? null,
    })),
    retired: model.status === "retired" ? await retiredHelp(db, model, priced) : null,
  };
}
