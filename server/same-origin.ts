import type { NextFunction, Request, Response } from "express";

/**
 * Cross-site request forgery guard for every state-changing request. Browsers say where a request
 * comes from (Sec-Fetch-Site, and Origin on every POST); a request from another site gets 403 and
 * never reaches the app. Pages that send `Referrer-Policy: no-referrer` (the private token pages)
 * make Chrome send `Origin: null` even for their own forms, so a null Origin is accepted only when
 * Sec-Fetch-Site vouches for the same origin, and is then dropped so Remix's own origin check agrees.
 * Clients that are not browsers send neither header and pass: forgery needs a victim's browser.
 * The Stripe webhook is the one exception: Stripe posts from its servers, and its signature is checked.
 */
export function sameOriginGuard(options: { exempt: readonly string[] }) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS" || options.exempt.includes(req.path)) return next();
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
      const expected = req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.get("host");
      if (host !== expected) return forbid();
    }
    return next();
  };
}
