import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import {
  acceptances,
  capacityReviews,
  deliveredServers,
  outboxMessages,
  provisioningItems,
  quoteMessages,
  quoteRequests,
  serviceSettings,
} from "#db/schema";
import { type UsageFigures, parseUsageOutput, usageOutputSchema } from "~/domain/capacity-review";
import { serverFactsSchema } from "~/domain/delivery";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { capacityOf, dueCapacityReviews, reviewedService } from "~/models/capacity-review.server";
import { deliveryItem, handOver } from "~/models/delivery.server";
import { tierPrices } from "~/models/sales.server";
import { action as accountAction } from "~/routes/account._index/route";
import { action as serviceAction, loader as serviceLoader } from "~/routes/account.services.$id/route";
import { action as quoteAction } from "~/routes/q.$token/route";
import { action as shareAction } from "~/routes/s.$token";
import { loader as operationsLoader } from "~/routes/staff.operations._index/route";
import { action as capacityAction, loader as capacityLoader } from "~/routes/staff.services.$id.capacity/route";
import { startDueBilling } from "~/services/billing.server";
import { recordCapacityReview } from "~/services/capacity-review.server";
import { TERMS_VERSION } from "~/utils/terms";
import { acceptFirstProposal, createQuote, createShareLink, createStaff, customerCookie, unique } from "../factories";
import { callAction, callLoader, req, settle } from "../support/http";
import { useStandIn } from "../support/stripe-standin";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 19 item 6: capacity reviews, their projections and flags, and the upgrade quote they draft. */

const DAY = 86_400_000;
const SCRIPT = path.resolve("public/tools/specdesk-check.sh");

/** A handed-over service without billing (acceptance written directly): enough for reviews that draft nothing. */
async function handedOver(db: Database, label: string) {
  const email = `${label}-${unique()}@example.com`;
  const quote = await createQuote(db, { contact: { name: label, email, company: `${label} Ltd` } });
  const { acceptance } = await acceptFirstProposal(db, quote.id, { name: label, email, paid: true });
  await db.insert(provisioningItems).values({ quoteRequestId: quote.id, acceptanceId: acceptance.id, status: "done" });
  return { quoteId: quote.id, email, acceptance, cookie: await customerCookie(db, email) };
}

const capacityOfService = async (db: Database, id: string) => capacityOf(db, (await reviewedService(db, id))!);

/** Usage at the given shares of capacity (traffic 0 when unmetered). */
const at = (capacity: UsageFigures, share: Partial<Record<keyof UsageFigures, number>>): UsageFigures => ({
  cpu: Math.round(capacity.cpu * (share.cpu ?? 0.1) * 100) / 100,
  ramGb: Math.round(capacity.ramGb * (share.ramGb ?? 0.1) * 100) / 100,
  diskGb: Math.round(capacity.diskGb * (share.diskGb ?? 0.1) * 100) / 100,
  trafficTb: Math.round(capacity.trafficTb * (share.trafficTb ?? 0.1) * 100) / 100,
});

const asForm = (u: UsageFigures, extra: Record<string, string> = {}) => ({
  intent: "review",
  cpu: String(u.cpu),
  ramGb: String(u.ramGb),
  diskGb: String(u.diskGb),
  trafficTb: String(u.trafficTb),
  ...extra,
});

const reviewsOf = (db: Database, id: string) =>
  db.select().from(capacityReviews).where(eq(capacityReviews.quoteRequestId, id)).orderBy(capacityReviews.recordedAt);
const upgradesOf = (db: Database, acceptanceId: string) =>
  db.select().from(quoteRequests).where(eq(quoteRequests.upgradesAcceptanceId, acceptanceId));
const mailsTo = (db: Database, email: string, template: string) =>
  db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, email), eq(outboxMessages.template, template)));

/** A usage document as the script prints it (for the customer's form). */
const usageDocument = (hostname: string, u: UsageFigures, smart: Record<string, number> = {}) =>
  JSON.stringify({
    kind: "usage",
    hostname,
    measuredAt: new Date().toISOString(),
    uptimeDays: 30,
    cpu: { threads: 8, load1: u.cpu, load5: u.cpu, load15: u.cpu, busyCores: u.cpu },
    memory: { totalGb: 64, usedGb: u.ramGb },
    filesystems: [{ mount: "/", sizeGb: 1000, usedGb: u.diskGb }],
    disk: { usedGb: u.diskGb },
    traffic: { rxTb: 0, txTb: u.trafficTb, sinceBootDays: 30, monthTb: u.trafficTb },
    smart: Object.keys(smart).length ? [{ disk: "sda", raw: smart }] : [],
  });

