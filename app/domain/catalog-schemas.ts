/**
 * What a server model, an add-on and a product's facts must be before the catalog stores them, with
 * messages a person can act on. The staff pages parse their forms with these schemas and an API that
 * writes the catalog later parses its JSON with the same ones, so both refuse in the same words.
 * Staff pages and the catalog API are English, so the messages are written here rather than looked up
 * in the locales. Full zod at module level: only server code imports this module (the route actions
 * through their `.server` modules), never a page's browser bundle.
 */
import { z } from "zod";
import type { AddonKind, DiskSet, ProductStatus, RaidLevel, ServerLine } from "./catalog";
import {
  BACKUP_POLICIES,
  type BackupPolicy,
  EXCLUSIONS,
  OS_MANAGEMENT,
  type OsManagement,
  SUPPORT_HOURS,
  type SupportHours,
} from "./product-facts";
import { REGIONS, STORAGE_CLASSES } from "./quote-input";
import { staffSingleLine } from "./text";

/** Every member of a string union, once: the compiler refuses a list that misses one. */
const everyOf =
  <T extends string>() =>
  <const L extends readonly [T, ...T[]]>(list: L & ([T] extends [L[number]] ? unknown : never)) =>
    list;

export const SERVER_LINES = everyOf<ServerLine>()(["cloud", "dedicated", "high_memory", "storage", "gpu"]);
export const RAID_LEVELS = everyOf<RaidLevel>()(["none", "raid0", "raid1", "raid5", "raid6", "raid10"]);
export const ADDON_KINDS = everyOf<AddonKind>()([
  "ram",
  "disk",
  "volume",
  "backup",
  "traffic",
  "ipv4",
  "load_balancer",
]);
export const PRODUCT_STATUSES = everyOf<ProductStatus>()(["draft", "active", "retired"]);

/**
 * The status changes staff may make: a draft goes on sale, a product on sale is retired, a retired one
 * is sold again. Nothing goes back to draft: once sold, quotes may name it.
 */
const STATUS_CHANGES: Record<ProductStatus, readonly ProductStatus[]> = {
  draft: ["active"],
  active: ["retired"],
  retired: ["active"],
};

export function statusChangeAllowed(from: ProductStatus, to: ProductStatus): boolean {
  return STATUS_CHANGES[from].includes(to);
}

export const productStatusSchema = z.enum(PRODUCT_STATUSES, { error: "Choose draft, active or retired." });

const RAID_NAMES: Record<RaidLevel, string> = {
  none: "No RAID",
  raid0: "RAID 0",
  raid1: "RAID 1",
  raid5: "RAID 5",
  raid6: "RAID 6",
  raid10: "RAID 10",
};

/** The fewest disks a RAID level takes in one set (RAID 10 also takes an even number). */
export const RAID_MIN_DISKS: Record<RaidLevel, number> = { none: 1, raid0: 2, raid1: 2, raid5: 3, raid6: 4, raid10: 4 };

/** Why `count` disks cannot form `raid`, or null when they can. */
function raidProblem(raid: RaidLevel, count: number): string | null {
  if (raid === "raid10" && (count < 4 || count % 2 !== 0))
    return "RAID 10 needs an even number of disks, at least 4, in the set.";
  const min = RAID_MIN_DISKS[raid];
  return count < min ? `${RAID_NAMES[raid]} needs at least ${min} disks in the set.` : null;
}

/**
 * An object that refuses keys it does not know, naming them: a misspelt field in an API call is a
 * refusal, not a silently ignored value.
 */
