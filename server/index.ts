import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import expressStaticGzip from "express-static-gzip";
import express from "express";
import type { FSWatcher } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "redis";
import { getEnv } from "../app/utils/env.server";
import { baseLogger } from "../app/utils/logger.server";
import { type DatabaseHandle, openDatabase, setDatabase } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { DEV_PASSWORD, DEV_USERS, isLoopbackHost, seedDatabase, seedDevUsers } from "#db/seed";
import { outboxTransport, sendPendingEmails } from "../app/services/email.server";
import { notifyOverdueItems } from "../app/services/notifications.server";
import { applyDueBillingChanges, priceDueRenewals, startDueBilling } from "../app/services/billing.server";
import { escalateOverdueIncidents } from "../app/services/incidents.server";
import { sendPendingWebhooks } from "../app/services/page-webhooks.server";
import { STANDIN_SECRET_KEY, STANDIN_WEBHOOK_SECRET, registerStripeStandIn } from "../app/services/stripe.server";
import { bodyLimit, bodyLimits, createRemixHandler } from "./body-limit";
import { importBuild, reloadOnRebuild } from "./build-reload";
import { answerDatabaseOutages } from "./db-unavailable";
import { firstScreen } from "./first-screen";
import { healthRoutes } from "./health";
import { metricsRoutes } from "./metrics";
import { operationsFigures } from "../app/models/operations-metrics.server";
import { requestLogging } from "./logging";
import { installProcessGuard } from "./process-guard";
import { DEFAULT_RATE_LIMITS, type RedisSendCommand, rateLimiters } from "./rate-limits";
import { sameOriginGuard } from "./same-origin";
import { securityHeaders } from "./security-headers";
import { startStripeStandIn } from "./stripe-standin";

const SEED_LOCK = 7_404_712;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILD_PATH = path.join(ROOT, "build", "index.js");

const env = getEnv();
const logger = baseLogger();
let database: DatabaseHandle;
try {
  database = openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
  await migrateDatabase(database);
} catch (error) {
  // One line that names the database and the cause (e.g. a read-only PGlite directory), then exit 1.
  const reasons = [error, (error as Error).cause]
    .filter(Boolean)
    .map((e) => String((e as Error).message ?? e).split("\n")[0]);
  logger.fatal(
    { err: error, database: env.DATABASE_URL ? "postgresql" : `pglite ${env.PGLITE_DIR}` },
    `cannot start: ${reasons.join(": ")}`,
  );
  process.exit(1);
}
setDatabase(database);
// Instances starting together seed one after the other (the seed itself is idempotent).
await database.withLock(SEED_LOCK, async () => {
  await seedDatabase(database.db);
  // Demo staff accounts for local use (README); a production server never creates them, and they
  // work only while this one listens on loopback.
  if (env.NODE_ENV !== "production") await seedDevUsers(database.db, { exposed: !isLoopbackHost(env.HOST) });
});
if (env.NODE_ENV !== "production" && !isLoopbackHost(env.HOST)) {
  logger.warn(
    { host: env.HOST, nodeEnv: env.NODE_ENV },
    "a development server listening beyond loopback: demo accounts are disabled, but development tools (the mailbox, the Stripe stand-in) are reachable from the network",
  );
}

const build = await importBuild(BUILD_PATH);

// Without Stripe keys (development, tests) payments go to the local Stripe stand-in; the app's Stripe
// SDK is pointed at it and it signs its webhooks exactly as Stripe does. Never in production.
const localHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
const stripeStandIn =
  !env.STRIPE_SECRET_KEY && env.NODE_ENV !== "production"
    ? await startStripeStandIn({
        apiKey: STANDIN_SECRET_KEY,
        webhookSecret: STANDIN_WEBHOOK_SECRET,
        webhookUrl: `http://${localHost}:${env.PORT}/webhooks/stripe`,
        port: env.STRIPE_STANDIN_PORT,
        log: (m) => logger.warn(m),
      })
    : null;
if (stripeStandIn) {
  registerStripeStandIn({ host: stripeStandIn.host, port: stripeStandIn.port });
  logger.info({ url: stripeStandIn.baseUrl }, "Stripe stand-in started (no real payments)");
} else if (!env.STRIPE_SECRET_KEY) {
  logger.warn("STRIPE_SECRET_KEY is not set: customers can accept quotes but not pay online");
}

