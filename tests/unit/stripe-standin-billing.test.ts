import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StripeStandIn, startStripeStandIn } from "../../server/stripe-standin";
import { RETRY_DAYS, addMonths } from "../../server/stripe-standin-billing";
import { prorate } from "../../app/domain/proration";

const KEY = "sk_test_standin_billing";
const SECRET = "whsec_standin_billing";
const DAY = 86_400;
const T0 = Date.UTC(2027, 0, 31, 9, 0, 0) / 1000; // the 31st: months without one end on their last day

/** Receives the stand-in's events, checking each signature with the SDK as the app does. */
const events: Stripe.Event[] = [];
let receiver: Server;
let standIn: StripeStandIn;
let stripe: Stripe;
const webhooks = new Stripe(KEY).webhooks;

beforeAll(async () => {
  receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const payload = Buffer.concat(chunks).toString("utf8");
      events.push(webhooks.constructEvent(payload, String(req.headers["stripe-signature"]), SECRET));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  standIn = await startStripeStandIn({
    apiKey: KEY,
    webhookSecret: SECRET,
    webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
  });
  stripe = new Stripe(KEY, { host: standIn.host, port: standIn.port, protocol: "http", telemetry: false });
});
afterAll(async () => {
  await standIn.close();
  await new Promise((r) => receiver.close(r));
});

/** A customer on a new test clock at `T0`, a product per line, and a 12-month subscription. */
async function subscribe(options: { card?: string; trialDays?: number; months?: number } = {}) {
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: T0 });
  const customer = await stripe.customers.create({
    email: "billing@example.com",
    test_clock: clock.id,
    ...(options.card ? { payment_method: options.card } : {}),
  });
  const [server, backup, setup] = await Promise.all(
    ["AX41-NVMe", "Backup 1 TB", "Setup"].map((name) => stripe.products.create({ name })),
  );
  const subscription = await stripe.subscriptions.create({
    customer: customer.id,
    items: [
      { price_data: { currency: "eur", product: server!.id, unit_amount: 4400, recurring: { interval: "month" } } },
      {
        price_data: { currency: "eur", product: backup!.id, unit_amount: 650, recurring: { interval: "month" } },
        quantity: 2,
      },
    ],
    add_invoice_items: [{ price_data: { currency: "eur", product: setup!.id, unit_amount: 3900 } }],
    ...(options.months ? { cancel_at: addMonths(T0, options.months) } : {}),
    ...(options.trialDays ? { trial_end: T0 + options.trialDays * DAY } : {}),
    metadata: { quote: "q-1" },
  });
  const invoices = async () =>
    (await stripe.invoices.list({ subscription: subscription.id, limit: 100 })).data.sort(
      (a, b) => a.created - b.created,
    );
  const advanceTo = (time: number) => stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: time });
  const ofThis = (type: string) =>
    events.filter((e) => {
      const object = e.data.object as { id?: string; parent?: { subscription_details?: { subscription?: string } } };
      return (
        e.type === type &&
        (object.id === subscription.id || object.parent?.subscription_details?.subscription === subscription.id)
      );
    });
  return { clock, customer, subscription, invoices, advanceTo, ofThis };
}

