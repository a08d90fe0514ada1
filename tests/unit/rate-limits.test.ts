import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isStrictPath, rateLimiters } from "../../server/rate-limits";

/** The real middleware in a real Express server on loopback, with small limits. */
describe("rate limits", () => {
  let server: Server;
  let base = "";
  beforeAll(async () => {
    const app = express();
    app.use(rateLimiters({ windowMs: 60_000, general: 50, writes: 10, strict: 3 }));
    app.all("*", (_req, res) => {
      res.send("ok");
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("knows which paths are strict", () => {
    expect(isStrictPath("GET", "/q/abc")).toBe(true);
    expect(isStrictPath("GET", "/s/abc")).toBe(true);
    expect(isStrictPath("POST", "/staff/login")).toBe(true);
    expect(isStrictPath("GET", "/staff/login")).toBe(false);
    expect(isStrictPath("GET", "/quote/new")).toBe(false);
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

  it("writes have their own tier; plain pages only the general one", async () => {
    const writes: number[] = [];
    for (let i = 0; i < 12; i++) writes.push((await fetch(`${base}/api/v1/estimates`, { method: "POST" })).status);
    expect(writes.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(writes.slice(10)).toEqual([429, 429]);
    expect((await fetch(`${base}/quote/new`)).status).toBe(200);
  });
});
