import { type SQL, and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { type Executor, rowsOf } from "#db/client.server";
import {
  acceptances,
  addons,
  auditLog,
  capacityReviews,
  deliveredServers,
  proposalLines,
  proposals,
  provisioningItems,
  quoteMessages,
  quoteRequests,
  serverModels,
  serviceSettings,
} from "#db/schema";
import {
  type CapacityServer,
  type ReviewFindings,
  type UsageFigures,
  isDataMount,
  serviceCapacity,
} from "~/domain/capacity-review";
import type { ProposedServer } from "~/domain/engine";
import { type CustomerAccount, ownedBy } from "./customer-account.server";

/*
 * Capacity reviews (issue 19 item 6): the running service they measure, its capacity, the readings
 * so far, the upgrade quote a review drafted, the cadence and which services are due.
 */

/** Months between reviews when a service has no setting (quarterly). */
export const DEFAULT_REVIEW_EVERY_MONTHS = 3;

/**
 * When a running service's next capacity review is due, as SQL for an update of its provisioning
 * item: its last review, else `handedOverAt`, plus its cadence (service_settings, else quarterly),
 * in calendar months in UTC (as nextReviewDue). Stored in provisioning_items.capacity_review_due_at
 * at the hand-over, on every review and when the cadence changes (migration 0031 filled in the
 * services already running), so the board reads the services due from its index.
 */
export const reviewDueAfter = (handedOverAt: SQL | Date) => {
  const service = sql.raw(`"provisioning_items"."quote_request_id"`);
  const base = handedOverAt instanceof Date ? sql`${handedOverAt.toISOString()}::timestamptz` : handedOverAt;
  return sql<Date>`((coalesce((select max(r.recorded_at) from capacity_reviews r where r.quote_request_id = ${service}), ${base})
      at time zone 'UTC')
    + make_interval(months => coalesce((select ss.review_every_months from service_settings ss where ss.quote_request_id = ${service}),
      ${sql.raw(String(DEFAULT_REVIEW_EVERY_MONTHS))}))) at time zone 'UTC'`;
};

/**
 * Works the service's next review out again (after a review or a change of cadence), from its last
 * review, else its hand-over (the running item's last change: nothing changes a handed-over item
 * but a new hand-over).
 */
export async function refreshReviewDue(tx: Executor, quoteRequestId: string) {
  await tx
    .update(provisioningItems)
    .set({ capacityReviewDueAt: reviewDueAfter(sql.raw(`"provisioning_items"."updated_at"`)) })
    .where(and(eq(provisioningItems.quoteRequestId, quoteRequestId), eq(provisioningItems.status, "done")));
}

export type CapacityReviewRow = typeof capacityReviews.$inferSelect;

/**
 * A running service as a review needs it: the quote (requirements, currency, contact), its
 * acceptance and accepted proposal, and when it went into service (its first hand-over; the
 * provisioning item's last change when the timeline has none). Null unless handed over.
 * `lock`: inside a transaction, takes the provisioning item's row lock, so two reviews of one
 * service take turns (one upgrade draft at a time).
 */
export async function reviewedService(db: Executor, quoteRequestId: string, lock = false) {
  const query = db
    .select({
      id: quoteRequests.id,
      locale: quoteRequests.locale,
      contactName: quoteRequests.contactName,
      contactEmail: quoteRequests.contactEmail,
      company: quoteRequests.company,
      currency: quoteRequests.currency,
      requirements: quoteRequests.requirements,
      demand: quoteRequests.demand,
      provisioningItemId: provisioningItems.id,
      itemUpdatedAt: provisioningItems.updatedAt,
      reviewDueAt: provisioningItems.capacityReviewDueAt,
      acceptanceId: acceptances.id,
      proposalId: acceptances.proposalId,
    })
    .from(provisioningItems)
    .innerJoin(quoteRequests, eq(quoteRequests.id, provisioningItems.quoteRequestId))
    .innerJoin(acceptances, eq(acceptances.id, provisioningItems.acceptanceId))
    .where(and(eq(provisioningItems.quoteRequestId, quoteRequestId), eq(provisioningItems.status, "done")))
    .limit(1);
  const [row] = lock ? await query.for("update", { of: provisioningItems }) : await query;
  if (!row) return null;
  const [handedOver] = await db
    .select({ at: sql<Date | string>`min(${quoteMessages.createdAt})` })
    .from(quoteMessages)
    .where(and(eq(quoteMessages.quoteRequestId, quoteRequestId), eq(quoteMessages.event, "handed_over")));
  const { itemUpdatedAt, ...service } = row;
  return { ...service, inServiceSince: handedOver?.at ? new Date(handedOver.at) : itemUpdatedAt };
}

export type ReviewedService = NonNullable<Awaited<ReturnType<typeof reviewedService>>>;

/**
 * What the service has: each delivered server as measured by the check script (threads, RAM, the
 * data filesystems' size), or as sold when the delivery has no facts for it; no delivered rows:
 * the accepted proposal's servers. Traffic a month: what the sold models include plus the traffic
 * bought; unmetered (0) when a model's traffic is not limited.
 */
export async function capacityOf(db: Executor, service: Pick<ReviewedService, "provisioningItemId" | "proposalId">) {
  const [[proposal], delivered, lines] = await Promise.all([
    db.select({ servers: proposals.servers }).from(proposals).where(eq(proposals.id, service.proposalId)).limit(1),
    db
      .select({ serverKey: deliveredServers.serverKey, facts: deliveredServers.facts })
      .from(deliveredServers)
      .where(eq(deliveredServers.provisioningItemId, service.provisioningItemId)),
    db
      .select({ kind: proposalLines.kind, sku: proposalLines.sku, quantity: proposalLines.quantity })
      .from(proposalLines)
      .where(and(eq(proposalLines.proposalId, service.proposalId), eq(proposalLines.kind, "traffic"))),
  ]);
  const sold = (proposal?.servers ?? []) as ProposedServer[];
  const soldAs = (s: ProposedServer): CapacityServer => ({ threads: s.vcpu, ramGb: s.ramGb, diskGb: s.storageGb });
  const servers: CapacityServer[] = delivered.length
    ? delivered.map((d) => {
        if (d.facts)
          return {
            threads: d.facts.cpu.threads,
            ramGb: d.facts.memory.totalGb,
            diskGb: d.facts.filesystems.filter((f) => isDataMount(f.mount)).reduce((n, f) => n + f.sizeGb, 0),
          };
        // Checklist keys are "<sku>-<n>".
        const model = sold.find((s) => d.serverKey.startsWith(`${s.sku}-`));
        return model ? soldAs(model) : { threads: 0, ramGb: 0, diskGb: 0 };
      })
    : sold.flatMap((s) => Array.from({ length: s.quantity }, () => soldAs(s)));
  const skus = [...new Set(sold.map((s) => s.sku))];
  const addonSkus = lines.map((l) => l.sku).filter((s): s is string => Boolean(s));
  const [models, traffic] = await Promise.all([
    skus.length
      ? db
          .select({ sku: serverModels.sku, includedTrafficTb: serverModels.includedTrafficTb })
          .from(serverModels)
          .where(inArray(serverModels.sku, skus))
      : [],
    addonSkus.length
      ? db.select({ sku: addons.sku, sizeGb: addons.sizeGb }).from(addons).where(inArray(addons.sku, addonSkus))
      : [],
  ]);
  let trafficTb: number | null = 0;
  for (const s of sold) {
    const included = models.find((m) => m.sku === s.sku)?.includedTrafficTb;
    if (included === null || included === undefined) trafficTb = null;
    else if (trafficTb !== null) trafficTb += included * s.quantity;
  }
  if (trafficTb !== null)
    for (const l of lines) trafficTb += ((traffic.find((a) => a.sku === l.sku)?.sizeGb ?? 0) * l.quantity) / 1000;
  return serviceCapacity(servers, sold.length ? trafficTb : null);
}

/** The service's reviews, oldest first. */
export async function reviewHistory(db: Executor, quoteRequestId: string): Promise<CapacityReviewRow[]> {
  return db
    .select()
    .from(capacityReviews)
    .where(eq(capacityReviews.quoteRequestId, quoteRequestId))
    .orderBy(asc(capacityReviews.recordedAt), asc(capacityReviews.createdAt));
}

/**
 * An upgrade quote of the service still open: not accepted, won or declined, and not expired (its
 * published version's valid-until date not passed; a quote still in review has none). Any upgrade
 * quote of the service counts, drafted by a review or marked by a rep. Newest first.
 */
export async function openUpgradeQuote(db: Executor, acceptanceId: string, now: Date) {
  const rows = rowsOf<{ id: string; status: string }>(
    await db.execute(sql`
      select q.id, q.status from quote_requests q
      where q.upgrades_acceptance_id = ${acceptanceId}
        and q.status not in ('accepted', 'won', 'declined')
        and not exists (select 1 from proposal_versions v where v.quote_request_id = q.id
          and v.version = q.published_version and v.valid_until is not null and v.valid_until <= ${now.toISOString()}::timestamptz)
      order by q.created_at desc
      limit 1`),
  );
  return rows[0] ?? null;
}

/** The drafted quote becomes an upgrade of the running service (in the transaction that stores it). */
export async function markDraftedUpgrade(tx: Executor, quoteRequestId: string, acceptanceId: string, actor: string) {
  await tx
    .update(quoteRequests)
    .set({ upgradesAcceptanceId: acceptanceId })
    .where(eq(quoteRequests.id, quoteRequestId));
  await tx.insert(auditLog).values({
    entityType: "quote_request",
    entityId: quoteRequestId,
    action: "marked_upgrade",
    actor,
    data: { from: null, to: acceptanceId, by: "capacity_review" },
  });
}

export interface NewCapacityReview {
  quoteRequestId: string;
  recordedAt: Date;
  source: "technician" | "customer";
  usage: UsageFigures;
  capacity: UsageFigures;
  smart: Record<string, number>;
  findings: ReviewFindings;
  upgradeQuoteRequestId: string | null;
  recordedBy: string | null;
}

export async function insertCapacityReview(tx: Executor, review: NewCapacityReview) {
  const [row] = await tx.insert(capacityReviews).values(review).returning();
  await tx.insert(auditLog).values({
    entityType: "quote_request",
    entityId: review.quoteRequestId,
    action: "capacity_reviewed",
    actor: review.recordedBy ?? "customer",
    data: { reviewId: row!.id, upgradeFor: review.findings.upgradeFor, upgradeQuote: review.upgradeQuoteRequestId },
  });
  await refreshReviewDue(tx, review.quoteRequestId);
  return row!;
}

/** Months between the service's reviews (its setting, else quarterly). */
export async function reviewEveryMonths(db: Executor, quoteRequestId: string) {
  const [row] = await db
    .select({ months: serviceSettings.reviewEveryMonths })
    .from(serviceSettings)
    .where(eq(serviceSettings.quoteRequestId, quoteRequestId))
    .limit(1);
  return row?.months ?? DEFAULT_REVIEW_EVERY_MONTHS;
}

/**
 * Sets only the review cadence of the service's settings (a new row keeps every other default); the
 * next review is then the last one (else the hand-over) plus the new cadence.
 */
export async function setReviewEveryMonths(db: Executor, quoteRequestId: string, months: number, userId: string) {
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .insert(serviceSettings)
      .values({ quoteRequestId, reviewEveryMonths: months, updatedBy: userId, updatedAt: now })
      .onConflictDoUpdate({
        target: serviceSettings.quoteRequestId,
        set: { reviewEveryMonths: months, updatedBy: userId, updatedAt: now },
      });
    await refreshReviewDue(tx, quoteRequestId);
  });
}

