import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { mkdirSync } from "node:fs";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The handle inside `db.transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  kind: "postgres" | "pglite";
  db: Database;
  close: () => Promise<void>;
  /**
   * Runs `fn` holding a PostgreSQL session advisory lock (on one reserved connection), so that
   * several instances starting together take turns; PGlite is one process and just runs it.
   */
  withLock: <T>(key: number, fn: () => Promise<T>) => Promise<T>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory, or "memory://" for a throw-away database. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  max?: number;
}

export function openDatabase(options: OpenOptions): DatabaseHandle {
  if (options.url) {
    const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
    return {
      kind: "postgres",
      db: drizzlePostgres(client, { schema }) as unknown as Database,
      close: () => client.end({ timeout: 5 }),
      withLock: async (key, fn) => {
        const connection = await client.reserve();
        try {
          await connection`select pg_advisory_lock(${key})`;
          return await fn();
        } finally {
          await connection`select pg_advisory_unlock(${key})`.catch(() => {});
          connection.release();
        }
      },
    };
  }
  const dataDir = options.dataDir ?? "./.data/pglite";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  return {
    kind: "pglite",
    db: drizzlePglite(client, { schema }) as unknown as Database,
    close: () => client.close(),
    withLock: (_key, fn) => fn(),
  };
}

/*
 * The server entry and the Remix build are separate bundles that both import this module, so
 * the handle lives on globalThis: one database connection per process, whoever opens it first.
 */
declare global {
  var __specdeskDatabase: DatabaseHandle | undefined;
}

export function setDatabase(handle: DatabaseHandle | undefined) {
  globalThis.__specdeskDatabase = handle;
}

export function getDatabaseHandle(): DatabaseHandle {
  if (!globalThis.__specdeskDatabase) {
    globalThis.__specdeskDatabase = openDatabase({
      url: process.env.DATABASE_URL || undefined,
      dataDir: process.env.PGLITE_DIR || undefined,
    });
  }
  return globalThis.__specdeskDatabase;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

/** `db.execute()` answers `{ rows }` on PGlite and a plain array on postgres.js: one shape for both. */
export function rowsOf<T>(result: unknown): T[] {
  return (result && typeof result === "object" && "rows" in result ? (result as { rows: T[] }).rows : (result as T[])) ?? [];
}
