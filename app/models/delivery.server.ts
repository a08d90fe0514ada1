import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import {
  acceptances,
  auditLog,
  customerAccounts,
  customerSshKeys,
  deliveredServers,
  proposalLines,
  proposals,
  provisioningItems,
  quoteMessages,
  quoteRequests,
  serverModels,
  users,
} from "#db/schema";
import {
  type Checklist,
  type MeasuredFacts,
  type ServerFacts,
  acceptanceTest,
  deliveryChecklist,
} from "~/domain/delivery";
import type { ProposedServer } from "~/domain/engine";
import type { OverriddenMigrationPlan } from "~/domain/migration-override";
import { type Actor, accessOf } from "~/utils/permissions";
import { ownedBy } from "./access.server";
import { completeProvisioning } from "./provisioning.server";
import { requestBillingStart } from "./billing.server";
import { requestBillingChange } from "./billing-change.server";

export type DeliveredServer = typeof deliveredServers.$inferSelect;

/** A provisioning item with its checklist from the accepted version and what was delivered so far. */
export async function deliveryItem(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: provisioningItems.id,
      status: provisioningItems.status,
      assigneeId: provisioningItems.assigneeId,
      assigneeName: users.name,
      quoteRequestId: provisioningItems.quoteRequestId,
      contactName: quoteRequests.contactName,
      company: quoteRequests.company,
      requirements: quoteRequests.requirements,
      paidAt: acceptances.paidAt,
      tier: acceptances.tier,
      version: acceptances.version,
      poNumber: acceptances.poNumber,
      proposalId: proposals.id,
      servers: proposals.servers,
    })
    .from(provisioningItems)
    .innerJoin(acceptances, eq(acceptances.id, provisioningItems.acceptanceId))
    .innerJoin(proposals, eq(proposals.id, acceptances.proposalId))
    .innerJoin(quoteRequests, eq(quoteRequests.id, provisioningItems.quoteRequestId))
    .leftJoin(users, eq(users.id, provisioningItems.assigneeId))
    .where(eq(provisioningItems.id, id))
    .limit(1);
  if (!row) return null;
  const servers = row.servers as ProposedServer[];
  const [lines, models, delivered, planRow] = await Promise.all([
    db
      .select({
        kind: proposalLines.kind,
        sku: proposalLines.sku,
        name: proposalLines.name,
        quantity: proposalLines.quantity,
        monthlyMinor: proposalLines.monthlyMinor,
        setupMinor: proposalLines.setupMinor,
      })
      .from(proposalLines)
      .where(eq(proposalLines.proposalId, row.proposalId))
      .orderBy(proposalLines.position),
    servers.length
      ? db
          .select({ sku: serverModels.sku, disks: serverModels.disks, networkGbit: serverModels.networkGbit })
          .from(serverModels)
          .where(
            inArray(
              serverModels.sku,
              servers.map((s) => s.sku),
            ),
          )
      : [],
    db.select().from(deliveredServers).where(eq(deliveredServers.provisioningItemId, id)),
    // The technician's override of the accepted version, else the quote's own plan.
    db.execute(sql`select coalesce(v.migration_plan, q.migration_plan) as plan from quote_requests q
      left join proposal_versions v on v.quote_request_id = q.id and v.version = ${row.version}
      where q.id = ${row.quoteRequestId} limit 1`),
  ]);
  const facts: Record<string, ServerFacts> = Object.fromEntries(
    models.map((m) => [m.sku, { disks: m.disks, networkGbit: m.networkGbit }]),
  );
  const planRows = (Array.isArray(planRow) ? planRow : (planRow as { rows: unknown[] }).rows) as {
    plan: OverriddenMigrationPlan | null;
  }[];
  const checklist: Checklist = deliveryChecklist(servers, lines, facts);
  return {
    ...row,
    region: row.requirements.region,
    checklist,
    delivered: new Map(delivered.map((d) => [d.serverKey, d])),
    migrationPlan: planRows[0]?.plan ?? null,
  };
}

export type DeliveryItem = NonNullable<Awaited<ReturnType<typeof deliveryItem>>>;

