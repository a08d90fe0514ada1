import { describe, expect, it } from "vitest";
import {
  NOT_ACCEPTABLE_CODES,
  acceptabilityOf,
  technicianPublished,
  technicianRequested,
} from "~/domain/acceptability";
import { estimate } from "~/domain/engine";
import { AVAILABILITY_TIERS, quoteInputSchema } from "~/domain/quote-input";
import { resources } from "~/locales";
import { seedCatalog } from "../fixtures/catalog";

const en = resources.en.translation;
const es = resources.es.translation;

const engine = { technicianPublished: false };

describe("acceptabilityOf", () => {
  it("refuses only 99.99 % until a technician has published", () => {
    expect(acceptabilityOf({ availability: "standard" }, engine)).toEqual({ acceptable: true });
    expect(acceptabilityOf({ availability: "high" }, engine)).toEqual({ acceptable: true });
    expect(acceptabilityOf({ availability: "critical" }, engine)).toEqual({
      acceptable: false,
      reasonCode: "needs_technician",
    });
    for (const availability of AVAILABILITY_TIERS)
      expect(acceptabilityOf({ availability }, { technicianPublished: true })).toEqual({ acceptable: true });
  });

  it("refuses every proposal of a request that goes to review as a whole, until it is published", () => {
    for (const availability of AVAILABILITY_TIERS) {
      expect(acceptabilityOf({ availability }, { ...engine, reviewRequired: true })).toEqual({
        acceptable: false,
        reasonCode: "review_required",
      });
      expect(acceptabilityOf({ availability }, { technicianPublished: true, reviewRequired: true }).acceptable).toBe(
        true,
      );
    }
  });

  it("applies to the engine's own proposals: a 'high' request's critical Resilient tier is the one refused", () => {
    const input = quoteInputSchema.parse({
      requirements: { availability: "high", termMonths: 12, region: "eu" },
      workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
    });
    const result = estimate(input, seedCatalog());
    expect(result.review.required).toBe(false);
    const verdicts = result.proposals.map((p) => [p.tier, p.availability, acceptabilityOf(p, engine).acceptable]);
    expect(verdicts).toContainEqual(["resilient", "critical", false]);
    expect(verdicts).toContainEqual(["lean", "high", true]);
    // A 'standard' request's Resilient tier is only 'high': directly acceptable.
    const standard = estimate(
      quoteInputSchema.parse({ ...input, requirements: { ...input.requirements, availability: "standard" } }),
      seedCatalog(),
    );
    for (const p of standard.proposals) expect(acceptabilityOf(p, engine).acceptable).toBe(true);
  });
});

describe("technicianPublished", () => {
  it("is true only for a quote a technician published", () => {
    expect(technicianPublished("published")).toBe(true);
    for (const status of ["proposed", "needs_review", "declined", "accepted", "won"])
      expect(technicianPublished(status)).toBe(false);
  });
});

describe("technicianRequested", () => {
  const events = (...names: (string | null)[]) => names.map((event) => ({ event }));
  it("stands from the customer's request until a technician publishes or declines", () => {
    expect(technicianRequested([])).toBe(false);
    expect(technicianRequested(events("submitted"))).toBe(false);
    expect(technicianRequested(events("submitted", "technician_requested"))).toBe(true);
    expect(technicianRequested(events("technician_requested", "claimed", null, "question"))).toBe(true);
    expect(technicianRequested(events("technician_requested", "published"))).toBe(false);
    expect(technicianRequested(events("technician_requested", "declined"))).toBe(false);
    expect(technicianRequested(events("technician_requested", "published", "technician_requested"))).toBe(true);
  });
});

describe("texts", () => {
  it("every reason code and the refusal have a sentence in English and Spanish", () => {
    const key = { needs_technician: "apiReason", review_required: "reviewRequired" } as const;
    for (const code of NOT_ACCEPTABLE_CODES) {
      expect(en.needsTechnician[key[code]]).toMatch(/technician/);
      expect(es.needsTechnician[key[code]]).toMatch(/técnico/);
    }
    expect(en.errors.needs_technician).toMatch(/technician/);
    expect(es.errors.needs_technician).toMatch(/técnico/);
    expect(en.needsTechnician.badge).toBe("Needs a technician");
    expect(es.needsTechnician.badge).toBe("Necesita un técnico");
    expect(en.needsTechnician.ask).toBe("Ask a technician for this design");
    expect(es.needsTechnician.ask).toBe("Pedir este diseño a un técnico");
  });
});
