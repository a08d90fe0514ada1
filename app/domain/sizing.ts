import type { Requirements } from "./quote-input";
import { RULES } from "./rules";

/** How hard a proposal sizes: the lean tier at 65 % CPU, balanced with more room. */
export interface SizingProfile {
  cpuTargetUtilisation: number;
  extraGrowthMonths: number;
}

export const LEAN_PROFILE: SizingProfile = {
  cpuTargetUtilisation: RULES.leanCpuTargetUtilisation,
  extraGrowthMonths: 0,
};
export const BALANCED_PROFILE: SizingProfile = {
  cpuTargetUtilisation: RULES.balancedCpuTargetUtilisation,
  extraGrowthMonths: RULES.balancedExtraGrowthMonths,
};

export interface GrowthFactors {
  percentPerYear: number;
  computeMonths: number;
  storageMonths: number;
  compute: number;
  storage: number;
}

export function growthFactors(req: Requirements, profile: SizingProfile): GrowthFactors {
  const percentPerYear = req.growthPercentPerYear ?? RULES.defaultGrowthPercentPerYear;
  const computeMonths = Math.min(req.termMonths, RULES.computeGrowthMonthsCap) + profile.extraGrowthMonths;
  const storageMonths = req.termMonths + profile.extraGrowthMonths;
  const g = 1 + percentPerYear / 100;
  return {
    percentPerYear,
    computeMonths,
    storageMonths,
    compute: g ** (computeMonths / 12),
    storage: g ** (storageMonths / 12),
  };
}
