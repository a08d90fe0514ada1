/**
 * Issue 16, items 4-5 in the database: a moving customer's quote stores the planner's plan with the
 * lines it priced in one statement; a technician's override is a new version whose migration lines are
 * repriced from the rate card, and once published the customer's page shows it and its reason.
 */
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { proposalLines, proposalVersions, proposals, quoteRequests } from "#db/schema";
import { estimate } from "~/domain/engine";
import type { OverriddenMigrationPlan } from "~/domain/migration-override";
import { migrationLines } from "~/domain/pricing";
import { quoteRequestSchema } from "~/domain/quote-input";
import { loadCatalog } from "~/models/catalog.server";
import { createQuoteRequest } from "~/models/quote-request.server";
import { loader as quotePageLoader } from "~/routes/q.$token/route";
import { action as queueAction } from "~/routes/staff.review._index/route";
import { action as itemAction, loader as itemLoader } from "~/routes/staff.review.$id/route";
import { businessCalendar } from "~/utils/env.server";
import { createQuote, createStaff, unique } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";
import { sundayNightMove } from "../fixtures/migration";

const req16 = { availability: "standard", termMonths: 12, region: "eu" } as const;
const workloads = [
  { kind: "web_app", name: "Shop", visitsPerDay: 20_000 },
  { kind: "file_storage", dataGb: 3000, access: "active" },
] as const;
/** 3 TB from a 500 Mbit/s server, at most 2 hours down, on a Sunday night. */
const moving = sundayNightMove;

