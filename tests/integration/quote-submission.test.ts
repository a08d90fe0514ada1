import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  auditLog,
  proposalLines,
  proposalVersions,
  proposals,
  quoteAccessTokens,
  quoteMessages,
  quoteRequests,
  workloads,
} from "#db/schema";
import type { RuleTrace } from "~/domain/demand";
import { estimate } from "~/domain/engine";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { loadCatalog } from "~/models/catalog.server";
import { customerPageByToken } from "~/models/customer-page.server";
import { createQuoteRequest, getQuoteById } from "~/models/quote-request.server";
import type { CustomerProposal, CustomerReason } from "~/presenters/customer-quote";
import { loader as quotePageLoader } from "~/routes/q.$token/route";
import { action as wizardAction } from "~/routes/quote.new/route";
import { businessCalendar } from "~/utils/env.server";
import { hashToken } from "~/utils/token.server";
import { callAction } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const valid: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu", backupRetentionDays: 7 },
  workloads: [
    { kind: "web_app", name: "Shop", visitsPerDay: 30_000 },
    { kind: "database", name: "Orders", dataGb: 80, engine: "postgresql" },
  ],
  contact: { name: "Ada Lovelace", email: "ada@example.com", company: "Analytical Engines" },
};

function post(body: unknown, lang = "en") {
  return new Request("http://localhost/quote/new", {
    method: "POST",
    headers: { "Content-Type": "application/json", "Accept-Language": lang },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function callWizard(body: unknown, lang?: string) {
  return callAction(wizardAction, post(body, lang));
}

describe.each(TEST_DATABASES)("quote submission on $name", (target) => {
  const database = useTestDatabase(target);

  const counts = async () => {
    const db = database().db;
    const [[q], [w], [p], [l], [t], [a]] = await Promise.all([
      db.select({ n: count() }).from(quoteRequests),
      db.select({ n: count() }).from(workloads),
      db.select({ n: count() }).from(proposals),
      db.select({ n: count() }).from(proposalLines),
      db.select({ n: count() }).from(quoteAccessTokens),
      db.select({ n: count() }).from(auditLog),
    ]);
    return { quotes: q!.n, workloads: w!.n, proposals: p!.n, lines: l!.n, tokens: t!.n, audit: a!.n };
  };

  it("stores the request, its workloads, proposals and lines, and redirects to the private link", async () => {
    const before = await counts();
    const response = (await callWizard(valid)).response!;
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    const token = /^\/q\/([A-Za-z0-9_-]+)$/.exec(location)![1]!;
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(16);

    const after = await counts();
    expect(after.quotes - before.quotes).toBe(1);
    expect(after.workloads - before.workloads).toBe(2);
    expect(after.tokens - before.tokens).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    expect(after.proposals - before.proposals).toBeGreaterThanOrEqual(2);

    // Only the hash is stored.
    const [stored] = await database()
      .db.select()
      .from(quoteAccessTokens)
      .where(eq(quoteAccessTokens.tokenHash, hashToken(token)));
    expect(stored).toBeDefined();
    const raw = await database().db.select().from(quoteAccessTokens);
    expect(raw.some((r) => r.tokenHash === token)).toBe(false);

    const { quote } = (await customerPageByToken(database().db, token))!;
    expect(quote.status).toBe("proposed");
    expect(quote.contactName).toBe("Ada Lovelace");
    expect((await getQuoteById(database().db, quote.id))!.workloads.map((w) => w.kind)).toEqual([
      "web_app",
      "database",
    ]);
    // The customer page's one-statement read gives the same proposals as the typed reads.
    expect(quote.proposals).toEqual((await getQuoteById(database().db, quote.id))!.proposals);
    for (const p of quote.proposals) {
      expect(p.lines.length).toBeGreaterThan(0);
      expect(p.monthlyMinor).toBe(p.lines.reduce((s, l) => s + l.monthlyMinor, 0));
      expect(p.setupMinor).toBe(p.lines.reduce((s, l) => s + l.setupMinor, 0));
      expect(p.termTotalMinor).toBe(p.setupMinor + p.monthlyMinor * p.termMonths);
    }
    // What was stored is what the engine says for the same input and catalog.
    const expected = estimate(valid, await loadCatalog(database().db));
    expect(quote.proposals.map((p) => [p.tier, p.monthlyMinor])).toEqual(
      expected.proposals.map((p) => [p.tier, p.totals.monthlyMinor]),
    );
  });

  it("sends the customer's page the reasons as sentences' values, not the engine's inputs", async () => {
    const token = (await callWizard(valid)).response!.headers.get("Location")!.split("/").pop()!;
    const page = (await quotePageLoader({
      request: new Request(`http://localhost/q/${token}`),
      params: { token },
      context: {},
    })) as { data: { quote: { id: string; proposals: CustomerProposal[] } } };
    const full = (await getQuoteById(database().db, page.data.quote.id))!;
    const reasons = (ps: { explanation: object[]; failure: object | null; lines: { why: object[] }[] }[]) =>
      ps.flatMap((p) => [...p.explanation, ...(p.failure ? [p.failure] : []), ...p.lines.flatMap((l) => l.why)]);
    const sent = reasons(page.data.quote.proposals) as CustomerReason[];
    const stored = reasons(full.proposals) as RuleTrace[];
    expect(stored.length).toBeGreaterThan(10);
    expect(stored.some((r) => Object.keys(r.inputs).length > 0)).toBe(true);
    // Every reason is there, in order, with what its sentence needs and nothing else.
    expect(sent.every((r) => Object.keys(r).sort().join() === "params,ruleId")).toBe(true);
    expect(sent).toEqual(stored.map((r) => ({ ruleId: r.ruleId, params: r.params })));
    // The rest of each proposal is as stored.
    expect(
      page.data.quote.proposals.map((p) => [p.id, p.monthlyMinor, p.lines.map((l) => [l.name, l.monthlyMinor])]),
    ).toEqual(full.proposals.map((p) => [p.id, p.monthlyMinor, p.lines.map((l) => [l.name, l.monthlyMinor])]));
  });

  it("stores a quote that needs review when the customer writes special requirements", async () => {
    const response = (
      await callWizard({ ...valid, requirements: { ...valid.requirements, specialRequirements: "We need PCI-DSS." } })
    ).response!;
    const token = response.headers.get("Location")!.split("/").pop()!;
    const { quote } = (await customerPageByToken(database().db, token))!;
    expect(quote.status).toBe("needs_review");
    expect(quote.reviewReasons.map((r) => r.code)).toEqual(["special_requirements"]);
    const [audit] = await database().db.select().from(auditLog).where(eq(auditLog.entityId, quote.id));
    expect(audit).toMatchObject({ action: "created", toStatus: "needs_review", actor: "customer" });
  });

  it("answers bad input with 400 and field messages, and stores nothing", async () => {
    const before = await counts();
    const cases: [unknown, string][] = [
      [{ ...valid, workloads: [] }, "workloads"],
      [{ ...valid, workloads: [{ kind: "web_app", visitsPerDay: -5 }] }, "workloads.0.visitsPerDay"],
      [{ ...valid, workloads: [{ kind: "quantum", qubits: 5 }] }, "workloads.0.kind"],
      [{ ...valid, contact: { name: "", email: "not-an-email" } }, "contact.email"],
      [{ ...valid, requirements: { ...valid.requirements, termMonths: 7 } }, "requirements.termMonths"],
    ];
    for (const [body, path] of cases) {
      const result = await callWizard(body);
      expect(result.status).toBe(400);
      expect(result.data.errors.map((e) => e.path)).toContain(path);
      for (const e of result.data.errors) expect(e.message.length).toBeGreaterThan(0);
    }
    expect((await callWizard("{not json")).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("refuses unknown fields by name, with a suggestion, and stores nothing; the empty trap field is the wizard's own", async () => {
    const before = await counts();
    const typo = {
      ...valid,
      workloads: [valid.workloads[0], { kind: "database", name: "Orders", dataGb: 80, queriesPerSecond: 300 }],
      contact: { ...valid.contact, phone: "+34 600 000 000" },
    };
    const result = await callWizard({ ...typo, website: "" });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual([
      {
        path: "workloads.1.queriesPerSecond",
        message: 'Unknown field "queriesPerSecond". Did you mean "peakQueriesPerSecond"?',
      },
      { path: "contact.phone", message: 'Unknown field "phone".' },
    ]);
    const es = await callWizard(typo, "es");
    expect(es.data.errors[0]).toEqual({
      path: "workloads.1.queriesPerSecond",
      message: "Campo desconocido «queriesPerSecond». ¿Quiso decir «peakQueriesPerSecond»?",
    });
    expect(await counts()).toEqual(before);
    // What the wizard sends: its fields and the empty honeypot.
    expect((await callWizard({ ...valid, website: "" })).status).toBe(302);
  });

  it("gives field messages in the customer's language", async () => {
    const result = await callWizard({ ...valid, workloads: [{ kind: "web_app", visitsPerDay: 0 }] }, "es");
    expect(result.data.errors[0]).toEqual({ path: "workloads.0.visitsPerDay", message: "Debe ser al menos 1." });
  });

  it("writes nothing at all when storing fails half-way", async () => {
    const before = await counts();
    const catalog = await loadCatalog(database().db);
    const result = estimate(valid, catalog);
    // A proposal line that violates NOT NULL makes the insert fail after the quote row was written.
    const broken = {
      ...result,
      proposals: result.proposals.map((p, i) =>
        i === 1 ? { ...p, lines: p.lines.map((l) => ({ ...l, name: null as unknown as string })) } : p,
      ),
    };
    await expect(
      createQuoteRequest(database().db, valid, broken, catalog.priceBook.id, "en", businessCalendar()),
    ).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it("returns nothing for unknown, malformed or revoked tokens", async () => {
    expect(await customerPageByToken(database().db, "x")).toBeNull();
    expect(await customerPageByToken(database().db, "A".repeat(43))).toBeNull();
    const response = (await callWizard(valid)).response!;
    const token = response.headers.get("Location")!.split("/").pop()!;
    expect(await customerPageByToken(database().db, token)).not.toBeNull();
    await database()
      .db.update(quoteAccessTokens)
      .set({ revokedAt: new Date() })
      .where(eq(quoteAccessTokens.tokenHash, hashToken(token)));
    expect(await customerPageByToken(database().db, token)).toBeNull();
  });

  it("the customer page follows every change to what it shows (its rows are kept per revision)", async () => {
    const db = database().db;
    const response = (await callWizard(valid)).response!;
    const token = response.headers.get("Location")!.split("/").pop()!;
    const first = (await customerPageByToken(db, token))!;
    expect((await customerPageByToken(db, token))!.quote).toBe(first.quote); // the same revision is not read twice
    const quoteId = first.quote.id;

    await db.update(quoteRequests).set({ contactName: "Grace Hopper" }).where(eq(quoteRequests.id, quoteId));
    expect((await customerPageByToken(db, token))!.quote.contactName).toBe("Grace Hopper");

    await db
      .insert(quoteMessages)
      .values({ quoteRequestId: quoteId, authorType: "staff", event: "message", body: "We are on it." });
    expect((await customerPageByToken(db, token))!.timeline.map((m) => m.body)).toContain("We are on it.");

    const proposal = first.quote.proposals[0]!;
    const [line] = await db.select().from(proposalLines).where(eq(proposalLines.proposalId, proposal.id)).limit(1);
    await db.update(proposalLines).set({ name: "Renamed line" }).where(eq(proposalLines.id, line!.id));
    expect((await customerPageByToken(db, token))!.quote.proposals[0]!.lines.map((l) => l.name)).toContain(
      "Renamed line",
    );

    await db
      .update(proposals)
      .set({ monthlyMinor: proposal.monthlyMinor + 1 })
      .where(eq(proposals.id, proposal.id));
    expect((await customerPageByToken(db, token))!.quote.proposals[0]!.monthlyMinor).toBe(proposal.monthlyMinor + 1);

    await db
      .update(proposalVersions)
      .set({ validUntil: new Date(Date.now() - 1000) })
      .where(eq(proposalVersions.quoteRequestId, quoteId));
    expect((await customerPageByToken(db, token))!.commerce.blocked).toBe("expired");
  });

  it("seeds idempotently: a second seed changes nothing", async () => {
    const { seedDatabase } = await import("#db/seed");
    const first = await seedDatabase(database().db);
    const second = await seedDatabase(database().db);
    expect(second).toEqual(first);
    const catalog = await loadCatalog(database().db);
    expect(catalog.servers.length).toBeGreaterThanOrEqual(15);
    expect(new Set(catalog.servers.map((s) => s.line))).toEqual(
      new Set(["cloud", "dedicated", "high_memory", "storage", "gpu"]),
    );
    for (const s of catalog.servers) expect(catalog.priceBook.prices[s.sku]).toBeDefined();
  });
});
