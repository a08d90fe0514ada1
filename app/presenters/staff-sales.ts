import type { SalesQuotePage } from "~/models/sales.server";
import type { StaffTime } from "~/utils/staff-time";

/**
 * The staff sales page of one quote, from what app/models/sales.server.ts read: the quote, its
 * versions, acceptance, payments and share links as the page shows them (a link's token hash, an
 * acceptance's ids and the rows' internal columns stay on the server).
 */
export function staffSalesQuote(page: SalesQuotePage, time: StaffTime, now = new Date()) {
  const { quote, acceptance } = page;
  return {
    // Only to show or hide the forms: the models check the same rule again under the quote's lock.
    canWrite: page.mayChange,
    ownerName: quote.ownerId ? (page.ownerName ?? "another rep") : null,
    quote: {
      id: quote.id,
      contactName: quote.contactName,
      company: quote.company,
      status: quote.status,
      publishedVersion: quote.publishedVersion,
      currency: quote.currency,
    },
    latest: page.latest,
    versions: page.versions.map((v) => ({
      version: v.version,
      origin: v.origin,
      basedOn: v.basedOn,
      salesDiscountBps: v.salesDiscountBps,
      publishedAt: time(v.publishedAt),
      validUntil: time(v.validUntil),
      expired: Boolean(v.validUntil && v.validUntil < now),
      changes: v.changes,
      tiers: page.tiers
        .filter((t) => t.version === v.version)
        .map((t) => ({
          tier: t.tier,
          availability: t.availability,
          currency: t.currency,
          monthlyMinor: t.monthlyMinor,
          setupMinor: t.setupMinor,
        })),
    })),
    discounts: page.discounts.map((d) => ({
      id: d.id,
      bps: d.bps,
      reason: d.reason,
      status: d.status,
      requesterName: d.requesterName,
      deciderName: d.deciderName,
      decisionReason: d.decisionReason,
      resultingVersion: d.resultingVersion,
      createdAt: time(d.createdAt),
      decidedAt: d.decidedAt ? time(d.decidedAt) : null,
    })),
    acceptance: acceptance
      ? {
          tier: acceptance.tier,
          version: acceptance.version,
          dueNowMinor: acceptance.dueNowMinor,
          monthlyMinor: acceptance.monthlyMinor,
          termsVersion: acceptance.termsVersion,
          name: acceptance.name,
          email: acceptance.email,
          company: acceptance.company,
          poNumber: acceptance.poNumber,
          ip: acceptance.ip,
          userAgent: acceptance.userAgent,
          acceptedAt: time(acceptance.acceptedAt),
          paidAt: acceptance.paidAt ? time(acceptance.paidAt) : null,
        }
      : null,
    billing: page.subscription
      ? {
          status: page.subscription.status,
          renewal: acceptance?.renewal ?? "end",
          startedAt: page.subscription.billingStartedAt ? time(page.subscription.billingStartedAt) : null,
          termEndsAt: page.subscription.termEndsAt ? time(page.subscription.termEndsAt) : null,
          nextChargeAt: page.subscription.currentPeriodEnd ? time(page.subscription.currentPeriodEnd) : null,
          overdueSince: page.subscription.overdueSince ? time(page.subscription.overdueSince) : null,
          suspensionFlaggedAt: page.subscription.suspensionFlaggedAt
            ? time(page.subscription.suspensionFlaggedAt)
            : null,
          invoices: page.invoices.map((i) => ({
            id: i.id,
            number: i.number ?? i.id,
            status: i.status,
            amountMinor: i.amountDueMinor,
            attempts: i.attemptCount,
            createdAt: time(i.stripeCreatedAt),
          })),
        }
      : null,
    payments: page.payments.map((p) => ({
      attempt: p.attempt,
      status: p.status,
      amountMinor: p.amountMinor,
      createdAt: time(p.createdAt),
      updatedAt: time(p.updatedAt),
    })),
    links: page.links.map((l) => ({
      id: l.id,
      version: l.proposalVersion,
      createdAt: time(l.createdAt),
      expiresAt: time(l.expiresAt),
      revokedAt: l.revokedAt ? time(l.revokedAt) : null,
      firstViewedAt: time(l.firstViewedAt, "not yet"),
      lastViewedAt: time(l.lastViewedAt, "not yet"),
      viewCount: l.viewCount,
    })),
  };
}

export type StaffSalesQuote = ReturnType<typeof staffSalesQuote>;
