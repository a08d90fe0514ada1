import express from "express";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sameOriginGuard } from "../../server/same-origin";

/** The real guard in a real Express server on loopback; the handler counts what got through. */
describe("cross-site request guard", () => {
  let server: Server;
  let base = "";
  let reached = 0;
  let seenOrigin: string | undefined;
  beforeAll(async () => {
    const app = express();
    app.use(sameOriginGuard({ exempt: ["/webhooks/stripe"] }));
    app.all("*", (req, res) => {
      reached++;
      seenOrigin = req.get("origin");
      res.send("ok");
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string, headers: Record<string, string>) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: "intent=x",
    });

  it("refuses cross-site POSTs before they reach the app", async () => {
    const before = reached;
    expect((await post("/quote/new", { Origin: "https://evil.example" })).status).toBe(403);
    expect((await post("/quote/new", { "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await post("/quote/new", { "Sec-Fetch-Site": "same-site", Origin: "https://sub.127.0.0.1" })).status).toBe(
      403,
    );
    expect((await post("/quote/new", { Origin: "null" })).status).toBe(403);
    expect((await post("/quote/new", { Origin: "not a url" })).status).toBe(403);
    expect(reached).toBe(before);
  });

  it("lets same-origin POSTs, GETs, non-browser clients and the Stripe webhook through", async () => {
    const before = reached;
    expect((await post("/quote/new", { Origin: base, "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
    expect((await post("/quote/new", {})).status).toBe(200);
    expect((await fetch(`${base}/quote/new`, { headers: { "Sec-Fetch-Site": "cross-site" } })).status).toBe(200);
    expect(
      (await post("/webhooks/stripe", { Origin: "https://stripe.example", "Sec-Fetch-Site": "cross-site" })).status,
    ).toBe(200);
    expect(reached).toBe(before + 4);
  });

  /** Raw, as a client that is not fetch() may send it: `\` and `..` reach the server unresolved. */
  const rawPost = (path: string, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          host: "127.0.0.1",
          port: Number(new URL(base).port),
          path,
          method: "POST",
          agent: false,
          headers: { "Content-Type": "application/json", ...headers },
        },
        (r) => (r.resume(), r.on("end", () => resolve(r.statusCode!))),
      );
      request.on("error", reject);
      request.end("{}");
    });

  it("exempts the Stripe webhook in every spelling Remix routes to it, and nothing else", async () => {
    const stripe = { Origin: "https://stripe.example", "Sec-Fetch-Site": "cross-site" };
    const before = reached;
    for (const path of [
      "/Webhooks/Stripe",
      "/webhooks/stripe/",
      "/webhooks\\stripe",
      "/x/../webhooks/stripe",
      "/webhooks/stripe.data",
      "/%77ebhooks/stripe",
    ]) {
      expect(await rawPost(path, stripe), path).toBe(200);
    }
    expect(reached).toBe(before + 6);
    // Paths that resolve elsewhere, or that Remix does not route to the webhook, get the full check.
    for (const path of [
      "/webhooks/stripe/../../staff/login",
      "/webhooks/stripe/..\\..\\quote\\new",
      "/webhooks//stripe",
      "//webhooks/stripe",
      "/webhooks/stripe.DATA",
      "/webhooks/stripe/x",
    ]) {
      expect(await rawPost(path, stripe), path).toBe(403);
    }
    expect(reached).toBe(before + 6);
  });

  it("without a trusted proxy, X-Forwarded-Host cannot vouch for another origin", async () => {
    const before = reached;
    expect(
      (await post("/quote/new", { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" })).status,
    ).toBe(403);
    expect(
      (
        await post("/quote/new", {
          Origin: "https://evil.example",
          "X-Forwarded-Host": "evil.example, quotes.example.com",
        })
      ).status,
    ).toBe(403);
    // The Host header, as the browser sent it, is what counts.
    expect((await post("/quote/new", { Origin: base, "X-Forwarded-Host": "quotes.example.com" })).status).toBe(200);
    expect(reached).toBe(before + 1);
  });

  it("accepts the null Origin of a no-referrer page only when Sec-Fetch-Site says same-origin, and drops it", async () => {
    expect((await post("/s/token", { Origin: "null", "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
    expect(seenOrigin).toBeUndefined();
  });

  it("behind a trusted proxy, the forwarded host is the site's host (as Express's req.hostname decides)", async () => {
    const app = express();
    app.set("trust proxy", ["loopback"]);
    app.use(sameOriginGuard({ exempt: [] }));
    app.all("*", (_req, res) => {
      res.send("ok");
    });
    const proxied = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const proxiedBase = `http://127.0.0.1:${(proxied.address() as AddressInfo).port}`;
    const send = (headers: Record<string, string>) =>
      fetch(`${proxiedBase}/quote/new`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
        body: "intent=x",
      });
    try {
      expect(
        (await send({ Origin: "https://quotes.example.com", "X-Forwarded-Host": "quotes.example.com" })).status,
      ).toBe(200);
      expect(
        (await send({ Origin: "https://quotes.example.com", "X-Forwarded-Host": "quotes.example.com, internal:8080" }))
          .status,
      ).toBe(200);
      expect((await send({ Origin: proxiedBase, "X-Forwarded-Host": "quotes.example.com" })).status).toBe(403);
      expect((await send({ Origin: "https://evil.example", "X-Forwarded-Host": "quotes.example.com" })).status).toBe(
        403,
      );
      // No forwarded host: the Host header.
      expect((await send({ Origin: proxiedBase })).status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => proxied.close(() => resolve()));
    }
  });
});
