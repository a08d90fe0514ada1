import fc from "fast-check";
import type { Catalog } from "~/domain/catalog";
import { LEAN_PROFILE, workloadDemands } from "~/domain/demand";
import { rolesOf } from "~/domain/engine";
import { AVAILABILITY_PLANS, type AvailabilityPlan, type Role } from "~/domain/fit";
import type { QuoteInput } from "~/domain/quote-input";

/** Small random instances: one to three workloads, standard or high availability, EU. */
export const smallInstance: fc.Arbitrary<QuoteInput> = fc.record({
  requirements: fc.record({
    availability: fc.constantFrom("standard" as const, "high" as const),
    termMonths: fc.constantFrom(1 as const, 12 as const, 36 as const),
    region: fc.constant("eu" as const),
    growthPercentPerYear: fc.constant(0),
    backupRetentionDays: fc.constant(0),
  }),
  workloads: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant("web_app" as const), visitsPerDay: fc.integer({ min: 100, max: 400_000 }) }),
      fc.record({ kind: fc.constant("database" as const), dataGb: fc.integer({ min: 1, max: 400 }) }),
      fc.record({
        kind: fc.constant("file_storage" as const),
        dataGb: fc.integer({ min: 10, max: 3000 }),
        access: fc.constantFrom("active" as const, "archive" as const),
      }),
      fc.record({
        kind: fc.constant("raw" as const),
        vcpu: fc.integer({ min: 1, max: 24 }),
        ramGb: fc.integer({ min: 1, max: 160 }),
        storageGb: fc.integer({ min: 0, max: 1500 }),
      }),
    ),
    { minLength: 1, maxLength: 3 },
  ),
});

export function instanceRoles(
  q: QuoteInput,
  catalog: Catalog,
): { roles: Role[]; plan: AvailabilityPlan; candidates: Catalog["servers"] } {
  const roles = rolesOf(workloadDemands(q.workloads, q.requirements, LEAN_PROFILE));
  const plan = AVAILABILITY_PLANS[q.requirements.availability];
  const candidates = catalog.servers.filter((s) => s.regions.includes(q.requirements.region));
  return { roles, plan, candidates };
}

export function sampleInstances(count: number, seed: number): QuoteInput[] {
  return fc.sample(smallInstance, { numRuns: count, seed });
}
