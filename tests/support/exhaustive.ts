/**
 * A brute-force reference for the optimiser: every layout of roles into groups, every model,
 * every server count, and every combination of RAM modules, disk pairs and volume blocks, with
 * feasibility checked resource by resource. Slow and simple on purpose; used on small instances.
 * It minimises the optimiser's objective (price over the term plus the price book's operations
 * weight per server and month) under the same limits: at most RULES.fit.maxVolumeBlocks volume
 * blocks per server, and at most RULES.fit.maxModelsPerTier models on servers without a GPU
 * unless no layout within that limit exists.
 */
import type { Addon, Catalog, ServerModel } from "~/domain/catalog";
import { storageCapacity, usedBays } from "~/domain/catalog";
import { RESOURCE_KEYS, type Resources } from "~/domain/demand";
import { type AvailabilityPlan, type Role, covers, perServerNeed, setPartitions, trafficOverageTb } from "~/domain/fit";
import { RULES } from "~/domain/rules";

function* range(n: number) {
  for (let i = 0; i <= n; i++) yield i;
}

function price(catalog: Catalog, sku: string) {
  return catalog.priceBook.prices[sku]!;
}

/** Cheapest term cost of one server of `model` holding `need`, trying every add-on combination. */
function cheapestServer(
  model: ServerModel,
  need: Resources,
  catalog: Catalog,
  termMonths: number,
  share: number,
): { monthly: number; setup: number } | null {
  const ramAddon = catalog.addons.find((a) => a.kind === "ram" && a.lines.includes(model.line));
  const disks = catalog.addons.filter((a) => a.kind === "disk" && a.lines.includes(model.line));
  const volume = catalog.addons.find((a) => a.kind === "volume" && a.lines.includes(model.line));
  const freePairs = Math.floor((model.diskBays - usedBays(model)) / 2);
  const maxRamUnits = ramAddon ? Math.floor((model.maxRamGb - model.ramGb) / ramAddon.sizeGb!) : 0;
  const storageNeed = need.nvmeGb + need.ssdGb + need.hddGb;
  const maxVolumes = volume ? Math.min(RULES.fit.maxVolumeBlocks, Math.ceil(storageNeed / volume.sizeGb!) + 1) : 0;
  const base = storageCapacity(model.disks);
  const modelPrice = price(catalog, model.sku);
  let best: { monthly: number; setup: number; cost: number } | null = null;

  const diskCombos: number[][] = [[]];
  for (let d = 0; d < disks.length; d++) {
    const next: number[][] = [];
    for (const combo of diskCombos)
      for (const pairs of range(freePairs))
        if (combo.reduce((a, b) => a + b, 0) + pairs <= freePairs) next.push([...combo, pairs]);
    diskCombos.splice(0, diskCombos.length, ...next);
  }
  for (const ramUnits of range(maxRamUnits)) {
    for (const combo of diskCombos) {
      for (const volumes of range(maxVolumes)) {
        const cap: Resources = {
          vcpu: model.vcpu,
          ramGb: model.ramGb + ramUnits * (ramAddon?.sizeGb ?? 0),
          nvmeGb: base.nvmeGb,
          ssdGb: base.ssdGb,
          hddGb: base.hddGb,
          iops: base.iops,
          mbps: model.networkGbit * 1000,
          gpu: model.gpuCount,
        };
        let monthly = modelPrice.monthlyMinor + ramUnits * (ramAddon ? price(catalog, ramAddon.sku).monthlyMinor : 0);
        let setup = modelPrice.setupMinor + ramUnits * (ramAddon ? price(catalog, ramAddon.sku).setupMinor : 0);
        combo.forEach((pairs, i) => {
          const disk = disks[i] as Addon;
          const key = disk.storageClass === "nvme" ? "nvmeGb" : disk.storageClass === "ssd" ? "ssdGb" : "hddGb";
          cap[key] += pairs * disk.sizeGb!;
          cap.iops += pairs * (disk.storageClass === "nvme" ? 400_000 : disk.storageClass === "ssd" ? 80_000 : 150);
          monthly += 2 * pairs * price(catalog, disk.sku).monthlyMinor;
          setup += 2 * pairs * price(catalog, disk.sku).setupMinor;
        });
        if (volume && volumes > 0) {
          cap.ssdGb += volumes * volume.sizeGb!;
          monthly += volumes * price(catalog, volume.sku).monthlyMinor;
        }
        if (!covers(cap, need)) continue;
        const cost = setup + monthly * termMonths * share;
        if (!best || cost < best.cost) best = { monthly, setup, cost };
      }
    }
  }
  return best;
}

