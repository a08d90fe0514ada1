import {
  type Addon,
  type Catalog,
  type Price,
  type ServerModel,
  findPrice,
  priceOf,
  raidIops,
  storageCapacity,
  usedBays,
} from "./catalog";
import type { RoleKind } from "./demand-part";
import { RESOURCE_KEYS, type Resources, zeroResources } from "./resources";
import type { Availability, StorageClass } from "./quote-input";
import { RULES } from "./rules";

/** A role is a part of the system that runs as one unit: the web tier, the database tier, ... */
export interface Role {
  id: string;
  kind: RoleKind;
  /** Can the load be spread across servers (stateless web, sharded files) or must one server hold it all? */
  splittable: boolean;
  resources: Resources;
  /** Monthly traffic in TB; what the servers do not include is billed as overage. */
  trafficTb: number;
  workloadIndexes: number[];
  /** Smallest piece of a spreadable role one server must hold (a whole VM, an index shard). */
  minUnit?: Resources;
  /** Consensus role: three copies when highly available. */
  quorum?: boolean;
}

/** Copies of a non-spreadable role the plan asks for. */
export function replicasFor(role: Pick<Role, "splittable" | "quorum">, plan: AvailabilityPlan): number {
  if (role.splittable) return plan.tier === "standard" ? 1 : 2;
  return role.quorum && plan.tier !== "standard" ? Math.max(3, plan.nonSplitReplicas) : plan.nonSplitReplicas;
}

/** What an availability tier asks of a placement. */
export interface AvailabilityPlan {
  tier: Availability;
  /** Copies of a non-splittable role (database, custom machine), each on its own server. */
  nonSplitReplicas: number;
  /** Least servers for a splittable role. */
  minSplitServers: number;
  /** Servers whose capacity counts when n servers run a splittable role (the rest is spare). */
  usableServers: (n: number) => number;
  loadBalancers: number;
  failoverIps: boolean;
}

export const AVAILABILITY_PLANS: Record<Availability, AvailabilityPlan> = {
  standard: {
    tier: "standard",
    nonSplitReplicas: 1,
    minSplitServers: 1,
    usableServers: (n) => n,
    loadBalancers: 0,
    failoverIps: false,
  },
  high: {
    tier: "high",
    nonSplitReplicas: 2,
    minSplitServers: 2,
    usableServers: (n) => n - 1,
    loadBalancers: 1,
    failoverIps: true,
  },
  // Two failure domains: losing one domain (half the servers) must leave enough capacity.
  critical: {
    tier: "critical",
    nonSplitReplicas: 3,
    minSplitServers: 2,
    usableServers: (n) => Math.floor(n / 2),
    loadBalancers: 2,
    failoverIps: true,
  },
};

export interface AddonUse {
  addon: Addon;
  /** Units per server (RAM modules, disks, volume blocks). */
  units: number;
  usableGb: number;
}

export interface ServerConfig {
  model: ServerModel;
  ramAddon: AddonUse | null;
  storageAddons: AddonUse[];
  /** Per-server capacity after add-ons (RAM in total GB, storage usable after RAID). */
  capacity: Resources;
  /** Per-server price of the model plus its add-ons. */
  monthlyMinor: number;
  setupMinor: number;
}

export interface Placement {
  roles: string[];
  count: number;
  /** Usable servers for splittable load (count minus spares). */
  usable: number;
  /** What each server must hold, OS reserve included. */
  perServer: Resources;
  config: ServerConfig;
  /** Traffic of the group's roles and the whole TB above what its servers include. */
  trafficTb: number;
  overageTb: number;
  /** What the customer pays for the group over the term (term discount applied). */
  termCostMinor: number;
  /**
   * What the optimiser minimises: termCostMinor plus the operations weight of every server over
   * the term (the price book's opsMinorPerServerMonth). Never shown or charged.
   */
  objectiveMinor: number;
}

/** Whole TB of traffic above what n servers of a model include (null = unmetered). */
export function trafficOverageTb(trafficTb: number, model: ServerModel, n: number): number {
  if (model.includedTrafficTb === null) return 0;
  return Math.max(0, Math.ceil(trafficTb - model.includedTrafficTb * n - 1e-9));
}

/** One way to add storage to a server: a mirrored pair of disks, or one volume block. */
interface StorageOption {
  addon: Addon;
  unitsPerStep: number;
  usablePerStep: number;
  stepCost: number;
  class: StorageClass;
}

/** One split of a model's free bays into mirrored disk pairs, with what it adds and costs. */
interface DiskCombo {
  cap: Record<StorageClass, number>;
  iops: number;
  cost: number;
  addons: AddonUse[];
}

interface ModelFacts {
  model: ServerModel;
  price: Price;
  /** The bare server over the term: a lower bound on what it costs with add-ons. */
  baseCost: number;
  ramAddon: Addon | null;
  volume: StorageOption | null;
  /** Every split of the free bays into disk pairs, no disks first. */
  combos: DiskCombo[];
}

