import { getDb } from "#db/client.server";
import { estimate } from "~/domain/engine";
import type { QuoteInput, QuoteRequestInput } from "~/domain/quote-input";
import { loadCatalog } from "~/models/catalog.server";
import { createQuoteRequest } from "~/models/quote-request.server";
import { businessCalendar } from "~/utils/env.server";
import { notifyCustomer, notifyTechniciansOfNewItem } from "./notifications.server";

/** Runs the engine on the current catalog without storing anything (the JSON API). */
export async function estimateQuote(input: QuoteInput, db = getDb()) {
  const catalog = await loadCatalog(db);
  return estimate(input, catalog);
}

/** A customer's submitted wizard: size, price, store, and hand back the private link token. */
export async function submitQuoteRequest(input: QuoteRequestInput, locale: string, db = getDb()) {
  const catalog = await loadCatalog(db);
  const result = estimate(input, catalog);
  const created = await createQuoteRequest(
    db,
    input,
    result,
    catalog.priceBook.id,
    locale,
    businessCalendar(),
    new Date(),
    async (tx, c) => {
      await notifyCustomer(tx, c.id, "quote_link", { token: c.token });
      if (c.reviewItemId) await notifyTechniciansOfNewItem(tx, c.reviewItemId, c.reviewCodes);
    },
  );
  return { ...created, result };
}
