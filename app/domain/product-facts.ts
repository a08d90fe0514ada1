import type { Addon, AddonKind, LocalizedNames, ServerLine, ServerModel } from "./catalog";
import type { Currency, Minor } from "./money";
import type { Rate, RateCard } from "./price-book";

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
  /** `count` picks the plural form (and is shown formatted for the reader's locale). */
  values?: Record<string, string | number>;
  /** Money values are formatted by the page in the quote's currency. */
  moneyMinor?: Minor;
}

export interface Inclusions {
  included: FactLine[];
  notIncluded: FactLine[];
}

/** One server model of a proposal, as many as the proposal has of it. */
export interface FactServer {
  /** The model's name in the reader's language (a fact true of only some servers names them). */
  name: string;
  line: ServerLine;
  includedTrafficTb: number | null;
  includes: ProductFacts;
  quantity: number;
}

/** An add-on a proposal buys, with its quantity. */
export interface FactAddon {
  kind: AddonKind;
  sizeGb: number | null;
  quantity: number;
}

export interface InclusionOptions {
  /** What a TB of traffic beyond the allowance costs a month (the traffic add-on per TB); null when unknown. */
  trafficOverageMinorPerTb: Minor | null;
  addons: readonly FactAddon[];
  /** The rate card's emergency rate, to price the emergency work that is not included. */
  emergencyRate?: Pick<Rate, "minorPerHour" | "minimumMinutes"> | null;
}

const tbOf = (addons: readonly FactAddon[], kind: AddonKind) =>
  addons.filter((a) => a.kind === kind).reduce((sum, a) => sum + ((a.sizeGb ?? 0) / 1000) * a.quantity, 0);

/** The weakest of `levels` in `order` (weakest first): a proposal promises only what every server has. */
function weakest<T>(order: readonly T[], levels: readonly T[], fallback: T): T {
  const present = new Set(levels);
  return order.find((level) => present.has(level)) ?? fallback;
}

const names = (servers: readonly FactServer[]) => [...new Set(servers.map((s) => s.name))].join(", ");

/**
 * The "Included / Not included" list of one proposal. Every statement holds for every server in it:
 * the traffic allowance is the servers' allowances added up (as the engine adds them before it prices
 * any overage, fit.ts) plus the traffic bought; backups, OS care and support are the weakest any server
 * has; hardware replacement the slowest; what is not included is what any server excludes.
 * Where servers differ (metered and unmetered traffic, cloud and dedicated hardware) the fact names
 * the servers it is about.
 */
export function inclusionsOf(servers: readonly FactServer[], options: InclusionOptions): Inclusions {
  const included: FactLine[] = [];
  const notIncluded: FactLine[] = [];
  const present = servers.filter((s) => s.quantity > 0);
  if (present.length === 0) return { included, notIncluded };
  const facts = present.map((s) => s.includes);

  const metered = present.filter((s) => s.includedTrafficTb !== null);
  const unmetered = present.filter((s) => s.includedTrafficTb === null);
  const trafficTb =
    metered.reduce((sum, s) => sum + (s.includedTrafficTb ?? 0) * s.quantity, 0) + tbOf(options.addons, "traffic");
  if (metered.length === 0) included.push({ key: "trafficUnmetered" });
  else {
    included.push(
      unmetered.length === 0
        ? { key: "traffic", values: { count: trafficTb } }
        : { key: "trafficMixed", values: { count: trafficTb, metered: names(metered), unmetered: names(unmetered) } },
    );
    notIncluded.push(
      options.trafficOverageMinorPerTb === null
        ? { key: "trafficOverageUnpriced" }
        : { key: "trafficOverage", moneyMinor: options.trafficOverageMinorPerTb },
    );
  }

  const backupTb = tbOf(options.addons, "backup");
  const backup = weakest(
    BACKUP_POLICIES,
    facts.map((f) => f.backup),
    "none",
  );
  if (backup !== "none") included.push({ key: `backup.${backup}` });
  if (backupTb > 0) included.push({ key: "backupSpace", values: { count: backupTb } });
  // Space to back up into is not a backup: say who runs them.
  if (backup === "none") notIncluded.push({ key: backupTb > 0 ? "backup.spaceOnly" : "backup.none" });

  const os = weakest(
    OS_MANAGEMENT,
    facts.map((f) => f.osManagement),
    "none",
  );
  if (os === "none") notIncluded.push({ key: "os.none" });
  else included.push({ key: `os.${os}` });

  const hours = weakest(
    SUPPORT_HOURS,
    facts.map((f) => f.support.hours),
    "business",
  );
  included.push({ key: `support.${hours}`, values: { count: Math.max(...facts.map((f) => f.support.responseHours)) } });

  const physical = present.filter((s) => s.includes.hardwareReplacementHours !== null);
  if (physical.length > 0) {
    const count = Math.max(...physical.map((s) => s.includes.hardwareReplacementHours ?? 0));
    included.push(
      physical.length === present.length
        ? { key: "hardware", values: { count } }
        : { key: "hardwareSome", values: { count, servers: names(physical) } },
    );
  }
  if (physical.length < present.length) included.push({ key: "hardwareCloud" });

  const excluded = new Set(facts.flatMap((f) => f.notIncluded));
  for (const e of EXCLUSIONS) {
    if (!excluded.has(e)) continue;
    const rate = e === "emergency_work" ? options.emergencyRate : null;
    notIncluded.push(
      rate
        ? { key: "exclusion.emergency_workRate", values: { count: rate.minimumMinutes }, moneyMinor: rate.minorPerHour }
        : { key: `exclusion.${e}` },
    );
  }
  return { included, notIncluded };
}

