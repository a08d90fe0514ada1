import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { addons, auditLog, priceBookItems, priceBooks, serverModels, users } from "#db/schema";
import type { LocalizedNames, ProductStatus } from "~/domain/catalog";
import { DomainError } from "~/domain/errors";
import type { Minor } from "~/domain/money";
import type { BookCurrency, BookPrices, RateCard } from "~/domain/price-book";
import type { Actor } from "~/utils/permissions";
import { effectiveBookQuery } from "./catalog.server";

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

/** Every book, newest version first, with the name of whoever published it. */
export async function listPriceBooks(db: Executor) {
  return db
    .select({
      id: priceBooks.id,
      version: priceBooks.version,
      currency: priceBooks.currency,
      status: priceBooks.status,
      effectiveFrom: priceBooks.effectiveFrom,
      publishedAt: priceBooks.publishedAt,
      publishedByName: users.name,
      note: priceBooks.note,
      createdAt: priceBooks.createdAt,
    })
    .from(priceBooks)
    .leftJoin(users, eq(users.id, priceBooks.publishedBy))
    .orderBy(desc(priceBooks.version));
}

/** The published book in effect for `currency` at `at`, or null (catalog.server.ts picks the same one). */
export async function bookInEffect(db: Executor, currency: BookCurrency, at: Date = new Date()) {
  const [book] = await effectiveBookQuery(db, currency, at);
  return book ?? null;
}

/** A product a price book can price: every server model and add-on in the catalog, whatever its status. */
export interface CatalogProduct {
  sku: string;
  name: string;
  names: LocalizedNames;
  /** "server" for server models, "addon" for add-ons. */
  type: "server" | "addon";
  /** A server's line or an add-on's kind, to group the price table by. */
  group: string;
  status: ProductStatus;
}

/** Every product of the catalog, servers first, by group and SKU. */
export async function catalogProducts(db: Executor): Promise<CatalogProduct[]> {
  const [servers, extras] = await Promise.all([
    db
      .select({
        sku: serverModels.sku,
        name: serverModels.name,
        names: serverModels.names,
        group: serverModels.line,
        status: serverModels.status,
      })
      .from(serverModels)
      .orderBy(asc(serverModels.line), asc(serverModels.sku)),
    db
      .select({ sku: addons.sku, name: addons.name, names: addons.names, group: addons.kind, status: addons.status })
      .from(addons)
      .orderBy(asc(addons.kind), asc(addons.sku)),
  ]);
  return [
    ...servers.map((s) => ({ ...s, type: "server" as const })),
    ...extras.map((a) => ({ ...a, type: "addon" as const })),
  ];
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
      { from: source.book.version, before: null, after: { ...settingsOf(draft!), version: next, items: source.items } },
      { from: null, to: "draft" },
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

/** The settings of a book as the audit log records them. */
const settingsOf = (b: PriceBookRow) => ({
  currency: b.currency,
  termDiscountBps: b.termDiscountBps,
  opsMinorPerServerMonth: b.opsMinorPerServerMonth,
  rateCard: b.rateCard,
  note: b.note,
});

/** Whether `settings` would change anything in `book` (jsonb compares as canonical JSON). */
function settingsChange(book: PriceBookRow, settings: DraftSettings) {
  const changed: DraftSettings = {};
  const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
  if (settings.termDiscountBps && !same(settings.termDiscountBps, book.termDiscountBps))
    changed.termDiscountBps = settings.termDiscountBps;
  if (settings.opsMinorPerServerMonth !== undefined && settings.opsMinorPerServerMonth !== book.opsMinorPerServerMonth)
    changed.opsMinorPerServerMonth = settings.opsMinorPerServerMonth;
  if (settings.rateCard && !same(settings.rateCard, book.rateCard)) changed.rateCard = settings.rateCard;
  if (settings.note !== undefined && (settings.note ?? null) !== book.note) changed.note = settings.note;
  return Object.keys(changed).length ? changed : null;
}

/** JSON with object keys sorted, so two equal settings compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

async function writeSettings(tx: Executor, actor: Actor, before: PriceBookRow, settings: DraftSettings) {
  const changed = settingsChange(before, settings);
  if (!changed) return false;
  const [after] = await tx.update(priceBooks).set(changed).where(eq(priceBooks.id, before.id)).returning();
  await audit(tx, actor, before.id, "price_book_settings_changed", {
    before: settingsOf(before),
    after: settingsOf(after!),
  });
  return true;
}

/** Changes a draft's book-level settings (term discounts, operations weight, rate card, note). */
export async function updateDraftSettings(db: Executor, actor: Actor, id: number, settings: DraftSettings) {
  return db.transaction(async (tx) => {
    const before = await lockDraft(tx, id);
    await writeSettings(tx, actor, before, settings);
    const [after] = await tx.select().from(priceBooks).where(eq(priceBooks.id, id));
    return after!;
  });
}

/**
 * Writes the items that differ from what the draft holds: `set` inserts or replaces, `remove` takes
 * products out of the book (they can no longer be sold once it is in effect). Unchanged items are not
 * written and not audited. Returns how many products changed.
 */
async function writePrices(
  tx: Executor,
  actor: Actor,
  id: number,
  changes: { set?: PriceItem[]; remove?: string[] },
): Promise<number> {
  const skus = [...(changes.set ?? []).map((i) => i.sku), ...(changes.remove ?? [])];
  if (!skus.length) return 0;
  const held = await tx
    .select({
      sku: priceBookItems.sku,
      monthlyMinor: priceBookItems.monthlyMinor,
      setupMinor: priceBookItems.setupMinor,
    })
    .from(priceBookItems)
    .where(and(eq(priceBookItems.priceBookId, id), inArray(priceBookItems.sku, skus)));
  const was = new Map(held.map((i) => [i.sku, i]));
  const set = (changes.set ?? []).filter((i) => {
    const old = was.get(i.sku);
    return !old || old.monthlyMinor !== i.monthlyMinor || old.setupMinor !== i.setupMinor;
  });
  const remove = (changes.remove ?? []).filter((sku) => was.has(sku));
  if (!set.length && !remove.length) return 0;
  if (remove.length)
    await tx.delete(priceBookItems).where(and(eq(priceBookItems.priceBookId, id), inArray(priceBookItems.sku, remove)));
  if (set.length)
    await tx
      .insert(priceBookItems)
      .values(set.map((i) => ({ sku: i.sku, monthlyMinor: i.monthlyMinor, setupMinor: i.setupMinor, priceBookId: id })))
      .onConflictDoUpdate({
        target: [priceBookItems.priceBookId, priceBookItems.sku],
        set: { monthlyMinor: sql`excluded.monthly_minor`, setupMinor: sql`excluded.setup_minor` },
      });
  const touched = new Set([...set.map((i) => i.sku), ...remove]);
  await audit(tx, actor, id, "price_book_prices_changed", {
    before: held.filter((i) => touched.has(i.sku)),
    after: set.map((i) => ({ sku: i.sku, monthlyMinor: i.monthlyMinor, setupMinor: i.setupMinor })),
    removed: remove,
  });
  return touched.size;
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
    await writePrices(tx, actor, id, changes);
  });
}

