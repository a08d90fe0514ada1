/**
 * A technician's configuration built from scratch on a review item: servers and add-ons picked from
 * the current catalog, plus custom priced lines, priced with the one `priceLine()` and discounted for
 * the term the same way as the engine's proposals. Pure: no database; the model stores the result as
 * a new version. Its schemas use full zod at module level, so only server code imports this module.
 */
import { z } from "zod";
import { type Addon, type Catalog, type ServerModel, findPrice, storageCapacity } from "./catalog";
import type { CapacityBar, ProposedServer } from "./engine";
import { DomainError } from "./errors";
import type { Minor } from "./money";
import { priceLine } from "./pricing";
import type { Availability, Region, TermMonths } from "./quote-input";
import { type StoredLine, withDiscounts } from "./repricing";
import { round2 } from "./resources";
import { staffSingleLine } from "./text";
import type { RuleTrace } from "./trace";

/** The largest amount one price field takes, in euros (one million). */
const MAX_EUROS_MINOR = 100_000_000;

/**
 * An amount in euros as a person types it ("12.50", "12,50", "1250", "€ 12.50") in integer minor
 * units, or a reason it is not one. Never goes through floating point.
 */
export function parseEuros(
  text: string,
  options: { allowNegative?: boolean } = {},
): { ok: true; minor: Minor } | { ok: false; reason: "format" | "decimals" | "negative" | "too_large" } {
  const cleaned = text.trim().replace(/^€\s*|\s*(€|eur)$/i, "");
  const match = /^(-)?(\d{1,9})(?:[.,](\d*))?$/.exec(cleaned);
  if (!match) return { ok: false, reason: "format" };
  const [, sign, whole, frac = ""] = match;
  if (frac.length > 2) return { ok: false, reason: "decimals" };
  const minor = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  if (sign && minor !== 0 && !options.allowNegative) return { ok: false, reason: "negative" };
  if (minor > MAX_EUROS_MINOR) return { ok: false, reason: "too_large" };
  // "-0" is zero, not negative zero.
  return { ok: true, minor: sign && minor !== 0 ? -minor : minor };
}

const EURO_MESSAGES = {
  format: "Enter an amount in euros, such as 12.50 or 12,50.",
  decimals: "Use at most 2 decimals (whole cents), such as 12.50.",
  negative: "The amount cannot be negative.",
  too_large: "The amount is too large (at most 1,000,000 €).",
} as const;

/** A zod field for an amount in euros, parsed into integer minor units with a message staff read. */
export function euros(options: { allowNegative?: boolean } = {}) {
  return z.string({ error: "Enter an amount in euros, such as 12.50." }).transform((text, ctx) => {
    const parsed = parseEuros(text, options);
    if (parsed.ok) return parsed.minor;
    ctx.addIssue({ code: "custom", message: EURO_MESSAGES[parsed.reason] });
    return z.NEVER;
  });
}

export const CONFIG_TIERS = ["lean", "balanced", "resilient"] as const;
export type ConfigTier = (typeof CONFIG_TIERS)[number];
export const MAX_CUSTOM_LINES = 5;

const quantity = z.coerce
  .number({ error: "Enter a whole number." })
  .int("Enter a whole number.")
  .min(1, "At least 1.")
  .max(1000, "At most 1,000.");

/** One custom priced line: what it is (the customer reads it as typed), how many, unit prices in minor units. */
export const customLineSchema = z.object({
  description: z.string().trim().min(1, "Describe the line.").max(200).check(staffSingleLine()),
  quantity,
  monthlyMinor: z.number().int().min(0).max(MAX_EUROS_MINOR),
  setupMinor: z.number().int().min(0).max(MAX_EUROS_MINOR),
});
export type CustomLine = z.infer<typeof customLineSchema>;

/** What a technician picks for one tier. */
export const customConfigurationSchema = z.object({
  tier: z.enum(CONFIG_TIERS),
  availability: z.enum(["standard", "high", "critical"]),
  items: z
    .array(z.object({ sku: z.string().min(1).max(60).check(staffSingleLine()), quantity }))
    .max(100)
    .superRefine((items, ctx) => {
      // A product named twice (a repeated form field) would add up past the quantity cap.
      const seen = new Set<string>();
      items.forEach(({ sku }, i) => {
        if (seen.has(sku))
          ctx.addIssue({ code: "custom", path: [i], message: "Picked more than once: enter its total quantity once." });
        seen.add(sku);
      });
    }),
  custom: z.array(customLineSchema).max(MAX_CUSTOM_LINES),
});
export type CustomConfiguration = z.infer<typeof customConfigurationSchema>;

