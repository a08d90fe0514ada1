import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { handleStripeEvent } from "~/services/payments.server";
import { verifyWebhook } from "~/services/stripe.server";

/** Stripe events are small; anything bigger is not from Stripe. */
const MAX_BODY_BYTES = 512 * 1024;

export function loader() {
  return Response.json(
    { error: "Method not allowed: Stripe POSTs events here." },
    { status: 405, headers: { Allow: "POST" } },
  );
}

/**
 * POST /webhooks/stripe. The signature is checked on the raw body exactly as received (a parsed and
 * re-serialised body would not match), with Stripe's five-minute tolerance and at most a minute
 * ahead of our clock; a bad, stale or future-dated one gets 400 and changes nothing. This is the one POST that may come from another site: the signature,
 * not the Origin, is what protects it.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST")
    return Response.json({ error: "Method not allowed" }, { status: 405, headers: { Allow: "POST" } });
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) return Response.json({ error: "Payload too large" }, { status: 413 });
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return Response.json({ error: "Payload too large" }, { status: 413 });
  let event;
  try {
    event = verifyWebhook(raw, request.headers.get("stripe-signature"));
  } catch {
    return Response.json({ error: "Invalid signature" }, { status: 400 });
  }
  const outcome = await handleStripeEvent(getDb(), event);
  return Response.json({ received: true, outcome });
}
