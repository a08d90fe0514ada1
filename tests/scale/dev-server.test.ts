import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/support/server";

/**
 * How the server is started: `npm run dev` serves a saved change within seconds and shows the
 * newcomer's first screen; the compiled server (`npm run start:prod`, build/server/index.js) runs.
 * Both on a throw-away PGlite directory. The dev server runs in a copy of the project (sources
 * edited there, node_modules linked), never in the working tree.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WIZARD_TITLE = "Describe your workloads";

interface Started {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** In its own process group, so stopping it stops what it started (remix dev starts the app server). */
function start(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string | undefined> },
): Started {
  const env = { ...process.env, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(command, args, { cwd: options.cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout!.on("data", (d) => (text += String(d)));
  child.stderr!.on("data", (d) => (text += String(d)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    const killer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(killer);
  };
  return { child, output: () => text, stop };
}

async function waitFor<T>(
  what: string,
  started: Started,
  seconds: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    if (started.child.exitCode !== null) throw new Error(`exited before ${what}:\n${started.output()}`);
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`no ${what} within ${seconds} s:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const page = async (url: string) => {
  const response = await fetch(url);
  return response.ok ? response.text() : undefined;
};

describe("npm run dev", () => {
  let dir: string;
  let dev: Started;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "specdesk-dev-"));
    for (const entry of [
      "app",
      "db",
      "server",
      "public",
      "remix.config.js",
      "remix.env.d.ts",
      "package.json",
      "tsconfig.json",
    ]) {
      cpSync(path.join(ROOT, entry), path.join(dir, entry), {
        recursive: true,
        filter: (source) => !source.startsWith(path.join(ROOT, "public", "build")),
      });
    }
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // remix dev's own port (it tells browsers to reload), free too so a running `npm run dev` is no obstacle.
    const devPort = await freePort();
    dev = start("npm", ["run", "dev", "--", "--port", String(devPort)], {
      cwd: dir,
      env: {
        PORT: String(port),
        HOST: "127.0.0.1",
        PGLITE_DIR: path.join(dir, ".data"),
        PUBLIC_BASE_URL: base,
        NODE_ENV: undefined,
        DATABASE_URL: undefined,
        LOG_LEVEL: undefined,
        STRIPE_SECRET_KEY: undefined,
        STRIPE_WEBHOOK_SECRET: undefined,
      },
    });
    await waitFor("wizard page", dev, 90, () => page(`${base}/quote/new`));
  }, 120_000);

  afterAll(async () => {
    await dev?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("prints the app's address last, after where to sign in and where e-mail lands", async () => {
    const screen = await waitFor("first screen", dev, 10, async () =>
      dev.output().includes("SpecDesk is running at") ? dev.output() : undefined,
    );
    const lines = screen.split("\n").map((l) => l.trim());
    const running = lines.findIndex((l) => l.startsWith("SpecDesk is running at"));
    expect(lines[running]).toBe(`SpecDesk is running at http://localhost:${new URL(base).port}`);
    expect(lines.slice(0, running).join("\n")).toMatch(
      /Staff sign-in\s+http:\/\/localhost:\d+\/staff\/login[\s\S]*admin@specdesk\.local[\s\S]*Mailbox\s+http:\/\/localhost:\d+\/dev\/mailbox/,
    );
    // Readable lines, not JSON, in development.
    expect(screen).toMatch(/INFO.*SpecDesk listening/);
    expect(screen).not.toMatch(/^\{"level"/m);
  });

  it("serves a changed text within seconds of saving it", async () => {
    const locale = path.join(dir, "app", "locales", "en.ts");
    const before = readFileSync(locale, "utf8");
    expect(before, `the test edits "${WIZARD_TITLE}" in app/locales/en.ts`).toContain(`"${WIZARD_TITLE}"`);
    expect(await page(`${base}/quote/new`)).toContain(WIZARD_TITLE);
    const changed = `${WIZARD_TITLE} (saved ${Date.now()})`;
    const saved = Date.now();
    writeFileSync(locale, before.replace(`"${WIZARD_TITLE}"`, JSON.stringify(changed)));
    await waitFor("changed text", dev, 30, async () =>
      (await page(`${base}/quote/new`))?.includes(changed) ? true : undefined,
    );
    expect(Date.now() - saved).toBeLessThan(30_000);
  }, 60_000);
});

describe("the compiled server (npm run start:prod)", () => {
  const compiled = path.join(ROOT, "build", "server", "index.js");
  let dir: string;
  let server: Started | undefined;

  beforeAll(() => {
    if (!existsSync(compiled)) throw new Error("No compiled server: run `npm run build` first.");
    dir = mkdtempSync(path.join(tmpdir(), "specdesk-prod-"));
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("runs build/server/index.js with node, migrates, serves, and logs JSON", async () => {
    const port = await freePort();
    server = start(process.execPath, ["--enable-source-maps", compiled], {
      cwd: ROOT,
      env: {
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        PGLITE_DIR: path.join(dir, "pglite"),
        MAIL_TRANSPORT: "disabled",
        DATABASE_URL: undefined,
        LOG_LEVEL: "info",
        STRIPE_SECRET_KEY: undefined,
        STRIPE_WEBHOOK_SECRET: undefined,
        REDIS_URL: undefined,
      },
    });
    const ready = await waitFor("readiness", server, 60, async () => {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      return response.ok ? ((await response.json()) as { status: string }) : undefined;
    });
    expect(ready.status).toBe("ready");
    expect(await page(`http://127.0.0.1:${port}/quote/new`)).toContain(WIZARD_TITLE);
    const listening = server
      .output()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; url?: string })
      .find((line) => line.msg === "SpecDesk listening");
    expect(listening?.url).toBe(`http://localhost:${port}`);
  }, 90_000);
});
