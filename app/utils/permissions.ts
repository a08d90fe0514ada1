import type { StaffRole } from "#db/schema";

/** `action:entity` strings; every staff loader and action asks for one. */
export type Permission =
  | "read:review_queue"
  | "claim:review_item"
  | "write:review_item"
  | "assign:review_item"
  | "read:sales"
  | "write:sales"
  | "approve:discount"
  | "read:provisioning"
  | "write:provisioning"
  | "manage:staff";

const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  technician: ["read:review_queue", "claim:review_item", "write:review_item", "read:provisioning", "write:provisioning"],
  sales: ["read:review_queue", "read:sales", "write:sales"],
  admin: ["read:review_queue", "claim:review_item", "write:review_item", "assign:review_item", "read:sales", "write:sales", "approve:discount", "read:provisioning", "write:provisioning", "manage:staff"],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
