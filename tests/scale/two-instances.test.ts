import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "#db/client.server";
import {
  auditLog,
  outboxMessages,
  provisioningItems,
  quoteAccessTokens,
  quoteRequests,
  reviewItems,
  stripeEvents,
} from "#db/schema";
import { createUser } from "~/models/user.server";
import { STANDIN_SECRET_KEY } from "~/services/stripe.server";
import { hashToken } from "~/utils/token.server";
import { type SpawnedServer, freePort, spawnServer } from "../../scripts/support/server";
import { staffCookie } from "../support/http";
import { TERMS_VERSION } from "~/utils/terms";

/**
 * Scale-out: two real server processes (the production build, as `npm start` runs it) behind no
 * load balancer but sharing one PostgreSQL. Work sent to both at once must happen exactly once.
 */
const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
// Without PostgreSQL there is nothing to scale out on (PGlite is one process): CI must have it.
if (!postgresUrl && process.env.CI) throw new Error("The scale-out test needs PostgreSQL: set DATABASE_URL.");
if (!existsSync("build/index.js")) throw new Error("Run `npm run build` first (npm test builds before this suite).");

type Instance = SpawnedServer;

// Each process makes a random stand-in webhook secret unless told one: both instances share this one.
const STANDIN_WEBHOOK_SECRET = `whsec_${randomBytes(32).toString("hex")}`;
const startInstance = (env: Record<string, string>) =>
  spawnServer({
    ...env,
    STRIPE_STANDIN_WEBHOOK_SECRET: STANDIN_WEBHOOK_SECRET,
    NODE_ENV: "test",
    RATE_LIMIT_MULTIPLIER: "100",
    SHUTDOWN_GRACE_MS: "500",
  });
const stopInstance = (instance: Instance) => instance.stop();

const quoteBody = (email: string, special?: string) => ({
  requirements: {
    availability: "standard",
    termMonths: 12,
    region: "eu",
    ...(special ? { specialRequirements: special } : {}),
  },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Scale Customer", email },
});

async function submitQuote(base: string, body: unknown) {
  const r = await fetch(`${base}/quote/new`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    redirect: "manual",
  });
  expect(r.status).toBe(302);
  return r.headers.get("location")!.split("/q/")[1]!;
}

