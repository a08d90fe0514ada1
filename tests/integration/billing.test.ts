import { and, eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import {
  acceptances,
  billingInvoices,
  billingSubscriptions,
  deliveredServers,
  outboxMessages,
  provisioningItems,
  quoteRequests,
} from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { addMonths } from "~/domain/months";
import { deliveryItem, handOver } from "~/models/delivery.server";
import { requestBillingStart } from "~/models/billing.server";
import { salesOverview } from "~/models/sales.server";
import { action as billingAction, loader as billingLoader } from "~/routes/account.billing/route";
import { action as shareAction, loader as shareLoader } from "~/routes/s.$token";
import { loader as accountLoader } from "~/routes/account._index/route";
import { loader as operationsLoader } from "~/routes/staff.operations._index/route";
import { action as salesAction, loader as salesLoader } from "~/routes/staff.sales.$id/route";
import { linesOfProposal, upgradeView } from "~/models/billing-change.server";
import { bookInEffect, createDraft, publishDraft, setDraftPrices } from "~/models/price-book.server";
import { itemsOf } from "~/domain/repricing";
import { randomUUID } from "node:crypto";
import { tierPrices } from "~/models/sales.server";
import { prorate } from "~/domain/proration";
import { formatMoney } from "~/utils/format";
import { action as provisioningAction, loader as provisioningLoader } from "~/routes/staff.provisioning.$id/route";
import { applyDueBillingChanges, priceDueRenewals, startDueBilling } from "~/services/billing.server";
import { handleStripeEvent } from "~/services/payments.server";
import { STANDIN_SECRET_KEY } from "~/services/stripe.server";
import { TERMS_VERSION } from "~/utils/terms";
import type { StripeStandIn } from "../../server/stripe-standin";
import { createQuote, createShareLink, createStaff, customerCookie, unique } from "../factories";
import { callAction, callLoader, req, settle } from "../support/http";
import { useStandIn } from "../support/stripe-standin";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 20: every accepted term billed month by month through Stripe (here the stand-in), from hand-over to its end. */

function quoteInput(email: string, termMonths: 12 | 24 | 36): QuoteRequestInput {
  return {
    // A move off an old server: one-off migration work on the first invoice, with the setup fee.
    requirements: {
      availability: "standard",
      termMonths,
      region: "eu",
      migration: { fromExistingServer: true, maxDowntimeMinutes: 60 },
    },
    workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
    contact: { name: "Bill Ing", email, company: "Billing Co" },
  };
}

describe.each(TEST_DATABASES)("billing over the whole term on $name", (target) => {
  const database = useTestDatabase(target);
  const stand = useStandIn();
  let standIn: StripeStandIn;
  let stripe: Stripe;
  beforeAll(() => {
    standIn = stand();
    stripe = new Stripe(STANDIN_SECRET_KEY, {
      host: standIn.host,
      port: standIn.port,
      protocol: "http",
      telemetry: false,
    });
  });

  /** Moves the stand-in's clock forward (its billing runs to the new time, events delivered in order). */
  async function advance(body: Record<string, string>) {
    const r = await fetch(`${standIn.baseUrl}/v1/test_helpers/standin_clock/advance`, {
      method: "POST",
      headers: { Authorization: `Bearer ${STANDIN_SECRET_KEY}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(body),
    });
    expect(r.status).toBe(200);
    return ((await r.json()) as { frozen_time: number }).frozen_time;
  }

  /** Accepts a tier on the share page (choosing renewal) and pays the first invoice by card on the stand-in. */
  async function paidSubscription(
    db: Database,
    options: { termMonths?: 12 | 24 | 36; renewal?: "end" | "renew"; visitsPerDay?: number } = {},
  ) {
    const email = `bill-${unique()}@example.com`;
    const input = quoteInput(email, options.termMonths ?? 12);
    if (options.visitsPerDay) input.workloads = [{ kind: "web_app", visitsPerDay: options.visitsPerDay }];
    const { id } = await createQuote(db, {}, input);
    const { user: rep } = await createStaff(db, "sales");
    const { token } = await createShareLink(db, { quoteRequestId: id, createdBy: rep.id });
    const form = {
      intent: "accept",
      version: "1",
      tier: "lean",
      termsVersion: TERMS_VERSION,
      terms: "yes",
      name: "Bill Ing",
      company: "Billing Co",
      email,
      poNumber: "",
      renewal: options.renewal ?? "end",
    };
    const accepted = await callAction(
      shareAction,
      new Request(`http://localhost/s/${token}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form),
      }),
      { token },
    );
    expect(accepted.status).toBe(303);
    const sessionId = accepted.location!.split("/checkout/")[1]!;
    const checkout = standIn.sessions.get(sessionId)!;
    await standIn.pay(sessionId, "card");
    const [acceptance] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, id));
    const [subscription] = await db
      .select()
      .from(billingSubscriptions)
      .where(eq(billingSubscriptions.acceptanceId, acceptance!.id));
    return { quoteId: id, email, acceptance: acceptance!, subscription: subscription!, checkout };
  }

  /** Delivers and tests every server of the order (passed), hands it over, and lets the worker start billing. */
  async function handOverAll(db: Database, quoteId: string) {
    await handOverItem(db, quoteId);
    expect(await startDueBilling(db)).toBeGreaterThanOrEqual(1);
  }

  /** Delivers and tests every server of the order (passed) and hands it over at `now`. */
  async function handOverItem(db: Database, quoteId: string, now = new Date()) {
    const { user: tech } = await createStaff(db, "technician");
    const [item] = await db
      .update(provisioningItems)
      .set({ status: "claimed", assigneeId: tech.id })
      .where(eq(provisioningItems.quoteRequestId, quoteId))
      .returning();
    const delivery = (await deliveryItem(db, item!.id))!;
    for (const server of delivery.checklist.servers)
      await db.insert(deliveredServers).values({
        provisioningItemId: item!.id,
        serverKey: server.key,
        hostname: `${server.key}.example`,
        ipAddresses: ["192.0.2.10"],
        dataCentre: "FSN1",
        serial: server.key,
        passed: true,
        checkedAt: new Date(),
      });
    expect(await handOver(db, { id: tech.id, role: "technician" }, item!, async () => {}, now)).toBe(true);
  }

  /** A form posted to the customer's billing page (portal or cancel), settled into its answer. */
  const billingForm = (cookie: string, values: Record<string, string>) =>
    settle(() => billingAction({ request: req("/account/billing", cookie, values), params: {}, context: {} }));

  /** A rep marks a quote as upgrading the service billed by `acceptanceId`. */
  const markUpgrade = (cookie: string, upgradeId: string, acceptanceId: string) =>
    settle(() =>
      salesAction({
        request: req(`/staff/sales/${upgradeId}`, cookie, { intent: "upgrade", acceptanceId }),
        params: { id: upgradeId },
        context: {},
      }),
    );
  /** The share page's acceptance form for the lean tier, as `cookie`'s visitor sends it. */
  const acceptLean = (token: string, cookie: string | undefined, fields: Record<string, string>) =>
    callAction(
      shareAction,
      req(`/s/${token}`, cookie, {
        intent: "accept",
        version: "1",
        tier: "lean",
        termsVersion: TERMS_VERSION,
        terms: "yes",
        name: "Bill Ing",
        ...fields,
      }),
      { token },
    );

  const invoicesOf = (db: Database, acceptanceId: string) =>
    db.select().from(billingInvoices).where(eq(billingInvoices.acceptanceId, acceptanceId));
  const subscriptionOf = async (db: Database, acceptanceId: string) =>
    (await db.select().from(billingSubscriptions).where(eq(billingSubscriptions.acceptanceId, acceptanceId)))[0]!;
  const mailsTo = (db: Database, email: string, template: string) =>
    db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.toAddress, email), eq(outboxMessages.template, template)));

  it.each([12, 24, 36] as const)(
    "a %i-month acceptance subscribes with the accepted prices: the month recurring, setup and one-off work on the first invoice, billing from hand-over to the term's end",
    async (termMonths) => {
      const db = database().db;
      const { acceptance, subscription, checkout } = await paidSubscription(db, { termMonths });
      expect(acceptance.termMonths).toBe(termMonths);
      expect(acceptance.setupMinor).toBeGreaterThan(0);
      expect(acceptance.dueNowMinor).toBe(acceptance.setupMinor);
      // Checkout charged only the setup and one-off work: the months wait for hand-over.
      expect(checkout.mode).toBe("subscription");
      expect(checkout.amount_total).toBe(acceptance.setupMinor);
      expect(subscription.status).toBe("trialing");
      const atStripe = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);
      expect(atStripe.status).toBe("trialing");
      expect(atStripe.items.data.map((i) => [i.price.unit_amount, i.price.recurring?.interval])).toEqual([
        [acceptance.monthlyMinor, "month"],
      ]);
      expect(atStripe.metadata.acceptance_id).toBe(acceptance.id);
      const [first] = await invoicesOf(db, acceptance.id);
      expect(first).toMatchObject({ status: "paid", amountPaidMinor: acceptance.setupMinor });

      await handOverAll(db, acceptance.quoteRequestId);
      const started = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);
      expect(started.status).toBe("active");
      expect(started.cancel_at).toBe(addMonths(started.billing_cycle_anchor, termMonths));
      const row = await subscriptionOf(db, acceptance.id);
      expect(row.status).toBe("active");
      expect(row.termEndsAt!.getTime()).toBe(started.cancel_at! * 1000);
      const invoices = await invoicesOf(db, acceptance.id);
      expect(invoices.filter((i) => i.billingReason === "subscription_cycle")).toEqual([
        expect.objectContaining({ status: "paid", amountPaidMinor: acceptance.monthlyMinor }),
      ]);
      // A second run of the worker starts nothing twice.
      expect(await startDueBilling(db)).toBe(0);
    },
  );

  it("an upgrade mid-term: marked by the rep, stated on the quote, ordered without checkout, and billed at its hand-over with the proration the quote stated", async () => {
    const db = database().db;
    const { acceptance, subscription, email, quoteId } = await paidSubscription(db);
    await handOverAll(db, quoteId);
    // Ten days and a bit into the first billing month.
    const at = await advance({ seconds: String(10 * 86_400 + 3_600) });
    const atDate = new Date(at * 1000);

    // The customer asks for more: a new quote (same address), which the rep marks as an upgrade of the running service.
    const bigger = quoteInput(email, 12);
    bigger.workloads = [{ kind: "web_app", visitsPerDay: 600_000 }];
    const { id: upgradeId } = await createQuote(db, {}, bigger);
    const rep = await createStaff(db, "sales");
    const salesPost = (values: Record<string, string>) =>
      settle(() =>
        salesAction({
          request: req(`/staff/sales/${upgradeId}`, rep.cookie, values),
          params: { id: upgradeId },
          context: {},
        }),
      );
    const before = await callLoader(salesLoader, req(`/staff/sales/${upgradeId}`, rep.cookie), { id: upgradeId });
    expect(before.data.upgrade.targets.map((t) => t.acceptanceId)).toEqual([acceptance.id]);
    expect((await salesPost({ intent: "upgrade", acceptanceId: "not-a-uuid" })).status).toBe(400);
    // Another customer's service is refused, naming the field.
    const other = await paidSubscription(db);
    await handOverAll(db, other.quoteId);
    const foreign = await salesPost({ intent: "upgrade", acceptanceId: other.acceptance.id });
    expect(foreign.status).toBe(409);
    expect(foreign.data.errors[0]!.path).toBe("acceptanceId");
    expect((await salesPost({ intent: "upgrade", acceptanceId: acceptance.id })).status).toBe(200);

    // The quote states what changes: from the current monthly price, prorated from hand-over, the term unchanged.
    const { token } = await createShareLink(db, { quoteRequestId: upgradeId, createdBy: rep.user.id });
    // Whoever holds the link only learns that it is an upgrade; its owner, signed in, sees the billing.
    expect((await callLoader(shareLoader, req(`/s/${token}`), { token })).data.upgrade).toEqual({ mustSignIn: true });
    const stranger = await customerCookie(db, (await paidSubscription(db)).email);
    expect((await callLoader(shareLoader, req(`/s/${token}`, stranger), { token })).data.upgrade).toEqual({
      mustSignIn: true,
    });
    const owner = await customerCookie(db, email);
    const page = await callLoader(shareLoader, req(`/s/${token}`, owner), { token });
    expect(page.data.upgrade).toMatchObject({
      targetId: acceptance.id,
      fromMonthlyMinor: acceptance.monthlyMinor,
      unavailable: false,
      applied: null,
    });
    const stated = (await upgradeView(db, upgradeId, atDate))!;
    expect(stated.termEndsAt).toBe((await subscriptionOf(db, acceptance.id)).termEndsAt!.toISOString());
    const [lean] = (await tierPrices(db, upgradeId)).filter((t) => t.version === 1 && t.tier === "lean");
    expect(lean!.monthlyMinor).toBeGreaterThan(acceptance.monthlyMinor);
    const share = prorate({
      fromMinor: stated.fromMonthlyMinor,
      toMinor: lean!.monthlyMinor,
      periodStart: stated.periodStart,
      periodEnd: stated.periodEnd,
      at: stated.asOf,
    });
    expect(share.daysLeft).toBeGreaterThan(15);
    expect(share.daysLeft).toBeLessThan(22);
    const statedTotal = share.netMinor + lean!.setupMinor;

    // Accepting orders the upgrade: only the owner signed in, and only the upgrade the page showed.
    const acceptForm = (cookie: string | undefined, upgrade: string) =>
      callAction(
        shareAction,
        req(`/s/${token}`, cookie, {
          intent: "accept",
          version: "1",
          tier: "lean",
          termsVersion: TERMS_VERSION,
          terms: "yes",
          name: "Bill Ing",
          company: "Billing Co",
          email,
          poNumber: "",
          upgrade,
        }),
        { token },
      );
    const anonymous = await acceptForm(undefined, acceptance.id);
    expect(anonymous.status).toBe(409);
    expect("commerce" in anonymous.data && anonymous.data.commerce.reason).toBe("upgrade_sign_in");
    expect((await acceptForm(stranger, acceptance.id)).status).toBe(409);
    const asNew = await acceptForm(owner, "none");
    expect("commerce" in asNew.data && asNew.data.commerce.reason).toBe("superseded");
    expect(await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, upgradeId))).toEqual([]);
    // No checkout, nothing due, technicians get the order, the customer an e-mail.
    const accepted = await acceptForm(owner, acceptance.id);
    expect(accepted.status).toBe(303);
    expect(accepted.location).toBe(`/s/${token}`);
    const [ordered] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, upgradeId));
    expect(ordered).toMatchObject({ dueNowMinor: 0, renewal: acceptance.renewal, monthlyMinor: lean!.monthlyMinor });
    const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, upgradeId));
    expect(quote!.status).toBe("won");
    expect(await mailsTo(db, email, "upgrade_ordered")).toHaveLength(1);
    expect(standIn.sessions.size).toBeGreaterThan(0);
    expect([...standIn.sessions.values()].some((s) => s.metadata?.quote_request_id === upgradeId)).toBe(false);
    // A "pay" on the upgrade's page has nothing to pay.
    const pay = await callAction(shareAction, req(`/s/${token}`, undefined, { intent: "pay" }), { token });
    expect(pay.location).toBe(`/s/${token}`);

    // Technicians deliver it; at its hand-over the subscription changes, prorated from that moment.
    await handOverItem(db, upgradeId, atDate);
    expect(await applyDueBillingChanges(db, atDate)).toBe(1);
    expect(await applyDueBillingChanges(db, atDate)).toBe(0);
    const atStripe = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);
    expect(atStripe.items.data.map((i) => i.price.unit_amount)).toEqual([lean!.monthlyMinor]);
    expect(atStripe.cancel_at).toBe(Math.floor((await subscriptionOf(db, acceptance.id)).termEndsAt!.getTime() / 1000));
    const change = (await invoicesOf(db, acceptance.id)).filter((i) => i.billingReason === "subscription_update");
    expect(change).toEqual([expect.objectContaining({ status: "paid", amountPaidMinor: statedTotal })]);
    expect((await subscriptionOf(db, acceptance.id)).currentMonthlyMinor).toBe(lean!.monthlyMinor);
    const after = await callLoader(shareLoader, req(`/s/${token}`, owner), { token });
    expect(after.data.upgrade && "applied" in after.data.upgrade && after.data.upgrade.applied).toMatchObject({
      proratedMinor: share.netMinor,
      setupMinor: lean!.setupMinor,
    });

    // From the next billing date the new price; the customer's billing page says so.
    await advance({ months: "1" });
    const cycles = (await invoicesOf(db, acceptance.id)).filter((i) => i.billingReason === "subscription_cycle");
    expect(cycles.map((i) => i.amountPaidMinor).sort()).toEqual([acceptance.monthlyMinor, lean!.monthlyMinor].sort());
    const billingPage = await callLoader(billingLoader, req("/account/billing", await customerCookie(db, email)));
    const service = billingPage.data.subscriptions.find((s) => s.id === subscription.id)!;
    expect(service.lines.join(" ")).toContain(formatMoney(lean!.monthlyMinor, "EUR", "en"));
  });

  it("a renewing service continues after its term at the price then current for its configuration, set and told in the term's last month", async () => {
    const db = database().db;
    const { acceptance, email, subscription, quoteId } = await paidSubscription(db, {
      termMonths: 12,
      renewal: "renew",
    });
    await handOverAll(db, quoteId);
    const termEnd = (await subscriptionOf(db, acceptance.id)).termEndsAt!;
    // A price book taking effect a week before the term ends: the server costs 10.00 more a month.
    const items = itemsOf(await linesOfProposal(db, acceptance.proposalId));
    const server = items.find((l) => l.kind === "server")!;
    const admin = { id: randomUUID(), role: "admin" as const };
    const draft = await createDraft(db, admin, (await bookInEffect(db, "EUR"))!.id, "renewal test");
    await setDraftPrices(db, admin, draft.id, {
      set: [{ sku: server.sku!, monthlyMinor: server.unitMonthlyMinor + 1_000, setupMinor: server.unitSetupMinor }],
    });
    await publishDraft(db, admin, draft.id, new Date(termEnd.getTime() - 7 * 86_400_000));
    // Month to month: the list prices of the lines, without the term's discount.
    const expected = items.reduce((sum, l) => sum + l.monthlyMinor, 0) + 1_000 * server.quantity;
    expect(expected).not.toBe(acceptance.monthlyMinor);

    // Not before the term's last month.
    await priceDueRenewals(db, new Date(termEnd.getTime() - 40 * 86_400_000));
    expect((await subscriptionOf(db, acceptance.id)).renewalPricedAt).toBeNull();
    // After the term's last invoice (eleven months in) the price after the term is set and told.
    await advance({ months: "11" });
    const at = new Date((await advance({ seconds: "7200" })) * 1000);
    expect(await priceDueRenewals(db, at)).toBeGreaterThanOrEqual(1);
    expect(await priceDueRenewals(db, at)).toBe(0);
    const priced = await subscriptionOf(db, acceptance.id);
    // The price now stays until the term ends; the billing page's next charge (the term's end) says the new one.
    expect(priced).toMatchObject({ renewalMonthlyMinor: expected, currentMonthlyMinor: null });
    const billingPage = await callLoader(billingLoader, req("/account/billing", await customerCookie(db, email)));
    const lines = billingPage.data.subscriptions.find((s) => s.id === subscription.id)!.lines.join(" ");
    expect(lines).toContain(formatMoney(expected, "EUR", "en"));
    const told = await mailsTo(db, email, "renewal_priced");
    expect(told).toHaveLength(1);
    expect(told[0]!.textBody).toContain(formatMoney(expected, "EUR", "en"));
    expect(told[0]!.textBody).toContain(formatMoney(acceptance.monthlyMinor, "EUR", "en"));
    expect(told[0]!.textBody).toContain("/account/billing");

    // The term's twelve invoices at the accepted price, then the new one.
    await advance({ months: "1" });
    const cycles = (await invoicesOf(db, acceptance.id))
      .filter((i) => i.billingReason === "subscription_cycle")
      .sort((a, b) => a.stripeCreatedAt.getTime() - b.stripeCreatedAt.getTime());
    expect(cycles.map((i) => i.amountPaidMinor)).toEqual([...Array(12).fill(acceptance.monthlyMinor), expected]);
    expect((await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId)).status).toBe("active");
  });

  it("an 'upgrade' to a tier cheaper than the running service is not offered, and refused if sent", async () => {
    const db = database().db;
    const { acceptance, email, quoteId } = await paidSubscription(db, { visitsPerDay: 600_000 });
    await handOverAll(db, quoteId);
    const { id: upgradeId } = await createQuote(db, {}, quoteInput(email, 12));
    const [lean] = (await tierPrices(db, upgradeId)).filter((t) => t.version === 1 && t.tier === "lean");
    expect(lean!.monthlyMinor).toBeLessThan(acceptance.monthlyMinor);
    const rep = await createStaff(db, "sales");
    await markUpgrade(rep.cookie, upgradeId, acceptance.id);
    const { token } = await createShareLink(db, { quoteRequestId: upgradeId, createdBy: rep.user.id });
    const owner = await customerCookie(db, email);
    const refused = await acceptLean(token, owner, { upgrade: acceptance.id, email });
    expect(refused.status).toBe(409);
    expect("commerce" in refused.data && refused.data.commerce.reason).toBe("upgrade_cheaper");
    expect(await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, upgradeId))).toEqual([]);
  });

  it("an upgrade of a service that has ended cannot be accepted: nothing is written", async () => {
    const db = database().db;
    const { acceptance, subscription, email, quoteId } = await paidSubscription(db);
    await handOverAll(db, quoteId);
    const { id: upgradeId } = await createQuote(db, {}, quoteInput(email, 12));
    const rep = await createStaff(db, "sales");
    const marked = await markUpgrade(rep.cookie, upgradeId, acceptance.id);
    expect(marked.status).toBe(200);
    await stripe.subscriptions.cancel(subscription.stripeSubscriptionId);
    const { token } = await createShareLink(db, { quoteRequestId: upgradeId, createdBy: rep.user.id });
    const owner = await customerCookie(db, email);
    const page = await callLoader(shareLoader, req(`/s/${token}`, owner), { token });
    expect(page.data.upgrade && "unavailable" in page.data.upgrade && page.data.upgrade.unavailable).toBe(true);
    const refused = await acceptLean(token, owner, { upgrade: acceptance.id, email });
    expect(refused.status).toBe(409);
    expect("commerce" in refused.data && refused.data.commerce.reason).toBe("upgrade_unavailable");
    expect(await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, upgradeId))).toEqual([]);
  });

  it("a hand-over whose subscription Stripe does not know is retried later, not on every tick", async () => {
    const db = database().db;
    const { acceptance, subscription } = await paidSubscription(db);
    await db
      .update(billingSubscriptions)
      .set({ stripeSubscriptionId: `sub_unknown_${unique()}` })
      .where(eq(billingSubscriptions.id, subscription.id));
    await requestBillingStart(db, acceptance.quoteRequestId, new Date());
    const now = new Date();
    expect(await startDueBilling(db, now)).toBe(0);
    const row = await subscriptionOf(db, acceptance.id);
    expect(row.billingStartedAt).toBeNull();
    expect(row.billingRequestedAt!.getTime()).toBe(now.getTime() + 5 * 60_000);
    expect(await startDueBilling(db, new Date(now.getTime() + 60_000))).toBe(0);
  });

  it("a whole 12-month term: 12 paid monthly invoices, which with the first sum to the quote's term total, then the subscription ends", async () => {
    const db = database().db;
    const { acceptance } = await paidSubscription(db, { termMonths: 12 });
    await handOverAll(db, acceptance.quoteRequestId);
    for (let month = 1; month <= 12; month++) await advance({ months: "1" });
    const invoices = await invoicesOf(db, acceptance.id);
    const monthly = invoices.filter((i) => i.billingReason === "subscription_cycle");
    expect(monthly).toHaveLength(12);
    expect(monthly.every((i) => i.status === "paid" && i.amountPaidMinor === acceptance.monthlyMinor)).toBe(true);
    const paid = invoices.filter((i) => i.status === "paid").reduce((sum, i) => sum + i.amountPaidMinor, 0);
    expect(paid).toBe(acceptance.termTotalMinor);
    const row = await subscriptionOf(db, acceptance.id);
    expect(row.status).toBe("canceled");
    expect(row.endedAt!.getTime()).toBe(row.termEndsAt!.getTime());
    // Nothing is billed after the term.
    await advance({ months: "1" });
    expect(await invoicesOf(db, acceptance.id)).toHaveLength(invoices.length);
  });

  it("a renewing term keeps billing after its end until the customer cancels from the billing page, which ends it at the end of the term", async () => {
    const db = database().db;
    const { acceptance, email, subscription } = await paidSubscription(db, { termMonths: 12, renewal: "renew" });
    // Before hand-over the term has no end yet: nothing to cancel (it would end after one month).
    const early = await customerCookie(db, email);
    expect(
      (await callLoader(billingLoader, req("/account/billing", early))).data.subscriptions.find(
        (s) => s.id === subscription.id,
      )!.canCancel,
    ).toBe(false);
    expect((await billingForm(early, { intent: "cancel", subscriptionId: subscription.id })).status).toBe(404);
    await handOverAll(db, acceptance.quoteRequestId);
    const started = await stripe.subscriptions.retrieve(subscription.stripeSubscriptionId);
    expect(started.cancel_at).toBeNull();
    const cookie = await customerCookie(db, email);
    const page = await callLoader(billingLoader, req("/account/billing", cookie));
    const mine = page.data.subscriptions.find((s) => s.id === subscription.id)!;
    expect(mine.canCancel).toBe(true);
    expect(mine.lines.join(" ")).toContain("renews month to month");
    const cancelled = await billingForm(cookie, { intent: "cancel", subscriptionId: subscription.id });
    expect(cancelled.status).toBe(303);
    const row = await subscriptionOf(db, acceptance.id);
    expect(row.cancelAt!.getTime()).toBe(row.termEndsAt!.getTime());
    // Another customer cannot cancel or see it.
    const stranger = await customerCookie(db, (await paidSubscription(db)).email);
    const theirs = await callLoader(billingLoader, req("/account/billing", stranger));
    expect(theirs.data.subscriptions.some((s) => s.id === subscription.id)).toBe(false);
    const ours = new Set((await invoicesOf(db, acceptance.id)).map((i) => i.id));
    expect(ours.size).toBeGreaterThan(0);
    expect(theirs.data.invoices.length).toBeGreaterThan(0);
    expect(theirs.data.invoices.some((i) => ours.has(i.id))).toBe(false);
    const refused = await billingForm(stranger, { intent: "cancel", subscriptionId: subscription.id });
    expect(refused.status).toBe(404);
    const bad = await billingForm(cookie, { intent: "cancel", subscriptionId: "not-a-uuid" });
    expect(bad.status).toBe(400);
  });

  it("the billing page shows the invoices, the next charge, the card's last four digits and the end of the term, in Spanish too", async () => {
    const db = database().db;
    const { acceptance, email, subscription } = await paidSubscription(db);
    const cookie = await customerCookie(db, email);
    const before = await callLoader(billingLoader, req("/account/billing", cookie));
    const waiting = before.data.subscriptions.find((s) => s.id === subscription.id)!;
    expect(waiting.lines[0]).toBe("Monthly billing starts on the day your servers are handed over, not before.");
    await handOverAll(db, acceptance.quoteRequestId);
    const after = await callLoader(billingLoader, req("/account/billing", cookie));
    const mine = after.data.subscriptions.find((s) => s.id === subscription.id)!;
    expect(mine.lines.some((l) => /^Next charge: €\d/.test(l))).toBe(true);
    expect(mine.lines).toContain("Card: VISA ending in 4242");
    expect(mine.lines.some((l) => l.startsWith("The 12-month term ends on"))).toBe(true);
    expect(after.data.invoices.length).toBe(2);
    expect(after.data.invoices.every((i) => i.status === "Paid" && i.href?.startsWith(standIn.baseUrl))).toBe(true);
    const es = await callLoader(
      billingLoader,
      new Request("http://localhost/account/billing", { headers: { Cookie: cookie, "Accept-Language": "es" } }),
    );
    const esMine = es.data.subscriptions.find((s) => s.id === subscription.id)!;
    expect(esMine.lines.some((l) => l.startsWith("Próximo cargo:"))).toBe(true);
    expect(esMine.lines).toContain("Tarjeta: VISA terminada en 4242");
    expect(es.data.invoices.every((i) => i.status === "Pagada")).toBe(true);
    // "Change card" goes to Stripe's billing portal for this customer.
    const portal = await billingForm(cookie, { intent: "portal", subscriptionId: subscription.id });
    expect(portal.status).toBe(303);
    expect(portal.location).toMatch(new RegExp(`^${standIn.baseUrl}/portal/bps_`));
    // The portal only changes the card and shows invoices: no cancelling or changing plans mid-term there.
    const session = standIn.billing.portalSessions.get(portal.location!.split("/portal/")[1]!)!;
    const configuration = standIn.billing.portalConfigurations.get(session.configuration!)!;
    expect(configuration.features).toMatchObject({
      payment_method_update: { enabled: "true" },
      subscription_cancel: { enabled: "false" },
      subscription_update: { enabled: "false" },
    });
    // One configuration, reused by the next session.
    await billingForm(cookie, { intent: "portal", subscriptionId: subscription.id });
    expect(standIn.billing.portalConfigurations.size).toBe(1);
  });

  it("a failed renewal e-mails the customer at each failure and flags the service overdue; a new card pays it and clears the flag", async () => {
    const db = database().db;
    const { acceptance, email, subscription } = await paidSubscription(db);
    await handOverAll(db, acceptance.quoteRequestId);
    const cookie = await customerCookie(db, email);
    const portalUrl = async () =>
      (await billingForm(cookie, { intent: "portal", subscriptionId: subscription.id })).location!;
    const useCard = async (pm: string) =>
      expect(
        (
          await fetch(await portalUrl(), {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ payment_method: pm }),
            redirect: "manual",
          })
        ).status,
      ).toBe(303);
    await useCard("pm_card_chargeCustomerFail");

    await advance({ months: "1" });
    let row = await subscriptionOf(db, acceptance.id);
    expect(row.status).toBe("past_due");
    expect(row.overdueSince).not.toBeNull();
    expect(row.suspensionFlaggedAt).toBeNull();
    let failures = await mailsTo(db, email, "renewal_failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]!.textBody).toContain("attempt 1");
    expect(failures[0]!.textBody).toContain("/account/billing");
    const dashboard = (await salesOverview(db)).find((q) => q.id === acceptance.quoteRequestId)!;
    expect(dashboard.overdueSince).not.toBeNull();
    const page = await callLoader(billingLoader, req("/account/billing", cookie));
    expect(page.data.subscriptions.find((s) => s.id === subscription.id)!.overdue).toMatch(/^A payment is overdue/);
    expect(page.data.subscriptions.find((s) => s.id === subscription.id)!.lines).toContain("Card: VISA ending in 0341");
    const account = await callLoader(accountLoader, req("/account", cookie));
    expect(account.data.services.find((s) => s.id === acceptance.quoteRequestId)!.overdue).toBe(
      "Payment overdue: see billing",
    );

    // Stripe's retry three days later fails too: a second e-mail, one per attempt.
    await advance({ seconds: String(3 * 86_400) });
    failures = await mailsTo(db, email, "renewal_failed");
    expect(failures.map((m) => m.textBody.match(/attempt (\d)/)?.[1]).sort()).toEqual(["1", "2"]);

    // A working card: Stripe tries the open invoice at once, it is paid, nothing is overdue.
    await useCard("pm_card_visa");
    row = await subscriptionOf(db, acceptance.id);
    expect(row.status).toBe("active");
    expect(row.overdueSince).toBeNull();
    expect(await mailsTo(db, email, "renewal_recovered")).toHaveLength(1);
    const open = (await invoicesOf(db, acceptance.id)).filter((i) => i.status !== "paid");
    expect(open).toEqual([]);
    expect((await salesOverview(db)).find((q) => q.id === acceptance.quoteRequestId)!.overdueSince).toBeNull();
  });

  it("after Stripe's last retry fails the service is flagged for suspension (technicians told once), never deleted", async () => {
    const db = database().db;
    const { acceptance, email, subscription } = await paidSubscription(db);
    await handOverAll(db, acceptance.quoteRequestId);
    const customer = standIn.billing.customers.get(subscription.stripeCustomerId)!;
    customer.invoice_settings.default_payment_method = "pm_card_chargeCustomerFail";
    const { user: tech } = await createStaff(db, "technician");
    await advance({ months: "1" });
    // Retries on days 3, 5 and 7 after the first failure.
    for (const days of [3, 5, 7]) await advance({ seconds: String(days * 86_400) });
    const row = await subscriptionOf(db, acceptance.id);
    expect(row.status).toBe("unpaid");
    expect(row.suspensionFlaggedAt).not.toBeNull();
    expect(row.endedAt).toBeNull();
    expect(await mailsTo(db, email, "renewal_failed")).toHaveLength(3);
    const final = await mailsTo(db, email, "renewal_failed_final");
    expect(final).toHaveLength(1);
    expect(final[0]!.textBody).toContain("4 attempts");
    const [flaggedItem] = await db
      .select({ id: provisioningItems.id })
      .from(provisioningItems)
      .where(eq(provisioningItems.quoteRequestId, acceptance.quoteRequestId));
    const flaggedMails = (await mailsTo(db, tech.email, "suspension_flagged")).filter((m) =>
      m.textBody.includes(`/staff/provisioning/${flaggedItem!.id}`),
    );
    expect(flaggedMails).toHaveLength(1);
    const dashboard = (await salesOverview(db)).find((q) => q.id === acceptance.quoteRequestId)!;
    expect(dashboard.suspensionFlaggedAt).not.toBeNull();
    // The rep's page of the quote says so, with the failed invoice.
    const rep = await createStaff(db, "sales");
    const staffPage = await callLoader(salesLoader, req(`/staff/sales/${acceptance.quoteRequestId}`, rep.cookie), {
      id: acceptance.quoteRequestId,
    });
    expect(staffPage.data.billing!.status).toBe("unpaid");
    expect(staffPage.data.billing!.suspensionFlaggedAt).not.toBeNull();
    expect(staffPage.data.billing!.invoices.find((i) => i.status === "open")!.attempts).toBe(4);
    // The operations board lists it as waiting for a decision, linked to the delivery page; reps have no board.
    const techCookie = (await createStaff(db, "technician")).cookie;
    const board = await callLoader(operationsLoader, req("/staff/operations", techCookie));
    const [item] = await db
      .select()
      .from(provisioningItems)
      .where(eq(provisioningItems.quoteRequestId, acceptance.quoteRequestId));
    const listed = board.data.overdue.find((o) => o.href === `/staff/provisioning/${item!.id}`)!;
    expect(listed).toMatchObject({ urgent: true, state: "Retries over: decide on suspension", nextAttempt: null });
    expect(listed.open).toBe(formatMoney(acceptance.monthlyMinor, "EUR", "en"));
    expect(
      (await settle(() => operationsLoader({ request: req("/staff/operations", rep.cookie), params: {}, context: {} })))
        .status,
    ).toBe(403);

    // A technician decides on the delivery page: suspend until paid. The customer is told.
    const decide = (values: Record<string, string>) =>
      settle(() =>
        provisioningAction({
          request: req(`/staff/provisioning/${item!.id}`, techCookie, { intent: "suspension", ...values }),
          params: { id: item!.id },
          context: {},
        }),
      );
    const page = await callLoader(provisioningLoader, req(`/staff/provisioning/${item!.id}`, techCookie), {
      id: item!.id,
    });
    expect(page.data.billing!.canDecide).toBe(true);
    expect((await decide({ decision: "delete", note: "x" })).status).toBe(400);
    expect((await decide({ decision: "suspend", note: "" })).status).toBe(400);
    expect((await decide({ decision: "suspend", note: "Four failed attempts, no answer by phone." })).status).toBe(200);
    expect((await subscriptionOf(db, acceptance.id)).suspensionDecision).toBe("suspend");
    expect(await mailsTo(db, email, "renewal_suspended")).toHaveLength(1);
    // Sales reps read, they do not decide.
    const repDecides = await settle(() =>
      provisioningAction({
        request: req(`/staff/provisioning/${item!.id}`, rep.cookie, {
          intent: "suspension",
          decision: "keep",
          note: "Mine",
        }),
        params: { id: item!.id },
        context: {},
      }),
    );
    expect(repDecides.status).toBe(403);

    // The customer pays with a new card: the flags and the decision are cleared, technicians resume it.
    await standIn.billing.changeCard(subscription.stripeCustomerId, "pm_card_visa");
    const recovered = await subscriptionOf(db, acceptance.id);
    expect(recovered).toMatchObject({
      status: "active",
      overdueSince: null,
      suspensionFlaggedAt: null,
      suspensionDecision: null,
    });
    expect(await mailsTo(db, tech.email, "suspension_resume")).toHaveLength(1);
    expect((await decide({ decision: "keep", note: "Paid meanwhile." })).status).toBe(409);
    // The order and its servers are still there.
    expect(
      await db.select().from(provisioningItems).where(eq(provisioningItems.quoteRequestId, acceptance.quoteRequestId)),
    ).toHaveLength(1);
    expect(
      (await db.select().from(quoteRequests).where(eq(quoteRequests.id, acceptance.quoteRequestId)))[0]!.status,
    ).toBe("won");
  });

  it("duplicated and out-of-order invoice events change nothing twice", async () => {
    const db = database().db;
    const { acceptance, email, subscription } = await paidSubscription(db);
    await handOverAll(db, acceptance.quoteRequestId);
    const [monthly] = (await invoicesOf(db, acceptance.id)).filter((i) => i.billingReason === "subscription_cycle");
    const invoice = standIn.billing.invoices.get(monthly!.id)!;
    const t = Math.floor(Date.now() / 1000);
    const event = (id: string, type: string, object: unknown, created: number) =>
      ({ id, object: "event", type, created, data: { object } }) as unknown as Stripe.Event;
    // A payment_failed from before it was paid, delivered after invoice.paid: stale, no e-mail.
    const failedEarlier = { ...invoice, status: "open", attempt_count: 1, next_payment_attempt: t + 3 * 86_400 };
    expect(
      await handleStripeEvent(db, event(`evt_late_${unique()}`, "invoice.payment_failed", failedEarlier, t - 60)),
    ).toBe("stale");
    expect((await invoicesOf(db, acceptance.id)).find((i) => i.id === invoice.id)!.status).toBe("paid");
    expect(await mailsTo(db, email, "renewal_failed")).toHaveLength(0);
    expect((await subscriptionOf(db, acceptance.id)).overdueSince).toBeNull();

    // An older subscription state after a newer one: not applied.
    const older = { ...standIn.billing.subscriptions.get(subscription.stripeSubscriptionId)!, status: "trialing" };
    expect(
      await handleStripeEvent(db, event(`evt_old_${unique()}`, "customer.subscription.updated", older, t - 3600)),
    ).toBe("stale");
    expect((await subscriptionOf(db, acceptance.id)).status).toBe("active");

    // The same failure twice (one event id, then a second event for the same attempt): one e-mail.
    const next = (await paidSubscription(db)).acceptance;
    await handOverAll(db, next.quoteRequestId);
    const [nextMonthly] = (await invoicesOf(db, next.id)).filter((i) => i.billingReason === "subscription_cycle");
    const failing = {
      ...standIn.billing.invoices.get(nextMonthly!.id)!,
      id: `in_dup_${unique()}`,
      status: "open",
      attempt_count: 1,
      amount_paid: 0,
      next_payment_attempt: t + 3 * 86_400,
    };
    const once = event(`evt_dup_${unique()}`, "invoice.payment_failed", failing, t);
    expect(await handleStripeEvent(db, once)).toBe("invoice_open");
    expect(await handleStripeEvent(db, once)).toBe("duplicate");
    expect(await handleStripeEvent(db, event(`evt_dup2_${unique()}`, "invoice.payment_failed", failing, t))).toBe(
      "invoice_open",
    );
    expect(await mailsTo(db, next.email, "renewal_failed")).toHaveLength(1);
  });

  it("an 'unpaid' subscription event before the last failed invoice still tells technicians, once", async () => {
    const db = database().db;
    const { acceptance, subscription } = await paidSubscription(db);
    await handOverAll(db, acceptance.quoteRequestId);
    const { user: tech } = await createStaff(db, "technician");
    const [item] = await db
      .select({ id: provisioningItems.id })
      .from(provisioningItems)
      .where(eq(provisioningItems.quoteRequestId, acceptance.quoteRequestId));
    const t = Math.floor(Date.now() / 1000);
    const event = (type: string, object: unknown) =>
      ({ id: `evt_u_${unique()}`, object: "event", type, created: t, data: { object } }) as unknown as Stripe.Event;
    const sub = { ...standIn.billing.subscriptions.get(subscription.stripeSubscriptionId)!, status: "unpaid" };
    expect(await handleStripeEvent(db, event("customer.subscription.updated", sub))).toBe("subscription_unpaid");
    const [monthly] = (await invoicesOf(db, acceptance.id)).filter((i) => i.billingReason === "subscription_cycle");
    const lastTry = {
      ...standIn.billing.invoices.get(monthly!.id)!,
      id: `in_last_${unique()}`,
      status: "open",
      attempt_count: 4,
      amount_paid: 0,
      next_payment_attempt: null,
    };
    expect(await handleStripeEvent(db, event("invoice.payment_failed", lastTry))).toBe("invoice_open");
    const told = (await mailsTo(db, tech.email, "suspension_flagged")).filter((m) =>
      m.textBody.includes(`/staff/provisioning/${item!.id}`),
    );
    expect(told).toHaveLength(1);
    expect((await subscriptionOf(db, acceptance.id)).suspensionFlaggedAt).not.toBeNull();
  });

  if (target.name === "postgres")
    it("twenty concurrent deliveries of one failure, each with its own event id, send one e-mail", async () => {
      const db = database().db;
      const { acceptance } = await paidSubscription(db);
      await handOverAll(db, acceptance.quoteRequestId);
      const [monthly] = (await invoicesOf(db, acceptance.id)).filter((i) => i.billingReason === "subscription_cycle");
      const t = Math.floor(Date.now() / 1000);
      const failing = {
        ...standIn.billing.invoices.get(monthly!.id)!,
        id: `in_race_${unique()}`,
        status: "open",
        attempt_count: 1,
        amount_paid: 0,
        next_payment_attempt: t + 3 * 86_400,
      };
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          handleStripeEvent(db, {
            id: `evt_race_${unique()}_${i}`,
            object: "event",
            type: "invoice.payment_failed",
            created: t,
            data: { object: failing },
          } as unknown as Stripe.Event),
        ),
      );
      expect(outcomes.every((o) => o === "invoice_open")).toBe(true);
      const [count] = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.toAddress, acceptance.email), eq(outboxMessages.template, "renewal_failed")));
      expect(count!.n).toBe(1);
    });
});
