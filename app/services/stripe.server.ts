import Stripe from "stripe";
import { getEnv } from "~/utils/env.server";

/**
 * Stripe, real or local. With STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET set, the SDK talks to
 * api.stripe.com. Without them (development, tests) the same SDK talks to the local stand-in
 * (server/stripe-standin.ts), which the server starts next to the app; nothing else changes.
 */

/** The stand-in's keys: only ever accepted by the stand-in, which never runs in production. */
export const STANDIN_SECRET_KEY = "sk_test_specdesk_local_standin";
export const STANDIN_WEBHOOK_SECRET = "whsec_specdesk_local_standin_not_a_real_secret";

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

export class PaymentsUnavailableError extends Error {}

let cached: { key: string; client: Stripe } | undefined;

/** The Stripe client, or an error when payments cannot be taken (production without keys). */
export function stripeClient(): Stripe {
  const env = getEnv();
  if (env.STRIPE_SECRET_KEY) {
    if (cached?.key !== env.STRIPE_SECRET_KEY) cached = { key: env.STRIPE_SECRET_KEY, client: new Stripe(env.STRIPE_SECRET_KEY, { maxNetworkRetries: 2, timeout: 20_000 }) };
    return cached.client;
  }
  const standIn = (globalThis as Registry)[REGISTRY];
  if (env.NODE_ENV === "production" || !standIn) throw new PaymentsUnavailableError("Online payment is not configured (set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET).");
  const key = `${STANDIN_SECRET_KEY}@${standIn.host}:${standIn.port}`;
  if (cached?.key !== key) {
    cached = { key, client: new Stripe(STANDIN_SECRET_KEY, { host: standIn.host, port: standIn.port, protocol: "http", maxNetworkRetries: 1, timeout: 10_000, telemetry: false }) };
  }
  return cached.client;
}

/** The secret webhook signatures are checked against, or null when none can be trusted. */
export function webhookSecret(): string | null {
  const env = getEnv();
  if (env.STRIPE_WEBHOOK_SECRET) return env.STRIPE_WEBHOOK_SECRET;
  return env.NODE_ENV === "production" ? null : STANDIN_WEBHOOK_SECRET;
}

/** Stripe's own check of a webhook: HMAC over the raw body, timestamp within five minutes. */
export function verifyWebhook(rawBody: string, signature: string | null): Stripe.Event {
  const secret = webhookSecret();
  if (!secret || !signature) throw new Error("missing signature or secret");
  return Stripe.webhooks.constructEvent(rawBody, signature, secret, 300);
}
