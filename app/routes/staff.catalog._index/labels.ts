import type { AddonKind, ProductStatus, RaidLevel, ServerLine } from "~/domain/catalog";
import type { Currency } from "~/domain/money";
import type { BackupPolicy, Exclusion, OsManagement, SupportHours } from "~/domain/product-facts";
import type { Region, StorageClass } from "~/domain/quote-input";
import { formatMoney } from "~/utils/format";

/**
 * Words for the catalog's codes on the three catalog pages (staff pages are English). Each record
 * lists every code in the order the forms offer them; the pages never show a code itself.
 */
/** In the catalog's order: from the smallest cloud server to GPU servers. */
export const LINE_LABELS: Record<ServerLine, string> = {
  cloud: "Cloud server",
  dedicated: "Dedicated server",
  high_memory: "High-memory dedicated",
  storage: "Storage server",
  gpu: "GPU server",
};

/** A line's servers as the list's group heading names them. */
export const LINE_GROUP_LABELS: Record<ServerLine, string> = {
  cloud: "Cloud servers",
  dedicated: "Dedicated servers",
  high_memory: "High-memory dedicated servers",
  storage: "Storage servers",
  gpu: "GPU servers",
};

export const STATUS_LABELS: Record<ProductStatus, string> = {
  draft: "Draft",
  active: "Active",
  retired: "Retired",
};

/** What each status means for sales, beside the status on a product's page. */
export const STATUS_MEANINGS: Record<ProductStatus, string> = {
  draft: "not sold yet: the engine and technicians do not offer it",
  active: "on sale: offered wherever a price book in effect prices it",
  retired: "no longer sold: stored quotes keep it, a refresh needs a technician to replace it",
};

export const REGION_LABELS: Record<Region, string> = { eu: "EU", us: "US" };

/** Regions as a sentence names them: "EU", "EU and US". */
export const regionNames = (regions: readonly Region[]) => regions.map((r) => REGION_LABELS[r]).join(" and ");

/** A price cell's words for a market a server model is not sold in: "not sold in the US". */
export const notSoldIn = (market: readonly Region[]) =>
  `not sold in the ${market.map((r) => REGION_LABELS[r]).join(" or ")}`;

export const RAID_LABELS: Record<RaidLevel, string> = {
  none: "No RAID",
  raid0: "RAID 0 (striped)",
  raid1: "RAID 1 (mirrored)",
  raid5: "RAID 5",
  raid6: "RAID 6",
  raid10: "RAID 10",
};

export const STORAGE_LABELS: Record<StorageClass, string> = { nvme: "NVMe SSD", ssd: "SATA SSD", hdd: "HDD" };

export const KIND_LABELS: Record<AddonKind, string> = {
  ram: "RAM upgrade",
  disk: "Extra disk",
  volume: "Block volume",
  backup: "Backup space",
  traffic: "Traffic pack",
  ipv4: "IPv4 address",
  load_balancer: "Load balancer",
};

export const BACKUP_LABELS: Record<BackupPolicy, string> = {
  none: "No backups",
  daily_7: "Daily, kept 7 days",
  daily_14: "Daily, kept 14 days",
  daily_30: "Daily, kept 30 days",
};

export const OS_LABELS: Record<OsManagement, string> = {
  none: "Not managed",
  patched: "Security updates",
  managed: "Fully managed",
};

export const SUPPORT_LABELS: Record<SupportHours, string> = {
  business: "Business hours",
  extended: "Extended hours",
  always: "Around the clock",
};

export const EXCLUSION_LABELS: Record<Exclusion, string> = {
  control_panel_licence: "Control-panel licences (cPanel, Plesk)",
  os_licence: "Operating-system licences (Windows)",
  database_licence: "Database licences (SQL Server)",
  migration_labour: "Migration work",
  restore_labour: "Restoring from a backup",
  emergency_work: "Emergency and out-of-hours work",
  datacenter_visits: "Data-centre visits and hardware changes on request",
  maintenance_downtime: "Availability during announced maintenance",
  dns_email_migration: "DNS changes and e-mail migration",
};

/** The keys of a label record, in its order, typed. */
export const keysOf = <K extends string>(labels: Record<K, string>) => Object.keys(labels) as K[];

/** A size in GB as staff read it: "512 GB", "1.92 TB", "22 TB". */
export function formatGb(gb: number): string {
  if (gb < 1000) return `${gb.toLocaleString("en")} GB`;
  return `${(gb / 1000).toLocaleString("en", { maximumFractionDigits: 2 })} TB`;
}

/** One disk set: "2 × 512 GB NVMe SSD, RAID 1 (mirrored)"; a set without RAID says nothing of it. */
export function formatDiskSet(set: { count: number; sizeGb: number; class: StorageClass; raid: RaidLevel }) {
  const disks = `${set.count} × ${formatGb(set.sizeGb)} ${STORAGE_LABELS[set.class]}`;
  return set.raid === "none" ? disks : `${disks}, ${RAID_LABELS[set.raid]}`;
}

export const moneyIn = (currency: Currency) => (minor: number) => formatMoney(minor, currency, "en");