describe.each(postgresUrl ? ["PostgreSQL"] : [])("two instances on one %s", () => {
  let admin: postgres.Sql;
  let dbName: string;
  let handle: DatabaseHandle;
  let smtp: SMTPServer;
  const delivered: string[] = [];
  let instances: Instance[] = [];

  beforeAll(async () => {
    dbName = `specdesk_scale_${randomBytes(5).toString("hex")}`;
    admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${dbName}`;
    // Every outgoing e-mail lands here, whichever instance sends it.
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        let raw = "";
        stream.on("data", (c) => (raw += String(c)));
        stream.on("end", () => {
          delivered.push(/^Message-ID: <([^>]+)>/im.exec(raw)?.[1] ?? "missing");
          callback();
        });
      },
    });
    const smtpPort = await freePort();
    await new Promise<void>((r) => smtp.listen(smtpPort, "127.0.0.1", r));
    const env = {
      DATABASE_URL: url.toString(),
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PUBLIC_BASE_URL: "http://127.0.0.1:9",
    };
    // Both start at once: migrations and seeding must cope (advisory lock, idempotent seed).
    instances = await Promise.all([startInstance(env), startInstance(env)]);
    handle = openDatabase({ url: url.toString(), max: 5 });
  });

  /** The id of the quote behind a private link token (only its hash is stored). */
  async function quoteIdOf(token: string) {
    const [row] = await handle.db
      .select({ id: quoteAccessTokens.quoteRequestId })
      .from(quoteAccessTokens)
      .where(eq(quoteAccessTokens.tokenHash, hashToken(token)));
    expect(row, `the quote behind /q/${token}`).toBeDefined();
    return row!.id;
  }

  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await handle?.close();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    await admin?.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin?.end();
  });

  it("twenty technicians claiming one item through both instances: exactly one gets it", async () => {
    const [a, b] = instances;
    const token = await submitQuote(a!.base, quoteBody("claims@example.com", "Our own IP range, please."));
    // This quote's review item (other tests' quotes may have theirs).
    const [item] = await handle.db
      .select()
      .from(reviewItems)
      .where(eq(reviewItems.quoteRequestId, await quoteIdOf(token)));
    expect(item).toBeDefined();
    const techs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createUser(handle.db, {
          email: `scale-tech-${i}@test.local`,
          name: `Tech ${i}`,
          role: "technician",
          password: "correct horse battery",
        }),
      ),
    );
    const cookies = await Promise.all(techs.map((t) => staffCookie(handle.db, t.id)));
    const results = await Promise.all(
      cookies.map((cookie, i) =>
        fetch(`${(i % 2 ? b : a)!.base}/staff/review?index`, {
          method: "POST",
          headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ intent: "claim", id: item!.id }),
          redirect: "manual",
        }).then((r) => r.status),
      ),
    );
    // The winner is sent on to the item (302); everyone else hears it was taken (409).
    expect(results.filter((s) => s === 302)).toHaveLength(1);
    expect(results.filter((s) => s === 409)).toHaveLength(19);
    const [claimed] = await handle.db.select().from(reviewItems).where(eq(reviewItems.id, item!.id));
    expect(techs.map((t) => t.id)).toContain(claimed!.assigneeId);
  });

  it("the same Stripe event delivered to both instances, ten times each, at once: one payment, one hand-off", async () => {
    const [a, b] = instances;
    const token = await submitQuote(a!.base, quoteBody("pays@example.com"));
    const accept = await fetch(`${b!.base}/q/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        intent: "accept",
        version: "1",
        tier: "lean",
        termsVersion: TERMS_VERSION,
        terms: "yes",
        name: "Scale Payer",
        email: "pays@example.com",
      }),
      redirect: "manual",
    });
    expect(accept.status).toBe(303);
    const checkout = new URL(accept.headers.get("location")!);
    const sessionId = checkout.pathname.split("/").pop()!;
    const session = (await (
      await fetch(`${checkout.origin}/v1/checkout/sessions/${sessionId}`, {
        headers: { Authorization: `Bearer ${STANDIN_SECRET_KEY}` },
      })
    ).json()) as Record<string, unknown>;
    const payload = JSON.stringify({
      id: `evt_scale_${randomBytes(6).toString("hex")}`,
      object: "event",
      api_version: "2026-10-28.endive",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: "checkout.session.completed",
      data: { object: { ...session, status: "complete", payment_status: "paid" } },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: STANDIN_WEBHOOK_SECRET });
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${(i % 2 ? b : a)!.base}/webhooks/stripe`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
          body: payload,
        }).then(async (r) => ({ status: r.status, outcome: ((await r.json()) as { outcome: string }).outcome })),
      ),
    );
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    expect(outcomes.filter((o) => o.outcome === "paid")).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === "duplicate")).toHaveLength(19);
    const [quote] = await handle.db
      .select()
      .from(quoteRequests)
      .where(eq(quoteRequests.id, await quoteIdOf(token)));
    expect(quote!.status).toBe("won");
    expect(
      await handle.db.select().from(provisioningItems).where(eq(provisioningItems.quoteRequestId, quote!.id)),
    ).toHaveLength(1);
    expect(await handle.db.select().from(stripeEvents)).toHaveLength(1);
    expect(
      await handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, quote!.id), eq(auditLog.action, "won"))),
    ).toHaveLength(1);
  });

  it("both outbox workers drain the same queue: every e-mail delivered exactly once", async () => {
    // Forty more messages at once, on top of those the earlier tests queued.
    await handle.db.insert(outboxMessages).values(
      Array.from({ length: 40 }, (_, i) => ({
        toAddress: `bulk-${i}@example.com`,
        subject: `Bulk ${i}`,
        textBody: "Hello",
        template: "test_bulk",
      })),
    );
    await expect
      .poll(
        async () =>
          (
            await handle.db
              .select({ n: sql<number>`count(*)::int` })
              .from(outboxMessages)
              .where(sql`${outboxMessages.status} <> 'sent'`)
          )[0]!.n,
        { timeout: 60_000, interval: 500 },
      )
      .toBe(0);
    const rows = await handle.db.select({ id: outboxMessages.id }).from(outboxMessages);
    expect(rows.length).toBeGreaterThanOrEqual(45);
    expect(delivered.length).toBe(rows.length);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(new Set(delivered)).toEqual(new Set(rows.map((r) => `${r.id}@specdesk`)));
  });

  it("SIGTERM while requests are in flight: they all finish and are stored, the instance exits cleanly, the other keeps serving", async () => {
    const [a, b] = instances;
    // Twenty quote submissions (each runs the engine and a transaction) are under way when SIGTERM arrives.
    const emails = Array.from({ length: 20 }, (_, i) => `drain-${i}@example.com`);
    const inFlight = emails.map((email) =>
      fetch(`${a!.base}/quote/new`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(quoteBody(email)),
        redirect: "manual",
      }).then((r) => r.status),
    );
    await new Promise((r) => setTimeout(r, 30));
    const exited = stopInstance(a!);
    await new Promise((r) => setTimeout(r, 50));
    // Draining: no longer ready, so a load balancer sends new work elsewhere.
    expect((await fetch(`${a!.base}/readyz`)).status).toBe(503);
    expect(await Promise.all(inFlight)).toEqual(emails.map(() => 302));
    expect(await exited).toBe(0);
    const stored = await handle.db
      .select({ email: quoteRequests.contactEmail })
      .from(quoteRequests)
      .where(sql`${quoteRequests.contactEmail} like 'drain-%'`);
    expect(stored.map((r) => r.email).sort()).toEqual([...emails].sort());
    expect((await fetch(`${b!.base}/readyz`)).status).toBe(200);
  });
});
