import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "#db/client.server";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * A server process with the process guard installed (server/process-guard.ts), driven by a script:
 * it answers HTTP on a free port and prints the port; "/throw" throws from setImmediate (where the
 * postgres.js crash came from), "/reject" leaves a promise rejection unhandled.
 */
function startGuardedServer(extra = "") {
  const script = `
    import http from "node:http";
    import { pino } from "pino";
    import { installProcessGuard } from "./server/process-guard.ts";
    installProcessGuard({ logger: pino(), maxErrors: 5, windowMs: 60_000 ${extra} });
    const server = http.createServer((req, res) => {
      if (req.url === "/throw") setImmediate(() => { throw new TypeError("Cannot read properties of null (reading 'write')"); });
      if (req.url === "/reject") Promise.reject(new Error("nobody awaited this"));
      res.end("ok");
    });
    server.listen(0, "127.0.0.1", () => console.log("PORT " + server.address().port));
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr.on("data", (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const base = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      output += String(d);
      const port = /PORT (\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    void exited.then(() => reject(new Error(`guarded server exited:\n${output}`)));
  });
  return { child, base, exited, output: () => output };
}

describe("process guard", () => {
  it("an exception thrown from setImmediate and an unhandled rejection are logged, and the process keeps serving", async () => {
    const server = startGuardedServer();
    try {
      const base = await server.base;
      expect(await (await fetch(`${base}/throw`)).text()).toBe("ok");
      expect(await (await fetch(`${base}/reject`)).text()).toBe("ok");
      await new Promise((r) => setTimeout(r, 100));
      // Still up and serving after both.
      expect(await (await fetch(`${base}/`)).text()).toBe("ok");
      expect(server.child.exitCode).toBeNull();
      const lines = server
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message: string } });
      expect(
        lines.some((l) => l.msg === "uncaught exception; still serving" && l.err?.message.includes("reading 'write'")),
      ).toBe(true);
      expect(
        lines.some(
          (l) => l.msg === "unhandled promise rejection; still serving" && l.err?.message === "nobody awaited this",
        ),
      ).toBe(true);
    } finally {
      server.child.kill("SIGKILL");
      await server.exited;
    }
  });

  it("errors repeating faster than the limit (here 5 a minute): the process exits with code 1 so a supervisor restarts it", async () => {
    const server = startGuardedServer();
    try {
      const base = await server.base;
      for (let i = 0; i < 5; i++) await fetch(`${base}/throw`);
      await new Promise((r) => setTimeout(r, 100));
      expect(server.child.exitCode).toBeNull();
      await fetch(`${base}/throw`);
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain("too many uncaught errors");
    } finally {
      server.child.kill("SIGKILL");
    }
  });
});

describe("isDatabaseUnavailable", () => {
  const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });
  // drizzle wraps driver errors: the driver's error is the cause.
  const wrapped = (cause: Error) => Object.assign(new Error("Failed query: insert into …\nparams: …"), { cause });

  it("connection loss, a database shutting down, a full disk or a read-only database count; the driver error may be wrapped", () => {
    for (const code of [
      "CONNECTION_CLOSED",
      "CONNECTION_ENDED",
      "CONNECTION_DESTROYED",
      "CONNECT_TIMEOUT",
      "ECONNREFUSED",
      "ECONNRESET",
      "57P01",
      "57P03",
      "08006",
      "53100",
      "53300",
      "25006",
      "58030",
      "ENOSPC",
      "EROFS",
    ]) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
      expect(isDatabaseUnavailable(wrapped(withCode(code))), `wrapped ${code}`).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error("PGlite is closed"))).toBe(true);
  });

  it("bugs and bad data do not: a unique violation, a syntax error, a plain error, a Response", () => {
    for (const code of ["23505", "42601", "22P02", "40001"])
      expect(isDatabaseUnavailable(wrapped(withCode(code))), code).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(new Response(null, { status: 404 }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe("answerDatabaseOutages: loaders and actions when the database is unavailable", () => {
  const lost = () => Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" });
  type Handler = (args: { request: Request }) => Promise<unknown>;
  async function wrap(loader: Handler, action: Handler) {
    const { answerDatabaseOutages } = await import("../../server/db-unavailable");
    const build = { routes: { r: { id: "r", module: { loader, action } } } } as never;
    const route = (answerDatabaseOutages(build) as unknown as { routes: { r: { module: Record<string, Handler> } } })
      .routes.r.module;
    return route;
  }
  const thrown = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e,
    );

  it("a read that meets a dropped connection is read again on a fresh one; a write is not repeated", async () => {
    let reads = 0;
    let writes = 0;
    const route = await wrap(
      async () => {
        if (++reads === 1) throw lost();
        return "page";
      },
      async () => {
        writes++;
        throw lost();
      },
    );
    expect(await route.loader!({ request: new Request("http://x/q/t") })).toBe("page");
    expect(reads).toBe(2);
    const answer = (await thrown(
      route.action!({ request: new Request("http://x/q/t", { method: "POST" }) }),
    )) as Response;
    expect(writes).toBe(1);
    expect(answer.status).toBe(503);
    expect(answer.headers.get("Retry-After")).toMatch(/^\d+$/);
  });

  it("a read that keeps failing answers 503 after two more tries; other errors pass through at once", async () => {
    let reads = 0;
    const route = await wrap(
      async () => {
        reads++;
        throw lost();
      },
      async () => undefined,
    );
    expect(((await thrown(route.loader!({ request: new Request("http://x/q/t") }))) as Response).status).toBe(503);
    expect(reads).toBe(3);
    let bugs = 0;
    const buggy = await wrap(
      async () => {
        bugs++;
        throw new TypeError("a bug");
      },
      async () => undefined,
    );
    expect(await thrown(buggy.loader!({ request: new Request("http://x/q/t") }))).toBeInstanceOf(TypeError);
    expect(bugs).toBe(1);
    // A connect timeout or "too many connections" answers 503 at once: another try would wait as long
    // again, or press an overloaded server harder.
    for (const code of ["CONNECT_TIMEOUT", "53300"]) {
      let tries = 0;
      const busy = await wrap(
        async () => {
          tries++;
          throw Object.assign(new Error(code), { code });
        },
        async () => undefined,
      );
      expect(((await thrown(busy.loader!({ request: new Request("http://x/q/t") }))) as Response).status).toBe(503);
      expect(tries, code).toBe(1);
    }
  });
});
