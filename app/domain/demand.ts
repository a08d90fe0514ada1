/**
 * Workload demand: dispatches each workload to the module of its kind (workloads/*, profiles.ts),
 * then adds the estimate margin and the backup space. The building blocks live below it:
 * resources.ts, sizing.ts, trace.ts, demand-part.ts; they are re-exported here for callers.
 */
import { type DemandPart, type FigureKey, PER_WORKLOAD_ROLES, type WorkloadDemand } from "./demand-part";
import { profileDemand } from "./profiles";
import type { Requirements, Workload } from "./quote-input";
import { round2 } from "./resources";
import { RULES, SOURCES } from "./rules";
import { type GrowthFactors, type SizingProfile, growthFactors } from "./sizing";
import type { RuleTrace } from "./trace";
import { databaseDemand } from "./workloads/database";
import { fileStorageDemand } from "./workloads/file-storage";
import { rawDemand } from "./workloads/raw";
import { webAppDemand } from "./workloads/web-app";

export * from "./demand-part";
export * from "./resources";
export * from "./sizing";
export * from "./trace";
export { databaseDemand, fileStorageDemand, rawDemand, webAppDemand };

/** Rules that say the same for every workload (shown once in an explanation). */
const SHARED_RULES = new Set(["growth.compute", "growth.storage", "cpu.target"]);

/**
 * Which factors on top of the base demand a sizing applies. The base (both false) is what the
 * workload needs today; growth over the term and the estimate margin come on top, each with its
 * own rule trace, so a breakdown can show what each adds (engine.ts `DemandBreakdown`).
 */
export interface DemandFactors {
  growth: boolean;
  margin: boolean;
}

export const ALL_FACTORS: DemandFactors = { growth: true, margin: true };

/** Resource demand of each workload, every figure with the rules that produced it. */
export function workloadDemands(
  workloads: readonly Workload[],
  req: Requirements,
  profile: SizingProfile,
  factors: DemandFactors = ALL_FACTORS,
): WorkloadDemand[] {
  // Without growth: the same rules at 0 % a year (every growth factor is 1). The profile's
  // extra growth months (balanced) are growth too, so they go with it.
  const flat = growthFactors({ ...req, growthPercentPerYear: 0 }, { ...profile, extraGrowthMonths: 0 });
  const growth = factors.growth ? growthFactors(req, profile) : flat;
  // The full sizing explains every figure from its base: the same rules without growth give the
  // base's sentences ("150 users × 10 GB = 1,500 GB"), then one chain per figure adds growth and
  // the margin in order ("+ 20 % growth over 12 months = 1,800 GB; + 20 % margin = 2,160 GB").
  const explainChains = factors.growth && factors.margin;
  const grows = growth.compute !== 1 || growth.storage !== 1;
  return workloads.flatMap((w, index) => {
    const parts = partsOf(w, growth, profile);
    const baseParts = explainChains && grows ? partsOf(w, flat, profile) : parts;
    const margin = factors.margin ? estimateMargin(w) : null;
    // Every sentence can name the workload it speaks of.
    const workload = w.name || `#${index + 1}`;
    return parts.map((d, j) => {
      // Web apps share one stateless tier, databases one database tier and so on; a raw machine,
      // a game server or an appliance is its own role because it runs as one machine.
      const role = PER_WORKLOAD_ROLES.has(d.roleKind) ? `${d.roleKind}-${index + 1}` : d.roleKind;
      const withMargin = margin ? applyMargin(d, margin) : d;
      const figures = withMargin.figures.map((f, k) => {
        let rules = f.rules;
        if (explainChains) {
          const base = baseParts[j]?.figures[k];
          const grown = d.figures[k]!;
          if (base && base.resource === f.resource) {
            rules = [...baseRules(base.rules, grown.rules), ...f.rules.slice(grown.rules.length)];
            const chain = chainTrace(f.resource, base.value, grown.value, f.value, grown.rules, margin);
            if (chain) rules.push({ ...chain, params: { ...chain.params, role } });
          }
        }
        return {
          ...f,
          rules: rules.map((r) => (SHARED_RULES.has(r.ruleId) ? r : { ...r, params: { ...r.params, workload } })),
        };
      });
      return { index, kind: w.kind, name: w.name ?? null, role, ...withMargin, figures };
    });
  });
}

function partsOf(w: Workload, growth: GrowthFactors, profile: SizingProfile): DemandPart[] {
  return w.kind === "web_app"
    ? [webAppDemand(w, growth, profile)]
    : w.kind === "database"
      ? [databaseDemand(w, growth, profile)]
      : w.kind === "file_storage"
        ? [fileStorageDemand(w, growth)]
        : w.kind === "raw"
          ? [rawDemand(w)]
          : profileDemand(w, growth, profile);
}

/** The base's sentences, with the growth rule of the sizing that grows (the base's says 0 %). */
function baseRules(base: readonly RuleTrace[], grown: readonly RuleTrace[]): RuleTrace[] {
  const out = base.map((r) => (r.ruleId.startsWith("growth.") ? (grown.find((g) => g.ruleId === r.ruleId) ?? r) : r));
  for (const g of grown) if (!out.some((r) => r.ruleId === g.ruleId)) out.push(g);
  return out;
}

