import type { TFunction } from "i18next";
import type { z } from "zod";
import { didYouMean } from "./did-you-mean";

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
      case "unrecognized_keys": {
        // One sentence per unknown key, one per line; fieldErrors gives each its own path.
        const def = issue.inst?._zod.def;
        const known = def && "shape" in def ? Object.keys(def.shape as object) : [];
        return issue.keys
          .map((key) => {
            const suggestion = didYouMean(key, known);
            const field = shown(key);
            return suggestion
              ? t("validation.unknownFieldDidYouMean", { field, suggestion })
              : t("validation.unknownField", { field });
          })
          .join("\n");
      }
      case "custom":
        // The plain-text checks of app/domain/text.ts.
        if (issue.params?.text === "control_characters") return t("validation.controlCharacters");
        if (issue.params?.text === "line_break") return t("validation.singleLine");
        // The migration fields' own checks (app/domain/quote-input.ts).
        if (issue.params?.migration === "time_zone") return t("validation.timeZone");
        if (issue.params?.migration === "clock_time") return t("validation.clockTime");
        if (issue.params?.migration === "empty_window") return t("validation.emptyWindow");
        return t("validation.invalid");
      default:
        return t("validation.invalid");
    }
  };
}

/** A key as a message quotes it: on one line, and not a whole body long. */
function shown(key: string): string {
  // eslint-disable-next-line no-control-regex
  const line = key.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "\ufffd");
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}

export interface FieldError {
  path: string;
  message: string;
}

/**
 * Flat, dotted paths ("workloads.0.visitsPerDay") that both the API and the wizard use. An object's
 * unknown keys are one issue; each becomes an error at its own path ("workloads.0.queriesPerSecond").
 */
export function fieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code !== "unrecognized_keys") return [{ path: path.join("."), message: issue.message }];
    const lines = issue.message.split("\n");
    return issue.keys.map((key, i) => ({
      path: [...path, key].join("."),
      message: lines.length === issue.keys.length ? lines[i]! : issue.message,
    }));
  });
}