/**
 * What the optimiser derives from a catalog for one term: prices, storage options and disk
 * combinations per model, models in price order. Computed once per catalog object and term (a
 * catalog is one price book version; app/models/catalog.server.ts hands out the same object while
 * the book and the catalog rows are unchanged), so sizing a request does not rebuild them.
 */
export interface FitIndex {
  termMonths: number;
  /** Share of monthly prices paid after the term discount. */
  monthlyShare: number;
  perTb: number;
  /** The operations weight over the term for one server (RULES.fit.operations, price book). */
  opsTermMinor: number;
  facts: Map<string, ModelFacts>;
  /** Position of every model in price order (bare server over the term, then SKU). */
  rank: Map<string, number>;
  /** Every model in price order. */
  ordered: ModelFacts[];
  /** Candidate lists already put in price order, by their SKUs (a request's region picks one). */
  byCandidates: Map<string, { gpu: ModelFacts[]; plain: ModelFacts[] }>;
}

const INDEXES = new WeakMap<Catalog, Map<number, FitIndex>>();

function trafficPricePerTb(catalog: Catalog): number {
  const addon = catalog.addons.find((a) => a.kind === "traffic" && a.sizeGb);
  if (!addon) return Number.POSITIVE_INFINITY;
  return (priceOf(catalog, addon.sku).monthlyMinor * 1000) / addon.sizeGb!;
}

/** Operations weight of one server per month in minor units (the price book's, else the default). */
export function operationsWeightMinor(catalog: Catalog): number {
  return catalog.priceBook.opsMinorPerServerMonth ?? RULES.fit.operations.defaultMinorPerServerMonth;
}

/** Storage add-ons that fit a model: disks in pairs (RAID 1) into free bays, or network volumes. */
function storageOptions(model: ServerModel, catalog: Catalog, termMonths: number): StorageOption[] {
  return catalog.addons
    .filter(
      (a) => (a.kind === "disk" || a.kind === "volume") && a.lines.includes(model.line) && a.sizeGb && a.storageClass,
    )
    .map((addon) => {
      const p = priceOf(catalog, addon.sku);
      const unitsPerStep = addon.kind === "disk" ? 2 : 1;
      const stepCost = unitsPerStep * (p.monthlyMinor * termMonths + p.setupMinor);
      return { addon, unitsPerStep, usablePerStep: addon.sizeGb!, stepCost, class: addon.storageClass! };
    })
    .sort(
      (a, b) => a.stepCost / a.usablePerStep - b.stepCost / b.usablePerStep || a.addon.sku.localeCompare(b.addon.sku),
    );
}

function diskCombos(model: ServerModel, disks: readonly StorageOption[]): DiskCombo[] {
  const base = storageCapacity(model.disks);
  const freePairs = Math.max(0, Math.floor((model.diskBays - usedBays(model)) / 2));
  const splits: number[][] = [[]];
  for (let d = 0; d < disks.length; d++) {
    const next: number[][] = [];
    for (const split of splits) {
      const used = split.reduce((a, b) => a + b, 0);
      for (let pairs = 0; used + pairs <= freePairs; pairs++) next.push([...split, pairs]);
    }
    splits.splice(0, splits.length, ...next);
  }
  return splits.map((split) => {
    const cap: Record<StorageClass, number> = { nvme: base.nvmeGb, ssd: base.ssdGb, hdd: base.hddGb };
    let iops = base.iops;
    let cost = 0;
    const addons: AddonUse[] = [];
    split.forEach((pairs, i) => {
      if (pairs === 0) return;
      const o = disks[i]!;
      cap[o.class] += pairs * o.usablePerStep;
      iops += pairs * raidIops({ count: 2, sizeGb: o.usablePerStep, class: o.class, raid: "raid1" });
      cost += pairs * o.stepCost;
      addons.push({ addon: o.addon, units: pairs * o.unitsPerStep, usableGb: pairs * o.usablePerStep });
    });
    return { cap, iops, cost, addons };
  });
}

/** The optimiser's view of a catalog for a term, built on first use and kept with the catalog. */
export function fitIndex(catalog: Catalog, termMonths: number): FitIndex {
  let byTerm = INDEXES.get(catalog);
  if (!byTerm) INDEXES.set(catalog, (byTerm = new Map()));
  const cached = byTerm.get(termMonths);
  if (cached) return cached;
  const monthlyShare =
    1 - (catalog.priceBook.termDiscountBps[termMonths as keyof typeof catalog.priceBook.termDiscountBps] ?? 0) / 10_000;
  const facts = new Map<string, ModelFacts>();
  for (const model of catalog.servers) {
    const price = findPrice(catalog, model.sku);
    if (!price) continue;
    const options = storageOptions(model, catalog, termMonths);
    facts.set(model.sku, {
      model,
      price,
      baseCost: price.setupMinor + price.monthlyMinor * termMonths * monthlyShare,
      ramAddon: catalog.addons.find((a) => a.kind === "ram" && a.lines.includes(model.line) && a.sizeGb) ?? null,
      volume: options.find((o) => o.addon.kind === "volume") ?? null,
      combos: diskCombos(
        model,
        options.filter((o) => o.addon.kind === "disk"),
      ),
    });
  }
  const ordered = [...facts.values()].sort((a, b) => a.baseCost - b.baseCost || a.model.sku.localeCompare(b.model.sku));
  const index: FitIndex = {
    termMonths,
    monthlyShare,
    perTb: trafficPricePerTb(catalog),
    opsTermMinor: operationsWeightMinor(catalog) * termMonths,
    facts,
    rank: new Map(ordered.map((f, i) => [f.model.sku, i])),
    ordered,
    byCandidates: new Map(),
  };
  byTerm.set(termMonths, index);
  return index;
}

