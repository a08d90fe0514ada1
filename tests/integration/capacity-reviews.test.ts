import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
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
import { addMonths } from "~/domain/months";
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

  it("several uploaded files and pasted outputs are all parsed and summed, not only the last", async () => {
    const db = database().db;
    const post = (cookie: string, id: string, body: FormData | URLSearchParams) =>
      settle(() =>
        serviceAction({
          request: new Request(`http://localhost/account/services/${id}`, {
            method: "POST",
            headers: { Cookie: cookie },
            body,
          }),
          params: { id },
          context: {},
        }),
      );
    const okOf = (answer: { data: unknown }) => (answer.data as { capacity: { ok: string | null } }).capacity.ok;

    // Two files in the one file input (multipart, as the browser sends them) and a paste.
    const uploaded = await handedOver(db, "uploads");
    const files = new FormData();
    files.append("intent", "capacity_usage");
    files.append("output", usageDocument("paste-1", { cpu: 0.5, ramGb: 1, diskGb: 5, trafficTb: 0 }));
    for (const [host, u] of [
      ["web-1", { cpu: 1, ramGb: 2, diskGb: 20, trafficTb: 0 }],
      ["db-1", { cpu: 2, ramGb: 8, diskGb: 100, trafficTb: 0 }],
    ] as const)
      files.append("file", new File([usageDocument(host, u)], `${host}.json`, { type: "application/json" }));
    const sent = await post(uploaded.cookie, uploaded.quoteId, files);
    expect(sent.status).toBe(200);
    expect(okOf(sent)).toContain("(3 servers)");
    const [review] = await reviewsOf(db, uploaded.quoteId);
    expect(review!.usage).toEqual({ cpu: 3.5, ramGb: 11, diskGb: 125, trafficTb: 0 });

    // Two pasted outputs under the same name (two hostnames): both counted.
    const pasted = await handedOver(db, "pastes");
    const pastes = new URLSearchParams([
      ["intent", "capacity_usage"],
      ["output", usageDocument("app-1", { cpu: 1, ramGb: 3, diskGb: 30, trafficTb: 0 })],
      ["output", usageDocument("app-2", { cpu: 1.5, ramGb: 4, diskGb: 40, trafficTb: 0 })],
    ]);
    const both = await post(pasted.cookie, pasted.quoteId, pastes);
    expect(both.status).toBe(200);
    expect(okOf(both)).toContain("(2 servers)");
    const [twoHosts] = await reviewsOf(db, pasted.quoteId);
    expect(twoHosts!.usage).toEqual({ cpu: 2.5, ramGb: 7, diskGb: 70, trafficTb: 0 });
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

  it("the cadence: first due one cadence after the hand-over; then the setting's months after the last review", async () => {
    const db = database().db;
    const service = await billedService(db);
    const admin = await createStaff(db, "admin");
    const now = new Date();
    const due = async (at = now) =>
      (await dueCapacityReviews(db, at, 10_000)).find((d) => d.quoteRequestId === service.quoteId);
    const item = async () =>
      (await db.select().from(provisioningItems).where(eq(provisioningItems.quoteRequestId, service.quoteId)))[0]!;
    // Calendar months in UTC (addMonths works on seconds: the milliseconds are kept as they are).
    const months = (from: Date, n: number) =>
      new Date(addMonths(Math.floor(from.getTime() / 1000), n) * 1000 + (from.getTime() % 1000));

    // Handed over just now, never reviewed: not due now, due one quarter after the hand-over.
    const handedOverAt = (await item()).updatedAt;
    expect((await item()).capacityReviewDueAt).toEqual(months(handedOverAt, 3));
    expect(await due()).toBeUndefined();
    expect(await due(new Date(months(handedOverAt, 3).getTime() + 1000))).toMatchObject({
      lastReviewAt: null,
      dueAt: months(handedOverAt, 3),
    });
    const fresh = await callLoader(capacityLoader, req(`/staff/services/${service.quoteId}/capacity`, admin.cookie), {
      id: service.quoteId,
    });
    expect(fresh.data).toMatchObject({ overdue: false });
    // A new cadence counts from the hand-over while there is no review.
    expect((await staffPost(admin.cookie, service.quoteId, { intent: "cadence", months: "2" })).status).toBe(200);
    expect((await item()).capacityReviewDueAt).toEqual(months(handedOverAt, 2));

    const capacity = await capacityOfService(db, service.quoteId);
    const reviewedAt = new Date(now.getTime() - 40 * DAY);
    await recordCapacityReview(
      db,
      { serviceId: service.quoteId, source: "technician", usage: at(capacity, {}), smart: {}, recordedBy: null },
      reviewedAt,
    );
    // Every two months: reviewed 40 days ago, not due.
    expect((await item()).capacityReviewDueAt).toEqual(months(reviewedAt, 2));
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
    expect(monthly!.lastReviewAt!.getTime()).toBe(reviewedAt.getTime());
    expect(monthly!.dueAt).toEqual(months(reviewedAt, 1));
    expect(monthly!.dueAt.getTime()).toBeLessThan(now.getTime());

    const page = await callLoader(capacityLoader, req(`/staff/services/${service.quoteId}/capacity`, admin.cookie), {
      id: service.quoteId,
    });
    expect(page.data).toMatchObject({ months: 1, overdue: true });
    const board = await callLoader(operationsLoader, req("/staff/operations", admin.cookie));
    expect(board.data.capacityDue.map((c) => c.id)).toContain(service.quoteId);

    // A review now: no longer due, next due a month from now.
    await staffPost(admin.cookie, service.quoteId, asForm(at(capacity, {})));
    expect(await due()).toBeUndefined();
    const reviewed = (await reviewsOf(db, service.quoteId)).at(-1)!;
    expect((await item()).capacityReviewDueAt).toEqual(months(reviewed.recordedAt, 1));
    const count = await db.select({ n: sql<number>`count(*)::int` }).from(serviceSettings);
    expect(count[0]!.n).toBeGreaterThanOrEqual(1);

    // Migration 0031's backfill of running services gives what the app stores: the last review (else
    // the hand-over) plus the cadence.
    const other = await handedOver(db, "backfill");
    const stored = [(await item()).capacityReviewDueAt];
    const backfill = readFileSync("db/migrations/0031_board_indexes.sql", "utf8")
      .split("--> statement-breakpoint")
      .at(-1)!;
    await db
      .update(provisioningItems)
      .set({ capacityReviewDueAt: null })
      .where(inArray(provisioningItems.quoteRequestId, [service.quoteId, other.quoteId]));
    await db.execute(sql.raw(backfill));
    expect([(await item()).capacityReviewDueAt]).toEqual(stored);
    const [never] = await db
      .select()
      .from(provisioningItems)
      .where(eq(provisioningItems.quoteRequestId, other.quoteId));
    expect(never!.capacityReviewDueAt).toEqual(months(never!.updatedAt, 3));
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

    // (Exact figures, SMART values and de-duplicated filesystems: below, from a fake /proc and /sys.)

    // The customer's form takes the real output.
    const service = await handedOver(db, "script");
    const sent = await customerPost(service.cookie, service.quoteId, { intent: "capacity_usage", output: printed });
    expect(sent.status).toBe(200);
    expect((await reviewsOf(db, service.quoteId))[0]!.usage.ramGb).toBeCloseTo(document.memory.usedGb, 2);
  });
});

