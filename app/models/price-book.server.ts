import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { auditLog, priceBookItems, priceBooks } from "#db/schema";
import { DomainError } from "~/domain/errors";
import type { Minor } from "~/domain/money";
import type { BookCurrency, BookPrices, RateCard } from "~/domain/price-book";
import type { Actor } from "~/utils/permissions";

/**
 * Price books as versions (issue 15). A draft is copied from a book and edited freely; publishing gives
 * it an effective-from moment (now or later) and from then on it never changes (migration 0013's
 * triggers refuse any update or delete of a published book or its items). Per currency, the book in
 * effect at a moment is the published one with the latest effective_from at or before it
 * (app/models/catalog.server.ts `effectiveBookQuery`). Callers check `write:catalog`; every change
 * is in the audit log with who, when, before and after.
 */
export type PriceBookRow = typeof priceBooks.$inferSelect;
export interface PriceItem {
  sku: string;
  monthlyMinor: Minor;
  setupMinor: Minor;
}

const audit = (
  db: Executor,
  actor: Actor,
  bookId: number,
  action: string,
  data: Record<string, unknown>,
  status?: { from: string | null; to: string | null },
) =>
  db.insert(auditLog).values({
    entityType: "price_book",
    entityId: String(bookId),
    action,
    actor: `staff:${actor.id}`,
    fromStatus: status?.from ?? null,
    toStatus: status?.to ?? null,
    data,
  });

export async function listPriceBooks(db: Executor) {
  return db.select().from(priceBooks).orderBy(desc(priceBooks.version));
}

export async function getPriceBook(db: Executor, id: number) {
  const [book] = await db.select().from(priceBooks).where(eq(priceBooks.id, id));
  if (!book) return null;
  const items = await db
    .select({
      sku: priceBookItems.sku,
      monthlyMinor: priceBookItems.monthlyMinor,
      setupMinor: priceBookItems.setupMinor,
    })
    .from(priceBookItems)
    .where(eq(priceBookItems.priceBookId, id))
    .orderBy(asc(priceBookItems.sku));
  return { book, items };
}

/** A book's prices and settings as app/domain/price-book.ts `diffBooks` compares them. */
export async function bookPrices(db: Executor, id: number): Promise<BookPrices | null> {
  const found = await getPriceBook(db, id);
  if (!found) return null;
  return {
    termDiscountBps: found.book.termDiscountBps,
    opsMinorPerServerMonth: found.book.opsMinorPerServerMonth,
    rateCard: found.book.rateCard,
    items: new Map(found.items.map((i) => [i.sku, { monthlyMinor: i.monthlyMinor, setupMinor: i.setupMinor }])),
  };
}

/** Locks a draft for change; a published (or missing) book is refused. */
async function lockDraft(tx: Executor, id: number) {
  const [book] = await tx.select().from(priceBooks).where(eq(priceBooks.id, id)).for("update");
  if (!book) throw new DomainError("not_found");
  if (book.status !== "draft") throw new DomainError("book_not_draft");
  return book;
}

/**
 * A new draft copied from `fromId` (a published book or another draft): same currency, settings and
 * prices. Its version number is the next free one; numbers are never reused.
 */
export async function createDraft(db: Executor, actor: Actor, fromId: number, note: string | null = null) {
  return db.transaction(async (tx) => {
    const source = await getPriceBook(tx, fromId);
    if (!source) throw new DomainError("not_found");
    // Version numbers come from the table's maximum; the lock makes two drafts at once queue up.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('price_book_version'))`);
    const [{ next } = { next: 1 }] = await tx
      .select({ next: sql<number>`coalesce(max(${priceBooks.version}), 0)::int + 1` })
      .from(priceBooks);
    const [draft] = await tx
      .insert(priceBooks)
      .values({
        version: next,
        currency: source.book.currency,
        status: "draft",
        termDiscountBps: source.book.termDiscountBps,
        opsMinorPerServerMonth: source.book.opsMinorPerServerMonth,
        rateCard: source.book.rateCard,
        note,
        createdBy: actor.id,
      })
      .returning();
    if (source.items.length)
      await tx.insert(priceBookItems).values(source.items.map((i) => ({ ...i, priceBookId: draft!.id })));
    await audit(
      tx,
      actor,
      draft!.id,
      "price_book_drafted",
      { from: source.book.version, version: next, note },
      {
        from: null,
        to: "draft",
      },
    );
    return draft!;
  });
}

export interface DraftSettings {
  termDiscountBps?: Record<string, number>;
  opsMinorPerServerMonth?: Minor;
  rateCard?: RateCard;
  note?: string | null;
}

