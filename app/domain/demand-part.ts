import type { Workload } from "./quote-input";
import type { ResourceKey, Resources } from "./resources";
import type { RuleTrace } from "./trace";

export type FigureKey = ResourceKey | "trafficTb" | "protectedGb";

export interface DemandFigure {
  resource: FigureKey;
  value: number;
  rules: RuleTrace[];
}

/**
 * Roles are the parts a system runs as. Spreadable roles (web tiers, file and search storage,
 * VM hosts, backup targets) can be split over servers; the others need one server per copy.
 */
export type RoleKind =
  | "app"
  | "database"
  | "cache"
  | "search"
  | "storage"
  | "repository"
  | "custom"
  | "game"
  | "appliance"
  | "control_plane"
  | "backup_target"
  | "mail"
  | "vm";

export const SPREADABLE_ROLES: ReadonlySet<RoleKind> = new Set(["app", "storage", "search", "vm", "backup_target"]);
/** Roles that get their own role per workload (one game server, one appliance per workload). */
export const PER_WORKLOAD_ROLES: ReadonlySet<RoleKind> = new Set(["custom", "game", "appliance", "control_plane"]);

/** One role's share of a workload's demand. */
export interface DemandPart {
  roleKind: RoleKind;
  resources: Resources;
  trafficTb: number;
  protectedGb: number;
  figures: DemandFigure[];
  /** Smallest piece a spreadable role can be cut into (a VM cannot be split across hosts). */
  minUnit?: Resources;
  /** Needs a majority of copies to work (etcd, consensus): three copies when highly available. */
  quorum?: boolean;
}

export interface WorkloadDemand extends DemandPart {
  index: number;
  kind: Workload["kind"];
  name: string | null;
  role: string;
  /** Data that backups protect. */
  protectedGb: number;
}
