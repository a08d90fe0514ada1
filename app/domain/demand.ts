import type {
  DatabaseWorkload,
  FileStorageWorkload,
  RawWorkload,
  Requirements,
  StorageClass,
  WebAppWorkload,
  Workload,
} from "./quote-input";
import { profileDemand } from "./profiles";
import { RULES, SOURCES } from "./rules";

/** One step of reasoning: which rule, on what inputs, with the figures a sentence needs. */
export interface RuleTrace {
  ruleId: string;
  inputs: Record<string, number | string | boolean>;
  /** Values for the customer-facing sentence (translation key `rules.<ruleId>`). */
  params: Record<string, number | string>;
  source?: string;
}

export const RESOURCE_KEYS = ["vcpu", "ramGb", "nvmeGb", "ssdGb", "hddGb", "iops", "mbps", "gpu"] as const;
export type ResourceKey = (typeof RESOURCE_KEYS)[number];
export type Resources = Record<ResourceKey, number>;

export const zeroResources = (): Resources => ({ vcpu: 0, ramGb: 0, nvmeGb: 0, ssdGb: 0, hddGb: 0, iops: 0, mbps: 0, gpu: 0 });

export function maxResources(a: Resources, b: Resources): Resources {
  const out = zeroResources();
  for (const k of RESOURCE_KEYS) out[k] = Math.max(a[k], b[k]);
  return out;
}

export function addResources(a: Resources, b: Resources): Resources {
  const out = zeroResources();
  for (const k of RESOURCE_KEYS) out[k] = a[k] + b[k];
  return out;
}

export function scaleResources(a: Resources, factor: number): Resources {
  const out = zeroResources();
  for (const k of RESOURCE_KEYS) out[k] = a[k] * factor;
  return out;
}

export type FigureKey = ResourceKey | "trafficTb" | "protectedGb";

export interface DemandFigure {
  resource: FigureKey;
  value: number;
  rules: RuleTrace[];
}

/**
 * Roles are the parts a system runs as. Spreadable roles (web tiers, file and search storage,
 * VM hosts, backup targets) can be split over servers; the others need one server per copy.
 */
export type RoleKind =
  | "app"
  | "database"
  | "cache"
  | "search"
  | "storage"
  | "repository"
  | "custom"
  | "game"
  | "appliance"
  | "control_plane"
  | "backup_target"
  | "mail"
  | "vm";

export const SPREADABLE_ROLES: ReadonlySet<RoleKind> = new Set(["app", "storage", "search", "vm", "backup_target"]);
/** Roles that get their own role per workload (one game server, one appliance per workload). */
export const PER_WORKLOAD_ROLES: ReadonlySet<RoleKind> = new Set(["custom", "game", "appliance", "control_plane"]);

/** One role's share of a workload's demand. */
export interface DemandPart {
  roleKind: RoleKind;
  resources: Resources;
  trafficTb: number;
  protectedGb: number;
  figures: DemandFigure[];
  /** Smallest piece a spreadable role can be cut into (a VM cannot be split across hosts). */
  minUnit?: Resources;
  /** Needs a majority of copies to work (etcd, consensus): three copies when highly available. */
  quorum?: boolean;
}

export interface WorkloadDemand extends DemandPart {
  index: number;
  kind: Workload["kind"];
  name: string | null;
  role: string;
  /** Data that backups protect. */
  protectedGb: number;
}

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

export const round2 = (n: number) => Math.round(n * 100) / 100;

export function storageResources(cls: StorageClass, gb: number): Partial<Resources> {
  return cls === "nvme" ? { nvmeGb: gb } : cls === "ssd" ? { ssdGb: gb } : { hddGb: gb };
}

export function storageKey(cls: StorageClass): ResourceKey {
  return cls === "nvme" ? "nvmeGb" : cls === "ssd" ? "ssdGb" : "hddGb";
}

