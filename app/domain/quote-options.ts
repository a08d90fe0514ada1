/**
 * The choices a customer has in the wizard, without the schema. app/domain/quote-input.ts holds the
 * same lists next to the zod schema; the wizard's first download imports them from here, so that
 * zod and the schema load only when something is validated (app/routes/quote.new/validation.ts).
 * tests/unit/wizard-options.test.ts keeps both in step. (quote-input.ts could import these lists
 * from here instead of repeating them.)
 */
import type { Workload } from "./quote-input";

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
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const DNS_MANAGERS = ["old_provider", "registrar", "dns_service", "us", "unknown"] as const;

/** The requirements step 2 validates: every key of requirementsSchema but the move (step 3). */
export const REQUIREMENT_KEYS = [
  "availability",
  "termMonths",
  "region",
  "backupRetentionDays",
  "growthPercentPerYear",
  "specialRequirements",
  "compliance",
  "dataResidencyCountry",
  "networking",
  "monthlyBudgetMinor",
] as const;

/** The load inputs a customer may vouch for ("measured"), as app/domain/demand.ts LOAD_INPUTS. */
export const LOAD_INPUTS: Record<Workload["kind"], string[]> = {
  web_app: ["visitsPerDay", "pagesPerVisit", "pageWeightKb"],
  database: ["dataGb", "peakQueriesPerSecond"],
  file_storage: ["dataGb"],
  raw: [],
  gitlab: ["users"],
  mattermost: ["concurrentUsers"],
  nextcloud: ["users"],
  discourse: ["monthlyPageViews", "users"],
  wordpress: ["visitsPerDay", "products"],
  minecraft: ["players"],
  elasticsearch: ["dataGb"],
  kubernetes: [],
  backup: ["protectedTb", "dailyChangePercent"],
  mail: ["mailboxes"],
  vm_host: [],
};
