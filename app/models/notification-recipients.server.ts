import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { quoteRequests, users } from "#db/schema";

/** Who is told what: the addresses notifications go to (app/services/notifications.server.ts). */

/** The customer behind a quote: where to write, to whom, in which language; null for an unknown quote. */
export async function quoteContact(db: Executor, quoteRequestId: string) {
  const [quote] = await db
    .select({
      email: quoteRequests.contactEmail,
      name: quoteRequests.contactName,
      locale: quoteRequests.locale,
      publishedVersion: quoteRequests.publishedVersion,
    })
    .from(quoteRequests)
    .where(eq(quoteRequests.id, quoteRequestId))
    .limit(1);
  return quote ?? null;
}

/** Every technician whose account is enabled. */
export async function activeTechnicians(db: Executor) {
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.role, "technician"), isNull(users.disabledAt)));
}

/** These staff members' addresses, whatever their role or state (an assignee is told even if since disabled). */
export async function staffByIds(db: Executor, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.id, [...ids]));
}
