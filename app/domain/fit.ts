import { type Addon, type Catalog, type ServerModel, priceOf, storageCapacity, usedBays, raidIops } from "./catalog";
import type { RoleKind } from "./demand-part";
import { type Resources, addResources, maxResources, scaleResources, zeroResources } from "./resources";
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
  termCostMinor: number;
}

/** Whole TB of traffic above what n servers of a model include (null = unmetered). */
export function trafficOverageTb(trafficTb: number, model: ServerModel, n: number): number {
  if (model.includedTrafficTb === null) return 0;
  return Math.max(0, Math.ceil(trafficTb - model.includedTrafficTb * n - 1e-9));
}

function trafficPricePerTb(catalog: Catalog): number {
  const addon = catalog.addons.find((a) => a.kind === "traffic" && a.sizeGb);
  if (!addon) return Number.POSITIVE_INFINITY;
  return (priceOf(catalog, addon.sku).monthlyMinor * 1000) / addon.sizeGb!;
}

/** Storage add-ons that fit a model: disks in pairs (RAID 1) into free bays, or network volumes. */
function storageOptions(model: ServerModel, catalog: Catalog, termMonths: number) {
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
  if (need.vcpu > model.vcpu) return null;
  if (need.gpu > model.gpuCount) return null;
  if (need.ramGb > model.maxRamGb) return null;
  if (need.mbps > model.networkGbit * 1000 * RULES.fit.maxPortUtilisation) return null;

  let ramAddon: AddonUse | null = null;
  let ramGb = model.ramGb;
  if (need.ramGb > model.ramGb) {
    const addon = catalog.addons.find((a) => a.kind === "ram" && a.lines.includes(model.line) && a.sizeGb);
    if (!addon) return null;
    const units = Math.ceil((need.ramGb - model.ramGb) / addon.sizeGb!);
    ramGb = model.ramGb + units * addon.sizeGb!;
    if (ramGb > model.maxRamGb) return null;
    ramAddon = { addon, units, usableGb: units * addon.sizeGb! };
  }

  const base = storageCapacity(model.disks);
  const choice = cheapestStorage(model, need, base, catalog, termMonths);
  if (!choice) return null;
  const iops = choice.iops;
  const storageAddons = choice.addons;
  const capacity: Resources = {
    vcpu: model.vcpu,
    ramGb,
    nvmeGb: base.nvmeGb + sumClass(storageAddons, "nvme"),
    ssdGb: base.ssdGb + sumClass(storageAddons, "ssd"),
    hddGb: base.hddGb + sumClass(storageAddons, "hdd"),
    iops,
    mbps: model.networkGbit * 1000,
    gpu: model.gpuCount,
  };
  const modelPrice = priceOf(catalog, model.sku);
  let monthlyMinor = modelPrice.monthlyMinor;
  let setupMinor = modelPrice.setupMinor;
  for (const use of [...(ramAddon ? [ramAddon] : []), ...storageAddons]) {
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
 * pairs of each disk type (a handful of combinations), then the fewest volume blocks still needed.
 */
function cheapestStorage(
  model: ServerModel,
  need: Resources,
  base: ReturnType<typeof storageCapacity>,
  catalog: Catalog,
  termMonths: number,
): { addons: AddonUse[]; iops: number } | null {
  const options = storageOptions(model, catalog, termMonths);
  const disks = options.filter((o) => o.addon.kind === "disk");
  const volume = options.find((o) => o.addon.kind === "volume");
  const freePairs = Math.max(0, Math.floor((model.diskBays - usedBays(model)) / 2));
  let best: { cost: number; addons: AddonUse[]; iops: number } | null = null;
  const combos: number[][] = [[]];
  for (let d = 0; d < disks.length; d++) {
    const next: number[][] = [];
    for (const combo of combos) {
      const used = combo.reduce((a, b) => a + b, 0);
      for (let pairs = 0; used + pairs <= freePairs; pairs++) next.push([...combo, pairs]);
    }
    combos.splice(0, combos.length, ...next);
  }
  for (const combo of combos) {
    const cap: Record<StorageClass, number> = { nvme: base.nvmeGb, ssd: base.ssdGb, hdd: base.hddGb };
    let iops = base.iops;
    let cost = 0;
    const addons: AddonUse[] = [];
    combo.forEach((pairs, i) => {
      if (pairs === 0) return;
      const o = disks[i]!;
      cap[o.class] += pairs * o.usablePerStep;
      iops += pairs * raidIops({ count: 2, sizeGb: o.usablePerStep, class: o.class, raid: "raid1" });
      cost += pairs * o.stepCost;
      addons.push({ addon: o.addon, units: pairs * o.unitsPerStep, usableGb: pairs * o.usablePerStep });
    });
    if (!holdsStorage(cap, need) && volume) {
      // Volume blocks are SSD: they serve SSD and HDD needs, never NVMe.
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
      cap.ssd += steps * volume.usablePerStep;
      cost += steps * volume.stepCost;
      if (steps > 0) addons.push({ addon: volume.addon, units: steps, usableGb: steps * volume.usablePerStep });
    }
    if (!holdsStorage(cap, need) || need.iops > iops) continue;
    if (!best || cost < best.cost) best = { cost, addons, iops };
    if (cost === 0) break; // nothing to add: nothing can be cheaper
  }
  return best ? { addons: best.addons, iops: best.iops } : null;
}

function sumClass(uses: AddonUse[], cls: StorageClass) {
  return uses.filter((u) => u.addon.storageClass === cls).reduce((s, u) => s + u.usableGb, 0);
}

/** Per-server requirement when `roles` run on `n` servers under `plan`, or null if n is not allowed. */
export function perServerNeed(
  roles: readonly Role[],
  n: number,
  plan: AvailabilityPlan,
): { need: Resources; usable: number } | null {
  const split = roles.filter((r) => r.splittable);
  const whole = roles.filter((r) => !r.splittable);
  if (whole.some((r) => n < replicasFor(r, plan))) return null;
  if (split.length > 0 && n < plan.minSplitServers) return null;
  const usable = split.length > 0 ? plan.usableServers(n) : n;
  if (usable < 1) return null;
  let need = zeroResources();
  for (const r of split) {
    const share = scaleResources(r.resources, 1 / usable);
    need = addResources(need, r.minUnit ? maxResources(share, r.minUnit) : share);
  }
  // Conservative: every server can carry a full copy of each non-splittable role.
  for (const r of whole) need = addResources(need, r.resources);
  need.ramGb += RULES.fit.osReserveRamGb;
  return { need, usable };
}

/** The cheapest placement of a group of roles onto identical servers of one model. */
export function bestPlacement(
  roles: readonly Role[],
  plan: AvailabilityPlan,
  candidates: readonly ServerModel[],
  catalog: Catalog,
  termMonths: number,
): Placement | null {
  let best: Placement | null = null;
  const trafficTb = roles.reduce((sum, r) => sum + r.trafficTb, 0);
  const perTb = trafficPricePerTb(catalog);
  const monthlyShare =
    1 - (catalog.priceBook.termDiscountBps[termMonths as keyof typeof catalog.priceBook.termDiscountBps] ?? 0) / 10_000;
  const hasSplit = roles.some((r) => r.splittable);
  const maxN = hasSplit ? RULES.fit.maxServersPerGroup : Math.max(1, ...roles.map((r) => replicasFor(r, plan)));
  // GPU work goes on GPU servers, and GPU servers are never spent on work without a GPU.
  const wantsGpu = roles.some((r) => r.resources.gpu > 0);
  // A server's own price is a lower bound on what it costs with add-ons: cheapest first, and stop
  // looking once even the bare servers cost more than the best found.
  const baseCost = (m: ServerModel) => {
    const p = priceOf(catalog, m.sku);
    return p.setupMinor + p.monthlyMinor * termMonths * monthlyShare;
  };
  const models = candidates.filter((m) => m.gpuCount > 0 === wantsGpu).sort((a, b) => baseCost(a) - baseCost(b));
  const cheapest = models.length ? baseCost(models[0]!) : Number.POSITIVE_INFINITY;
  for (let n = 1; n <= maxN; n++) {
    if (best && n * cheapest > best.termCostMinor) break;
    const per = perServerNeed(roles, n, plan);
    if (!per) continue;
    for (const model of models) {
      if (best && n * baseCost(model) > best.termCostMinor) break;
      const config = configureServer(model, per.need, catalog, termMonths);
      if (!config) continue;
      const overageTb = trafficOverageTb(trafficTb, model, n);
      if (overageTb > 0 && !Number.isFinite(perTb)) continue;
      // Compare what the customer pays over the term: the term discount applies to monthly prices
      // only, so it changes which of a setup-heavy and a monthly-heavy option is cheaper.
      const monthly = n * config.monthlyMinor + (overageTb > 0 ? overageTb * perTb : 0);
      const termCostMinor = n * config.setupMinor + monthly * termMonths * monthlyShare;
      if (!best || termCostMinor < best.termCostMinor || (termCostMinor === best.termCostMinor && n < best.count)) {
        best = {
          roles: roles.map((r) => r.id),
          count: n,
          usable: per.usable,
          perServer: per.need,
          config,
          trafficTb,
          overageTb,
          termCostMinor,
        };
      }
    }
  }
  return best;
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

/**
 * Lowest term cost layout of all roles: each group of roles shares identical servers; groups
 * never share a server, and copies of a role never share a server.
 */
export function fitRoles(
  roles: readonly Role[],
  plan: AvailabilityPlan,
  candidates: readonly ServerModel[],
  catalog: Catalog,
  termMonths: number,
): Placement[] | null {
  if (roles.length === 0) return [];
  const memo = new Map<string, Placement | null>();
  const groupBest = (group: readonly Role[]) => {
    const key = group
      .map((r) => r.id)
      .sort()
      .join("|");
    if (!memo.has(key)) memo.set(key, bestPlacement(group, plan, candidates, catalog, termMonths));
    return memo.get(key)!;
  };
  const price = (layout: readonly (readonly Role[])[]) => {
    const placements: Placement[] = [];
    for (const group of layout) {
      const p = groupBest(group);
      if (!p) return null;
      placements.push(p);
    }
    return {
      placements,
      cost: placements.reduce((s, p) => s + p.termCostMinor, 0),
      servers: placements.reduce((s, p) => s + p.count, 0),
    };
  };
  const layouts: Role[][][] =
    roles.length <= MAX_ROLES_FOR_FULL_SEARCH
      ? setPartitions(roles)
      : [
          [[...roles]],
          roles.map((r) => [r]),
          ...(roles.length <= MAX_ROLES_FOR_GREEDY ? [greedyLayout(roles, groupBest)] : []),
        ];
  let best: { placements: Placement[]; cost: number; servers: number } | null = null;
  for (const layout of layouts) {
    const priced = price(layout);
    if (!priced) continue;
    if (!best || priced.cost < best.cost || (priced.cost === best.cost && priced.servers < best.servers)) best = priced;
  }
  return best?.placements ?? null;
}

/** Above this many roles the layout search merges greedily instead of trying every partition. */
export const MAX_ROLES_FOR_GREEDY = 40;

/**
 * Start with every role on its own servers and keep merging the two groups whose merge saves the
 * most, until no merge saves anything.
 */
function greedyLayout(roles: readonly Role[], groupBest: (group: readonly Role[]) => Placement | null): Role[][] {
  let groups: Role[][] = roles.map((r) => [r]);
  const cost = (g: readonly Role[]) => groupBest(g)?.termCostMinor ?? Number.POSITIVE_INFINITY;
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
    if (!bestMerge) return groups;
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
