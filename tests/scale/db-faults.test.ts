import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SpawnedServer, spawnServer } from "../../scripts/support/server";
import { mountsAllowed } from "../support/mounts";

/**
 * Issue 12, items 1 and 14, against the production build in its own process: the database drops the
 * app's connections (PostgreSQL) or its disk fills up (PGlite) while customers submit quotes. The
 * process must stay up, answer 302 (stored) or 503 (try again) and nothing else, store every quote
 * it answered with a link, whole, and serve again within seconds once the database is back.
 *
 * Bigger runs on demand: DB_FAULTS_SECONDS (default 4) of load, DB_FAULTS_KILLS (default 6) rounds of
 * pg_terminate_backend spread over it, DB_FAULTS_CLIENTS (default 10) concurrent customers.
 */
const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
if (!postgresUrl && process.env.CI) throw new Error("The database fault test needs PostgreSQL: set DATABASE_URL.");
if (!existsSync("build/index.js")) throw new Error("Run `npm run build` first (npm test builds before this suite).");

const seconds = Number(process.env.DB_FAULTS_SECONDS || 4);
const kills = Number(process.env.DB_FAULTS_KILLS || 6);
const clients = Number(process.env.DB_FAULTS_CLIENTS || 10);

const quoteBody = (email: string) => ({
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [
    { kind: "web_app", visitsPerDay: 3000 },
    { kind: "database", engine: "postgresql", dataGb: 40 },
  ],
  contact: { name: "Fault Customer", email },
});

type Answer = { email: string; status: number; token?: string; retryAfter?: string | null; error?: string };

async function submit(base: string, email: string, language = "en"): Promise<Answer> {
  try {
    const r = await fetch(`${base}/quote/new`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": language },
      body: JSON.stringify(quoteBody(email)),
      redirect: "manual",
      signal: AbortSignal.timeout(15_000),
    });
    const token = r.status === 302 ? r.headers.get("location")?.split("/q/")[1] : undefined;
    await r.arrayBuffer();
    return { email, status: r.status, token, retryAfter: r.headers.get("retry-after") };
  } catch (error) {
    // No answer at all (or none within 15 s): the process is gone, or the request hangs.
    return { email, status: 0, error: String(error) };
  }
}

/** The server's last log lines at `level` (pino: 40 warn, 50 error, 60 fatal) or above. */
function serverStatusLines(server: SpawnedServer, level = 50) {
  return server.output
    .join("")
    .split("\n")
    .filter((l) => Number(/"level":(\d+)/.exec(l)?.[1]) >= level)
    .slice(-5)
    .join("\n");
}

