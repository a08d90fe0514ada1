import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import {
  acceptances,
  billingChanges,
  billingSubscriptions,
  incidents,
  maintenanceWindows,
  proposals,
  provisioningItems,
  serviceSettings,
} from "#db/schema";
import type { Currency } from "~/domain/money";
import { type CreditPolicy, type Span, promisedAvailability } from "~/domain/service-credits";
import { readCreditPolicy } from "~/domain/service-settings";

/**
 * What a service's availability and credits are worked out from (issue 19), for a period: the
 * downtime its incidents recorded, its announced maintenance (windows that ran, from their start, or
 * from when they were scheduled if later, to their end or completion),
 * the availability its tier promises, its monthly fee and its credit policy.
 */
export interface AvailabilityFacts {
  /** Incidents' downtime overlapping the period (end null: still down). */
  downtime: { start: Date; end: Date | null; incidentId: string; number: number }[];
  maintenance: Span[];
  /** Percent, from the accepted tier (or the latest upgrade billed: its change applied). */
  promisedAvailability: number;
  /**
   * The monthly fee credits are worked out on, in minor units: the subscription's current monthly
   * price (after an upgrade or a renewal) when there is one, else the accepted tier's.
   */
  monthlyMinor: number;
  currency: Currency;
  policy: CreditPolicy;
  /** When the service was ordered (months before it are not reported). */
  acceptedAt: Date;
}

/** The facts for a handed-over service, or null when it is not one. */
export async function availabilityFacts(
  db: Executor,
  quoteRequestId: string,
  period: Span,
): Promise<AvailabilityFacts | null> {
  const [service] = await db
    .select({
      acceptanceId: acceptances.id,
      acceptedAt: acceptances.acceptedAt,
      monthlyMinor: acceptances.monthlyMinor,
      currency: acceptances.currency,
      availability: proposals.availability,
      subscriptionId: billingSubscriptions.id,
      currentMonthlyMinor: billingSubscriptions.currentMonthlyMinor,
      creditPolicy: serviceSettings.creditPolicy,
    })
    .from(provisioningItems)
    .innerJoin(acceptances, eq(acceptances.id, provisioningItems.acceptanceId))
    .innerJoin(proposals, eq(proposals.id, acceptances.proposalId))
    .leftJoin(billingSubscriptions, eq(billingSubscriptions.acceptanceId, acceptances.id))
    .leftJoin(serviceSettings, eq(serviceSettings.quoteRequestId, provisioningItems.quoteRequestId))
    .where(and(eq(provisioningItems.quoteRequestId, quoteRequestId), eq(provisioningItems.status, "done")))
    .limit(1);
  if (!service) return null;
  const [upgrade, down, windows] = await Promise.all([
    // An upgrade changes what is promised too (its tier's availability), once billed: only a change
    // Stripe has made (applied_at set), as the fee below only changes then.
    service.subscriptionId
      ? db
          .select({ availability: proposals.availability })
          .from(billingChanges)
          .innerJoin(acceptances, eq(acceptances.id, billingChanges.acceptanceId))
          .innerJoin(proposals, eq(proposals.id, acceptances.proposalId))
          .where(and(eq(billingChanges.subscriptionId, service.subscriptionId), isNotNull(billingChanges.appliedAt)))
          .orderBy(desc(billingChanges.appliedAt), desc(billingChanges.requestedAt))
          .limit(1)
      : Promise.resolve([]),
    db
      .select({
        start: incidents.downtimeFrom,
        end: incidents.downtimeTo,
        incidentId: incidents.id,
        number: incidents.number,
      })
      .from(incidents)
      .where(
        and(
          eq(incidents.quoteRequestId, quoteRequestId),
          isNotNull(incidents.downtimeFrom),
          lt(incidents.downtimeFrom, period.end),
          or(isNull(incidents.downtimeTo), gt(incidents.downtimeTo, period.start)),
        ),
      ),
    db
      // Announced (from when it was scheduled, never before) and run: a window that never started, or
      // was cancelled, excuses nothing; one completed early ends when it was completed.
      .select({
        start: sql<Date>`greatest(${maintenanceWindows.startsAt}, ${maintenanceWindows.createdAt})`.mapWith(
          maintenanceWindows.startsAt,
        ),
        end: maintenanceWindows.endsAt,
      })
      .from(maintenanceWindows)
      .where(
        and(
          eq(maintenanceWindows.quoteRequestId, quoteRequestId),
          inArray(maintenanceWindows.state, ["in_progress", "extended", "completed"]),
          lt(maintenanceWindows.startsAt, period.end),
          gt(maintenanceWindows.endsAt, period.start),
        ),
      ),
  ]);
  return {
    downtime: down.map((d) => ({ start: d.start!, end: d.end, incidentId: d.incidentId, number: d.number })),
    maintenance: windows,
    promisedAvailability: promisedAvailability(upgrade[0]?.availability ?? service.availability),
    // The current fee (set when a change is applied) for every month shown, not each month's own.
    monthlyMinor: service.currentMonthlyMinor ?? service.monthlyMinor,
    currency: service.currency as Currency,
    policy: readCreditPolicy(service.creditPolicy),
    acceptedAt: service.acceptedAt,
  };
}
