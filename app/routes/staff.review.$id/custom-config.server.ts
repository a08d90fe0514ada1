import { z } from "zod";
import type { Catalog } from "~/domain/catalog";
import { type CatalogHit, MAX_CUSTOM_LINES, buildCustomConfiguration } from "~/domain/custom-configuration";
import type { DemandSummary } from "~/domain/engine";
import { isDomainError } from "~/domain/errors";
import { totalsOf } from "~/domain/pricing";
import type { Region, TermMonths } from "~/domain/quote-input";
import { adjustmentSchema, customConfigurationSchema, euros, searchCatalog } from "~/models/proposal-version.server";
import { staffErrorMessage } from "~/utils/domain-error.server";
import { staffMultiLine } from "~/utils/text.server";

/** Custom line rows the form offers (MAX_CUSTOM_LINES at most are accepted). */
export const CUSTOM_LINE_ROWS = 3;

type Fields = URLSearchParams | FormData;
const text = (fields: Fields, name: string) => {
  const value = fields.get(name);
  return typeof value === "string" ? value.trim() : "";
};

/**
 * The custom configuration form (a POST to save it, or a GET to search and preview it) as plain
 * values: picked products are `qty_<sku>` fields with a quantity above zero, custom lines the
 * `line<i>_…` rows where anything was typed.
 */
export function readCustomConfigurationFields(fields: Fields) {
  const items: { sku: string; quantity: string }[] = [];
  for (const [name, value] of fields) {
    if (!name.startsWith("qty_") || typeof value !== "string") continue;
    const quantity = value.trim();
    if (quantity === "" || quantity === "0") continue;
    items.push({ sku: name.slice(4), quantity });
  }
  const custom: { row: number; description: string; quantity: string; monthly: string; setup: string }[] = [];
  for (let row = 0; row < MAX_CUSTOM_LINES; row++) {
    const line = {
      row,
      description: text(fields, `line${row}_description`),
      quantity: text(fields, `line${row}_quantity`) || "1",
      monthly: text(fields, `line${row}_monthly`),
      setup: text(fields, `line${row}_setup`) || "0",
    };
    if (line.description || line.monthly || (line.setup && line.setup !== "0")) custom.push(line);
  }
  return {
    query: text(fields, "q").slice(0, 100),
    tier: text(fields, "tier") || "lean",
    availability: text(fields, "availability"),
    reason: text(fields, "reason"),
    items,
    custom,
  };
}

export type CustomConfigurationFields = ReturnType<typeof readCustomConfigurationFields>;

/** A custom line as typed: prices in euros ("12.50" or "12,50"), parsed into minor units. */
const customLineForm = z
  .object({
    row: z.number(),
    description: z.string(),
    quantity: z.unknown(),
    monthly: euros(),
    setup: euros(),
  })
  .transform(({ description, quantity, monthly, setup }) => ({
    description,
    quantity,
    monthlyMinor: monthly,
    setupMinor: setup,
  }));

/** The "custom" intent: the configuration and the note the customer reads with it. */
export const customIntentSchema = z.object({
  reason: z.string().trim().min(1, "Write a note for the customer.").max(1000).check(staffMultiLine()),
  configuration: z
    .object({
      tier: z.string(),
      availability: z.string(),
      items: z.array(z.object({ sku: z.string(), quantity: z.unknown() })),
      custom: z.array(customLineForm),
    })
    .pipe(customConfigurationSchema),
});

/** Field names people read in a refusal ("custom.0.monthlyMinor" → "Custom line 1, monthly price"). */
export function fieldLabel(path: readonly PropertyKey[], fields?: CustomConfigurationFields): string {
  const [head, index, leaf] = path.map(String);
  if (head === "custom" && index !== undefined) {
    const row = fields?.custom[Number(index)]?.row ?? Number(index);
    const what =
      leaf === "monthly" || leaf === "monthlyMinor"
        ? "monthly price (€)"
        : leaf === "setup" || leaf === "setupMinor"
          ? "setup price (€)"
          : (leaf ?? "");
    return `Custom line ${row + 1}, ${what}`;
  }
  if (head === "items" && index !== undefined) return `Product ${fields?.items[Number(index)]?.sku ?? ""}`.trim();
  if (head === "monthly") return "Monthly (€)";
  if (head === "setup") return "Setup (€)";
  return path.map(String).join(".");
}

