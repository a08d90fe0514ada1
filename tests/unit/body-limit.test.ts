import express from "express";
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES as API_MAX_BODY_BYTES } from "~/routes/api.v1.estimates";
import { bodyLimit, bodyLimitFor, bodyLimits, createRemixHandler } from "../../server/body-limit";
import { remixTestBuild } from "../support/remix-test-build";

const KB = 1024;
const limits = bodyLimits(256);

/** What each action managed to read, so a test can tell how much of a body reached the app. */
const seen: { bytes: number; failed: boolean }[] = [];
async function readAll(request: Request) {
  const record = { bytes: 0, failed: false };
  seen.push(record);
  const reader = request.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      record.bytes += value.byteLength;
    }
  } catch (error) {
    record.failed = true;
    throw error;
  }
  return record.bytes;
}

/** What Remix would have logged (handleError skips aborted requests, as entry.server.tsx does). */
const reported: unknown[] = [];
const build = remixTestBuild(
  {
    echo: { action: async ({ request }) => Response.json({ bytes: await readAll(request) }) },
    form: { action: async ({ request }) => Response.json(Object.fromEntries(await request.formData())) },
    json: { action: async ({ request }) => Response.json(await request.json()) },
    "api/v1/estimates": { action: async ({ request }) => Response.json({ bytes: await readAll(request) }) },
    "webhooks/stripe": { action: async ({ request }) => Response.json({ bytes: await readAll(request) }) },
  },
  { handleError: (error, { request }) => void (request.signal.aborted || reported.push(error)) },
);

/** Mounted the way server/index.ts mounts it: the limit before Remix, then Remix reading through it. */
let server: Server;
let port = 0;
beforeAll(async () => {
  const app = express();
  app.use(bodyLimit(limits));
  app.all("*", createRemixHandler({ build, mode: "production", bodyLimits: limits, getLoadContext: () => ({}) }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  written: number;
  ms: number;
}

/**
 * A raw HTTP request that streams `total` bytes in 16 KB chunks (chunked unless `declared` is given),
 * honouring backpressure and stopping as soon as the answer arrives or the server cuts the upload.
 */
function upload(
  path: string,
  opts: { total: number; declared?: number; contentType?: string; accept?: string },
): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const headers: Record<string, string> = { "Content-Type": opts.contentType ?? "application/octet-stream" };
    if (opts.declared !== undefined) headers["Content-Length"] = String(opts.declared);
    if (opts.accept) headers.Accept = opts.accept;
    const request = http.request({ host: "127.0.0.1", port, path, method: "POST", headers, agent: false });
    request.on("response", (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () =>
        resolve({
          status: response.statusCode!,
          headers: response.headers,
          body: Buffer.concat(chunks).toString(),
          written,
          ms: Date.now() - started,
        }),
      );
      response.on("error", reject);
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    request.flushHeaders();
    const chunk = Buffer.alloc(16 * KB, "a");
    const pump = () => {
      while (!answered && !request.destroyed && written < opts.total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, opts.total - written));
        written += piece.length;
        if (!request.write(piece)) return void request.once("drain", pump);
      }
      if (!answered && !request.destroyed && opts.declared === undefined) request.end();
    };
    pump();
  });
}