export interface DueCapacityReview {
  quoteRequestId: string;
  contactName: string;
  company: string | null;
  lastReviewAt: Date | null;
  dueAt: Date;
}

/**
 * Running services whose capacity review is due at `now` (capacity_review_due_at: the last review,
 * else the hand-over, plus the service's cadence), the longest overdue first: read from the partial
 * index on that column, only the rows due.
 */
export async function dueCapacityReviews(db: Executor, now: Date, limit = 20): Promise<DueCapacityReview[]> {
  const rows = await db
    .select({
      quoteRequestId: quoteRequests.id,
      contactName: quoteRequests.contactName,
      company: quoteRequests.company,
      lastReviewAt: sql<string | Date | null>`(select max(r.recorded_at) from capacity_reviews r
        where r.quote_request_id = ${provisioningItems.quoteRequestId})`,
      dueAt: provisioningItems.capacityReviewDueAt,
    })
    .from(provisioningItems)
    .innerJoin(quoteRequests, eq(quoteRequests.id, provisioningItems.quoteRequestId))
    .where(and(eq(provisioningItems.status, "done"), lte(provisioningItems.capacityReviewDueAt, now)))
    // The index's order alone, so the read stops after `limit` rows (a second key would sort every row due).
    .orderBy(asc(provisioningItems.capacityReviewDueAt))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    lastReviewAt: r.lastReviewAt ? new Date(r.lastReviewAt) : null,
    dueAt: r.dueAt!,
  }));
}

/**
 * The customer's own service for its capacity panel: handed over and theirs (the ownership is in
 * the query), with its reviews newest first (at most `limit`). Null when not theirs or not running.
 */
export async function accountCapacityReviews(
  db: Executor,
  account: CustomerAccount,
  quoteRequestId: string,
  limit = 5,
) {
  const [service] = await db
    .select({
      id: quoteRequests.id,
      acceptanceId: provisioningItems.acceptanceId,
      reviewDueAt: provisioningItems.capacityReviewDueAt,
    })
    .from(quoteRequests)
    .innerJoin(provisioningItems, eq(provisioningItems.quoteRequestId, quoteRequests.id))
    .where(and(eq(quoteRequests.id, quoteRequestId), eq(provisioningItems.status, "done"), ownedBy(account.email)))
    .limit(1);
  if (!service) return null;
  const reviews = await db
    .select()
    .from(capacityReviews)
    .where(eq(capacityReviews.quoteRequestId, service.id))
    .orderBy(desc(capacityReviews.recordedAt), desc(capacityReviews.createdAt))
    .limit(limit);
  return { ...service, reviews };
}
