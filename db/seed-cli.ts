import { getEnv } from "../app/utils/env.server";
import { openDatabase } from "./client.server";
import { migrateDatabase } from "./migrate";
import { seedDatabase } from "./seed";

const env = getEnv();
const handle = openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
await migrateDatabase(handle);
const result = await seedDatabase(handle.db);
console.log(`Seeded ${handle.kind} database: ${result.priceBookItems} price book items.`);
await handle.close();
