import type { Addon, ServerLine, ServerModel } from "./catalog";
import type { Minor } from "./money";

/**
 * What a product includes, as structured facts a customer can read per proposal ("Included / Not
 * included"). Facts are data in the catalog (staff edit them on /staff/catalog); their wording lives in
 * the locales (`facts.*`), so every fact reads in the customer's language. Defaults per server line
 * follow shared/reference/operations-rules.md §5 and the providers it cites (section D).
 */
export type BackupPolicy = "none" | "daily_7" | "daily_14" | "daily_30";
export type OsManagement = "none" | "patched" | "managed";
export type SupportHours = "business" | "extended" | "always";

/** Work and costs a customer might assume are in the price (operations-rules.md §5 checklist). */
export const EXCLUSIONS = [
  "control_panel_licence",
  "os_licence",
  "database_licence",
  "migration_labour",
  "restore_labour",
  "emergency_work",
  "datacenter_visits",
  "maintenance_downtime",
  "dns_email_migration",
] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

export interface ProductFacts {
  backup: BackupPolicy;
  osManagement: OsManagement;
  support: { hours: SupportHours; responseHours: number };
  /** Hours to replace failed hardware; null where the platform moves the server itself (cloud). */
  hardwareReplacementHours: number | null;
  /** What is not in the price, in the checklist's order. */
  notIncluded: Exclusion[];
}

export const BACKUP_POLICIES: readonly BackupPolicy[] = ["none", "daily_7", "daily_14", "daily_30"];
export const OS_MANAGEMENT: readonly OsManagement[] = ["none", "patched", "managed"];
export const SUPPORT_HOURS: readonly SupportHours[] = ["business", "extended", "always"];

/**
 * Defaults for a new model of a line. Cloud servers: the platform restarts them on healthy hardware
 * (no replacement time), snapshots are extra; dedicated lines: a disk or PSU swap within 4 hours
 * (Hetzner's free hardware replacement is "usually within" a few hours), emergency work billed by the
 * rate card. None of them manage the OS unless the model says so.
 */
export function defaultFacts(line: ServerLine): ProductFacts {
  const common: Exclusion[] = [
    "control_panel_licence",
    "os_licence",
    "database_licence",
    "migration_labour",
    "restore_labour",
    "emergency_work",
  ];
  if (line === "cloud")
    return {
      backup: "none",
      osManagement: "none",
      support: { hours: "business", responseHours: 4 },
      hardwareReplacementHours: null,
      notIncluded: [...common, "maintenance_downtime", "dns_email_migration"],
    };
  return {
    backup: "none",
    osManagement: "none",
    support: { hours: "business", responseHours: 4 },
    hardwareReplacementHours: 4,
    notIncluded: [...common, "datacenter_visits", "maintenance_downtime", "dns_email_migration"],
  };
}

/** One fact as the page renders it: a locale key under `facts.` and its values. */
export interface FactLine {
  key: string;
  values?: Record<string, string | number>;
  /** Money values are formatted by the page in the quote's currency. */
  moneyMinor?: Minor;
}

export interface Inclusions {
  included: FactLine[];
  notIncluded: FactLine[];
}

/**
 * The "Included / Not included" list of one proposal: the union of what its servers include
 * (traffic, backups, OS care, support, hardware replacement) and of what they exclude. Where the
 * proposal buys a backup or traffic add-on, that is included (with the add-on's size); a fact true of
 * only some servers is stated for those ("on the dedicated servers").
 */
export function inclusionsOf(
  servers: readonly Pick<ServerModel, "includedTrafficTb" | "line">[],
  facts: readonly ProductFacts[],
  options: {
    /** The traffic add-on's monthly price per TB in the book: the overage price. */
    trafficOverageMinorPerTb: Minor | null;
    /** Add-ons the proposal buys, with their quantities. */
    addons: readonly { addon: Pick<Addon, "kind" | "sizeGb">; quantity: number }[];
  },
): Inclusions {
  const included: FactLine[] = [];
  const notIncluded: FactLine[] = [];
  if (servers.length === 0) return { included, notIncluded };

  const metered = servers.filter((s) => s.includedTrafficTb !== null);
  const trafficTb = metered.reduce((sum, s) => sum + (s.includedTrafficTb ?? 0), 0);
  const extraTrafficTb = options.addons
    .filter((a) => a.addon.kind === "traffic")
    .reduce((sum, a) => sum + ((a.addon.sizeGb ?? 0) / 1000) * a.quantity, 0);
  if (metered.length === servers.length) {
    included.push({ key: "traffic", values: { count: trafficTb + extraTrafficTb } });
    if (options.trafficOverageMinorPerTb !== null)
      notIncluded.push({ key: "trafficOverage", moneyMinor: options.trafficOverageMinorPerTb });
  } else if (metered.length === 0) included.push({ key: "trafficUnmetered" });
  else {
    included.push({ key: "trafficMixed", values: { count: trafficTb + extraTrafficTb } });
    if (options.trafficOverageMinorPerTb !== null)
      notIncluded.push({ key: "trafficOverage", moneyMinor: options.trafficOverageMinorPerTb });
  }

  const backupTb = options.addons
    .filter((a) => a.addon.kind === "backup")
    .reduce((sum, a) => sum + ((a.addon.sizeGb ?? 0) / 1000) * a.quantity, 0);
  const policies = new Set(facts.map((f) => f.backup));
  const weakestBackup = BACKUP_POLICIES.find((p) => policies.has(p)) ?? "none";
  if (backupTb > 0) included.push({ key: "backupSpace", values: { count: backupTb } });
  if (weakestBackup !== "none") included.push({ key: `backup.${weakestBackup}` });
  else if (backupTb === 0) notIncluded.push({ key: "backup.none" });

  const osLevels = new Set(facts.map((f) => f.osManagement));
  const weakestOs = OS_MANAGEMENT.find((o) => osLevels.has(o)) ?? "none";
  if (weakestOs === "none") notIncluded.push({ key: "os.none" });
  else included.push({ key: `os.${weakestOs}` });

  const hours = new Set(facts.map((f) => f.support.hours));
  const weakestHours = SUPPORT_HOURS.find((h) => hours.has(h)) ?? "business";
  const slowest = Math.max(...facts.map((f) => f.support.responseHours));
  included.push({ key: `support.${weakestHours}`, values: { count: slowest } });

  const replacement = facts.map((f) => f.hardwareReplacementHours).filter((h): h is number => h !== null);
  if (replacement.length > 0) included.push({ key: "hardware", values: { count: Math.max(...replacement) } });
  if (replacement.length < facts.length) included.push({ key: "hardwareCloud" });

  const excluded = new Set(facts.flatMap((f) => f.notIncluded));
  for (const e of EXCLUSIONS) if (excluded.has(e)) notIncluded.push({ key: `exclusion.${e}` });
  return { included, notIncluded };
}
