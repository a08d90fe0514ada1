import { type SQL, and, asc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import {
  addons,
  auditLog,
  priceBookItems,
  proposalLines,
  proposals,
  quoteRequests,
  reviewItems,
  serverModels,
} from "#db/schema";
import type { Price, ProductStatus, ServerLine } from "~/domain/catalog";
import {
  type AddonChanges,
  type NewAddon,
  type NewServerModel,
  type ServerModelChanges,
  statusChangeAllowed,
} from "~/domain/catalog-schemas";
import { DomainError } from "~/domain/errors";
import { type BookCurrency, CURRENCIES } from "~/domain/price-book";
import type { Region } from "~/domain/quote-input";
import type { Actor } from "~/utils/permissions";
import { effectiveBookQuery } from "./catalog.server";

/**
 * The catalog as staff run it (issue 15): server models and add-ons listed, searched, created, changed
 * and moved between draft, active and retired. Callers check `write:catalog` and parse input with
 * app/domain/catalog-schemas.ts. Every change is one transaction with its audit row (who, before,
 * after); a SKU never changes once created, because price books and stored quotes name products by it.
 * Retiring only changes the product's status: stored quotes keep their lines, and the engine stops
 * offering it (app/models/catalog.server.ts loads active products only).
 */
export type ServerModelRow = typeof serverModels.$inferSelect;
export type AddonRow = typeof addons.$inferSelect;
type Entity = "server_model" | "addon";

export interface CatalogFilters {
  /** Matched, case-insensitively, in the SKU, the name and (servers) the CPU. */
  text?: string;
  line?: ServerLine;
  status?: ProductStatus;
  region?: Region;
}

const audit = (
  tx: Executor,
  actor: Actor,
  entityType: Entity,
  sku: string,
  action: string,
  data: { before: unknown; after: unknown },
  status: { from: ProductStatus | null; to: ProductStatus | null },
) =>
  tx.insert(auditLog).values({
    entityType,
    entityId: sku,
    action,
    actor: `staff:${actor.id}`,
    fromStatus: status.from,
    toStatus: status.to,
    data,
  });

/** A product as the audit log keeps it: what staff can change, without timestamps. */
function snapshot<T extends { createdAt: Date; updatedAt: Date }>(row: T) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

/** `text` as an ILIKE pattern that matches it literally anywhere. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listServerModels(db: Executor, filters: CatalogFilters = {}) {
  const where: SQL[] = [];
  if (filters.text) {
    const pattern = containing(filters.text);
    where.push(
      or(ilike(serverModels.sku, pattern), ilike(serverModels.name, pattern), ilike(serverModels.cpu, pattern))!,
    );
  }
  if (filters.line) where.push(eq(serverModels.line, filters.line));
  if (filters.status) where.push(eq(serverModels.status, filters.status));
  if (filters.region) where.push(sql`${serverModels.regions} @> ${JSON.stringify([filters.region])}::jsonb`);
  return db
    .select()
    .from(serverModels)
    .where(and(...where))
    .orderBy(asc(serverModels.line), asc(serverModels.vcpu), asc(serverModels.ramGb), asc(serverModels.sku));
}

/**
 * Add-ons for the same filters: text and status as for servers; a line keeps the add-ons that fit it
 * and those that go with any server (no lines); add-ons have no region.
 */
export async function listAddons(db: Executor, filters: CatalogFilters = {}) {
  const where: SQL[] = [];
  if (filters.text) {
    const pattern = containing(filters.text);
    where.push(or(ilike(addons.sku, pattern), ilike(addons.name, pattern))!);
  }
  if (filters.line)
    where.push(
      or(
        sql`${addons.lines} @> ${JSON.stringify([filters.line])}::jsonb`,
        sql`jsonb_array_length(${addons.lines}) = 0`,
      )!,
    );
  if (filters.status) where.push(eq(addons.status, filters.status));
  return db
    .select()
    .from(addons)
    .where(and(...where))
    .orderBy(asc(addons.kind), asc(addons.sizeGb), asc(addons.sku));
}

export async function getServerModel(db: Executor, sku: string): Promise<ServerModelRow | null> {
  const [row] = await db.select().from(serverModels).where(eq(serverModels.sku, sku));
  return row ?? null;
}

export async function getAddon(db: Executor, sku: string): Promise<AddonRow | null> {
  const [row] = await db.select().from(addons).where(eq(addons.sku, sku));
  return row ?? null;
}

/** The price of each product in the book in effect, per currency that has one, for staff to read. */
export interface BookInEffect {
  id: number;
  version: number;
  currency: BookCurrency;
  prices: Record<string, Price>;
}

export async function booksInEffect(db: Executor, now: Date = new Date()): Promise<BookInEffect[]> {
  const books = (await Promise.all(CURRENCIES.map((c) => effectiveBookQuery(db, c, now)))).flatMap((b) => b);
  if (!books.length) return [];
  const items = await db
    .select()
    .from(priceBookItems)
    .where(
      inArray(
        priceBookItems.priceBookId,
        books.map((b) => b.id),
      ),
    );
  return books.map((book) => ({
    id: book.id,
    version: book.version,
    currency: book.currency,
    prices: Object.fromEntries(
      items
        .filter((i) => i.priceBookId === book.id)
        .map((i) => [i.sku, { monthlyMinor: i.monthlyMinor, setupMinor: i.setupMinor }]),
    ),
  }));
}

/**
 * Creating either kind of product: the SKU must be free among servers and add-ons alike, since a
 * price book prices both by SKU alone. Creations queue on one advisory lock so two admins creating the
 * same SKU as a server and as an add-on at once cannot both pass the check.
 */
async function claimSku(tx: Executor, sku: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('catalog_sku'))`);
  const [server] = await tx.select({ sku: serverModels.sku }).from(serverModels).where(eq(serverModels.sku, sku));
  const [addon] = await tx.select({ sku: addons.sku }).from(addons).where(eq(addons.sku, sku));
  if (server || addon) throw new DomainError("sku_taken", { sku, kind: server ? "server model" : "add-on" }, "sku");
}

/**
 * The two kinds of product staff edit, by the entity name their audit rows carry. Both tables have the
 * columns the shared create and change below touch (sku, status, updated_at); drizzle builds the SQL
 * from the table object passed, so typing it as the server table there only spares a union type.
 */
const PRODUCT_TABLES = { server_model: serverModels, addon: addons } as const;
type ProductTable<E extends Entity> = (typeof PRODUCT_TABLES)[E];
type ProductRow<E extends Entity> = ProductTable<E>["$inferSelect"];

/** Creates a product of either kind as a draft, with its audit row, once its SKU is claimed. */
async function createProduct<E extends Entity>(
  db: Executor,
  actor: Actor,
  entity: E,
  input: { sku: string } & Omit<ProductTable<E>["$inferInsert"], "status">,
): Promise<ProductRow<E>> {
  const table = PRODUCT_TABLES[entity] as typeof serverModels;
  return db.transaction(async (tx) => {
    await claimSku(tx, input.sku);
    const [row] = await tx
      .insert(table)
      .values({ ...(input as typeof serverModels.$inferInsert), status: "draft" })
      .returning();
    await audit(
      tx,
      actor,
      entity,
      row!.sku,
      `${entity}_created`,
      { before: null, after: snapshot(row!) },
      { from: null, to: "draft" },
    );
    return row! as ProductRow<E>;
  });
}

/**
 * Changes a product of either kind under a row lock, with its audit row. `change` answers the columns
 * to set from the row as it is, or null for nothing to do: then nothing is written and no audit row left.
 */
async function changeProduct<E extends Entity>(
  db: Executor,
  actor: Actor,
  entity: E,
  sku: string,
  action: "updated" | "status_changed",
  change: (before: ProductRow<E>) => Partial<ProductRow<E>> | null,
): Promise<{ row: ProductRow<E>; changed: boolean }> {
  const table = PRODUCT_TABLES[entity] as typeof serverModels;
  return db.transaction(async (tx) => {
    const [before] = (await tx.select().from(table).where(eq(table.sku, sku)).for("update")) as ProductRow<E>[];
    if (!before) throw new DomainError("not_found");
    const set = change(before);
    if (!set) return { row: before, changed: false };
    const [after] = (await tx
      .update(table)
      .set({ ...(set as Partial<ServerModelRow>), updatedAt: sql`now()` })
      .where(eq(table.sku, sku))
      .returning()) as ProductRow<E>[];
    await audit(
      tx,
      actor,
      entity,
      sku,
      `${entity}_${action}`,
      { before: snapshot(before), after: snapshot(after!) },
      { from: before.status, to: after!.status },
    );
    return { row: after!, changed: true };
  });
}

/** A new server model, as a draft (nothing sells it until an admin activates it and a book prices it). */
export const createServerModel = (db: Executor, actor: Actor, input: NewServerModel) =>
  createProduct(db, actor, "server_model", input);

export const createAddon = (db: Executor, actor: Actor, input: NewAddon) => createProduct(db, actor, "addon", input);

/** JSON with object keys sorted, so equal values compare equal whatever order their keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The fields of `changes` whose value differs from `row`, or null when none does. */
function changedFields<C extends object>(row: object, changes: C): Partial<C> | null {
  const current = row as Record<string, unknown>;
  const changed = Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => canonical(value) !== canonical(current[key] ?? null)),
  ) as Partial<C>;
  return Object.keys(changed).length ? changed : null;
}

/**
 * Changes a server model (never its SKU or status). Answers the row and whether anything changed; an
 * unchanged save writes nothing and leaves no audit row.
 */
export const updateServerModel = (db: Executor, actor: Actor, sku: string, changes: ServerModelChanges) =>
  changeProduct(db, actor, "server_model", sku, "updated", (before) => changedFields(before, changes));

export const updateAddon = (db: Executor, actor: Actor, sku: string, changes: AddonChanges) =>
  changeProduct(db, actor, "addon", sku, "updated", (before) => changedFields(before, changes));

/**
 * The status change of a product: none when it already has `to` (a second click of the same button);
 * a change the catalog does not allow (app/domain/catalog-schemas.ts statusChangeAllowed) is refused.
 */
function statusChange(from: ProductStatus, to: ProductStatus) {
  if (from === to) return null;
  if (!statusChangeAllowed(from, to)) throw new DomainError("status_change_refused", { from, to }, "status");
  return { status: to };
}

/**
 * Moves a server model between draft, active and retired. Retiring touches no quote: stored versions
 * keep their lines, and a refresh of one that carries the model asks a technician to replace it.
 */
export const changeServerModelStatus = (db: Executor, actor: Actor, sku: string, to: ProductStatus) =>
  changeProduct(db, actor, "server_model", sku, "status_changed", (before) => statusChange(before.status, to));

export const changeAddonStatus = (db: Executor, actor: Actor, sku: string, to: ProductStatus) =>
  changeProduct(db, actor, "addon", sku, "status_changed", (before) => statusChange(before.status, to));

/** The statuses of a quote that can still change (accepted and won quotes keep what they accepted). */
const OPEN_STATUSES = ["proposed", "needs_review", "published"] as const;

export interface QuoteCarrying {
  quoteRequestId: string;
  contactName: string;
  company: string | null;
  status: string;
  version: number;
  /** The quote's review item, where a technician changes its lines; null when it never needed one. */
  reviewItemId: string | null;
}

/**
 * Open quotes (proposed, waiting for review or published; not accepted, won or declined) whose latest
 * version has a line of product `sku`: the quotes a technician has to swap a retired model in before
 * their customers can refresh them. Most recently changed first.
 */
export async function openQuotesCarrying(db: Executor, sku: string): Promise<QuoteCarrying[]> {
  const latest = db
    .select({
      quoteRequestId: proposals.quoteRequestId,
      version: sql<number>`max(${proposals.version})`.as("latest_version"),
    })
    .from(proposals)
    .groupBy(proposals.quoteRequestId)
    .as("latest");
  return db
    .selectDistinct({
      quoteRequestId: quoteRequests.id,
      contactName: quoteRequests.contactName,
      company: quoteRequests.company,
      status: quoteRequests.status,
      version: proposals.version,
      reviewItemId: reviewItems.id,
      updatedAt: quoteRequests.updatedAt,
    })
    .from(proposalLines)
    .innerJoin(proposals, eq(proposals.id, proposalLines.proposalId))
    .innerJoin(latest, and(eq(latest.quoteRequestId, proposals.quoteRequestId), eq(latest.version, proposals.version)))
    .innerJoin(quoteRequests, eq(quoteRequests.id, proposals.quoteRequestId))
    .leftJoin(reviewItems, eq(reviewItems.quoteRequestId, quoteRequests.id))
    .where(and(eq(proposalLines.sku, sku), inArray(quoteRequests.status, [...OPEN_STATUSES])))
    .orderBy(sql`${quoteRequests.updatedAt} desc`, asc(quoteRequests.id))
    .then((rows) => rows.map(({ updatedAt: _u, ...row }) => row));
}
