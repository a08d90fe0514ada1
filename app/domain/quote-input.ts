import * as z from "zod/mini";
import { multiLine, singleLine } from "./text";

/**
 * The one schema for what a customer tells us. Shared by the wizard (react-hook-form +
 * zodResolver in the browser), the wizard's action and the JSON API, which all re-parse it.
 * Written with zod/mini (the same zod 4 core, tree-shakable) so the wizard ships a few kilobytes of
 * validation instead of the whole library.
 * Optional numbers stay optional here: the engine fills documented defaults and says so in
 * its explanation, which a customer can read ("we assumed 3 pages per visit").
 * Every object is strict: an unknown key (a typo such as "queriesPerSecond") is an error naming
 * it, never silently ignored; a workload's keys are those of its kind.
 */

export const AVAILABILITY_TIERS = ["standard", "high", "critical"] as const;
export const TERM_MONTHS = [1, 12, 24, 36] as const;
export const REGIONS = ["eu", "us"] as const;
export const STORAGE_CLASSES = ["nvme", "ssd", "hdd"] as const;
export const DATABASE_ENGINES = ["postgresql", "mysql", "mariadb", "mongodb", "other"] as const;
export const WORKLOAD_KINDS = [
  "web_app",
  "database",
  "file_storage",
  "raw",
  "gitlab",
  "mattermost",
  "nextcloud",
  "discourse",
  "wordpress",
  "minecraft",
  "elasticsearch",
  "kubernetes",
  "backup",
  "mail",
  "vm_host",
] as const;
export const COMPLIANCE_FLAGS = ["pci_dss", "hipaa", "data_residency"] as const;
export type ComplianceFlag = (typeof COMPLIANCE_FLAGS)[number];

export type Availability = (typeof AVAILABILITY_TIERS)[number];
export type TermMonths = (typeof TERM_MONTHS)[number];
export type Region = (typeof REGIONS)[number];
export type StorageClass = (typeof STORAGE_CLASSES)[number];
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

const name = z.optional(z.string().check(z.trim(), z.maxLength(80), singleLine()));
/** Inputs the customer measured (analytics, monitoring); the rest are estimates and get a margin. */
const measured = z.optional(z.array(z.string().check(z.maxLength(40), singleLine())).check(z.maxLength(20)));
const int = (min: number, max: number) => z.int().check(z.gte(min), z.lte(max));
const num = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));

export const webAppSchema = z.strictObject({
  kind: z.literal("web_app"),
  name,
  measured,
  visitsPerDay: int(1, 50_000_000),
  pagesPerVisit: z.optional(num(1, 100)),
  pageWeightKb: z.optional(num(1, 50_000)),
  dynamicPages: z.optional(z.boolean()),
  cacheOffloadPercent: z.optional(num(0, 95)),
  storageGb: z.optional(num(0, 100_000)),
});

export const databaseSchema = z.strictObject({
  kind: z.literal("database"),
  name,
  measured,
  engine: z.optional(z.enum(DATABASE_ENGINES)),
  dataGb: num(0.1, 200_000),
  peakQueriesPerSecond: z.optional(num(0, 1_000_000)),
  writePercent: z.optional(num(0, 100)),
  hotDataPercent: z.optional(num(1, 100)),
});

export const fileStorageSchema = z.strictObject({
  kind: z.literal("file_storage"),
  name,
  measured,
  dataGb: num(1, 10_000_000),
  access: z.optional(z.enum(["active", "archive"])),
  monthlyDownloadGb: z.optional(num(0, 10_000_000)),
});

export const rawSchema = z.strictObject({
  kind: z.literal("raw"),
  name,
  measured,
  vcpu: int(1, 1024),
  ramGb: num(0.5, 8192),
  storageGb: z.optional(num(0, 10_000_000)),
  storageClass: z.optional(z.enum(STORAGE_CLASSES)),
  trafficTbPerMonth: z.optional(num(0, 100_000)),
  gpu: z.optional(int(0, 16)),
});