/** The figures a chain explains, by the headline figure they add up to. */
const CHAIN_RESOURCES: Partial<Record<FigureKey, "vcpu" | "ramGb" | "storageGb" | "trafficTb">> = {
  vcpu: "vcpu",
  ramGb: "ramGb",
  nvmeGb: "storageGb",
  ssdGb: "storageGb",
  hddGb: "storageGb",
  trafficTb: "trafficTb",
};

/**
 * One figure from its base to its total, each factor in the order it applies: base; + growth over
 * its months = grown; + the estimate margin = total. Null when nothing is added to the base.
 */
function chainTrace(
  resource: FigureKey,
  base: number,
  grown: number,
  total: number,
  grownRules: readonly RuleTrace[],
  margin: Margin | null,
): RuleTrace | null {
  const key = CHAIN_RESOURCES[resource];
  if (!key) return null;
  const adds = (from: number, to: number) => to - from > Math.max(1e-9, Math.abs(from) * 1e-4);
  const growthRule =
    grownRules.find((r) => r.ruleId === (key === "storageGb" ? "growth.storage" : "growth.compute")) ??
    grownRules.find((r) => r.ruleId.startsWith("growth."));
  const grows = adds(base, grown) && growthRule !== undefined;
  const marginAdds = margin !== null && adds(grown, total);
  if (!grows && !marginAdds) return null;
  const params: RuleTrace["params"] = { resource: key, base: round2(base) };
  if (grows) {
    params.growthPercent = growthRule.params.percent ?? 0;
    params.months = growthRule.params.months ?? 0;
    params.grown = round2(grown);
    params.factor = growthRule.params.factor ?? 1;
  }
  if (marginAdds) {
    params.marginPercent = Math.round(RULES.estimateMargin * 100);
    params.total = round2(total);
  }
  return { ruleId: "demand.chain", inputs: { resource, base, grown, total }, params };
}

/** Inputs that drive the load of each kind; estimated ones earn a safety margin. */
export const LOAD_INPUTS: Record<Workload["kind"], string[]> = {
  web_app: ["visitsPerDay", "pagesPerVisit", "pageWeightKb"],
  database: ["dataGb", "peakQueriesPerSecond"],
  file_storage: ["dataGb"],
  raw: [],
  gitlab: ["users"],
  mattermost: ["concurrentUsers"],
  nextcloud: ["users"],
  discourse: ["monthlyPageViews", "users"],
  wordpress: ["visitsPerDay", "products"],
  minecraft: ["players"],
  elasticsearch: ["dataGb"],
  kubernetes: [],
  backup: ["protectedTb", "dailyChangePercent"],
  mail: ["mailboxes"],
  vm_host: [],
};

interface Margin {
  factor: number;
  estimated: string[];
}

/** A value the customer measured is used as is; an estimate gets RULES.estimateMargin on top. */
export function estimateMargin(w: Workload): Margin | null {
  const measured = new Set(w.measured ?? []);
  const estimated = LOAD_INPUTS[w.kind].filter((k) => !measured.has(k));
  if (estimated.length === 0) return null;
  return { factor: 1 + RULES.estimateMargin, estimated };
}

const MARGIN_KEYS = ["vcpu", "ramGb", "nvmeGb", "ssdGb", "hddGb", "iops", "mbps"] as const;

function applyMargin(d: DemandPart, margin: Margin): DemandPart {
  const resources = { ...d.resources };
  for (const k of MARGIN_KEYS) resources[k] = d.resources[k] * margin.factor;
  const trace: RuleTrace = {
    ruleId: "confidence.margin",
    inputs: { estimated: margin.estimated.join(","), factor: margin.factor },
    params: { inputs: margin.estimated.join(", "), percent: Math.round(RULES.estimateMargin * 100) },
  };
  const figures = d.figures.map((f) =>
    f.resource === "protectedGb" || f.resource === "gpu"
      ? f
      : { ...f, value: f.value * margin.factor, rules: [...f.rules, trace] },
  );
  return {
    ...d,
    resources,
    trafficTb: d.trafficTb * margin.factor,
    protectedGb: d.protectedGb * margin.factor,
    figures,
  };
}

export interface BackupDemand {
  retentionDays: number;
  protectedGb: number;
  backupGb: number;
  rules: RuleTrace[];
}

/** Forever-incremental backup space: one full copy plus daily changes, +20 % (capacity-rules.md section 6). */
export function backupDemand(demands: readonly WorkloadDemand[], req: Requirements): BackupDemand {
  const retentionDays = req.backupRetentionDays ?? 14;
  const protectedGb = demands.reduce((s, d) => s + d.protectedGb, 0);
  const B = RULES.backup;
  const backupGb = retentionDays === 0 ? 0 : protectedGb * (1 + (retentionDays - 1) * B.dailyChangeShare) * B.overhead;
  return {
    retentionDays,
    protectedGb,
    backupGb,
    rules: [
      {
        ruleId: retentionDays === 0 ? "backup.none" : "backup.size",
        inputs: { protectedGb, retentionDays, dailyChange: B.dailyChangeShare },
        params: {
          protectedGb: round2(protectedGb),
          days: retentionDays,
          changePercent: B.dailyChangeShare * 100,
          overheadPercent: Math.round((B.overhead - 1) * 100),
          backupGb: round2(backupGb),
          assumedDays: req.backupRetentionDays === undefined ? "yes" : "no",
        },
        source: SOURCES.backup,
      },
    ],
  };
}
