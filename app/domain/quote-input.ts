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
export const WORKLOAD_KINDS = ["web_app", "database", "file_storage", "raw"] as const;

export type Availability = (typeof AVAILABILITY_TIERS)[number];
export type TermMonths = (typeof TERM_MONTHS)[number];
export type Region = (typeof REGIONS)[number];
export type StorageClass = (typeof STORAGE_CLASSES)[number];
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

const name = z.string().trim().max(80).optional();
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const num = (min: number, max: number) => z.number().min(min).max(max);

export const webAppSchema = z.object({
  kind: z.literal("web_app"),
  name,
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
  engine: z.enum(DATABASE_ENGINES).optional(),
  dataGb: num(0.1, 200_000),
  peakQueriesPerSecond: num(0, 1_000_000).optional(),
  writePercent: num(0, 100).optional(),
  hotDataPercent: num(1, 100).optional(),
});

export const fileStorageSchema = z.object({
  kind: z.literal("file_storage"),
  name,
  dataGb: num(1, 10_000_000),
  access: z.enum(["active", "archive"]).optional(),
  monthlyDownloadGb: num(0, 10_000_000).optional(),
});

export const rawSchema = z.object({
  kind: z.literal("raw"),
  name,
  vcpu: int(1, 1024),
  ramGb: num(0.5, 8192),
  storageGb: num(0, 10_000_000).optional(),
  storageClass: z.enum(STORAGE_CLASSES).optional(),
  trafficTbPerMonth: num(0, 100_000).optional(),
});

export const workloadSchema = z.discriminatedUnion("kind", [
  webAppSchema,
  databaseSchema,
  fileStorageSchema,
  rawSchema,
]);

export const requirementsSchema = z.object({
  availability: z.enum(AVAILABILITY_TIERS),
  termMonths: z.union([z.literal(1), z.literal(12), z.literal(24), z.literal(36)]),
  region: z.enum(REGIONS),
  backupRetentionDays: int(0, 3650).optional(),
  growthPercentPerYear: num(0, 300).optional(),
  specialRequirements: z.string().trim().max(4000).optional(),
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
export type Workload = z.infer<typeof workloadSchema>;
export type Requirements = z.infer<typeof requirementsSchema>;
export type QuoteInput = z.infer<typeof quoteInputSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type QuoteRequestInput = z.infer<typeof quoteRequestSchema>;