/** Who may record deliveries on an item: its assignee (own), or an admin (any); in the update's WHERE. */
const writable = (actor: Actor) =>
  and(eq(provisioningItems.status, "claimed"), ownedBy(actor, "write:provisioning", provisioningItems.assigneeId));

async function lockItem(tx: Executor, actor: Actor, id: string) {
  if (!accessOf(actor.role, "write:provisioning")) return null;
  const [item] = await tx
    .select({ id: provisioningItems.id, quoteRequestId: provisioningItems.quoteRequestId })
    .from(provisioningItems)
    .where(and(eq(provisioningItems.id, id), writable(actor)))
    .for("update");
  return item ?? null;
}

export type DeliveryRefusal =
  "not_yours" | "unknown_server" | "not_delivered" | "wrong_host" | "checks_failing" | "unknown_key";

/**
 * The SSH keys on the account of the quote's contact (the account is the contact's e-mail address):
 * the keys a technician may install on the servers delivered for it.
 */
export async function customerKeysForQuote(db: Executor, quoteRequestId: string) {
  return db
    .select({
      id: customerSshKeys.id,
      type: customerSshKeys.type,
      bits: customerSshKeys.bits,
      fingerprint: customerSshKeys.fingerprint,
      comment: customerSshKeys.comment,
    })
    .from(customerSshKeys)
    .innerJoin(customerAccounts, eq(customerAccounts.id, customerSshKeys.accountId))
    .innerJoin(quoteRequests, sql`${customerAccounts.email} = lower(${quoteRequests.contactEmail})`)
    .where(eq(quoteRequests.id, quoteRequestId))
    .orderBy(customerSshKeys.createdAt);
}

/** Where a checklist server was put: hostname, addresses, data centre and serial. Re-recording replaces it (and clears its test). */
export async function recordDelivery(
  db: Executor,
  actor: Actor,
  id: string,
  serverKey: string,
  input: { hostname: string; ipAddresses: string[]; dataCentre: string; serial: string; keyIds: string[] },
  validKeys: readonly string[],
): Promise<DeliveryRefusal | null> {
  if (!validKeys.includes(serverKey)) return "unknown_server";
  const { keyIds, ...where } = input;
  return db.transaction(async (tx) => {
    const item = await lockItem(tx, actor, id);
    if (!item) return "not_yours";
    // Only the keys of this quote's customer, as they are now (a snapshot: a key deleted later stays listed).
    const keys = keyIds.length
      ? (await customerKeysForQuote(tx, item.quoteRequestId)).filter((k) => keyIds.includes(k.id))
      : [];
    if (keys.length !== new Set(keyIds).size) return "unknown_key";
    const installedKeys = keys.map((k) => ({ fingerprint: k.fingerprint, type: k.type, comment: k.comment }));
    const values = { ...where, installedKeys, updatedBy: actor.id, updatedAt: new Date() };
    await tx
      .insert(deliveredServers)
      .values({ provisioningItemId: id, serverKey, ...values })
      .onConflictDoUpdate({
        target: [deliveredServers.provisioningItemId, deliveredServers.serverKey],
        set: {
          ...values,
          facts: null,
          results: null,
          passed: null,
          checkedAt: null,
          overrideReason: null,
          overrideBy: null,
        },
      });
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: item.quoteRequestId,
      action: "server_delivered",
      actor: `staff:${actor.id}`,
      data: { serverKey, ...where, keys: installedKeys.map((k) => k.fingerprint) },
    });
    return null;
  });
}

/** Stores a delivered server's measured facts and the acceptance test's result against the sold spec. */
export async function recordCheck(
  db: Executor,
  actor: Actor,
  item: DeliveryItem,
  serverKey: string,
  facts: MeasuredFacts,
): Promise<DeliveryRefusal | null> {
  const row = item.checklist.servers.find((s) => s.key === serverKey);
  if (!row) return "unknown_server";
  const delivered = item.delivered.get(serverKey);
  if (!delivered) return "not_delivered";
  // The output of another server's script is a mistake that would pass the wrong machine.
  if (facts.hostname.toLowerCase() !== delivered.hostname.toLowerCase()) return "wrong_host";
  const results = acceptanceTest(row.expected, facts);
  const passed = results.every((r) => r.pass);
  return db.transaction(async (tx) => {
    const locked = await lockItem(tx, actor, item.id);
    if (!locked) return "not_yours";
    await tx
      .update(deliveredServers)
      .set({ facts, results, passed, checkedAt: new Date(), overrideReason: null, overrideBy: null })
      .where(and(eq(deliveredServers.provisioningItemId, item.id), eq(deliveredServers.serverKey, serverKey)));
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: locked.quoteRequestId,
      action: passed ? "acceptance_test_passed" : "acceptance_test_failed",
      actor: `staff:${actor.id}`,
      data: { serverKey, failed: results.filter((r) => !r.pass).map((r) => r.key) },
    });
    return null;
  });
}

