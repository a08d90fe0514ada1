import type { TFunction } from "i18next";
import type { RuleTrace } from "~/domain/demand";
import type { RunsOutFirst } from "~/domain/engine";
import type { Currency } from "~/domain/money";
import { formatMoney, formatNumber, formatQuantity, quantityDigits, roundTo } from "./format";

/** A role id ("app", "custom-2") in the reader's language. */
export function roleName(id: string, t: TFunction): string {
  const perWorkload = /^([a-z_]+)-(\d+)$/.exec(id);
  if (perWorkload) return t(`roles.${perWorkload[1]}`, { n: perWorkload[2], defaultValue: id });
  return t(`roles.${id}`, { defaultValue: id });
}

/** What a reason's sentence needs: its key and values (not the engine's inputs behind it). */
export type ExplainedReason = Pick<RuleTrace, "ruleId" | "params">;

/**
 * The sentences whose wording depends on a number (`_one`/`_other` keys): the parameter that
 * counts. The count is the number as shown, so "1 CPU thread" and "1.5 CPU threads".
 */
const PLURAL_BY: Record<string, string> = {
  "web.cpu_dynamic": "vcpu",
  "web.cpu_static": "vcpu",
  "db.cpu": "vcpu",
  "files.compute": "vcpu",
  "web.ram": "concurrency",
  "fit.failover_ip": "count",
  "fit.spare_standard": "count",
  "elasticsearch.size": "replicas",
  "vm_host.sum": "vms",
  "fit.spare_high": "usable",
};

/** Decimals a parameter deserves, by what it measures (format.ts has the rules per unit). */
function digitsOf(key: string, value: number): number {
  if (key === "gb" || key.endsWith("Gb")) return quantityDigits(value, "gb");
  if (key === "tb" || key.endsWith("Tb")) return quantityDigits(value, "tb");
  if (key === "vcpu" || key === "minVcpu") return quantityDigits(value, "threads");
  if (key === "rps") return 1;
  if (key === "mbps") return quantityDigits(value, "gb");
  if (key === "factor") return 2;
  if (key.endsWith("Percent") || key === "percent") return 1;
  return Number.isInteger(value) ? 0 : 2;
}

/** An input's name ("visitsPerDay") as the customer reads it ("visits per day"). */
export function inputName(field: string, t: TFunction): string {
  return t(`quote.inputNames.${field}`, { defaultValue: field });
}

/** One rule trace as a sentence in the reader's language, numbers formatted for their locale. */
export function explain(trace: ExplainedReason, t: TFunction, locale: string): string {
  if (trace.ruleId === "demand.chain") return explainChain(trace, t, locale);
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(trace.params)) {
    if (key === "roles" && typeof value === "string")
      params[key] = value
        .split(",")
        .map((r) => roleName(r, t))
        .join(", ");
    else if (key === "storageClass" && typeof value === "string" && value) params[key] = t(`storageClasses.${value}`);
    else if ((key === "inputs" || key === "what") && typeof value === "string")
      params[key] = value
        .split(",")
        .map((f) => inputName(f.trim(), t))
        .join(", ");
    else if (typeof value === "number") params[key] = formatNumber(roundTo(value, digitsOf(key, value)), locale, 2);
    else params[key] = value;
  }
  const countKey = PLURAL_BY[trace.ruleId];
  const count = countKey !== undefined ? trace.params[countKey] : undefined;
  if (typeof count === "number") {
    // i18next picks the form by `count`; a sentence that counts something else keeps its own
    // `count` (the servers) as `servers`.
    if (countKey !== "count" && params.count !== undefined) params.servers = params.count;
    params.count = roundTo(count, digitsOf(countKey!, count));
  }
  return t(`rules.${trace.ruleId}`, { ...params, defaultValue: trace.ruleId });
}

/** A figure in its unit: GB (TB from 10 TB), TB, or CPU threads with the word in the right number. */
export function formatFigure(
  value: number,
  resource: "vcpu" | "ramGb" | "storageGb" | "trafficTb",
  t: TFunction,
  locale: string,
): string {
  if (resource === "vcpu") return formatQuantity(value, "threads", locale, (n) => t("quote.threads", { count: n }));
  return formatQuantity(value, resource === "trafficTb" ? "tb" : "gb", locale);
}

/**
 * "Nextcloud, storage: 1,500 GB; + 20 % growth over 12 months = 1,800 GB; + 20 % margin on
 * estimates = 2,160 GB": one figure from its base to its total, each factor in order.
 */
function explainChain(trace: ExplainedReason, t: TFunction, locale: string): string {
  const p = trace.params;
  const resource = String(p.resource) as "vcpu" | "ramGb" | "storageGb" | "trafficTb";
  const figure = (v: string | number | undefined) => formatFigure(Number(v ?? 0), resource, t, locale);
  const parts = [
    t("rules.demand.chain", {
      workload: p.workload ?? "",
      role: typeof p.role === "string" ? roleName(p.role, t) : "",
      resource: t(`quote.chainResources.${resource}`),
      value: figure(p.base),
    }),
  ];
  // "+ 20 % growth … = 1,800 GB" when the figure grows with the load; where it does not grow in
  // proportion (a fixed part, a vendor's step), "after 12 months at 20 % growth a year: 6.1 GB".
  const proportional =
    p.grown !== undefined &&
    Math.abs(Number(p.base) * Number(p.factor ?? 1) - Number(p.grown)) <= Number(p.grown) * 0.01;
  if (p.grown !== undefined)
    parts.push(
      t(proportional ? "rules.demand.chain_growth" : "rules.demand.chain_grown", {
        percent: formatNumber(Number(p.growthPercent ?? 0), locale, 1),
        months: Number(p.months ?? 0),
        count: Number(p.months ?? 0),
        value: figure(p.grown),
      }),
    );
  if (p.total !== undefined)
    parts.push(
      t("rules.demand.chain_margin", {
        percent: formatNumber(Number(p.marginPercent ?? 0), locale, 1),
        value: figure(p.total),
      }),
    );
  return `${parts.join("; ")}.`;
}

/** "What runs out first" as one sentence, with the price of the next step up. */
export function describeRunsOutFirst(r: RunsOutFirst, t: TFunction, locale: string, currency: Currency): string {
  const params = {
    resource: t(`quote.resourceNames.${r.resource}`),
    roles: r.roles.map((id) => roleName(id, t)).join(", "),
    months: r.months ?? 0,
  };
  const first = r.months === null ? t("quote.runsOutFirstNever", params) : t("quote.runsOutFirst", params);
  return r.nextStepMonthlyMinor === null || r.nextStepMonthlyMinor <= 0
    ? first
    : `${first} ${t("quote.nextStep", { price: formatMoney(r.nextStepMonthlyMinor, currency, locale) })}`;
}
