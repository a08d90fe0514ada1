import type { Currency, Minor } from "./money";
import type { ProductFacts } from "./product-facts";
import type { RateCard } from "./price-book";
import type { Region, StorageClass, TermMonths } from "./quote-input";

/** A server line in the company's catalog; the price comes from the price book. */
export type ServerLine = "cloud" | "dedicated" | "high_memory" | "storage" | "gpu";
export type RaidLevel = "none" | "raid0" | "raid1" | "raid5" | "raid6" | "raid10";
export type ProductStatus = "draft" | "active" | "retired";
/** A product's name in the languages other than English (its `name`). */
export type LocalizedNames = { es?: string };

export interface DiskSet {
  count: number;
  sizeGb: number;
  class: StorageClass;
  raid: RaidLevel;
}

export interface ServerModel {
  sku: string;
  name: string;
  line: ServerLine;
  cpu: string;
  vcpu: number;
  ramGb: number;
  /** Largest RAM the model takes with upgrades; equal to ramGb when it cannot be upgraded. */
  maxRamGb: number;
  disks: DiskSet[];
  /** Total drive bays; bays not used by `disks` can take add-on disks. */
  diskBays: number;
  networkGbit: number;
  /** Traffic included per month in TB; null means unmetered. */
  includedTrafficTb: number | null;
  gpuCount: number;
  gpuModel: string | null;
  regions: Region[];
  sourceUrl: string | null;
  raidOptions: RaidLevel[];
  names: LocalizedNames;
  includes: ProductFacts;
}

export type AddonKind = "ram" | "disk" | "volume" | "backup" | "traffic" | "ipv4" | "load_balancer";

export interface Addon {
  sku: string;
  name: string;
  kind: AddonKind;
  /** GB added per unit: RAM per module, disk size, volume size, backup space. */
  sizeGb: number | null;
  storageClass: StorageClass | null;
  /** For ram/disk/volume: the server lines this add-on fits. */
  lines: ServerLine[];
  names: LocalizedNames;
}

export interface Price {
  monthlyMinor: Minor;
  setupMinor: Minor;
}

export interface PriceBook {
  id: number;
  version: number;
  currency: Currency;
  /** Discount on monthly prices per commitment term, in basis points. */
  termDiscountBps: Record<TermMonths, number>;
  /**
   * The operations weight: technician time one server costs per month (patching, monitoring,
   * failures), in minor units per server per month. The optimiser adds it for every server it
   * proposes so that many small servers lose to a few larger ones unless they are much cheaper;
   * it is never part of a price (RULES.fit.operations explains the default).
   */
  opsMinorPerServerMonth: Minor;
  rateCard: RateCard;
  effectiveFrom: Date | null;
  prices: Record<string, Price>;
}

export interface Catalog {
  servers: ServerModel[];
  addons: Addon[];
  priceBook: PriceBook;
}

/** The price book's unit price of a product, or undefined when the book does not sell it. */
export function findPrice(catalog: Catalog, sku: string): Price | undefined {
  return catalog.priceBook.prices[sku];
}

/** The price book's unit price of a product the engine chose; a missing price is a catalogue fault. */
export function priceOf(catalog: Catalog, sku: string): Price {
  const p = catalog.priceBook.prices[sku];
  if (!p) throw new Error(`price book ${catalog.priceBook.version} has no price for ${sku}`);
  return p;
}

/** Unit prices of every server and add-on the catalogue sells today, by SKU. */
export function sellablePrices(catalog: Catalog): Record<string, Price> {
  const sellable: Record<string, Price> = {};
  for (const item of [...catalog.servers, ...catalog.addons]) {
    const price = catalog.priceBook.prices[item.sku];
    if (price) sellable[item.sku] = price;
  }
  return sellable;
}

/** Usable capacity of a RAID set (capacity-rules.md section 3, SNIA level definitions). */
export function raidUsableGb(set: DiskSet): number {
  const { count: n, sizeGb: c } = set;
  switch (set.raid) {
    case "none":
    case "raid0":
      return n * c;
    case "raid1":
      return n >= 1 ? c : 0;
    case "raid5":
      return n >= 3 ? (n - 1) * c : 0;
    case "raid6":
      return n >= 4 ? (n - 2) * c : 0;
    case "raid10":
      return n >= 4 ? Math.floor(n / 2) * c : 0;
  }
}

/** Random IOPS one device sustains, conservative ends of capacity-rules.md section 4. */
export const DEVICE_IOPS: Record<StorageClass, number> = { nvme: 400_000, ssd: 80_000, hdd: 150 };

/** Devices that serve distinct random I/O in a set (a mirror counts once, parity loses its parity disks). */
export function raidIops(set: DiskSet): number {
  const perDevice = DEVICE_IOPS[set.class];
  switch (set.raid) {
    case "none":
    case "raid0":
      return perDevice * set.count;
    case "raid1":
      return perDevice;
    case "raid5":
      return perDevice * Math.max(1, set.count - 1);
    case "raid6":
      return perDevice * Math.max(1, set.count - 2);
    case "raid10":
      return perDevice * Math.max(1, Math.floor(set.count / 2));
  }
}

export interface StorageCapacity {
  nvmeGb: number;
  ssdGb: number;
  hddGb: number;
  iops: number;
}

export function storageCapacity(sets: readonly DiskSet[]): StorageCapacity {
  const cap: StorageCapacity = { nvmeGb: 0, ssdGb: 0, hddGb: 0, iops: 0 };
  for (const set of sets) {
    const usable = raidUsableGb(set);
    if (set.class === "nvme") cap.nvmeGb += usable;
    else if (set.class === "ssd") cap.ssdGb += usable;
    else cap.hddGb += usable;
    cap.iops += raidIops(set);
  }
  return cap;
}

export function usedBays(model: ServerModel): number {
  return model.disks.reduce((n, d) => n + d.count, 0);
}

/** A product's name in a language, falling back to the English catalog name. */
export function productName(product: { name: string; names: LocalizedNames }, locale: string): string {
  return (locale.startsWith("es") ? product.names.es : undefined) ?? product.name;
}