/** Changes a draft's book-level settings (term discounts, operations weight, rate card, note). */
export async function updateDraftSettings(db: Executor, actor: Actor, id: number, settings: DraftSettings) {
  return db.transaction(async (tx) => {
    const before = await lockDraft(tx, id);
    const [after] = await tx.update(priceBooks).set(settings).where(eq(priceBooks.id, id)).returning();
    const pick = (b: PriceBookRow) => ({
      termDiscountBps: b.termDiscountBps,
      opsMinorPerServerMonth: b.opsMinorPerServerMonth,
      rateCard: b.rateCard,
      note: b.note,
    });
    await audit(tx, actor, id, "price_book_settings_changed", { before: pick(before), after: pick(after!) });
    return after!;
  });
}

/**
 * Sets prices in a draft: each item is inserted or replaced; `remove` takes products out of the book
 * (they can no longer be sold once it is in effect). All or nothing.
 */
export async function setDraftPrices(
  db: Executor,
  actor: Actor,
  id: number,
  changes: { set?: PriceItem[]; remove?: string[] },
) {
  return db.transaction(async (tx) => {
    await lockDraft(tx, id);
    const skus = [...(changes.set ?? []).map((i) => i.sku), ...(changes.remove ?? [])];
    const before = skus.length
      ? await tx
          .select()
          .from(priceBookItems)
          .where(and(eq(priceBookItems.priceBookId, id), sql`${priceBookItems.sku} in ${skus}`))
      : [];
    for (const sku of changes.remove ?? [])
      await tx.delete(priceBookItems).where(and(eq(priceBookItems.priceBookId, id), eq(priceBookItems.sku, sku)));
    if (changes.set?.length)
      await tx
        .insert(priceBookItems)
        .values(changes.set.map((i) => ({ ...i, priceBookId: id })))
        .onConflictDoUpdate({
          target: [priceBookItems.priceBookId, priceBookItems.sku],
          set: { monthlyMinor: sql`excluded.monthly_minor`, setupMinor: sql`excluded.setup_minor` },
        });
    await audit(tx, actor, id, "price_book_prices_changed", {
      before: before.map(({ priceBookId: _p, ...i }) => i),
      after: changes.set ?? [],
      removed: changes.remove ?? [],
    });
  });
}

/** A draft nobody will publish. Published books cannot be deleted. */
export async function deleteDraft(db: Executor, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const book = await lockDraft(tx, id);
    await tx.delete(priceBookItems).where(eq(priceBookItems.priceBookId, id));
    await tx.delete(priceBooks).where(eq(priceBooks.id, id));
    await audit(tx, actor, id, "price_book_draft_deleted", { version: book.version }, { from: "draft", to: null });
  });
}

/**
 * Publishes a draft to take effect at `effectiveFrom` (now or later; a moment a second in the past,
 * as a form submitted "now" arrives, counts as now). Publishes of one currency queue on an advisory
 * lock, so two admins at once leave one book per moment: the second sees the first's and, at the same
 * moment, is refused (the unique index backs this up).
 */
export async function publishDraft(
  db: Executor,
  actor: Actor,
  id: number,
  effectiveFrom: Date,
  now: Date = new Date(),
) {
  if (effectiveFrom.getTime() < now.getTime() - 60_000) throw new DomainError("effective_in_past", {}, "effectiveFrom");
  const effective = effectiveFrom < now ? now : effectiveFrom;
  return db.transaction(async (tx) => {
    const [peek] = await tx.select({ currency: priceBooks.currency }).from(priceBooks).where(eq(priceBooks.id, id));
    if (!peek) throw new DomainError("not_found");
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`price_book_publish:${peek.currency}`}))`);
    const draft = await lockDraft(tx, id);
    const [{ count } = { count: 0 }] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(priceBookItems)
      .where(eq(priceBookItems.priceBookId, id));
    if (count === 0) throw new DomainError("book_empty");
    const [clash] = await tx
      .select({ id: priceBooks.id })
      .from(priceBooks)
      .where(
        and(
          eq(priceBooks.currency, draft.currency),
          eq(priceBooks.status, "published"),
          eq(priceBooks.effectiveFrom, effective),
        ),
      );
    if (clash) throw new DomainError("effective_taken", {}, "effectiveFrom");
    const [published] = await tx
      .update(priceBooks)
      .set({ status: "published", effectiveFrom: effective, publishedAt: now, publishedBy: actor.id })
      .where(and(eq(priceBooks.id, id), eq(priceBooks.status, "draft")))
      .returning();
    await audit(
      tx,
      actor,
      id,
      "price_book_published",
      { version: draft.version, currency: draft.currency, effectiveFrom: effective.toISOString() },
      { from: "draft", to: "published" },
    );
    return published!;
  });
}

/** The currencies that have a book in effect now, for the customer's currency switch. */
export async function currenciesInEffect(db: Executor, at: Date = new Date()): Promise<BookCurrency[]> {
  const rows = await db
    .selectDistinct({ currency: priceBooks.currency })
    .from(priceBooks)
    .where(
      and(eq(priceBooks.status, "published"), sql`${priceBooks.effectiveFrom} <= ${at.toISOString()}::timestamptz`),
    );
  return rows.map((r) => r.currency).sort();
}