describe.each(TEST_DATABASES)("capacity reviews on $name", (target) => {
  const database = useTestDatabase(target);
  const stand = useStandIn();

  /** A service paid on the share page through the stand-in, handed over, and billed monthly (so it can be upgraded). */
  async function billedService(db: Database) {
    const standIn = stand();
    const email = `grow-${unique()}@example.com`;
    const input: QuoteRequestInput = {
      requirements: { availability: "standard", termMonths: 12, region: "eu" },
      workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
      contact: { name: "Gro Wing", email, company: "Growing Co" },
    };
    const { id } = await createQuote(db, {}, input);
    const rep = await createStaff(db, "sales");
    const { token } = await createShareLink(db, { quoteRequestId: id, createdBy: rep.user.id });
    const accepted = await callAction(
      shareAction,
      req(`/s/${token}`, undefined, {
        intent: "accept",
        version: "1",
        tier: "lean",
        termsVersion: TERMS_VERSION,
        terms: "yes",
        name: "Gro Wing",
        company: "Growing Co",
        email,
        poNumber: "",
        renewal: "end",
      }),
      { token },
    );
    expect(accepted.status).toBe(303);
    await standIn.pay(accepted.location!.split("/checkout/")[1]!, "card");
    const [acceptance] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, id));
    const tech = await createStaff(db, "technician");
    const [item] = await db
      .update(provisioningItems)
      .set({ status: "claimed", assigneeId: tech.user.id })
      .where(eq(provisioningItems.quoteRequestId, id))
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
    expect(await handOver(db, { id: tech.user.id, role: "technician" }, item!, async () => {})).toBe(true);
    expect(await startDueBilling(db)).toBeGreaterThanOrEqual(1);
    return { quoteId: id, email, acceptance: acceptance!, tech, cookie: await customerCookie(db, email) };
  }

  const staffPost = (cookie: string, id: string, form: Record<string, string>) =>
    settle(() =>
      capacityAction({ request: req(`/staff/services/${id}/capacity`, cookie, form), params: { id }, context: {} }),
    );
  const customerPost = (cookie: string, id: string, form: Record<string, string>) =>
    settle(() => serviceAction({ request: req(`/account/services/${id}`, cookie, form), params: { id }, context: {} }));

  it("growth that runs out within two quarters drafts exactly one upgrade quote, which the customer accepts as an upgrade", async () => {
    const db = database().db;
    const service = await billedService(db);
    const capacity = await capacityOfService(db, service.quoteId);
    expect(capacity.cpu).toBeGreaterThan(0);
    expect(capacity.ramGb).toBeGreaterThan(0);
    // RAM 30 %, 33 %, then 60 % over four months (least squares: +0.25 % a day): 85 % in about 100 days.
    const now = Date.now();
    for (const [daysAgo, share] of [
      [120, 0.3],
      [60, 0.33],
    ] as const)
      await recordCapacityReview(
        db,
        {
          serviceId: service.quoteId,
          source: "technician",
          usage: at(capacity, { ramGb: share }),
          smart: {},
          recordedBy: service.tech.user.id,
        },
        new Date(now - daysAgo * DAY),
      );
    expect((await upgradesOf(db, service.acceptance.id)).length).toBe(0);

    const posted = await staffPost(service.tech.cookie, service.quoteId, asForm(at(capacity, { ramGb: 0.6 })));
    expect(posted.status).toBe(200);
    expect(posted.data.notice).toContain("upgrade quote was drafted");
    const reviews = await reviewsOf(db, service.quoteId);
    expect(reviews).toHaveLength(3);
    const last = reviews.at(-1)!;
    expect(last.findings.upgradeFor).toEqual(["ram"]);
    const ram = last.findings.runOuts.find((r) => r.resource === "ram")!;
    const days = (new Date(ram.at!).getTime() - last.recordedAt.getTime()) / DAY;
    expect(days).toBeGreaterThan(90);
    expect(days).toBeLessThan(110);
    expect(last.capacity).toEqual(capacity);

    // One draft: for the same customer, in the same currency, upgrading this service, e-mailed with its link.
    const drafts = await upgradesOf(db, service.acceptance.id);
    expect(drafts).toHaveLength(1);
    const draft = drafts[0]!;
    expect(last.upgradeQuoteRequestId).toBe(draft.id);
    expect(draft).toMatchObject({
      contactEmail: service.email,
      currency: service.acceptance.currency,
      status: "proposed",
    });
    const workload = (draft.demand as { ramGb: number }).ramGb;
    expect(workload).toBeGreaterThan(capacity.ramGb);
    const mails = await mailsTo(db, service.email, "capacity_upgrade");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.textBody).toMatch(/\/q\/[A-Za-z0-9_-]{43}/);
    expect(mails[0]!.textBody).toContain("Memory");

    // Another review while the draft is open drafts nothing more.
    const again = await staffPost(service.tech.cookie, service.quoteId, asForm(at(capacity, { ramGb: 0.7 })));
    expect(again.status).toBe(200);
    expect(again.data.notice).toContain("already open");
    expect(await upgradesOf(db, service.acceptance.id)).toHaveLength(1);
    expect((await reviewsOf(db, service.quoteId)).at(-1)!.upgradeQuoteRequestId).toBeNull();
    expect(await mailsTo(db, service.email, "capacity_upgrade")).toHaveLength(1);

    // Staff see the projection and the draft; the customer sees what runs out and the proposal.
    const staffPage = await callLoader(
      capacityLoader,
      req(`/staff/services/${service.quoteId}/capacity`, service.tech.cookie),
      { id: service.quoteId },
    );
    expect(staffPage.data.openUpgrade?.id).toBe(draft.id);
    expect(staffPage.data.history.some((h) => h.drafted?.id === draft.id)).toBe(true);
    expect(staffPage.data.latest!.projections.find((p) => p.resource === "ram")!.soon).toBe(true);
    const page = await callLoader(serviceLoader, req(`/account/services/${service.quoteId}`, service.cookie), {
      id: service.quoteId,
    });
    expect(page.data.capacity!.upgrade!.quoteId).toBe(draft.id);
    expect(page.data.capacity!.resources.find((r) => r.resource === "ram")!.soon).toBe(true);

    // The customer opens it from their account and accepts it like any quote: the upgrade is ordered.
    const opened = await callAction(
      accountAction,
      req("/account", service.cookie, { intent: "open", quoteId: draft.id }),
    );
    expect(opened.status).toBe(303);
    const token = opened.location!.replace("/q/", "");
    const running = service.acceptance.monthlyMinor;
    const tier = (await tierPrices(db, draft.id)).find((t) => t.version === 1 && t.monthlyMinor >= running)!;
    expect(tier).toBeDefined();
    const accept = await callAction(
      quoteAction,
      req(`/q/${token}`, service.cookie, {
        intent: "accept",
        version: "1",
        tier: tier.tier,
        termsVersion: TERMS_VERSION,
        terms: "yes",
        name: "Gro Wing",
        company: "Growing Co",
        email: service.email,
        poNumber: "",
        upgrade: service.acceptance.id,
      }),
      { token },
    );
    expect(accept.status).toBe(303);
    const [ordered] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, draft.id));
    expect(ordered).toMatchObject({ dueNowMinor: 0, monthlyMinor: tier.monthlyMinor });
    const [won] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, draft.id));
    expect(won!.status).toBe("won");
    expect(await mailsTo(db, service.email, "upgrade_ordered")).toHaveLength(1);

    // Accepted, the draft is no longer open: the next review that finds a shortage drafts a new one.
    const later = await staffPost(service.tech.cookie, service.quoteId, asForm(at(capacity, { ramGb: 0.75 })));
    expect(later.data.notice).toContain("upgrade quote was drafted");
    expect(await upgradesOf(db, service.acceptance.id)).toHaveLength(2);
  });

  it("two reviews at once that both find a shortage draft one upgrade quote", async () => {
    const db = database().db;
    const service = await handedOver(db, "race");
    const capacity = await capacityOfService(db, service.quoteId);
    const hot = at(capacity, { cpu: 0.95 });
    const results = await Promise.all(
      [0, 1].map(() =>
        recordCapacityReview(db, {
          serviceId: service.quoteId,
          source: "technician",
          usage: hot,
          smart: {},
          recordedBy: null,
        }),
      ),
    );
    expect(results.map((r) => r!.review.findings.upgradeFor)).toEqual([["cpu"], ["cpu"]]);
    expect(results.filter((r) => r!.drafted).length).toBe(1);
    expect(results.filter((r) => r!.alreadyOpen).length).toBe(1);
    const drafts = await upgradesOf(db, service.acceptance.id);
    expect(drafts).toHaveLength(1);
    // Sized for what runs out: more CPU than the service has, at the engine's 65 % target.
    expect((drafts[0]!.demand as { vcpu: number }).vcpu).toBeGreaterThanOrEqual(capacity.cpu * (0.95 / 0.65) - 1);
    expect(await mailsTo(db, service.email, "capacity_upgrade")).toHaveLength(1);
  });

  it("no growth, nothing near the threshold: no draft, no e-mail; the capacity is what was delivered", async () => {
    const db = database().db;
    const service = await handedOver(db, "steady");
    const tech = await createStaff(db, "technician");
    // A delivered server with measured facts: its capacity is what the check script measured.
    const [item] = await db
      .select()
      .from(provisioningItems)
      .where(eq(provisioningItems.quoteRequestId, service.quoteId));
    const facts = serverFactsSchema.parse({
      hostname: "steady-1",
      kernel: "6.1",
      cpu: { model: "EPYC", threads: 12 },
      memory: { totalGb: 62.5 },
      disks: [],
      raid: [],
      filesystems: [
        { mount: "/", sizeGb: 400, freeGb: 300 },
        { mount: "/boot", sizeGb: 1, freeGb: 0.5 },
        { mount: "/srv", sizeGb: 500, freeGb: 500 },
      ],
    });
    await db.insert(deliveredServers).values({
      provisioningItemId: item!.id,
      serverKey: "x-1",
      hostname: "steady-1",
      ipAddresses: ["192.0.2.20"],
      dataCentre: "FSN1",
      serial: "s1",
      facts,
      passed: true,
    });
    const capacity = await capacityOfService(db, service.quoteId);
    expect(capacity).toMatchObject({ cpu: 12, ramGb: 62.5, diskGb: 900 });
    const now = Date.now();
    for (const daysAgo of [90, 45])
      await recordCapacityReview(
        db,
        {
          serviceId: service.quoteId,
          source: "technician",
          usage: at(capacity, { ramGb: 0.4 }),
          smart: {},
          recordedBy: null,
        },
        new Date(now - daysAgo * DAY),
      );
    const posted = await staffPost(tech.cookie, service.quoteId, asForm(at(capacity, { ramGb: 0.4 })));
    expect(posted.status).toBe(200);
    expect(posted.data.notice).toContain("Nothing runs out");
    const last = (await reviewsOf(db, service.quoteId)).at(-1)!;
    expect(last.findings.upgradeFor).toEqual([]);
    expect(last.findings.runOuts.every((r) => r.at === null && !r.now)).toBe(true);
    expect(last.upgradeQuoteRequestId).toBeNull();
    expect(await upgradesOf(db, service.acceptance.id)).toHaveLength(0);
    expect(await mailsTo(db, service.email, "capacity_upgrade")).toHaveLength(0);
  });

  it("flags disks with SMART sectors above 0 and servers in service for 3 and 5 years, to staff and the customer (EN and ES)", async () => {
    const db = database().db;
    const service = await handedOver(db, "old");
    const tech = await createStaff(db, "technician");
    const capacity = await capacityOfService(db, service.quoteId);
    // Handed over five and a half years ago.
    await db.insert(quoteMessages).values({
      quoteRequestId: service.quoteId,
      authorType: "system",
      event: "handed_over",
      createdAt: new Date(Date.now() - 5.5 * 365.25 * DAY),
    });
    const posted = await staffPost(
      tech.cookie,
      service.quoteId,
      asForm(at(capacity, {}), { smart5: "0", smart197: "2" }),
    );
    expect(posted.status).toBe(200);
    expect(posted.data.notice).toContain("SMART 197");
    const [review] = await reviewsOf(db, service.quoteId);
    expect(review!.smart).toEqual({ "5": 0, "197": 2 });
    expect(review!.findings).toMatchObject({ diskWarnings: [197], age: "refresh" });

    const staffPage = await callLoader(
      capacityLoader,
      req(`/staff/services/${service.quoteId}/capacity`, tech.cookie),
      {
        id: service.quoteId,
      },
    );
    expect(staffPage.data.latest!.disk.join(" ")).toContain("SMART 197 (pending sectors)");
    expect(staffPage.data.latest!.age).toContain("5 years");
    const en = await callLoader(serviceLoader, req(`/account/services/${service.quoteId}`, service.cookie), {
      id: service.quoteId,
    });
    expect(en.data.capacity!.disk).toContain("SMART attribute 197");
    expect(en.data.capacity!.age).toContain("5 years or more");
    const spanish = new Request(`http://localhost/account/services/${service.quoteId}`, {
      headers: { Cookie: `${service.cookie}; tz=Europe%2FMadrid`, "Accept-Language": "es" },
    });
    const es = await callLoader(serviceLoader, spanish, { id: service.quoteId });
    expect(es.data.capacity!.disk).toContain("atributo SMART 197");
    expect(es.data.capacity!.age).toContain("5 años o más");
    expect(es.data.capacity!.lead).toBe(
      "Cada 3 meses comprobamos cuánta CPU, memoria, espacio en disco y tráfico de sus servidores usa y cuándo, al ritmo de crecimiento que vemos, se agotará algo.",
    );

    // Three years in: review, not refresh; the customer's own output with a reallocated sector.
    const younger = await handedOver(db, "mid");
    await db.insert(quoteMessages).values({
      quoteRequestId: younger.quoteId,
      authorType: "system",
      event: "handed_over",
      createdAt: new Date(Date.now() - 3.2 * 365.25 * DAY),
    });
    const sent = await customerPost(younger.cookie, younger.quoteId, {
      intent: "capacity_usage",
      output: usageDocument("mid-1", { cpu: 0.5, ramGb: 1, diskGb: 10, trafficTb: 0 }, { "5": 8, "197": 0 }),
    });
    expect(sent.status).toBe(200);
    const [mid] = await reviewsOf(db, younger.quoteId);
    expect(mid).toMatchObject({ source: "customer", recordedBy: null });
    expect(mid!.findings).toMatchObject({ diskWarnings: [5], age: "review" });
  });

  it("a customer sees and posts to their own running service only", async () => {
    const db = database().db;
    const mine = await handedOver(db, "mine");
    const theirs = await handedOver(db, "theirs");
    const output = usageDocument("host-1", { cpu: 1, ramGb: 2, diskGb: 20, trafficTb: 0 });

    // Someone else's service: not found, nothing written.
    const page = await callLoader(serviceLoader, req(`/account/services/${theirs.quoteId}`, mine.cookie), {
      id: theirs.quoteId,
    });
    expect(page.status).toBe(404);
    const foreign = await customerPost(mine.cookie, theirs.quoteId, { intent: "capacity_usage", output });
    expect(foreign.status).toBe(404);
    expect(await reviewsOf(db, theirs.quoteId)).toEqual([]);
    // Signed out: sent to sign in.
    const anonymous = await customerPost("", theirs.quoteId, { intent: "capacity_usage", output });
    expect([302, 303, 401]).toContain(anonymous.status);
    expect(await reviewsOf(db, theirs.quoteId)).toEqual([]);

    // Not handed over yet: no panel, nothing to review.
    const email = `early-${unique()}@example.com`;
    const early = await createQuote(db, { contact: { name: "Early", email } });
    const { acceptance } = await acceptFirstProposal(db, early.id, { name: "Early", email, paid: true });
    await db
      .insert(provisioningItems)
      .values({ quoteRequestId: early.id, acceptanceId: acceptance.id, status: "open" });
    const earlyCookie = await customerCookie(db, email);
    const earlyPage = await callLoader(serviceLoader, req(`/account/services/${early.id}`, earlyCookie), {
      id: early.id,
    });
    expect(earlyPage.data.capacity).toBeNull();
    expect((await customerPost(earlyCookie, early.id, { intent: "capacity_usage", output })).status).toBe(404);

    // Their own: recorded from the pasted output, shown on the page.
    const own = await customerPost(mine.cookie, mine.quoteId, { intent: "capacity_usage", output });
    expect(own.status).toBe(200);
    expect((own.data as unknown as { capacity: { ok: string } }).capacity.ok).toContain("(1 server)");
    const [review] = await reviewsOf(db, mine.quoteId);
    expect(review).toMatchObject({ source: "customer", usage: { cpu: 1, ramGb: 2, diskGb: 20, trafficTb: 0 } });
    const mineView = await callLoader(serviceLoader, req(`/account/services/${mine.quoteId}`, mine.cookie), {
      id: mine.quoteId,
    });
    expect(mineView.data.capacity!.last).toContain("from the output you sent");
    expect(mineView.data.capacity!.resources).toHaveLength(4);
  });

  it("bad input answers 400 with the field's message and writes nothing; sales may not see or record reviews", async () => {
    const db = database().db;
    const service = await handedOver(db, "strict");
    const tech = await createStaff(db, "technician");
    const ok = { cpu: "1", ramGb: "2", diskGb: "3", trafficTb: "0" };
    const cases: [Record<string, string>, string][] = [
      [{ intent: "review", ...ok, cpu: "" }, "cpu"],
      [{ intent: "review", ...ok, ramGb: "-1" }, "ramGb"],
      [{ intent: "review", ...ok, diskGb: "lots" }, "diskGb"],
      [{ intent: "review", ...ok, trafficTb: "1e9" }, "trafficTb"],
      [{ intent: "review", ...ok, smart197: "1.5" }, "smart197"],
      [{ intent: "review_output", output: "not json" }, "output"],
      [{ intent: "review_output", output: '{"hostname":"x"}' }, "output"],
      [{ intent: "cadence", months: "13" }, "months"],
      [{ intent: "cadence", months: "0" }, "months"],
      [{ intent: "nonsense" }, "intent"],
    ];
    for (const [form, field] of cases) {
      const answer = await staffPost(tech.cookie, service.quoteId, form);
      expect(answer.status, JSON.stringify(form)).toBe(400);
      expect(answer.data.errors.map((e) => e.path)).toContain(field);
      expect(answer.data.errors.every((e) => e.message.length > 0)).toBe(true);
    }
    for (const output of ["", "not json", '{"kind":"usage"}']) {
      const answer = await customerPost(service.cookie, service.quoteId, { intent: "capacity_usage", output });
      expect(answer.status).toBe(400);
      const errors = (answer.data as unknown as { capacity: { errors: { path: string; message: string }[] } }).capacity
        .errors;
      expect(errors[0]!.path).toBe("output");
    }
    const duplicate = usageDocument("same", { cpu: 1, ramGb: 1, diskGb: 1, trafficTb: 0 });
    const twice = await customerPost(service.cookie, service.quoteId, {
      intent: "capacity_usage",
      output: `${duplicate}\n${duplicate}`,
    });
    expect(twice.status).toBe(400);
    expect(await reviewsOf(db, service.quoteId)).toEqual([]);
    expect(await db.select().from(serviceSettings).where(eq(serviceSettings.quoteRequestId, service.quoteId))).toEqual(
      [],
    );

    // Not a running service, or not an id: 404.
    expect(
      (await staffPost(tech.cookie, "00000000-0000-4000-8000-000000000000", { intent: "review", ...ok })).status,
    ).toBe(404);
    expect((await staffPost(tech.cookie, "x", { intent: "review", ...ok })).status).toBe(404);
    // Sales read no operations.
    const sales = await createStaff(db, "sales");
    expect((await staffPost(sales.cookie, service.quoteId, { intent: "review", ...ok })).status).toBe(403);
    const salesPage = await callLoader(
      capacityLoader,
      req(`/staff/services/${service.quoteId}/capacity`, sales.cookie),
      {
        id: service.quoteId,
      },
    );
    expect(salesPage.status).toBe(403);
    expect(await reviewsOf(db, service.quoteId)).toEqual([]);
  });

  it("the cadence: never reviewed is due; the next review is due the setting's months after the last", async () => {
    const db = database().db;
    const service = await handedOver(db, "cadence");
    const admin = await createStaff(db, "admin");
    const now = new Date();
    const due = async () =>
      (await dueCapacityReviews(db, now, 10_000)).find((d) => d.quoteRequestId === service.quoteId);
    expect(await due()).toMatchObject({ lastReviewAt: null, dueAt: null });

    const capacity = await capacityOfService(db, service.quoteId);
    await recordCapacityReview(
      db,
      { serviceId: service.quoteId, source: "technician", usage: at(capacity, {}), smart: {}, recordedBy: null },
      new Date(now.getTime() - 40 * DAY),
    );
    // Quarterly by default: reviewed 40 days ago, not due.
    expect(await due()).toBeUndefined();
    const set = await staffPost(admin.cookie, service.quoteId, { intent: "cadence", months: "1" });
    expect(set.status).toBe(200);
    const [settings] = await db
      .select()
      .from(serviceSettings)
      .where(eq(serviceSettings.quoteRequestId, service.quoteId));
    // Only the cadence is set; the other settings keep their defaults.
    expect(settings).toMatchObject({ reviewEveryMonths: 1, creditPolicy: null, incidentTargets: {}, timeZone: null });
    const monthly = await due();
    expect(monthly!.lastReviewAt!.getTime()).toBe(now.getTime() - 40 * DAY);
    expect(monthly!.dueAt!.getTime()).toBeLessThan(now.getTime());

    const page = await callLoader(capacityLoader, req(`/staff/services/${service.quoteId}/capacity`, admin.cookie), {
      id: service.quoteId,
    });
    expect(page.data).toMatchObject({ months: 1, overdue: true });
    const board = await callLoader(operationsLoader, req("/staff/operations", admin.cookie));
    expect(board.data.capacityDue.map((c) => c.id)).toContain(service.quoteId);

    // A review now: no longer due.
    await staffPost(admin.cookie, service.quoteId, asForm(at(capacity, {})));
    expect(await due()).toBeUndefined();
    const count = await db.select({ n: sql<number>`count(*)::int` }).from(serviceSettings);
    expect(count[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it("specdesk-check.sh --usage prints one document the form accepts; without the flag its output is unchanged", async () => {
    const db = database().db;
    const printed = execFileSync("sh", [SCRIPT, "--usage"], { encoding: "utf8" });
    const document = usageOutputSchema.parse(JSON.parse(printed));
    expect(document.kind).toBe("usage");
    expect(document.cpu.busyCores).toBeLessThanOrEqual(Math.max(document.cpu.threads, 0));
    expect(document.memory.usedGb).toBeLessThanOrEqual(document.memory.totalGb);
    expect(document.disk.usedGb).toBeCloseTo(
      document.filesystems.reduce((n, f) => n + f.usedGb, 0),
      1,
    );
    expect(parseUsageOutput(printed)).toMatchObject({ ok: true, hostnames: [document.hostname] });
    // Without smartctl, no SMART values; the facts output (no flag) is still the facts document.
    expect(serverFactsSchema.safeParse(JSON.parse(execFileSync("sh", [SCRIPT], { encoding: "utf8" }))).success).toBe(
      true,
    );

    // With smartctl: the watched attributes' raw values of every disk the script looks at.
    const bin = mkdtempSync(path.join(tmpdir(), "smartctl-"));
    writeFileSync(
      path.join(bin, "smartctl"),
      [
        "#!/bin/sh",
        'echo "ID# ATTRIBUTE_NAME          FLAG     VALUE WORST THRESH TYPE      UPDATED  WHEN_FAILED RAW_VALUE"',
        'echo "  5 Reallocated_Sector_Ct   0x0033   100   100   010    Pre-fail  Always       -       3"',
        'echo "  9 Power_On_Hours          0x0032   099   099   000    Old_age   Always       -       4000"',
        'echo "197 Current_Pending_Sector  0x0012   100   100   000    Old_age   Always       -       0"',
        'echo "198 Offline_Uncorrectable   0x0010   100   100   000    Old_age   Offline      -       12 (0 0)"',
        "",
      ].join("\n"),
    );
    chmodSync(path.join(bin, "smartctl"), 0o755);
    const withSmart = usageOutputSchema.parse(
      JSON.parse(
        execFileSync("sh", [SCRIPT, "--usage"], {
          encoding: "utf8",
          env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
        }),
      ),
    );
    const disks = readdirSync("/sys/block").filter((d) => !/^(loop|ram|zram|dm-|md|sr|fd|nbd)/.test(d));
    expect(withSmart.smart.map((s) => s.disk).sort()).toEqual(disks.sort());
    for (const disk of withSmart.smart) expect(disk.raw).toEqual({ "5": 3, "197": 0, "198": 12 });

    // The customer's form takes the real output.
    const service = await handedOver(db, "script");
    const sent = await customerPost(service.cookie, service.quoteId, { intent: "capacity_usage", output: printed });
    expect(sent.status).toBe(200);
    expect((await reviewsOf(db, service.quoteId))[0]!.usage.ramGb).toBeCloseTo(document.memory.usedGb, 2);
  });
});
