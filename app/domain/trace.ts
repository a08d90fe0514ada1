import { round2 } from "./resources";
import { SOURCES } from "./rules";
import type { GrowthFactors, SizingProfile } from "./sizing";

/** One step of reasoning: which rule, on what inputs, with the figures a sentence needs. */
export interface RuleTrace {
  ruleId: string;
  inputs: Record<string, number | string | boolean>;
  /** Values for the customer-facing sentence (translation key `rules.<ruleId>`). */
  params: Record<string, number | string>;
  source?: string;
}

export function growthTrace(kind: "compute" | "storage", growth: GrowthFactors): RuleTrace {
  return {
    ruleId: `growth.${kind}`,
    inputs: {
      percentPerYear: growth.percentPerYear,
      months: kind === "compute" ? growth.computeMonths : growth.storageMonths,
    },
    params: {
      percent: growth.percentPerYear,
      months: kind === "compute" ? growth.computeMonths : growth.storageMonths,
      factor: round2(kind === "compute" ? growth.compute : growth.storage),
    },
    source: SOURCES.growth,
  };
}

export function cpuTrace(profile: SizingProfile): RuleTrace {
  const pct = Math.round(profile.cpuTargetUtilisation * 100);
  return {
    ruleId: "cpu.target",
    inputs: { targetUtilisation: profile.cpuTargetUtilisation },
    params: { percent: pct },
    source: SOURCES.cpuTarget,
  };
}