/**
 * The cheapest way to make one server of `model` hold `need`, or null when it cannot.
 * Faster storage may stand in for slower (NVMe for SSD, SSD for HDD), never the reverse.
 */
export function configureServer(
  model: ServerModel,
  need: Resources,
  catalog: Catalog,
  termMonths: number,
): ServerConfig | null {
  const facts = fitIndex(catalog, termMonths).facts.get(model.sku);
  if (!facts) throw new Error(`price book ${catalog.priceBook.version} has no price for ${model.sku}`);
  return configure(facts, need, catalog);
}

function configure(facts: ModelFacts, need: Resources, catalog: Catalog): ServerConfig | null {
  const model = facts.model;
  if (need.vcpu > model.vcpu) return null;
  if (need.gpu > model.gpuCount) return null;
  if (need.ramGb > model.maxRamGb) return null;
  if (need.mbps > model.networkGbit * 1000 * RULES.fit.maxPortUtilisation) return null;

  let ramAddon: AddonUse | null = null;
  let ramGb = model.ramGb;
  if (need.ramGb > model.ramGb) {
    const addon = facts.ramAddon;
    if (!addon) return null;
    const units = Math.ceil((need.ramGb - model.ramGb) / addon.sizeGb!);
    ramGb = model.ramGb + units * addon.sizeGb!;
    if (ramGb > model.maxRamGb) return null;
    ramAddon = { addon, units, usableGb: units * addon.sizeGb! };
  }

  const choice = cheapestStorage(facts, need);
  if (!choice) return null;
  const storageAddons = choice.addons;
  const capacity: Resources = {
    vcpu: model.vcpu,
    ramGb,
    nvmeGb: choice.cap.nvme,
    ssdGb: choice.cap.ssd,
    hddGb: choice.cap.hdd,
    iops: choice.iops,
    mbps: model.networkGbit * 1000,
    gpu: model.gpuCount,
  };
  let monthlyMinor = facts.price.monthlyMinor;
  let setupMinor = facts.price.setupMinor;
  for (const use of ramAddon ? [ramAddon, ...storageAddons] : storageAddons) {
    const p = priceOf(catalog, use.addon.sku);
    monthlyMinor += p.monthlyMinor * use.units;
    setupMinor += p.setupMinor * use.units;
  }
  return { model, ramAddon, storageAddons, capacity, monthlyMinor, setupMinor };
}

/** Does storage of each class hold the need, a faster class standing in for a slower one? */
function holdsStorage(cap: Record<StorageClass, number>, need: Resources): boolean {
  const nvmeLeft = cap.nvme - need.nvmeGb;
  const ssdLeft = cap.ssd - need.ssdGb + Math.max(0, nvmeLeft);
  const hddLeft = cap.hdd - need.hddGb + Math.max(0, ssdLeft);
  return nvmeLeft >= -1e-9 && ssdLeft >= -1e-9 && hddLeft >= -1e-9;
}

/**
 * The cheapest set of storage add-ons for one server: every split of its free bays into mirrored
 * pairs of each disk type (precomputed per model), then the fewest volume blocks still needed, at
 * most RULES.fit.maxVolumeBlocks of them.
 */
function cheapestStorage(
  facts: ModelFacts,
  need: Resources,
): { addons: AddonUse[]; iops: number; cap: Record<StorageClass, number> } | null {
  const volume = facts.volume;
  let best: { cost: number; addons: AddonUse[]; iops: number; cap: Record<StorageClass, number> } | null = null;
  for (const combo of facts.combos) {
    if (best && combo.cost >= best.cost) continue;
    if (need.iops > combo.iops) continue;
    if (holdsStorage(combo.cap, need)) {
      best = { cost: combo.cost, addons: combo.addons, iops: combo.iops, cap: combo.cap };
      if (combo.cost === 0) break; // nothing to add: nothing can be cheaper
      continue;
    }
    if (!volume) continue;
    // Volume blocks are SSD: they serve SSD and HDD needs, never NVMe.
    const cap = combo.cap;
    const nvmeShort = need.nvmeGb - cap.nvme;
    if (nvmeShort > 1e-9) continue;
    const nvmeSurplus = cap.nvme - need.nvmeGb;
    const short = Math.max(
      0,
      need.ssdGb + need.hddGb - cap.ssd - cap.hdd - nvmeSurplus,
      need.ssdGb - cap.ssd - nvmeSurplus,
    );
    const steps = Math.ceil(short / volume.usablePerStep - 1e-9);
    if (steps > RULES.fit.maxVolumeBlocks) continue;
    const withVolumes = { ...cap, ssd: cap.ssd + steps * volume.usablePerStep };
    const cost = combo.cost + steps * volume.stepCost;
    if (!holdsStorage(withVolumes, need)) continue;
    if (best && cost >= best.cost) continue;
    const addons =
      steps > 0
        ? [...combo.addons, { addon: volume.addon, units: steps, usableGb: steps * volume.usablePerStep }]
        : combo.addons;
    best = { cost, addons, iops: combo.iops, cap: withVolumes };
  }
  return best ? { addons: best.addons, iops: best.iops, cap: best.cap } : null;
}