describe.each(TEST_DATABASES)("the move's plan in the database on $name", (target) => {
  const database = useTestDatabase(target);

  async function storedMove(quoteId: string) {
    const db = database().db;
    const [row] = await db
      .select({ plan: quoteRequests.migrationPlan })
      .from(quoteRequests)
      .where(eq(quoteRequests.id, quoteId));
    const lines = await db
      .select({ tier: proposals.tier, line: proposalLines })
      .from(proposalLines)
      .innerJoin(proposals, eq(proposals.id, proposalLines.proposalId))
      .where(and(eq(proposals.quoteRequestId, quoteId), eq(proposals.version, 1)))
      .orderBy(asc(proposals.position), asc(proposalLines.position));
    return { plan: row!.plan, lines };
  }

  it("stores a moving customer's plan and the migration lines it priced together", async () => {
    const db = database().db;
    const created = await createQuote(db, {
      requirements: { ...req16, migration: moving },
      workloads: [...workloads],
      contact: { email: `mover-${unique()}@example.com` },
    });
    const { plan, lines } = await storedMove(created.id);
    expect(plan).not.toBeNull();
    expect(plan!.method).toBe("two_phase_sync");
    expect(plan!.window).toMatchObject({ days: ["sun"], start: "00:00", end: "06:00", timeZone: "Europe/Madrid" });
    expect(plan!.downtimeMinutes).toBeLessThanOrEqual(120);
    // The stored lines are exactly what the stored plan prices from the quote's book.
    const expected = migrationLines(plan!, await loadCatalog(db));
    const tiers = new Set(lines.map((l) => l.tier));
    expect(tiers.size).toBeGreaterThan(0);
    for (const tier of tiers) {
      const move = lines.filter((l) => l.tier === tier && l.line.kind === "migration").map((l) => l.line);
      expect(move.map((l) => [l.name, l.quantity, l.setupMinor, l.monthlyMinor])).toEqual(
        expected.map((l) => [l.name, l.quantity, l.setupMinor, l.monthlyMinor]),
      );
    }
  });

  it("stores null and no migration lines for a quote without a move", async () => {
    const db = database().db;
    for (const migration of [undefined, { fromExistingServer: false }]) {
      const created = await createQuote(db, {
        requirements: { ...req16, migration },
        workloads: [...workloads],
        contact: { email: `stayer-${unique()}@example.com` },
      });
      const { plan, lines } = await storedMove(created.id);
      expect(plan).toBeNull();
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.some((l) => l.line.kind === "migration")).toBe(false);
    }
  });

  it("stores neither the plan nor its lines when the statement fails", async () => {
    const db = database().db;
    const input = quoteRequestSchema.parse({
      requirements: { ...req16, migration: moving },
      workloads,
      contact: { name: "Half Written", email: `half-${unique()}@example.com` },
    });
    const catalog = await loadCatalog(db);
    const result = estimate(input, catalog);
    expect(result.migration).not.toBeNull();
    // A price book that does not exist fails the statement's foreign-key check at its end.
    await expect(createQuoteRequest(db, input, result, 987_654_321, "en", businessCalendar())).rejects.toThrow();
    const rows = await db
      .select({ id: quoteRequests.id })
      .from(quoteRequests)
      .where(eq(quoteRequests.contactEmail, input.contact.email));
    expect(rows).toEqual([]);
  });

  it("a technician's override makes a repriced version; published, the customer's page shows it and why", async () => {
    const db = database().db;
    // 10 minutes of downtime fits no method: the quote waits for a technician.
    const created = await createQuote(db, {
      requirements: { ...req16, migration: { ...moving, maxDowntimeMinutes: 10 } },
      workloads: [...workloads],
      contact: { email: `override-${unique()}@example.com` },
    });
    expect(created.status).toBe("needs_review");
    const itemId = created.reviewItemId!;
    const tech = await createStaff(db, "technician");
    const other = await createStaff(db, "technician");
    const post = (cookie: string, form: Record<string, string>) =>
      callAction(itemAction, req(`/staff/review/${itemId}`, cookie, form), { id: itemId });
    const claimed = await callAction(queueAction, req("/staff/review", tech.cookie, { intent: "claim", id: itemId }));
    expect(claimed.status).toBe(302);

    // The review page shows the planner's trace, worded.
    const page = await callLoader(itemLoader, req(`/staff/review/${itemId}`, tech.cookie), { id: itemId });
    const trace = page.data.migration!.trace;
    expect(trace.map((e) => e.ruleId)).toContain("migration.no_fit");
    for (const e of trace) expect(e.text).not.toMatch(/{{|}}|^migration\./);

    const override = {
      intent: "migration",
      method: "dump_restore",
      downtimeMinutes: "150",
      preparationHours: "20",
      cutoverHours: "5",
      "window.days": "sat",
      "window.start": "22:00",
      "window.end": "05:00",
      reason: "You agreed a Saturday night with us; we copy the database by dump and restore.",
    };
    // Field-level refusals, nothing written.
    const bad = await post(tech.cookie, { ...override, "window.start": "25:00", preparationHours: "-3", reason: "" });
    expect(bad.status).toBe(400);
    const paths = (bad.data as { errors: { path: string; message: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["window.start", "preparationHours", "reason"]));
    const same = await post(tech.cookie, { ...override, "window.end": "22:00" });
    expect(same.status).toBe(400);
    expect((same.data as { errors: { path: string; message: string }[] }).errors[0]!.message).toMatch(
      /different time than it starts/,
    );
    // Only the holder of the review item (checked in the query).
    const refused = await post(other.cookie, override);
    expect(refused.status).toBe(403);
    const versions = await db
      .select({ version: proposalVersions.version })
      .from(proposalVersions)
      .where(eq(proposalVersions.quoteRequestId, created.id));
    expect(versions).toHaveLength(1);

    const saved = await post(tech.cookie, override);
    expect(saved.status).toBe(200);
    const [v2] = await db
      .select()
      .from(proposalVersions)
      .where(and(eq(proposalVersions.quoteRequestId, created.id), eq(proposalVersions.version, 2)));
    const plan = v2!.migrationPlan as OverriddenMigrationPlan;
    expect(plan.method).toBe("dump_restore");
    expect(plan.downtimeMinutes).toBe(150);
    expect(plan.window).toMatchObject({ days: ["sat"], start: "22:00", end: "05:00", timeZone: "Europe/Madrid" });
    expect(plan.goNoGoTime).toBe("04:30");
    expect(plan.override!.reason).toMatch(/Saturday night/);

    // Repriced from the rate card: 20 h of preparation at the business-hours rate, 5 h in the window off-hours.
    const catalog = await loadCatalog(db);
    const card = catalog.priceBook.rateCard;
    const business = card.find((r) => r.kind === "business_hours")!;
    const offHours = card.find((r) => r.kind === "off_hours")!;
    const v2Lines = await db
      .select({ line: proposalLines, setup: proposals.setupMinor, term: proposals.termTotalMinor, p: proposals })
      .from(proposalLines)
      .innerJoin(proposals, eq(proposals.id, proposalLines.proposalId))
      .where(and(eq(proposals.quoteRequestId, created.id), eq(proposals.version, 2)));
    const prep = v2Lines.filter((l) => l.line.kind === "migration" && l.line.name === "preparation");
    const cut = v2Lines.filter((l) => l.line.kind === "migration" && l.line.name === "cutover");
    expect(prep.length).toBeGreaterThan(0);
    for (const l of prep) expect(l.line.setupMinor).toBe(20 * business.minorPerHour);
    for (const l of cut) expect(l.line.setupMinor).toBe(5 * offHours.minorPerHour);
    for (const { p } of v2Lines) {
      const own = v2Lines.filter((l) => l.p.id === p.id).map((l) => l.line);
      expect(p.setupMinor).toBe(own.reduce((s, l) => s + l.setupMinor, 0));
      expect(p.termTotalMinor).toBe(p.setupMinor + p.monthlyMinor * p.termMonths);
    }

    // The review page shows the new version's plan and what it replaced.
    const reviewed = (await callLoader(itemLoader, req(`/staff/review/${itemId}`, tech.cookie), { id: itemId })).data
      .migration!;
    expect(reviewed).toMatchObject({ method: "dump_restore", downtimeMinutes: 150, preparationHours: 20 });
    expect(reviewed.override).toMatchObject({ before: { method: "two_phase_sync" }, reason: override.reason });

    // Not yet published: the customer still sees the planner's plan.
    const before = await callLoader(quotePageLoader, req(`/q/${created.token}`), { token: created.token });
    expect(before.data.move!.override).toBeNull();

    const published = await post(tech.cookie, { intent: "publish", version: "2" });
    expect(published.status).toBe(200);
    for (const [language, reasonLabel, method] of [
      ["en", "Reason:", "Dump and restore"],
      ["es", "Motivo:", "Volcado y restauración"],
    ] as const) {
      const request = new Request(`http://localhost/q/${created.token}`, { headers: { "Accept-Language": language } });
      const customer = await callLoader(quotePageLoader, request, { token: created.token });
      const move = customer.data.move!;
      expect(move.override!.reason).toBe(`${reasonLabel} ${override.reason}`);
      expect(move.method).toMatch(new RegExp(`^${method}`));
      expect(move.window).toMatch(/22:00–05:00 \(Europe\/Madrid\)/);
      expect(move.rollback).toContain("04:30");
      for (const m of move.milestones) expect(m.text).not.toMatch(/{{|}}|^migration\./);
      // The migration lines' reasons arrive worded; the browser has no text for them.
      for (const p of customer.data.quote.proposals)
        for (const l of p.lines.filter((x) => x.kind === "migration"))
          for (const w of l.why) expect(w.text).toMatch(/\S/);
    }
  });
});
