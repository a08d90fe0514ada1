import type { StaffRole } from "#db/schema";

/**
 * `action:entity` and `action:entity:access` strings; every staff loader and action asks for one.
 * Access `own` is the things the person holds (a review or provisioning item they claimed, a quote
 * they own as sales), `any` is everything; a role with `:any` also passes a check for `:own`. Routes check the
 * permission; model functions take the actor and filter by ownership in their SQL (see
 * app/models/access.server.ts), so a route cannot forget it.
 */
export type Access = "own" | "any";
export type ScopedPermission = "write:review_item" | "write:sales" | "write:provisioning";
export type Permission =
  | "read:review_queue"
  | "claim:review_item"
  | `${ScopedPermission}:${Access}`
  | "assign:review_item"
  | "read:sales"
  | "approve:discount"
  | "read:provisioning"
  | "read:operations"
  | "write:incidents"
  | "manage:oncall"
  | "manage:staff"
  | "read:catalog"
  | "write:catalog"
  | "manage:company";

const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  technician: [
    "read:review_queue",
    "claim:review_item",
    "write:review_item:own",
    "read:provisioning",
    "write:provisioning:own",
    "read:operations",
    "write:incidents",
    "read:catalog",
  ],
  sales: ["read:review_queue", "read:sales", "write:sales:own", "read:catalog"],
  admin: [
    "read:review_queue",
    "claim:review_item",
    "write:review_item:any",
    "assign:review_item",
    "read:sales",
    "write:sales:any",
    "approve:discount",
    "read:provisioning",
    "write:provisioning:any",
    "read:operations",
    "write:incidents",
    "manage:oncall",
    "manage:staff",
    "read:catalog",
    "write:catalog",
    "manage:company",
  ],
};

export function can(role: StaffRole, permission: Permission): boolean {
  const granted = ROLE_PERMISSIONS[role];
  if (granted.includes(permission)) return true;
  return permission.endsWith(":own") && granted.includes(permission.replace(/:own$/, ":any") as Permission);
}

/** How far a role's scoped permission reaches: everything, what the person holds, or nothing. */
export function accessOf(role: StaffRole, permission: ScopedPermission): Access | null {
  if (can(role, `${permission}:any`)) return "any";
  if (can(role, `${permission}:own`)) return "own";
  return null;
}

/** Who is acting, as model functions need it: their id and role (read per request from the users table). */
export interface Actor {
  id: string;
  role: StaffRole;
}