/** Per-server requirement when `roles` run on `n` servers under `plan`, or null if n is not allowed. */
export function perServerNeed(
  roles: readonly Role[],
  n: number,
  plan: AvailabilityPlan,
): { need: Resources; usable: number } | null {
  let hasSplit = false;
  for (const r of roles) {
    if (r.splittable) hasSplit = true;
    else if (n < replicasFor(r, plan)) return null;
  }
  if (hasSplit && n < plan.minSplitServers) return null;
  const usable = hasSplit ? plan.usableServers(n) : n;
  if (usable < 1) return null;
  const need = zeroResources();
  for (const r of roles) {
    const res = r.resources;
    for (const k of RESOURCE_KEYS) {
      if (!r.splittable) need[k] += res[k];
      else need[k] += r.minUnit ? Math.max(res[k] / usable, r.minUnit[k]) : res[k] / usable;
    }
  }
  // Conservative: every server can carry a full copy of each non-splittable role.
  need.ramGb += RULES.fit.osReserveRamGb;
  return { need, usable };
}

/** Does a group of roles need GPU servers? GPU work goes on GPU servers, and only there. */
const wantsGpu = (roles: readonly Role[]) => roles.some((r) => r.resources.gpu > 0);

/**
 * What a group of roles asks of its servers, summed once: `need(n)` gives perServerNeed's answer
 * without walking the roles again, and `floor` is the least any one server must hold however many
 * there are (the copies of non-spreadable roles, the smallest pieces, the OS reserve).
 */
function groupShape(roles: readonly Role[], plan: AvailabilityPlan) {
  const trafficTb = roles.reduce((sum, r) => sum + r.trafficTb, 0);
  const split = roles.filter((r) => r.splittable);
  const hasSplit = split.length > 0;
  const maxN = hasSplit ? RULES.fit.maxServersPerGroup : Math.max(1, ...roles.map((r) => replicasFor(r, plan)));
  const minN = Math.max(
    hasSplit ? plan.minSplitServers : 1,
    ...roles.filter((r) => !r.splittable).map((r) => replicasFor(r, plan)),
  );
  const fixed = zeroResources();
  const spread = zeroResources();
  const pieces: Role[] = [];
  for (const r of roles) {
    if (!r.splittable) for (const k of RESOURCE_KEYS) fixed[k] += r.resources[k];
    else if (r.minUnit) pieces.push(r);
    else for (const k of RESOURCE_KEYS) spread[k] += r.resources[k];
  }
  fixed.ramGb += RULES.fit.osReserveRamGb;
  const floor = { ...fixed };
  for (const r of pieces) for (const k of RESOURCE_KEYS) floor[k] += r.minUnit![k];
  const need = (n: number): { need: Resources; usable: number } | null => {
    if (n < minN) return null;
    const usable = hasSplit ? plan.usableServers(n) : n;
    if (usable < 1) return null;
    const out = zeroResources();
    for (const k of RESOURCE_KEYS) {
      let v = fixed[k] + spread[k] / usable;
      for (const r of pieces) v += Math.max(r.resources[k] / usable, r.minUnit![k]);
      out[k] = v;
    }
    return { need: out, usable };
  };
  return { trafficTb, maxN, gpu: wantsGpu(roles), need, floor };
}

/** Can a server of this model ever hold the group's floor (whatever the number of servers)? */
function canHoldFloor(facts: ModelFacts, floor: Resources): boolean {
  const m = facts.model;
  return (
    floor.vcpu <= m.vcpu &&
    floor.gpu <= m.gpuCount &&
    floor.ramGb <= m.maxRamGb &&
    floor.mbps <= m.networkGbit * 1000 * RULES.fit.maxPortUtilisation
  );
}

function modelsFor(roles: readonly Role[], candidates: readonly ServerModel[], index: FitIndex): ModelFacts[] {
  const key = candidates.map((m) => m.sku).join(",");
  let lists = index.byCandidates.get(key);
  if (!lists) {
    const skus = new Set(candidates.map((m) => m.sku));
    const chosen = index.ordered.filter((f) => skus.has(f.model.sku));
    lists = { gpu: chosen.filter((f) => f.model.gpuCount > 0), plain: chosen.filter((f) => f.model.gpuCount === 0) };
    // Bounded: one entry per distinct candidate list (regions), never per request.
    if (index.byCandidates.size < 64) index.byCandidates.set(key, lists);
  }
  return wantsGpu(roles) ? lists.gpu : lists.plain;
}

