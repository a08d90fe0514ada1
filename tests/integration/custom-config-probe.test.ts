/**
 * Hostile and careless input against the custom-configuration builder (staff review page) and the
 * customer's "ask a technician" / accept intents: every refusal is a 4xx with a field-level message,
 * nothing is half-written, money stays within what the columns hold, and nothing is duplicated.
 */
import { and, count, countDistinct, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import {
  acceptances,
  auditLog,
  outboxMessages,
  proposalLines,
  proposalVersions,
  proposals,
  quoteMessages,
  reviewItems,
  serverModels,
} from "#db/schema";
import { parseEuros } from "~/domain/custom-configuration";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { resources } from "~/locales";
import { latestVersion } from "~/models/proposal-version.server";
import { action as quotePageAction } from "~/routes/q.$token/route";
import { action as shareAction } from "~/routes/s.$token";
import { action as queueAction } from "~/routes/staff.review._index/route";
import { action as itemAction, loader as itemLoader } from "~/routes/staff.review.$id/route";
import { TERMS_VERSION } from "~/utils/terms";
import { createQuote, createShareLink, createStaff, unique } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Every text the server answers with, the browser's and the server-only ones (app/locales/index.ts). */
const en = resources.en.translation;

/** Two GPUs in one machine: nothing in the catalog fits, so the quote waits for a technician with nothing proposed. */
const gpuRequest = (): QuoteRequestInput => ({
  requirements: { availability: "standard", termMonths: 36, region: "eu" },
  workloads: [{ kind: "raw", name: "Inference", vcpu: 16, ramGb: 64, storageGb: 500, gpu: 2 }],
  contact: { name: "Ada Probe", email: `ada.probe-${unique()}@example.com` },
});

/** 99.9 % without review: Resilient is proposed at 99.99 % and cannot be accepted directly. */
const highRequest = (): QuoteRequestInput => ({
  requirements: { availability: "high", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Rita Probe", email: `rita.probe-${unique()}@example.com` },
});

type Answer = { errors?: { path: string; message: string }[]; ok?: string };
type CommerceAnswer = { commerce: { errors: { path: string; message: string }[]; reason: string | null } };

/** A form POST whose body may repeat a field (URLSearchParams keeps both). */
function rawPost(url: string, cookie: string | undefined, pairs: [string, string][]) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: {
      ...(cookie ? { Cookie: cookie } : {}),
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(pairs),
  });
}

const base = { intent: "custom", tier: "lean", availability: "standard", reason: "Two GPUs for inference" };

/** Every row a custom configuration writes for a quote, counted. */
async function written(db: Database, quoteId: string) {
  const [[v], [p], [l], [a]] = await Promise.all([
    db.select({ n: count() }).from(proposalVersions).where(eq(proposalVersions.quoteRequestId, quoteId)),
    db.select({ n: count() }).from(proposals).where(eq(proposals.quoteRequestId, quoteId)),
    db
      .select({ n: count() })
      .from(proposalLines)
      .innerJoin(proposals, eq(proposals.id, proposalLines.proposalId))
      .where(eq(proposals.quoteRequestId, quoteId)),
    db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, quoteId), eq(auditLog.action, "custom_configuration"))),
  ]);
  return { versions: v!.n, proposals: p!.n, lines: l!.n, audits: a!.n };
}

