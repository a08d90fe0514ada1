import { type Catalog, type Price, type ServerModel, priceOf } from "./catalog";
import type { BackupDemand } from "./demand";
import type { AvailabilityPlan, Placement, Role } from "./fit";
import type { MigrationPlan } from "./migration-plan";
import { DEFAULT_RATE_CARD, type Rate, type RateCard, type RateKind, billableMinor } from "./price-book";
import { type Currency, type Minor, basisPointsOf, multiplyMinor, sumMinor, addMinor } from "./money";
import type { TermMonths } from "./quote-input";
import { round2 } from "./resources";
import { SOURCES } from "./rules";
import type { RuleTrace } from "./trace";

export type LineKind =
  "server" | "ram" | "storage" | "load_balancer" | "ipv4" | "backup" | "traffic" | "migration" | "discount";

export interface ProposalLine {
  kind: LineKind;
  sku: string | null;
  /** Catalog name of the product (product names are not translated). */
  name: string;
  quantity: number;
  unitMonthlyMinor: Minor;
  unitSetupMinor: Minor;
  monthlyMinor: Minor;
  setupMinor: Minor;
  /** Why this line is here, as rule traces rendered for the reader. */
  why: RuleTrace[];
}

export interface Totals {
  currency: Currency;
  setupMinor: Minor;
  monthlyMinor: Minor;
  termMonths: TermMonths;
  termTotalMinor: Minor;
}

const roundUp = (n: number, step = 1) => Math.ceil(n / step - 1e-9) * step;
/** What a line is before it has a price: the product, how many, and why. */
export interface LineItem<K extends string = string> {
  kind: K;
  sku: string | null;
  name: string;
  quantity: number;
  why: RuleTrace[];
}

/**
 * The one way a line gets its price: unit prices from the price book, amounts = unit × quantity
 * in whole minor units. The engine, a technician's adjustment and a refresh all price through it.
 */
export function priceLine<K extends string>(item: LineItem<K>, unit: Price): Omit<ProposalLine, "kind"> & { kind: K } {
  return {
    kind: item.kind,
    sku: item.sku,
    name: item.name,
    quantity: item.quantity,
    unitMonthlyMinor: unit.monthlyMinor,
    unitSetupMinor: unit.setupMinor,
    monthlyMinor: multiplyMinor(unit.monthlyMinor, item.quantity),
    setupMinor: multiplyMinor(unit.setupMinor, item.quantity),
    why: item.why,
  };
}

function line(
  catalog: Catalog,
  kind: LineKind,
  sku: string,
  name: string,
  quantity: number,
  why: RuleTrace[],
): ProposalLine {
  return priceLine({ kind, sku, name, quantity, why }, priceOf(catalog, sku));
}

function serverWhy(p: Placement, model: ServerModel, plan: AvailabilityPlan): RuleTrace[] {
  const need = p.perServer;
  return [
    {
      ruleId: "fit.server_choice",
      inputs: { model: model.sku, count: p.count, usable: p.usable },
      params: {
        name: model.name,
        count: p.count,
        roles: p.roles.join(","),
        vcpu: roundUp(need.vcpu, 0.1),
        ramGb: roundUp(need.ramGb, 0.1),
        storageGb: roundUp(need.nvmeGb + need.ssdGb + need.hddGb),
        modelVcpu: model.vcpu,
        modelRamGb: model.ramGb,
      },
    },
    ...(p.count > p.usable
      ? [
          {
            ruleId: `fit.spare_${plan.tier}`,
            inputs: { count: p.count, usable: p.usable },
            params: { count: p.count, usable: p.usable, spare: p.count - p.usable },
          },
        ]
      : []),
    ...(plan.nonSplitReplicas > 1 && p.roles.some((r) => r === "database" || r.startsWith("custom"))
      ? [
          {
            ruleId: "fit.replicas",
            inputs: { replicas: plan.nonSplitReplicas },
            params: { replicas: plan.nonSplitReplicas },
          },
        ]
      : []),
  ];
}

export interface PricingInput {
  catalog: Catalog;
  plan: AvailabilityPlan;
  roles: readonly Role[];
  placements: readonly Placement[];
  backup: BackupDemand;
  termMonths: TermMonths;
  /** One-off lines of the move from the customer's old server (`migrationLines`), the same in every proposal. */
  migration?: readonly ProposalLine[];
}

