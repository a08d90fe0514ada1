import { createHash, randomBytes } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import qs from "qs";
import Stripe from "stripe";
import { i18next } from "../app/i18next.server";
import { formatMoney } from "../app/utils/format";
import { TEST_CARDS, createBilling } from "./stripe-standin-billing";

/**
 * A local stand-in for the parts of Stripe SpecDesk uses, so the whole accept-and-pay flow runs on a
 * laptop with no network. The real `stripe` SDK talks to it (host/port/protocol options):
 *   POST /v1/checkout/sessions (with Idempotency-Key), GET /v1/checkout/sessions/:id,
 *   POST /v1/checkout/sessions/:id/expire,
 * and its checkout page (GET /checkout/:id) lets you "pay". Paying sends the same events real Stripe
 * sends, signed with the webhook secret exactly as Stripe signs them (the SDK's own signer), to the
 * app's POST /webhooks/stripe, retrying like Stripe when the app does not answer 2xx.
 * Never started in production, and it accepts only its own test key.
 */

type Session = Stripe.Checkout.Session;
type Outcome = "card" | "bank_succeeds" | "bank_fails";

export interface StandInOptions {
  apiKey: string;
  webhookSecret: string;
  /** Where signed events go (the app's /webhooks/stripe). */
  webhookUrl: string;
  host?: string;
  port?: number;
  /** How long a bank transfer takes to settle after checkout. */
  asyncDelayMs?: number;
  log?: (message: string) => void;
}

export interface Delivery {
  eventId: string;
  type: string;
  status: number | null;
  attempts: number;
}

export interface StripeStandIn {
  server: Server;
  host: string;
  port: number;
  baseUrl: string;
  sessions: Map<string, Session>;
  deliveries: Delivery[];
  /** Customers, subscriptions, invoices and test clocks (server/stripe-standin-billing.ts). */
  billing: ReturnType<typeof createBilling>;
  /** Completes a session as the checkout page's buttons do (also for tests without a browser). */
  pay(sessionId: string, outcome: Outcome): Promise<void>;
  close(): Promise<void>;
}