/** The placement of a group on n servers of one configuration, with its price and objective. */
function placementOf(
  roles: readonly Role[],
  n: number,
  per: { need: Resources; usable: number },
  config: ServerConfig,
  trafficTb: number,
  index: FitIndex,
): Placement | null {
  const overageTb = trafficOverageTb(trafficTb, config.model, n);
  if (overageTb > 0 && !Number.isFinite(index.perTb)) return null;
  // What the customer pays over the term: the term discount applies to monthly prices only, so
  // it changes which of a setup-heavy and a monthly-heavy option is cheaper.
  const monthly = n * config.monthlyMinor + (overageTb > 0 ? overageTb * index.perTb : 0);
  const termCostMinor = n * config.setupMinor + monthly * index.termMonths * index.monthlyShare;
  return {
    roles: roles.map((r) => r.id),
    count: n,
    usable: per.usable,
    perServer: per.need,
    config,
    trafficTb,
    overageTb,
    termCostMinor,
    objectiveMinor: termCostMinor + n * index.opsTermMinor,
  };
}

const better = (a: Placement, b: Placement | null) =>
  !b || a.objectiveMinor < b.objectiveMinor || (a.objectiveMinor === b.objectiveMinor && a.count < b.count);

/**
 * The best placement of a group of roles onto identical servers of one model: the lowest
 * objective, which is the price over the term plus the operations weight of every server.
 */
export function bestPlacement(
  roles: readonly Role[],
  plan: AvailabilityPlan,
  candidates: readonly ServerModel[],
  catalog: Catalog,
  termMonths: number,
): Placement | null {
  const index = fitIndex(catalog, termMonths);
  const shape = groupShape(roles, plan);
  const { trafficTb, maxN } = shape;
  const models = modelsFor(roles, candidates, index).filter((f) => canHoldFloor(f, shape.floor));
  // A server's own price (plus its operations weight) is a lower bound on what it costs with
  // add-ons: cheapest first, and stop looking once even the bare servers cost more than the best.
  const floor = (f: ModelFacts) => f.baseCost + index.opsTermMinor;
  const cheapest = models.length ? floor(models[0]!) : Number.POSITIVE_INFINITY;
  let best: Placement | null = null;
  for (let n = 1; n <= maxN; n++) {
    if (best && n * cheapest > best.objectiveMinor) break;
    const per = shape.need(n);
    if (!per) continue;
    for (const facts of models) {
      if (best && n * floor(facts) > best.objectiveMinor) break;
      const config = configure(facts, per.need, catalog);
      if (!config) continue;
      const p = placementOf(roles, n, per, config, trafficTb, index);
      if (p && better(p, best)) best = p;
    }
  }
  return best;
}

/**
 * For every model, the placements of a group worth considering: the fewest servers that hold
 * it, then more servers only where that lowers the objective (a short list per model, fewest
 * servers first). The layout search picks from these when the best placements break a limit.
 */
function placementsByModel(
  roles: readonly Role[],
  plan: AvailabilityPlan,
  candidates: readonly ServerModel[],
  catalog: Catalog,
  index: FitIndex,
): Placement[][] {
  const shape = groupShape(roles, plan);
  const { trafficTb, maxN } = shape;
  const models = modelsFor(roles, candidates, index).filter((f) => canHoldFloor(f, shape.floor));
  const out: Placement[][] = models.map(() => []);
  const done = models.map(() => false);
  let open = models.length;
  for (let n = 1; n <= maxN && open > 0; n++) {
    const per = shape.need(n);
    if (!per) continue;
    models.forEach((facts, i) => {
      if (done[i]) return;
      const list = out[i]!;
      const last = list[list.length - 1];
      if (last && n * (facts.baseCost + index.opsTermMinor) >= last.objectiveMinor) {
        done[i] = true;
        open--;
        return;
      }
      const config = configure(facts, per.need, catalog);
      if (!config) return;
      const p = placementOf(roles, n, per, config, trafficTb, index);
      if (p && (!last || p.objectiveMinor < last.objectiveMinor)) list.push(p);
    });
  }
  return out.filter((l) => l.length > 0);
}

/** All ways to split a list into non-empty groups (Bell number many; used for up to 6 roles). */
export function setPartitions<T>(items: readonly T[]): T[][][] {
  if (items.length === 0) return [[]];
  const [first, ...rest] = items as [T, ...T[]];
  const out: T[][][] = [];
  for (const partition of setPartitions(rest)) {
    for (let i = 0; i < partition.length; i++) {
      out.push(partition.map((block, j) => (j === i ? [first, ...block] : block)));
    }
    out.push([[first], ...partition]);
  }
  return out;
}

export const MAX_ROLES_FOR_FULL_SEARCH = 6;

/** Distinct server models among placements on servers without a GPU (the shape limit counts these). */
export function distinctModels(placements: readonly Placement[]): number {
  return new Set(placements.filter((p) => p.config.model.gpuCount === 0).map((p) => p.config.model.sku)).size;
}