// Application profiles: the customer names the application, the engine knows its vendor's sizing.
export const gitlabSchema = z.strictObject({ kind: z.literal("gitlab"), name, measured, users: int(1, 100_000) });
export const mattermostSchema = z.strictObject({
  kind: z.literal("mattermost"),
  name,
  measured,
  concurrentUsers: int(1, 200_000),
});
export const nextcloudSchema = z.strictObject({
  kind: z.literal("nextcloud"),
  name,
  measured,
  users: int(1, 100_000),
  officeSuite: z.optional(z.boolean()),
  storageGbPerUser: z.optional(num(0, 10_000)),
});
export const discourseSchema = z.strictObject({
  kind: z.literal("discourse"),
  name,
  measured,
  monthlyPageViews: z.optional(int(0, 1_000_000_000)),
  users: z.optional(int(0, 10_000_000)),
});
export const wordpressSchema = z.strictObject({
  kind: z.literal("wordpress"),
  name,
  measured,
  visitsPerDay: int(1, 10_000_000),
  woocommerce: z.optional(z.boolean()),
  products: z.optional(int(0, 10_000_000)),
});
export const minecraftSchema = z.strictObject({
  kind: z.literal("minecraft"),
  name,
  measured,
  players: int(1, 2000),
  server: z.enum(["vanilla", "paper", "modded"]),
});
export const elasticsearchSchema = z.strictObject({
  kind: z.literal("elasticsearch"),
  name,
  measured,
  dataGb: num(0.1, 500_000),
  retentionDays: z.optional(int(1, 3650)),
  replicas: z.optional(int(0, 3)),
});
export const kubernetesSchema = z.strictObject({
  kind: z.literal("kubernetes"),
  name,
  measured,
  workerNodes: int(1, 5000),
});
export const backupSchema = z.strictObject({
  kind: z.literal("backup"),
  name,
  measured,
  protectedTb: num(0.01, 10_000),
  retentionDays: int(1, 3650),
  dailyChangePercent: z.optional(num(0, 100)),
  model: z.enum(["full_incremental", "forever_incremental"]),
});
export const mailSchema = z.strictObject({
  kind: z.literal("mail"),
  name,
  measured,
  mailboxes: int(1, 1_000_000),
  quotaGbPerMailbox: z.optional(num(0.1, 1000)),
});
export const vmHostSchema = z.strictObject({
  kind: z.literal("vm_host"),
  name,
  measured,
  vms: z
    .array(z.strictObject({ vcpu: int(1, 256), ramGb: num(0.5, 4096), storageGb: num(0, 100_000) }))
    .check(z.minLength(1), z.maxLength(500)),
});

export const workloadSchema = z.discriminatedUnion("kind", [
  webAppSchema,
  databaseSchema,
  fileStorageSchema,
  rawSchema,
  gitlabSchema,
  mattermostSchema,
  nextcloudSchema,
  discourseSchema,
  wordpressSchema,
  minecraftSchema,
  elasticsearchSchema,
  kubernetesSchema,
  backupSchema,
  mailSchema,
  vmHostSchema,
]);

export const requirementsSchema = z.strictObject({
  availability: z.enum(AVAILABILITY_TIERS),
  termMonths: z.union([z.literal(1), z.literal(12), z.literal(24), z.literal(36)]),
  region: z.enum(REGIONS),
  backupRetentionDays: z.optional(int(0, 3650)),
  growthPercentPerYear: z.optional(num(0, 300)),
  specialRequirements: z.optional(z.string().check(z.trim(), z.maxLength(4000), multiLine())),
  compliance: z.optional(z.array(z.enum(COMPLIANCE_FLAGS)).check(z.maxLength(3))),
  /** Country the data must stay in (ISO 3166-1 alpha-2), with the data_residency flag. */
  dataResidencyCountry: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z]{2}$/))),
  networking: z.optional(
    z.strictObject({
      ownIpRanges: z.optional(z.boolean()),
      bgp: z.optional(z.boolean()),
      uplinkGbit: z.optional(num(0, 400)),
    }),
  ),
  /** What the customer wants to spend per month, in cents. */
  monthlyBudgetMinor: z.optional(int(0, 100_000_000_00)),
  migration: z.optional(
    z.strictObject({
      fromExistingServer: z.boolean(),
      maxDowntimeMinutes: z.optional(int(0, 100_000)),
    }),
  ),
});

export const quoteInputSchema = z.strictObject({
  /** The price book's currency; absent, the region suggests one (app/domain/currency.ts). */
  currency: z.optional(z.enum(["EUR", "USD"])),
  requirements: requirementsSchema,
  workloads: z.array(workloadSchema).check(z.minLength(1), z.maxLength(25)),
});

export const contactSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120), singleLine()),
  email: z.email().check(z.maxLength(254)),
  company: z.optional(z.string().check(z.trim(), z.maxLength(160), singleLine())),
});

/** What the wizard submits: the engine input plus who to send the proposal to. */
export const quoteRequestSchema = z.extend(quoteInputSchema, {
  contact: contactSchema,
});

export type WebAppWorkload = z.infer<typeof webAppSchema>;
export type DatabaseWorkload = z.infer<typeof databaseSchema>;
export type FileStorageWorkload = z.infer<typeof fileStorageSchema>;
export type RawWorkload = z.infer<typeof rawSchema>;
export type GitlabWorkload = z.infer<typeof gitlabSchema>;
export type MattermostWorkload = z.infer<typeof mattermostSchema>;
export type NextcloudWorkload = z.infer<typeof nextcloudSchema>;
export type DiscourseWorkload = z.infer<typeof discourseSchema>;
export type WordpressWorkload = z.infer<typeof wordpressSchema>;
export type MinecraftWorkload = z.infer<typeof minecraftSchema>;
export type ElasticsearchWorkload = z.infer<typeof elasticsearchSchema>;
export type KubernetesWorkload = z.infer<typeof kubernetesSchema>;
export type BackupWorkload = z.infer<typeof backupSchema>;
export type MailWorkload = z.infer<typeof mailSchema>;
export type VmHostWorkload = z.infer<typeof vmHostSchema>;
export type Workload = z.infer<typeof workloadSchema>;
export type Requirements = z.infer<typeof requirementsSchema>;
export type QuoteInput = z.infer<typeof quoteInputSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type QuoteRequestInput = z.infer<typeof quoteRequestSchema>;
