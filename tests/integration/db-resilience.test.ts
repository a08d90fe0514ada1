import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import express from "express";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { freePort } from "../../scripts/support/server";
import { healthRoutes } from "../../server/health";
import { mountsAllowed } from "../support/mounts";

/**
 * Issue 12, items 1 and 14: the process survives PostgreSQL dropping its connections, /readyz fails
 * while the database cannot be written (not only when it cannot be read), and a PGlite data
 * directory that cannot be written stops start-up with a message that names it.
 */
const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
const ROOT = path.resolve(import.meta.dirname, "../..");

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function readiness(handle: DatabaseHandle) {
  const app = express();
  healthRoutes(
    app,
    () => handle,
    () => false,
  );
  const http = await listen(app);
  try {
    const r = await fetch(`${http.base}/readyz`);
    return { status: r.status, body: (await r.json()) as { status: string } };
  } finally {
    await new Promise<void>((r) => http.server.close(() => r()));
  }
}

/** Runs `node` on a script and returns its exit code and output, whatever the code. */
function runNode(
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += String(d)));
    child.stderr.on("data", (d) => (output += String(d)));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const mounts = mountsAllowed("the full-disk and read-only-mount cases");

describe.skipIf(!postgresUrl)("postgres.js when PostgreSQL terminates a connection", () => {
  it("a transaction whose backend is terminated rejects with a connection error; the process stays up and the pool recovers", async () => {
    // The upstream reproduction (porsager/postgres#1208): postgres.js's own ROLLBACK after the failed
    // query is written to the closed socket from setImmediate, where no caller can catch the TypeError.
    const script = `
      import postgres from "postgres";
      const url = process.env.REPRO_URL;
      const sql = postgres(url, { max: 2, onnotice: () => {} });
      const killer = postgres(url, { max: 1, onnotice: () => {} });
      let pid = null;
      const tx = sql.begin(async (t) => {
        const [row] = await t\`select pg_backend_pid() as pid\`;
        pid = row.pid;
        await t\`select pg_sleep(3)\`;
      });
      while (pid === null) await new Promise((r) => setTimeout(r, 20));
      await killer\`select pg_terminate_backend(\${pid})\`;
      const outcome = await tx.then(() => "resolved", (e) => "rejected " + e.code);
      await new Promise((r) => setTimeout(r, 100));
      const [after] = await sql\`select 41 + 1 as answer\`;
      console.log(JSON.stringify({ outcome, answer: after.answer }));
      await sql.end();
      await killer.end();
    `;
    const { code, output } = await runNode(["--input-type=module", "-e", script], { REPRO_URL: postgresUrl });
    expect(output).not.toContain("Cannot read properties of null");
    expect(code).toBe(0);
    const result = JSON.parse(output.trim().split("\n").pop()!) as { outcome: string; answer: number };
    expect(result.outcome).toMatch(/^rejected (CONNECTION_CLOSED|57P01)$/);
    expect(result.answer).toBe(42);
  });
});

describe.skipIf(!postgresUrl)("/readyz on PostgreSQL that answers reads but refuses writes", () => {
  let admin: postgres.Sql;
  let dbName: string;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
    dbName = `specdesk_test_${randomBytes(6).toString("hex")}`;
    await admin.unsafe(`create database ${dbName}`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${dbName}`;
    const migrator = openDatabase({ url: url.toString(), max: 2 });
    await migrateDatabase(migrator);
    await migrator.close();
    // One connection, so a session setting applies to every query this handle sends.
    handle = openDatabase({ url: url.toString(), max: 1 });
  });
  afterAll(async () => {
    await handle?.close();
    await admin?.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin?.end();
  });

  it("is ready while writable, not ready while read-only (as after a fail-over to a standby), ready again after", async () => {
    expect((await readiness(handle)).status).toBe(200);
    await handle.db.execute(sql`set default_transaction_read_only = on`);
    // Reads still work: only a write shows the database cannot take a submission.
    await handle.db.execute(sql`select count(*) from quote_requests`);
    const readOnly = await readiness(handle);
    expect(readOnly.status).toBe(503);
    expect(readOnly.body.status).toBe("database not writable");
    await handle.db.execute(sql`set default_transaction_read_only = off`);
    expect((await readiness(handle)).status).toBe(200);
  });
});

describe.skipIf(!mounts)("/readyz on PGlite when its disk is full", () => {
  let mountDir: string;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    mountDir = mkdtempSync(path.join(tmpdir(), "specdesk-full-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=96m", "tmpfs", mountDir]);
    handle = openDatabase({ dataDir: path.join(mountDir, "pglite") });
    await migrateDatabase(handle);
  });
  afterAll(async () => {
    await handle?.close().catch(() => {});
    execFileSync("umount", ["-l", mountDir]);
    rmSync(mountDir, { recursive: true, force: true });
  });

  it("is not ready while the data directory's disk is full (small writes into existing pages still succeed), ready again once there is space", async () => {
    expect((await readiness(handle)).status).toBe(200);
    const filler = path.join(mountDir, "filler");
    try {
      execFileSync("dd", ["if=/dev/zero", `of=${filler}`, "bs=1M", "count=200"], { stdio: "ignore" });
    } catch {
      /* dd stops with ENOSPC once the disk is full, which is the point */
    }
    // Reads still work and a one-row write into an existing page still commits (the trap: a
    // probe that only writes a row would call this ready), but a new page cannot be allocated.
    await handle.db.execute(sql`select count(*) from quote_requests`);
    const full = await readiness(handle);
    expect(full.status).toBe(503);
    expect(full.body.status).toBe("database not writable");
    rmSync(filler);
    expect((await readiness(handle)).status).toBe(200);
  });
});

describe("start-up with a PGlite data directory that cannot be written", () => {
  const startWith = async (dataDir: string) =>
    runNode(["--import", "tsx", "server/index.ts"], {
      NODE_ENV: "test",
      DATABASE_URL: "",
      PGLITE_DIR: dataDir,
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    });

  it("a path under a regular file: exits with code 1 and a message naming the directory and the cause", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "specdesk-notdir-"));
    try {
      writeFileSync(path.join(dir, "file"), "not a directory");
      const dataDir = path.join(dir, "file", "pglite");
      const { code, output } = await startWith(dataDir);
      expect(code).toBe(1);
      expect(output).toContain(`PGlite data directory ${dataDir}`);
      expect(output).toMatch(/not a directory/i);
      expect(output).not.toContain("SpecDesk listening");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!mounts)(
    "a read-only directory (read-only bind mount): exits with code 1 and says it is read-only, not 'PGlite failed to initialize properly'",
    async () => {
      const source = mkdtempSync(path.join(tmpdir(), "specdesk-ro-src-"));
      const target = mkdtempSync(path.join(tmpdir(), "specdesk-ro-"));
      mkdirSync(path.join(source, "pglite"));
      execFileSync("mount", ["--bind", "-o", "ro", source, target]);
      try {
        const dataDir = path.join(target, "pglite");
        const { code, output } = await startWith(dataDir);
        expect(code).toBe(1);
        expect(output).toContain(`PGlite data directory ${dataDir}`);
        expect(output).toMatch(/read-only file system/i);
        expect(output).not.toContain("failed to initialize properly");
      } finally {
        execFileSync("umount", ["-l", target]);
        rmSync(target, { recursive: true, force: true });
        rmSync(source, { recursive: true, force: true });
      }
    },
  );
});
