import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { RedisStore } from "rate-limit-redis";

export interface RateLimitConfig {
  windowMs: number;
  /** Every request. */
  general: number;
  /** Requests that change something (anything but GET/HEAD). */
  writes: number;
  /** Token pages and logins, where guessing is the attack. */
  strict: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = { windowMs: 60_000, general: 600, writes: 120, strict: 60 };

/** Paths where a caller could try tokens or passwords: customer and share links, login, link requests, invites. */
export function isStrictPath(method: string, path: string): boolean {
  if (path.startsWith("/q/") || path.startsWith("/s/") || path.startsWith("/staff/invite/")) return true;
  return method !== "GET" && method !== "HEAD" && (path === "/staff/login" || path === "/quote/link");
}

/** What a Redis client must offer the shared store (node-redis: `(args) => client.sendCommand(args)`). */
export type RedisSendCommand = (...args: string[]) => Promise<never>;

/**
 * Three tiers, each answering 429 with the standard RateLimit headers (IETF draft 8). With a Redis
 * connection the counters are shared by every instance behind the load balancer; without one each
 * instance counts in memory.
 */
export function rateLimiters(config: RateLimitConfig = DEFAULT_RATE_LIMITS, redis?: RedisSendCommand): RequestHandler[] {
  const store = (tier: string) => (redis ? { store: new RedisStore({ sendCommand: redis, prefix: `specdesk:rl:${tier}:` }) } : {});
  const common = { windowMs: config.windowMs, standardHeaders: "draft-8" as const, legacyHeaders: false };
  const general = rateLimit({ ...common, ...store("general"), limit: config.general, identifier: "general" });
  const writes = rateLimit({ ...common, ...store("writes"), limit: config.writes, identifier: "writes", skip: (req) => req.method === "GET" || req.method === "HEAD" });
  const strict = rateLimit({ ...common, ...store("strict"), limit: config.strict, identifier: "strict", skip: (req) => !isStrictPath(req.method, req.path) });
  return [general, writes, strict];
}

