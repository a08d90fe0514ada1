import { describe, expect, it } from "vitest";
import { fitRoles } from "~/domain/fit";
import { seedCatalog } from "../fixtures/catalog";
import { exhaustiveCost } from "../support/exhaustive";
import { instanceRoles, sampleInstances } from "../support/random-instances";

const catalog = seedCatalog();

describe("optimiser against exhaustive search", () => {
  // Both minimise the same objective (price over the term + the operations weight per server)
  // under the same limits (four volume blocks per server, two models without a GPU).
  it("on 200+ random small instances it is never infeasible when a solution exists and never more than 2 % dearer", () => {
    const instances = sampleInstances(220, 20261124);
    let compared = 0;
    let worst = 0;
    for (const q of instances) {
      const { roles, plan, candidates } = instanceRoles(q, catalog);
      const exact = exhaustiveCost(roles, plan, candidates, catalog, q.requirements.termMonths);
      const placements = fitRoles(roles, plan, candidates, catalog, q.requirements.termMonths);
      if (exact === null) {
        expect(placements, "the optimiser found a layout the exhaustive search says cannot exist").toBeNull();
        continue;
      }
      expect(placements, `infeasible but a solution exists: ${JSON.stringify(q)}`).not.toBeNull();
      const cost = placements!.reduce((s, p) => s + p.objectiveMinor, 0);
      expect(cost).toBeGreaterThanOrEqual(exact - 1e-6);
      const gap = (cost - exact) / exact;
      worst = Math.max(worst, gap);
      expect(gap, JSON.stringify(q)).toBeLessThanOrEqual(0.02);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(200);
    expect(worst).toBeLessThanOrEqual(0.02);
  }, 240_000);
});
