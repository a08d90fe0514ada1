import express from "express";
import type { ServerBuild } from "@remix-run/node";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationsFigures } from "~/models/operations-metrics.server";
import { metricsRoutes } from "../../server/metrics";
import { incidents } from "#db/schema";
import { createQuote, handedOverService } from "../factories";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const TOKEN = "metrics-token-for-the-test-0123456789";

/** The routes the labels come from: a manifest shaped as Remix's build has it. */
const BUILD = {
  routes: {
    root: { id: "root", path: "" },
    "routes/q.$token": { id: "routes/q.$token", parentId: "root", path: "q/:token" },
    "routes/staff.operations._index": {
      id: "routes/staff.operations._index",
      parentId: "root",
      path: "staff/operations",
      index: undefined,
    },
  },
} as unknown as ServerBuild;

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.each(TEST_DATABASES)("/metrics on $name", (target) => {
  const database = useTestDatabase(target);
  let on: { server: Server; base: string };
  let off: { server: Server; base: string };
  beforeAll(async () => {
    const serve = (token: string | undefined) => {
      const app = express();
      metricsRoutes(app, {
        token,
        build: () => BUILD,
        figures: () => operationsFigures(database().db, target.name === "postgres"),
        poolMax: 10,
      });
      app.get("*", (_req, res) => res.status(200).send("page"));
      return listen(app);
    };
    on = await serve(TOKEN);
    off = await serve(undefined);
  });
  afterAll(async () => {
    for (const h of [on, off]) await new Promise<void>((r) => h.server.close(() => r()));
  });

  const scrape = (base: string, auth?: string) =>
    fetch(`${base}/metrics`, auth ? { headers: { Authorization: auth } } : {});

  it("is off without METRICS_TOKEN, and with it answers only the bearer token", async () => {
    expect((await scrape(off.base, `Bearer ${TOKEN}`)).status).toBe(404);
    expect((await scrape(on.base)).status).toBe(401);
    expect((await scrape(on.base, `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(on.base, `Basic ${TOKEN}`)).status).toBe(401);
    const ok = await scrape(on.base, `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/plain");
    expect(ok.headers.get("cache-control")).toBe("no-store");
  });

  it("counts and times requests per route, never with a token or an id in a label", async () => {
    const token = "QjhtNDjBHebLk27laaV00DE3ngVVN3Apa2lsaPS71rw";
    await fetch(`${on.base}/q/${token}`);
    await fetch(`${on.base}/q/${token}`);
    await fetch(`${on.base}/Staff/Operations/`);
    await fetch(`${on.base}/nowhere/at/all`);
    const text = await (await scrape(on.base, `Bearer ${TOKEN}`)).text();
    expect(text).toContain('specdesk_http_requests_total{route="routes/q.$token",method="GET",status="2xx"} 2');
    expect(text).toContain(
      'specdesk_http_requests_total{route="routes/staff.operations._index",method="GET",status="2xx"} 1',
    );
    expect(text).toContain('specdesk_http_requests_total{route="unmatched",method="GET",status="2xx"} 1');
    expect(text).toMatch(/specdesk_http_request_duration_seconds_count\{route="routes\/q\.\$token",method="GET"\} 2/);
    expect(text).not.toContain(token);
    expect(text).toContain("specdesk_process_");
  });

  it("reports the outbox queue and its oldest due message, review items past their SLA, overdue incident updates and the pool", async () => {
    const db = database().db;
    const { reviewItemId } = await createQuote(db, {
      requirements: { specialRequirements: "Our own IP range, please." },
    });
    expect(reviewItemId).not.toBeNull();
    const service = await handedOverService(db, "metrics");
    const before = await operationsFigures(db, target.name === "postgres");
    // Open incidents: one update overdue, one due later, one with none due; a resolved one long past due.
    const MIN = 60_000;
    const incident = (
      title: string,
      nextUpdateDueAt: Date | null,
      state: "identified" | "resolved" = "identified",
    ) => ({
      quoteRequestId: service.quoteId,
      severity: "P2" as const,
      state,
      title,
      openedAt: new Date(Date.now() - 120 * MIN),
      firstResponseDueAt: new Date(Date.now() - 60 * MIN),
      nextUpdateDueAt,
    });
    await db
      .insert(incidents)
      .values([
        incident("overdue", new Date(Date.now() - 5 * MIN)),
        incident("later", new Date(Date.now() + 30 * MIN)),
        incident("none due", null),
        incident("resolved", new Date(Date.now() - 90 * MIN), "resolved"),
      ]);
    await db.execute(sql`insert into outbox_messages (to_address, subject, text_body, template, next_attempt_at)
      values ('ops@example.com', 's', 'b', 'metrics_test', now() - interval '10 minutes'),
             ('ops@example.com', 's', 'b', 'metrics_test', now() + interval '1 day')`);
    await db.execute(
      sql`update review_items set first_response_due_at = now() - interval '1 hour' where id = ${reviewItemId}`,
    );
    const text = await (await scrape(on.base, `Bearer ${TOKEN}`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);
    expect(value("specdesk_outbox_pending")).toBe(before.outboxPending + 2);
    expect(value("specdesk_outbox_due")).toBe(before.outboxDue + 1);
    expect(value("specdesk_outbox_oldest_due_age_seconds")).toBeGreaterThanOrEqual(599);
    expect(value("specdesk_review_items_past_sla")).toBe(before.reviewItemsPastSla + 1);
    expect(value("specdesk_incident_updates_overdue")).toBe(before.incidentUpdatesOverdue + 1);
    expect(value("specdesk_db_pool_max")).toBe(10);
    if (target.name === "postgres") expect(text).toMatch(/specdesk_db_connections\{state="(active|idle)"\} [1-9]/);
  });
});
