import { data } from "@remix-run/node";
import type { z } from "zod";
import type { ProductStatus } from "~/domain/catalog";
import { productStatusSchema } from "~/domain/catalog-schemas";
import { isDomainError } from "~/domain/errors";
import { type FieldError, staffErrorMessage } from "~/utils/domain-error.server";
import { fieldErrors } from "~/utils/validation";
import type { SentValues } from "./form-parts";
import { STATUS_LABELS } from "./labels";

/**
 * Reading the catalog forms into the shape the catalog schemas parse (app/domain/catalog-schemas.ts),
 * which is the JSON an API would send: numbers as numbers, lists as lists, an absent value missing.
 * A field that is not a whole number stays text, so the schema's own message ("Enter the RAM as a
 * whole number of GB.") answers it, as it would answer the API.
 */
export function formReader(form: FormData) {
  const text = (name: string): string | undefined => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return {
    text,
    /** Text, with empty read as missing (selects whose empty choice means "none"). */
    choice: (name: string) => text(name) || undefined,
    number: (name: string): number | string | undefined => {
      const value = text(name)?.trim();
      if (!value) return undefined;
      return /^-?\d{1,15}$/.test(value) ? Number(value) : value;
    },
    list: (name: string) => form.getAll(name).map((v) => (typeof v === "string" ? v : "")),
  };
}

/** What the form sent, to show it again after a refusal; `lists` are the checkbox groups. */
export function sentValues(form: FormData, lists: readonly string[]): SentValues {
  const sent: SentValues = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).map((v) => (typeof v === "string" ? v.slice(0, 500) : ""));
    sent[key] = lists.includes(key) ? all : (all[0] ?? "");
  }
  for (const key of lists) sent[key] ??= [];
  return sent;
}

/** What a catalog page shows after an action: a notice, or errors by field and what was sent. */
export interface CatalogAnswer {
  notice: string | null;
  errors: FieldError[];
  values: SentValues | null;
}

export const done = (notice: string): CatalogAnswer => ({ notice, errors: [], values: null });

export const refused = (status: number, errors: FieldError[], values: SentValues | null = null) =>
  data<CatalogAnswer>({ notice: null, errors, values }, { status });

/** A schema's refusal: 400 with every field's message at its path. */
export const invalid = (error: z.core.$ZodError, values: SentValues, path: (p: string) => string = (p) => p) =>
  refused(
    400,
    fieldErrors(error).map((e) => ({ path: path(e.path), message: e.message })),
    values,
  );

/** Runs a model change; a DomainError (not found, SKU taken, a status it cannot take) becomes its answer. */
export async function answering<T>(fallbackPath: string, values: SentValues | null, run: () => Promise<T>) {
  try {
    return await run();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.code === "not_found") throw data(null, { status: 404 });
    return refused(
      error.status,
      [{ path: error.field || fallbackPath, message: await staffErrorMessage(error) }],
      values,
    );
  }
}

/** An intent the product pages do not have. */
export const unknownIntent = () => refused(400, [{ path: "intent", message: "Unknown action." }]);

/**
 * A save whose form sends another SKU than the page's: refused (400), since SKUs never change once
 * created (price books and stored quotes name products by them). Null when the SKU is the page's own.
 */
export function skuChangeRefused(form: FormData, sku: string, noun: "model" | "add-on", values: SentValues) {
  const sent = form.get("sku");
  if (sent === null || sent === sku) return null;
  return refused(
    400,
    [{ path: "sku", message: `A SKU never changes once created: create a new ${noun} with the new SKU instead.` }],
    values,
  );
}

/** A product page's save: the change made by `save`, answered "Saved." or "Nothing changed.". */
export const saveAnswer = (values: SentValues, save: () => Promise<{ changed: boolean }>) =>
  answering("", values, async () => done((await save()).changed ? "Saved." : "Nothing changed."));

/** The status buttons of a product page: the status asked for, changed by `change`, and what it means now. */
export async function statusAnswer(form: FormData, change: (to: ProductStatus) => Promise<{ changed: boolean }>) {
  const parsed = productStatusSchema.safeParse(form.get("status"));
  if (!parsed.success) return refused(400, [{ path: "status", message: parsed.error.issues[0]!.message }]);
  const to = parsed.data;
  return answering("status", null, async () => {
    const result = await change(to);
    return done(
      !result.changed
        ? `Already ${STATUS_LABELS[to].toLowerCase()}.`
        : to === "retired"
          ? "Retired: no longer offered. Quotes that carry it keep their lines."
          : "Active: offered wherever a price book in effect prices it.",
    );
  });
}