describe("one body limit before Remix reads anything", () => {
  it("answers 413 at once to a declared 200 MB body, without reading it", async () => {
    const before = seen.length;
    const answer = await upload("/echo", {
      total: 0,
      declared: 200 * KB * KB,
      contentType: "application/x-www-form-urlencoded",
    });
    expect(answer.status).toBe(413);
    expect(answer.ms).toBeLessThan(1_000);
    expect(answer.headers.connection).toBe("close");
    expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
    expect(answer.body).toContain("256 KB");
    expect(seen.length).toBe(before);
  });

  it("stops reading a chunked body as soon as it passes the limit, answers 413 and cuts the upload", async () => {
    const total = 64 * KB * KB;
    const answer = await upload("/echo", { total });
    expect(answer.status).toBe(413);
    const reached = seen.at(-1)!;
    expect(reached.failed).toBe(true);
    expect(reached.bytes).toBeLessThanOrEqual(256 * KB);
    // The client could not push more than the socket buffers hold once the server stopped reading.
    expect(answer.written).toBeLessThan(total / 4);
    // The cut-off is the client's doing: nothing is reported as a server error.
    expect(reported).toEqual([]);
  });

  it("still serves ordinary forms and JSON, and bodies just under the limit", async () => {
    const base = `http://127.0.0.1:${port}`;
    const form = await fetch(`${base}/form`, { method: "POST", body: new URLSearchParams({ name: "Ana", note: "ñ" }) });
    expect(form.status).toBe(200);
    expect(await form.json()).toEqual({ name: "Ana", note: "ñ" });
    const json = await fetch(`${base}/json`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ a: [1, 2, 3] }),
    });
    expect(await json.json()).toEqual({ a: [1, 2, 3] });
    const nearly = await upload("/echo", { total: 256 * KB });
    expect(nearly.status).toBe(200);
    expect(JSON.parse(nearly.body)).toEqual({ bytes: 256 * KB });
    const declared = await upload("/echo", { total: 256 * KB, declared: 256 * KB });
    expect(JSON.parse(declared.body)).toEqual({ bytes: 256 * KB });
  });

  it("answers in the shape the caller expects: the API's errors list, JSON for JSON, plain text otherwise", async () => {
    const api = await upload("/api/v1/estimates", { total: 300 * KB, contentType: "application/json" });
    expect(api.status).toBe(413);
    expect(JSON.parse(api.body)).toEqual({
      errors: [{ path: "", message: `Body must be at most ${256 * KB} bytes.` }],
    });
    const json = await upload("/json", { total: 0, declared: 300 * KB, contentType: "application/json" });
    expect(json.status).toBe(413);
    expect(JSON.parse(json.body)).toEqual({ error: "Payload too large" });
    const page = await upload("/form", { total: 300 * KB, contentType: "application/x-www-form-urlencoded" });
    expect(page.status).toBe(413);
    expect(page.headers["content-type"]).toMatch(/^text\/plain/);
  });

  it("gives the Stripe webhook its larger limit, and no more", async () => {
    expect(
      await upload("/webhooks/stripe", { total: 400 * KB, contentType: "application/json" }).then((a) => [
        a.status,
        JSON.parse(a.body),
      ]),
    ).toEqual([200, { bytes: 400 * KB }]);
    expect((await upload("/webhooks/stripe", { total: 600 * KB, contentType: "application/json" })).status).toBe(413);
    expect(
      (await upload("/WEBHOOKS/Stripe/", { total: 0, declared: 600 * KB, contentType: "application/json" })).status,
    ).toBe(413);
  });

  it("has one table of per-path limits, consistent with the routes' own checks", () => {
    expect(bodyLimitFor(limits, "/quote/new")).toBe(256 * KB);
    expect(bodyLimitFor(limits, "/api/v1/estimates")).toBe(API_MAX_BODY_BYTES);
    expect(bodyLimitFor(limits, "/Webhooks/Stripe")).toBe(512 * KB);
    expect(bodyLimitFor(bodyLimits(64), "/staff/login")).toBe(64 * KB);
  });

  it("gives a path the limit of the route Remix will serve it from, in any spelling", async () => {
    for (const path of [
      "/webhooks\\stripe",
      "/x/../Webhooks/Stripe",
      "/%77ebhooks/stripe/",
      "/webhooks/stripe.data",
      "/webhooks/stripe?x=1",
    ]) {
      expect(bodyLimitFor(limits, path), path).toBe(512 * KB);
    }
    // Remix routes none of these to the webhook, so none gets its limit.
    for (const path of ["//webhooks/stripe", "/webhooks//stripe", "/webhooks/stripe/..", "/webhooks/stripe%ZZ"]) {
      expect(bodyLimitFor(limits, path), path).toBe(256 * KB);
    }
    // Over the wire, as Node hands Express the raw target: the webhook's own limit, not the default's 413.
    const answer = await upload("/webhooks\\stripe", { total: 400 * KB, contentType: "application/json" });
    expect([answer.status, JSON.parse(answer.body)]).toEqual([200, { bytes: 400 * KB }]);
  });

  it("allows the Stripe webhook exactly what its own check allows", async () => {
    const { action } = await import("~/routes/webhooks.stripe");
    const post = (bytes: number) =>
      action({
        request: new Request("http://localhost/webhooks/stripe", { method: "POST", body: "x".repeat(bytes) }),
        params: {},
        context: {},
      });
    const limit = bodyLimitFor(limits, "/webhooks/stripe");
    expect((await post(limit)).status).toBe(400);
    expect((await post(limit + 1)).status).toBe(413);
  });
});