// Rate-limit counters shared by every instance when Redis is configured.
const redis = env.REDIS_URL ? createClient({ url: env.REDIS_URL }) : null;
if (redis) {
  redis.on("error", (error) => logger.error({ err: error }, "redis"));
  await redis.connect();
}

let stopping = false;
const app = express();
app.disable("x-powered-by");
// Behind a load balancer, TRUST_PROXY (a hop count or the proxies' addresses) says who may speak
// for the client: its IP (rate limits, acceptance records) and host (same-origin guard).
if (env.TRUST_PROXY !== undefined) app.set("trust proxy", env.TRUST_PROXY);
// Prometheus: every request counted and timed per route; GET /metrics only with METRICS_TOKEN.
metricsRoutes(app, {
  token: env.METRICS_TOKEN,
  build: () => currentBuild,
  figures: () => operationsFigures(database.db, database.kind === "postgres"),
  poolMax: database.kind === "postgres" ? 10 : 1,
});
healthRoutes(
  app,
  () => database,
  () => stopping,
  logger,
);
// While draining, every answer asks the client to open a new connection (to another instance).
app.use((_req, res, next) => {
  if (stopping) res.setHeader("Connection", "close");
  next();
});
app.use(requestLogging(logger));
// gzip for pages, data and assets (a phone on a slow network gets a third of the bytes).
app.use(compression({ threshold: 1024 }));
// Stripe Checkout is reached by a form post that redirects, which form-action governs too.
const formActions: string[] = env.STRIPE_SECRET_KEY
  ? ["https://checkout.stripe.com"]
  : stripeStandIn
    ? [stripeStandIn.baseUrl]
    : [];
app.use(securityHeaders({ production: env.NODE_ENV === "production", formActions }));
// Fingerprinted build assets can be cached forever, and are sent as precompressed at build time
// (scripts/compress-assets.ts: Brotli, else gzip; the compression above leaves them alone); the rest
// of public/ for an hour.
app.use(
  "/build",
  expressStaticGzip(path.join(ROOT, "public", "build"), {
    enableBrotli: true,
    orderPreference: ["br", "gz"],
    serveStatic: { immutable: true, maxAge: "1y" },
  }),
);
app.use(express.static(path.join(ROOT, "public"), { maxAge: "1h" }));
// Rate limits apply to the app, not to static files (a page load fetches several of those).
const m = env.RATE_LIMIT_MULTIPLIER;
const sendCommand: RedisSendCommand | undefined = redis
  ? (...args: string[]) => redis.sendCommand(args) as Promise<never>
  : undefined;
app.use(
  rateLimiters(
    {
      windowMs: DEFAULT_RATE_LIMITS.windowMs,
      general: DEFAULT_RATE_LIMITS.general * m,
      writes: DEFAULT_RATE_LIMITS.writes * m,
      strict: DEFAULT_RATE_LIMITS.strict * m,
    },
    sendCommand,
  ),
);
// Cross-site POSTs are refused; the Stripe webhook is exempt (its signature protects it).
app.use(sameOriginGuard({ exempt: ["/webhooks/stripe"] }));
// One body-size limit for every route: a declared length over it is refused here, before anything
// reads; Remix then reads bodies through a counter that stops at the same limit (server/body-limit.ts).
const limits = bodyLimits(env.BODY_LIMIT_KB);
app.use(bodyLimit(limits));
const remixHandler = (serverBuild: ServerBuild) =>
  createRemixHandler({
    build: answerDatabaseOutages(serverBuild),
    mode: env.NODE_ENV,
    bodyLimits: limits,
    getLoadContext: (req, res) => ({ clientIp: req.ip ?? null, cspNonce: String(res.locals.cspNonce ?? "") }),
  });
// Under `npm run dev` the handler is replaced with each rebuild (see the listener below).
let handleRemix = remixHandler(build);
let currentBuild: ServerBuild = build;
app.all("*", (req, res, next) => handleRemix(req, res, next));
// Anything that escapes Remix is logged with its request id.
app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
  req.log.error({ err: error }, "request failed");
  if (res.headersSent) return next(error);
  res.status(500).type("text/plain").send("Internal Server Error");
});

