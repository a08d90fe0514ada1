import { getEnv } from "../app/utils/env.server";
import { openDatabase } from "./client.server";
import { migrateDatabase } from "./migrate";

const env = getEnv();
const handle = openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
await migrateDatabase(handle);
console.log(`Migrated ${handle.kind} database.`);
await handle.close();