/**
 * The catalog rows behind one quote version: every product its lines name, in whatever status it has
 * now (a stored quote may carry a retired model), and from the version's own price book its currency,
 * rate card and the traffic add-ons it prices (the overage price).
 */
export interface QuotedProducts {
  currency: Currency;
  servers: Record<string, Pick<ServerModel, "sku" | "name" | "names" | "line" | "includedTrafficTb" | "includes">>;
  addons: Record<string, Pick<Addon, "sku" | "name" | "names" | "kind" | "sizeGb">>;
  trafficPrices: { sku: string; sizeGb: number | null; monthlyMinor: Minor; active: boolean }[];
  rateCard: RateCard;
}

/**
 * A TB of overage costs what the traffic add-on costs per TB: the one the proposal already buys, else
 * the first active one the book prices (the engine's choice, fit.ts), else any the book prices.
 */
export function overageMinorPerTb(prices: QuotedProducts["trafficPrices"], bought: readonly string[]): Minor | null {
  const sized = prices.filter((p) => p.sizeGb && p.sizeGb > 0);
  const pick =
    sized.find((p) => bought.includes(p.sku)) ??
    [...sized].sort((a, b) => Number(b.active) - Number(a.active) || a.sku.localeCompare(b.sku))[0];
  return pick ? Math.round((pick.monthlyMinor * 1000) / pick.sizeGb!) : null;
}

/**
 * A proposal's list from its priced lines (what the customer buys, technicians' changes included) and
 * the catalog rows behind them, or null when a server line's product is unknown: a list that left a
 * server out would promise what that server may not give.
 */
export function proposalInclusions(
  lines: readonly { kind: string; sku: string | null; quantity: number }[],
  products: QuotedProducts,
  nameOf: (product: { name: string; names: LocalizedNames }) => string,
): Inclusions | null {
  const servers = new Map<string, FactServer>();
  const addons: FactAddon[] = [];
  for (const line of lines) {
    if (line.kind === "server") {
      const model = line.sku ? products.servers[line.sku] : undefined;
      if (!model) return null;
      const known = servers.get(model.sku);
      if (known) known.quantity += line.quantity;
      else
        servers.set(model.sku, {
          name: nameOf(model),
          line: model.line,
          includedTrafficTb: model.includedTrafficTb,
          includes: model.includes,
          quantity: line.quantity,
        });
    } else if (line.sku && products.addons[line.sku]) {
      const addon = products.addons[line.sku]!;
      addons.push({ kind: addon.kind, sizeGb: addon.sizeGb, quantity: line.quantity });
    }
  }
  const bought = lines.flatMap((l) => (l.kind === "traffic" && l.sku ? [l.sku] : []));
  return inclusionsOf([...servers.values()], {
    trafficOverageMinorPerTb: overageMinorPerTb(products.trafficPrices, bought),
    addons,
    emergencyRate: products.rateCard.find((r) => r.kind === "emergency") ?? null,
  });
}