describe("parseEuros (the server's reading of an amount in euros)", () => {
  it.each(["1e3", "12,345.67", "NaN", "Infinity", "-Infinity", "0x10", "1 000", "", " ", "12.50.1", "--1", "+5", ".5"])(
    "%j is not an amount",
    (text) => {
      expect(parseEuros(text)).toEqual({ ok: false, reason: "format" });
    },
  );

  it("three decimals, negatives and more than the cap are refused with their own reason", () => {
    expect(parseEuros("1.005")).toEqual({ ok: false, reason: "decimals" });
    expect(parseEuros("12,345")).toEqual({ ok: false, reason: "decimals" });
    expect(parseEuros("-10")).toEqual({ ok: false, reason: "negative" });
    expect(parseEuros("1000000.01")).toEqual({ ok: false, reason: "too_large" });
    expect(parseEuros("999999999,99")).toEqual({ ok: false, reason: "too_large" });
    expect(parseEuros("1000000")).toEqual({ ok: true, minor: 100_000_000 });
  });

  it('"-0" is zero, not negative zero', () => {
    const parsed = parseEuros("-0");
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && Object.is(parsed.minor, 0)).toBe(true);
    const negative = parseEuros("-0,00", { allowNegative: true });
    expect(negative.ok && Object.is(negative.minor, 0)).toBe(true);
  });
});

