import { createHmac, timingSafeEqual } from "node:crypto";
import { refusedHostProblem } from "~/utils/webhook-address.server";

/**
 * Technicians' page webhooks (issue 19): the signing key and the signature header. A key is never
 * stored: it is HMAC-SHA256(PAGE_WEBHOOK_SECRET, "page-webhook:<user id>:<key version>") in hex,
 * worked out when a page is signed and shown to its technician once when they set or rotate it
 * (rotating bumps the version, so the old key stops verifying). A delivery carries
 * `SpecDesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 under the key of "<t>.<body>">`.
 */
export const SIGNATURE_HEADER = "SpecDesk-Signature";

/** The technician's signing key (64 hex characters; used as the HMAC key as it is written). */
export function derivePageKey(secret: string, userId: string, version: number): string {
  return createHmac("sha256", secret).update(`page-webhook:${userId}:${version}`).digest("hex");
}

/** The signature header's value for `body` sent at `at`. */
export function signatureHeader(key: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac("sha256", key).update(`${t}.${body}`).digest("hex")}`;
}

/**
 * What a receiver checks (README: "Page webhooks"): the header's v1 is the HMAC of "<t>.<body>"
 * under the key, compared in constant time, and t is within `toleranceSeconds` of `now` (replays).
 */
export function verifyPageSignature(
  key: string,
  header: string | null | undefined,
  body: string,
  now = new Date(),
  toleranceSeconds = 300,
): boolean {
  if (!header) return false;
  const parts = new Map(
    header.split(",").map((p) => {
      const i = p.indexOf("=");
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac("sha256", key).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, "hex"));
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Why a webhook URL is refused, or null: https only in production, and never to a private, loopback,
 * link-local or CGNAT address written in the URL (or localhost); http too, outside production, for
 * this machine (localhost, 127.0.0.1, [::1]); never with a user name or password in it. Where a
 * name resolves to is checked too, in production, by webhookAddressProblem (when set and when sent).
 */
export function pageWebhookUrlProblem(value: string, production: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Give a full URL (https://…).";
  }
  if (url.username || url.password) return "No user name or password in the URL: the signature authenticates us.";
  if (url.protocol === "https:") return production ? refusedHostProblem(url.hostname) : null;
  if (url.protocol === "http:" && !production && LOCAL_HOSTS.has(url.hostname)) return null;
  return production ? "Use an https:// URL." : "Use an https:// URL (http:// only for localhost outside production).";
}
