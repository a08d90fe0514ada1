import express from "express";
import type { AddressInfo } from "node:net";
import http, { type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyLimits, createRemixHandler } from "../../server/body-limit";
import { rateLimiters, strictBucket } from "../../server/rate-limits";
import { remixTestBuild } from "../support/remix-test-build";

type Trust = number | string[] | undefined;

/** The real middleware in a real Express server on loopback, with small limits; the handler answers with the client IP Express believes. */
async function startApp(trust: Trust) {
  const app = express();
  if (trust !== undefined) app.set("trust proxy", trust);
  app.use(rateLimiters({ windowMs: 60_000, general: 50, writes: 10, strict: 3 }));
  app.all("*", (req, res) => {
    res.send(req.ip);
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const stop = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe("rate limits", () => {
  let server: Server;
  let base = "";
  beforeAll(async () => {
    ({ server, base } = await startApp(undefined));
  });
  afterAll(() => stop(server));

  it("knows which paths are strict, and which bucket each counts in", () => {
    expect(strictBucket("GET", "/q/abc")).toBe("tokens");
    expect(strictBucket("POST", "/s/abc")).toBe("tokens");
    expect(strictBucket("GET", "/staff/invite/abc")).toBe("tokens");
    expect(strictBucket("POST", "/staff/login")).toBe("logins");
    expect(strictBucket("POST", "/quote/link")).toBe("links");
    expect(strictBucket("POST", "/account/sign-in")).toBe("links");
    expect(strictBucket("GET", "/account/verify/abc")).toBe("tokens");
    expect(strictBucket("POST", "/Account/Verify/abc")).toBe("tokens");
    expect(strictBucket("GET", "/account/sign-in")).toBeNull();
    expect(strictBucket("GET", "/staff/login")).toBeNull();
    expect(strictBucket("GET", "/quote/link")).toBeNull();
    expect(strictBucket("GET", "/quote/new")).toBeNull();
  });

  it("token pages get the strict tier: 429 with standard RateLimit headers", async () => {
    const statuses: number[] = [];
    let last: globalThis.Response | null = null;
    for (let i = 0; i < 5; i++) {
      last = await fetch(`${base}/q/some-token-${i}`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // Customers meet this answer on their own pages: in both languages, or as JSON for JSON clients.
    const page = await fetch(`${base}/q/abc`);
    expect(await page.text()).toMatch(/Too many requests[\s\S]*Demasiadas solicitudes/);
    const json = await fetch(`${base}/q/abc`, { headers: { Accept: "application/json" } });
    expect(await json.json()).toEqual({ error: expect.stringContaining("Too many requests") });
    expect(last!.headers.get("ratelimit-policy")).toContain("q=3");
    expect(last!.headers.get("ratelimit")).toMatch(/r=0/);
  });

  it("a client that used up its token-page tries can still sign in and ask for its links: separate buckets", async () => {
    // The token bucket is exhausted by the test above.
    expect((await fetch(`${base}/s/another`)).status).toBe(429);
    const logins: number[] = [];
    for (let i = 0; i < 4; i++) logins.push((await fetch(`${base}/staff/login`, { method: "POST" })).status);
    expect(logins).toEqual([200, 200, 200, 429]);
    const links: number[] = [];
    for (let i = 0; i < 4; i++) links.push((await fetch(`${base}/quote/link`, { method: "POST" })).status);
    expect(links).toEqual([200, 200, 200, 429]);
  });

  it("writes have their own tier; plain pages only the general one", async () => {
    const writes: number[] = [];
    // The earlier tests' POSTs count here too (4 + 4).
    for (let i = 0; i < 4; i++) writes.push((await fetch(`${base}/api/v1/estimates`, { method: "POST" })).status);
    expect(writes).toEqual([200, 200, 429, 429]);
    expect((await fetch(`${base}/quote/new`)).status).toBe(200);
  });
});

describe("rate limits behind a proxy (TRUST_PROXY)", () => {
  const rotate = (base: string, path: string, n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        fetch(`${base}${path}`, { method: "POST", headers: { "X-Forwarded-For": `198.51.100.${i + 1}` } }).then(
          async (r) => ({ status: r.status, ip: await r.text() }),
        ),
      ),
    );

  it("with the proxy's address listed, a client reaching the port directly cannot rotate X-Forwarded-For past the limits or spoof its address", async () => {
    const { server, base } = await startApp(["10.0.0.0/8"]);
    try {
      const results = await rotate(base, "/staff/login", 5);
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
      expect(new Set(results.filter((r) => r.status === 200).map((r) => r.ip))).toEqual(new Set(["127.0.0.1"]));
    } finally {
      await stop(server);
    }
  });

  it("when the listed proxy forwards, each client counts on its own", async () => {
    const { server, base } = await startApp(["loopback"]);
    try {
      const results = await rotate(base, "/staff/login", 5);
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(results.map((r) => r.ip).sort()).toEqual([
        "198.51.100.1",
        "198.51.100.2",
        "198.51.100.3",
        "198.51.100.4",
        "198.51.100.5",
      ]);
    } finally {
      await stop(server);
    }
  });

  it("a hop count believes whoever connects: why the README asks for the list form when the port is reachable", async () => {
    const { server, base } = await startApp(1);
    try {
      expect((await rotate(base, "/staff/login", 5)).every((r) => r.status === 200)).toBe(true);
    } finally {
      await stop(server);
    }
  });
});

/**
 * The limiter in front of the real Remix handler, as server/index.ts mounts them. Requests go out
 * raw (node:http), because fetch() would tidy `\\` and `..` away before the server saw them.
 */
describe("strict buckets follow the path as Remix routes it", () => {
  const routed = (marker: string) => ({
    loader: () => Response.json({ marker }),
    action: () => Response.json({ marker }),
  });
  const build = remixTestBuild({
    "q/:token": routed("ROUTE-q"),
    "s/:token": routed("ROUTE-s"),
    "staff/invite/:token": routed("ROUTE-invite"),
    "staff/login": routed("ROUTE-login"),
    "quote/link": routed("ROUTE-link"),
  });
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    const app = express();
    // The general and write tiers stay out of the way: only the strict buckets are under test.
    app.use(rateLimiters({ windowMs: 60_000, general: 1_000, writes: 1_000, strict: 2 }));
    app.all(
      "*",
      createRemixHandler({ build, mode: "production", bodyLimits: bodyLimits(256), getLoadContext: () => ({}) }),
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => stop(server));

  /** Each request from its own loopback address, so every spelling starts with a fresh count. */
  let client = 1;
  const send = (method: string, path: string, localAddress: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: "127.0.0.1",
          port,
          path,
          method,
          localAddress,
          agent: false,
          headers: method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {},
        },
        (response) => {
          let body = "";
          response.on("data", (c: Buffer) => (body += String(c)));
          response.on("end", () => resolve({ status: response.statusCode!, body }));
        },
      );
      request.on("error", reject);
      request.end(method === "POST" ? "a=1" : undefined);
    });

  const t = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWpr";
  it.each([
    ["GET", `/Q/${t}`, "ROUTE-q", "tokens"],
    ["GET", `/q\\${t}`, "ROUTE-q", "tokens"],
    ["GET", `/x/../q/${t}`, "ROUTE-q", "tokens"],
    ["GET", `/x/%2e%2e/q/${t}`, "ROUTE-q", "tokens"],
    ["GET", `/%51/${t}`, "ROUTE-q", "tokens"],
    ["GET", `/q/${t}.data`, "ROUTE-q", "tokens"],
    ["POST", `/S/${t}/`, "ROUTE-s", "tokens"],
    ["GET", `/staff\\invite\\${t}`, "ROUTE-invite", "tokens"],
    ["GET", `/Staff/x/../Invite/${t}`, "ROUTE-invite", "tokens"],
    ["POST", "/staff/login/", "ROUTE-login", "logins"],
    ["POST", "/staff/login//", "ROUTE-login", "logins"],
    ["POST", "/STAFF/Login", "ROUTE-login", "logins"],
    ["POST", "/staff/%6Cogin", "ROUTE-login", "logins"],
    // Single fetch: how a browser with JavaScript submits the sign-in form.
    ["POST", "/staff/login.data", "ROUTE-login", "logins"],
    ["POST", "/staff/login/.data", "ROUTE-login", "logins"],
    ["POST", "/staff\\login", "ROUTE-login", "logins"],
    ["POST", "/quote/link.data", "ROUTE-link", "links"],
    ["POST", "/x/../Quote/Link/", "ROUTE-link", "links"],
  ])("%s %s reaches %s and counts in the %s bucket", async (method, path, marker, bucket) => {
    expect(strictBucket(method, path)).toBe(bucket);
    const from = `127.0.0.${++client}`;
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await send(method, path, from));
    expect(answers[0]!.body).toContain(marker);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
  });

  it.each([
    ["POST", "//q/abc"],
    ["POST", "/staff//login"],
    ["POST", "/staff/login.DATA"],
    ["POST", "/staff/login%ZZ"],
    ["POST", "/quote/new"],
  ])("%s %s is no strict path (Remix does not route it to one)", async (method, path) => {
    expect(strictBucket(method, path)).toBeNull();
    const from = `127.0.0.${++client}`;
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await send(method, path, from));
    expect(answers.map((a) => a.body).join("")).not.toMatch(/ROUTE-(q|s|invite|login|link)/);
    expect(answers.map((a) => a.status)).not.toContain(429);
  });
});
