import { and, asc, desc, eq, isNull, max, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "#db/client.server";
import {
  auditLog,
  billingSubscriptions,
  proposals,
  provisioningItems,
  quoteRequests,
  shareLinks,
  users,
} from "#db/schema";
import { DomainError } from "~/domain/errors";
import { type Actor, can } from "~/utils/permissions";
import { getAcceptance, paymentsFor } from "./acceptance.server";
import { invoicesForAcceptance, subscriptionForQuote } from "./billing.server";
import { listDiscountRequests } from "./discount.server";
import { latestVersion, listVersions, salesMayChange } from "./proposal-version.server";
import { listShareLinks } from "./share-link.server";

/**
 * The sales side of quotes: the dashboard, taking ownership, and what the staff page of one quote
 * reads. Changes to a quote as sales (discounts, links, refreshes) live with what they change
 * (discount.server.ts, share-link.server.ts, proposal-version.server.ts), all under lockQuote's
 * ownership condition.
 */

/** The sales dashboard: every quote with status, value (cheapest published proposal), owner, last view. */
export async function salesOverview(db: Executor, limit = 500) {
  const lastView = db
    .select({
      quoteRequestId: shareLinks.quoteRequestId,
      lastViewedAt: max(shareLinks.lastViewedAt).as("last_viewed_at"),
    })
    .from(shareLinks)
    .groupBy(shareLinks.quoteRequestId)
    .as("last_view");
  const value = db
    .select({
      quoteRequestId: proposals.quoteRequestId,
      version: proposals.version,
      monthlyMinor: sql<number>`min(${proposals.monthlyMinor})`.as("monthly_minor"),
    })
    .from(proposals)
    .groupBy(proposals.quoteRequestId, proposals.version)
    .as("value");
  return db
    .select({
      id: quoteRequests.id,
      status: quoteRequests.status,
      contactName: quoteRequests.contactName,
      company: quoteRequests.company,
      createdAt: quoteRequests.createdAt,
      ownerId: quoteRequests.ownerId,
      ownerName: users.name,
      monthlyMinor: value.monthlyMinor,
      currency: quoteRequests.currency,
      lastViewedAt: lastView.lastViewedAt,
      /** Where delivery stands once paid: open, claimed (being built) or done (handed over); null before. */
      delivery: provisioningItems.status,
      /** A monthly invoice unpaid since then (Stripe is retrying); null when nothing is overdue. */
      overdueSince: billingSubscriptions.overdueSince,
      /** Stripe's last retry failed: a technician decides on suspension. */
      suspensionFlaggedAt: billingSubscriptions.suspensionFlaggedAt,
    })
    .from(quoteRequests)
    .leftJoin(users, eq(users.id, quoteRequests.ownerId))
    .leftJoin(provisioningItems, eq(provisioningItems.quoteRequestId, quoteRequests.id))
    .leftJoin(billingSubscriptions, eq(billingSubscriptions.acceptanceId, provisioningItems.acceptanceId))
    .leftJoin(value, and(eq(value.quoteRequestId, quoteRequests.id), eq(value.version, quoteRequests.publishedVersion)))
    .leftJoin(lastView, eq(lastView.quoteRequestId, quoteRequests.id))
    .orderBy(desc(quoteRequests.createdAt))
    .limit(limit);
}

/**
 * A rep takes a quote that nobody owns yet, in one conditional update; from then on only they or an
 * admin change it (salesMayChange). DomainError "already_owned" when someone owns it (or it is gone).
 */
export async function takeOwnership(db: Executor, actor: Actor, quoteRequestId: string) {
  const [row] = await db
    .update(quoteRequests)
    .set({ ownerId: actor.id, updatedAt: new Date() })
    .where(and(eq(quoteRequests.id, quoteRequestId), isNull(quoteRequests.ownerId)))
    .returning({ id: quoteRequests.id });
  if (!row) throw new DomainError("already_owned", {}, "quoteId");
  await db.insert(auditLog).values({
    entityType: "quote_request",
    entityId: quoteRequestId,
    action: "owner_taken",
    actor: `staff:${actor.id}`,
  });
}

const owner = alias(users, "owner");

/**
 * One quote as the sales side sees it, or null when there is none: the row, its owner's name, and
 * whether `actor` may change it as sales. That flag is the rule the changes themselves are locked on
 * (the sales permission, then salesMayChange in SQL), so the page offers exactly what would be allowed.
 */
export async function findSalesQuote(db: Executor, quoteRequestId: string, actor: Actor) {
  const mayChange = can(actor.role, "write:sales:own") ? salesMayChange(actor.id) : sql`false`;
  const [row] = await db
    .select({ quote: quoteRequests, ownerName: owner.name, mayChange: sql<boolean>`${mayChange}` })
    .from(quoteRequests)
    .leftJoin(owner, eq(owner.id, quoteRequests.ownerId))
    .where(eq(quoteRequests.id, quoteRequestId))
    .limit(1);
  return row ?? null;
}

/** Everything the staff sales page of one quote shows (app/presenters/staff-sales.ts shapes it), or null when there is no such quote. */
export async function salesQuotePage(db: Executor, quoteRequestId: string, actor: Actor) {
  const found = await findSalesQuote(db, quoteRequestId, actor);
  if (!found) return null;
  const [links, latest, versions, discounts, acceptance, tiers] = await Promise.all([
    listShareLinks(db, quoteRequestId),
    latestVersion(db, quoteRequestId),
    listVersions(db, quoteRequestId),
    listDiscountRequests(db, { quoteRequestId }),
    getAcceptance(db, quoteRequestId),
    tierPrices(db, quoteRequestId),
  ]);
  const [payments, subscription, invoices] = acceptance
    ? await Promise.all([
        paymentsFor(db, acceptance.id),
        subscriptionForQuote(db, quoteRequestId),
        invoicesForAcceptance(db, acceptance.id),
      ])
    : [[], null, []];
  return { ...found, links, latest, versions, discounts, acceptance, payments, tiers, subscription, invoices };
}

/** Each version's tiers with their prices (monthly and setup, in the proposal's currency), in tier order. */
export async function tierPrices(db: Executor, quoteRequestId: string) {
  return db
    .select({
      version: proposals.version,
      tier: proposals.tier,
      availability: proposals.availability,
      currency: proposals.currency,
      monthlyMinor: proposals.monthlyMinor,
      setupMinor: proposals.setupMinor,
    })
    .from(proposals)
    .where(eq(proposals.quoteRequestId, quoteRequestId))
    .orderBy(asc(proposals.version), asc(proposals.position))
    .limit(1000);
}

export type SalesQuotePage = NonNullable<Awaited<ReturnType<typeof salesQuotePage>>>;
