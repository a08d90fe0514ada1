import { z } from "zod";

/**
 * The one schema for what a customer tells us. Shared by the wizard (react-hook-form +
 * zodResolver in the browser), the wizard's action and the JSON API, which all re-parse it.
 * Optional numbers stay optional here: the engine fills documented defaults and says so in
 * its explanation, which a customer can read ("we assumed 3 pages per visit").
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

const name = z.string().trim().max(80).optional();
/** Inputs the customer measured (analytics, monitoring); the rest are estimates and get a margin. */
const measured = z.array(z.string().max(40)).max(20).optional();
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const num = (min: number, max: number) => z.number().min(min).max(max);

export const webAppSchema = z.object({
  kind: z.literal("web_app"),
  name,
  measured,
  visitsPerDay: int(1, 50_000_000),
  pagesPerVisit: num(1, 100).optional(),
  pageWeightKb: num(1, 50_000).optional(),
  dynamicPages: z.boolean().optional(),
  cacheOffloadPercent: num(0, 95).optional(),
  storageGb: num(0, 100_000).optional(),
});

export const databaseSchema = z.object({
  kind: z.literal("database"),
  name,
  measured,
  engine: z.enum(DATABASE_ENGINES).optional(),
  dataGb: num(0.1, 200_000),
  peakQueriesPerSecond: num(0, 1_000_000).optional(),
  writePercent: num(0, 100).optional(),
  hotDataPercent: num(1, 100).optional(),
});

export const fileStorageSchema = z.object({
  kind: z.literal("file_storage"),
  name,
  measured,
  dataGb: num(1, 10_000_000),
  access: z.enum(["active", "archive"]).optional(),
  monthlyDownloadGb: num(0, 10_000_000).optional(),
});

export const rawSchema = z.object({
  kind: z.literal("raw"),
  name,
  measured,
  vcpu: int(1, 1024),
  ramGb: num(0.5, 8192),
  storageGb: num(0, 10_000_000).optional(),
  storageClass: z.enum(STORAGE_CLASSES).optional(),
  trafficTbPerMonth: num(0, 100_000).optional(),
  gpu: int(0, 16).optional(),
});

// Application profiles: the customer names the application, the engine knows its vendor's sizing.
export const gitlabSchema = z.object({ kind: z.literal("gitlab"), name, measured, users: int(1, 100_000) });
export const mattermostSchema = z.object({ kind: z.literal("mattermost"), name, measured, concurrentUsers: int(1, 200_000) });
export const nextcloudSchema = z.object({ kind: z.literal("nextcloud"), name, measured, users: int(1, 100_000), officeSuite: z.boolean().optional(), storageGbPerUser: num(0, 10_000).optional() });
export const discourseSchema = z.object({ kind: z.literal("discourse"), name, measured, monthlyPageViews: int(0, 1_000_000_000).optional(), users: int(0, 10_000_000).optional() });
export const wordpressSchema = z.object({ kind: z.literal("wordpress"), name, measured, visitsPerDay: int(1, 10_000_000), woocommerce: z.boolean().optional(), products: int(0, 10_000_000).optional() });
export const minecraftSchema = z.object({ kind: z.literal("minecraft"), name, measured, players: int(1, 2000), server: z.enum(["vanilla", "paper", "modded"]) });
export const elasticsearchSchema = z.object({ kind: z.literal("elasticsearch"), name, measured, dataGb: num(0.1, 500_000), retentionDays: int(1, 3650).optional(), replicas: int(0, 3).optional() });
export const kubernetesSchema = z.object({ kind: z.literal("kubernetes"), name, measured, workerNodes: int(1, 5000) });
export const backupSchema = z.object({
  kind: z.literal("backup"),
  name,
  measured,
  protectedTb: num(0.01, 10_000),
  retentionDays: int(1, 3650),
  dailyChangePercent: num(0, 100).optional(),
  model: z.enum(["full_incremental", "forever_incremental"]),
});
export const mailSchema = z.object({ kind: z.literal("mail"), name, measured, mailboxes: int(1, 1_000_000), quotaGbPerMailbox: num(0.1, 1000).optional() });
export const vmHostSchema = z.object({
  kind: z.literal("vm_host"),
  name,
  measured,
  vms: z
    .array(z.object({ vcpu: int(1, 256), ramGb: num(0.5, 4096), storageGb: num(0, 100_000) }))
    .min(1)
    .max(500),
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

export const requirementsSchema = z.object({
  availability: z.enum(AVAILABILITY_TIERS),
  termMonths: z.union([z.literal(1), z.literal(12), z.literal(24), z.literal(36)]),
  region: z.enum(REGIONS),
  backupRetentionDays: int(0, 3650).optional(),
  growthPercentPerYear: num(0, 300).optional(),
  specialRequirements: z.string().trim().max(4000).optional(),
  compliance: z.array(z.enum(COMPLIANCE_FLAGS)).max(3).optional(),
  /** Country the data must stay in (ISO 3166-1 alpha-2), with the data_residency flag. */
  dataResidencyCountry: z.string().trim().regex(/^[A-Za-z]{2}$/).optional(),
  networking: z
    .object({
      ownIpRanges: z.boolean().optional(),
      bgp: z.boolean().optional(),
      uplinkGbit: num(0, 400).optional(),
    })
    .optional(),
  /** What the customer wants to spend per month, in cents. */
  monthlyBudgetMinor: int(0, 100_000_000_00).optional(),
  migration: z
    .object({
      fromExistingServer: z.boolean(),
      maxDowntimeMinutes: int(0, 100_000).optional(),
    })
    .optional(),
});

export const quoteInputSchema = z.object({
  currency: z.literal("EUR").optional(),
  requirements: requirementsSchema,
  workloads: z.array(workloadSchema).min(1).max(25),
});

export const contactSchema = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.email().max(254),
  company: z.string().trim().max(160).optional(),
});

/** What the wizard submits: the engine input plus who to send the proposal to. */
export const quoteRequestSchema = quoteInputSchema.extend({
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
