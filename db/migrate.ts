import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { fileURLToPath } from "node:url";
import { type DatabaseHandle, rowsOf } from "./client.server";

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Arbitrary but fixed: the advisory lock every SpecDesk instance takes to migrate. */
const MIGRATION_LOCK = 7_404_711;

/**
 * Applies the committed SQL migrations (drizzle-kit output); already-applied ones are skipped.
 * Instances starting at the same time take turns (advisory lock), so each migration runs once.
 */
export async function migrateDatabase(handle: DatabaseHandle) {
  const config = { migrationsFolder: MIGRATIONS_DIR };
  await handle.withLock(MIGRATION_LOCK, async () => {
    if (handle.kind === "pglite") await migratePglite(handle.db as never, config);
    else await migratePostgres(handle.db as never, config);
  });
}

/** How many committed migrations there are, and how many the database has applied. */
export async function migrationStatus(handle: DatabaseHandle) {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  const result = await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  const applied = rowsOf<{ n: number }>(result)[0]?.n ?? 0;
  return { expected: journal.entries.length, applied: Number(applied) };
}