function strict<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Unknown ${issue.keys.length === 1 ? "field" : "fields"}: ${issue.keys.map((k) => k.slice(0, 60)).join(", ")}.`
        : undefined,
  });
}

/** One line of text, trimmed, not empty, no control characters (app/domain/text.ts). */
function text(what: string, max: number) {
  return z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, `Enter ${what}.`)
    .max(max, `Keep ${what} to ${max} characters or fewer.`)
    .check(staffSingleLine());
}

/** Optional text: empty or missing is null. */
function optionalText(what: string, max: number) {
  return z
    .union([z.string({ error: `Enter ${what} as text.` }), z.null(), z.undefined()], {
      error: `Enter ${what} as text.`,
    })
    .transform((value) => value?.trim() || null)
    .pipe(z.string().max(max, `Keep ${what} to ${max} characters or fewer.`).check(staffSingleLine()).nullable());
}

const formatted = (n: number) => n.toLocaleString("en");

/** A whole number within bounds; every message names the field and its unit (`[one, many]` when they differ). */
function whole(what: string, min: number, max: number, unit: string | readonly [string, string] = "") {
  const [one, many] = typeof unit === "string" ? [unit, unit] : unit;
  const amount = (n: number) => `${formatted(n)}${many ? ` ${n === 1 ? one : many}` : ""}`;
  const asked = `Enter ${what} as a whole number${many ? ` of ${many}` : ""}.`;
  return z
    .number({ error: asked })
    .int(asked)
    .min(min, `${capital(what)} must be at least ${amount(min)}.`)
    .max(max, `${capital(what)} must be at most ${amount(max)}.`);
}

const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

export const SKU_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A product's SKU: the key of its prices in every price book and of the lines of stored quotes, so it
 * is plain (lowercase letters, digits, single hyphens) and never changes once created. "new" is the
 * address of the page that creates a product.
 */
export const skuSchema = z
  .string({ error: "Enter a SKU." })
  .trim()
  .min(1, "Enter a SKU.")
  .max(40, "Keep the SKU to 40 characters or fewer.")
  .superRefine((sku, ctx) => {
    if (SKU_PATTERN.test(sku)) {
      if (sku === "new") ctx.addIssue({ code: "custom", message: '"new" is reserved; choose another SKU.' });
      return;
    }
    const lower = sku.toLowerCase();
    ctx.addIssue({
      code: "custom",
      message: SKU_PATTERN.test(lower)
        ? `Use lowercase letters: ${lower}.`
        : "A SKU is lowercase letters (a-z), digits and single hyphens between them, like ax42 or ram-32gb.",
    });
  });

const namesSchema = strict({ es: optionalText("the Spanish name", 80).optional() }).transform((names) =>
  names.es ? { es: names.es } : {},
);

/** Each listed value once, in the order given. */
function distinct<T extends string>(item: z.ZodType<T>, what: string, options: { min?: string; max: number }) {
  const list = z
    .array(item, { error: `Choose the ${what}.` })
    .max(options.max, `Choose at most ${options.max} ${what}.`);
  return (options.min ? list.min(1, options.min) : list).refine(
    (values) => new Set(values).size === values.length,
    `Name each of the ${what} once.`,
  );
}

const hours = (what: string, max: number) => whole(what, 1, max, ["hour", "hours"]);

/**
 * What a product includes (app/domain/product-facts.ts): backups, care of the operating system,
 * support hours and how soon support answers, how soon failed hardware is replaced (null where the
 * platform moves the server itself), and what the price does not include. The excluded items come
 * back in the checklist's order, so the customer's list reads the same for every product.
 */
export const productFactsSchema = strict({
  backup: z.enum(BACKUP_POLICIES as [BackupPolicy, ...BackupPolicy[]], {
    error: "Choose a backup policy: none, or daily backups kept 7, 14 or 30 days.",
  }),
  osManagement: z.enum(OS_MANAGEMENT as [OsManagement, ...OsManagement[]], {
    error: "Choose how the operating system is looked after: not at all, security updates, or fully managed.",
  }),
  support: strict({
    hours: z.enum(SUPPORT_HOURS as [SupportHours, ...SupportHours[]], {
      error: "Choose the support hours: business hours, extended hours or around the clock.",
    }),
    responseHours: hours("the support response time", 168),
  }),
  hardwareReplacementHours: z.union([hours("the hardware replacement time", 720), z.null()], {
    error: "Enter the hardware replacement time as a whole number of hours, or none for cloud servers.",
  }),
  notIncluded: distinct(
    z.enum(EXCLUSIONS, { error: `Pick what is not included from the list (${EXCLUSIONS.join(", ")}).` }),
    "items not included",
    { max: EXCLUSIONS.length },
  ).transform((items) => EXCLUSIONS.filter((e) => items.includes(e))),
});

const diskSetSchema = strict({
  count: whole("the number of disks", 1, 100),
  sizeGb: whole("the disk size", 1, 100_000, "GB"),
  class: z.enum(STORAGE_CLASSES, { error: "Choose the kind of disk: NVMe SSD, SATA SSD or HDD." }),
  raid: z.enum(RAID_LEVELS, { error: "Choose a RAID level (or none)." }),
});

/** A web address that a person can open: http or https. */
const sourceUrlSchema = optionalText("the source address", 500).refine((value) => {
  if (value === null) return true;
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, "Enter a web address starting with https:// (or leave it empty).");

/** Everything of a server model staff can change after creating it. */
const serverShape = {
  name: text("the name", 80),
  names: namesSchema.default({}),
  line: z.enum(SERVER_LINES, { error: "Choose a line: cloud, dedicated, high memory, storage or GPU." }),
  cpu: text("the CPU", 120),
  vcpu: whole("the number of CPU threads", 1, 1024),
  ramGb: whole("the RAM", 1, 65_536, "GB"),
  maxRamGb: whole("the maximum RAM", 1, 65_536, "GB"),
  disks: z
    .array(diskSetSchema, { error: "List the disks the model comes with." })
    .min(1, "A server comes with at least one disk.")
    .max(8, "List at most 8 disk sets."),
  diskBays: whole("the number of disk bays", 1, 100),
  networkGbit: whole("the uplink", 1, 400, "Gbit/s"),
  includedTrafficTb: z.union([whole("the included traffic", 0, 1_000_000, "TB a month"), z.null()], {
    error: "Enter the traffic included a month as a whole number of TB, or choose unmetered.",
  }),
  gpuCount: whole("the number of GPUs", 0, 16).default(0),
  gpuModel: optionalText("the GPU model", 120).default(null),
  regions: distinct(z.enum(REGIONS, { error: "Choose regions from EU and US." }), "regions", {
    min: "Choose at least one region the model is sold in.",
    max: REGIONS.length,
  }),
  raidOptions: distinct(z.enum(RAID_LEVELS, { error: "Choose RAID levels from the list." }), "RAID options", {
    min: "Offer at least one RAID level (No RAID counts).",
    max: RAID_LEVELS.length,
  }),
  includes: productFactsSchema,
  sourceUrl: sourceUrlSchema.default(null),
};

type ServerFields = z.output<z.ZodObject<typeof serverShape>>;

/** The rules between fields: RAM within its maximum, disks in the bays, RAID levels the sets can form, GPUs named. */
function serverRules(model: ServerFields, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  if (model.ramGb > model.maxRamGb)
    issue(["ramGb"], `RAM cannot exceed the maximum RAM (${formatted(model.maxRamGb)} GB).`);
  const used = model.disks.reduce((n, d) => n + d.count, 0);
  if (used > model.diskBays)
    issue(
      ["disks"],
      `The disks need free bays: they take ${used} bays and the model has ${model.diskBays}. Add bays or remove disks.`,
    );
  model.disks.forEach((set: DiskSet, i) => {
    const problem = raidProblem(set.raid, set.count);
    if (problem) issue(["disks", i, "raid"], problem);
    else if (model.raidOptions.length && !model.raidOptions.includes(set.raid))
      issue(["disks", i, "raid"], `${RAID_NAMES[set.raid]} is not among the RAID options; offer it or pick another.`);
  });
  // Without disks the missing disks are the error; every level would read as impossible.
  const impossible = model.disks.length
    ? model.raidOptions.filter((raid) => model.disks.every((set) => raidProblem(raid, set.count)))
    : [];
  if (impossible.length)
    issue(
      ["raidOptions"],
      `No disk set can form ${impossible.map((r) => RAID_NAMES[r]).join(" or ")} (${impossible
        .map((r) => (r === "raid10" ? "an even number, at least 4 disks" : `at least ${RAID_MIN_DISKS[r]} disks`))
        .join("; ")}).`,
    );
  if (model.line === "gpu" && model.gpuCount === 0) issue(["gpuCount"], "A GPU server needs at least one GPU.");
  if (model.gpuCount > 0 && !model.gpuModel)
    issue(["gpuModel"], "Name the GPU model, for example NVIDIA RTX 4000 SFF Ada 20 GB.");
  if (model.gpuCount === 0 && model.gpuModel)
    issue(["gpuModel"], "A model without GPUs has no GPU model: clear this field or set the number of GPUs.");
}

/** A new server model: its SKU and everything else. */
export const newServerModelSchema = strict({ sku: skuSchema, ...serverShape }).superRefine(serverRules);
/** A server model's changes: everything but the SKU, which never changes. */
export const serverModelChangesSchema = strict(serverShape).superRefine(serverRules);

export type NewServerModel = z.output<typeof newServerModelSchema>;
export type ServerModelChanges = z.output<typeof serverModelChangesSchema>;

/** Add-on kinds measured in GB a unit (RAM per module, disk and volume size, backup space, traffic). */
const SIZED_KINDS: readonly AddonKind[] = ["ram", "disk", "volume", "backup", "traffic"];
/** Add-on kinds that go into a server of certain lines; the others go with any server. */
const FITTED_KINDS: readonly AddonKind[] = ["ram", "disk", "volume"];
const STORAGE_KINDS: readonly AddonKind[] = ["disk", "volume"];

const KIND_NAMES: Record<AddonKind, string> = {
  ram: "A RAM upgrade",
  disk: "A disk",
  volume: "A block volume",
  backup: "Backup space",
  traffic: "A traffic pack",
  ipv4: "An IPv4 address",
  load_balancer: "A load balancer",
};

const addonShape = {
  name: text("the name", 80),
  names: namesSchema.default({}),
  kind: z.enum(ADDON_KINDS, {
    error: "Choose a kind: RAM, disk, block volume, backup space, traffic, IPv4 address or load balancer.",
  }),
  sizeGb: z.union([whole("the size", 1, 1_000_000, "GB"), z.null()], {
    error: "Enter the size as a whole number of GB.",
  }),
  storageClass: z.union([z.enum(STORAGE_CLASSES), z.null()], {
    error: "Choose the kind of storage: NVMe SSD, SATA SSD or HDD.",
  }),
  lines: distinct(z.enum(SERVER_LINES, { error: "Choose server lines from the list." }), "server lines", {
    max: SERVER_LINES.length,
  }),
};

type AddonFields = z.output<z.ZodObject<typeof addonShape>>;

/** Sizes, storage classes and lines only where the kind has them, so the engine reads each add-on one way. */
function addonRules(addon: AddonFields, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  const kind = KIND_NAMES[addon.kind];
  if (SIZED_KINDS.includes(addon.kind) && addon.sizeGb === null)
    issue("sizeGb", `${kind} needs its size in GB (per unit).`);
  if (!SIZED_KINDS.includes(addon.kind) && addon.sizeGb !== null)
    issue("sizeGb", `${kind} has no size: leave the size empty.`);
  if (STORAGE_KINDS.includes(addon.kind) && addon.storageClass === null)
    issue("storageClass", `${kind} needs its kind of storage: NVMe SSD, SATA SSD or HDD.`);
  if (!STORAGE_KINDS.includes(addon.kind) && addon.storageClass !== null)
    issue("storageClass", `${kind} has no kind of storage: leave it empty.`);
  if (FITTED_KINDS.includes(addon.kind) && addon.lines.length === 0)
    issue("lines", `${kind} fits only some servers: choose the server lines it fits.`);
  if (!FITTED_KINDS.includes(addon.kind) && addon.lines.length > 0)
    issue("lines", `${kind} goes with any server: leave the server lines empty.`);
}

/** A new add-on: its SKU and everything else. */
export const newAddonSchema = strict({ sku: skuSchema, ...addonShape }).superRefine(addonRules);
/** An add-on's changes: everything but the SKU. */
export const addonChangesSchema = strict(addonShape).superRefine(addonRules);

export type NewAddon = z.output<typeof newAddonSchema>;
export type AddonChanges = z.output<typeof addonChangesSchema>;