export interface FitOptions {
  /** Use at most this many servers in all (the next tier up's count, engine.ts). */
  maxServers?: number;
  /**
   * Placements already worked out for these roles, plan, candidates, catalog and term: a caller
   * that fits the same roles again (with a server cap) passes the same session and nothing is
   * searched twice.
   */
  session?: FitSession;
}

export interface FitSession {
  best: Map<string, Placement | null>;
  byModel: Map<string, Placement[][]>;
}

export const newFitSession = (): FitSession => ({ best: new Map(), byModel: new Map() });

interface Layouts {
  /** Distinct groups of roles, each once. */
  groups: Role[][];
  /** Each layout as indexes into `groups`. */
  layouts: number[][];
}

/**
 * Lowest objective layout of all roles: each group of roles shares identical servers; groups
 * never share a server, and copies of a role never share a server. The objective is the price
 * over the term plus the operations weight of every server (so sprawl loses unless it is much
 * cheaper). Limits: at most RULES.fit.maxModelsPerTier distinct models on servers without a GPU,
 * unless no layout within the limit holds the roles; and, when asked, at most `maxServers`
 * servers (null when no layout is that small).
 */
export function fitRoles(
  roles: readonly Role[],
  plan: AvailabilityPlan,
  candidates: readonly ServerModel[],
  catalog: Catalog,
  termMonths: number,
  options: FitOptions = {},
): Placement[] | null {
  if (roles.length === 0) return [];
  const index = fitIndex(catalog, termMonths);
  const cap = options.maxServers ?? Number.POSITIVE_INFINITY;
  const keyOf = (group: readonly Role[]) =>
    group
      .map((r) => r.id)
      .sort()
      .join("|");
  const session = options.session ?? newFitSession();
  const bestMemo = session.best;
  const groupBest = (group: readonly Role[]) => {
    const key = keyOf(group);
    let p = bestMemo.get(key);
    if (p === undefined) bestMemo.set(key, (p = bestPlacement(group, plan, candidates, catalog, termMonths)));
    return p;
  };
  const { groups, layouts } = layoutsOf(roles, groupBest, keyOf);
  const bests = groups.map(groupBest);

  // Fast path: every group at its best placement.
  let fast: { placements: Placement[]; objective: number; servers: number } | null = null;
  for (const layout of layouts) {
    let objective = 0;
    let servers = 0;
    let ok = true;
    for (const g of layout) {
      const p = bests[g];
      if (!p) {
        ok = false;
        break;
      }
      objective += p.objectiveMinor;
      servers += p.count;
    }
    if (!ok) continue;
    if (!fast || objective < fast.objective || (objective === fast.objective && servers < fast.servers))
      fast = { placements: layout.map((g) => bests[g]!), objective, servers };
  }
  if (!fast) return null;
  const withinModels = (ps: readonly Placement[]) => distinctModels(ps) <= RULES.fit.maxModelsPerTier;
  if (fast.servers <= cap && withinModels(fast.placements)) return fast.placements;

  // The limits bind: choose among each group's placements per model.
  const byModel = groups.map((g) => {
    const key = keyOf(g);
    let lists = session.byModel.get(key);
    if (!lists) session.byModel.set(key, (lists = placementsByModel(g, plan, candidates, catalog, index)));
    return lists;
  });
  const gpuGroup = groups.map((g) => wantsGpu(g));
  const search = new LayoutSearch(layouts, byModel, cap);

  // Any models, within the server cap (the fast answer when there is no cap).
  const anyModels = Number.isFinite(cap) ? search.solve(() => true) : fast;
  if (!anyModels) return null;
  if (withinModels(anyModels.placements)) return anyModels.placements;

  // At most two models on servers without a GPU: every pair, the most promising first. Per
  // group and model the lowest objective, as a table; without a server cap a model that is never
  // cheaper than another for any group (dominated) cannot improve a pair and is left out.
  let skus = [
    ...new Set(byModel.flatMap((lists, g) => (gpuGroup[g] ? [] : lists.map((l) => l[0]!.config.model.sku)))),
  ].sort((a, b) => index.rank.get(a)! - index.rank.get(b)!);
  const costOf = (g: number, sku: string) => {
    const list = byModel[g]!.find((l) => l[0]!.config.model.sku === sku);
    return list ? list[list.length - 1]!.objectiveMinor : Number.POSITIVE_INFINITY;
  };
  let table = skus.map((sku) => groups.map((_, g) => (gpuGroup[g] ? Number.POSITIVE_INFINITY : costOf(g, sku))));
  if (!Number.isFinite(cap)) {
    const dominated = (x: number) =>
      table.some(
        (y, j) => j !== x && y.every((c, g) => c <= table[x]![g]!) && (j < x || y.some((c, g) => c < table[x]![g]!)),
      );
    const keep = skus.map((_, x) => !dominated(x));
    skus = skus.filter((_, x) => keep[x]);
    table = table.filter((_, x) => keep[x]);
  }
  const gpuBest = groups.map((_, g) =>
    gpuGroup[g] ? Math.min(...byModel[g]!.map((l) => l[l.length - 1]!.objectiveMinor)) : Number.POSITIVE_INFINITY,
  );
  const pairs: [number, number][] =
    skus.length <= 1
      ? [[0, 0]]
      : skus.flatMap((_, a) => skus.slice(a + 1).map((__, k) => [a, a + 1 + k] as [number, number]));
  const boundOf = ([a, b]: [number, number]) => {
    const cost = groups.map((_, g) =>
      gpuGroup[g] ? gpuBest[g]! : Math.min(table[a]?.[g] ?? Infinity, table[b]?.[g] ?? Infinity),
    );
    let best = Number.POSITIVE_INFINITY;
    for (const layout of layouts) {
      let total = 0;
      for (const g of layout) if ((total += cost[g]!) >= best) break;
      if (total < best) best = total;
    }
    return best;
  };
  const scored = pairs
    .map((pair, order) => {
      const set = [skus[pair[0]], skus[pair[1]]];
      const allowed = (p: Placement) => p.config.model.gpuCount > 0 || set.includes(p.config.model.sku);
      return { allowed, order, bound: boundOf(pair) };
    })
    .filter((x) => Number.isFinite(x.bound))
    .sort((a, b) => a.bound - b.bound || a.order - b.order);
  let best: { placements: Placement[]; objective: number; servers: number } | null = null;
  for (const x of scored) {
    if (best && x.bound >= best.objective) break;
    const found = Number.isFinite(cap) ? search.solve(x.allowed) : search.unbounded(x.allowed);
    if (
      found &&
      (!best ||
        found.objective < best.objective ||
        (found.objective === best.objective && found.servers < best.servers))
    )
      best = found;
  }
  // No layout within the limit holds the roles: they require more models.
  return (best ?? anyModels).placements;
}