/** Every line of a proposal, priced from the price book. */
export function priceProposal(input: PricingInput): { lines: ProposalLine[]; totals: Totals } {
  const { catalog, plan, placements, backup, termMonths, roles, migration } = input;
  const lines: ProposalLine[] = [];
  const byKind = (kind: string) => catalog.addons.find((a) => a.kind === kind);

  for (const p of placements) {
    const model = p.config.model;
    lines.push(line(catalog, "server", model.sku, model.name, p.count, serverWhy(p, model, plan)));
    const ram = p.config.ramAddon;
    if (ram) {
      lines.push(
        line(catalog, "ram", ram.addon.sku, ram.addon.name, ram.units * p.count, [
          {
            ruleId: "fit.ram_upgrade",
            inputs: { needGb: p.perServer.ramGb, baseGb: model.ramGb },
            params: {
              name: model.name,
              needGb: roundUp(p.perServer.ramGb, 0.1),
              baseGb: model.ramGb,
              addGb: ram.usableGb,
              totalGb: model.ramGb + ram.usableGb,
            },
          },
        ]),
      );
    }
    for (const s of p.config.storageAddons) {
      lines.push(
        line(catalog, "storage", s.addon.sku, s.addon.name, s.units * p.count, [
          {
            ruleId: s.addon.kind === "disk" ? "fit.disk_addon" : "fit.volume_addon",
            inputs: { needGb: p.perServer.nvmeGb + p.perServer.ssdGb + p.perServer.hddGb },
            params: {
              name: model.name,
              needGb: roundUp(p.perServer.nvmeGb + p.perServer.ssdGb + p.perServer.hddGb),
              addGb: s.usableGb,
              units: s.units,
              storageClass: s.addon.storageClass ?? "",
            },
          },
        ]),
      );
    }
  }

  const splitServers = placements
    .filter((p) => p.roles.some((id) => roles.find((r) => r.id === id)?.splittable))
    .reduce((s, p) => s + p.count, 0);
  const lb = byKind("load_balancer");
  if (plan.loadBalancers > 0 && splitServers >= 2 && lb) {
    lines.push(
      line(catalog, "load_balancer", lb.sku, lb.name, plan.loadBalancers, [
        {
          ruleId: `fit.load_balancer`,
          inputs: { servers: splitServers },
          params: { servers: splitServers, count: plan.loadBalancers },
        },
      ]),
    );
  }
  const ipv4 = byKind("ipv4");
  const replicated = roles.filter((r) => !r.splittable).length;
  if (plan.failoverIps && replicated > 0 && ipv4) {
    lines.push(
      line(catalog, "ipv4", ipv4.sku, ipv4.name, replicated, [
        { ruleId: "fit.failover_ip", inputs: { roles: replicated }, params: { count: replicated } },
      ]),
    );
  }

  const backupAddon = byKind("backup");
  if (backup.backupGb > 0 && backupAddon?.sizeGb) {
    const units = Math.ceil(backup.backupGb / backupAddon.sizeGb - 1e-9);
    lines.push(
      line(catalog, "backup", backupAddon.sku, backupAddon.name, units, [
        ...backup.rules,
        {
          ruleId: "fit.backup_units",
          inputs: { backupGb: backup.backupGb },
          params: { units, unitGb: backupAddon.sizeGb, backupGb: round2(backup.backupGb) },
        },
      ]),
    );
  }

  const trafficAddon = byKind("traffic");
  const overageTb = placements.reduce((sum, p) => sum + p.overageTb, 0);
  if (overageTb > 0 && trafficAddon?.sizeGb) {
    const trafficTb = placements.reduce((sum, p) => sum + p.trafficTb, 0);
    const includedTb = placements.reduce((sum, p) => sum + (p.config.model.includedTrafficTb ?? 0) * p.count, 0);
    const units = Math.ceil((overageTb * 1000) / trafficAddon.sizeGb);
    lines.push(
      line(catalog, "traffic", trafficAddon.sku, trafficAddon.name, units, [
        {
          ruleId: "fit.traffic_overage",
          inputs: { trafficTb, includedTb },
          params: { trafficTb: round2(trafficTb), includedTb, extraTb: overageTb },
        },
      ]),
    );
  }

  if (migration) lines.push(...migration);

  const bps = catalog.priceBook.termDiscountBps[termMonths] ?? 0;
  const recurring = sumMinor(lines.map((l) => l.monthlyMinor));
  const discount = basisPointsOf(recurring, bps);
  if (discount > 0) {
    lines.push({
      kind: "discount",
      sku: null,
      name: `term-${termMonths}`,
      quantity: 1,
      unitMonthlyMinor: -discount,
      unitSetupMinor: 0,
      monthlyMinor: -discount,
      setupMinor: 0,
      why: [
        {
          ruleId: "price.term_discount",
          inputs: { termMonths, bps },
          params: { months: termMonths, percent: bps / 100 },
        },
      ],
    });
  }
  return { lines, totals: totalsOf(lines, termMonths, catalog.priceBook.currency) };
}

/** A kind of technician work from the book's rate card: business hours stand in for a missing kind, the seed card for a missing card. */
function rateOf(card: RateCard, kind: RateKind): Rate {
  return (
    card.find((r) => r.kind === kind) ??
    card.find((r) => r.kind === "business_hours") ??
    DEFAULT_RATE_CARD.find((r) => r.kind === kind)!
  );
}

