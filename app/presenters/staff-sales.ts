import type { SalesQuotePage } from "~/models/sales.server";

/**
 * The staff sales page of one quote, from what app/models/sales.server.ts read: the quote, its
 * versions, acceptance, payments and share links as the page shows them (a link's token hash, an
 * acceptance's ids and the rows' internal columns stay on the server).
 */
export function staffSalesQuote(page: SalesQuotePage) {
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
      publishedAt: v.publishedAt,
      validUntil: v.validUntil,
      changes: v.changes,
    })),
    discounts: page.discounts,
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
          acceptedAt: acceptance.acceptedAt,
          paidAt: acceptance.paidAt,
        }
      : null,
    payments: page.payments.map((p) => ({
      attempt: p.attempt,
      status: p.status,
      amountMinor: p.amountMinor,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    })),
    links: page.links.map((l) => ({
      id: l.id,
      version: l.proposalVersion,
      createdAt: l.createdAt,
      expiresAt: l.expiresAt,
      revokedAt: l.revokedAt,
      firstViewedAt: l.firstViewedAt,
      lastViewedAt: l.lastViewedAt,
      viewCount: l.viewCount,
    })),
  };
}

export type StaffSalesQuote = ReturnType<typeof staffSalesQuote>;
