import type { NextFunction, Request, Response } from "express";
import { routePath } from "./route-path";

/**
 * Cross-site request forgery guard for every state-changing request. Browsers say where a request
 * comes from (Sec-Fetch-Site, and Origin on every POST); a request from another site gets 403 and
 * never reaches the app. Pages that send `Referrer-Policy: no-referrer` (the private token pages)
 * make Chrome send `Origin: null` even for their own forms, so a null Origin is accepted only when
 * Sec-Fetch-Site vouches for the same origin, and is then dropped so Remix's own origin check agrees.
 * Clients that are not browsers send neither header and pass: forgery needs a victim's browser.
 * The Stripe webhook is the one exception: Stripe posts from its servers, and its signature is checked.
 * The site's own host is the Host header, or X-Forwarded-Host when a trusted proxy sent it.
 */
export function sameOriginGuard(options: { exempt: readonly string[] }) {
  // Compared as Remix routes the request: every spelling that reaches the webhook (`/Webhooks/Stripe`,
  // `/webhooks\stripe`, `/webhooks/stripe.data`) is exempt, and one that resolves elsewhere
  // (`/webhooks/stripe/../../staff/login`) is not.
  const exempt = new Set(options.exempt.map(routePath));
  return (req: Request, res: Response, next: NextFunction) => {
    if (
      req.method === "GET" ||
      req.method === "HEAD" ||
      req.method === "OPTIONS" ||
      exempt.has(routePath(req.originalUrl))
    )
      return next();
    const site = req.get("sec-fetch-site");
    const origin = req.get("origin");
    const forbid = () => res.status(403).type("text/plain").send("Cross-site request refused.");
    if (site && site !== "same-origin" && site !== "none") return forbid();
    if (origin === "null") {
      if (site !== "same-origin") return forbid();
      delete req.headers.origin;
      return next();
    }
    if (origin) {
      let host: string;
      try {
        host = new URL(origin).host;
      } catch {
        return forbid();
      }
      if (host !== requestHost(req)) return forbid();
    }
    return next();
  };
}

/**
 * The host (with port) the client addressed, decided as Express decides req.hostname: the first
 * X-Forwarded-Host only when the connecting peer is a trusted proxy (TRUST_PROXY), so a client
 * reaching the port directly cannot name the origin it pretends to come from.
 */
function requestHost(req: Request): string | undefined {
  const trust = req.app.get("trust proxy fn") as (address: string | undefined, hop: number) => boolean;
  const forwarded = req.get("x-forwarded-host");
  if (forwarded && trust(req.socket.remoteAddress, 0)) return forwarded.split(",")[0]!.trim();
  return req.get("host");
}