export function growthTrace(kind: "compute" | "storage", growth: GrowthFactors): RuleTrace {
  return {
    ruleId: `growth.${kind}`,
    inputs: { percentPerYear: growth.percentPerYear, months: kind === "compute" ? growth.computeMonths : growth.storageMonths },
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
  return { ruleId: "cpu.target", inputs: { targetUtilisation: profile.cpuTargetUtilisation }, params: { percent: pct }, source: SOURCES.cpuTarget };
}

export function webAppDemand(w: WebAppWorkload, growth: GrowthFactors, profile: SizingProfile) {
  const R = RULES.web;
  const pages = w.pagesPerVisit ?? R.defaultPagesPerVisit;
  const weightKb = w.pageWeightKb ?? R.defaultPageWeightKb;
  const dynamic = w.dynamicPages ?? true;
  const offload = (w.cacheOffloadPercent ?? 0) / 100;
  const pageViews = w.visitsPerDay * pages;
  const peakRps = (pageViews / 86_400) * R.peakFactor;
  const cpuMs = dynamic ? R.cpuMsDynamic : R.cpuMsStatic;
  const vcpu = Math.max(R.minVcpu, ((peakRps * cpuMs) / 1000 / profile.cpuTargetUtilisation) * growth.compute);
  const concurrency = peakRps * R.responseSeconds;
  const baseRam = dynamic ? R.baseRamGbDynamic : R.baseRamGbStatic;
  const ramGb = (baseRam + concurrency * R.workerRamGb) * growth.compute;
  const trafficTb = ((pageViews * weightKb * 30 * (1 - offload)) / 1e9) * growth.compute;
  const mbps = ((peakRps * weightKb * 8) / 1000) * (1 - offload) * growth.compute;
  const storageGb = (w.storageGb ?? R.defaultStorageGb) * growth.storage;

  const trafficRule: RuleTrace = {
    ruleId: "web.page_views",
    inputs: { visitsPerDay: w.visitsPerDay, pagesPerVisit: pages },
    params: { visits: w.visitsPerDay, pages, pageViews: Math.round(pageViews), assumedPages: w.pagesPerVisit === undefined ? "yes" : "no" },
  };
  const peakRule: RuleTrace = {
    ruleId: "web.peak_rps",
    inputs: { pageViews, peakFactor: R.peakFactor },
    params: { rps: round2(peakRps), factor: R.peakFactor },
  };
  const figures: DemandFigure[] = [
    {
      resource: "vcpu",
      value: vcpu,
      rules: [
        trafficRule,
        peakRule,
        { ruleId: dynamic ? "web.cpu_dynamic" : "web.cpu_static", inputs: { peakRps, cpuMs }, params: { cpuMs, vcpu: round2(vcpu) } },
        cpuTrace(profile),
        growthTrace("compute", growth),
      ],
    },
    {
      resource: "ramGb",
      value: ramGb,
      rules: [
        peakRule,
        {
          ruleId: "web.ram",
          inputs: { concurrency, workerRamGb: R.workerRamGb, baseRamGb: baseRam },
          params: { concurrency: Math.ceil(concurrency), workerMb: R.workerRamGb * 1000, baseGb: baseRam, ramGb: round2(ramGb) },
        },
        growthTrace("compute", growth),
      ],
    },
    {
      resource: "ssdGb",
      value: storageGb,
      rules: [
        {
          ruleId: "web.storage",
          inputs: { storageGb: w.storageGb ?? R.defaultStorageGb },
          params: { gb: w.storageGb ?? R.defaultStorageGb, assumed: w.storageGb === undefined ? "yes" : "no", totalGb: round2(storageGb) },
        },
        growthTrace("storage", growth),
      ],
    },
    {
      resource: "trafficTb",
      value: trafficTb,
      rules: [
        trafficRule,
        {
          ruleId: "web.traffic",
          inputs: { pageWeightKb: weightKb, offload },
          params: { weightKb, offloadPercent: Math.round(offload * 100), tb: round2(trafficTb) },
          source: SOURCES.pageWeight,
        },
      ],
    },
    {
      resource: "mbps",
      value: mbps,
      rules: [peakRule, { ruleId: "web.bandwidth", inputs: { peakRps, pageWeightKb: weightKb }, params: { mbps: round2(mbps) } }],
    },
  ];
  const resources = { ...zeroResources(), vcpu, ramGb, ssdGb: storageGb, mbps };
  return { resources, trafficTb, protectedGb: storageGb, figures, roleKind: "app" as const };
}

export function databaseDemand(w: DatabaseWorkload, growth: GrowthFactors, profile: SizingProfile) {
  const R = RULES.database;
  const qps = w.peakQueriesPerSecond ?? R.defaultPeakQps;
  const writeShare = (w.writePercent ?? R.defaultWritePercent) / 100;
  const hotShare = (w.hotDataPercent ?? R.defaultHotDataPercent) / 100;
  const dataGb = w.dataGb * growth.storage;
  const hotGb = dataGb * hotShare;
  const ramGb = Math.max(R.minRamGb, R.baseRamGb + hotGb / R.cacheShareOfRam);
  const vcpu = Math.max(R.minVcpu, ((qps * R.cpuMsPerQuery) / 1000 / profile.cpuTargetUtilisation) * growth.compute);
  const storageGb = dataGb * R.storageOverhead;
  const iops = qps * growth.compute * (writeShare * R.ioPerWrite + (1 - writeShare) * (1 - R.readCacheHitRatio));
  const figures: DemandFigure[] = [
    {
      resource: "ramGb",
      value: ramGb,
      rules: [
        growthTrace("storage", growth),
        {
          ruleId: "db.ram",
          inputs: { dataGb, hotShare, cacheShareOfRam: R.cacheShareOfRam },
          params: { hotPercent: Math.round(hotShare * 100), hotGb: round2(hotGb), cachePercent: R.cacheShareOfRam * 100, ramGb: round2(ramGb) },
          source: SOURCES.postgresMemory,
        },
      ],
    },
    {
      resource: "vcpu",
      value: vcpu,
      rules: [
        { ruleId: "db.cpu", inputs: { qps, cpuMsPerQuery: R.cpuMsPerQuery }, params: { qps, cpuMs: R.cpuMsPerQuery, vcpu: round2(vcpu), minVcpu: R.minVcpu } },
        cpuTrace(profile),
        growthTrace("compute", growth),
      ],
    },
    {
      resource: "nvmeGb",
      value: storageGb,
      rules: [
        growthTrace("storage", growth),
        { ruleId: "db.storage", inputs: { dataGb: w.dataGb, overhead: R.storageOverhead }, params: { dataGb: w.dataGb, overheadPercent: Math.round((R.storageOverhead - 1) * 100), totalGb: round2(storageGb) } },
      ],
    },
    {
      resource: "iops",
      value: iops,
      rules: [
        {
          ruleId: "db.iops",
          inputs: { qps, writeShare },
          params: { qps, writePercent: Math.round(writeShare * 100), iops: Math.ceil(iops) },
          source: SOURCES.iops,
        },
      ],
    },
  ];
  const resources = { ...zeroResources(), vcpu, ramGb, nvmeGb: storageGb, iops };
  return { resources, trafficTb: 0, protectedGb: dataGb, figures, roleKind: "database" as const };
}

export function fileStorageDemand(w: FileStorageWorkload, growth: GrowthFactors) {
  const R = RULES.files;
  const access = w.access ?? "active";
  const cls: StorageClass = access === "archive" ? "hdd" : "ssd";
  const dataGb = w.dataGb * growth.storage;
  const trafficTb = ((w.monthlyDownloadGb ?? 0) / 1000) * growth.compute;
  const figures: DemandFigure[] = [
    {
      resource: storageKey(cls),
      value: dataGb,
      rules: [
        { ruleId: access === "archive" ? "files.storage_archive" : "files.storage_active", inputs: { dataGb: w.dataGb }, params: { dataGb: w.dataGb, totalGb: round2(dataGb) } },
        growthTrace("storage", growth),
      ],
    },
    { resource: "vcpu", value: R.vcpu, rules: [{ ruleId: "files.compute", inputs: {}, params: { vcpu: R.vcpu, ramGb: R.ramGb } }] },
    { resource: "ramGb", value: R.ramGb, rules: [{ ruleId: "files.compute", inputs: {}, params: { vcpu: R.vcpu, ramGb: R.ramGb } }] },
    { resource: "trafficTb", value: trafficTb, rules: [{ ruleId: "files.traffic", inputs: { monthlyDownloadGb: w.monthlyDownloadGb ?? 0 }, params: { gb: w.monthlyDownloadGb ?? 0, tb: round2(trafficTb) } }] },
  ];
  const resources = { ...zeroResources(), vcpu: R.vcpu, ramGb: R.ramGb, ...storageResources(cls, dataGb) };
  return { resources, trafficTb, protectedGb: dataGb, figures, roleKind: "storage" as const };
}

export function rawDemand(w: RawWorkload) {
  const cls = w.storageClass ?? "nvme";
  const storageGb = w.storageGb ?? 0;
  const trafficTb = w.trafficTbPerMonth ?? 0;
  const rule = (what: string, value: number): RuleTrace => ({ ruleId: "raw.as_stated", inputs: { [what]: value }, params: { what, value } });
  const figures: DemandFigure[] = [
    { resource: "vcpu", value: w.vcpu, rules: [rule("vcpu", w.vcpu)] },
    { resource: "ramGb", value: w.ramGb, rules: [rule("ramGb", w.ramGb)] },
    { resource: storageKey(cls), value: storageGb, rules: [rule("storageGb", storageGb)] },
    { resource: "trafficTb", value: trafficTb, rules: [rule("trafficTb", trafficTb)] },
  ];
  const gpu = w.gpu ?? 0;
  if (gpu > 0) figures.push({ resource: "gpu", value: gpu, rules: [rule("gpu", gpu)] });
  const resources = { ...zeroResources(), vcpu: w.vcpu, ramGb: w.ramGb, gpu, ...storageResources(cls, storageGb) };
  return { resources, trafficTb, protectedGb: storageGb, figures, roleKind: "custom" as const };
}

/** Rules that say the same for every workload (shown once in an explanation). */
const SHARED_RULES = new Set(["growth.compute", "growth.storage", "cpu.target"]);

/** Resource demand of each workload, every figure with the rules that produced it. */
export function workloadDemands(workloads: readonly Workload[], req: Requirements, profile: SizingProfile): WorkloadDemand[] {
  const growth = growthFactors(req, profile);
  return workloads.flatMap((w, index) => {
    const parts: DemandPart[] =
      w.kind === "web_app"
        ? [webAppDemand(w, growth, profile)]
        : w.kind === "database"
          ? [databaseDemand(w, growth, profile)]
          : w.kind === "file_storage"
            ? [fileStorageDemand(w, growth)]
            : w.kind === "raw"
              ? [rawDemand(w)]
              : profileDemand(w, growth, profile);
    const margin = estimateMargin(w);
    // Every sentence can name the workload it speaks of.
    const workload = w.name || `#${index + 1}`;
    return parts.map((d) => {
      // Web apps share one stateless tier, databases one database tier and so on; a raw machine,
      // a game server or an appliance is its own role because it runs as one machine.
      const role = PER_WORKLOAD_ROLES.has(d.roleKind) ? `${d.roleKind}-${index + 1}` : d.roleKind;
      const withMargin = margin ? applyMargin(d, margin) : d;
      const figures = withMargin.figures.map((f) => ({ ...f, rules: f.rules.map((r) => (SHARED_RULES.has(r.ruleId) ? r : { ...r, params: { ...r.params, workload } })) }));
      return { index, kind: w.kind, name: w.name ?? null, role, ...withMargin, figures };
    });
  });
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
    f.resource === "protectedGb" || f.resource === "gpu" ? f : { ...f, value: f.value * margin.factor, rules: [...f.rules, trace] },
  );
  return { ...d, resources, trafficTb: d.trafficTb * margin.factor, protectedGb: d.protectedGb * margin.factor, figures };
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