/**
 * The move from the customer's old server as one-off lines (`kind: "migration"`, no SKU: priced from
 * the rate card, not a product): technician preparation at the business-hours rate, the switch
 * window at the off-hours rate, the final archive of the old data on our backup storage for a month,
 * and the overlap with the old server. The overlap is shown at zero: the new servers' first month is
 * already in the monthly price and the old server is billed by its own provider, not by us; the
 * line tells the customer to budget for it. Priced once per estimate and added to every proposal.
 * Line names are keys the customer's pages word in their language (`quote.migrationLines`).
 */
export function migrationLines(plan: MigrationPlan, catalog: Catalog): ProposalLine[] {
  const card = catalog.priceBook.rateCard;
  const labour = plan.labour;
  const oneOff = (name: string, quantity: number, unitSetupMinor: number, why: RuleTrace[]): ProposalLine =>
    priceLine({ kind: "migration", sku: null, name, quantity, why }, { monthlyMinor: 0, setupMinor: unitSetupMinor });
  const business = rateOf(card, "business_hours");
  const offHours = rateOf(card, "off_hours");
  // The hours a line states are the hours it bills: whole units of the rate's smallest step.
  const billedHours = (rate: Rate, minutes: number) =>
    round2((Math.ceil(minutes / rate.minimumMinutes - 1e-9) * rate.minimumMinutes) / 60);
  const lines: ProposalLine[] = [
    oneOff("preparation", 1, billableMinor(business, labour.preparationHours * 60), [
      {
        ruleId: "migration.labour_preparation",
        inputs: {
          baseHours: labour.baseHours,
          workloadHours: labour.workloadHours,
          databaseHours: labour.databaseHours,
          copyHours: labour.copyHours,
          rate: business.kind,
          minorPerHour: business.minorPerHour,
        },
        params: {
          hours: billedHours(business, labour.preparationHours * 60),
          baseHours: labour.baseHours,
          workloadHours: labour.workloadHours,
          databaseHours: labour.databaseHours,
          copyHours: labour.copyHours,
        },
        source: SOURCES.technicianRate,
      },
    ]),
    oneOff("cutover", 1, billableMinor(offHours, labour.cutoverMinutes), [
      {
        ruleId: "migration.labour_cutover",
        inputs: {
          switchMinutes: labour.switchMinutes,
          checksMinutes: labour.checksMinutes,
          watchMinutes: labour.watchMinutes,
          rate: offHours.kind,
          minorPerHour: offHours.minorPerHour,
        },
        params: {
          hours: billedHours(offHours, labour.cutoverMinutes),
          switchMinutes: labour.switchMinutes,
          checksMinutes: labour.checksMinutes,
          watchMinutes: labour.watchMinutes,
        },
        source: SOURCES.technicianRate,
      },
    ]),
  ];
  const archive = catalog.addons.find((a) => a.kind === "backup");
  const archivePrice = archive ? catalog.priceBook.prices[archive.sku] : undefined;
  if (archive?.sizeGb && archivePrice && plan.overlap.archiveGb > 0) {
    const units = Math.ceil(plan.overlap.archiveGb / archive.sizeGb - 1e-9);
    lines.push(
      oneOff("archive", units, archivePrice.monthlyMinor, [
        {
          ruleId: "migration.archive",
          inputs: { archiveGb: plan.overlap.archiveGb, unitGb: archive.sizeGb, sku: archive.sku },
          params: {
            gb: round2(plan.overlap.archiveGb),
            days: plan.overlap.archiveDays,
            units,
            unitGb: archive.sizeGb,
            name: archive.name,
          },
          source: SOURCES.migrationRetention,
        },
      ]),
    );
  }
  lines.push(
    oneOff("overlap", plan.overlap.months, 0, [
      {
        ruleId: "migration.overlap",
        inputs: { months: plan.overlap.months, keepOldServerHours: plan.overlap.keepOldServerHours },
        params: { months: plan.overlap.months, hours: plan.overlap.keepOldServerHours },
        source: SOURCES.migrationRetention,
      },
    ]),
  );
  return lines;
}

/** Totals are always the sum of the lines: nothing is priced outside a line. */
export function totalsOf(lines: readonly ProposalLine[], termMonths: TermMonths, currency: Currency): Totals {
  const setupMinor = sumMinor(lines.map((l) => l.setupMinor));
  const monthlyMinor = sumMinor(lines.map((l) => l.monthlyMinor));
  return {
    currency,
    setupMinor,
    monthlyMinor,
    termMonths,
    termTotalMinor: addMinor(setupMinor, multiplyMinor(monthlyMinor, termMonths)),
  };
}
