import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { deliveredServers, provisioningItems, quoteRequests } from "#db/schema";

/**
 * A running service as staff see it (issue 19): the quote whose provisioning item was handed over,
 * its customer and the servers delivered. Maintenance, capacity reviews, settings and credits hang
 * off it (the quote's id is the service's id, as on the customer's /account/services/$id).
 */
export async function staffService(db: Executor, quoteRequestId: string) {
  const [row] = await db
    .select({
      id: quoteRequests.id,
      contactName: quoteRequests.contactName,
      contactEmail: quoteRequests.contactEmail,
      company: quoteRequests.company,
      locale: quoteRequests.locale,
      currency: quoteRequests.currency,
      provisioningItemId: provisioningItems.id,
      acceptanceId: provisioningItems.acceptanceId,
    })
    .from(quoteRequests)
    .innerJoin(provisioningItems, eq(provisioningItems.quoteRequestId, quoteRequests.id))
    .where(and(eq(quoteRequests.id, quoteRequestId), eq(provisioningItems.status, "done")))
    .limit(1);
  if (!row) return null;
  const servers = await db
    .select({ hostname: deliveredServers.hostname, serverKey: deliveredServers.serverKey })
    .from(deliveredServers)
    .where(eq(deliveredServers.provisioningItemId, row.provisioningItemId))
    .orderBy(asc(deliveredServers.serverKey));
  return { ...row, servers };
}

export type StaffService = NonNullable<Awaited<ReturnType<typeof staffService>>>;

/** The service's reference as customers and staff quote it (the quote's first 8 hex digits). */
export const serviceRef = (id: string) => id.slice(0, 8).toUpperCase();