/** Every way to pick at most `k` items of a list (the allowed model sets). */
function subsetsUpTo<T>(items: readonly T[], k: number): T[][] {
  const out: T[][] = [[]];
  for (const item of items) for (const set of [...out]) if (set.length < k) out.push([...set, item]);
  return out;
}

/**
 * Lowest objective of any placement of all roles (null when none exists), with at most
 * `maxServers` servers in all when given.
 */
export function exhaustiveCost(
  roles: readonly Role[],
  plan: AvailabilityPlan,
  candidates: readonly ServerModel[],
  catalog: Catalog,
  termMonths: number,
  maxServers = Number.POSITIVE_INFINITY,
): number | null {
  const share = 1 - (catalog.priceBook.termDiscountBps[termMonths as 1] ?? 0) / 10_000;
  const trafficAddon = catalog.addons.find((a) => a.kind === "traffic")!;
  const perTb = (price(catalog, trafficAddon.sku).monthlyMinor * 1000) / trafficAddon.sizeGb!;
  const opsPerServer = catalog.priceBook.opsMinorPerServerMonth * termMonths;
  // Per group of roles (by ids), model and server count: the lowest objective.
  const groupCost = new Map<string, Map<string, Map<number, number>>>();
  const costsOf = (group: readonly Role[]) => {
    const key = group.map((r) => r.id).join("|");
    let byModel = groupCost.get(key);
    if (byModel) return byModel;
    byModel = new Map();
    const wantsGpu = group.some((r) => r.resources.gpu > 0);
    const traffic = group.reduce((s, r) => s + r.trafficTb, 0);
    for (let n = 1; n <= RULES.fit.maxServersPerGroup; n++) {
      const per = perServerNeed(group, n, plan);
      if (!per) continue;
      for (const model of candidates) {
        if (model.gpuCount > 0 !== wantsGpu) continue;
        const server = cheapestServer(model, per.need, catalog, termMonths, share);
        if (!server) continue;
        const cost =
          n * server.setup +
          (n * server.monthly + trafficOverageTb(traffic, model, n) * perTb) * termMonths * share +
          n * opsPerServer;
        const byCount = byModel.get(model.sku) ?? new Map<number, number>();
        byModel.set(model.sku, byCount.set(n, cost));
      }
    }
    groupCost.set(key, byModel);
    return byModel;
  };
  const layouts = setPartitions([...roles]);
  const plain = candidates.filter((m) => m.gpuCount === 0).map((m) => m.sku);
  // Best layout when servers without a GPU may only be of the models in `allowed` (null: any):
  // per layout, the cheapest total for every number of servers used so far.
  const bestWith = (allowed: readonly string[] | null) => {
    let best: number | null = null;
    for (const layout of layouts) {
      let totals = new Map<number, number>([[0, 0]]);
      for (const group of layout) {
        const next = new Map<number, number>();
        for (const [sku, byCount] of costsOf(group)) {
          const gpu = candidates.find((m) => m.sku === sku)!.gpuCount > 0;
          if (allowed && !gpu && !allowed.includes(sku)) continue;
          for (const [n, cost] of byCount)
            for (const [used, total] of totals) {
              if (used + n > maxServers) continue;
              const known = next.get(used + n);
              if (known === undefined || total + cost < known) next.set(used + n, total + cost);
            }
        }
        totals = next;
      }
      for (const total of totals.values()) if (best === null || total < best) best = total;
    }
    return best;
  };
  let best: number | null = null;
  for (const allowed of subsetsUpTo(plain, RULES.fit.maxModelsPerTier)) {
    const cost = bestWith(allowed);
    if (cost !== null && (best === null || cost < best)) best = cost;
  }
  // No layout within the model limit: the roles require more models.
  return best ?? bestWith(null);
}

export { RESOURCE_KEYS };