describe.each(TEST_DATABASES)("custom configuration and ask-a-technician probes on $name", (target) => {
  const database = useTestDatabase(target);

  /** A GPU request in review with nothing proposed; `claim` false leaves it in the queue. */
  async function gpuItem(claim = true) {
    const db = database().db;
    const quote = await createQuote(db, {}, gpuRequest());
    expect(quote.status).toBe("needs_review");
    const itemId = quote.reviewItemId!;
    const tech = await createStaff(db, "technician");
    if (claim) {
      const claimed = await callAction(queueAction, req("/staff/review", tech.cookie, { intent: "claim", id: itemId }));
      expect(claimed.status).toBe(302);
    }
    const post = (cookie: string, form: Record<string, string>) =>
      callAction(itemAction, req(`/staff/review/${itemId}`, cookie, form), { id: itemId });
    const postPairs = (cookie: string, pairs: [string, string][]) =>
      callAction(itemAction, rawPost(`/staff/review/${itemId}`, cookie, pairs), { id: itemId });
    return { db, quote, itemId, tech, post, postPairs };
  }

  it("refuses hostile prices field by field, and writes nothing", async () => {
    const { db, quote, tech, post } = await gpuItem();
    const before = await written(db, quote.id);
    const cases: [string, string][] = [
      ["1e3", "Enter an amount in euros, such as 12.50 or 12,50."],
      ["12,345.67", "Enter an amount in euros, such as 12.50 or 12,50."],
      ["NaN", "Enter an amount in euros, such as 12.50 or 12,50."],
      ["Infinity", "Enter an amount in euros, such as 12.50 or 12,50."],
      ["1e15", "Enter an amount in euros, such as 12.50 or 12,50."],
      ["1000000000000000", "Enter an amount in euros, such as 12.50 or 12,50."],
      ["12.345", "Use at most 2 decimals (whole cents), such as 12.50."],
      ["-0.01", "The amount cannot be negative."],
      ["1000000.01", "The amount is too large (at most 1,000,000 €)."],
    ];
    for (const [monthly, message] of cases) {
      const answer = await post(tech.cookie, { ...base, line0_description: "GPU", line0_monthly: monthly });
      expect(answer.status, monthly).toBe(400);
      expect((answer.data as Answer).errors, monthly).toEqual([
        { path: "configuration.custom.0.monthly", message: `Custom line 1, monthly price (€): ${message}` },
      ]);
    }
    // A setup price typed carelessly is named as the setup price of its row.
    const setup = await post(tech.cookie, {
      ...base,
      line2_description: "Fitting",
      line2_monthly: "1",
      line2_setup: "12,345.67",
    });
    expect(setup.status).toBe(400);
    expect((setup.data as Answer).errors![0]!.message).toBe(
      "Custom line 3, setup price (€): Enter an amount in euros, such as 12.50 or 12,50.",
    );
    // A price without a description is a line without a description.
    const nameless = await post(tech.cookie, { ...base, line0_monthly: "10" });
    expect(nameless.status).toBe(400);
    expect((nameless.data as Answer).errors![0]!.message).toMatch(/^Custom line 1, description: /);
    expect(await written(db, quote.id)).toEqual(before);
    expect(await latestVersion(db, quote.id)).toBe(0);
  });

  it("refuses hostile quantities of products and custom lines", async () => {
    const { db, quote, tech, post } = await gpuItem();
    for (const qty of ["1e9", "1000000000", "1001", "1.5", "-1", "-0", "NaN", "Infinity", "abc", "2,5"]) {
      const product = await post(tech.cookie, { ...base, qty_gex131: qty });
      expect(product.status, qty).toBe(400);
      const [error, ...more] = (product.data as Answer).errors!;
      expect(more, qty).toEqual([]);
      expect(error!.message, qty).toMatch(/^Product gex131: /);
      const line = await post(tech.cookie, {
        ...base,
        line1_description: "Rack space",
        line1_monthly: "10",
        line1_quantity: qty,
      });
      expect(line.status, qty).toBe(400);
      expect((line.data as Answer).errors![0]!.message, qty).toMatch(/^Custom line 2, quantity: /);
    }
    expect(await latestVersion(db, quote.id)).toBe(0);
  });

  it("refuses unknown, retired and malformed SKUs, and writes nothing", async () => {
    const { db, quote, tech, post } = await gpuItem();
    const unknown = await post(tech.cookie, { ...base, qty_gex131: "1", "qty_no-such-server": "1" });
    expect(unknown.status).toBe(400);
    expect((unknown.data as Answer).errors).toEqual([
      { path: "items", message: en.errors.unknown_sku.replace("{{sku}}", "no-such-server") },
    ]);
    const control = await post(tech.cookie, { ...base, "qty_gex131\u0000": "1" });
    expect(control.status).toBe(400);
    const long = await post(tech.cookie, { ...base, [`qty_${"x".repeat(61)}`]: "1" });
    expect(long.status).toBe(400);

    // A product retired from the catalog is no longer offered.
    await db.update(serverModels).set({ status: "retired" }).where(eq(serverModels.sku, "gex44"));
    try {
      const retired = await post(tech.cookie, { ...base, qty_gex44: "1" });
      expect(retired.status).toBe(400);
      expect((retired.data as Answer).errors![0]!.message).toBe(en.errors.unknown_sku.replace("{{sku}}", "gex44"));
    } finally {
      await db.update(serverModels).set({ status: "active" }).where(eq(serverModels.sku, "gex44"));
    }
    expect(await written(db, quote.id)).toMatchObject({ versions: 1, proposals: 0, lines: 0, audits: 0 });
  });

  it("refuses a tier or availability outside the lists, bad descriptions and bad notes", async () => {
    const { db, quote, tech, post } = await gpuItem();
    const line = { line0_description: "GPU", line0_monthly: "450" };
    const refusals: Record<string, string>[] = [
      { ...base, ...line, tier: "platinum" },
      { ...base, ...line, tier: "Lean" },
      { ...base, ...line, availability: "ultra" },
      { ...base, ...line, availability: "" },
      { ...base, ...line, reason: "" },
      { ...base, ...line, reason: "x".repeat(1001) },
      { ...base, ...line, reason: "note\u0000with a NUL" },
      { ...base, line0_description: "x".repeat(201), line0_monthly: "450" },
      { ...base, line0_description: "GPU\u0007bell", line0_monthly: "450" },
      { ...base, line0_description: "GPU\nsecond line", line0_monthly: "450" },
    ];
    for (const form of refusals) {
      const answer = await post(tech.cookie, form);
      expect(answer.status, JSON.stringify(form)).toBe(400);
      for (const e of (answer.data as Answer).errors!)
        expect(e.message.length, JSON.stringify(form)).toBeGreaterThan(0);
    }
    expect(await latestVersion(db, quote.id)).toBe(0);
  });

  it("a price at the cap on a 36-month term is stored exactly", async () => {
    const { db, quote, tech, post } = await gpuItem();
    const capped = await post(tech.cookie, {
      ...base,
      line0_description: "Managed GPU cluster",
      line0_monthly: "50000",
      line0_setup: "1000000",
    });
    expect((capped.data as Answer).ok).toBe("Built lean: saved as version 2.");
    const [row] = await db
      .select()
      .from(proposals)
      .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, 2)));
    expect(row!.setupMinor).toBe(100_000_000);
    expect(row!.monthlyMinor).toBeLessThan(5_000_000);
    expect(row!.termTotalMinor).toBe(row!.setupMinor + 36 * row!.monthlyMinor);
    expect(await written(db, quote.id)).toMatchObject({ versions: 2, proposals: 1, lines: 2, audits: 1 });
  });

  it("a repeated product field cannot carry more than the quantity cap", async () => {
    const { db, quote, tech, postPairs } = await gpuItem();
    const pairs: [string, string][] = [
      ...Object.entries(base),
      ...Array.from({ length: 3 }, (): [string, string] => ["qty_gex131", "1000"]),
    ];
    const answer = await postPairs(tech.cookie, pairs);
    expect(answer.status).toBe(400);
    expect((answer.data as Answer).errors!.map((e) => e.message)).toEqual([
      "Product gex131: Picked more than once: enter its total quantity once.",
      "Product gex131: Picked more than once: enter its total quantity once.",
    ]);
    expect(await latestVersion(db, quote.id)).toBe(0);
    // A repeated tier field: the first one counts, as for every other form field.
    const tiers = await postPairs(tech.cookie, [
      ["intent", "custom"],
      ["tier", "balanced"],
      ["tier", "platinum"],
      ["availability", "high"],
      ["reason", "Spare GPU box"],
      ["qty_gex131", "2"],
    ]);
    expect((tiers.data as Answer).ok).toBe("Built balanced: saved as version 2.");
  });

  it("an unclaimed item, another technician and a sales user cannot build; another quote's proposal cannot be adjusted", async () => {
    const { db, quote, tech, post } = await gpuItem(false);
    const form = { ...base, qty_gex131: "2" };
    const unclaimed = await post(tech.cookie, form);
    expect(unclaimed.status).toBe(403);
    expect((unclaimed.data as Answer).errors![0]!.message).toBe(en.errors.not_assignee);
    const sales = await createStaff(db, "sales");
    expect((await post(sales.cookie, form)).status).toBe(403);
    expect(await written(db, quote.id)).toMatchObject({ versions: 1, proposals: 0, audits: 0 });

    // The same technician holds another quote, whose proposal they name on this item's page.
    const other = await gpuItem();
    const built = await other.post(other.tech.cookie, form);
    expect((built.data as Answer).ok).toBe("Built lean: saved as version 2.");
    const [foreign] = await db
      .select()
      .from(proposals)
      .where(and(eq(proposals.quoteRequestId, other.quote.id), eq(proposals.version, 2)));
    const mine = await gpuItem();
    await mine.post(mine.tech.cookie, form);
    const cross = await callAction(
      itemAction,
      req(`/staff/review/${mine.itemId}`, other.tech.cookie, {
        intent: "adjust",
        proposalId: foreign!.id,
        reason: "Cheaper",
        "adjustment.op": "custom",
        "adjustment.description": "Discount",
        "adjustment.monthly": "1",
      }),
      { id: mine.itemId },
    );
    expect(cross.status).toBeGreaterThanOrEqual(400);
    expect(cross.status).toBeLessThan(500);
    const adjustedOwn = await mine.post(mine.tech.cookie, {
      intent: "adjust",
      proposalId: foreign!.id,
      reason: "Cheaper",
      "adjustment.op": "custom",
      "adjustment.description": "Discount",
      "adjustment.monthly": "1",
    });
    expect(adjustedOwn.status).toBeGreaterThanOrEqual(400);
    expect(adjustedOwn.status).toBeLessThan(500);
    expect(await latestVersion(db, other.quote.id)).toBe(2);
    expect(await latestVersion(db, mine.quote.id)).toBe(2);
  });

  it("the preview on the review page answers bad input with problems, not a crash", async () => {
    const { tech, itemId } = await gpuItem();
    const page = (query: string) =>
      callLoader(itemLoader, req(`/staff/review/${itemId}${query}`, tech.cookie), { id: itemId });
    const hostile = await page("?qty_gex131=1e9&line0_description=X&line0_monthly=NaN&tier=platinum");
    expect(hostile.status).toBe(200);
    expect(hostile.data.custom.preview).toBeNull();
    expect(hostile.data.custom.problems).toContain(
      "Custom line 1, monthly price (€): Enter an amount in euros, such as 12.50 or 12,50.",
    );
    const unknown = await page("?qty_nope=1");
    expect(unknown.status).toBe(200);
    expect(unknown.data.custom.problems).toEqual([en.errors.unknown_sku.replace("{{sku}}", "nope")]);
    const twice = await page("?qty_gex131=1&qty_gex131=1");
    expect(twice.status).toBe(200);
    expect(twice.data.custom.problems).toEqual([
      "Product gex131: Picked more than once: enter its total quantity once.",
    ]);
  });

  describe("the customer's ask and accept", () => {
    const postQuote = (token: string, form: Record<string, string>) =>
      callAction(quotePageAction, req(`/q/${token}`, undefined, form), { token }, { clientIp: "203.0.113.9" });
    const postShare = (token: string, form: Record<string, string>) =>
      callAction(shareAction, req(`/s/${token}`, undefined, form), { token }, { clientIp: "203.0.113.10" });
    const ask = (tier: string, version = "1") => ({ intent: "ask_technician", version, tier });

    async function traces(db: Database, quoteId: string) {
      const items = await db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quoteId));
      const [m] = await db
        .select({ n: count() })
        .from(quoteMessages)
        .where(and(eq(quoteMessages.quoteRequestId, quoteId), eq(quoteMessages.event, "technician_requested")));
      return { items: items.length, requests: m!.n };
    }

    it("refuses malformed asks with field-level errors and opens nothing", async () => {
      const db = database().db;
      const quote = await createQuote(db, {}, highRequest());
      for (const form of [
        ask("platinum"),
        ask("Resilient"),
        ask("resilient", "abc"),
        ask("resilient", "0"),
        ask("resilient", "1e9"),
        ask("resilient", "1.5"),
        { intent: "ask_technician", tier: "resilient" },
      ]) {
        const answer = await postQuote(quote.token, form);
        expect(answer.status, JSON.stringify(form)).toBe(400);
        expect((answer.data as CommerceAnswer).commerce.errors.length, JSON.stringify(form)).toBeGreaterThan(0);
      }
      expect(await traces(db, quote.id)).toMatchObject({ items: 0, requests: 0 });
    });

    it("a tier the version does not have is refused; an acceptable one opens nothing", async () => {
      const db = database().db;
      const quote = await createQuote(db, {}, highRequest());
      const [{ n: tiers } = { n: -1 }] = await db
        .select({ n: count() })
        .from(proposals)
        .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, 1)));
      expect(tiers).toBeGreaterThan(0);
      // Remove Balanced from version 1 so that asking about it names a tier that does not exist.
      await db
        .delete(proposals)
        .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, 1), eq(proposals.tier, "balanced")));
      const missing = await postQuote(quote.token, ask("balanced"));
      expect(missing.status).toBe(409);
      expect((missing.data as CommerceAnswer).commerce.reason).toBe("no_such_tier");
      const acceptable = await postQuote(quote.token, ask("lean"));
      expect(acceptable.status).toBe(303);
      expect(await traces(db, quote.id)).toMatchObject({ items: 0, requests: 0 });
    });

    it("asking 20 times, one after another and at once, opens one item, one request, one e-mail", async () => {
      const db = database().db;
      await createStaff(db, "technician");
      const quote = await createQuote(db, {}, highRequest());
      const mailsBefore = (
        await db.select({ n: count() }).from(outboxMessages).where(eq(outboxMessages.template, "review_new"))
      )[0]!.n;
      for (let i = 0; i < 10; i++) expect((await postQuote(quote.token, ask("resilient"))).status).toBe(303);
      const { user: rep } = await createStaff(db, "sales");
      const link = await createShareLink(db, { quoteRequestId: quote.id, createdBy: rep.id });
      const together = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          i % 2 ? postQuote(quote.token, ask("resilient")) : postShare(link.token, ask("resilient")),
        ),
      );
      for (const answer of together) expect(answer.status).toBe(303);
      const after = await traces(db, quote.id);
      expect(after.items).toBe(1);
      expect(after.requests).toBe(1);
      const technicians = (
        await db.select({ n: count() }).from(outboxMessages).where(eq(outboxMessages.template, "review_new"))
      )[0]!.n;
      // One e-mail per technician for the one opened item, not one per click.
      const [item] = await db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quote.id));
      const [{ n: forItem } = { n: -1 }] = await db
        .select({ n: count() })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.template, "review_new"), like(outboxMessages.textBody, `%${item!.id}%`)));
      expect(forItem).toBeGreaterThan(0);
      expect(technicians - mailsBefore).toBe(forItem);
      // Each technician is told once.
      const [{ n: recipients } = { n: -1 }] = await db
        .select({ n: countDistinct(outboxMessages.toAddress) })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.template, "review_new"), like(outboxMessages.textBody, `%${item!.id}%`)));
      expect(recipients).toBe(forItem);
      const [{ n: audits } = { n: -1 }] = await db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.entityId, quote.id), eq(auditLog.action, "customer_requested_technician")));
      expect(audits).toBe(1);
      expect(item!.reasons.filter((r) => r.code === "critical_availability")).toHaveLength(1);
    });

    it("another quote's token cannot ask for or accept this quote", async () => {
      const db = database().db;
      const mine = await createQuote(db, {}, highRequest());
      const theirs = await createQuote(db, {}, highRequest());
      expect((await postQuote(theirs.token, ask("resilient"))).status).toBe(303);
      expect(await traces(db, mine.id)).toMatchObject({ items: 0, requests: 0 });
      expect((await traces(db, theirs.id)).items).toBe(1);
      const forged = await postQuote(`${mine.token.slice(0, -1)}x`, ask("resilient"));
      expect(forged.status).toBe(404);
    });

    it("a forged acceptance of the critical tier through a share link is refused, whatever the tier field says", async () => {
      const db = database().db;
      const quote = await createQuote(db, {}, highRequest());
      const { user: rep } = await createStaff(db, "sales");
      const link = await createShareLink(db, { quoteRequestId: quote.id, createdBy: rep.id });
      const accept = (tier: string) => ({
        intent: "accept",
        version: "1",
        tier,
        termsVersion: TERMS_VERSION,
        terms: "yes",
        name: "Rita Probe",
        email: "rita@example.com",
      });
      for (const tier of ["Resilient", "resilient ", "critical", "resilient\u0000", "99.99"]) {
        const answer = await postShare(link.token, accept(tier));
        expect(answer.status, tier).toBe(400);
        expect(
          (answer.data as CommerceAnswer).commerce.errors.map((e) => e.path),
          tier,
        ).toContain("tier");
      }
      const real = await postShare(link.token, accept("resilient"));
      expect(real.status).toBe(409);
      expect((real.data as CommerceAnswer).commerce.reason).toBe("needs_technician");
      // A repeated tier field: the last one counts (Object.fromEntries), and is refused all the same.
      const repeated = await callAction(
        shareAction,
        rawPost(`/s/${link.token}`, undefined, [...Object.entries(accept("lean")), ["tier", "resilient"]]),
        { token: link.token },
        { clientIp: "203.0.113.11" },
      );
      expect(repeated.status).toBe(409);
      const [{ n } = { n: -1 }] = await db
        .select({ n: count() })
        .from(acceptances)
        .where(eq(acceptances.quoteRequestId, quote.id));
      expect(n).toBe(0);
    });
  });
});
