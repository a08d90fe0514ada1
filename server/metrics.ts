import type { ServerBuild } from "@remix-run/node";
import { type AgnosticRouteObject, matchRoutes } from "@remix-run/router";
import type { Express, NextFunction, Request, Response } from "express";
import { timingSafeEqual } from "node:crypto";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { OperationsFigures } from "../app/models/operations-metrics.server";
import { routePath } from "./route-path";

/**
 * The operator's signals in Prometheus' text format (issue 19), with prom-client (the Prometheus
 * client for Node.js that the Prometheus project lists; Node ≥ 16). Off unless METRICS_TOKEN is set;
 * then GET /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time),
 * anything else a 401 (404 when off, as if there were no such page).
 *
 * Requests are counted and timed per route: the Remix route that matched (its id, like
 * `routes/q.$token`), never the path, so no customer's token or id ever reaches a label and the
 * number of series stays fixed. Assets are `static`, the probes `health`, and a path no route
 * matches `unmatched`. The database figures (outbox queue and its oldest due message, review items
 * past their SLA, overdue incident updates, overdue payments, connections) are read when scraped.
 */
export function metricsRoutes(
  app: Express,
  options: {
    token: string | undefined;
    build: () => ServerBuild;
    figures: () => Promise<OperationsFigures>;
    poolMax: number | null;
  },
) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "specdesk_process_" });
  const requests = new Counter({
    name: "specdesk_http_requests_total",
    help: "HTTP requests answered, by Remix route, method and status class.",
    labelNames: ["route", "method", "status"] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: "specdesk_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by Remix route and method.",
    labelNames: ["route", "method"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const outboxPending = gauge("specdesk_outbox_pending", "E-mails waiting in the outbox (due or scheduled).");
  const outboxDue = gauge("specdesk_outbox_due", "E-mails in the outbox whose next attempt has come.");
  const outboxOldest = gauge(
    "specdesk_outbox_oldest_due_age_seconds",
    "How long the oldest due e-mail has waited since it became due (0 when none is due).",
  );
  const reviewPastSla = gauge(
    "specdesk_review_items_past_sla",
    "Review items still open whose first-response or resolution deadline has passed.",
  );
  const billingOverdue = gauge("specdesk_billing_overdue_services", "Running services with a monthly payment overdue.");
  const changesWaiting = gauge(
    "specdesk_billing_changes_waiting",
    "Upgrades handed over whose subscription change Stripe has not made yet.",
  );
  const incidentUpdatesOverdue = gauge(
    "specdesk_incident_updates_overdue",
    "Open incidents whose next public update (or first response) is overdue.",
  );
  const connections = gauge(
    "specdesk_db_connections",
    "Connections to the database by state, every instance's (PostgreSQL only).",
    ["state"],
  );
  const poolMax = gauge("specdesk_db_pool_max", "The most connections this instance's pool opens.");
  const scrapeErrors = new Counter({
    name: "specdesk_metrics_database_errors_total",
    help: "Scrapes whose database figures could not be read.",
    registers: [registry],
  });

  let routes: { build: ServerBuild; tree: AgnosticRouteObject[] } | null = null;
  const routeOf = (url: string): string => {
    const build = options.build();
    if (routes?.build !== build) routes = { build, tree: routeTree(build) };
    const matched = matchRoutes(routes.tree, routePath(url));
    return matched?.at(-1)?.route.id ?? "unmatched";
  };

  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const path = req.originalUrl;
      const route = path.startsWith("/build/")
        ? "static"
        : /^\/(healthz|readyz|metrics)(\?|$)/.test(path)
          ? "health"
          : routeOf(path);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      requests.inc({ route, method: req.method, status: `${Math.floor(res.statusCode / 100)}xx` });
      durations.observe({ route, method: req.method }, seconds);
    });
    next();
  });

  app.get("/metrics", (req: Request, res: Response, next: NextFunction) => {
    serve(req, res).catch(next);
  });

  async function serve(req: Request, res: Response) {
    res.setHeader("Cache-Control", "no-store");
    if (!options.token) return res.status(404).end();
    if (!bearerMatches(req.get("authorization"), options.token)) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
      return res.status(401).end();
    }
    try {
      const f = await options.figures();
      outboxPending.set(f.outboxPending);
      outboxDue.set(f.outboxDue);
      outboxOldest.set(f.outboxOldestDueSeconds);
      reviewPastSla.set(f.reviewItemsPastSla);
      billingOverdue.set(f.billingOverdue);
      changesWaiting.set(f.billingChangesWaiting);
      incidentUpdatesOverdue.set(f.incidentUpdatesOverdue);
      connections.reset();
      for (const [state, n] of Object.entries(f.connections)) connections.set({ state }, n);
    } catch {
      // The request counters still answer while the database is away; the gauges keep their last values.
      scrapeErrors.inc();
    }
    if (options.poolMax !== null) poolMax.set(options.poolMax);
    res.setHeader("Content-Type", registry.contentType);
    res.send(await registry.metrics());
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? "")?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The build's flat route manifest as the nested tree matchRoutes reads (ids kept). */
function routeTree(build: ServerBuild): AgnosticRouteObject[] {
  const byParent = new Map<string | undefined, ServerBuild["routes"][string][]>();
  for (const route of Object.values(build.routes)) {
    const siblings = byParent.get(route.parentId) ?? [];
    siblings.push(route);
    byParent.set(route.parentId, siblings);
  }
  const children = (parentId: string | undefined): AgnosticRouteObject[] =>
    (byParent.get(parentId) ?? []).map((r) =>
      r.index
        ? { id: r.id, index: true, path: r.path }
        : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: children(r.id) },
    );
  return children(undefined);
}
