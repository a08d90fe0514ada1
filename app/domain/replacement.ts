import { type ServerModel, storageCapacity } from "./catalog";

/** What the choice of a replacement reads of a server model. */
export type ReplacementSpec = Pick<ServerModel, "sku" | "line" | "regions" | "vcpu" | "ramGb" | "disks" | "gpuCount">;

export interface Replacement<T extends ReplacementSpec> {
  model: T;
  /** At least as many threads, as much RAM, fast storage, HDD space and GPUs as the retired model. */
  atLeastAsBig: boolean;
  sameLine: boolean;
  /** Sold in every region the retired model was sold in (a quote of any of them can take it). */
  coversRegions: boolean;
}

interface Size {
  vcpu: number;
  ramGb: number;
  /** NVMe and SATA SSD space after RAID: HDD space does not stand in for it. */
  fastGb: number;
  hddGb: number;
  gpu: number;
}

function sizeOf(model: ReplacementSpec): Size {
  const storage = storageCapacity(model.disks);
  return {
    vcpu: model.vcpu,
    ramGb: model.ramGb,
    fastGb: storage.nvmeGb + storage.ssdGb,
    hddGb: storage.hddGb,
    gpu: model.gpuCount,
  };
}

const DIMENSIONS: readonly (keyof Size)[] = ["vcpu", "ramGb", "fastGb", "hddGb", "gpu"];

/**
 * How far apart two models are: the sum over the dimensions of the log of their ratio, so twice the RAM
 * weighs as much as twice the threads, bigger and smaller count alike, and +1 keeps "no GPU" finite.
 */
function distance(a: Size, b: Size): number {
  return DIMENSIONS.reduce((sum, d) => sum + Math.abs(Math.log((a[d] + 1) / (b[d] + 1))), 0);
}

/**
 * The active model a technician should swap a retired one for: the closest model of the same line,
 * sold in the retired model's regions, that is at least as big in every dimension (threads, RAM, fast
 * storage, HDD space, GPUs), so the quote keeps its capacity. When there is none, the closest overall,
 * preferring in this order a model sold in those regions (else in some of them), one at least as big
 * (of another line: a high-memory server for a dedicated one), one of the same line, then the nearest
 * in size; ties go to the SKU that sorts first. Null when nothing is active.
 */
export function nearestReplacement<T extends ReplacementSpec>(
  retired: ReplacementSpec,
  active: readonly T[],
): Replacement<T> | null {
  const want = sizeOf(retired);
  const ranked = active
    .filter((m) => m.sku !== retired.sku)
    .map((model) => {
      const size = sizeOf(model);
      const covered = retired.regions.filter((r) => model.regions.includes(r)).length;
      const candidate: Replacement<T> = {
        model,
        atLeastAsBig: DIMENSIONS.every((d) => size[d] >= want[d]),
        sameLine: model.line === retired.line,
        coversRegions: covered === retired.regions.length,
      };
      const regionRank = candidate.coversRegions ? 0 : covered > 0 ? 1 : 2;
      return {
        candidate,
        key: [regionRank, candidate.atLeastAsBig ? 0 : 1, candidate.sameLine ? 0 : 1] as const,
        far: distance(size, want),
      };
    })
    .sort(
      (a, b) =>
        a.key[0] - b.key[0] ||
        a.key[1] - b.key[1] ||
        a.key[2] - b.key[2] ||
        a.far - b.far ||
        a.candidate.model.sku.localeCompare(b.candidate.model.sku),
    );
  return ranked[0]?.candidate ?? null;
}
