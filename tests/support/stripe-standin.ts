import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { action as webhookAction } from "~/routes/webhooks.stripe";
import { STANDIN_SECRET_KEY, STANDIN_WEBHOOK_SECRET, registerStripeStandIn } from "~/services/stripe.server";
import { type StripeStandIn, startStripeStandIn } from "../../server/stripe-standin";

/** Forwards the stand-in's webhook deliveries to the real route action, as the Express server would. */
export async function startWebhookReceiver(): Promise<{ server: Server; url: string }> {
  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const response = await webhookAction({
      request: new Request("http://localhost/webhooks/stripe", {
        method: "POST",
        headers,
        body: Buffer.concat(chunks),
      }),
      params: {},
      context: {},
    });
    res.writeHead(response.status).end();
  };
  // A failed delivery answers 500, so the stand-in retries as Stripe would.
  const server = createServer((req, res) => void forward(req, res).catch(() => res.writeHead(500).end()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe` };
}

/** The local Stripe stand-in for a describe block, delivering its webhooks to the real route. */
export function useStandIn() {
  let standIn: StripeStandIn | undefined;
  let receiver: { server: Server; url: string };
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    standIn = await startStripeStandIn({
      apiKey: STANDIN_SECRET_KEY,
      webhookSecret: STANDIN_WEBHOOK_SECRET,
      webhookUrl: receiver.url,
      asyncDelayMs: 50,
    });
    registerStripeStandIn({ host: standIn.host, port: standIn.port });
  });
  afterAll(async () => {
    registerStripeStandIn(null);
    await standIn?.close();
    await new Promise((r) => receiver.server.close(r));
  });
  return () => standIn!;
}
