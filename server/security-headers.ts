import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

export interface SecurityHeaderOptions {
  production: boolean;
  /** Where forms may send the browser besides this site (Stripe Checkout: redirects count). */
  formActions: readonly string[];
}

/** The enforcing policy for one response; `nonce` is the only way an inline or module script runs. */
export function contentSecurityPolicy(nonce: string, options: SecurityHeaderOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    `form-action 'self' ${options.formActions.join(" ")}`.trim(),
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    ...(options.production ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Security headers on every response, and a fresh 128-bit nonce per request in `res.locals.cspNonce`
 * for the server render (passed to Remix through the load context).
 */
export function securityHeaders(options: SecurityHeaderOptions) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, options));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    // Referrer-Policy is set per document by Remix (entry.server.tsx; token pages use no-referrer):
    // Express and Remix headers would otherwise be merged into two values.
    if (options.production) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    next();
  };
}
