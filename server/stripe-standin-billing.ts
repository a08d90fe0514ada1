import { randomBytes } from "node:crypto";
import { addMonths } from "../app/domain/months";
import { prorate } from "../app/domain/proration";

/**
 * The billing half of the Stripe stand-in (server/stripe-standin.ts): Products, Customers,
 * Subscriptions, Invoices and Stripe's test clocks, enough for a term billed month by month, with
 * the same request shapes, objects and events real Stripe has, so that the app's code and the tests
 * run unchanged against Stripe's test mode:
 *   POST /v1/products, POST|GET /v1/customers[/:id], POST /v1/subscriptions, GET|POST|DELETE
 *   /v1/subscriptions/:id, GET /v1/invoices?subscription=&customer=, GET /v1/invoices/:id,
 *   POST /v1/invoices/:id/pay, POST /v1/test_helpers/test_clocks, GET …/:id, POST …/:id/advance.
 * Changing a subscription's items (a new price on an item, by its id) prorates as Stripe does
 * (app/domain/proration.ts): `proration_behavior` create_prorations (the default: the lines wait for
 * the next invoice), always_invoice (invoiced and charged at once) or none; `proration_date` pins the
 * moment; `add_invoice_items` go on the same invoice.
 * Time: a customer made with `test_clock` lives on that clock; advancing it bills every period that
 * ends before the new time, retries failed payments on Stripe's schedule and ends subscriptions at
 * `cancel_at`, delivering each event in order. Cards: the default payment method `pm_card_visa`
 * pays, `pm_card_chargeCustomerFail` is declined (Stripe's own test payment methods).
 */

const rid = (prefix: string) => `${prefix}_${randomBytes(18).toString("base64url").replace(/[-_]/g, "")}`;
/** Days after the first failure on which payment is tried again; after the last, the subscription is unpaid. */
export const RETRY_DAYS = [3, 5, 7];
const DAY = 86_400;

/** Stripe's test payment methods this stand-in knows, with the card each stands for. */
export const TEST_CARDS: Record<string, { brand: string; last4: string; declines: boolean }> = {
  pm_card_visa: { brand: "visa", last4: "4242", declines: false },
  pm_card_mastercard: { brand: "mastercard", last4: "4444", declines: false },
  pm_card_chargeCustomerFail: { brand: "visa", last4: "0341", declines: true },
};

interface PriceData {
  currency?: string;
  product?: string;
  unit_amount?: string;
  recurring?: { interval?: string };
}
interface ItemParam {
  /** On an update: the subscription item to change. */
  id?: string;
  price_data?: PriceData;
  quantity?: string;
}
type Params = Record<string, unknown>;

export interface Clock {
  id: string;
  object: "test_helpers.test_clock";
  frozen_time: number;
  status: "ready" | "advancing";
  name: string | null;
}
export interface Customer {
  id: string;
  object: "customer";
  email: string | null;
  name: string | null;
  metadata: Record<string, string>;
  test_clock: string | null;
  created: number;
  invoice_settings: { default_payment_method: string | null };
}
interface Item {
  id: string;
  object: "subscription_item";
  quantity: number;
  /** Since API version 2025-03-31 the billing period is on each item (all items share it here). */
  current_period_start: number;
  current_period_end: number;
  price: {
    id: string;
    object: "price";
    currency: string;
    product: string;
    unit_amount: number;
    recurring: { interval: "month"; interval_count: 1 };
  };
}
export interface Subscription {
  id: string;
  object: "subscription";
  customer: string;
  status: "trialing" | "active" | "past_due" | "unpaid" | "canceled";
  items: { object: "list"; data: Item[] };
  /** Periods end on this day of the month (or the month's last day), as in Stripe. */
  billing_cycle_anchor: number;
  trial_end: number | null;
  cancel_at: number | null;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  ended_at: number | null;
  latest_invoice: string | null;
  metadata: Record<string, string>;
  currency: string;
  created: number;
  test_clock: string | null;
}
interface InvoiceLine {
  id: string;
  object: "line_item";
  amount: number;
  currency: string;
  description: string;
  quantity: number;
  period: { start: number; end: number };
}
export interface Invoice {
  id: string;
  object: "invoice";
  number: string;
  customer: string;
  /** Since API version 2025-03-31 an invoice names its subscription here. */
  parent: {
    type: "subscription_details";
    quote_details: null;
    subscription_details: { subscription: string; metadata: Record<string, string> };
  };
  status: "open" | "paid" | "uncollectible";
  billing_reason: "subscription_create" | "subscription_cycle" | "subscription_update";
  currency: string;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  next_payment_attempt: number | null;
  created: number;
  period_start: number;
  period_end: number;
  lines: { object: "list"; data: InvoiceLine[] };
  hosted_invoice_url: string;
  invoice_pdf: string;
  metadata: Record<string, string>;
}