/** Issue 19 item 6: the script against a fake host (SPECDESK_PROC, SPECDESK_SYS; df, smartctl, hostname and uname on PATH). */
describe("specdesk-check.sh on a fake host", () => {
  /** A small host: two disks (and a loop device and an array it skips), a RAID 1, a Docker host's mounts. */
  function fakeHost() {
    const root = mkdtempSync(path.join(tmpdir(), "specdesk-host-"));
    const file = (name: string, text: string, mode?: number) => {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
      if (mode) chmodSync(path.join(root, name), mode);
    };
    const processor = (n: number) => `processor\t: ${n}\nmodel name\t: Test CPU 9000\n\n`;
    file("proc/cpuinfo", [0, 1, 2, 3].map(processor).join(""));
    file("proc/meminfo", "MemTotal:       16777216 kB\nMemFree:         1048576 kB\nMemAvailable:    4194304 kB\n");
    file("proc/loadavg", "1.50 2.25 6.00 3/345 12345\n");
    file("proc/uptime", "864000.50 1700000.00\n");
    file(
      "proc/net/dev",
      [
        "Inter-|   Receive                                                |  Transmit",
        " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
        "    lo: 999999999999 10 0 0 0 0 0 0 999999999999 10 0 0 0 0 0 0",
        "  eth0: 2000000000000 100 0 0 0 0 0 0 1000000000000 100 0 0 0 0 0 0",
        "",
      ].join("\n"),
    );
    // The root filesystem, /boot, a btrfs volume with a subvolume, a bind mount of the root
    // filesystem and a container's overlay: the root and the volume count once each.
    file(
      "proc/mounts",
      [
        "sysfs /sys sysfs rw 0 0",
        "proc /proc proc rw 0 0",
        "/dev/sda1 / ext4 rw,relatime 0 0",
        "/dev/sda2 /boot ext4 rw,relatime 0 0",
        "/dev/nvme0n1p1 /data btrfs rw,subvol=/ 0 0",
        "/dev/nvme0n1p1 /data/@snapshots btrfs rw,subvol=/@snapshots 0 0",
        "/dev/sda1 /srv/www ext4 rw,relatime 0 0",
        "overlay /var/lib/docker/overlay2/abc/merged overlay rw,lowerdir=/x,upperdir=/y,workdir=/z 0 0",
        "tmpfs /run tmpfs rw 0 0",
        "",
      ].join("\n"),
    );
    file(
      "proc/mdstat",
      "Personalities : [raid1]\nmd0 : active raid1 sdb1[1] sda1[0]\n      976630464 blocks super 1.2 [2/2] [UU]\n\nunused devices: <none>\n",
    );
    file("sys/block/sda/size", "1953525168\n");
    file("sys/block/sda/queue/rotational", "1\n");
    file("sys/block/nvme0n1/size", "1000215216\n");
    file("sys/block/nvme0n1/queue/rotational", "0\n");
    file("sys/block/loop0/size", "0\n");
    file("sys/block/md0/size", "1953260928\n");
    mkdirSync(path.join(root, "sys/class/net/docker0"), { recursive: true });
    file("sys/class/net/eth0/speed", "1000\n");
    file("sys/class/net/lo/speed", "10\n");
    // df -P -k <mount>, as the kernel would answer for these mounts (1 KiB blocks).
    file(
      "bin/df",
      [
        "#!/bin/sh",
        'for last in "$@"; do :; done',
        'echo "Filesystem 1024-blocks Used Available Capacity Mounted on"',
        'case "$last" in',
        '  /|/srv/www) echo "/dev/sda1 104857600 52428800 47185920 53% /" ;;',
        '  /boot) echo "/dev/sda2 1048576 209715 838861 20% /boot" ;;',
        '  /data|/data/@snapshots) echo "/dev/nvme0n1p1 209715200 20971520 188743680 10% /data" ;;',
        '  /var/lib/docker/overlay2/abc/merged) echo "overlay 104857600 52428800 47185920 53% $last" ;;',
        '  *) echo "df: $last: No such file or directory" >&2; exit 1 ;;',
        "esac",
        "",
      ].join("\n"),
      0o755,
    );
    file("bin/hostname", '#!/bin/sh\necho "fake-1"\n', 0o755);
    file("bin/uname", '#!/bin/sh\necho "6.1.0-test"\n', 0o755);
    file(
      "bin/smartctl",
      [
        "#!/bin/sh",
        'echo "ID# ATTRIBUTE_NAME          FLAG     VALUE WORST THRESH TYPE      UPDATED  WHEN_FAILED RAW_VALUE"',
        'echo "  5 Reallocated_Sector_Ct   0x0033   100   100   010    Pre-fail  Always       -       3"',
        'echo "  9 Power_On_Hours          0x0032   099   099   000    Old_age   Always       -       4000"',
        'echo "197 Current_Pending_Sector  0x0012   100   100   000    Old_age   Always       -       0"',
        'echo "198 Offline_Uncorrectable   0x0010   100   100   000    Old_age   Offline      -       12 (0 0)"',
        "",
      ].join("\n"),
      0o755,
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SPECDESK_PROC: path.join(root, "proc"),
      SPECDESK_SYS: path.join(root, "sys"),
      PATH: `${path.join(root, "bin")}:${process.env.PATH}`,
    };
    delete env.SPECDESK_MDSTAT;
    return (...args: string[]) =>
      JSON.parse(execFileSync("sh", [SCRIPT, ...args], { encoding: "utf8", env })) as unknown;
  }

  it("--usage: exact figures; overlay, bind mounts and subvolumes count once; every disk's SMART values", () => {
    const run = fakeHost();
    const printed = usageOutputSchema.parse(run("--usage"));
    expect(printed).toEqual({
      kind: "usage",
      hostname: "fake-1",
      measuredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      uptimeDays: 10,
      cpu: { threads: 4, load1: 1.5, load5: 2.25, load15: 6, busyCores: 4 },
      memory: { totalGb: 16, usedGb: 12 },
      // /boot is left out of the usage; /srv/www (the root filesystem again), /data/@snapshots (the
      // volume again) and the overlay (the root filesystem again) are not counted.
      filesystems: [
        { mount: "/", sizeGb: 100, usedGb: 50 },
        { mount: "/data", sizeGb: 200, usedGb: 20 },
      ],
      disk: { usedGb: 70 },
      traffic: { rxTb: 2, txTb: 1, sinceBootDays: 10, monthTb: 3 },
      smart: [
        { disk: "nvme0n1", raw: { "5": 3, "197": 0, "198": 12 } },
        { disk: "sda", raw: { "5": 3, "197": 0, "198": 12 } },
      ],
    });
    expect(parseUsageOutput(JSON.stringify(printed))).toMatchObject({
      ok: true,
      hostnames: ["fake-1"],
      usage: { cpu: 4, ramGb: 12, diskGb: 70, trafficTb: 3 },
      smart: { "5": 3, "197": 0, "198": 12 },
    });
  });

  it("without a flag: the facts document, each filesystem once", () => {
    const run = fakeHost();
    const facts = run();
    expect(serverFactsSchema.safeParse(facts).success).toBe(true);
    expect(facts).toEqual({
      hostname: "fake-1",
      kernel: "6.1.0-test",
      cpu: { model: "Test CPU 9000", threads: 4 },
      memory: { totalGb: 16 },
      disks: [
        { name: "nvme0n1", sizeGb: 512.1, rotational: false },
        { name: "sda", sizeGb: 1000.2, rotational: true },
      ],
      raid: [{ name: "md0", level: "raid1", state: "clean" }],
      filesystems: [
        { mount: "/", sizeGb: 100, freeGb: 45 },
        { mount: "/boot", sizeGb: 1, freeGb: 0.8 },
        { mount: "/data", sizeGb: 200, freeGb: 180 },
      ],
      nic: { name: "eth0", speedMbit: 1000 },
      fio: null,
    });
  });
});
