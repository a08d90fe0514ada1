import type { Catalog } from "./catalog";
import type { Currency } from "./money";
import { type BackupDemand, backupDemand, estimateMargin, workloadDemands } from "./demand";
import { RULES } from "./rules";
import { SPREADABLE_ROLES, type WorkloadDemand } from "./demand-part";
import { type Resources, addResources, maxResources, round2, scaleResources, zeroResources } from "./resources";
import { BALANCED_PROFILE, type GrowthFactors, LEAN_PROFILE, type SizingProfile, growthFactors } from "./sizing";
import type { RuleTrace } from "./trace";
import type { ServerModel } from "./catalog";
import {
  AVAILABILITY_PLANS,
  type AvailabilityPlan,
  type Placement,
  type Role,
  bestPlacement,
  type FitSession,
  fitRoles,
  newFitSession,
  replicasFor,
} from "./fit";
import { type MigrationPlan, planMigration } from "./migration-plan";
import { type ProposalLine, type Totals, migrationLines, priceProposal } from "./pricing";
import type { Availability, QuoteInput } from "./quote-input";

export type ProposalTier = "lean" | "balanced" | "resilient";
export const PROPOSAL_TIERS: ProposalTier[] = ["lean", "balanced", "resilient"];

export interface ProposedServer {
  sku: string;
  name: string;
  line: string;
  quantity: number;
  roles: string[];
  /** Per unit, after add-ons; storage is usable space after RAID. */
  vcpu: number;
  ramGb: number;
  storageGb: number;
}

export interface CapacityBar {
  resource: "vcpu" | "ramGb" | "storageGb";
  demand: number;
  capacity: number;
}

export interface Proposal {
  tier: ProposalTier;
  availability: Availability;
  servers: ProposedServer[];
  placements: Placement[];
  lines: ProposalLine[];
  totals: Totals;
  capacity: CapacityBar[];
  explanation: RuleTrace[];
  /** What happens when one server fails, in plain words. */
  failure: RuleTrace;
  runsOutFirst: RunsOutFirst | null;
  /** Servers in the proposal, all placements together (what "N servers" on a card shows). */
  serverCount: number;
  /** Distinct server models in the proposal. */
  modelCount: number;
}

export const REVIEW_CODES = [
  "no_catalog_fit",
  "gpu",
  "critical_availability",
  "compliance",
  "custom_networking",
  "large_data",
  "short_migration_window",
  "budget_below_cheapest",
  "low_confidence_large_order",
  "special_requirements",
  "customer_question",
] as const;
export type ReviewCode = (typeof REVIEW_CODES)[number];

export interface ReviewReason {
  code: ReviewCode;
  params: Record<string, string | number>;
}

/** One role's need per copy, and how many copies the requested availability asks for. */
export interface RoleDemand {
  role: string;
  kind: string;
  spreadable: boolean;
  replicas: number;
  vcpu: number;
  ramGb: number;
  storageGb: number;
  gpu: number;
}

/** The three headline figures of a demand. */
export interface DemandFigures {
  vcpu: number;
  ramGb: number;
  storageGb: number;
}

/**
 * One basis for every number: the demand in the order its factors apply, each step what it adds.
 * base (one copy of every role, today's load, no growth, no margin)
 * + copies (what the availability adds: the base of every extra copy)
 * + growth (growth over the term, on every copy)
 * + margin (the estimate margin on estimated inputs, on every copy)
 * = total (the summary's vcpu, ramGb and storageGb).
 * Vendors' reference architectures compare with base + copies (tests/calibration).
 */
export interface DemandBreakdown {
  base: DemandFigures;
  copies: DemandFigures;
  growth: DemandFigures;
  margin: DemandFigures;
  total: DemandFigures;
  /** The factors behind growth and margin, for the sentence that explains them. */
  growthPercentPerYear: number;
  computeGrowthMonths: number;
  storageGrowthMonths: number;
  /** 0 when every load input was measured. */
  marginPercent: number;
}

/**
 * What must be provisioned at the requested availability: vcpu, ramGb, storageGb (and the storage
 * classes) are totals with every replica included; `roles` gives each role's per-copy need.
 */