/**
 * The draft page's one save: settings and prices together, all or nothing, under the draft's lock.
 * `prices` gives each product's price, or null to take it out of the book. Answers what changed.
 */
export async function saveDraft(
  db: Executor,
  actor: Actor,
  id: number,
  input: { settings: DraftSettings; prices: ReadonlyMap<string, Omit<PriceItem, "sku"> | null> },
) {
  return db.transaction(async (tx) => {
    const before = await lockDraft(tx, id);
    const set: PriceItem[] = [];
    const remove: string[] = [];
    for (const [sku, price] of input.prices) {
      if (price) set.push({ sku, ...price });
      else remove.push(sku);
    }
    const prices = await writePrices(tx, actor, id, { set, remove });
    const settings = await writeSettings(tx, actor, before, input.settings);
    return { prices, settings };
  });
}

/** A draft nobody will publish. Published books cannot be deleted. */
export async function deleteDraft(db: Executor, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const book = await lockDraft(tx, id);
    const items = await tx
      .select({
        sku: priceBookItems.sku,
        monthlyMinor: priceBookItems.monthlyMinor,
        setupMinor: priceBookItems.setupMinor,
      })
      .from(priceBookItems)
      .where(eq(priceBookItems.priceBookId, id));
    await tx.delete(priceBookItems).where(eq(priceBookItems.priceBookId, id));
    await tx.delete(priceBooks).where(eq(priceBooks.id, id));
    await audit(
      tx,
      actor,
      id,
      "price_book_draft_deleted",
      { version: book.version, before: { ...settingsOf(book), version: book.version, items }, after: null },
      { from: "draft", to: null },
    );
  });
}

/**
 * Publishes a draft to take effect at `effectiveFrom` (now or later; a moment up to a minute in the past,
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
      {
        version: draft.version,
        currency: draft.currency,
        before: { status: "draft", effectiveFrom: null },
        after: { status: "published", effectiveFrom: effective.toISOString(), publishedAt: now.toISOString() },
      },
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
