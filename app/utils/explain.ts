import type { TFunction } from "i18next";
import type { RuleTrace } from "~/domain/demand";
import type { RunsOutFirst } from "~/domain/engine";
import { formatMoney, formatNumber } from "./format";

/** A role id ("app", "custom-2") in the reader's language. */
export function roleName(id: string, t: TFunction): string {
  const perWorkload = /^([a-z_]+)-(\d+)$/.exec(id);
  if (perWorkload) return t(`roles.${perWorkload[1]}`, { n: perWorkload[2], defaultValue: id });
  return t(`roles.${id}`, { defaultValue: id });
}

/** What a reason's sentence needs: its key and values (not the engine's inputs behind it). */
export type ExplainedReason = Pick<RuleTrace, "ruleId" | "params">;

/** One rule trace as a sentence in the reader's language, numbers formatted for their locale. */
export function explain(trace: ExplainedReason, t: TFunction, locale: string): string {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(trace.params)) {
    if (key === "roles" && typeof value === "string")
      params[key] = value
        .split(",")
        .map((r) => roleName(r, t))
        .join(", ");
    else if (key === "storageClass" && typeof value === "string" && value)
      params[key] = t(`wizard.fields.storageClasses.${value}`);
    else params[key] = typeof value === "number" ? formatNumber(value, locale) : value;
  }
  return t(`rules.${trace.ruleId}`, { ...params, defaultValue: trace.ruleId });
}

/** "What runs out first" as one sentence, with the price of the next step up. */
export function describeRunsOutFirst(r: RunsOutFirst, t: TFunction, locale: string): string {
  const params = {
    resource: t(`quote.resourceNames.${r.resource}`),
    roles: r.roles.map((id) => roleName(id, t)).join(", "),
    months: r.months ?? 0,
  };
  const first = r.months === null ? t("quote.runsOutFirstNever", params) : t("quote.runsOutFirst", params);
  return r.nextStepMonthlyMinor === null
    ? first
    : `${first} ${t("quote.nextStep", { price: formatMoney(r.nextStepMonthlyMinor, "EUR", locale) })}`;
}