describe("the Stripe stand-in's billing", () => {
  it("bills a 12-month term month by month: 12 paid invoices adding up to the term's total, then the subscription ends", async () => {
    const { subscription, invoices, advanceTo, ofThis } = await subscribe({ months: 12 });
    expect(subscription.status).toBe("active");
    expect(subscription.items.data[0]!.current_period_end).toBe(addMonths(T0, 1));
    for (let month = 1; month <= 12; month++) await advanceTo(addMonths(T0, month) + 60);

    const all = await invoices();
    expect(all).toHaveLength(12);
    expect(all.every((i) => i.status === "paid")).toBe(true);
    const monthly = 4400 + 2 * 650;
    expect(all[0]!.amount_paid).toBe(3900 + monthly);
    expect(all.slice(1).map((i) => i.amount_paid)).toEqual(Array(11).fill(monthly));
    expect(all.reduce((sum, i) => sum + i.amount_paid, 0)).toBe(3900 + 12 * monthly);
    // Each renewal starts on the same day of the month, or the month's last day (31 January → 28 February).
    expect(all[1]!.period_start).toBe(Date.UTC(2027, 1, 28, 9) / 1000);
    expect(new Set(all.map((i) => i.number)).size).toBe(12);
    expect(all[0]!.lines.data.map((l) => l.description)).toEqual(["Setup", "AX41-NVMe", "Backup 1 TB"]);

    const ended = await stripe.subscriptions.retrieve(subscription.id);
    expect(ended.status).toBe("canceled");
    expect(ended.ended_at).toBe(addMonths(T0, 12));
    expect(ofThis("invoice.paid")).toHaveLength(12);
    expect(ofThis("invoice.finalized")).toHaveLength(12);
    expect(ofThis("customer.subscription.deleted")).toHaveLength(1);
    // In order: each invoice is finalised before it is paid.
    const order = ofThis("invoice.finalized").map((e) => events.indexOf(e));
    ofThis("invoice.paid").forEach((e, i) => expect(events.indexOf(e)).toBeGreaterThan(order[i]!));
  });

  it("a declined card: the invoice fails, the subscription is past due, Stripe's retries follow; a new card pays it", async () => {
    const { customer, subscription, invoices, advanceTo, ofThis } = await subscribe({
      card: "pm_card_chargeCustomerFail",
    });
    const [first] = await invoices();
    expect(first).toMatchObject({ status: "open", attempt_count: 1, next_payment_attempt: T0 + RETRY_DAYS[0]! * DAY });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("past_due");
    expect(ofThis("invoice.payment_failed")).toHaveLength(1);

    await advanceTo(T0 + RETRY_DAYS[0]! * DAY + 60);
    expect((await invoices())[0]).toMatchObject({ status: "open", attempt_count: 2 });
    expect(ofThis("invoice.payment_failed")).toHaveLength(2);

    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: "pm_card_visa" } });
    await advanceTo(T0 + (RETRY_DAYS[0]! + RETRY_DAYS[1]!) * DAY + 60);
    expect((await invoices())[0]).toMatchObject({ status: "paid", attempt_count: 3, next_payment_attempt: null });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("active");
    expect(ofThis("customer.subscription.updated").map((e) => (e.data.object as Stripe.Subscription).status)).toEqual([
      "past_due",
      "active",
    ]);
  });

  it("after the last retry the subscription is unpaid, never deleted; paying the invoice by hand makes it active", async () => {
    const { customer, subscription, invoices, advanceTo, ofThis } = await subscribe({
      card: "pm_card_chargeCustomerFail",
    });
    const total = RETRY_DAYS.reduce((a, b) => a + b, 0);
    await advanceTo(T0 + total * DAY + 60);
    const [first] = await invoices();
    expect(first).toMatchObject({ status: "open", attempt_count: RETRY_DAYS.length + 1, next_payment_attempt: null });
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("unpaid");
    expect(ofThis("customer.subscription.deleted")).toHaveLength(0);

    await expect(stripe.invoices.pay(first!.id)).rejects.toMatchObject({ code: "card_declined" });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: "pm_card_visa" } });
    expect((await stripe.invoices.pay(first!.id)).status).toBe("paid");
    expect((await stripe.subscriptions.retrieve(subscription.id)).status).toBe("active");
  });

  it("until hand-over only the setup is charged; ending the trial then starts monthly billing from that day", async () => {
    const { subscription, invoices, advanceTo } = await subscribe({ trialDays: 30 });
    expect(subscription.status).toBe("trialing");
    expect((await invoices()).map((i) => i.amount_paid)).toEqual([3900]);

    await advanceTo(T0 + 10 * DAY);
    const handedOver = await stripe.subscriptions.update(subscription.id, { trial_end: "now" });
    expect(handedOver.status).toBe("active");
    expect(handedOver.items.data[0]!.current_period_start).toBe(T0 + 10 * DAY);
    expect((await invoices()).map((i) => i.amount_paid)).toEqual([3900, 5700]);
    await advanceTo(addMonths(T0 + 10 * DAY, 1) + 60);
    expect((await invoices()).map((i) => i.amount_paid)).toEqual([3900, 5700, 5700]);
  });

  it("a new price mid-month prorates from proration_date: credit for unused time, charge for the rest, setup on the same invoice", async () => {
    const { subscription, invoices, advanceTo, customer } = await subscribe({ months: 12 });
    const at = T0 + 10 * DAY;
    await advanceTo(at);
    const item = subscription.items.data[0]!;
    const product = await stripe.products.create({ name: "AX52" });
    const once = await stripe.products.create({ name: "Upgrade setup" });
    const updated = await stripe.subscriptions.update(subscription.id, {
      items: [
        {
          id: item.id,
          price_data: { currency: "eur", product: product.id, unit_amount: 7400, recurring: { interval: "month" } },
        },
      ],
      proration_behavior: "always_invoice",
      proration_date: at,
      add_invoice_items: [{ price_data: { currency: "eur", product: once.id, unit_amount: 2500 } }],
    });
    expect(updated.items.data[0]!.price.unit_amount).toBe(7400);
    const all = await invoices();
    const change = all.at(-1)!;
    expect(change.billing_reason).toBe("subscription_update");
    expect(change.status).toBe("paid");
    const period = { periodStart: T0, periodEnd: addMonths(T0, 1), at };
    const p = prorate({ fromMinor: 4400, toMinor: 7400, ...period });
    expect(change.lines.data.map((l) => [l.description, l.amount])).toEqual([
      ["Unused time on AX41-NVMe", -p.creditMinor],
      ["Remaining time on AX52", p.chargeMinor],
      ["Upgrade setup", 2500],
    ]);
    expect(change.amount_paid).toBe(p.netMinor + 2500);
    // The next month is billed at the new price.
    await advanceTo(addMonths(T0, 1) + 60);
    expect((await invoices()).at(-1)!.amount_paid).toBe(7400 + 2 * 650);
    expect(customer.id).toBeTruthy();

    // create_prorations: the lines wait for the next invoice.
    const later = addMonths(T0, 1) + 5 * DAY;
    await advanceTo(later);
    await stripe.subscriptions.update(subscription.id, {
      items: [
        {
          id: item.id,
          price_data: { currency: "eur", product: product.id, unit_amount: 8400, recurring: { interval: "month" } },
        },
      ],
      proration_date: later,
    });
    await advanceTo(addMonths(T0, 2) + 60);
    const q = prorate({
      fromMinor: 7400,
      toMinor: 8400,
      periodStart: addMonths(T0, 1),
      periodEnd: addMonths(T0, 2),
      at: later,
    });
    expect((await invoices()).at(-1)!.amount_paid).toBe(q.netMinor + 8400 + 2 * 650);
  });

  it("refuses a proration date outside the billing month, an unknown item and an unknown behaviour", async () => {
    const { subscription } = await subscribe({ months: 12 });
    const item = subscription.items.data[0]!;
    const refusal = (params: Stripe.SubscriptionUpdateParams) =>
      stripe.subscriptions.update(subscription.id, params).then(
        () => null,
        (e: { param?: string }) => e.param,
      );
    expect(await refusal({ items: [{ id: item.id, quantity: 2 }], proration_date: T0 - DAY })).toBe("proration_date");
    expect(await refusal({ items: [{ id: "si_nope", quantity: 2 }] })).toBe("items[0][id]");
    expect(await refusal({ items: [{ id: item.id, quantity: 2 }], proration_behavior: "sometimes" as "none" })).toBe(
      "proration_behavior",
    );
  });

  it("refuses what Stripe refuses, naming the parameter", async () => {
    const customer = await stripe.customers.create({ email: "x@example.com" });
    await expect(
      stripe.subscriptions.create({
        customer: customer.id,
        items: [
          { price_data: { currency: "eur", product: "prod_nope", unit_amount: 100, recurring: { interval: "month" } } },
        ],
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: "items[0]" });
    await expect(stripe.subscriptions.create({ customer: "cus_nope", items: [] })).rejects.toMatchObject({
      statusCode: 400,
      param: "customer",
    });
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: T0 });
    await expect(stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: T0 - 1 })).rejects.toMatchObject({
      statusCode: 400,
      param: "frozen_time",
    });
  });

  it("a Checkout Session in subscription mode, paid by card, subscribes the customer: setup now, the months from hand-over", async () => {
    const trialEnd = Math.floor(Date.now() / 1000) + 30 * DAY;
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      customer_email: "checkout@example.com",
      line_items: [
        {
          price_data: {
            currency: "eur",
            product_data: { name: "AX41-NVMe" },
            unit_amount: 4400,
            recurring: { interval: "month" },
          },
        },
        { price_data: { currency: "eur", product_data: { name: "Setup" }, unit_amount: 3900 } },
      ],
      subscription_data: { trial_end: trialEnd, metadata: { quote: "q-2" } },
      success_url: "http://localhost/q/x?checkout={CHECKOUT_SESSION_ID}",
      cancel_url: "http://localhost/q/x",
    });
    expect(session.amount_total).toBe(3900);
    expect(session.subscription).toBeNull();
    await standIn.pay(session.id, "card");

    const paid = await stripe.checkout.sessions.retrieve(session.id);
    expect(paid).toMatchObject({ status: "complete", payment_status: "paid", mode: "subscription" });
    const subscription = await stripe.subscriptions.retrieve(String(paid.subscription));
    expect(subscription).toMatchObject({ status: "trialing", trial_end: trialEnd, metadata: { quote: "q-2" } });
    expect((await stripe.customers.retrieve(String(paid.customer))) as Stripe.Customer).toMatchObject({
      email: "checkout@example.com",
    });
    const invoices = await stripe.invoices.list({ subscription: subscription.id });
    expect(invoices.data.map((i) => [i.amount_paid, i.lines.data.map((l) => l.description)])).toEqual([
      [3900, ["Setup"]],
    ]);
    const completed = events.find(
      (e) => e.type === "checkout.session.completed" && (e.data.object as { id: string }).id === session.id,
    );
    expect((completed?.data.object as Stripe.Checkout.Session).subscription).toBe(subscription.id);

    await expect(
      stripe.checkout.sessions.create({
        mode: "subscription",
        line_items: [{ price_data: { currency: "eur", product_data: { name: "Setup" }, unit_amount: 3900 } }],
        success_url: "http://localhost/a",
        cancel_url: "http://localhost/b",
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: "line_items" });
  });
});
