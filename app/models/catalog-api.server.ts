import { eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { catalogRevision } from "#db/schema";
import type { BookCurrency } from "~/domain/price-book";

/**
 * What the public catalog (GET /api/v1/catalog) answers from, in one small query: the catalog
 * revision (bumped by triggers on every change to models, add-ons and books: migration 0013) and the
 * id of the book in effect for `currency` at `at`, chosen as app/models/catalog.server.ts chooses it.
 * Together they name a version of the answer, so a client's cached copy is checked without building
 * it. A book that takes effect later changes the id without a change to the revision.
 */
export async function catalogHead(
  db: Executor,
  currency: BookCurrency,
  at: Date,
): Promise<{ revision: number; bookId: number | null }> {
  const [head] = await db
    .select({
      revision: catalogRevision.revision,
      bookId: sql<number | null>`(select id from price_books where currency = ${currency} and status = 'published'
        and effective_from <= ${at.toISOString()}::timestamptz order by effective_from desc, version desc limit 1)`,
    })
    .from(catalogRevision)
    .where(eq(catalogRevision.id, 1));
  return { revision: head?.revision ?? 0, bookId: head?.bookId ?? null };
}