// The outbox worker: sends queued e-mails every two seconds (MAIL_TRANSPORT: SMTP, or the local
// mailbox stand-in outside production). Several instances can run it: rows are claimed with SKIP LOCKED.
const transport = outboxTransport(env, database.db);
if (!transport)
  logger.error(
    "MAIL_TRANSPORT=disabled: NO E-MAIL IS SENT. Customers do not receive their quote links; messages wait in the outbox until a transport is configured",
  );
let outboxRun: Promise<unknown> = Promise.resolve();
let outboxBusy = false;
const outboxTimer = setInterval(() => {
  // One run at a time: a slow one (Stripe, SMTP) is not overtaken by the next tick.
  if (outboxBusy) return;
  outboxBusy = true;
  outboxRun = notifyOverdueItems(database.db)
    .then(() => startDueBilling(database.db))
    .then(() => applyDueBillingChanges(database.db))
    .then(() => priceDueRenewals(database.db))
    .then(() => escalateOverdueIncidents(database.db))
    .then(() => (transport ? sendPendingEmails(database.db, transport, env.MAIL_FROM) : 0))
    // Technicians' signed page webhooks (channel "webhook"; never through the mail transport), sent
    // concurrently (one timeout per run at most); without PAGE_WEBHOOK_SECRET due rows are cancelled.
    .then(() => sendPendingWebhooks(database.db, env.PAGE_WEBHOOK_SECRET))
    .catch((error) => logger.error({ err: error }, "outbox"))
    .finally(() => (outboxBusy = false));
}, 2_000);

let buildWatcher: FSWatcher | undefined;
const server = app.listen(env.PORT, env.HOST, () => {
  const { port } = server.address() as AddressInfo;
  const screen = firstScreen({
    env,
    port,
    stripeStandInUrl: stripeStandIn?.baseUrl,
    devUsers: DEV_USERS,
    devPassword: DEV_PASSWORD,
  });
  logger.info(
    {
      url: screen.url,
      port,
      host: env.HOST,
      database: env.DATABASE_URL ? "postgresql" : "pglite",
      redis: Boolean(redis),
    },
    "SpecDesk listening",
  );
  // `npm run dev`: serve every rebuild (remix dev --manual leaves this process running).
  if (env.REMIX_DEV_ORIGIN) {
    buildWatcher = reloadOnRebuild({
      buildPath: BUILD_PATH,
      initial: build,
      origin: env.REMIX_DEV_ORIGIN,
      logger,
      onBuild: (next) => {
        currentBuild = next;
        handleRemix = remixHandler(next);
      },
    });
  }
  // Last on a developer's screen: where the app is, how to sign in, where e-mail lands.
  if (screen.text) process.stdout.write(screen.text);
});
// From here on an error thrown where no request handler catches it is logged, not fatal (see the guard).
installProcessGuard({ logger });

/**
 * Graceful shutdown: /readyz turns 503 at once so the load balancer stops sending; for
 * SHUTDOWN_GRACE_MS the instance keeps serving what still arrives (answers ask clients to close their
 * connections); then the listener closes, in-flight requests finish, the outbox batch in progress
 * completes, and the process exits.
 */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info(
    { signal, graceMs: env.SHUTDOWN_GRACE_MS },
    "shutting down: draining, then finishing in-flight requests and the outbox batch",
  );
  clearInterval(outboxTimer);
  buildWatcher?.close();
  setTimeout(() => {
    logger.error("shutdown took too long; exiting");
    process.exit(1);
  }, env.SHUTDOWN_GRACE_MS + 15_000).unref();
  await new Promise((r) => setTimeout(r, env.SHUTDOWN_GRACE_MS));
  server.close(() => {
    // Not awaited by anyone: a failure to close is logged and ends the process at once.
    void (async () => {
      await outboxRun;
      await stripeStandIn?.close();
      await redis?.quit().catch(() => {});
      await database.close();
      logger.info("stopped");
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error({ err: error }, "shutdown: closing failed");
      process.exit(1);
    });
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
