import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { acceptances, auditLog, proposals, provisioningItems, quoteRequests, users } from "#db/schema";
import type { ProposedServer } from "~/domain/engine";

/** Paid orders for technicians to build, oldest first, with what was bought. */
export async function listProvisioning(db: Database, statuses: ("open" | "claimed" | "done")[] = ["open", "claimed"]) {
  const rows = await db
    .select({
      id: provisioningItems.id,
      status: provisioningItems.status,
      createdAt: provisioningItems.createdAt,
      assigneeId: provisioningItems.assigneeId,
      assigneeName: users.name,
      quoteRequestId: provisioningItems.quoteRequestId,
      contactName: quoteRequests.contactName,
      company: quoteRequests.company,
      tier: acceptances.tier,
      version: acceptances.version,
      monthlyMinor: acceptances.monthlyMinor,
      paidAt: acceptances.paidAt,
      poNumber: acceptances.poNumber,
      servers: proposals.servers,
      region: quoteRequests.requirements,
    })
    .from(provisioningItems)
    .innerJoin(acceptances, eq(acceptances.id, provisioningItems.acceptanceId))
    .innerJoin(proposals, eq(proposals.id, acceptances.proposalId))
    .innerJoin(quoteRequests, eq(quoteRequests.id, provisioningItems.quoteRequestId))
    .leftJoin(users, eq(users.id, provisioningItems.assigneeId))
    .where(inArray(provisioningItems.status, statuses))
    .orderBy(asc(provisioningItems.createdAt))
    .limit(500);
  return rows.map(({ region, servers, ...r }) => ({ ...r, region: region.region, servers: servers as ProposedServer[] }));
}

/** Claim an open item (one conditional update: two technicians cannot both get it). */
export async function claimProvisioning(db: Database, id: string, userId: string) {
  const [row] = await db
    .update(provisioningItems)
    .set({ status: "claimed", assigneeId: userId, updatedAt: new Date() })
    .where(and(eq(provisioningItems.id, id), eq(provisioningItems.status, "open")))
    .returning({ quoteRequestId: provisioningItems.quoteRequestId });
  if (row) await db.insert(auditLog).values({ entityType: "quote_request", entityId: row.quoteRequestId, action: "provisioning_claimed", actor: `staff:${userId}` });
  return Boolean(row);
}

/** The assignee marks the servers handed over. */
export async function completeProvisioning(db: Database, id: string, userId: string) {
  const [row] = await db
    .update(provisioningItems)
    .set({ status: "done", updatedAt: new Date() })
    .where(and(eq(provisioningItems.id, id), eq(provisioningItems.status, "claimed"), eq(provisioningItems.assigneeId, userId)))
    .returning({ quoteRequestId: provisioningItems.quoteRequestId });
  if (row) await db.insert(auditLog).values({ entityType: "quote_request", entityId: row.quoteRequestId, action: "provisioning_done", actor: `staff:${userId}` });
  return Boolean(row);
}
