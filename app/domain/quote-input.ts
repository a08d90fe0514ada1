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

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Who changes the DNS records today: the old host, the registrar, a DNS service (Cloudflare, Route 53 …), us. */
export const DNS_MANAGERS = ["old_provider", "registrar", "dns_service", "us", "unknown"] as const;
export type DnsManager = (typeof DNS_MANAGERS)[number];

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
const zones = new Map<string, string | null>();
/**
 * The canonical IANA name of a time zone ("europe/madrid" → "Europe/Madrid", "US/Eastern" →
 * "America/New_York"), or null when the runtime does not know it. Intl, not luxon: this schema runs
 * in the wizard's bundle. Offsets ("+01:00") are not zones: they ignore daylight saving time.
 */
export function canonicalTimeZone(name: string): string | null {
  let known = zones.get(name);
  if (known !== undefined) return known;
  try {
    known = ZONE_NAME.test(name)
      ? new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone
      : null;
  } catch {
    known = null;
  }
  if (zones.size < 1000) zones.set(name, known);
  return known;
}

/** "YYYY-MM-DD" naming a real day (not 2026-02-30). A plain check: zod's ISO formats weigh more in the wizard. */
function isCalendarDate(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

/** "HH:MM" on a 24-hour clock, 00:00-23:59 ("24:00" and "25:00" are not times). */
export const clockTime = () =>
  z.string().check(z.refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { params: { migration: "clock_time" } }));

/**
 * A cutover window on the customer's wall clock: it starts on each of `days` at `start` and ends at
 * `end`, on the next day when `end` is earlier than `start` (it crosses midnight). A window that ends
 * when it starts is empty, or a whole day: neither is a window.
 */
export const cutoverWindowSchema = z
  .strictObject({
    days: z.array(z.enum(WEEKDAYS)).check(z.minLength(1), z.maxLength(7)),
    start: clockTime(),
    end: clockTime(),
  })
  .check(z.refine((w) => w.start !== w.end, { path: ["end"], params: { migration: "empty_window" } }));

export const migrationDatabaseSchema = z.strictObject({
  engine: z.enum(DATABASE_ENGINES),
  /** As the server reports it: "16", "8.0.36", "10.11.6-MariaDB". */
  version: z.optional(
    z.string().check(z.trim(), z.regex(/^\d{1,3}(?:\.\d{1,5}){0,3}(?:[-+~][0-9A-Za-z.+~-]{0,40})?$/)),
  ),
  dataGb: num(0, 200_000),
});

/**
 * Moving from an existing server (issue 16). Only `fromExistingServer` is required, so the first
 * form of this object (`{ fromExistingServer, maxDowntimeMinutes }`) stays valid; the planner
 * states every default it assumes (data volume, uplink, time zone, windows).
 */
export const migrationSchema = z.strictObject({
  fromExistingServer: z.boolean(),
  /** Everything to move, databases included, in GB. */
  dataGb: z.optional(num(0, 10_000_000)),
  /** Many small files (mail spools, uploads, source trees) rather than few large ones. */
  smallFiles: z.optional(z.boolean()),
  /** The old server's uplink; absent when the customer does not know it. */
  sourceUplinkMbps: z.optional(num(1, 400_000)),
  databases: z.optional(z.array(migrationDatabaseSchema).check(z.maxLength(25))),
  maxDowntimeMinutes: z.optional(int(0, 100_000)),
  /** IANA name, e.g. "Europe/Madrid"; stored in its canonical spelling. */
  timeZone: z.optional(
    z.string().check(
      z.trim(),
      z.maxLength(64),
      z.overwrite((name) => canonicalTimeZone(name) ?? name),
      z.refine((name) => canonicalTimeZone(name) !== null, { params: { migration: "time_zone" } }),
    ),
  ),
  preferredWindows: z.optional(z.array(cutoverWindowSchema).check(z.minLength(1), z.maxLength(14))),
  /** The current TTL of the records that move; at most a week. */
  dnsTtlSeconds: z.optional(int(0, 604_800)),
  /** Where the DNS records are managed: who lowers the TTL and switches them. */
  dnsManagedBy: z.optional(z.enum(DNS_MANAGERS)),
  /** When the old provider's contract ends ("YYYY-MM-DD"). */
  oldContractEnds: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/), z.refine(isCalendarDate))),
});

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
  migration: z.optional(migrationSchema),
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
export type MigrationInput = z.infer<typeof migrationSchema>;
export type CutoverWindow = z.infer<typeof cutoverWindowSchema>;
export type MigrationDatabase = z.infer<typeof migrationDatabaseSchema>;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];
export type QuoteInput = z.infer<typeof quoteInputSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type QuoteRequestInput = z.infer<typeof quoteRequestSchema>;
