import type { DeepPartial } from "react-hook-form";
import type { z } from "zod/mini";
import type { WorkloadKind, workloadSchema } from "~/domain/quote-input";
import { DATABASE_ENGINES, STORAGE_CLASSES } from "~/domain/quote-options";

/** A workload as the wizard's form holds it (the schema's input). */
export type WorkloadInput = z.input<typeof workloadSchema>;
type WorkloadOf<K extends WorkloadKind> = Extract<WorkloadInput, { kind: K }>;
/** The fields a workload of kind K asks for, besides the kind, name and measured inputs every workload has. */
type FieldNameOf<K extends WorkloadKind> = Exclude<keyof WorkloadOf<K>, "kind" | "name" | "measured"> & string;
/** Any workload kind's own field. */
export type WorkloadFieldName = { [K in WorkloadKind]: FieldNameOf<K> }[WorkloadKind];
/** One virtual machine of a VM host. */
export type VmInput = WorkloadOf<"vm_host">["vms"][number];

/**
 * What the wizard asks for each kind of workload. Labels are `wizard.fields.<name>`, hints
 * `wizard.fields.<name>Hint`, options `<optionsKey>.<value>` (a key prefix: storage classes are their own group, shared with the quote page). The schema in
 * domain/quote-input.ts stays the one source of what is valid.
 */
export type FieldSpec<N extends string = WorkloadFieldName> =
  | { name: N; type: "int" | "number"; optional?: boolean; hint?: boolean }
  | { name: N; type: "bool" }
  | { name: N; type: "select"; options: readonly string[]; optionsKey: string; optional?: boolean };

/** Each kind's list names only that kind's own fields, so the wizard's paths are checked against the schema. */
export const WORKLOAD_FIELDS: { [K in WorkloadKind]: FieldSpec<FieldNameOf<K>>[] } = {
  web_app: [
    { name: "visitsPerDay", type: "int" },
    { name: "pagesPerVisit", type: "number", optional: true, hint: true },
    { name: "pageWeightKb", type: "number", optional: true, hint: true },
    { name: "dynamicPages", type: "bool" },
    { name: "cacheOffloadPercent", type: "number", optional: true },
    { name: "storageGb", type: "number", optional: true },
  ],
  database: [
    { name: "engine", type: "select", options: DATABASE_ENGINES, optionsKey: "wizard.fields.engines", optional: true },
    { name: "dataGb", type: "number" },
    { name: "peakQueriesPerSecond", type: "number", optional: true, hint: true },
    { name: "writePercent", type: "number", optional: true },
    { name: "hotDataPercent", type: "number", optional: true },
  ],
  file_storage: [
    { name: "dataGb", type: "number" },
    { name: "access", type: "select", options: ["active", "archive"], optionsKey: "wizard.fields.accessOptions" },
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
    {
      name: "server",
      type: "select",
      options: ["vanilla", "paper", "modded"],
      optionsKey: "wizard.fields.serverOptions",
    },
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
    {
      name: "model",
      type: "select",
      options: ["forever_incremental", "full_incremental"],
      optionsKey: "wizard.fields.backupModels",
    },
  ],
  mail: [
    { name: "mailboxes", type: "int" },
    { name: "quotaGbPerMailbox", type: "number", optional: true },
  ],
  vm_host: [],
};

/** A new workload of a kind, with the defaults its selects and check boxes start from. */
function startOf(kind: WorkloadKind): DeepPartial<WorkloadInput> {
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

/*
 * Blanks for the wizard's field arrays, which take whole items of the schema's input. The numbers
 * a blank lacks are the ones the customer types in; the resolver checks every one of them before
 * anything is submitted, so the form may hold a blank in the meantime.
 */

/** A new workload of a kind: its kind and the defaults its selects and check boxes start from. */
export const newWorkload = (kind: WorkloadKind): WorkloadInput => startOf(kind) as WorkloadInput;

/** A new, empty virtual machine row of a VM host. */
export const newVm = (): VmInput => ({}) as VmInput;
