import { eq, inArray, sql } from "drizzle-orm";
import { decimalToMinor } from "../app/domain/money";
import { DEFAULT_RATE_CARD } from "../app/domain/price-book";
import type { Database } from "./client.server";
import { addons, priceBookItems, priceBooks, serverModels, users } from "./schema";
import {
  SEED_ADDONS,
  SEED_OPS_MINOR_PER_SERVER_MONTH,
  SEED_PRICE_BOOK_VERSION,
  SEED_SERVERS,
  SEED_TERM_DISCOUNT_BPS,
  seedUsdMinor,
  seedUsdPrice,
} from "./seed-data";

/**
 * Idempotent: missing catalog rows are inserted; rows staff may have edited (/staff/catalog) are left
 * alone, except that a product without translated names gets the seed's. A price book version is
 * written once and never changed.
 */
export async function seedDatabase(db: Database) {
  await db.transaction(async (tx) => {
    for (const { monthly: _m, setup: _s, ...model } of SEED_SERVERS) {
      await tx
        .insert(serverModels)
        .values(model)
        .onConflictDoUpdate({
          target: serverModels.sku,
          set: { names: model.names },
          setWhere: sql`${serverModels.names} = '{}'::jsonb and ${JSON.stringify(model.names)}::jsonb <> '{}'::jsonb`,
        });
    }
    for (const { monthly: _m, setup: _s, ...addon } of SEED_ADDONS) {
      await tx
        .insert(addons)
        .values(addon)
        .onConflictDoUpdate({
          target: addons.sku,
          set: { names: addon.names },
          setWhere: sql`${addons.names} = '{}'::jsonb and ${JSON.stringify(addon.names)}::jsonb <> '{}'::jsonb`,
        });
    }
    const inserted = await tx
      .insert(priceBooks)
      .values({
        version: SEED_PRICE_BOOK_VERSION,
        currency: "EUR",
        termDiscountBps: SEED_TERM_DISCOUNT_BPS,
        opsMinorPerServerMonth: SEED_OPS_MINOR_PER_SERVER_MONTH,
        rateCard: DEFAULT_RATE_CARD,
        // Written as a draft with its items, then published: a published book takes no more items.
        status: "draft",
        effectiveFrom: new Date("2026-06-15T00:00:00Z"),
        note: "Initial price book, modelled on Hetzner list prices",
      })
      .onConflictDoNothing({ target: priceBooks.version })
      .returning({ id: priceBooks.id });
    const book = inserted[0];
    if (!book) return;
    const items = [...SEED_SERVERS, ...SEED_ADDONS].map((p) => ({
      priceBookId: book.id,
      sku: p.sku,
      monthlyMinor: decimalToMinor(p.monthly),
      setupMinor: decimalToMinor(p.setup),
    }));
    await tx.insert(priceBookItems).values(items);
    await tx
      .update(priceBooks)
      .set({ status: "published", publishedAt: new Date("2026-06-15T00:00:00Z") })
      .where(eq(priceBooks.id, book.id));
  });
  await seedUsdBook(db);
  const [{ count } = { count: 0 }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(priceBookItems)
    .where(
      eq(priceBookItems.priceBookId, sql`(select id from price_books where version = ${SEED_PRICE_BOOK_VERSION})`),
    );
  return { priceBookItems: count };
}

/** Local development only: one user per role, shown in the README. Never called in production. */
export const DEV_USERS = [
  { email: "admin@specdesk.local", name: "Ada Admin", role: "admin" as const },
  { email: "tech@specdesk.local", name: "Tim Technician", role: "technician" as const },
  { email: "sales@specdesk.local", name: "Sara Sales", role: "sales" as const },
];
export const DEV_PASSWORD = "specdesk-dev-password";

/** Whether HOST keeps the server to this machine (the default outside production). */
export function isLoopbackHost(host: string) {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The demo accounts, whose password is published, work only while the server listens on loopback.
 * Listening beyond it (`exposed`), they are not created, and those still on the published password
 * are disabled (their sessions end); back on loopback they return.
 */
export async function seedDevUsers(db: Database, options: { exposed: boolean }) {
  const { disableUser, enableUser, hashPassword } = await import("../app/models/user.server");
  const { verify } = await import("@node-rs/argon2");
  const existing = new Map(
    (
      await db
        .select()
        .from(users)
        .where(
          inArray(
            users.email,
            DEV_USERS.map((u) => u.email),
          ),
        )
    ).map((u) => [u.email, u]),
  );
  for (const u of DEV_USERS) {
    const row = existing.get(u.email);
    if (!row) {
      if (!options.exposed)
        await db
          .insert(users)
          .values({ ...u, passwordHash: await hashPassword(DEV_PASSWORD) })
          .onConflictDoNothing({ target: users.email });
      continue;
    }
    // Someone who changed a demo account's password made it their own: leave it alone.
    if (!(await verify(row.passwordHash, DEV_PASSWORD).catch(() => false))) continue;
    if (options.exposed && !row.disabledAt) await disableUser(db, row.id);
    if (!options.exposed && row.disabledAt) await enableUser(db, row.id);
  }
}

/** The USD book, written once (when no USD book exists), as the next version number. */
async function seedUsdBook(db: Database) {
  await db.transaction(async (tx) => {
    const [usd] = await tx
      .select({ id: priceBooks.id })
      .from(priceBooks)
      .where(eq(priceBooks.currency, "USD"))
      .limit(1);
    if (usd) return;
    const [{ next } = { next: 2 }] = await tx
      .select({ next: sql<number>`coalesce(max(${priceBooks.version}), 0)::int + 1` })
      .from(priceBooks);
    const effective = new Date("2026-06-15T00:00:00Z");
    const [book] = await tx
      .insert(priceBooks)
      .values({
        version: next,
        currency: "USD",
        termDiscountBps: SEED_TERM_DISCOUNT_BPS,
        opsMinorPerServerMonth: seedUsdMinor(SEED_OPS_MINOR_PER_SERVER_MONTH),
        rateCard: DEFAULT_RATE_CARD.map((r) => ({ ...r, minorPerHour: seedUsdMinor(r.minorPerHour) })),
        status: "draft",
        effectiveFrom: effective,
        note: "Initial US dollar price book: the euro list prices plus 10 %, rounded up to the cent",
      })
      .returning({ id: priceBooks.id });
    await tx.insert(priceBookItems).values(
      [...SEED_SERVERS, ...SEED_ADDONS].map((p) => ({
        priceBookId: book!.id,
        sku: p.sku,
        monthlyMinor: decimalToMinor(seedUsdPrice(p.monthly)),
        setupMinor: decimalToMinor(seedUsdPrice(p.setup)),
      })),
    );
    await tx.update(priceBooks).set({ status: "published", publishedAt: effective }).where(eq(priceBooks.id, book!.id));
  });
}