export interface DemandSummary {
  vcpu: number;
  ramGb: number;
  storageGb: number;
  nvmeGb: number;
  ssdGb: number;
  hddGb: number;
  iops: number;
  mbps: number;
  gpu: number;
  trafficTbPerMonth: number;
  backupGb: number;
  /** Data under management before replicas (what the "more than 100 TB" review looks at). */
  dataGb: number;
  roles: RoleDemand[];
  /** How the totals build up from the base demand (copies, growth, margin). */
  breakdown: DemandBreakdown;
}

/** When a proposal fills up as the workload grows, and what the next step costs. */
export interface RunsOutFirst {
  resource: "vcpu" | "ramGb" | "storageGb";
  roles: string[];
  /** Months until that resource is full at the expected growth; null when it never fills. */
  months: number | null;
  /** Extra monthly price of the next configuration that has room (null if none in the catalog). */
  nextStepMonthlyMinor: number | null;
}

export interface EngineResult {
  priceBookVersion: number;
  /** The price book's currency: every price in the result is in it. */
  currency: Currency;
  demand: DemandSummary;
  workloads: WorkloadDemand[];
  backup: BackupDemand;
  proposals: Proposal[];
  /** Tiers the catalog could not satisfy. */
  unavailableTiers: ProposalTier[];
  review: { required: boolean; reasons: ReviewReason[] };
  /** The move from the customer's old server; null when they are not moving (app/domain/migration-plan.ts). */
  migration: MigrationPlan | null;
}

const TIER_UP: Record<Availability, Availability> = { standard: "high", high: "critical", critical: "critical" };

/** Roles from workloads: web apps share one stateless tier, databases one tier, files one tier. */
export function rolesOf(demands: readonly WorkloadDemand[]): Role[] {
  const roles = new Map<string, Role>();
  for (const d of demands) {
    const role = roles.get(d.role) ?? {
      id: d.role,
      kind: d.roleKind,
      splittable: SPREADABLE_ROLES.has(d.roleKind),
      resources: zeroResources(),
      trafficTb: 0,
      workloadIndexes: [],
    };
    role.resources = addResources(role.resources, d.resources);
    if (d.minUnit) role.minUnit = role.minUnit ? maxResources(role.minUnit, d.minUnit) : d.minUnit;
    if (d.quorum) role.quorum = true;
    role.trafficTb += d.trafficTb;
    role.workloadIndexes.push(d.index);
    roles.set(d.role, role);
  }
  return [...roles.values()];
}

const figuresOf = (r: Resources): DemandFigures => ({
  vcpu: r.vcpu,
  ramGb: r.ramGb,
  storageGb: r.nvmeGb + r.ssdGb + r.hddGb,
});
const roundFigures = (f: DemandFigures): DemandFigures => ({
  vcpu: round2(f.vcpu),
  ramGb: round2(f.ramGb),
  storageGb: round2(f.storageGb),
});
const minusFigures = (a: DemandFigures, b: DemandFigures): DemandFigures => ({
  vcpu: a.vcpu - b.vcpu,
  ramGb: a.ramGb - b.ramGb,
  storageGb: a.storageGb - b.storageGb,
});

/** Σ role × its copies at the plan, and one copy of each. */
function provisioned(
  demands: readonly WorkloadDemand[],
  plan: AvailabilityPlan,
): { once: Resources; copies: Resources } {
  let once = zeroResources();
  let copies = zeroResources();
  for (const r of rolesOf(demands)) {
    once = addResources(once, r.resources);
    copies = addResources(copies, scaleResources(r.resources, replicasFor(r, plan)));
  }
  return { once, copies };
}

/**
 * Base, copies, growth and margin of a demand at an availability. `base` and `grown` are the same
 * workloads sized without growth and margin, and with growth only (workloadDemands' factors).
 */
export function demandBreakdown(
  sized: { base: readonly WorkloadDemand[]; grown: readonly WorkloadDemand[]; total: readonly WorkloadDemand[] },
  availability: Availability,
  growth: GrowthFactors,
  marginApplied: boolean,
): DemandBreakdown {
  const plan = AVAILABILITY_PLANS[availability];
  const base = provisioned(sized.base, plan);
  const grown = provisioned(sized.grown, plan);
  const total = provisioned(sized.total, plan);
  const baseOnce = figuresOf(base.once);
  const baseCopies = figuresOf(base.copies);
  const grownCopies = figuresOf(grown.copies);
  const totalCopies = figuresOf(total.copies);
  return {
    base: roundFigures(baseOnce),
    copies: roundFigures(minusFigures(baseCopies, baseOnce)),
    growth: roundFigures(minusFigures(grownCopies, baseCopies)),
    margin: roundFigures(minusFigures(totalCopies, grownCopies)),
    total: roundFigures(totalCopies),
    growthPercentPerYear: growth.percentPerYear,
    computeGrowthMonths: growth.computeMonths,
    storageGrowthMonths: growth.storageMonths,
    marginPercent: marginApplied ? Math.round(RULES.estimateMargin * 100) : 0,
  };
}

