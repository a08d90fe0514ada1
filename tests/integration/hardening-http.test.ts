import { eq } from "drizzle-orm";
import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { quoteRequests, shareLinks } from "#db/schema";
import { handleError } from "~/entry.server";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { createShareLink } from "~/models/share-link.server";
import { createUser } from "~/models/user.server";
import { action as quoteAction } from "~/routes/q.$token/route";
import { action as wizardAction } from "~/routes/quote.new/route";
import { action as shareAction } from "~/routes/s.$token";
import { action as inviteAction } from "~/routes/staff.invite.$token/route";
import { createLogger, runWithLogger } from "~/utils/logger.server";
import { newAccessToken } from "~/utils/token.server";
import { requestLogging } from "../../server/logging";
import { status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const plain: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Body Limit", email: "body-limit@example.com" },
};

/** A form POST whose body notes whether anyone read it. */
function trackedPost(path: string, form: Record<string, string>) {
  const state = { read: false };
  const bytes = new TextEncoder().encode(new URLSearchParams(form).toString());
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.read = true;
        controller.enqueue(bytes);
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const init = {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
    duplex: "half",
  };
  return { request: new Request(`http://localhost${path}`, init as RequestInit), state };
}

/** Log lines as the production logger writes them. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger(sink) };
}

describe.each(TEST_DATABASES)("HTTP hardening on $name", (target) => {
  const database = useTestDatabase(target);

  it("token routes refuse an unknown token before reading the body", async () => {
    const unknown = newAccessToken();
    for (const [route, action] of [
      ["s", shareAction],
      ["q", quoteAction],
    ] as const) {
      const forms: Record<string, string>[] = [
        { intent: "view" },
        { intent: "accept", tier: "lean" },
        { intent: "reply", body: "hello" },
      ];
      for (const form of forms) {
        const { request, state } = trackedPost(`/${route}/${unknown}`, form);
        expect(await status(() => action({ request, params: { token: unknown }, context: {} }))).toBe(404);
        expect(state.read, `/${route}/ ${form.intent}`).toBe(false);
      }
    }
    // An invitation's form (a password, hashed with argon2) is not read for an unknown link either.
    const { request, state } = trackedPost(`/staff/invite/${unknown}`, { password: "correct horse battery staple" });
    expect(await status(() => inviteAction({ request, params: { token: unknown }, context: {} }))).toBe(404);
    expect(state.read, "/staff/invite/").toBe(false);
  });

  it("a live share link still counts its views, and a revoked one is refused unread", async () => {
    const db = database().db;
    await wizardAction({
      request: new Request("http://localhost/quote/new", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(plain),
      }),
      params: {},
      context: {},
    });
    const [quote] = await db
      .select()
      .from(quoteRequests)
      .where(eq(quoteRequests.contactEmail, "body-limit@example.com"));
    const rep = await createUser(db, {
      email: "rep-body@test.local",
      name: "Rep",
      role: "sales",
      password: "correct horse battery",
    });
    const token = await createShareLink(db, { quoteRequestId: quote!.id, version: 1, actor: rep });
    const live = trackedPost(`/s/${token}`, { intent: "view" });
    expect(await status(() => shareAction({ request: live.request, params: { token }, context: {} }))).toBe(200);
    expect(live.state.read).toBe(true);
    const [link] = await db.select().from(shareLinks).where(eq(shareLinks.quoteRequestId, quote!.id));
    expect(link!.viewCount).toBe(1);
    await db.update(shareLinks).set({ revokedAt: new Date() }).where(eq(shareLinks.id, link!.id));
    const revoked = trackedPost(`/s/${token}`, { intent: "view" });
    expect(await status(() => shareAction({ request: revoked.request, params: { token }, context: {} }))).toBe(404);
    expect(revoked.state.read).toBe(false);
  });

  it("a database error is logged with its code but without the query's parameters", async () => {
    const db = database().db;
    const person = { email: "nul.person@example.com", name: "Nulla\u0000Personne" };
    const error = await createUser(db, { ...person, role: "sales", password: "correct horse battery" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();

    // Where Remix reports it (entry.server's handleError) ...
    const remix = capture();
    runWithLogger(remix.logger, () =>
      handleError(error, { request: new Request("http://localhost/staff/users", { method: "POST" }) }),
    );
    // ... and where Express's last-resort handler does (server/index.ts), through the request logger.
    const express_ = capture();
    const app = express();
    app.use(requestLogging(express_.logger));
    app.post("/boom", () => {
      throw error;
    });
    app.use((err: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
      req.log.error({ err }, "request failed");
      res.status(500).end();
    });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`, { method: "POST" });
    await new Promise<void>((r) => server.close(() => r()));

    for (const lines of [remix.lines, express_.lines]) {
      const text = lines.join("\n");
      expect(text).toContain("22021");
      expect(text).not.toContain("nul.person");
      expect(text).not.toMatch(/Nulla|Personne/);
      expect(text).not.toContain("$argon2");
    }
  });
});
