import type { Catalog } from "./catalog";
import {
  type BackupDemand,
  type Resources,
  type RuleTrace,
  type SizingProfile,
  type WorkloadDemand,
  BALANCED_PROFILE,
  LEAN_PROFILE,
  addResources,
  backupDemand,
  workloadDemands,
  zeroResources,
} from "./demand";
import { AVAILABILITY_PLANS, type Placement, type Role, fitRoles } from "./fit";
import { type ProposalLine, type Totals, priceProposal } from "./pricing";
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
}

export type ReviewCode = "no_catalog_fit" | "special_requirements" | "critical_availability";

export interface ReviewReason {
  code: ReviewCode;
  params: Record<string, string | number>;
}

export interface DemandSummary {
  vcpu: number;
  ramGb: number;
  storageGb: number;
  nvmeGb: number;
  ssdGb: number;
  hddGb: number;
  iops: number;
  mbps: number;
  trafficTbPerMonth: number;
  backupGb: number;
}

export interface EngineResult {
  priceBookVersion: number;
  demand: DemandSummary;
  workloads: WorkloadDemand[];
  backup: BackupDemand;
  proposals: Proposal[];
  /** Tiers the catalog could not satisfy. */
  unavailableTiers: ProposalTier[];
  review: { required: boolean; reasons: ReviewReason[] };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const TIER_UP: Record<Availability, Availability> = { standard: "high", high: "critical", critical: "critical" };

/** Roles from workloads: web apps share one stateless tier, databases one tier, files one tier. */
export function rolesOf(demands: readonly WorkloadDemand[]): Role[] {
  const roles = new Map<string, Role>();
  for (const d of demands) {
    const role = roles.get(d.role) ?? {
      id: d.role,
      kind: d.roleKind,
      splittable: d.roleKind === "app" || d.roleKind === "storage",
      resources: zeroResources(),
      trafficTb: 0,
      workloadIndexes: [],
    };
    role.resources = addResources(role.resources, d.resources);
    role.trafficTb += d.trafficTb;
    role.workloadIndexes.push(d.index);
    roles.set(d.role, role);
  }
  return [...roles.values()];
}

function summarise(demands: readonly WorkloadDemand[], backup: BackupDemand): DemandSummary {
  const r = demands.reduce<Resources>((acc, d) => addResources(acc, d.resources), zeroResources());
  return {
    vcpu: round2(r.vcpu),
    ramGb: round2(r.ramGb),
    storageGb: round2(r.nvmeGb + r.ssdGb + r.hddGb),
    nvmeGb: round2(r.nvmeGb),
    ssdGb: round2(r.ssdGb),
    hddGb: round2(r.hddGb),
    iops: Math.ceil(r.iops),
    mbps: round2(r.mbps),
    trafficTbPerMonth: round2(demands.reduce((s, d) => s + d.trafficTb, 0)),
    backupGb: round2(backup.backupGb),
  };
}

/** One tier sized on its own (null when the catalog cannot hold it). */
export function sizeTier(tier: ProposalTier, input: QuoteInput, catalog: Catalog): Proposal | null {
  const [, availability, profile] = tierPlans(input.requirements.availability).find(([t]) => t === tier)!;
  return buildProposal(tier, availability, profile, input, catalog);
}

function tierPlans(requested: Availability): [ProposalTier, Availability, SizingProfile][] {
  return [
    ["lean", requested, LEAN_PROFILE],
    ["balanced", requested, BALANCED_PROFILE],
    ["resilient", TIER_UP[requested], BALANCED_PROFILE],
  ];
}

function buildProposal(tier: ProposalTier, availability: Availability, profile: SizingProfile, input: QuoteInput, catalog: Catalog): Proposal | null {
  const req = input.requirements;
  const demands = workloadDemands(input.workloads, req, profile);
  const roles = rolesOf(demands);
  const backup = backupDemand(demands, req);
  const plan = AVAILABILITY_PLANS[availability];
  const candidates = catalog.servers.filter((s) => s.regions.includes(req.region) && s.gpuCount === 0);
  const placements = fitRoles(roles, plan, candidates, catalog, req.termMonths);
  if (!placements) return null;
  const { lines, totals } = priceProposal({ catalog, plan, roles, placements, backup, termMonths: req.termMonths });

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

  const explanation: RuleTrace[] = [
    { ruleId: `tier.${tier}`, inputs: { availability }, params: { availability } },
    { ruleId: `avail.${availability}`, inputs: { availability }, params: {} },
    ...demands.flatMap((d) => d.figures.flatMap((f) => f.rules)),
    ...backup.rules,
    ...lines.flatMap((l) => l.why),
  ];
  return { tier, availability, servers, placements, lines, totals, capacity, explanation: dedupeTraces(explanation) };
}

function dedupeTraces(traces: RuleTrace[]): RuleTrace[] {
  const seen = new Set<string>();
  return traces.filter((t) => {
    const key = `${t.ruleId}:${JSON.stringify(t.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sameOffer(a: Proposal, b: Proposal) {
  return a.availability === b.availability && JSON.stringify(a.lines.map((l) => [l.sku, l.quantity])) === JSON.stringify(b.lines.map((l) => [l.sku, l.quantity]));
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
  const proposals: Proposal[] = [];
  const unavailableTiers: ProposalTier[] = [];
  for (const [tier, availability, profile] of plans) {
    const proposal = buildProposal(tier, availability, profile, input, catalog);
    if (!proposal) {
      unavailableTiers.push(tier);
      continue;
    }
    // A tier that would repeat an earlier one word for word is left out: it adds nothing.
    if (proposals.some((p) => sameOffer(p, proposal))) continue;
    proposals.push(proposal);
  }

  const reasons: ReviewReason[] = [];
  if (unavailableTiers.includes("lean")) reasons.push({ code: "no_catalog_fit", params: { availability: req.availability } });
  if (req.availability === "critical") reasons.push({ code: "critical_availability", params: {} });
  const special = req.specialRequirements?.trim();
  if (special) reasons.push({ code: "special_requirements", params: { length: special.length } });

  return {
    priceBookVersion: catalog.priceBook.version,
    demand: summarise(leanDemands, backup),
    workloads: leanDemands,
    backup,
    proposals,
    unavailableTiers,
    review: { required: reasons.length > 0, reasons },
  };
}
