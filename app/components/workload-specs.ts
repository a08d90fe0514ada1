import { DATABASE_ENGINES, STORAGE_CLASSES, type WorkloadKind } from "~/domain/quote-input";

/**
 * What the wizard asks for each kind of workload. Labels are `wizard.fields.<name>`, hints
 * `wizard.fields.<name>Hint`, options `wizard.fields.<optionsKey>.<value>`. The schema in
 * domain/quote-input.ts stays the one source of what is valid.
 */
export type FieldSpec =
  | { name: string; type: "int" | "number"; optional?: boolean; hint?: boolean }
  | { name: string; type: "bool" }
  | { name: string; type: "select"; options: readonly string[]; optionsKey: string; optional?: boolean };

export const WORKLOAD_FIELDS: Record<WorkloadKind, FieldSpec[]> = {
  web_app: [
    { name: "visitsPerDay", type: "int" },
    { name: "pagesPerVisit", type: "number", optional: true, hint: true },
    { name: "pageWeightKb", type: "number", optional: true, hint: true },
    { name: "dynamicPages", type: "bool" },
    { name: "cacheOffloadPercent", type: "number", optional: true },
    { name: "storageGb", type: "number", optional: true },
  ],
  database: [
    { name: "engine", type: "select", options: DATABASE_ENGINES, optionsKey: "engines", optional: true },
    { name: "dataGb", type: "number" },
    { name: "peakQueriesPerSecond", type: "number", optional: true, hint: true },
    { name: "writePercent", type: "number", optional: true },
    { name: "hotDataPercent", type: "number", optional: true },
  ],
  file_storage: [
    { name: "dataGb", type: "number" },
    { name: "access", type: "select", options: ["active", "archive"], optionsKey: "accessOptions" },
    { name: "monthlyDownloadGb", type: "number", optional: true },
  ],
  raw: [
    { name: "vcpu", type: "int" },
    { name: "ramGb", type: "number" },
    { name: "storageGb", type: "number", optional: true },
    { name: "storageClass", type: "select", options: STORAGE_CLASSES, optionsKey: "storageClasses", optional: true },
    { name: "trafficTbPerMonth", type: "number", optional: true },
    { name: "gpu", type: "int", optional: true, hint: true },
  ],
  gitlab: [{ name: "users", type: "int" }],
  mattermost: [{ name: "concurrentUsers", type: "int" }],
  nextcloud: [
    { name: "users", type: "int" },
    { name: "officeSuite", type: "bool" },
    { name: "storageGbPerUser", type: "number", optional: true, hint: true },
  ],
  discourse: [
    { name: "monthlyPageViews", type: "int", optional: true },
    { name: "users", type: "int", optional: true },
  ],
  wordpress: [
    { name: "visitsPerDay", type: "int" },
    { name: "woocommerce", type: "bool" },
    { name: "products", type: "int", optional: true },
  ],
  minecraft: [
    { name: "players", type: "int" },
    { name: "server", type: "select", options: ["vanilla", "paper", "modded"], optionsKey: "serverOptions" },
  ],
  elasticsearch: [
    { name: "dataGb", type: "number" },
    { name: "retentionDays", type: "int", optional: true, hint: true },
    { name: "replicas", type: "int", optional: true },
  ],
  kubernetes: [{ name: "workerNodes", type: "int" }],
  backup: [
    { name: "protectedTb", type: "number" },
    { name: "retentionDays", type: "int" },
    { name: "dailyChangePercent", type: "number", optional: true },
    { name: "model", type: "select", options: ["forever_incremental", "full_incremental"], optionsKey: "backupModels" },
  ],
  mail: [
    { name: "mailboxes", type: "int" },
    { name: "quotaGbPerMailbox", type: "number", optional: true },
  ],
  vm_host: [],
};

/** A new workload of a kind, with the defaults its selects and check boxes start from. */
export function newWorkload(kind: WorkloadKind): Record<string, unknown> {
  switch (kind) {
    case "web_app":
      return { kind, dynamicPages: true };
    case "file_storage":
      return { kind, access: "active" };
    case "minecraft":
      return { kind, server: "vanilla" };
    case "backup":
      return { kind, model: "forever_incremental" };
    case "vm_host":
      return { kind, vms: [{}] };
    default:
      return { kind };
  }
}
