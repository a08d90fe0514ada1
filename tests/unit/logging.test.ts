import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { log, redactPath } from "~/utils/logger.server";
import { requestLogging } from "../../server/logging";

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
    const response = await fetch(`${base}/q/${token}`, { headers: { Cookie: "__Host-specdesk_session=secret-cookie" } });
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
    expect((await fetch(`${base}/q/x`, { headers: { "X-Request-Id": "lb-1234567890" } })).headers.get("x-request-id")).toBe("lb-1234567890");
    expect((await fetch(`${base}/q/x`, { headers: { "X-Request-Id": "bad id with spaces!" } })).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("redacts bearer tokens from paths", () => {
    expect(redactPath(`/s/${token}?checkout=success`)).toBe("/s/[token]?checkout=success");
    expect(redactPath(`/staff/invite/${token}`)).toBe("/staff/invite/[token]");
    expect(redactPath("/webhooks/stripe?session_id=cs_test_123")).toBe("/webhooks/stripe?session_id=[redacted]");
    expect(redactPath("/quote/new")).toBe("/quote/new");
  });
});
