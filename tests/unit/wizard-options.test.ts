import { describe, expect, it } from "vitest";
import { TERM_MONTHS as catalogTerms } from "~/domain/quote-input";
import * as input from "~/domain/quote-input";
import { LOAD_INPUTS as engineLoadInputs } from "~/domain/demand";
import * as options from "~/domain/quote-options";
import { STEPS, stepOf } from "~/routes/quote.new/form";

// The wizard's first download takes its choices from quote-options.ts, without zod; the schema and
// the engine keep their own. They must say the same thing.
describe("the wizard's options", () => {
  it.each([
    "AVAILABILITY_TIERS",
    "TERM_MONTHS",
    "REGIONS",
    "STORAGE_CLASSES",
    "DATABASE_ENGINES",
    "WORKLOAD_KINDS",
    "COMPLIANCE_FLAGS",
    "WEEKDAYS",
    "DNS_MANAGERS",
  ] as const)("%s equals the schema's", (name) => {
    expect(options[name]).toEqual(input[name]);
  });

  it("step 2 validates every requirement but the move, which is step 3", () => {
    const keys = Object.keys(input.requirementsSchema.shape).filter((k) => k !== "migration");
    expect([...options.REQUIREMENT_KEYS].sort()).toEqual(keys.sort());
    for (const key of options.REQUIREMENT_KEYS) expect(stepOf(`requirements.${key}`)).toBe("requirements");
    expect(stepOf("requirements.migration.dataGb")).toBe("migration");
    expect(STEPS).toHaveLength(4);
  });

  it("the 'measured' inputs are the engine's", () => {
    expect(options.LOAD_INPUTS).toEqual(engineLoadInputs);
    expect(catalogTerms).toEqual(options.TERM_MONTHS);
  });
});