/** Above this many roles the layout search merges greedily instead of trying every partition. */
export const MAX_ROLES_FOR_GREEDY = 40;

function layoutsOf(
  roles: readonly Role[],
  groupBest: (group: readonly Role[]) => Placement | null,
  keyOf: (group: readonly Role[]) => string,
): Layouts {
  const raw: Role[][][] =
    roles.length <= MAX_ROLES_FOR_FULL_SEARCH
      ? setPartitions(roles)
      : [
          [[...roles]],
          roles.map((r) => [r]),
          ...(roles.length <= MAX_ROLES_FOR_GREEDY
            ? [
                greedyLayout(roles, groupBest),
                // One role on its own servers and the rest together: the shapes a greedy merge can
                // miss when a role (a large web tier) is best on a model of its own.
                ...roles.map((r) => [[r], roles.filter((o) => o !== r)]),
              ]
            : []),
        ];
  const ids = new Map<string, number>();
  const groups: Role[][] = [];
  const layouts = raw.map((layout) =>
    layout.map((group) => {
      const key = keyOf(group);
      let id = ids.get(key);
      if (id === undefined) {
        id = groups.length;
        ids.set(key, id);
        groups.push(group);
      }
      return id;
    }),
  );
  return { groups, layouts };
}

type Solution = { placements: Placement[]; objective: number; servers: number };

/** Picks one placement per group of a layout under a filter on placements and a server cap. */
class LayoutSearch {
  constructor(
    private readonly layouts: readonly number[][],
    private readonly byModel: readonly Placement[][][],
    private readonly cap: number,
  ) {}

  /** Per group, the allowed placement of lowest objective (ties: fewer servers). */
  private cheapest(allowed: (p: Placement) => boolean): (Placement | null)[] {
    return this.byModel.map((lists) => {
      let best: Placement | null = null;
      for (const list of lists) for (const p of list) if (allowed(p) && better(p, best)) best = p;
      return best;
    });
  }

  /** The best objective without the server cap: a lower bound for the capped search. */
  bound(allowed: (p: Placement) => boolean): number {
    return this.unbounded(allowed)?.objective ?? Number.POSITIVE_INFINITY;
  }

  unbounded(allowed: (p: Placement) => boolean): Solution | null {
    const cheapest = this.cheapest(allowed);
    let best: Solution | null = null;
    for (const layout of this.layouts) {
      let objective = 0;
      let servers = 0;
      for (const g of layout) {
        const p = cheapest[g];
        if (!p) {
          objective = Number.POSITIVE_INFINITY;
          break;
        }
        objective += p.objectiveMinor;
        servers += p.count;
      }
      if (!Number.isFinite(objective)) continue;
      if (!best || objective < best.objective || (objective === best.objective && servers < best.servers))
        best = { placements: layout.map((g) => cheapest[g]!), objective, servers };
    }
    return best;
  }

