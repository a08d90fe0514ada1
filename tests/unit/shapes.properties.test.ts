/**
 * Shapes a technician would run (issue 14, item 2), as properties of random requests:
 * - no layout with fewer servers is cheaper once each server's operations weight is counted
 *   (checked against the brute-force reference in tests/support/exhaustive.ts);
 * - at most two distinct server models per tier when nothing needs a GPU;
 * - at most four block volumes per cloud server;
 * - a tier never has more servers than the tier above it unless its explanation says why.
 * PROPERTY_RUNS raises the number of runs (as in the other property tests).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Proposal, estimate, rolesOf } from "~/domain/engine";
import { BALANCED_PROFILE, LEAN_PROFILE, workloadDemands } from "~/domain/demand";
import { AVAILABILITY_PLANS, distinctModels } from "~/domain/fit";
import type { QuoteInput, Workload } from "~/domain/quote-input";
import { RULES } from "~/domain/rules";
import { seedCatalog } from "../fixtures/catalog";
import { exhaustiveCost } from "../support/exhaustive";

const catalog = seedCatalog();
const runs = (fallback: number) => ({ numRuns: Number(process.env.PROPERTY_RUNS ?? fallback) });

/** Kinds that share the app, database and storage roles, plus one stated machine: small enough to brute-force. */
const smallWorkload: fc.Arbitrary<Workload> = fc.oneof(
  fc.record({ kind: fc.constant("web_app" as const), visitsPerDay: fc.integer({ min: 100, max: 600_000 }) }),
  fc.record({ kind: fc.constant("database" as const), dataGb: fc.integer({ min: 1, max: 800 }) }),
  fc.record({
    kind: fc.constant("file_storage" as const),
    dataGb: fc.integer({ min: 10, max: 6000 }),
    access: fc.constantFrom("active" as const, "archive" as const),
  }),
  fc.record({
    kind: fc.constant("wordpress" as const),
    visitsPerDay: fc.integer({ min: 100, max: 100_000 }),
    woocommerce: fc.boolean(),
    products: fc.integer({ min: 0, max: 20_000 }),
  }),
  fc.record({ kind: fc.constant("nextcloud" as const), users: fc.integer({ min: 1, max: 400 }) }),
  fc.record({
    kind: fc.constant("raw" as const),
    vcpu: fc.integer({ min: 1, max: 24 }),
    ramGb: fc.integer({ min: 1, max: 128 }),
    storageGb: fc.integer({ min: 0, max: 1500 }),
  }),
);

const smallInput: fc.Arbitrary<QuoteInput> = fc.record({
  requirements: fc.record({
    availability: fc.constantFrom("standard" as const, "high" as const),
    termMonths: fc.constantFrom(1 as const, 12 as const, 36 as const),
    region: fc.constant("eu" as const),
    growthPercentPerYear: fc.constant(0),
    backupRetentionDays: fc.constant(0),
  }),
  workloads: fc.array(smallWorkload, { minLength: 1, maxLength: 2 }),
});

/** Larger requests (up to six workloads, every availability, both regions), no GPU. */
const wideInput: fc.Arbitrary<QuoteInput> = fc.record({
  requirements: fc.record({
    availability: fc.constantFrom("standard" as const, "high" as const, "critical" as const),
    termMonths: fc.constantFrom(1 as const, 12 as const, 24 as const, 36 as const),
    region: fc.constantFrom("eu" as const, "us" as const),
  }),
  workloads: fc.array(
    fc.oneof(
      smallWorkload,
      fc.record({ kind: fc.constant("gitlab" as const), users: fc.integer({ min: 1, max: 6000 }) }),
      fc.record({ kind: fc.constant("mattermost" as const), concurrentUsers: fc.integer({ min: 1, max: 5000 }) }),
      fc.record({ kind: fc.constant("mail" as const), mailboxes: fc.integer({ min: 1, max: 3000 }) }),
      fc.record({
        kind: fc.constant("minecraft" as const),
        players: fc.integer({ min: 1, max: 100 }),
        server: fc.constantFrom("vanilla" as const, "paper" as const),
      }),
    ),
    { minLength: 1, maxLength: 6 },
  ),
});

const objective = (p: Proposal) => p.placements.reduce((s, x) => s + x.objectiveMinor, 0);
const priceOverTerm = (p: Proposal) => p.placements.reduce((s, x) => s + x.termCostMinor, 0);

describe("shapes a technician would run", () => {
  it("no layout with fewer servers is cheaper once each server's operations weight is counted", () => {
    fc.assert(
      fc.property(smallInput, (q) => {
        const req = q.requirements;
        const weightOverTerm = catalog.priceBook.opsMinorPerServerMonth * req.termMonths;
        const candidates = catalog.servers.filter((s) => s.regions.includes(req.region));
        for (const p of estimate(q, catalog).proposals) {
          // The objective is the real price of the servers plus the weight, nothing else.
          expect(objective(p)).toBeCloseTo(priceOverTerm(p) + p.serverCount * weightOverTerm, 6);
          if (p.serverCount <= 1) continue;
          const profile = p.tier === "lean" ? LEAN_PROFILE : BALANCED_PROFILE;
          const roles = rolesOf(workloadDemands(q.workloads, req, profile));
          const plan = AVAILABILITY_PLANS[p.availability];
          const fewer = exhaustiveCost(roles, plan, candidates, catalog, req.termMonths, p.serverCount - 1);
          if (fewer === null) continue; // nothing smaller holds it
          // Each extra server this proposal has over the smaller layout saves at least its weight.
          expect(objective(p), `${p.tier}: ${JSON.stringify(q)}`).toBeLessThanOrEqual(fewer + 1e-6);
        }
      }),
      runs(40),
    );
  }, 240_000);

  it("uses at most two server models per tier and at most four volume blocks per cloud server", () => {
    fc.assert(
      fc.property(wideInput, (q) => {
        for (const p of estimate(q, catalog).proposals) {
          expect(distinctModels(p.placements), `${p.tier}: ${JSON.stringify(q)}`).toBeLessThanOrEqual(2);
          expect(p.modelCount).toBe(distinctModels(p.placements));
          expect(p.serverCount).toBe(p.servers.reduce((n, s) => n + s.quantity, 0));
          for (const x of p.placements) {
            const volumes = x.config.storageAddons
              .filter((a) => a.addon.kind === "volume")
              .reduce((n, a) => n + a.units, 0);
            expect(volumes).toBeLessThanOrEqual(RULES.fit.maxVolumeBlocks);
            if (x.config.model.line !== "cloud") expect(volumes).toBe(0);
          }
        }
      }),
      runs(120),
    );
  }, 240_000);

  it("a tier never has more servers than the tier above it unless it says why", () => {
    fc.assert(
      fc.property(wideInput, (q) => {
        const proposals = estimate(q, catalog).proposals;
        const byTier = new Map(proposals.map((p) => [p.tier, p]));
        for (const [tier, above] of [
          ["lean", "balanced"],
          ["balanced", "resilient"],
        ] as const) {
          const p = byTier.get(tier);
          const next = byTier.get(above);
          if (!p || !next || p.serverCount <= next.serverCount) continue;
          const why = p.explanation.find((t) => t.ruleId === `shape.more_servers_${tier}`);
          expect(why, `${tier} has ${p.serverCount} servers, ${above} ${next.serverCount}`).toBeDefined();
          expect(why!.params).toEqual({ servers: p.serverCount, nextServers: next.serverCount });
        }
      }),
      runs(120),
    );
  }, 240_000);
});
