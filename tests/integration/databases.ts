import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { type DatabaseHandle, openDatabase, setDatabase } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { seedDatabase } from "#db/seed";

/**
 * The integration suite runs once per database: always on the embedded PGlite, and on a real
 * PostgreSQL whenever TEST_DATABASE_URL or DATABASE_URL is set (CI sets it). Each PostgreSQL run
 * gets a fresh database that is dropped afterwards, so runs never see each other's rows.
 */
const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (process.env.CI && !postgresUrl) {
  throw new Error("CI must run the integration suite on PostgreSQL too: set DATABASE_URL.");
}

export interface TestDatabase {
  name: "pglite" | "postgres";
  open: () => Promise<DatabaseHandle & { dispose: () => Promise<void> }>;
}

async function ready(handle: DatabaseHandle) {
  await migrateDatabase(handle);
  await seedDatabase(handle.db);
}

const pglite: TestDatabase = {
  name: "pglite",
  open: async () => {
    const handle = openDatabase({ dataDir: "memory://" });
    await ready(handle);
    return { ...handle, dispose: handle.close };
  },
};

const pg: TestDatabase = {
  name: "postgres",
  open: async () => {
    const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
    const dbName = `specdesk_test_${randomBytes(6).toString("hex")}`;
    await admin.unsafe(`create database ${dbName}`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${dbName}`;
    const handle = openDatabase({ url: url.toString(), max: 25 });
    await ready(handle);
    return {
      ...handle,
      dispose: async () => {
        await handle.close();
        await admin.unsafe(`drop database if exists ${dbName} with (force)`);
        await admin.end();
      },
    };
  },
};

export const TEST_DATABASES: TestDatabase[] = postgresUrl ? [pglite, pg] : [pglite];

export type OpenTestDatabase = DatabaseHandle & { dispose: () => Promise<void> };

/** Opens `target` for the surrounding describe block and makes it the app's database. */
export function useTestDatabase(target: TestDatabase): () => OpenTestDatabase {
  let handle: OpenTestDatabase | undefined;
  beforeAll(async () => {
    handle = await target.open();
    setDatabase(handle);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await handle?.dispose();
  });
  return () => {
    if (!handle) throw new Error("test database is not open yet");
    return handle;
  };
}