export { addMonths };

type Answer = [status: number, body: unknown];
const bad = (message: string, param?: string, status = 400): Answer => [
  status,
  { error: { type: "invalid_request_error", message, ...(param ? { param } : {}) } },
];
const asItems = (value: unknown): ItemParam[] =>
  Array.isArray(value) ? (value as ItemParam[]) : value && typeof value === "object" ? Object.values(value) : [];
const intOf = (value: unknown) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN);

export function createBilling(options: {
  baseUrl: () => string;
  deliver: (type: string, object: unknown) => Promise<void>;
}) {
  const clocks = new Map<string, Clock>();
  const products = new Map<string, { id: string; object: "product"; name: string }>();
  const customers = new Map<string, Customer>();
  const subscriptions = new Map<string, Subscription>();
  const invoices = new Map<string, Invoice>();
  let invoiceNumber = 0;
  /** Lines waiting for a subscription's next invoice (prorations and one-off items with create_prorations). */
  const pending = new Map<string, InvoiceLine[]>();
  const portalSessions = new Map<
    string,
    {
      id: string;
      customer: string;
      return_url: string | null;
      locale: string | null;
      url: string;
      configuration: string | null;
    }
  >();
  /** Billing portal configurations: which features a portal session offers (this portal only changes cards). */
  const portalConfigurations = new Map<
    string,
    {
      id: string;
      object: "billing_portal.configuration";
      active: boolean;
      features: unknown;
      metadata: Record<string, string>;
    }
  >();

  const periodOf = (sub: Subscription) => ({
    start: sub.items.data[0]!.current_period_start,
    end: sub.items.data[0]!.current_period_end,
  });
  const setPeriod = (sub: Subscription, start: number, end: number) =>
    sub.items.data.forEach((i) => Object.assign(i, { current_period_start: start, current_period_end: end }));
  const subscriptionOf = (invoice: Invoice) => invoice.parent.subscription_details.subscription;

  /** While a clock advances, the time of the step being run (a retry, a renewal), not the clock's new time. */
  const stepTime = new Map<string, number>();
  /**
   * The stand-in's own clock, for customers on no test clock (those Checkout makes): real time plus
   * however far it has been moved forward (POST /v1/test_helpers/standin_clock/advance).
   */
  let offset = 0;
  const STANDIN_CLOCK = "standin";
  const standInNow = () => Math.floor(Date.now() / 1000) + offset;
  const nowFor = (customerId: string) => {
    const clock = customers.get(customerId)?.test_clock;
    if (!clock) return stepTime.get(STANDIN_CLOCK) ?? standInNow();
    return stepTime.get(clock) ?? clocks.get(clock)!.frozen_time;
  };
  /** The end of the period that starts at `start`: the anchor's next monthly date after it. */
  const periodEndAfter = (anchor: number, start: number) => {
    let n = 1;
    while (addMonths(anchor, n) <= start) n++;
    return addMonths(anchor, n);
  };

  function priceItems(raw: unknown, recurring: boolean, param: string): { items: Item[] } | { error: Answer } {
    const items = asItems(raw);
    if (!items.length) return { error: bad(`${param} is required`, param) };
    const out: Item[] = [];
    for (const [i, item] of items.entries()) {
      const p = item.price_data;
      const amount = intOf(p?.unit_amount);
      const quantity = item.quantity === undefined ? 1 : intOf(item.quantity);
      if (!p || !Number.isSafeInteger(amount))
        return { error: bad("unit_amount must be a non-negative integer", `${param}[${i}]`) };
      if (!Number.isSafeInteger(quantity) || quantity < 1)
        return { error: bad("quantity must be at least 1", `${param}[${i}]`) };
      if (!p.product || !products.has(p.product))
        return { error: bad(`No such product: '${p.product}'`, `${param}[${i}]`) };
      if (recurring && p.recurring?.interval !== "month")
        return {
          error: bad("Only monthly recurring prices are supported here", `${param}[${i}][price_data][recurring]`),
        };
      out.push({
        id: rid("si"),
        object: "subscription_item",
        quantity,
        current_period_start: 0,
        current_period_end: 0,
        price: {
          id: rid("price"),
          object: "price",
          currency: p.currency ?? "eur",
          product: p.product,
          unit_amount: amount,
          recurring: { interval: "month", interval_count: 1 },
        },
      });
    }
    if (new Set(out.map((i) => i.price.currency)).size > 1)
      return { error: bad("All items must have the same currency", param) };
    return { items: out };
  }

  const line = (item: Item, start: number, end: number): InvoiceLine => ({
    id: rid("il"),
    object: "line_item",
    amount: item.price.unit_amount * item.quantity,
    currency: item.price.currency,
    description: products.get(item.price.product)?.name ?? "",
    quantity: item.quantity,
    period: { start, end },
  });

  /** Finalises an invoice and charges the customer's default payment method, with its events. */
  async function finaliseAndCharge(invoice: Invoice) {
    invoices.set(invoice.id, invoice);
    await options.deliver("invoice.finalized", invoice);
    await attempt(invoice);
  }

  async function attempt(invoice: Invoice) {
    const sub = subscriptions.get(subscriptionOf(invoice))!;
    const now = nowFor(invoice.customer);
    invoice.attempt_count += 1;
    const card = customers.get(invoice.customer)?.invoice_settings.default_payment_method;
    const declined = invoice.amount_due > 0 && Boolean(card && TEST_CARDS[card]?.declines);
    if (!declined) {
      Object.assign(invoice, {
        status: "paid",
        amount_paid: invoice.amount_due,
        amount_remaining: 0,
        next_payment_attempt: null,
      });
      await options.deliver("invoice.paid", invoice);
      if (sub.status === "past_due" || sub.status === "unpaid") {
        sub.status = "active";
        await options.deliver("customer.subscription.updated", sub);
      }
      return;
    }
    const retry = RETRY_DAYS[invoice.attempt_count - 1];
    invoice.next_payment_attempt = retry === undefined ? null : now + retry * DAY;
    await options.deliver("invoice.payment_failed", invoice);
    const status = retry === undefined ? "unpaid" : "past_due";
    if (sub.status !== status) {
      sub.status = status;
      await options.deliver("customer.subscription.updated", sub);
    }
  }

  function newInvoice(
    sub: Subscription,
    reason: Invoice["billing_reason"],
    lines: InvoiceLine[],
    now: number,
  ): Invoice {
    const id = rid("in");
    const amount = lines.reduce((sum, l) => sum + l.amount, 0);
    sub.latest_invoice = id;
    return {
      id,
      object: "invoice",
      number: `SPEC-${String(++invoiceNumber).padStart(4, "0")}`,
      customer: sub.customer,
      parent: {
        type: "subscription_details",
        quote_details: null,
        subscription_details: { subscription: sub.id, metadata: sub.metadata },
      },
      status: "open",
      billing_reason: reason,
      currency: sub.currency,
      amount_due: amount,
      amount_paid: 0,
      amount_remaining: amount,
      attempt_count: 0,
      next_payment_attempt: null,
      created: now,
      period_start: lines[0]?.period.start ?? now,
      period_end: lines[0]?.period.end ?? now,
      lines: { object: "list", data: lines },
      hosted_invoice_url: `${options.baseUrl()}/invoices/${id}`,
      invoice_pdf: `${options.baseUrl()}/invoices/${id}`,
      metadata: {},
    };
  }

  async function createSubscription(params: Params): Promise<Answer> {
    const customer = typeof params.customer === "string" ? customers.get(params.customer) : undefined;
    if (!customer) return bad(`No such customer: '${String(params.customer)}'`, "customer");
    const priced = priceItems(params.items, true, "items");
    if ("error" in priced) return priced.error;
    const items = priced.items;
    const once =
      params.add_invoice_items === undefined
        ? { items: [] }
        : priceItems(params.add_invoice_items, false, "add_invoice_items");
    if ("error" in once) return once.error;
    const oneOff = once.items;
    const now = nowFor(customer.id);
    const trialDays = params.trial_period_days === undefined ? null : intOf(params.trial_period_days);
    if (trialDays !== null && !(trialDays >= 1 && trialDays <= 730))
      return bad("trial_period_days must be between 1 and 730", "trial_period_days");
    const trialEnd =
      trialDays !== null ? now + trialDays * DAY : params.trial_end === undefined ? null : intOf(params.trial_end);
    if (trialEnd !== null && !(trialEnd > now)) return bad("trial_end must be in the future", "trial_end");
    const cancelAt = params.cancel_at === undefined ? null : intOf(params.cancel_at);
    if (cancelAt !== null && !(cancelAt > now)) return bad("cancel_at must be in the future", "cancel_at");
    const periodEnd = trialEnd ?? addMonths(now, 1);
    const sub: Subscription = {
      id: rid("sub"),
      object: "subscription",
      customer: customer.id,
      status: trialEnd ? "trialing" : "active",
      items: { object: "list", data: items },
      billing_cycle_anchor: trialEnd ?? now,
      trial_end: trialEnd,
      cancel_at: cancelAt,
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      latest_invoice: null,
      metadata: (params.metadata ?? {}) as Record<string, string>,
      currency: items[0]!.price.currency,
      created: now,
      test_clock: customer.test_clock,
    };
    setPeriod(sub, now, periodEnd);
    subscriptions.set(sub.id, sub);
    // The first invoice: the one-off lines, and the first month unless the service is not yet running.
    const lines = [
      ...oneOff.map((i) => line(i, now, now)),
      ...(trialEnd ? [] : items.map((i) => line(i, now, periodEnd))),
    ];
    await options.deliver("customer.subscription.created", sub);
    await finaliseAndCharge(newInvoice(sub, "subscription_create", lines, now));
    return [200, sub];
  }

  /**
   * New prices or quantities on a subscription's items, prorated from `proration_date` (default now)
   * to the end of the current period: the old price's unused time credited, the new price's remaining
   * time charged, each line rounded. An error answer, or null when done (the caller answers).
   */
  async function changeItems(sub: Subscription, params: Params): Promise<Answer | null> {
    const behaviour = params.proration_behavior ?? "create_prorations";
    if (behaviour !== "create_prorations" && behaviour !== "always_invoice" && behaviour !== "none")
      return bad(`Invalid proration_behavior: '${String(behaviour)}'`, "proration_behavior");
    if (sub.status === "canceled") return bad("A canceled subscription can't be updated", "items");
    const now = nowFor(sub.customer);
    const period = periodOf(sub);
    const at = params.proration_date === undefined ? now : intOf(params.proration_date);
    if (!Number.isSafeInteger(at) || at < period.start || at > period.end)
      return bad("proration_date must be within the current billing period", "proration_date");
    const changes = asItems(params.items);
    const updates: { item: Item; next: Item }[] = [];
    for (const [i, change] of changes.entries()) {
      const item = sub.items.data.find((it) => it.id === change.id);
      if (!item) return bad(`No such subscription item: '${String(change.id)}'`, `items[${i}][id]`);
      const priced = change.price_data
        ? priceItems([{ price_data: change.price_data, quantity: change.quantity }], true, `items[${i}]`)
        : { items: [{ ...item, quantity: change.quantity === undefined ? item.quantity : intOf(change.quantity) }] };
      if ("error" in priced) return priced.error;
      const next = priced.items[0]!;
      if (!Number.isSafeInteger(next.quantity) || next.quantity < 1)
        return bad("quantity must be at least 1", `items[${i}][quantity]`);
      if (next.price.currency !== sub.currency) return bad("All items must have the same currency", `items[${i}]`);
      updates.push({ item, next });
    }
    const once =
      params.add_invoice_items === undefined
        ? { items: [] }
        : priceItems(params.add_invoice_items, false, "add_invoice_items");
    if ("error" in once) return once.error;
    const lines: InvoiceLine[] = [];
    for (const { item, next } of updates) {
      // Nothing is prorated in a trial: it is not billed yet.
      if (behaviour !== "none" && sub.status !== "trialing") {
        const p = prorate({
          fromMinor: item.price.unit_amount * item.quantity,
          toMinor: next.price.unit_amount * next.quantity,
          periodStart: period.start,
          periodEnd: period.end,
          at,
        });
        const name = (i: Item) => products.get(i.price.product)?.name ?? "";
        lines.push(
          { ...line(item, at, period.end), amount: -p.creditMinor, description: `Unused time on ${name(item)}` },
          { ...line(next, at, period.end), amount: p.chargeMinor, description: `Remaining time on ${name(next)}` },
        );
      }
      Object.assign(item, { price: next.price, quantity: next.quantity });
    }
    lines.push(...once.items.map((i) => line(i, at, at)));
    await options.deliver("customer.subscription.updated", sub);
    if (!lines.length) return null;
    if (behaviour === "always_invoice") await finaliseAndCharge(newInvoice(sub, "subscription_update", lines, now));
    else pending.set(sub.id, [...(pending.get(sub.id) ?? []), ...lines]);
    return null;
  }

  async function endSubscription(sub: Subscription, at: number) {
    Object.assign(sub, { status: "canceled", canceled_at: sub.canceled_at ?? at, ended_at: at });
    await options.deliver("customer.subscription.deleted", sub);
  }

  /** Everything due on a clock up to its new time, in order: retries, renewals, the end of the term. */
  async function runClock(clock: { id: string; frozen_time: number }) {
    const onClock = [...subscriptions.values()].filter(
      (s) => (s.test_clock ?? STANDIN_CLOCK) === clock.id && s.status !== "canceled",
    );
    for (;;) {
      type Due = { at: number; run: () => Promise<void> };
      const due: Due[] = [];
      for (const sub of onClock) {
        if (sub.status === "canceled") continue;
        const open = [...invoices.values()].find(
          (i) => subscriptionOf(i) === sub.id && i.status === "open" && i.next_payment_attempt !== null,
        );
        if (open && open.next_payment_attempt! <= clock.frozen_time)
          due.push({ at: open.next_payment_attempt!, run: () => attempt(open) });
        const period = periodOf(sub);
        const end = sub.cancel_at !== null ? Math.min(sub.cancel_at, period.end) : period.end;
        if (end <= clock.frozen_time)
          due.push({
            at: end,
            run: async () => {
              if ((sub.cancel_at !== null && sub.cancel_at <= period.end) || sub.cancel_at_period_end)
                return endSubscription(sub, end);
              const start = period.end;
              const next = periodEndAfter(sub.billing_cycle_anchor, start);
              const fromTrial = sub.status === "trialing";
              setPeriod(sub, start, next);
              if (fromTrial) sub.status = "active";
              // A new period is a change to the subscription (its items' period dates), as in Stripe.
              await options.deliver("customer.subscription.updated", sub);
              const lines = [...(pending.get(sub.id) ?? []), ...sub.items.data.map((i) => line(i, start, next))];
              pending.delete(sub.id);
              await finaliseAndCharge(newInvoice(sub, "subscription_cycle", lines, start));
            },
          });
      }
      if (!due.length) return;
      due.sort((a, b) => a.at - b.at);
      stepTime.set(clock.id, due[0]!.at);
      try {
        await due[0]!.run();
      } finally {
        stepTime.delete(clock.id);
      }
    }
  }

  /** Answers a billing request, or null when the path is not one of these. */
  async function handle(method: string, path: string, params: Params, query: URLSearchParams): Promise<Answer | null> {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/products") {
      if (typeof params.name !== "string" || !params.name) return bad("name is required", "name");
      const product = { id: rid("prod"), object: "product" as const, name: params.name };
      products.set(product.id, product);
      return [200, product];
    }
    // The stand-in's own clock: every customer Checkout made lives on it (not part of Stripe's API).
    if (path === "/v1/test_helpers/standin_clock" && method === "GET")
      return [200, { object: "standin_clock", frozen_time: standInNow(), offset }];
    if (path === "/v1/test_helpers/standin_clock/advance" && method === "POST") {
      const months = params.months === undefined ? NaN : intOf(params.months);
      const seconds = params.seconds === undefined ? NaN : intOf(params.seconds);
      const from = standInNow();
      const to = Number.isSafeInteger(months) && months > 0 ? addMonths(from, months) : from + seconds;
      if (!(to > from) || !Number.isSafeInteger(to))
        return bad("give months (1 or more) or seconds (1 or more) to move the clock forward", "months");
      offset += to - from;
      await runClock({ id: STANDIN_CLOCK, frozen_time: to });
      return [200, { object: "standin_clock", frozen_time: standInNow(), offset }];
    }
    if (method === "POST" && path === "/v1/test_helpers/test_clocks") {
      const frozen = intOf(params.frozen_time);
      if (!Number.isSafeInteger(frozen)) return bad("frozen_time is required", "frozen_time");
      const clock: Clock = {
        id: rid("clock"),
        object: "test_helpers.test_clock",
        frozen_time: frozen,
        status: "ready",
        name: typeof params.name === "string" ? params.name : null,
      };
      clocks.set(clock.id, clock);
      return [200, clock];
    }
    if ((m = /^\/v1\/test_helpers\/test_clocks\/([A-Za-z0-9_]+)(\/advance)?$/.exec(path))) {
      const clock = clocks.get(m[1]!);
      if (!clock) return bad(`No such test clock: '${m[1]}'`, "test_clock", 404);
      if (method === "GET" && !m[2]) return [200, clock];
      if (method === "POST" && m[2]) {
        const frozen = intOf(params.frozen_time);
        if (!(frozen > clock.frozen_time)) return bad("frozen_time must be later than the clock's time", "frozen_time");
        clock.status = "advancing";
        clock.frozen_time = frozen;
        await runClock(clock);
        clock.status = "ready";
        return [200, clock];
      }
    }
    if (method === "POST" && path === "/v1/customers") {
      if (params.test_clock !== undefined && !clocks.has(String(params.test_clock)))
        return bad(`No such test clock: '${String(params.test_clock)}'`, "test_clock");
      const customer: Customer = {
        id: rid("cus"),
        object: "customer",
        email: typeof params.email === "string" ? params.email : null,
        name: typeof params.name === "string" ? params.name : null,
        metadata: (params.metadata ?? {}) as Record<string, string>,
        test_clock: typeof params.test_clock === "string" ? params.test_clock : null,
        created: 0,
        invoice_settings: {
          default_payment_method: typeof params.payment_method === "string" ? params.payment_method : "pm_card_visa",
        },
      };
      customer.created = customer.test_clock
        ? clocks.get(customer.test_clock)!.frozen_time
        : Math.floor(Date.now() / 1000);
      customers.set(customer.id, customer);
      return [200, customer];
    }
    if ((m = /^\/v1\/customers\/([A-Za-z0-9_]+)$/.exec(path))) {
      const customer = customers.get(m[1]!);
      if (!customer) return bad(`No such customer: '${m[1]}'`, "customer", 404);
      if (method === "POST") {
        const settings = params.invoice_settings as { default_payment_method?: string } | undefined;
        if (settings?.default_payment_method)
          customer.invoice_settings.default_payment_method = settings.default_payment_method;
      }
      return [200, customer];
    }
    if (method === "POST" && path === "/v1/subscriptions") return createSubscription(params);
    if ((m = /^\/v1\/subscriptions\/([A-Za-z0-9_]+)$/.exec(path))) {
      const sub = subscriptions.get(m[1]!);
      if (!sub) return bad(`No such subscription: '${m[1]}'`, "id", 404);
      if (method === "GET") return [200, sub];
      if (method === "POST") {
        if (params.items !== undefined) {
          const refused = await changeItems(sub, params);
          if (refused) return refused;
          if (params.cancel_at === undefined && params.cancel_at_period_end === undefined && !params.trial_end)
            return [200, sub];
        }
        if (params.cancel_at_period_end !== undefined)
          sub.cancel_at_period_end = params.cancel_at_period_end === "true";
        if (params.cancel_at !== undefined) {
          const cancelAt = params.cancel_at === "" ? null : intOf(params.cancel_at);
          if (cancelAt !== null && !(cancelAt > nowFor(sub.customer)))
            return bad("cancel_at must be in the future", "cancel_at");
          sub.cancel_at = cancelAt;
        }
        if (params.trial_end === "now" && sub.status === "trialing") {
          // Hand-over: the first month starts now and is charged now.
          const now = nowFor(sub.customer);
          Object.assign(sub, { status: "active", trial_end: now, billing_cycle_anchor: now });
          setPeriod(sub, now, addMonths(now, 1));
          await options.deliver("customer.subscription.updated", sub);
          const lines = sub.items.data.map((i) => line(i, now, addMonths(now, 1)));
          await finaliseAndCharge(newInvoice(sub, "subscription_cycle", lines, now));
        } else await options.deliver("customer.subscription.updated", sub);
        return [200, sub];
      }
      if (method === "DELETE") {
        if (sub.status !== "canceled") await endSubscription(sub, nowFor(sub.customer));
        return [200, sub];
      }
    }
    if (method === "GET" && (m = /^\/v1\/payment_methods\/([A-Za-z0-9_]+)$/.exec(path))) {
      const card = TEST_CARDS[m[1]!];
      if (!card) return bad(`No such PaymentMethod: '${m[1]}'`, "payment_method", 404);
      return [
        200,
        { id: m[1], object: "payment_method", type: "card", card: { ...card, exp_month: 12, exp_year: 2034 } },
      ];
    }
    if (path === "/v1/billing_portal/configurations") {
      if (method === "GET") {
        const data = [...portalConfigurations.values()];
        return [200, { object: "list", data, has_more: false, url: path }];
      }
      if (method === "POST") {
        if (!params.features || typeof params.features !== "object") return bad("features is required", "features");
        const configuration = {
          id: rid("bpc"),
          object: "billing_portal.configuration" as const,
          active: true,
          features: params.features,
          metadata: (params.metadata ?? {}) as Record<string, string>,
        };
        portalConfigurations.set(configuration.id, configuration);
        return [200, configuration];
      }
    }
    if (method === "POST" && path === "/v1/billing_portal/sessions") {
      const customer = typeof params.customer === "string" ? customers.get(params.customer) : undefined;
      if (!customer) return bad(`No such customer: '${String(params.customer)}'`, "customer");
      if (params.configuration !== undefined && !portalConfigurations.has(String(params.configuration)))
        return bad(`No such configuration: '${String(params.configuration)}'`, "configuration");
      const session = {
        id: rid("bps"),
        object: "billing_portal.session",
        customer: customer.id,
        return_url: typeof params.return_url === "string" ? params.return_url : null,
        locale: typeof params.locale === "string" ? params.locale : null,
        url: "",
        configuration: typeof params.configuration === "string" ? params.configuration : null,
      };
      session.url = `${options.baseUrl()}/portal/${session.id}`;
      portalSessions.set(session.id, session);
      return [200, session];
    }
    if (method === "GET" && path === "/v1/invoices") {
      const sub = query.get("subscription");
      const customer = query.get("customer");
      const data = [...invoices.values()]
        .filter((i) => (!sub || subscriptionOf(i) === sub) && (!customer || i.customer === customer))
        .sort((a, b) => b.created - a.created || b.number.localeCompare(a.number));
      const limit = Math.min(100, Number(query.get("limit") ?? 10) || 10);
      return [200, { object: "list", data: data.slice(0, limit), has_more: data.length > limit, url: "/v1/invoices" }];
    }
    if ((m = /^\/v1\/invoices\/([A-Za-z0-9_]+)(\/pay)?$/.exec(path))) {
      const invoice = invoices.get(m[1]!);
      if (!invoice) return bad(`No such invoice: '${m[1]}'`, "invoice", 404);
      if (method === "GET" && !m[2]) return [200, invoice];
      if (method === "POST" && m[2]) {
        if (invoice.status !== "open") return bad("Invoice is already paid", "invoice");
        await attempt(invoice);
        return (invoice.status as Invoice["status"]) === "paid"
          ? [200, invoice]
          : [402, { error: { type: "card_error", code: "card_declined", message: "Your card was declined." } }];
      }
    }
    return null;
  }

  /**
   * A Checkout Session in `subscription` mode, paid: a customer, a product per line, and the
   * subscription (recurring lines monthly, one-time lines on its first invoice), as Stripe makes them.
   */
  async function subscribeFromCheckout(checkout: {
    email: string | null;
    lines: { name: string; currency: string; unitAmount: number; quantity: number; recurring: boolean }[];
    subscriptionData: Params;
    card: string;
  }): Promise<{ customer: Customer; subscription: Subscription }> {
    const customer = (await handle(
      "POST",
      "/v1/customers",
      { email: checkout.email, payment_method: checkout.card },
      new URLSearchParams(),
    ))![1] as Customer;
    const item = (l: (typeof checkout.lines)[number]) => {
      const product = rid("prod");
      products.set(product, { id: product, object: "product", name: l.name });
      return {
        quantity: String(l.quantity),
        price_data: {
          currency: l.currency,
          product,
          unit_amount: String(l.unitAmount),
          ...(l.recurring ? { recurring: { interval: "month" } } : {}),
        },
      };
    };
    const recurring = checkout.lines.filter((l) => l.recurring).map(item);
    const once = checkout.lines.filter((l) => !l.recurring).map(item);
    const [status, body] = await createSubscription({
      ...checkout.subscriptionData,
      customer: customer.id,
      items: recurring,
      ...(once.length ? { add_invoice_items: once } : {}),
    });
    if (status !== 200) throw new Error(`checkout could not subscribe: ${JSON.stringify(body)}`);
    return { customer, subscription: body as Subscription };
  }

  /**
   * The billing portal's "update payment method": the new card becomes the customer's default, and
   * invoices left unpaid by the old card are tried again at once (as Stripe does when a customer
   * updates their card), each with its events.
   */
  async function changeCard(customerId: string, paymentMethod: string) {
    const customer = customers.get(customerId);
    if (!customer || !TEST_CARDS[paymentMethod]) return false;
    customer.invoice_settings.default_payment_method = paymentMethod;
    const unpaid = [...invoices.values()].filter(
      (i) => i.customer === customerId && i.status === "open" && i.attempt_count > 0,
    );
    for (const invoice of unpaid) await attempt(invoice);
    return true;
  }

  return {
    handle,
    subscribeFromCheckout,
    changeCard,
    clocks,
    customers,
    subscriptions,
    invoices,
    portalSessions,
    portalConfigurations,
  };
}