  /** The best layout with at most `cap` servers: per layout, a knapsack over the server count. */
  solve(allowed: (p: Placement) => boolean): Solution | null {
    const cap = this.cap;
    // Per group, the allowed placements that are best for their server count (fewest first).
    const options = this.byModel.map((lists) => {
      const byCount = new Map<number, Placement>();
      for (const list of lists)
        for (const p of list)
          if (allowed(p) && p.count <= cap && better(p, byCount.get(p.count) ?? null)) byCount.set(p.count, p);
      const out: Placement[] = [];
      for (const p of [...byCount.values()].sort((a, b) => a.count - b.count))
        if (!out.length || p.objectiveMinor < out[out.length - 1]!.objectiveMinor) out.push(p);
      return out;
    });
    let best: Solution | null = null;
    for (const layout of this.layouts) {
      if (layout.some((g) => options[g]!.length === 0)) continue;
      // dp[k]: best (objective, choice) using exactly k servers so far.
      let dp: ({ objective: number; picks: Placement[] } | undefined)[] = [{ objective: 0, picks: [] }];
      for (const g of layout) {
        const next: typeof dp = [];
        dp.forEach((state, k) => {
          if (!state) return;
          for (const p of options[g]!) {
            const servers = k + p.count;
            if (servers > cap) break;
            const objective = state.objective + p.objectiveMinor;
            const cur = next[servers];
            if (!cur || objective < cur.objective) next[servers] = { objective, picks: [...state.picks, p] };
          }
        });
        dp = next;
      }
      dp.forEach((state, servers) => {
        if (!state) return;
        if (!best || state.objective < best.objective || (state.objective === best.objective && servers < best.servers))
          best = { placements: state.picks, objective: state.objective, servers };
      });
    }
    return best;
  }
}

/**
 * Start with every role on its own servers and keep merging the two groups whose merge saves the
 * most, until no merge saves anything.
 */
function greedyLayout(roles: readonly Role[], groupBest: (group: readonly Role[]) => Placement | null): Role[][] {
  let groups: Role[][] = roles.map((r) => [r]);
  const cost = (g: readonly Role[]) => groupBest(g)?.objectiveMinor ?? Number.POSITIVE_INFINITY;
  for (;;) {
    let bestMerge: { i: number; j: number; saving: number } | null = null;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const merged = [...groups[i]!, ...groups[j]!];
        const saving = cost(groups[i]!) + cost(groups[j]!) - cost(merged);
        if (
          Number.isFinite(saving)
            ? saving > 0 && (!bestMerge || saving > bestMerge.saving)
            : cost(merged) < Number.POSITIVE_INFINITY && !bestMerge
        ) {
          bestMerge = { i, j, saving: Number.isFinite(saving) ? saving : Number.MAX_VALUE };
        }
      }
    }
    if (!bestMerge) return roles.length <= MAX_ROLES_FOR_RELOCATION ? relocate(groups, cost) : groups;
    const merged = [...groups[bestMerge.i]!, ...groups[bestMerge.j]!];
    groups = groups.filter((_, k) => k !== bestMerge!.i && k !== bestMerge!.j);
    groups.push(merged);
  }
}

/** Does one server's capacity hold a per-server need? Faster storage may serve slower needs. */
export function covers(capacity: Resources, need: Resources): boolean {
  const EPS = 1e-9;
  if (
    capacity.vcpu + EPS < need.vcpu ||
    capacity.ramGb + EPS < need.ramGb ||
    capacity.iops + EPS < need.iops ||
    capacity.gpu + EPS < need.gpu
  )
    return false;
  if (capacity.mbps * RULES.fit.maxPortUtilisation + EPS < need.mbps) return false;
  const nvmeLeft = capacity.nvmeGb - need.nvmeGb;
  const ssdLeft = capacity.ssdGb - need.ssdGb + Math.max(0, nvmeLeft);
  const hddLeft = capacity.hddGb - need.hddGb + Math.max(0, ssdLeft);
  return nvmeLeft >= -EPS && ssdLeft >= -EPS && hddLeft >= -EPS;
}

/** Up to this many roles, a greedy layout is improved further by moving single roles between groups. */
export const MAX_ROLES_FOR_RELOCATION = 12;

/**
 * Local search after the greedy merges: move one role to another group (or onto servers of its
 * own) while that lowers the objective; a merge-only search cannot undo an early merge.
 */
function relocate(start: Role[][], cost: (g: readonly Role[]) => number): Role[][] {
  let groups = start;
  const costOf = (g: readonly Role[]) => (g.length ? cost(g) : 0);
  for (let step = 0; step < 4 * start.flat().length; step++) {
    let best: { groups: Role[][]; saving: number } | null = null;
    groups.forEach((from, i) => {
      for (const role of from) {
        const rest = from.filter((r) => r !== role);
        const before = costOf(from);
        for (let j = -1; j < groups.length; j++) {
          if (j === i || (j === -1 && rest.length === 0)) continue;
          const to = j === -1 ? [] : groups[j]!;
          const saving = before + costOf(to) - costOf(rest) - costOf([...to, role]);
          if (!(saving > 1e-6) || (best && saving <= best.saving)) continue;
          const next = groups.map((g, k) => (k === i ? rest : k === j ? [...to, role] : g));
          if (j === -1) next.push([role]);
          best = { groups: next.filter((g) => g.length > 0), saving };
        }
      }
    });
    if (!best) return groups;
    groups = (best as { groups: Role[][] }).groups;
  }
  return groups;
}
