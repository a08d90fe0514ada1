import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";

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

/**
 * Three tiers, each answering 429 with the standard RateLimit headers (IETF draft 8). The store is
 * in memory per instance for now; a shared store (Redis) comes with scale-out.
 */
export function rateLimiters(config: RateLimitConfig = DEFAULT_RATE_LIMITS): RequestHandler[] {
  const common = { windowMs: config.windowMs, standardHeaders: "draft-8" as const, legacyHeaders: false };
  const general = rateLimit({ ...common, limit: config.general, identifier: "general" });
  const writes = rateLimit({ ...common, limit: config.writes, identifier: "writes", skip: (req) => req.method === "GET" || req.method === "HEAD" });
  const strict = rateLimit({ ...common, limit: config.strict, identifier: "strict", skip: (req) => !isStrictPath(req.method, req.path) });
  return [general, writes, strict];
}