/**
 * The demand of an input at its requested availability (the lean profile, as "what you need"
 * shows it), with its breakdown. Needs no catalog.
 */
export function demandSummary(
  input: QuoteInput,
  leanDemands?: readonly WorkloadDemand[],
  backup?: BackupDemand,
): DemandSummary {
  const req = input.requirements;
  const total = leanDemands ?? workloadDemands(input.workloads, req, LEAN_PROFILE);
  const base = workloadDemands(input.workloads, req, LEAN_PROFILE, { growth: false, margin: false });
  const grown = workloadDemands(input.workloads, req, LEAN_PROFILE, { growth: true, margin: false });
  const breakdown = demandBreakdown(
    { base, grown, total },
    req.availability,
    growthFactors(req, LEAN_PROFILE),
    input.workloads.some((w) => estimateMargin(w) !== null),
  );
  return summarise(total, backup ?? backupDemand(total, req), req.availability, breakdown);
}

function summarise(
  demands: readonly WorkloadDemand[],
  backup: BackupDemand,
  availability: Availability,
  breakdown: DemandBreakdown,
): DemandSummary {
  const plan = AVAILABILITY_PLANS[availability];
  const roles = rolesOf(demands);
  let total = zeroResources();
  const roleDemands: RoleDemand[] = roles.map((r) => {
    const replicas = replicasFor(r, plan);
    total = addResources(total, scaleResources(r.resources, replicas));
    return {
      role: r.id,
      kind: r.kind,
      spreadable: r.splittable,
      replicas,
      vcpu: round2(r.resources.vcpu),
      ramGb: round2(r.resources.ramGb),
      storageGb: round2(r.resources.nvmeGb + r.resources.ssdGb + r.resources.hddGb),
      gpu: r.resources.gpu,
    };
  });
  const data = demands.reduce((s, d) => s + d.resources.nvmeGb + d.resources.ssdGb + d.resources.hddGb, 0);
  return {
    vcpu: round2(total.vcpu),
    ramGb: round2(total.ramGb),
    storageGb: round2(total.nvmeGb + total.ssdGb + total.hddGb),
    nvmeGb: round2(total.nvmeGb),
    ssdGb: round2(total.ssdGb),
    hddGb: round2(total.hddGb),
    iops: Math.ceil(total.iops),
    mbps: round2(total.mbps),
    gpu: total.gpu,
    trafficTbPerMonth: round2(demands.reduce((s, d) => s + d.trafficTb, 0)),
    backupGb: round2(backup.backupGb),
    dataGb: round2(data),
    roles: roleDemands,
    breakdown,
  };
}

const MAX_MONTHS = 120;

/**
 * Which resource of which server group fills up first as the workload grows at the customer's
 * rate, roughly when, and what the next configuration up costs per month.
 */
