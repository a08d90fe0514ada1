import type { FieldErrors, UseFormReturn } from "react-hook-form";
import { get } from "react-hook-form";
import type { z } from "zod";
import type { quoteRequestSchema } from "~/domain/quote-input";

/** What the wizard's form holds (the schema's input) and what it submits (its output). */
export type FormInput = z.input<typeof quoteRequestSchema>;
export type FormOutput = z.output<typeof quoteRequestSchema>;
export type WizardForm = UseFormReturn<FormInput, unknown, FormOutput>;

export const STEPS = ["workloads", "requirements", "migration", "contact"] as const;
export type Step = (typeof STEPS)[number];

export const MIGRATION = "requirements.migration";

export const DEFAULTS: FormInput = {
  currency: "EUR",
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [],
  contact: { name: "", email: "", company: "" },
};

/** The step that holds the field at a path ("workloads.0.visitsPerDay" is on the first). */
export function stepOf(path: string): Step {
  if (path.startsWith("workloads")) return "workloads";
  if (path.startsWith("contact")) return "contact";
  if (path.startsWith(MIGRATION)) return "migration";
  return "requirements";
}

/** The first step with an error, in the order the customer meets them. */
export function firstStepWithErrors(errors: FieldErrors<FormInput>): Step | undefined {
  const requirements = Object.keys(errors.requirements ?? {}).some((key) => key !== "migration");
  return STEPS.find((s) =>
    s === "requirements"
      ? requirements || Boolean(errors.currency)
      : Boolean(get(errors, s === "migration" ? MIGRATION : s)),
  );
}

/**
 * What the wizard validates and sends: the migration answers only when the customer is moving
 * (the details stay in the draft if they change their mind), without empty lists.
 */
export function forSubmission(values: FormInput): FormInput {
  const migration = values.requirements?.migration;
  if (!migration) return values;
  const { requirements } = values;
  if (migration.fromExistingServer !== true)
    return { ...values, requirements: { ...requirements, migration: undefined } };
  const { databases, preferredWindows, ...rest } = migration;
  return {
    ...values,
    requirements: {
      ...requirements,
      migration: {
        ...rest,
        ...(databases?.length ? { databases } : {}),
        ...(preferredWindows?.length ? { preferredWindows } : {}),
      },
    },
  };
}
