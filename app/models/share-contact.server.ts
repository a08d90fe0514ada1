import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { users } from "#db/schema";

/**
 * The sales contact a share page names: the staff member who made the link (name and e-mail), or
 * null when that account has been disabled (the customer would write to nobody).
 */
export async function shareLinkContact(db: Executor, createdBy: string) {
  const [contact] = await db
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.id, createdBy), isNull(users.disabledAt)))
    .limit(1);
  return contact ?? null;
}