function runsOutFirst(
  placements: readonly Placement[],
  roles: readonly Role[],
  plan: AvailabilityPlan,
  growth: GrowthFactors,
  catalog: Catalog,
  termMonths: number,
  candidates: readonly ServerModel[],
): RunsOutFirst | null {
  const percentPerYear = growth.percentPerYear;
  let first: { p: Placement; resource: RunsOutFirst["resource"]; ratio: number } | null = null;
  for (const p of placements) {
    const cap = p.config.capacity;
    const need = p.perServer;
    const storageNeed = need.nvmeGb + need.ssdGb + need.hddGb;
    const options: [RunsOutFirst["resource"], number][] = [
      ["vcpu", need.vcpu > 0 ? cap.vcpu / need.vcpu : Infinity],
      ["ramGb", need.ramGb > 0 ? cap.ramGb / need.ramGb : Infinity],
      ["storageGb", storageNeed > 0 ? (cap.nvmeGb + cap.ssdGb + cap.hddGb) / storageNeed : Infinity],
    ];
    for (const [resource, ratio] of options) if (!first || ratio < first.ratio) first = { p, resource, ratio };
  }
  if (!first || !Number.isFinite(first.ratio)) return null;
  const g = percentPerYear / 100;
  // Counted from today: the sizing already holds the growth it planned for (compute and storage
  // over their own horizons); the headroom left buys the months after that.
  const planned = first.resource === "storageGb" ? growth.storageMonths : growth.computeMonths;
  const months =
    g > 0
      ? Math.min(MAX_MONTHS, Math.max(0, Math.round(planned + (12 * Math.log(first.ratio)) / Math.log(1 + g))))
      : null;
  // The next step: the same roles with just over the headroom that is left.
  const grown = roles
    .filter((r) => first!.p.roles.includes(r.id))
    .map((r) => ({ ...r, resources: scaleResources(r.resources, first!.ratio * 1.05) }));
  const next = bestPlacement(grown, plan, candidates, catalog, termMonths);
  const current = first.p.count * first.p.config.monthlyMinor;
  return {
    resource: first.resource,
    roles: first.p.roles,
    months: months !== null && months >= MAX_MONTHS ? null : months,
    nextStepMonthlyMinor: next ? Math.max(0, next.count * next.config.monthlyMinor - current) : null,
  };
}

/** One tier sized on its own (null when the catalog cannot hold it), without the shape rule between tiers. */
export function sizeTier(tier: ProposalTier, input: QuoteInput, catalog: Catalog): Proposal | null {
  const [, availability, profile] = tierPlans(input.requirements.availability).find(([t]) => t === tier)!;
  return buildProposal(
    tier,
    availability,
    input,
    catalog,
    workloadDemands(input.workloads, input.requirements, profile),
    profile,
  );
}

function tierPlans(requested: Availability): [ProposalTier, Availability, SizingProfile][] {
  return [
    ["lean", requested, LEAN_PROFILE],
    ["balanced", requested, BALANCED_PROFILE],
    ["resilient", TIER_UP[requested], BALANCED_PROFILE],
  ];
}

function buildProposal(
  tier: ProposalTier,
  availability: Availability,
  input: QuoteInput,
  catalog: Catalog,
  demands: readonly WorkloadDemand[],
  profile: SizingProfile,
  options: {
    maxServers?: number;
    shape?: RuleTrace;
    session?: FitSession;
    migration?: readonly ProposalLine[];
  } = {},
): Proposal | null {
  const req = input.requirements;
  const roles = rolesOf(demands);
  const backup = backupDemand(demands, req);
  const plan = AVAILABILITY_PLANS[availability];
  const candidates = catalog.servers.filter((s) => s.regions.includes(req.region));
  const placements = fitRoles(roles, plan, candidates, catalog, req.termMonths, {
    maxServers: options.maxServers,
    session: options.session,
  });
  if (!placements) return null;
  const { lines, totals } = priceProposal({
    catalog,
    plan,
    roles,
    placements,
    backup,
    termMonths: req.termMonths,
    migration: options.migration,
  });

  const servers: ProposedServer[] = placements.map((p) => ({
    sku: p.config.model.sku,
    name: p.config.model.name,
    line: p.config.model.line,
    quantity: p.count,
    roles: p.roles,
    vcpu: p.config.capacity.vcpu,
    ramGb: p.config.capacity.ramGb,
    storageGb: p.config.capacity.nvmeGb + p.config.capacity.ssdGb + p.config.capacity.hddGb,
  }));
  const sum = (f: (p: Placement) => number) => round2(placements.reduce((s, p) => s + f(p) * p.count, 0));
  const capacity: CapacityBar[] = [
    { resource: "vcpu", demand: sum((p) => p.perServer.vcpu), capacity: sum((p) => p.config.capacity.vcpu) },
    { resource: "ramGb", demand: sum((p) => p.perServer.ramGb), capacity: sum((p) => p.config.capacity.ramGb) },
    {
      resource: "storageGb",
      demand: sum((p) => p.perServer.nvmeGb + p.perServer.ssdGb + p.perServer.hddGb),
      capacity: sum((p) => p.config.capacity.nvmeGb + p.config.capacity.ssdGb + p.config.capacity.hddGb),
    },
  ];

  const serverCount = placements.reduce((s, p) => s + p.count, 0);
  const failure: RuleTrace = {
    ruleId: `failure.${availability}`,
    inputs: { availability, servers: serverCount },
    params: { servers: serverCount },
  };
  const growth = growthFactors(req, profile);
  const outFirst = runsOutFirst(placements, roles, plan, growth, catalog, req.termMonths, candidates);
  const explanation: RuleTrace[] = [
    { ruleId: `tier.${tier}`, inputs: { availability }, params: { availability } },
    { ruleId: `avail.${availability}`, inputs: { availability }, params: {} },
    failure,
    ...(options.shape ? [options.shape] : []),
    ...demands.flatMap((d) => d.figures.flatMap((f) => f.rules)),
    ...backup.rules,
    ...lines.flatMap((l) => l.why),
  ];
  return {
    tier,
    availability,
    servers,
    placements,
    lines,
    totals,
    capacity,
    explanation: dedupeTraces(explanation),
    failure,
    runsOutFirst: outFirst,
    serverCount,
    modelCount: new Set(placements.map((p) => p.config.model.sku)).size,
  };
}

