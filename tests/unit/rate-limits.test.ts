import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimiters, strictBucket } from "../../server/rate-limits";

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
    Promise.all(Array.from({ length: n }, (_, i) => fetch(`${base}${path}`, { method: "POST", headers: { "X-Forwarded-For": `198.51.100.${i + 1}` } }).then(async (r) => ({ status: r.status, ip: await r.text() }))));

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
      expect(results.map((r) => r.ip).sort()).toEqual(["198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4", "198.51.100.5"]);
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