/** An admin accepts a failed test with a reason (recorded, and shown with the result). */
export async function overrideCheck(db: Executor, admin: Actor, id: string, serverKey: string, reason: string) {
  if (admin.role !== "admin") return "not_yours" as const;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(deliveredServers)
      .set({ overrideReason: reason, overrideBy: admin.id })
      .where(
        and(
          eq(deliveredServers.provisioningItemId, id),
          eq(deliveredServers.serverKey, serverKey),
          eq(deliveredServers.passed, false),
        ),
      )
      .returning({ id: deliveredServers.id });
    if (!row) return "not_delivered" as const;
    const [item] = await tx
      .select({ quoteRequestId: provisioningItems.quoteRequestId })
      .from(provisioningItems)
      .where(eq(provisioningItems.id, id));
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: item!.quoteRequestId,
      action: "acceptance_test_overridden",
      actor: `staff:${admin.id}`,
      data: { serverKey, reason },
    });
    return null;
  });
}

/** Every checklist server delivered, and tested: passed, or failed with an admin's override. */
export function readyToHandOver(item: DeliveryItem): boolean {
  return item.checklist.servers.every((s) => {
    const d = item.delivered.get(s.key);
    return Boolean(d && (d.passed === true || (d.passed === false && d.overrideReason)));
  });
}

/**
 * Hands the item over (completeProvisioning: the database refuses while a server is untested or
 * failing), puts it on the customer's timeline and asks for monthly billing to start; `then` runs in the same transaction (the e-mail).
 */
export async function handOver(
  db: Executor,
  actor: Actor,
  item: Pick<DeliveryItem, "id" | "quoteRequestId">,
  then: (tx: Executor) => Promise<void>,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    if (!(await completeProvisioning(tx, item.id, actor))) return false;
    await tx
      .insert(quoteMessages)
      .values({ quoteRequestId: item.quoteRequestId, authorType: "system", event: "handed_over" });
    // Monthly billing starts now (the outbox worker ends the subscription's trial at Stripe).
    await requestBillingStart(tx, item.quoteRequestId, now);
    // An upgrade: the running service's price changes now, prorated (the worker: applyDueBillingChanges).
    await requestBillingChange(tx, item.quoteRequestId, now);
    await then(tx);
    return true;
  });
}

/**
 * An admin gives an open or claimed item to a technician (who then owns it as if they had claimed
 * it). Null when done, or when the assignee is not an active technician or admin.
 */
export async function assignDelivery(
  db: Executor,
  admin: Actor,
  id: string,
  assigneeId: string,
  then: (tx: Executor) => Promise<void> = async () => {},
) {
  if (admin.role !== "admin") return "not_yours" as const;
  return db.transaction(async (tx) => {
    const [assignee] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, assigneeId), inArray(users.role, ["technician", "admin"]), isNull(users.disabledAt)));
    if (!assignee) return "unknown_server" as const;
    const [row] = await tx
      .update(provisioningItems)
      .set({ status: "claimed", assigneeId, updatedAt: new Date() })
      .where(and(eq(provisioningItems.id, id), inArray(provisioningItems.status, ["open", "claimed"])))
      .returning({ quoteRequestId: provisioningItems.quoteRequestId });
    if (!row) return "not_delivered" as const;
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: row.quoteRequestId,
      action: "provisioning_assigned",
      actor: `staff:${admin.id}`,
      data: { assigneeId },
    });
    await then(tx);
    return null;
  });
}

/** Who an admin can give delivery work to. */
export async function deliveryAssignees(db: Executor) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.role, ["technician", "admin"]), isNull(users.disabledAt)))
    .orderBy(users.name);
}
