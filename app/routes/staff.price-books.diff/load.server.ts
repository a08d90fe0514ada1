import { z } from "zod";
import type { Executor } from "#db/client.server";
import { diffBooks } from "~/domain/price-book";
import { bookPrices, catalogProducts, listPriceBooks } from "~/models/price-book.server";
import type { FieldError } from "~/utils/domain-error.server";

const bookRef = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, "Pick a price book from the list.")
  .transform(Number)
  .optional();
const diffQuery = z.object({ from: bookRef, to: bookRef, all: z.literal("1").optional() });

/**
 * Two books side by side (`?from=<id>&to=<id>`): per product the old and new price and the change in
 * %, and the settings that changed. Without both ids the page only offers the choice; a bad or
 * unknown id, or two currencies (prices are never converted), is a 400 with the reason.
 */
export async function priceBookDiff(db: Executor, url: URL) {
  const books = await listPriceBooks(db);
  const choices = books.map((b) => ({ id: b.id, version: b.version, currency: b.currency, status: b.status }));
  const parsed = diffQuery.safeParse(Object.fromEntries(url.searchParams));
  const answer = (errors: FieldError[], diff: Awaited<ReturnType<typeof compare>> | null = null) => ({
    choices,
    errors,
    diff,
    from: parsed.success ? (parsed.data.from ?? null) : null,
    to: parsed.success ? (parsed.data.to ?? null) : null,
    all: parsed.success && parsed.data.all === "1",
  });
  if (!parsed.success)
    return { status: 400, ...answer(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }))) };
  const { from, to } = parsed.data;
  if (from === undefined || to === undefined) return { status: 200, ...answer([]) };
  const a = books.find((b) => b.id === from);
  const b = books.find((b) => b.id === to);
  if (!a || !b)
    return {
      status: 400,
      ...answer([
        { path: a ? "to" : "from", message: "There is no price book with that number; pick one from the list." },
      ]),
    };
  if (a.currency !== b.currency)
    return {
      status: 400,
      ...answer([
        {
          path: "to",
          message: `Version ${a.version} is in ${a.currency} and version ${b.version} in ${b.currency}: compare books of one currency (prices are never converted).`,
        },
      ]),
    };
  return { status: 200, ...answer([], await compare(db, a, b)) };
}

async function compare(
  db: Executor,
  a: { id: number; version: number; currency: "EUR" | "USD" },
  b: { id: number; version: number },
) {
  const [fromPrices, toPrices, products] = await Promise.all([
    bookPrices(db, a.id),
    bookPrices(db, b.id),
    catalogProducts(db),
  ]);
  const names = new Map(products.map((p) => [p.sku, p.name]));
  const { items, settings } = diffBooks(fromPrices!, toPrices!);
  return {
    currency: a.currency,
    fromVersion: a.version,
    toVersion: b.version,
    items: items.map((i) => ({ ...i, name: names.get(i.sku) ?? i.sku })),
    settings,
  };
}