/** Traces that say the same: the same rule with the same figures (compared key by key, no strings built). */
function sameParams(a: RuleTrace["params"], b: RuleTrace["params"]): boolean {
  if (a === b) return true;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

function dedupeTraces(traces: RuleTrace[]): RuleTrace[] {
  const seen = new Map<string, RuleTrace["params"][]>();
  return traces.filter((t) => {
    const same = seen.get(t.ruleId);
    if (!same) {
      seen.set(t.ruleId, [t.params]);
      return true;
    }
    if (same.some((p) => sameParams(p, t.params))) return false;
    same.push(t.params);
    return true;
  });
}

function sameOffer(a: Proposal, b: Proposal) {
  return (
    a.availability === b.availability &&
    JSON.stringify(a.lines.map((l) => [l.sku, l.quantity])) === JSON.stringify(b.lines.map((l) => [l.sku, l.quantity]))
  );
}

/**
 * The engine: workloads and requirements in, up to three priced and explained proposals out.
 * Pure: the same input and catalog always give the same answer.
 */
export function estimate(input: QuoteInput, catalog: Catalog): EngineResult {
  const req = input.requirements;
  const leanDemands = workloadDemands(input.workloads, req, LEAN_PROFILE);
  const backup = backupDemand(leanDemands, req);
  const plans = tierPlans(req.availability);
  const demand = demandSummary(input, leanDemands, backup);
  // The move is the same whichever servers it lands on: planned and priced once, a line in every proposal.
  const migration = planMigration({
    migration: req.migration,
    workloads: input.workloads,
    region: req.region,
    dataGbToday: demand.breakdown.base.storageGb,
  });
  const migrationPriced = migration ? migrationLines(migration, catalog) : undefined;
  // Balanced and resilient size the same workloads with the same profile: one sizing for both.
  const demandsOf = new Map<SizingProfile, readonly WorkloadDemand[]>([[LEAN_PROFILE, leanDemands]]);
  const demandsFor = (profile: SizingProfile) => {
    let d = demandsOf.get(profile);
    if (!d) demandsOf.set(profile, (d = workloadDemands(input.workloads, req, profile)));
    return d;
  };
  // From the top tier down, so each tier can be held to the server count of the tier above it.
  const sized: (Proposal | null)[] = [];
  for (let i = plans.length - 1; i >= 0; i--) {
    const [tier, availability, profile] = plans[i]!;
    const demands = demandsFor(profile);
    // The same roles on the same plan: a refit with a server cap reuses what the first fit found.
    const session = newFitSession();
    let proposal = buildProposal(tier, availability, input, catalog, demands, profile, {
      session,
      migration: migrationPriced,
    });
    const above = plans[i + 1] ? sized[i + 1] : null;
    if (proposal && above && proposal.serverCount > above.serverCount) {
      // A tier never uses more servers than the tier above it, unless it says why.
      proposal =
        buildProposal(tier, availability, input, catalog, demands, profile, {
          maxServers: above.serverCount,
          session,
          migration: migrationPriced,
        }) ??
        buildProposal(tier, availability, input, catalog, demands, profile, {
          session,
          migration: migrationPriced,
          shape: {
            ruleId: `shape.more_servers_${tier}`,
            inputs: { servers: proposal.serverCount, nextServers: above.serverCount, nextTier: above.tier },
            params: { servers: proposal.serverCount, nextServers: above.serverCount },
          },
        });
    }
    sized[i] = proposal;
  }
  const proposals: Proposal[] = [];
  const unavailableTiers: ProposalTier[] = [];
  plans.forEach(([tier], i) => {
    const proposal = sized[i];
    if (!proposal) {
      unavailableTiers.push(tier);
      return;
    }
    // A tier that would repeat an earlier one word for word is left out: it adds nothing.
    if (proposals.some((p) => sameOffer(p, proposal))) return;
    proposals.push(proposal);
  });

  const reasons = reviewReasons(input, demand, proposals, unavailableTiers, migration);

  return {
    priceBookVersion: catalog.priceBook.version,
    currency: catalog.priceBook.currency,
    demand,
    workloads: leanDemands,
    backup,
    proposals,
    unavailableTiers,
    review: { required: reasons.length > 0, reasons },
    migration,
  };
}

/** Thresholds for review (ours): what a senior technician wants to look at before it is sold. */
export const REVIEW_THRESHOLDS = {
  largeDataGb: 100_000,
  maxUplinkGbit: 10,
  /** A budget under two thirds of the cheapest proposal is "far below" it. */
  budgetShare: 2 / 3,
  /** An order at or above this monthly price with estimated inputs is "large". */
  largeOrderMonthlyMinor: 40_000,
} as const;

/** Every reason a technician must look at the request, each with a code and its figures. */
export function reviewReasons(
  input: QuoteInput,
  demand: DemandSummary,
  proposals: readonly Proposal[],
  unavailableTiers: readonly ProposalTier[],
  migration: MigrationPlan | null = null,
): ReviewReason[] {
  const req = input.requirements;
  const reasons: ReviewReason[] = [];
  const T = REVIEW_THRESHOLDS;
  if (unavailableTiers.includes("lean"))
    reasons.push({ code: "no_catalog_fit", params: { availability: req.availability } });
  if (demand.gpu > 0) reasons.push({ code: "gpu", params: { gpus: demand.gpu } });
  if (req.availability === "critical") reasons.push({ code: "critical_availability", params: {} });
  const compliance = req.compliance ?? [];
  if (compliance.length > 0)
    reasons.push({
      code: "compliance",
      params: { flags: compliance.join(","), country: req.dataResidencyCountry?.toUpperCase() ?? "" },
    });
  const net = req.networking;
  const peakGbit = demand.mbps / 1000;
  if (net?.ownIpRanges || net?.bgp || (net?.uplinkGbit ?? 0) > T.maxUplinkGbit || peakGbit > T.maxUplinkGbit) {
    reasons.push({
      code: "custom_networking",
      params: { gbit: Math.max(net?.uplinkGbit ?? 0, Math.round(peakGbit * 10) / 10) },
    });
  }
  if (demand.dataGb > T.largeDataGb)
    reasons.push({ code: "large_data", params: { tb: Math.round(demand.dataGb / 100) / 10 } });
  // No method fits the downtime the customer accepts, or none of their windows holds the switch.
  if (migration && !migration.fits)
    reasons.push({
      code: "short_migration_window",
      params: { minutes: migration.allowedDowntimeMinutes, needed: migration.downtimeMinutes },
    });
  const cheapest = proposals.length ? Math.min(...proposals.map((p) => p.totals.monthlyMinor)) : null;
  if (req.monthlyBudgetMinor !== undefined && cheapest !== null && req.monthlyBudgetMinor < cheapest * T.budgetShare) {
    reasons.push({
      code: "budget_below_cheapest",
      params: { budgetMinor: req.monthlyBudgetMinor, cheapestMinor: cheapest },
    });
  }
  const estimatedInputs = input.workloads.some((w) => estimateMargin(w) !== null);
  if (estimatedInputs && cheapest !== null && cheapest >= T.largeOrderMonthlyMinor)
    reasons.push({ code: "low_confidence_large_order", params: { monthlyMinor: cheapest } });
  const special = req.specialRequirements?.trim();
  if (special) reasons.push({ code: "special_requirements", params: { length: special.length } });
  return reasons;
}
