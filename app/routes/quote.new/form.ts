import type { UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { quoteRequestSchema } from "~/domain/quote-input";

/** What the wizard's form holds (the schema's input) and what it submits (its output). */
export type FormInput = z.input<typeof quoteRequestSchema>;
export type FormOutput = z.output<typeof quoteRequestSchema>;
export type WizardForm = UseFormReturn<FormInput, unknown, FormOutput>;

export const STEPS = ["workloads", "requirements", "contact"] as const;
export type Step = (typeof STEPS)[number];

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
  return "requirements";
}