describe.each(postgresUrl ? ["PostgreSQL"] : [])(
  "%s terminating the app's connections under a load of submissions",
  () => {
    let admin: postgres.Sql;
    let check: postgres.Sql;
    let dbName: string;
    let server: SpawnedServer;

    beforeAll(async () => {
      dbName = `specdesk_faults_${randomBytes(5).toString("hex")}`;
      admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${dbName}`);
      const url = new URL(postgresUrl!);
      url.pathname = `/${dbName}`;
      server = await spawnServer({
        DATABASE_URL: url.toString(),
        NODE_ENV: "test",
        RATE_LIMIT_MULTIPLIER: "1000",
        SHUTDOWN_GRACE_MS: "0",
      });
      check = postgres(url.toString(), { max: 2, onnotice: () => {} });
    });

    afterAll(async () => {
      await server?.stop();
      await check?.end();
      await admin?.unsafe(`drop database if exists ${dbName} with (force)`);
      await admin?.end();
    });

    it(`${clients} customers submitting for ${seconds}s while every backend of the app's database is terminated ${kills} times: the process stays up, every linked quote is stored whole, service resumes`, async () => {
      const answers: Answer[] = [];
      const deadline = Date.now() + seconds * 1000;
      const load = Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          for (let i = 0; Date.now() < deadline; i++)
            answers.push(await submit(server.base, `fault-${c}-${i}@example.com`));
        }),
      );
      let terminated = 0;
      for (let k = 0; k < kills; k++) {
        await new Promise((r) => setTimeout(r, (seconds * 1000) / (kills + 1)));
        const rows =
          await admin`select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;
        terminated += rows.filter((r) => r.killed).length;
      }
      const lastKill = Date.now();
      await load;

      expect(terminated).toBeGreaterThanOrEqual(kills);
      expect(server.child.exitCode, `the server died:\n${serverStatusLines(server)}`).toBeNull();
      // Every request was answered: stored (302) or "temporarily unavailable, retry" (503), never a bare 500.
      expect(answers.filter((a) => a.status !== 302 && a.status !== 503)).toEqual([]);
      for (const a of answers.filter((a) => a.status === 503)) expect(a.retryAfter).toMatch(/^\d+$/);
      const linked = answers.filter((a) => a.status === 302);
      expect(linked.length).toBeGreaterThan(clients);

      // Service resumes within seconds after the last kill: a fresh submission is stored and /readyz is ok.
      let resumed: Answer | undefined;
      for (let i = 0; Date.now() - lastKill < 10_000; i++) {
        const a = await submit(server.base, `resume-${i}@example.com`);
        if (a.status === 302 && (await fetch(`${server.base}/readyz`)).status === 200) {
          resumed = a;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(resumed, "no successful submission within 10 s of the last kill").toBeDefined();
      linked.push(resumed!);

      // Every quote answered with a link is stored and its page opens.
      const stored = await check<{ email: string }[]>`select contact_email as email from quote_requests`;
      const storedEmails = new Set(stored.map((r) => r.email));
      expect(linked.filter((a) => !storedEmails.has(a.email)).map((a) => a.email)).toEqual([]);
      const pages = await Promise.all(linked.map((a) => fetch(`${server.base}/q/${a.token}`).then((r) => r.status)));
      expect(
        pages.filter((s) => s !== 200),
        `the server said:\n${serverStatusLines(server, 40)}`,
      ).toEqual([]);
      // Nothing half-written: every stored quote (answered or not) has both its workloads and its proposals.
      const incomplete = await check`
      select q.contact_email from quote_requests q
      where (select count(*) from workloads w where w.quote_request_id = q.id) <> 2
         or not exists (select 1 from proposals p where p.quote_request_id = q.id)
         or not exists (select 1 from quote_access_tokens t where t.quote_request_id = q.id)`;
      expect(incomplete).toEqual([]);
      expect(server.child.exitCode).toBeNull();
    });
  },
);

const mounts = mountsAllowed("the PGlite full-disk case");

describe.skipIf(!mounts)("PGlite whose disk fills up", () => {
  let mountDir: string;
  let server: SpawnedServer;
  const filler = () => path.join(mountDir, "filler");

  beforeAll(async () => {
    mountDir = mkdtempSync(path.join(tmpdir(), "specdesk-faults-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=128m", "tmpfs", mountDir]);
    server = await spawnServer({
      DATABASE_URL: "",
      PGLITE_DIR: path.join(mountDir, "pglite"),
      NODE_ENV: "test",
      RATE_LIMIT_MULTIPLIER: "1000",
      SHUTDOWN_GRACE_MS: "0",
    });
  });

  afterAll(async () => {
    rmSync(filler(), { force: true });
    await server?.stop();
    execFileSync("umount", ["-l", mountDir]);
    rmSync(mountDir, { recursive: true, force: true });
  });

  it("submissions answer 503 with Retry-After and a 'try again in a minute' page in the customer's language, /readyz is 503, and both recover once there is space", async () => {
    expect((await submit(server.base, "before-full@example.com")).status).toBe(302);
    try {
      execFileSync("dd", ["if=/dev/zero", `of=${filler()}`, "bs=1M", "count=256"], { stdio: "ignore" });
    } catch {
      /* dd stops with ENOSPC once the disk is full, which is the point */
    }
    const ready = await fetch(`${server.base}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe("database not writable");

    // Small rows may still fit into pages that exist; a few submissions later one needs a new page.
    let refused: Response | undefined;
    for (let i = 0; i < 30 && !refused; i++) {
      const r = await fetch(`${server.base}/quote/new`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(quoteBody(`full-${i}@example.com`)),
        redirect: "manual",
      });
      if (r.status !== 302) refused = r;
      else await r.arrayBuffer();
    }
    expect(refused, "every submission was stored on a full disk").toBeDefined();
    expect(refused!.status).toBe(503);
    expect(refused!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await refused!.text()).toContain("temporarily unavailable");
    const spanish = await fetch(`${server.base}/quote/new`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": "es" },
      body: JSON.stringify(quoteBody("full-es@example.com")),
      redirect: "manual",
    });
    expect(spanish.status).toBe(503);
    expect(await spanish.text()).toContain("no está disponible");
    expect(server.child.exitCode).toBeNull();

    rmSync(filler());
    await expect.poll(async () => (await fetch(`${server.base}/readyz`)).status, { timeout: 10_000 }).toBe(200);
    expect((await submit(server.base, "after-full@example.com")).status).toBe(302);
  });
});
