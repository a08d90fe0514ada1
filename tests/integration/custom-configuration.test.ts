import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { acceptances, proposalLines, proposalVersions, proposals, quoteRequests, reviewItems } from "#db/schema";
import { findPrice } from "~/domain/catalog";
import { basisPointsOf } from "~/domain/money";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { resources } from "~/locales";
import { loadCatalog } from "~/models/catalog.server";
import { latestVersion } from "~/models/proposal-version.server";
import { action as quotePageAction, loader as quotePageLoader } from "~/routes/q.$token/route";
import { action as queueAction } from "~/routes/staff.review._index/route";
import { action as itemAction, loader as itemLoader } from "~/routes/staff.review.$id/route";
import { TERMS_VERSION } from "~/utils/terms";
import { createQuote, createStaff } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Every text the server answers with, the browser's and the server-only ones (app/locales/index.ts). */
const en = resources.en.translation;

/** Two GPUs in one machine: no server in our catalog has more than one, so the engine proposes nothing. */
const gpuRequest: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "raw", name: "Inference", vcpu: 16, ramGb: 64, storageGb: 500, gpu: 2 }],
  contact: { name: "Ada GPU", email: "ada.gpu@example.com" },
};

const TYPED = 'NVIDIA L40S 48 GB "sourced" <for you> & fitted – montaje incluido';

type Answer = { errors?: { path: string; message: string }[]; ok?: string };

async function linesAt(db: Database, quoteId: string, version: number) {
  const rows = await db
    .select()
    .from(proposals)
    .where(and(eq(proposals.quoteRequestId, quoteId), eq(proposals.version, version)))
    .orderBy(asc(proposals.position));
  return Promise.all(
    rows.map(async (p) => ({
      proposal: p,
      lines: await db
        .select()
        .from(proposalLines)
        .where(eq(proposalLines.proposalId, p.id))
        .orderBy(asc(proposalLines.position)),
    })),
  );
}