/** The "custom" intent's form parsed, or its refusals with field-level messages. */
export function parseCustomIntent(form: FormData) {
  const fields = readCustomConfigurationFields(form);
  const parsed = customIntentSchema.safeParse({
    reason: fields.reason,
    configuration: {
      tier: fields.tier,
      availability: fields.availability,
      items: fields.items,
      custom: fields.custom,
    },
  });
  if (parsed.success) return { ok: true as const, data: parsed.data };
  return {
    ok: false as const,
    errors: parsed.error.issues.map((i) => {
      const inner = i.path[0] === "configuration" ? i.path.slice(1) : i.path;
      return { path: i.path.join("."), message: `${fieldLabel(inner, fields)}: ${i.message}` };
    }),
  };
}

/**
 * The adjust form's amounts in euros: `monthly`/`setup` ("12.50", "12,50") become the adjustment's
 * minor units before the adjustment's own schema checks it.
 */
export const adjustmentForm = z
  .looseObject({ monthly: euros().optional(), setup: euros().optional() })
  .transform(({ monthly, setup, ...rest }, ctx) => {
    const out: Record<string, unknown> = { ...rest };
    if (monthly !== undefined) out.monthlyMinor = monthly;
    if (setup !== undefined) out.setupMinor = setup;
    if (out.op === "custom") {
      if (out.monthlyMinor === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["monthly"],
          message: "Enter the monthly price in euros, such as 12.50.",
        });
      out.setupMinor ??= 0;
      out.quantity ??= 1;
    }
    return out;
  })
  .pipe(adjustmentSchema);

/** What the review page shows of the configuration being built: products to pick, and the preview. */
export async function presentCustomConfiguration(
  fields: CustomConfigurationFields,
  catalog: Catalog,
  termMonths: TermMonths,
  demand: DemandSummary,
  region?: Region,
) {
  const picked = new Map(fields.items.map((i) => [i.sku, i.quantity]));
  const hits = searchCatalog(catalog, fields.query);
  // What was picked stays on the form whatever the search shows.
  const pickedHits = searchCatalog(catalog, "").filter((h) => picked.has(h.sku) && !hits.some((x) => x.sku === h.sku));
  const products: (CatalogHit & { quantity: string })[] = [...pickedHits, ...hits].map((h) => ({
    ...h,
    quantity: picked.get(h.sku) ?? "",
  }));
  const need = { vcpu: demand.vcpu, ramGb: demand.ramGb, storageGb: demand.storageGb, gpu: demand.gpu ?? 0, region };
  let preview: {
    check: ReturnType<typeof buildCustomConfiguration>["check"];
    monthlyMinor: number;
    setupMinor: number;
  } | null = null;
  const problems: string[] = [];
  const parsed = customIntentSchema.shape.configuration.safeParse({
    tier: fields.tier,
    availability: fields.availability || "standard",
    items: fields.items,
    custom: fields.custom,
  });
  if (!parsed.success) {
    for (const i of parsed.error.issues) problems.push(`${fieldLabel(i.path, fields)}: ${i.message}`);
  } else if (parsed.data.items.length + parsed.data.custom.length > 0) {
    try {
      const built = buildCustomConfiguration(parsed.data, catalog, termMonths, need, "");
      const totals = totalsOf(built.lines as Parameters<typeof totalsOf>[0], termMonths, catalog.priceBook.currency);
      preview = { check: built.check, monthlyMinor: totals.monthlyMinor, setupMinor: totals.setupMinor };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      problems.push(await staffErrorMessage(e));
    }
  }
  return {
    query: fields.query,
    tier: fields.tier,
    availability: fields.availability,
    reason: fields.reason,
    products,
    lines: Array.from({ length: CUSTOM_LINE_ROWS }, (_, row) => {
      const typed = fields.custom.find((c) => c.row === row);
      return {
        description: typed?.description ?? "",
        quantity: typed?.quantity ?? "1",
        monthly: typed?.monthly ?? "",
        setup: typed && typed.setup !== "0" ? typed.setup : "",
      };
    }),
    demand: need,
    preview,
    problems,
  };
}

export type CustomConfigurationView = Awaited<ReturnType<typeof presentCustomConfiguration>>;
