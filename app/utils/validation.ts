import type { TFunction } from "i18next";
import type { z } from "zod";

type Issue = z.core.$ZodRawIssue;

/**
 * Zod issues as sentences in the reader's language. Passed per parse (browser resolver, actions,
 * API), so one schema serves every language.
 */
export function zodErrorMap(t: TFunction) {
  return (issue: Issue): string => {
    switch (issue.code) {
      case "invalid_type":
        if (issue.input === undefined || issue.input === null || issue.input === "") return t("validation.required");
        if (issue.expected === "int") return t("validation.integer");
        if (issue.expected === "number") return t("validation.number");
        return t("validation.invalid");
      case "too_small": {
        const min = Number(issue.minimum);
        if (issue.origin === "string") return min <= 1 ? t("validation.required") : t("validation.minLength", { min });
        if (issue.origin === "array") return t("validation.minItems", { min });
        return t("validation.min", { min });
      }
      case "too_big": {
        const max = Number(issue.maximum);
        if (issue.origin === "string") return t("validation.maxLength", { max });
        if (issue.origin === "array") return t("validation.maxItems", { max });
        return t("validation.max", { max });
      }
      case "invalid_format":
        return issue.format === "email" ? t("validation.email") : t("validation.invalid");
      case "invalid_value":
      case "invalid_union":
        return t("validation.choice");
      case "custom":
        // The plain-text checks of app/domain/text.ts.
        if (issue.params?.text === "control_characters") return t("validation.controlCharacters");
        if (issue.params?.text === "line_break") return t("validation.singleLine");
        return t("validation.invalid");
      default:
        return t("validation.invalid");
    }
  };
}

export interface FieldError {
  path: string;
  message: string;
}

/** Flat, dotted paths ("workloads.0.visitsPerDay") that both the API and the wizard use. */
export function fieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}