/** The demand a configuration is compared with (the request's totals, every replica included). */
export interface ConfigDemand {
  vcpu: number;
  ramGb: number;
  storageGb: number;
  gpu: number;
  /** The roles of the request (each server of a custom configuration runs them all). */
  roles?: readonly string[];
  /** The request's region: a server sold only elsewhere cannot be picked. */
  region?: Region;
}

/**
 * The largest amount a line or a total may reach: amounts are stored as 32-bit integers of cents
 * (about €21.4 million), far above any real configuration, so a bigger one is a typing mistake.
 */
export const MAX_AMOUNT_MINOR = 2_147_483_647;

export interface CapacityRow {
  resource: "vcpu" | "ramGb" | "storageGb" | "gpu";
  demand: number;
  capacity: number;
  enough: boolean;
}

export interface BuiltConfiguration {
  lines: StoredLine[];
  servers: ProposedServer[];
  /** The bars the customer's card shows (vCPU, RAM, storage). */
  capacity: CapacityBar[];
  /** Every resource against the demand, GPUs included, for the technician. */
  check: CapacityRow[];
  explanation: RuleTrace[];
}

type Product = { kind: "server"; model: ServerModel } | { kind: "addon"; addon: Addon };

function productOf(catalog: Catalog, sku: string): Product | null {
  const model = catalog.servers.find((s) => s.sku === sku);
  if (model) return { kind: "server", model };
  const addon = catalog.addons.find((a) => a.sku === sku);
  return addon ? { kind: "addon", addon } : null;
}

/** The stored line kind of an add-on (disks and volumes are storage lines, as the engine writes them). */
const addonLineKind = (a: Addon) => (a.kind === "disk" || a.kind === "volume" ? "storage" : a.kind);

const storageOf = (m: ServerModel) => {
  const c = storageCapacity(m.disks);
  return c.nvmeGb + c.ssdGb + c.hddGb;
};

/**
 * Prices and sizes one tier from the picked products and custom lines. Lines come in the order they
 * were picked (servers first), then the custom lines; the term discount on the monthly subtotal and
 * any sales discount the version carries are appended as for every other proposal.
 */
export function buildCustomConfiguration(
  config: CustomConfiguration,
  catalog: Catalog,
  termMonths: TermMonths,
  demand: ConfigDemand,
  reason: string,
  salesDiscountBps = 0,
): BuiltConfiguration {
  if (config.items.length === 0 && config.custom.length === 0) throw new DomainError("empty_configuration");
  const why: RuleTrace[] = [
    { ruleId: "adjust.technician", inputs: { op: "custom_configuration" }, params: { reason } },
  ];
  const merged = new Map<string, number>();
  for (const item of config.items) merged.set(item.sku, (merged.get(item.sku) ?? 0) + item.quantity);
  const products = [...merged].map(([sku, qty]) => {
    const product = productOf(catalog, sku);
    const price = findPrice(catalog, sku);
    if (!product || !price) throw new DomainError("unknown_sku", { sku }, "items");
    if (demand.region && product.kind === "server" && !product.model.regions.includes(demand.region))
      throw new DomainError("sku_not_in_region", { sku, region: demand.region.toUpperCase() }, "items");
    return { sku, qty, product, price };
  });
  // Servers first, as on every proposal.
  products.sort((a, b) => (a.product.kind === b.product.kind ? 0 : a.product.kind === "server" ? -1 : 1));

  const items: StoredLine[] = [];
  const servers: ProposedServer[] = [];
  const roles = [...(demand.roles ?? [])];
  let vcpu = 0;
  let ramGb = 0;
  let storageGb = 0;
  let gpu = 0;
  for (const { sku, qty, product, price } of products) {
    if (product.kind === "server") {
      const m = product.model;
      items.push(priceLine({ kind: "server", sku, name: m.name, quantity: qty, why }, price));
      servers.push({
        sku,
        name: m.name,
        line: m.line,
        quantity: qty,
        roles,
        vcpu: m.vcpu,
        ramGb: m.ramGb,
        storageGb: storageOf(m),
      });
      vcpu += m.vcpu * qty;
      ramGb += m.ramGb * qty;
      storageGb += storageOf(m) * qty;
      gpu += m.gpuCount * qty;
    } else {
      const a = product.addon;
      items.push(priceLine({ kind: addonLineKind(a), sku, name: a.name, quantity: qty, why }, price));
      if (a.kind === "ram") ramGb += (a.sizeGb ?? 0) * qty;
      if (a.kind === "disk" || a.kind === "volume") storageGb += (a.sizeGb ?? 0) * qty;
    }
  }
  for (const c of config.custom) {
    items.push(
      priceLine(
        { kind: "custom", sku: null, name: c.description, quantity: c.quantity, why },
        { monthlyMinor: c.monthlyMinor, setupMinor: c.setupMinor },
      ),
    );
  }
  const termBps = catalog.priceBook.termDiscountBps[termMonths] ?? 0;
  const lines = withDiscounts(items, termMonths, termBps, salesDiscountBps);
  const setup = lines.reduce((s, l) => s + l.setupMinor, 0);
  const monthly = lines.reduce((s, l) => s + l.monthlyMinor, 0);
  const largest = Math.max(
    setup + monthly * termMonths,
    ...lines.flatMap((l) => [Math.abs(l.setupMinor), Math.abs(l.monthlyMinor) * termMonths]),
  );
  if (largest > MAX_AMOUNT_MINOR)
    throw new DomainError("amount_too_large", { max: Math.floor(MAX_AMOUNT_MINOR / 100) }, "items");

  const row = (resource: CapacityRow["resource"], need: number, have: number): CapacityRow => ({
    resource,
    demand: round2(need),
    capacity: round2(have),
    enough: have + 1e-9 >= need,
  });
  const check = [
    row("vcpu", demand.vcpu, vcpu),
    row("ramGb", demand.ramGb, ramGb),
    row("storageGb", demand.storageGb, storageGb),
    row("gpu", demand.gpu, gpu),
  ];
  const capacity: CapacityBar[] = check
    .filter((c): c is CapacityRow & { resource: CapacityBar["resource"] } => c.resource !== "gpu")
    .map(({ resource, demand: d, capacity: c }) => ({ resource, demand: d, capacity: c }));
  const explanation: RuleTrace[] = [
    { ruleId: `avail.${config.availability satisfies Availability}`, inputs: {}, params: {} },
    ...why,
  ];
  return { lines, servers, capacity, check, explanation };
}