describe.each(TEST_DATABASES)("custom configurations on $name", (target) => {
  const database = useTestDatabase(target);

  /** A GPU request in review with nothing proposed, claimed by a technician. */
  async function claimedGpuRequest(locale = "en") {
    const db = database().db;
    const quote = await createQuote(db, { locale }, gpuRequest);
    expect(quote.status).toBe("needs_review");
    const itemId = quote.reviewItemId!;
    const tech = await createStaff(db, "technician");
    const claim = await callAction(queueAction, req("/staff/review", tech.cookie, { intent: "claim", id: itemId }));
    expect(claim.status).toBe(302);
    const post = (cookie: string, form: Record<string, string>) =>
      callAction(itemAction, req(`/staff/review/${itemId}`, cookie, form), { id: itemId });
    const page = (cookie: string, query = "") =>
      callLoader(itemLoader, req(`/staff/review/${itemId}${query}`, cookie), { id: itemId });
    return { db, quote, itemId, tech, post, page };
  }

  it("a GPU request nothing fits: built from scratch, published, and accepted by the customer", async () => {
    const { db, quote, itemId, tech, post, page } = await claimedGpuRequest("es");
    // Nothing proposed: the review item's reasons say why, and there is no version with proposals.
    const [item] = await db.select().from(reviewItems).where(eq(reviewItems.id, itemId));
    expect(item!.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["no_catalog_fit", "gpu"]));
    expect(await latestVersion(db, quote.id)).toBe(0);

    // Publishing "version 0" is refused in words, not with a raw zod message.
    const empty = await post(tech.cookie, { intent: "publish", version: "0" });
    expect(empty.status).toBe(409);
    const emptyMessage = (empty.data as Answer).errors![0]!.message;
    expect(emptyMessage).toBe(en.errors.empty_version.replace("{{version}}", "0"));
    expect(emptyMessage).not.toMatch(/expected number|too small/i);
    // The page calls the engine's empty version what the customer does, version 1, and publishing it says why not.
    expect((await page(tech.cookie)).data.latest).toBe(1);
    const emptyOne = await post(tech.cookie, { intent: "publish", version: "1" });
    expect(emptyOne.status).toBe(409);
    expect((emptyOne.data as Answer).errors![0]!.message).toBe(en.errors.empty_version.replace("{{version}}", "1"));

    // The technician searches the catalog by spec.
    const gpus = await page(tech.cookie, "?q=gpu");
    expect(gpus.status).toBe(200);
    expect(gpus.data.custom.products.map((p) => p.sku).sort()).toEqual(["gex131", "gex44"]);
    expect(gpus.data.custom.demand.gpu).toBe(2);
    const l40s = await page(tech.cookie, "?q=L40S");
    expect(l40s.data.custom.products).toEqual([]);
    // A preview with one GPU server: capacity against the demand says GPUs fall short.
    const short = await page(tech.cookie, "?q=gpu&tier=lean&qty_gex131=1");
    expect(short.data.custom.preview!.check.find((c) => c.resource === "gpu")).toMatchObject({
      demand: 2,
      capacity: 1,
      enough: false,
    });
    // The pick stays on the form after another search.
    const kept = await page(tech.cookie, "?q=backup&qty_gex131=1");
    expect(kept.data.custom.products.find((p) => p.sku === "gex131")?.quantity).toBe("1");

    // An empty configuration is refused in words.
    const nothing = await post(tech.cookie, { intent: "custom", tier: "lean", availability: "standard", reason: "x" });
    expect(nothing.status).toBe(400);
    expect((nothing.data as Answer).errors![0]!.message).toBe(en.errors.empty_configuration);

    // Prices in euros: three decimals or a negative amount are field-level refusals.
    const badEuros = await post(tech.cookie, {
      intent: "custom",
      tier: "lean",
      availability: "standard",
      reason: "Two GPUs",
      line0_description: TYPED,
      line0_monthly: "450.005",
      line1_description: "Fitting",
      line1_monthly: "-10",
    });
    expect(badEuros.status).toBe(400);
    const messages = (badEuros.data as Answer).errors!.map((e) => e.message);
    expect(messages).toEqual([
      "Custom line 1, monthly price (€): Use at most 2 decimals (whole cents), such as 12.50.",
      "Custom line 2, monthly price (€): The amount cannot be negative.",
    ]);

    // First build: one GEX131 and the custom GPU line.
    const first = await post(tech.cookie, {
      intent: "custom",
      tier: "lean",
      availability: "standard",
      reason: "Two GPUs for your inference service",
      qty_gex131: "1",
      line0_description: TYPED,
      line0_quantity: "1",
      line0_monthly: "450,00",
      line0_setup: "100.50",
    });
    expect(first.status).toBe(200);
    expect((first.data as Answer).ok).toBe("Built lean: saved as version 2.");
    // Then the technician replaces the tier: two GEX131 (two GPUs) and the custom line twice.
    const second = await post(tech.cookie, {
      intent: "custom",
      tier: "lean",
      availability: "standard",
      reason: "Two GPUs for your inference service",
      qty_gex131: "2",
      line0_description: TYPED,
      line0_quantity: "2",
      line0_monthly: "450,00",
      line0_setup: "100.50",
    });
    expect((second.data as Answer).ok).toBe("Replaced lean: saved as version 3.");

    const catalog = await loadCatalog(db);
    const v2 = await linesAt(db, quote.id, 2);
    const v3 = await linesAt(db, quote.id, 3);
    expect(v2.map((p) => p.proposal.tier)).toEqual(["lean"]);
    expect(v2[0]!.lines.find((l) => l.sku === "gex131")!.quantity).toBe(1); // the earlier version is untouched
    expect(v3.map((p) => p.proposal.tier)).toEqual(["lean"]);
    const { proposal, lines } = v3[0]!;
    const gex = findPrice(catalog, "gex131")!;
    expect(lines.map((l) => [l.kind, l.sku, l.name, l.quantity])).toEqual([
      ["server", "gex131", "GEX131", 2],
      ["custom", null, TYPED, 2],
      ["discount", null, "term-12", 1],
    ]);
    expect(lines[0]).toMatchObject({ unitMonthlyMinor: gex.monthlyMinor, monthlyMinor: 2 * gex.monthlyMinor });
    expect(lines[1]).toMatchObject({ unitMonthlyMinor: 45_000, monthlyMinor: 90_000, setupMinor: 20_100 });
    const subtotal = 2 * gex.monthlyMinor + 90_000;
    expect(lines[2]!.monthlyMinor).toBe(-basisPointsOf(subtotal, catalog.priceBook.termDiscountBps[12]));
    expect(proposal.monthlyMinor).toBe(lines.reduce((s, l) => s + l.monthlyMinor, 0));
    expect(proposal.setupMinor).toBe(2 * gex.setupMinor + 20_100);
    expect(proposal.termTotalMinor).toBe(proposal.setupMinor + 12 * proposal.monthlyMinor);
    expect(proposal.availability).toBe("standard");
    const [v3row] = await db
      .select()
      .from(proposalVersions)
      .where(and(eq(proposalVersions.quoteRequestId, quote.id), eq(proposalVersions.version, 3)));
    expect(v3row).toMatchObject({ origin: "adjustment", basedOn: 2, createdBy: tech.user.id, publishedAt: null });

    // The existing adjust form takes euros too: a support line at 12,50 € a month.
    const badAdjust = await post(tech.cookie, {
      intent: "adjust",
      proposalId: proposal.id,
      reason: "Support",
      "adjustment.op": "custom",
      "adjustment.description": "Priority support",
      "adjustment.monthly": "12.505",
    });
    expect(badAdjust.status).toBe(400);
    expect((badAdjust.data as Answer).errors![0]).toMatchObject({
      path: "adjustment.monthly",
      message: "Monthly (€): Use at most 2 decimals (whole cents), such as 12.50.",
    });
    const adjusted = await post(tech.cookie, {
      intent: "adjust",
      proposalId: proposal.id,
      reason: "Support",
      "adjustment.op": "custom",
      "adjustment.description": "Priority support",
      "adjustment.monthly": "12,50",
    });
    expect((adjusted.data as Answer).ok).toBe("Saved as version 4.");
    const v4 = (await linesAt(db, quote.id, 4))[0]!;
    expect(v4.lines.find((l) => l.name === "Priority support")).toMatchObject({ monthlyMinor: 1250, setupMinor: 0 });

    // The technician's page shows the new tier; publishing it is allowed now.
    const reviewPage = await page(tech.cookie);
    expect(reviewPage.data.latest).toBe(4);
    expect(reviewPage.data.proposals.map((p) => p.tier)).toEqual(["lean"]);
    const published = await post(tech.cookie, { intent: "publish", version: "4" });
    expect(published.data).toMatchObject({ ok: "Version 4 published to the customer." });
    const [q] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote.id));
    expect(q).toMatchObject({ status: "published", publishedVersion: 4 });

    // The customer sees the custom tier, with the line as the technician typed it, and accepts it.
    const customerPage = await callLoader(quotePageLoader, req(`/q/${quote.token}`), { token: quote.token });
    expect(customerPage.status).toBe(200);
    const shown = customerPage.data.quote.proposals;
    expect(shown.map((p) => p.tier)).toEqual(["lean"]);
    expect(shown[0]!.lines.map((l) => l.name)).toContain(TYPED);
    expect(shown[0]!.servers).toEqual([expect.objectContaining({ sku: "gex131", quantity: 2 })]);
    const accept = await callAction(
      quotePageAction,
      req(`/q/${quote.token}`, undefined, {
        intent: "accept",
        version: "4",
        tier: "lean",
        termsVersion: TERMS_VERSION,
        terms: "yes",
        name: "Ada GPU",
        company: "",
        email: "ada.gpu@example.com",
        poNumber: "",
      }),
      { token: quote.token },
    );
    expect(accept.status).toBeLessThan(400);
    const [accepted] = await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id));
    expect(accepted).toMatchObject({ version: 4, tier: "lean", proposalId: v4.proposal.id });
    expect(accepted!.monthlyMinor).toBe(v4.proposal.monthlyMinor);
    expect((await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote.id)))[0]!.status).toBe("accepted");
  });

  it("only the technician who claimed the item, or an admin, may build a configuration", async () => {
    const { db, quote, post } = await claimedGpuRequest();
    const form = {
      intent: "custom",
      tier: "balanced",
      availability: "standard",
      reason: "Two GPUs",
      qty_gex131: "2",
    };
    const other = await createStaff(db, "technician");
    const refused = await post(other.cookie, form);
    expect(refused.status).toBe(403);
    expect((refused.data as Answer).errors![0]!.message).toBe(en.errors.not_assignee);
    const sales = await createStaff(db, "sales");
    expect((await post(sales.cookie, form)).status).toBe(403);
    expect(await latestVersion(db, quote.id)).toBe(0);
    // The other technician's page offers no custom configuration form to them.
    const page = await callLoader(itemLoader, req(`/staff/review/${quote.reviewItemId}`, other.cookie), {
      id: quote.reviewItemId!,
    });
    expect(page.data.can.change).toBe(false);
    const admin = await createStaff(db, "admin");
    const built = await post(admin.cookie, form);
    expect((built.data as Answer).ok).toBe("Built balanced: saved as version 2.");
  });

  it("a tier whose lines were all removed cannot be published, and says which", async () => {
    const { db, quote, tech, post } = await claimedGpuRequest();
    await post(tech.cookie, {
      intent: "custom",
      tier: "resilient",
      availability: "high",
      reason: "Spare",
      line0_description: "Managed GPU cluster",
      line0_monthly: "999",
    });
    const { proposal } = (await linesAt(db, quote.id, 2))[0]!;
    const removed = await post(tech.cookie, {
      intent: "adjust",
      proposalId: proposal.id,
      reason: "Start over",
      "adjustment.op": "remove",
      "adjustment.position": "0",
    });
    expect((removed.data as Answer).ok).toBe("Saved as version 3.");
    const refused = await post(tech.cookie, { intent: "publish", version: "3" });
    expect(refused.status).toBe(409);
    expect((refused.data as Answer).errors![0]!.message).toBe(
      en.errors.empty_tier.replace("{{tier}}", "resilient").replace("{{version}}", "3"),
    );
    expect((await db.select().from(quoteRequests).where(eq(quoteRequests.id, quote.id)))[0]!.status).toBe(
      "needs_review",
    );
  });
});