const API_VERSION = "2026-10-28.endive";
const id = (prefix: string, bytes = 24) => `${prefix}_${randomBytes(bytes).toString("base64url").replace(/[-_]/g, "")}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function readBody(req: IncomingMessage, limit = 256 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error("body too large"), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json", "Request-Id": id("req", 9) });
  res.end(JSON.stringify(body));
}

const stripeError = (res: ServerResponse, status: number, type: string, message: string, param?: string) =>
  sendJson(res, status, { error: { type, message, ...(param ? { param } : {}) } });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startStripeStandIn(options: StandInOptions): Promise<StripeStandIn> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => {});
  const sessions = new Map<string, Session>();
  const idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  const deliveries: Delivery[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = "";

  async function deliver(type: string, object: unknown) {
    const event = {
      id: id("evt"),
      object: "event",
      api_version: API_VERSION,
      created: nowSeconds(),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object },
    };
    const payload = JSON.stringify(event);
    const record: Delivery = { eventId: event.id, type, status: null, attempts: 0 };
    deliveries.push(record);
    for (let attempt = 0; attempt < 5; attempt++) {
      record.attempts = attempt + 1;
      try {
        const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: options.webhookSecret });
        const response = await fetch(options.webhookUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
          body: payload,
        });
        record.status = response.status;
        if (response.ok) return;
      } catch (error) {
        log(`stripe stand-in: delivering ${type} failed: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
    }
    log(`stripe stand-in: gave up delivering ${event.id} (${type})`);
  }

  // Products, customers, subscriptions, invoices and test clocks (server/stripe-standin-billing.ts).
  const billing = createBilling({ baseUrl: () => baseUrl, deliver });
  /** What a subscription-mode session subscribes to when it is paid. */
  const checkoutSubscriptions = new Map<
    string,
    Omit<Parameters<typeof billing.subscribeFromCheckout>[0], "email" | "card">
  >();

  async function pay(sessionId: string, outcome: Outcome) {
    const session = sessions.get(sessionId);
    if (!session || session.status !== "open") return;
    const plan = checkoutSubscriptions.get(sessionId);
    // A subscription is paid by card (its first invoice); the customer and subscription exist from then on.
    const subscribe = async () => {
      const made = await billing.subscribeFromCheckout({
        ...plan!,
        email: session.customer_email,
        card: "pm_card_visa",
      });
      return {
        customer: made.customer.id,
        subscription: made.subscription.id,
        invoice: made.subscription.latest_invoice,
      };
    };
    const subscribed = plan && outcome === "card" ? await subscribe() : null;
    const completed: Session = {
      ...session,
      status: "complete",
      payment_status: outcome === "card" ? "paid" : "unpaid",
      payment_intent: plan ? null : id("pi"),
      ...subscribed,
    };
    sessions.set(sessionId, completed);
    await deliver("checkout.session.completed", completed);
    if (outcome === "card") return;
    // A bank transfer settles later, as Stripe's delayed payment methods do.
    // A subscription paid by bank (SEPA Direct Debit in Stripe) starts when the first payment settles.
    const timer = setTimeout(() => {
      timers.delete(timer);
      void (async () => {
        const settledSubscription = plan && outcome === "bank_succeeds" ? await subscribe() : null;
        const settled: Session = {
          ...completed,
          ...settledSubscription,
          payment_status: outcome === "bank_succeeds" ? "paid" : "unpaid",
        };
        sessions.set(sessionId, settled);
        await deliver(
          outcome === "bank_succeeds"
            ? "checkout.session.async_payment_succeeded"
            : "checkout.session.async_payment_failed",
          settled,
        );
      })();
    }, options.asyncDelayMs ?? 1_500);
    timers.add(timer);
  }

  function createSession(params: Record<string, unknown>): Session | { error: string; param: string } {
    const items = (Array.isArray(params.line_items) ? params.line_items : []) as {
      quantity?: string;
      price_data?: {
        currency?: string;
        unit_amount?: string;
        product_data?: { name?: string };
        recurring?: { interval?: string };
      };
    }[];
    if (params.mode !== "payment" && params.mode !== "subscription")
      return { error: "mode must be payment or subscription", param: "mode" };
    const subscription = params.mode === "subscription";
    if (subscription && !items.some((i) => i.price_data?.recurring?.interval === "month"))
      return { error: "subscription mode needs at least one monthly recurring line item", param: "line_items" };
    if (!subscription && items.some((i) => i.price_data?.recurring))
      return { error: "recurring prices need mode=subscription", param: "line_items" };
    const subscriptionData = (params.subscription_data ?? {}) as Record<string, unknown>;
    if (!items.length) return { error: "line_items is required", param: "line_items" };
    if (typeof params.success_url !== "string" || typeof params.cancel_url !== "string")
      return { error: "success_url and cancel_url are required", param: "success_url" };
    let amount = 0;
    let currency = "";
    for (const [i, item] of items.entries()) {
      const unit = Number(item.price_data?.unit_amount);
      const quantity = Number(item.quantity ?? 1);
      if (!Number.isSafeInteger(unit) || unit < 0 || !Number.isSafeInteger(quantity) || quantity < 1)
        return {
          error: "unit_amount must be a non-negative integer",
          param: `line_items[${i}][price_data][unit_amount]`,
        };
      if (currency && item.price_data?.currency !== currency)
        return { error: "all line items must have the same currency", param: `line_items[${i}][price_data][currency]` };
      currency = item.price_data?.currency ?? "";
      // With a trial, the first invoice carries only the one-time lines.
      const trial = subscriptionData.trial_end !== undefined || subscriptionData.trial_period_days !== undefined;
      if (!(subscription && trial && item.price_data?.recurring)) amount += unit * quantity;
    }
    const sessionId = id("cs_test", 36);
    if (subscription)
      checkoutSubscriptions.set(sessionId, {
        subscriptionData,
        lines: items.map((item) => ({
          name: item.price_data?.product_data?.name ?? "",
          currency: item.price_data?.currency ?? "eur",
          unitAmount: Number(item.price_data?.unit_amount),
          quantity: Number(item.quantity ?? 1),
          recurring: item.price_data?.recurring?.interval === "month",
        })),
      });
    const metadata = (params.metadata ?? {}) as Record<string, string>;
    return {
      id: sessionId,
      object: "checkout.session",
      amount_subtotal: amount,
      amount_total: amount,
      cancel_url: params.cancel_url,
      client_reference_id: typeof params.client_reference_id === "string" ? params.client_reference_id : null,
      created: nowSeconds(),
      currency,
      customer_email: typeof params.customer_email === "string" ? params.customer_email : null,
      expires_at: nowSeconds() + 24 * 3600,
      livemode: false,
      locale: typeof params.locale === "string" ? params.locale : null,
      metadata,
      mode: subscription ? "subscription" : "payment",
      customer: null,
      subscription: null,
      payment_intent: null,
      payment_status: "unpaid",
      status: "open",
      success_url: params.success_url.replace("{CHECKOUT_SESSION_ID}", sessionId),
      url: `${baseUrl}/checkout/${sessionId}`,
      line_items: {
        object: "list",
        data: items.map((item, i) => ({
          id: `li_${i}`,
          description: item.price_data?.product_data?.name ?? "",
          amount_total: Number(item.price_data?.unit_amount) * Number(item.quantity ?? 1),
          quantity: Number(item.quantity ?? 1),
        })),
      },
    } as unknown as Session;
  }

  async function checkoutPage(res: ServerResponse, session: Session) {
    const t = await i18next.getFixedT(session.locale === "es" ? "es" : "en");
    const locale = session.locale === "es" ? "es" : "en";
    const lineItems = (
      (session as unknown as { line_items: { data: { description: string; amount_total: number }[] } }).line_items
        ?.data ?? []
    )
      .map(
        (l) =>
          `<tr><td>${escapeHtml(l.description)}</td><td class="n">${escapeHtml(formatMoney(l.amount_total, "EUR", locale))}</td></tr>`,
      )
      .join("");
    const total = escapeHtml(formatMoney(session.amount_total ?? 0, "EUR", locale));
    const open = session.status === "open";
    const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(t("standin.title"))}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a2e}table{width:100%;border-collapse:collapse}td{padding:.4rem 0;border-bottom:1px solid #ddd}.n{text-align:right}button{display:block;width:100%;margin:.5rem 0;padding:.7rem;font-size:1rem;border-radius:6px;border:1px solid #635bff;background:#635bff;color:#fff;cursor:pointer}button.secondary{background:#fff;color:#3d35c8}.note{background:#fff7d6;padding:.6rem;border-radius:6px}</style></head>
<body><main><h1>${escapeHtml(t("standin.title"))}</h1><p class="note">${escapeHtml(t("standin.note"))}</p>
<table><tbody>${lineItems}<tr><th scope="row" style="text-align:left">${escapeHtml(t("standin.total"))}</th><td class="n"><strong>${total}</strong></td></tr></tbody></table>
${
  open
    ? `<form method="post"><button name="outcome" value="card">${escapeHtml(t("standin.payCard", { amount: total }))}</button>
<button class="secondary" name="outcome" value="bank_succeeds">${escapeHtml(t("standin.payBank"))}</button>
<button class="secondary" name="outcome" value="bank_fails">${escapeHtml(t("standin.payBankFails"))}</button>
<button class="secondary" name="outcome" value="cancel">${escapeHtml(t("standin.cancel"))}</button></form>`
    : `<p>${escapeHtml(t("standin.closed"))}</p>`
}</main></body></html>`;
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    });
    res.end(html);
  }

  /** Stripe's customer portal, in its smallest form: the card on file and a choice of Stripe's test cards. */
  async function portalPage(
    res: ServerResponse,
    session: { customer: string; return_url: string | null; locale: string | null },
  ) {
    const locale = session.locale === "es" ? "es" : "en";
    const t = await i18next.getFixedT(locale);
    const current = billing.customers.get(session.customer)?.invoice_settings.default_payment_method ?? "";
    const cardText = (pm: string) => {
      const card = TEST_CARDS[pm]!;
      return (
        t("standin.portalCard", { brand: card.brand, last4: card.last4 }) +
        (card.declines ? ` ${t("standin.portalDeclines")}` : "")
      );
    };
    const choices = Object.keys(TEST_CARDS)
      .map(
        (pm) =>
          `<label><input type="radio" name="payment_method" value="${pm}"${pm === current ? " checked" : ""}> ${escapeHtml(cardText(pm))}</label>`,
      )
      .join("<br>");
    const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(t("standin.portalTitle"))}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a2e}button{margin:.8rem 0;padding:.6rem 1rem;font-size:1rem;border-radius:6px;border:1px solid #635bff;background:#635bff;color:#fff;cursor:pointer}.note{background:#fff7d6;padding:.6rem;border-radius:6px}</style></head>
<body><main><h1>${escapeHtml(t("standin.portalTitle"))}</h1><p class="note">${escapeHtml(t("standin.portalNote"))}</p>
<p>${escapeHtml(t("standin.portalCurrent"))}: <strong>${current && TEST_CARDS[current] ? escapeHtml(cardText(current)) : "—"}</strong></p>
<form method="post"><fieldset><legend>${escapeHtml(t("standin.portalChange"))}</legend>${choices}</fieldset><button type="submit">${escapeHtml(t("standin.portalSave"))}</button></form>
${session.return_url ? `<p><a href="${escapeHtml(session.return_url)}">${escapeHtml(t("standin.portalBack"))}</a></p>` : ""}</main></body></html>`;
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    });
    res.end(html);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", baseUrl);
    const checkout = /^\/checkout\/(cs_test_[A-Za-z0-9]+)$/.exec(url.pathname);
    if (checkout) {
      const session = sessions.get(checkout[1]!);
      if (!session) return stripeError(res, 404, "invalid_request_error", "No such checkout session");
      if (req.method === "GET") return checkoutPage(res, session);
      if (req.method === "POST") {
        const outcome = new URLSearchParams(await readBody(req)).get("outcome");
        if (outcome === "cancel") {
          res.writeHead(303, { Location: session.cancel_url ?? "/" });
          return res.end();
        }
        if (outcome !== "card" && outcome !== "bank_succeeds" && outcome !== "bank_fails")
          return stripeError(res, 400, "invalid_request_error", "Unknown outcome");
        await pay(session.id, outcome);
        res.writeHead(303, { Location: session.success_url ?? "/" });
        return res.end();
      }
    }
    const hosted = /^\/invoices\/(in_[A-Za-z0-9]+)$/.exec(url.pathname);
    if (hosted && req.method === "GET") {
      const invoice = billing.invoices.get(hosted[1]!);
      if (!invoice) return stripeError(res, 404, "invalid_request_error", "No such invoice");
      const money = (minor: number) =>
        escapeHtml(formatMoney(minor, invoice.currency.toUpperCase() as Parameters<typeof formatMoney>[1], "en"));
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      return res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Invoice ${escapeHtml(invoice.number)}</title></head><body><main><h1>Invoice ${escapeHtml(invoice.number)}</h1><p>Stripe stand-in: no real invoice.</p><table>${invoice.lines.data
          .map((l) => `<tr><td>${escapeHtml(l.description)}</td><td>${money(l.amount)}</td></tr>`)
          .join(
            "",
          )}</table><p>Total ${money(invoice.amount_due)}, ${escapeHtml(invoice.status)}</p></main></body></html>`,
      );
    }
    const portal = /^\/portal\/(bps_[A-Za-z0-9]+)$/.exec(url.pathname);
    if (portal) {
      const session = billing.portalSessions.get(portal[1]!);
      if (!session) return stripeError(res, 404, "invalid_request_error", "No such billing portal session");
      if (req.method === "POST") {
        const card = new URLSearchParams(await readBody(req)).get("payment_method") ?? "";
        if (!(await billing.changeCard(session.customer, card)))
          return stripeError(res, 400, "invalid_request_error", "Unknown payment method", "payment_method");
        res.writeHead(303, { Location: url.pathname });
        return res.end();
      }
      return portalPage(res, session);
    }
    if (!url.pathname.startsWith("/v1/"))
      return stripeError(res, 404, "invalid_request_error", "Unrecognized request URL");
    if (req.headers.authorization !== `Bearer ${options.apiKey}`)
      return stripeError(res, 401, "invalid_request_error", "Invalid API Key provided");
    if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
      const raw = await readBody(req);
      const key = req.headers["idempotency-key"];
      const fingerprint = createHash("sha256").update(raw).digest("hex");
      if (typeof key === "string") {
        const seen = idempotency.get(key);
        if (seen) {
          if (seen.fingerprint !== fingerprint)
            return stripeError(
              res,
              400,
              "idempotency_error",
              "Keys for idempotent requests can only be used with the same parameters they were first used with.",
            );
          return sendJson(res, seen.status, seen.body);
        }
      }
      const created = createSession(qs.parse(raw, { depth: 6, arrayLimit: 100 }) as Record<string, unknown>);
      const [status, body] =
        "error" in created
          ? [400, { error: { type: "invalid_request_error", message: created.error, param: created.param } }]
          : [200, created];
      if (!("error" in created)) sessions.set(created.id, created);
      if (typeof key === "string") idempotency.set(key, { fingerprint, status, body });
      return sendJson(res, status, body);
    }
    const sessionPath = /^\/v1\/checkout\/sessions\/(cs_test_[A-Za-z0-9]+)(\/expire)?$/.exec(url.pathname);
    if (sessionPath) {
      const session = sessions.get(sessionPath[1]!);
      if (!session)
        return stripeError(
          res,
          404,
          "invalid_request_error",
          `No such checkout.session: '${sessionPath[1]}'`,
          "session",
        );
      if (req.method === "GET" && !sessionPath[2]) return sendJson(res, 200, session);
      if (req.method === "POST" && sessionPath[2]) {
        if (session.status !== "open")
          return stripeError(res, 400, "invalid_request_error", "Only open sessions can be expired.");
        const expired: Session = { ...session, status: "expired" };
        sessions.set(session.id, expired);
        void deliver("checkout.session.expired", expired);
        return sendJson(res, 200, expired);
      }
    }
    const raw = req.method === "POST" ? await readBody(req) : "";
    const params = qs.parse(raw, { depth: 6, arrayLimit: 100 }) as Record<string, unknown>;
    const answer = await billing.handle(req.method ?? "GET", url.pathname, params, url.searchParams);
    if (answer) return sendJson(res, answer[0], answer[1]);
    return stripeError(res, 404, "invalid_request_error", "Unrecognized request URL");
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error & { status?: number }) => {
      if (!res.headersSent) stripeError(res, error.status ?? 500, "api_error", error.message);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;
  return {
    server,
    host,
    port,
    baseUrl,
    sessions,
    deliveries,
    billing,
    pay,
    close: () =>
      new Promise<void>((resolve) => {
        timers.forEach(clearTimeout);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
