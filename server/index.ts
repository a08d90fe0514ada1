import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { getEnv } from "../app/utils/env.server";
import { openDatabase, setDatabase } from "../db/client.server";
import { migrateDatabase } from "../db/migrate";
import { seedDatabase, seedDevUsers } from "../db/seed";
import { devMailboxTransport, sendPendingEmails, smtpTransport } from "../app/services/email.server";
import { notifyOverdueItems } from "../app/services/notifications.server";
import { DEFAULT_RATE_LIMITS, rateLimiters } from "./rate-limits";
import { STANDIN_SECRET_KEY, STANDIN_WEBHOOK_SECRET, registerStripeStandIn } from "../app/services/stripe.server";
import { startStripeStandIn } from "./stripe-standin";
import { sameOriginGuard } from "./same-origin";
import { securityHeaders } from "./security-headers";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILD_PATH = path.join(ROOT, "build", "index.js");

const env = getEnv();
const database = openDatabase({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
setDatabase(database);
await migrateDatabase(database);
await seedDatabase(database.db);
// Demo staff accounts for local use (README); a production server never creates them.
if (env.NODE_ENV !== "production") await seedDevUsers(database.db);

const build = (await import(pathToFileURL(BUILD_PATH).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
// Stripe Checkout is reached by a form post that redirects, which form-action governs too.
const checkoutOrigins = env.STRIPE_SECRET_KEY ? ["https://checkout.stripe.com"] : [];
const formActions: string[] = [...checkoutOrigins];
app.use(securityHeaders({ production: env.NODE_ENV === "production", formActions }));
// Fingerprinted build assets can be cached forever; the rest of public/ for an hour.
app.use("/build", express.static(path.join(ROOT, "public", "build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(ROOT, "public"), { maxAge: "1h" }));
// Rate limits apply to the app, not to static files (a page load fetches several of those).
const m = env.RATE_LIMIT_MULTIPLIER;
app.use(rateLimiters({ windowMs: DEFAULT_RATE_LIMITS.windowMs, general: DEFAULT_RATE_LIMITS.general * m, writes: DEFAULT_RATE_LIMITS.writes * m, strict: DEFAULT_RATE_LIMITS.strict * m }));
app.use(sameOriginGuard({ exempt: ["/webhooks/stripe"] }));
app.all("*", createRequestHandler({ build, mode: env.NODE_ENV, getLoadContext: (req, res) => ({ clientIp: req.ip ?? null, cspNonce: String(res.locals.cspNonce ?? "") }) }));
// Anything that escapes Remix is logged (Express stays silent about it under NODE_ENV=test).
app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
  console.error(`${req.method} ${req.path} failed:`, error);
  if (res.headersSent) return next(error);
  res.status(500).type("text/plain").send("Internal Server Error");
});

// The outbox worker: sends queued e-mails every two seconds (SMTP when SMTP_URL is set, else the
// local mailbox stand-in). Several instances can run it: rows are claimed with SKIP LOCKED.
const transport = env.SMTP_URL ? smtpTransport(env.SMTP_URL) : devMailboxTransport(database.db);
let outboxRun: Promise<unknown> = Promise.resolve();
const outboxTimer = setInterval(() => {
  outboxRun = notifyOverdueItems(database.db)
    .then(() => sendPendingEmails(database.db, transport, env.MAIL_FROM))
    .catch((error) => console.error("outbox", error));
}, 2_000);

// Without Stripe keys (development, tests) payments go to the local Stripe stand-in; the app's Stripe
// SDK is pointed at it and it signs its webhooks exactly as Stripe does. Never in production.
const localHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
const stripeStandIn =
  !env.STRIPE_SECRET_KEY && env.NODE_ENV !== "production"
    ? await startStripeStandIn({ apiKey: STANDIN_SECRET_KEY, webhookSecret: STANDIN_WEBHOOK_SECRET, webhookUrl: `http://${localHost}:${env.PORT}/webhooks/stripe`, port: env.STRIPE_STANDIN_PORT, log: (m) => console.warn(m) })
    : null;
if (stripeStandIn) {
  registerStripeStandIn({ host: stripeStandIn.host, port: stripeStandIn.port });
  formActions.push(stripeStandIn.baseUrl);
  console.log(`Stripe stand-in (no real payments) on ${stripeStandIn.baseUrl}`);
} else if (!env.STRIPE_SECRET_KEY) {
  console.warn("STRIPE_SECRET_KEY is not set: customers can accept quotes but not pay online.");
}

const server = app.listen(env.PORT, env.HOST, () => {
  const where = env.DATABASE_URL ? "PostgreSQL" : `embedded PGlite in ${env.PGLITE_DIR}`;
  console.log(`SpecDesk listening on http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT} (${where})`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, finishing in-flight requests`);
  clearInterval(outboxTimer);
  server.close(async () => {
    await outboxRun;
    await stripeStandIn?.close();
    await database.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
