import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { closeSync, fsyncSync, mkdirSync, openSync, unlinkSync, writeSync } from "node:fs";
import { open, unlink } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import { getEnv } from "../app/utils/env.server";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The handle inside `db.transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/**
 * What a model function runs its queries on: the database or a transaction. Model functions take
 * an Executor, so callers pass `db` or their `tx` as they are (a transaction is a database too).
 */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  kind: "postgres" | "pglite";
  db: Database;
  close: () => Promise<void>;
  /**
   * Runs `fn` holding a PostgreSQL session advisory lock (on one reserved connection), so that
   * several instances starting together take turns; PGlite is one process and just runs it.
   */
  withLock: <T>(key: number, fn: () => Promise<T>) => Promise<T>;
  /**
   * Rejects unless the database can store something right now: a committed one-row write (see
   * readinessProbes in schema.ts) and, for PGlite, a new page written and synced in its data
   * directory — a full disk still lets PostgreSQL update a row inside a page it already has.
   */
  checkWritable: () => Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; when absent the embedded PGlite is used. */
  url?: string;
  /** PGlite data directory, or "memory://" for a throw-away database. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  max?: number;
}

/** What a probe writes: one PostgreSQL page. */
const PAGE = Buffer.alloc(8192);
const PROBE_FILE = ".specdesk-write-check";

async function commitProbeRow(db: Database) {
  await db
    .insert(schema.readinessProbes)
    .values({ id: 1 })
    .onConflictDoUpdate({ target: schema.readinessProbes.id, set: { checkedAt: sql`now()` } });
}

/**
 * Creates the PGlite data directory if needed and proves it takes a write, before PGlite opens it:
 * PGlite itself reports a read-only or full directory only as "failed to initialize properly".
 */
export function prepareDataDirectory(dataDir: string) {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, PROBE_FILE);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(file, "w");
    try {
      writeSync(fd, PAGE);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    unlinkSync(file);
  } catch (error) {
    throw new Error(
      `PGlite data directory ${dir} cannot be written: ${describeFsError(error)}. Free space or fix its permissions or mount, or set PGLITE_DIR to a writable directory (or DATABASE_URL for PostgreSQL).`,
      { cause: error },
    );
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    EROFS: "read-only file system",
    ENOSPC: "no space left on device",
    EDQUOT: "disk quota exceeded",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOTDIR: "a part of the path is not a directory",
    EEXIST: "a file of that name exists",
    EIO: "input/output error",
  };
  return code && reasons[code] ? `${reasons[code]} (${code})` : String((error as Error).message ?? error);
}

export function openDatabase(options: OpenOptions): DatabaseHandle {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      // postgres.js counts failed reconnects for the whole pool and waits up to 20 s (3^n / 100 s)
      // before the next: after a fail-over or a burst of terminated backends that left requests
      // waiting for that long. Retry quickly instead, at most once a second per connection.
      backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 1),
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return {
      kind: "postgres",
      db,
      checkWritable: () => commitProbeRow(db),
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
  const onDisk = !dataDir.startsWith("memory://");
  if (onDisk) prepareDataDirectory(dataDir);
  const client = new PGlite(dataDir);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    kind: "pglite",
    db,
    close: () => client.close(),
    withLock: (_key, fn) => fn(),
    checkWritable: async () => {
      if (onDisk) {
        const file = path.join(dataDir, PROBE_FILE);
        const handle = await open(file, "w");
        try {
          await handle.write(PAGE);
          await handle.sync();
        } finally {
          await handle.close();
          await unlink(file).catch(() => {});
        }
      }
      await commitProbeRow(db);
    },
  };
}

/** Retry-After of a 503 for an unavailable database: a dropped connection or a fail-over is usually over by then. */
export const DATABASE_RETRY_AFTER_SECONDS = 30;

/**
 * The database cannot serve the request for now — connection lost or refused, server shutting down
 * or out of resources, a read-only database (a standby after a fail-over), a full or read-only disk —
 * as opposed to a bug or bad data. Callers answer 503 with Retry-After instead of a bare 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of errorCauses(error)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && UNAVAILABLE_CODE.test(code)) return true;
    // PGlite's Emscripten file system (ENOSPC, EROFS, EIO inside the WebAssembly Postgres).
    if ((e as { name?: unknown }).name === "ErrnoError") return true;
    if (e instanceof Error && /^PGlite is closed/.test(e.message)) return true;
  }
  return false;
}

/**
 * The error and its causes, outermost first (at most five): drizzle wraps the driver's error
 * (DrizzleQueryError), so the reason is further down.
 */
export function errorCauses(error: unknown): object[] {
  const chain: object[] = [];
  for (let e = error; e && typeof e === "object" && chain.length < 5; e = (e as { cause?: unknown }).cause)
    chain.push(e);
  return chain;
}
/**
 * postgres.js's connection errors, Node's socket errors, file-system errors of a full or read-only
 * disk, and SQLSTATE classes 08 (connection exception), 53 (insufficient resources: disk full, out of
 * memory, too many connections), 57P0x (shutdown, cannot connect now), 58 (system/I/O error), 25006
 * (read-only transaction).
 */
const UNAVAILABLE_CODE =
  /^(CONNECTION_(CLOSED|ENDED|DESTROYED)|CONNECT_TIMEOUT|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ENOSPC|EROFS|EDQUOT|EIO|08...|53...|57P0.|58...|25006)$/;

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
    const env = getEnv();
    globalThis.__specdeskDatabase = openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
  }
  return globalThis.__specdeskDatabase;
}

export function getDb(): Database {
  return getDatabaseHandle().db;
}

/** `db.execute()` answers `{ rows }` on PGlite and a plain array on postgres.js: one shape for both. */
export function rowsOf<T>(result: unknown): T[] {
  return (
    (result && typeof result === "object" && "rows" in result ? (result as { rows: T[] }).rows : (result as T[])) ?? []
  );
}
