import { data } from "@remix-run/node";
import type { z } from "zod";
import { isDomainError } from "~/domain/errors";
import { type FieldError, staffErrorMessage } from "~/utils/domain-error.server";
import { fieldErrors } from "~/utils/validation";
import type { SentValues } from "./form-parts";

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
