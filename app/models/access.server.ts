import { type SQL, type SQLWrapper, eq, sql } from "drizzle-orm";
import { type Actor, type ScopedPermission, accessOf } from "~/utils/permissions";

/**
 * The ownership condition of a scoped permission, for a model's WHERE clause: nothing to add for
 * `any`, `ownerColumn = actor` for `own`, and a condition that matches no row without the permission.
 * Used in the same statement that changes the row, so ownership cannot change between a check and
 * the write.
 */
export function ownedBy(actor: Actor, permission: ScopedPermission, ownerColumn: SQLWrapper): SQL {
  const access = accessOf(actor.role, permission);
  if (access === "any") return sql`true`;
  if (access === "own") return eq(ownerColumn as never, actor.id);
  return sql`false`;
}
