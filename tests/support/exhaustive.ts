/**
 * A brute-force reference for the optimiser: every layout of roles into groups, every model,
 * every server count, and every combination of RAM modules, disk pairs and volume blocks, with
 * feasibility checked resource by resource. Slow and simple on purpose; used on small instances.
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
  const maxVolumes = volume ? Math.min(100, Math.ceil(storageNeed / volume.sizeGb!) + 1) : 0;
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

export function exhaustiveCost(
  roles: readonly Role[],
  plan: AvailabilityPlan,
  candidates: readonly ServerModel[],
  catalog: Catalog,
  termMonths: number,
): number | null {
  const share = 1 - (catalog.priceBook.termDiscountBps[termMonths as 1] ?? 0) / 10_000;
  const trafficAddon = catalog.addons.find((a) => a.kind === "traffic")!;
  const perTb = (price(catalog, trafficAddon.sku).monthlyMinor * 1000) / trafficAddon.sizeGb!;
  let best: number | null = null;
  for (const layout of setPartitions([...roles])) {
    let total = 0;
    for (const group of layout) {
      const wantsGpu = group.some((r) => r.resources.gpu > 0);
      const traffic = group.reduce((s, r) => s + r.trafficTb, 0);
      let groupBest: number | null = null;
      for (let n = 1; n <= RULES.fit.maxServersPerGroup; n++) {
        const per = perServerNeed(group, n, plan);
        if (!per) continue;
        for (const model of candidates) {
          if (model.gpuCount > 0 !== wantsGpu) continue;
          const server = cheapestServer(model, per.need, catalog, termMonths, share);
          if (!server) continue;
          const cost =
            n * server.setup + (n * server.monthly + trafficOverageTb(traffic, model, n) * perTb) * termMonths * share;
          if (groupBest === null || cost < groupBest) groupBest = cost;
        }
      }
      if (groupBest === null) {
        total = Number.NaN;
        break;
      }
      total += groupBest;
    }
    if (!Number.isNaN(total) && (best === null || total < best)) best = total;
  }
  return best;
}

export { RESOURCE_KEYS };
