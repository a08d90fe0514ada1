import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { DomainError } from "~/domain/errors";
import { getEnv } from "~/utils/env.server";

/**
 * Stripe, real or local. With STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET set, the SDK talks to
 * api.stripe.com. Without them (development, tests) the same SDK talks to the local stand-in
 * (server/stripe-standin.ts), which the server starts next to the app; nothing else changes.
 */

/**
 * The stand-in's API key. It need not be secret: the stand-in listens on loopback, never runs in
 * production, and its checkout page already lets anyone who reaches it "pay".
 */
export const STANDIN_SECRET_KEY = "sk_test_specdesk_local_standin";

// On globalThis, like the registry below, so the server's and the Remix build's copies agree.
const WEBHOOK_SECRET = Symbol.for("specdesk.stripeStandInWebhookSecret");

/**
 * The secret the stand-in signs its webhooks with, and the app checks them against: random per
 * process (a published one let anyone forge a "paid" event), unless STRIPE_STANDIN_WEBHOOK_SECRET
 * shares one between instances.
 */
export function standInWebhookSecret(): string {
  const holder = globalThis as { [WEBHOOK_SECRET]?: string };
  holder[WEBHOOK_SECRET] ??= getEnv().STRIPE_STANDIN_WEBHOOK_SECRET ?? `whsec_${randomBytes(32).toString("base64url")}`;
  return holder[WEBHOOK_SECRET];
}
export const STANDIN_WEBHOOK_SECRET = standInWebhookSecret();

interface StandInAddress {
  host: string;
  port: number;
}

// On globalThis: the server and the Remix build each load their own copy of this module.
const REGISTRY = Symbol.for("specdesk.stripeStandIn");
type Registry = { [REGISTRY]?: StandInAddress };

/** The server (or a test) tells the app where the stand-in listens. */
export function registerStripeStandIn(address: StandInAddress | null) {
  (globalThis as Registry)[REGISTRY] = address ?? undefined;
}

let cached: { key: string; client: Stripe } | undefined;

/**
 * The Stripe client, or DomainError "payments_unavailable" when payments cannot be taken: production
 * without STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or no stand-in registered.
 */
export function stripeClient(): Stripe {
  const env = getEnv();
  if (env.STRIPE_SECRET_KEY) {
    if (cached?.key !== env.STRIPE_SECRET_KEY)
      cached = {
        key: env.STRIPE_SECRET_KEY,
        client: new Stripe(env.STRIPE_SECRET_KEY, { maxNetworkRetries: 2, timeout: 20_000 }),
      };
    return cached.client;
  }
  const standIn = (globalThis as Registry)[REGISTRY];
  if (env.NODE_ENV === "production" || !standIn) throw new DomainError("payments_unavailable");
  const key = `${STANDIN_SECRET_KEY}@${standIn.host}:${standIn.port}`;
  if (cached?.key !== key) {
    cached = {
      key,
      client: new Stripe(STANDIN_SECRET_KEY, {
        host: standIn.host,
        port: standIn.port,
        protocol: "http",
        maxNetworkRetries: 1,
        timeout: 10_000,
        telemetry: false,
      }),
    };
  }
  return cached.client;
}

/** The secret webhook signatures are checked against, or null when none can be trusted. */
export function webhookSecret(): string | null {
  const env = getEnv();
  if (env.STRIPE_WEBHOOK_SECRET) return env.STRIPE_WEBHOOK_SECRET;
  return env.NODE_ENV === "production" ? null : standInWebhookSecret();
}

/** How old a signed event may be (Stripe's default), and how far ahead of our clock it may claim to be. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
export const WEBHOOK_CLOCK_SKEW_SECONDS = 60;

/**
 * Stripe's own check of a webhook (HMAC over the raw body, at most five minutes old), plus a bound
 * the SDK leaves out: a timestamp in the future. Without it, a signed request dated ahead stays
 * replayable until it ages out. Every `t=` counts, whichever one the SDK reads.
 */
export function verifyWebhook(rawBody: string, signature: string | null, now = Date.now()): Stripe.Event {
  const secret = webhookSecret();
  if (!secret || !signature) throw new Error("missing signature or secret");
  const event = Stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS, undefined, now);
  const latest = Math.floor(now / 1000) + WEBHOOK_CLOCK_SKEW_SECONDS;
  const stamps = signature
    .split(",")
    .filter((part) => part.startsWith("t="))
    .map((part) => Number(part.slice(2)));
  if (!stamps.length || stamps.some((t) => !Number.isSafeInteger(t) || t > latest))
    throw new Error("webhook timestamp in the future");
  return event;
}
