import express from "express";
import http from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DrizzleQueryError } from "drizzle-orm";
import { handleError } from "~/entry.server";
import { createLogger, log, redactPath } from "~/utils/logger.server";
import { bodyLimits, createRemixHandler } from "../../server/body-limit";
import { requestLogging } from "../../server/logging";
import { remixTestBuild } from "../support/remix-test-build";

/** The real request logging in a real Express server; lines are captured as they are written. */
describe("structured request logs", () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let base = "";
  const token = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWpr";
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const app = express();
    app.use(requestLogging(pino({ level: "info" }, sink)));
    app.get("/q/:token", (_req, res) => {
      log().info({ step: "inside" }, "handler ran");
      res.send("ok");
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("gives every request an id, echoes it, and puts it on every line logged during the request", async () => {
    const response = await fetch(`${base}/q/${token}`, {
      headers: { Cookie: "__Host-specdesk_session=secret-cookie" },
    });
    const id = response.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    const mine = lines.filter((l) => l.requestId === id);
    expect(mine.map((l) => l.msg)).toEqual(["handler ran", "request completed"]);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(token);
    expect(text).not.toContain("secret-cookie");
    expect((mine[1]!.req as { url: string }).url).toBe("/q/[token]");
  });

  it("keeps a sane upstream X-Request-Id and replaces a malformed one", async () => {
    expect(
      (await fetch(`${base}/q/x`, { headers: { "X-Request-Id": "lb-1234567890" } })).headers.get("x-request-id"),
    ).toBe("lb-1234567890");
    expect(
      (await fetch(`${base}/q/x`, { headers: { "X-Request-Id": "bad id with spaces!" } })).headers.get("x-request-id"),
    ).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("redacts bearer tokens from paths", () => {
    expect(redactPath(`/s/${token}?checkout=success`)).toBe("/s/[token]?checkout=success");
    expect(redactPath(`/staff/invite/${token}`)).toBe("/staff/invite/[token]");
    expect(redactPath("/webhooks/stripe?session_id=cs_test_123")).toBe("/webhooks/stripe?session_id=[redacted]");
    expect(redactPath("/quote/new")).toBe("/quote/new");
  });
});

/** What the production logger writes, at every level, for requests that carry a token in any spelling. */
describe("no token or personal data reaches a log line", () => {
  const token = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWpr";
  const lines: { level: number; [key: string]: unknown }[] = [];
  let server: Server;
  let base = "";
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = createLogger(sink, "debug");
    const build = remixTestBuild(
      {
        "q/:token": { loader: () => Response.json({ ok: true }) },
        "s/:token": { loader: () => Response.json({ ok: true }) },
      },
      { handleError },
    );
    const app = express();
    app.use(requestLogging(logger));
    app.all(
      "*",
      createRemixHandler({ build, mode: "production", bodyLimits: bodyLimits(256), getLoadContext: () => ({}) }),
    );
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("redacts token paths whatever their case, encoding, trailing segments or query", () => {
    for (const [path, redacted] of [
      [`/Q/${token}`, "/Q/[token]"],
      [`/q/${token}/x?checkout=success`, "/q/[token]?checkout=success"],
      [`/S/${token}?token=${token}`, "/S/[token]?token=[redacted]"],
      [`/Staff/INVITE/${token}/`, "/Staff/INVITE/[token]"],
      [`/%71/${token}`, "/%71/[token]"],
      [`//s/${token}`, "//s/[token]"],
      ["/q/short", "/q/[token]"],
      ["/staff/review/7d1c1f7e-3f6f-4a43-9a8e-2f0d7d6c4b1a", "/staff/review/7d1c1f7e-3f6f-4a43-9a8e-2f0d7d6c4b1a"],
      ["/quote/new?Session_Id=cs_test_1", "/quote/new?Session_Id=[redacted]"],
    ]) {
      expect(redactPath(path!)).toBe(redacted);
    }
  });

  it("redacts tokens in every spelling Node accepts and Remix serves: backslashes, dot segments, encoded letters", () => {
    for (const path of [
      `/q\\${token}`,
      `/Q\\\\${token}?x=1`,
      `/staff\\invite\\${token}`,
      `/staff/invite\\${token}`,
      `/x/../q/${token}`,
      `/x/..\\q\\${token}`,
      `/%51/${token}`,
      `/q%5C${token}`,
      `/q%2f${token}`,
      `/q/./${token}`,
      `/q/x/../${token}`,
      `/q/%2e/${token}`,
      `/staff/x/../invite/${token}`,
      `/staff/./invite/${token}`,
      `No route matches URL "/q\\${token}"`,
    ]) {
      expect(redactPath(path), path).not.toContain(token);
      expect(redactPath(path), path).toContain("[token]");
    }
  });

  it("serves GET /q\\<token> and dot-segment spellings, and logs none of them with the token", async () => {
    lines.length = 0;
    const paths = [
      `/q\\${token}`,
      `/x/../q/${token}`,
      `/%51/${token}`,
      `/q/./${token}`,
      `/q/x/../${token}`,
      `/s\\x\\..\\${token}`,
    ];
    const statuses = [];
    // Raw requests: fetch() would resolve the backslashes and dot segments before sending.
    for (const path of paths) {
      statuses.push(
        await new Promise<number>((resolve, reject) => {
          http
            .get(
              { host: "127.0.0.1", port: Number(new URL(base).port), path, agent: false },
              (r) => (r.resume(), r.on("end", () => resolve(r.statusCode!))),
            )
            .on("error", reject);
        }),
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.filter((l) => l.msg === "request completed")).toHaveLength(paths.length);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.toLowerCase());
  });

  it("serves and logs GET /Q/<token> and route misses under every token prefix without the token, and not as errors", async () => {
    lines.length = 0;
    const paths = [
      `/Q/${token}`,
      `/q/${token}/x`,
      `/S/${token}/x/y?z=1`,
      `/staff/invite/${token}/x`,
      `/STAFF/Invite/${token}`,
    ];
    const statuses = [];
    for (const path of paths) statuses.push((await fetch(`${base}${path}`)).status);
    expect(statuses).toEqual([200, 404, 404, 404, 404]);
    await new Promise((r) => setTimeout(r, 50));
    const text = JSON.stringify(lines);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.toLowerCase());
    expect(lines.filter((l) => l.msg === "request completed")).toHaveLength(paths.length);
    // The route misses reach handleError (that is where err.data carried the token) ...
    expect(
      lines.filter((l) => (l.err as { status?: number } | undefined)?.status === 404).length,
    ).toBeGreaterThanOrEqual(4);
    // ... and a client's wrong URL is not a server error.
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it("drops a failed query's parameters, also from causes, messages and stacks", () => {
    const captured: string[] = [];
    const logger = createLogger(new Writable({ write: (c, _e, done) => (captured.push(String(c)), done()) }));
    const driver = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
      code: "23505",
      detail: "Key (email)=(ana.secret@example.com) already exists.",
      parameters: ["ana.secret@example.com", "Ana Secret"],
      args: ["ana.secret@example.com", "Ana Secret"],
      params: ["ana.secret@example.com", "Ana Secret"],
    });
    const error = new DrizzleQueryError(
      'insert into "users" ("email", "name") values ($1, $2)',
      ["ana.secret@example.com", "Ana Secret"],
      driver,
    );
    logger.error({ err: error }, "failed");
    logger.error({ err: new Error("outer", { cause: error }) }, "wrapped");
    const text = captured.join("");
    expect(text).not.toContain("ana.secret");
    expect(text).not.toContain("Ana Secret");
    const first = JSON.parse(captured[0]!) as { err: { query: string; cause: { code: string } } };
    expect(first.err.query).toBe('insert into "users" ("email", "name") values ($1, $2)');
    expect(first.err.cause.code).toBe("23505");
  });
});
