import type { StorageClass } from "./quote-input";

/** The resources a server offers and a workload needs. */
export const RESOURCE_KEYS = ["vcpu", "ramGb", "nvmeGb", "ssdGb", "hddGb", "iops", "mbps", "gpu"] as const;
export type ResourceKey = (typeof RESOURCE_KEYS)[number];
export type Resources = Record<ResourceKey, number>;

export const zeroResources = (): Resources => ({
  vcpu: 0,
  ramGb: 0,
  nvmeGb: 0,
  ssdGb: 0,
  hddGb: 0,
  iops: 0,
  mbps: 0,
  gpu: 0,
});

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

/** The one rounding for figures shown to people: two decimals. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

export function storageResources(cls: StorageClass, gb: number): Partial<Resources> {
  return cls === "nvme" ? { nvmeGb: gb } : cls === "ssd" ? { ssdGb: gb } : { hddGb: gb };
}

export function storageKey(cls: StorageClass): ResourceKey {
  return cls === "nvme" ? "nvmeGb" : cls === "ssd" ? "ssdGb" : "hddGb";
}
