import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import postgres from "postgres";

/**
 * A production server (the built app, NODE_ENV=production) on loopback, on a fresh PostgreSQL
 * database that is dropped afterwards: what `npm run load` and `npm run bench:http` measure.
 */
export interface RunningServer {
  base: string;
  databaseUrl: string;
  sql: postgres.Sql;
  stop: () => Promise<void>;
}

/** A free loopback port (for servers the scripts and tests start themselves). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export interface SpawnedServer {
  base: string;
  child: ChildProcess;
  output: string[];
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

/** `server/index.ts` (serving the existing build) in its own process, once /readyz answers. */
export async function spawnServer(env: Record<string, string>): Promise<SpawnedServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: { ...process.env, LOG_LEVEL: "warn", PUBLIC_BASE_URL: base, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => output.push(String(d)));
  child.stderr!.on("data", (d) => output.push(String(d)));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || i > 300) {
      child.kill("SIGKILL");
      throw new Error(`server did not become ready:\n${output.join("")}`);
    }
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () => {
    if (child.exitCode !== null) return Promise.resolve(child.exitCode);
    child.kill("SIGTERM");
    return new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  };
  return { base, child, output, stop };
}

export async function startProductionServer(
  label: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl)
    throw new Error(
      `${label} runs on PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).`,
    );
  if (!existsSync("build/index.js")) throw new Error("No production build: run `npm run build` first.");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `specdesk_${label}_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const server = await spawnServer({
    NODE_ENV: "production",
    MAIL_TRANSPORT: "disabled",
    DATABASE_URL: url.toString(),
    RATE_LIMIT_MULTIPLIER: "1000",
    ...extraEnv,
  });
  const sql = postgres(url.toString(), { max: 4, onnotice: () => {} });
  return {
    base: server.base,
    databaseUrl: url.toString(),
    sql,
    stop: async () => {
      await server.stop();
      await sql.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export const quoteBody = (i: number) => ({
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 1000 + (i % 50) * 100 }],
  contact: { name: `Load Customer ${i}`, email: `load-${i}@example.com` },
});

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
