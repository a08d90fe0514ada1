import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { acceptances, auditLog, proposals, provisioningItems, quoteRequests, users } from "#db/schema";
import type { ProposedServer } from "~/domain/engine";
import { type Actor, accessOf } from "~/utils/permissions";
import { ownedBy } from "./access.server";
import { reviewDueAfter } from "./capacity-review.server";

export type ProvisioningStatus = (typeof provisioningItems.$inferSelect)["status"];

/**
 * An accepted order is settled (paid, or an upgrade billed through its running service): its quote
 * is won and technicians get its provisioning item, in the caller's transaction. The item's id, or
 * null when it existed already.
 */
export async function openProvisioning(
  tx: Executor,
  acceptance: { id: string; quoteRequestId: string },
  now: Date,
): Promise<string | null> {
  await tx
    .update(quoteRequests)
    .set({ status: "won", updatedAt: now })
    .where(eq(quoteRequests.id, acceptance.quoteRequestId));
  const [item] = await tx
    .insert(provisioningItems)
    .values({ quoteRequestId: acceptance.quoteRequestId, acceptanceId: acceptance.id, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ id: provisioningItems.id });
  return item?.id ?? null;
}

/** Paid orders for technicians to build, oldest first, with what was bought. */
export async function listProvisioning(db: Executor, statuses: ProvisioningStatus[] = ["open", "claimed"]) {
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
      currency: acceptances.currency,
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
  return rows.map(({ region, servers, ...r }) => ({
    ...r,
    region: region.region,
    servers: servers as ProposedServer[],
  }));
}

export type ProvisioningItem = Awaited<ReturnType<typeof listProvisioning>>[number];

/**
 * Claim an open item for the actor (one conditional update: two technicians cannot both get it).
 * False when it is not open (any more), or the actor may not change provisioning items.
 */
export async function claimProvisioning(db: Executor, id: string, actor: Actor) {
  if (!accessOf(actor.role, "write:provisioning")) return false;
  const [row] = await db
    .update(provisioningItems)
    .set({ status: "claimed", assigneeId: actor.id, updatedAt: new Date() })
    .where(and(eq(provisioningItems.id, id), eq(provisioningItems.status, "open")))
    .returning({ quoteRequestId: provisioningItems.quoteRequestId });
  if (row)
    await db.insert(auditLog).values({
      entityType: "quote_request",
      entityId: row.quoteRequestId,
      action: "provisioning_claimed",
      actor: `staff:${actor.id}`,
    });
  return Boolean(row);
}

/**
 * Every server the accepted version sold has a delivery record whose acceptance test passed, or
 * failed with an admin's override (models/delivery.server.ts): nothing is handed over untested.
 */
const everyServerAccepted = sql`(select coalesce(sum((s->>'quantity')::int), 0) from acceptances a
    join proposals p on p.id = a.proposal_id, jsonb_array_elements(p.servers) s
    where a.id = provisioning_items.acceptance_id)
  = (select count(*) from delivered_servers d where d.provisioning_item_id = provisioning_items.id
    and (d.passed or d.override_reason is not null))`;

/**
 * Marks a claimed item's servers handed over: the assignee (write:provisioning:own) or an admin
 * (write:provisioning:any), decided in the update itself. False when the actor may not or the item
 * is not claimed.
 */
export async function completeProvisioning(db: Executor, id: string, actor: Actor) {
  const now = new Date();
  const [row] = await db
    .update(provisioningItems)
    // Running from now: its first capacity review is one cadence away (after its last one, if handed over again).
    .set({ status: "done", updatedAt: now, capacityReviewDueAt: reviewDueAfter(now) })
    .where(
      and(
        eq(provisioningItems.id, id),
        eq(provisioningItems.status, "claimed"),
        ownedBy(actor, "write:provisioning", provisioningItems.assigneeId),
        everyServerAccepted,
      ),
    )
    .returning({ quoteRequestId: provisioningItems.quoteRequestId });
  if (row)
    await db.insert(auditLog).values({
      entityType: "quote_request",
      entityId: row.quoteRequestId,
      action: "provisioning_done",
      actor: `staff:${actor.id}`,
    });
  return Boolean(row);
}

/** The provisioning item of a paid quote, or null. */
export async function provisioningItemOfQuote(db: Executor, quoteRequestId: string) {
  const [row] = await db
    .select({ id: provisioningItems.id })
    .from(provisioningItems)
    .where(eq(provisioningItems.quoteRequestId, quoteRequestId))
    .limit(1);
  return row?.id ?? null;
}

/** The quote and payment time of a provisioning item (for the e-mails about it). */
export async function provisioningItemFacts(db: Executor, id: string) {
  const [row] = await db
    .select({
      quoteRequestId: provisioningItems.quoteRequestId,
      assigneeId: provisioningItems.assigneeId,
      paidAt: acceptances.paidAt,
    })
    .from(provisioningItems)
    .innerJoin(acceptances, eq(acceptances.id, provisioningItems.acceptanceId))
    .where(eq(provisioningItems.id, id));
  return row ?? null;
}
