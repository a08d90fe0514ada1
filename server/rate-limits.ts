import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { RedisStore } from "rate-limit-redis";
import { routePath } from "./route-path";

export interface RateLimitConfig {
  windowMs: number;
  /** Every request. */
  general: number;
  /** Requests that change something (anything but GET/HEAD). */
  writes: number;
  /** Each of the guessing buckets (token pages, logins, link requests), where guessing is the attack. */
  strict: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = { windowMs: 60_000, general: 600, writes: 120, strict: 60 };

export type StrictBucket = "tokens" | "logins" | "links";

/**
 * Where a caller could try tokens or passwords (`url`: req.originalUrl), and the bucket it counts in. Separate buckets, so
 * a client behind a shared NAT that hammers one (a script trying links) does not lock the office's
 * customers out of their quote pages, or its staff out of signing in.
 */
export function strictBucket(method: string, url: string): StrictBucket | null {
  // As Remix will route it: a check of the raw path misses `/Q/<t>`, `/q\<t>` and `/staff/login.data`.
  const path = routePath(url);
  if (
    path.startsWith("/q/") ||
    path.startsWith("/s/") ||
    path.startsWith("/staff/invite/") ||
    path.startsWith("/account/verify/")
  )
    return "tokens";
  if (method === "GET" || method === "HEAD") return null;
  if (path === "/staff/login") return "logins";
  if (path === "/quote/link" || path === "/account/sign-in") return "links";
  return null;
}

/**
 * 429 in the shape the caller reads (the API's error list, JSON for JSON clients), else a short
 * page in both languages: customers meet it on their quote pages and on the link request form.
 */
const tooManyRequests: RequestHandler = (req, res) => {
  res.status(429).set("Cache-Control", "no-store");
  const message = "Too many requests: wait a minute and try again.";
  if (routePath(req.originalUrl).startsWith("/api/")) res.json({ errors: [{ path: "", message }] });
  else if (req.is("application/json") || req.accepts(["html", "json"]) === "json") res.json({ error: message });
  else res.type("text/plain").send(`${message}\nDemasiadas solicitudes: espere un minuto y vuelva a intentarlo.\n`);
};

/** What a Redis client must offer the shared store (node-redis: `(args) => client.sendCommand(args)`). */
export type RedisSendCommand = (...args: string[]) => Promise<never>;

/**
 * Three tiers, the strict one in three buckets, each answering 429 with the standard RateLimit
 * headers (IETF draft 8). With a Redis connection the counters are shared by every instance behind
 * the load balancer; without one each instance counts in memory. Clients are told apart by req.ip,
 * so TRUST_PROXY decides who may speak for them.
 */
export function rateLimiters(
  config: RateLimitConfig = DEFAULT_RATE_LIMITS,
  redis?: RedisSendCommand,
): RequestHandler[] {
  const store = (tier: string) =>
    redis ? { store: new RedisStore({ sendCommand: redis, prefix: `specdesk:rl:${tier}:` }) } : {};
  const common = {
    windowMs: config.windowMs,
    standardHeaders: "draft-8" as const,
    legacyHeaders: false,
    handler: tooManyRequests,
  };
  const general = rateLimit({ ...common, ...store("general"), limit: config.general, identifier: "general" });
  const writes = rateLimit({
    ...common,
    ...store("writes"),
    limit: config.writes,
    identifier: "writes",
    skip: (req) => req.method === "GET" || req.method === "HEAD",
  });
  const strict = (["tokens", "logins", "links"] as const).map((bucket) =>
    rateLimit({
      ...common,
      ...store(`strict-${bucket}`),
      limit: config.strict,
      identifier: `strict-${bucket}`,
      skip: (req) => strictBucket(req.method, req.originalUrl) !== bucket,
    }),
  );
  return [general, writes, ...strict];
}
