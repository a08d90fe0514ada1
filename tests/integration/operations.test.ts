import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#db/client.server";
import { migrateDatabase, migrationStatus } from "#db/migrate";
import { healthRoutes } from "../../server/health";
import { rateLimiters } from "../../server/rate-limits";
import { startRedis } from "../support/redis";
import { TEST_DATABASES, useTestDatabase } from "./databases";

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.each(TEST_DATABASES)("health and readiness on $name", (target) => {
  const database = useTestDatabase(target);
  let stopping = false;
  let http: { server: Server; base: string };
  beforeAll(async () => {
    const app = express();
    healthRoutes(
      app,
      () => database(),
      () => stopping,
    );
    http = await listen(app);
  });
  afterAll(() => new Promise<void>((r) => http.server.close(() => r())));

  it("/healthz says the process is up; /readyz checks the database and the migrations", async () => {
    expect(await (await fetch(`${http.base}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${http.base}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { migrations: { expected: number; applied: number } };
    expect(body.migrations.applied).toBe(body.migrations.expected);
    expect(body.migrations.expected).toBeGreaterThanOrEqual(8);

    // A migration missing from the database: not ready.
    const db = database().db;
    await db.execute(
      sql`create table saved_migration as select * from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    await db.execute(
      sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
    );
    try {
      const pending = await fetch(`${http.base}/readyz`);
      expect(pending.status).toBe(503);
      expect(((await pending.json()) as { status: string }).status).toBe("migrations pending");
    } finally {
      await db.execute(sql`insert into drizzle.__drizzle_migrations select * from saved_migration`);
      await db.execute(sql`drop table saved_migration`);
    }
    expect((await fetch(`${http.base}/readyz`)).status).toBe(200);

    // Shutting down: not ready, so the load balancer drains this instance.
    stopping = true;
    expect((await fetch(`${http.base}/readyz`)).status).toBe(503);
    stopping = false;
  });
});

// Two instances starting at once against one PostgreSQL: the advisory lock makes them take turns.
describe.each(TEST_DATABASES.filter((d) => d.name === "postgres"))("concurrent start-up on $name", (target) => {
  it("two instances migrating a fresh database at the same time both succeed, each migration applied once", async () => {
    const fresh = await target.open(); // already migrated; make a second empty database from it
    const url = new URL(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL!);
    const name = `specdesk_boot_${Date.now()}`;
    await fresh.db.execute(sql.raw(`create database ${name}`));
    url.pathname = `/${name}`;
    const a = openDatabase({ url: url.toString(), max: 3 });
    const b = openDatabase({ url: url.toString(), max: 3 });
    try {
      await Promise.all([migrateDatabase(a), migrateDatabase(b), migrateDatabase(a)]);
      const status = await migrationStatus(a);
      expect(status.applied).toBe(status.expected);
    } finally {
      await a.close();
      await b.close();
      await fresh.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
      await fresh.dispose();
    }
  });
});

describe("rate limits shared through Redis", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  async function twoInstances(shared: boolean) {
    const clients: { quit: () => Promise<unknown> }[] = [];
    const servers: { server: Server; base: string }[] = [];
    for (let i = 0; i < 2; i++) {
      const app = express();
      let send: ((...args: string[]) => Promise<never>) | undefined;
      if (shared) {
        const client = createClient({ url: redis.url });
        await client.connect();
        clients.push(client);
        send = (...args: string[]) => client.sendCommand(args) as Promise<never>;
      }
      app.use(rateLimiters({ windowMs: 60_000, general: 100, writes: 100, strict: 3 }, send));
      app.all("*", (_req, res) => {
        res.send("ok");
      });
      servers.push(await listen(app));
    }
    return {
      bases: servers.map((s) => s.base),
      close: async () => {
        await Promise.all(servers.map((s) => new Promise((r) => s.server.close(r))));
        await Promise.all(clients.map((c) => c.quit()));
      },
    };
  }

  it("with Redis, two instances share one budget per client; in memory each counts alone", async () => {
    const shared = await twoInstances(true);
    const statuses: number[] = [];
    for (const base of [shared.bases[0], shared.bases[1], shared.bases[0], shared.bases[1]])
      statuses.push((await fetch(`${base}/q/some-token-value-that-is-long`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await fetch(`${shared.bases[1]}/q/x`);
    expect(limited.headers.get("ratelimit")).toContain("strict");
    await shared.close();

    const alone = await twoInstances(false);
    const separate: number[] = [];
    for (const base of [alone.bases[0], alone.bases[1], alone.bases[0], alone.bases[1]])
      separate.push((await fetch(`${base}/q/some-token-value-that-is-long`)).status);
    expect(separate).toEqual([200, 200, 200, 200]);
    await alone.close();
  });
});