export interface CatalogHit {
  sku: string;
  name: string;
  kind: "server" | "addon";
  /** The specs in one line, as searched. */
  spec: string;
  monthlyMinor: Minor;
  setupMinor: Minor;
}

function serverSpec(m: ServerModel): string {
  const disks = m.disks.map((d) => `${d.count} × ${d.sizeGb} GB ${d.class} ${d.raid}`).join(" + ");
  const gpu = m.gpuCount > 0 ? `, ${m.gpuCount} × GPU ${m.gpuModel ?? ""}`.trimEnd() : "";
  return `${m.line} · ${m.cpu} · ${m.vcpu} vCPU · ${m.ramGb} GB RAM · ${disks}${gpu} · ${m.regions.join("/")}`;
}

function addonSpec(a: Addon): string {
  const size = a.sizeGb ? ` · ${a.sizeGb} GB` : "";
  const cls = a.storageClass ? ` ${a.storageClass}` : "";
  const fits = a.lines.length ? ` · fits ${a.lines.join(", ")}` : "";
  return `add-on ${a.kind}${size}${cls}${fits}`;
}

/** Lower case, and a number joined to its unit ("64 GB" → "64gb") so both spellings match. */
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/(\d)\s+(gb|tb|vcpu|gbit)\b/g, "$1$2")
    .replace(/\s+/g, " ");

function matches(haystack: string, query: string): boolean {
  const tokens = normalise(query).split(" ").filter(Boolean);
  return tokens.every((token) => {
    // A number matches whole numbers only: "64gb" is not in "164gb".
    if (/^\d/.test(token))
      return new RegExp(`(^|[^\\d.])${token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).test(haystack);
    return haystack.includes(token);
  });
}

/**
 * The catalog's sellable products whose name, SKU or specs match every word of the query ("gpu",
 * "L40S", "64 GB", "nvme"); every sellable product for an empty query.
 */
export function searchCatalog(catalog: Catalog, query: string): CatalogHit[] {
  const hits: CatalogHit[] = [];
  const q = query.trim();
  for (const m of catalog.servers) {
    const price = findPrice(catalog, m.sku);
    if (!price) continue;
    const spec = serverSpec(m);
    const text = normalise(`${m.sku} ${m.name} server ${spec}`);
    if (q && !matches(text, q)) continue;
    hits.push({ sku: m.sku, name: m.name, kind: "server", spec, ...price });
  }
  for (const a of catalog.addons) {
    const price = findPrice(catalog, a.sku);
    if (!price) continue;
    const spec = addonSpec(a);
    const text = normalise(`${a.sku} ${a.name} ${spec}`);
    if (q && !matches(text, q)) continue;
    hits.push({ sku: a.sku, name: a.name, kind: "addon", spec, ...price });
  }
  return hits;
}

/** A tier's position on the page: lean, balanced, resilient. */
export const tierPosition = (tier: string) => {
  const i = (CONFIG_TIERS as readonly string[]).indexOf(tier);
  return i < 0 ? CONFIG_TIERS.length : i;
};
