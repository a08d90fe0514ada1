import { zodResolver } from "@hookform/resolvers/zod";
import type { TFunction } from "i18next";
import type { Resolver } from "react-hook-form";
import { quoteRequestSchema } from "~/domain/quote-input";
import { zodErrorMap } from "~/utils/validation";
import type { FormInput, FormOutput } from "./form";

/**
 * The wizard's validation: the one schema (zod) through react-hook-form's zod resolver. Loaded on
 * demand (route.tsx imports it when the customer first interacts with the form, at the latest on
 * "Next"), so the first download of the wizard carries neither zod nor the schema.
 */
export function wizardResolver(t: TFunction): Resolver<FormInput, unknown, FormOutput> {
  return zodResolver(quoteRequestSchema, { error: zodErrorMap(t) });
}
