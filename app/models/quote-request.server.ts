import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database, Transaction } from "#db/client.server";
import { type QuoteStatus, auditLog, proposalLines, proposals, quoteAccessTokens, quoteMessages, quoteRequests, workloads } from "#db/schema";
import type { BusinessCalendar } from "~/domain/sla";
import { createReviewItem } from "./review-item.server";
import { recordVersion } from "./proposal-version.server";
import type { RuleTrace } from "~/domain/demand";
import type { CapacityBar, EngineResult, ProposedServer, RunsOutFirst } from "~/domain/engine";
import { type QuoteRequestInput, workloadSchema } from "~/domain/quote-input";
import { hashToken, looksLikeToken, newAccessToken } from "~/utils/token.server";

export interface CreatedQuote {
  id: string;
  token: string;
  status: QuoteStatus;
}

/**
 * Stores a quote request, its workloads, the engine's proposals with every line, the customer's
 * access token (hashed) and an audit entry, all in one transaction: all or nothing.
 */
type Tx = Transaction;

/** Work that must commit with the quote (e-mails through the outbox). */
export type QuoteCreatedHook = (tx: Tx, created: { id: string; token: string; reviewItemId: string | null; reviewCodes: string[] }) => Promise<void>;

export async function createQuoteRequest(db: Database, input: QuoteRequestInput, result: EngineResult, priceBookId: number, locale: string, calendar: BusinessCalendar, now = new Date(), afterCreate?: QuoteCreatedHook): Promise<CreatedQuote> {
  const token = newAccessToken();
  const status = result.review.required ? "needs_review" : "proposed";
  const id = await db.transaction(async (tx) => {
    const [quote] = await tx
      .insert(quoteRequests)
      .values({
        status,
        locale,
        contactName: input.contact.name,
        contactEmail: input.contact.email,
        company: input.contact.company || null,
        requirements: input.requirements,
        priceBookId,
        demand: result.demand,
        reviewRequired: result.review.required,
        reviewReasons: result.review.reasons,
      })
      .returning({ id: quoteRequests.id });
    if (!quote) throw new Error("quote request insert returned nothing");
    await tx.insert(quoteAccessTokens).values({ quoteRequestId: quote.id, tokenHash: hashToken(token) });
    await tx.insert(workloads).values(
      input.workloads.map((w, position) => ({ quoteRequestId: quote.id, position, kind: w.kind, name: w.name || null, params: w })),
    );
    for (const [position, p] of result.proposals.entries()) {
      const [row] = await tx
        .insert(proposals)
        .values({
          quoteRequestId: quote.id,
          version: 1,
          tier: p.tier,
          position,
          availability: p.availability,
          currency: p.totals.currency,
          termMonths: p.totals.termMonths,
          setupMinor: p.totals.setupMinor,
          monthlyMinor: p.totals.monthlyMinor,
          termTotalMinor: p.totals.termTotalMinor,
          servers: p.servers,
          capacity: p.capacity,
          explanation: p.explanation,
          failure: p.failure,
          runsOutFirst: p.runsOutFirst,
        })
        .returning({ id: proposals.id });
      if (!row) throw new Error("proposal insert returned nothing");
      await tx.insert(proposalLines).values(
        p.lines.map((l, i) => ({
          proposalId: row.id,
          position: i,
          kind: l.kind,
          sku: l.sku,
          name: l.name,
          quantity: l.quantity,
          unitMonthlyMinor: l.unitMonthlyMinor,
          unitSetupMinor: l.unitSetupMinor,
          monthlyMinor: l.monthlyMinor,
          setupMinor: l.setupMinor,
          why: l.why,
        })),
      );
    }
    await recordVersion(tx, { quoteRequestId: quote.id, version: 1, origin: "engine", priceBookId, publish: !result.review.required }, now);
    const reviewItemId = result.review.required ? await createReviewItem(tx, quote.id, result.review.reasons, calendar, now) : null;
    await tx.insert(quoteMessages).values({ quoteRequestId: quote.id, authorType: "system", event: status === "needs_review" ? "submitted_for_review" : "submitted" });
    await tx.insert(auditLog).values({
      entityType: "quote_request",
      entityId: quote.id,
      action: "created",
      actor: "customer",
      fromStatus: null,
      toStatus: status,
      data: { proposals: result.proposals.length, reviewReasons: result.review.reasons.map((r) => r.code), priceBookVersion: result.priceBookVersion },
    });
    await afterCreate?.(tx, { id: quote.id, token, reviewItemId, reviewCodes: result.review.reasons.map((r) => r.code) });
    return quote.id;
  });
  return { id, token, status };
}

export interface QuoteView {
  id: string;
  status: QuoteStatus;
  version: number;
  publishedVersion: number;
  declineReason: string | null;
  locale: string;
  contactName: string;
  company: string | null;
  createdAt: string;
  requirements: typeof quoteRequests.$inferSelect.requirements;
  demand: typeof quoteRequests.$inferSelect.demand;
  reviewReasons: typeof quoteRequests.$inferSelect.reviewReasons;
  workloads: { position: number; kind: string; name: string | null; params: unknown }[];
  proposals: {
    id: string;
    tier: "lean" | "balanced" | "resilient";
    availability: string;
    termMonths: number;
    setupMinor: number;
    monthlyMinor: number;
    termTotalMinor: number;
    servers: ProposedServer[];
    capacity: CapacityBar[];
    explanation: RuleTrace[];
    failure: RuleTrace | null;
    runsOutFirst: RunsOutFirst | null;
    lines: {
      kind: string;
      sku: string | null;
      name: string;
      quantity: number;
      unitMonthlyMinor: number;
      monthlyMinor: number;
      setupMinor: number;
      why: RuleTrace[];
    }[];
  }[];
}

/** The quote id behind a customer's private link, or null for any unknown or revoked token. */
export async function quoteIdByToken(db: Database, token: string): Promise<string | null> {
  if (!looksLikeToken(token)) return null;
  const [access] = await db
    .select({ quoteRequestId: quoteAccessTokens.quoteRequestId })
    .from(quoteAccessTokens)
    .where(and(eq(quoteAccessTokens.tokenHash, hashToken(token)), isNull(quoteAccessTokens.revokedAt)))
    .limit(1);
  return access?.quoteRequestId ?? null;
}

/** The quote behind a customer's private link, or null for any unknown or revoked token. */
export async function getQuoteByToken(db: Database, token: string): Promise<QuoteView | null> {
  if (!looksLikeToken(token)) return null;
  // One round trip for the link and the quote, then one for everything shown with it.
  const [row] = await db
    .select({ quote: quoteRequests })
    .from(quoteAccessTokens)
    .innerJoin(quoteRequests, eq(quoteRequests.id, quoteAccessTokens.quoteRequestId))
    .where(and(eq(quoteAccessTokens.tokenHash, hashToken(token)), isNull(quoteAccessTokens.revokedAt)))
    .limit(1);
  return row ? viewOf(db, row.quote) : null;
}

/** Only for callers that have already checked access (the token, or a staff permission). */
export async function getQuoteById(db: Database, id: string, version?: number): Promise<QuoteView | null> {
  const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, id)).limit(1);
  return quote ? viewOf(db, quote, version) : null;
}

async function viewOf(db: Database, quote: typeof quoteRequests.$inferSelect, version?: number): Promise<QuoteView> {
  const shown = version ?? quote.publishedVersion;
  const [workloadRows, proposalRows, lineRows] = await Promise.all([
    db.select().from(workloads).where(eq(workloads.quoteRequestId, quote.id)).orderBy(asc(workloads.position)),
    db
      .select()
      .from(proposals)
      .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, shown)))
      .orderBy(asc(proposals.position)),
    db
      .select({ line: proposalLines })
      .from(proposalLines)
      .innerJoin(proposals, eq(proposals.id, proposalLines.proposalId))
      .where(and(eq(proposals.quoteRequestId, quote.id), eq(proposals.version, shown)))
      .orderBy(asc(proposalLines.position))
      .then((rows) => rows.map((r) => r.line)),
  ]);
  return {
    id: quote.id,
    status: quote.status,
    version: shown,
    publishedVersion: quote.publishedVersion,
    declineReason: quote.declineReason,
    locale: quote.locale,
    contactName: quote.contactName,
    company: quote.company,
    createdAt: quote.createdAt.toISOString(),
    requirements: quote.requirements,
    demand: quote.demand,
    reviewReasons: quote.reviewReasons,
    workloads: workloadRows.map((w) => ({ position: w.position, kind: w.kind, name: w.name, params: workloadSchema.parse(w.params) })),
    proposals: proposalRows.map((p) => ({
      id: p.id,
      tier: p.tier,
      availability: p.availability,
      termMonths: p.termMonths,
      setupMinor: p.setupMinor,
      monthlyMinor: p.monthlyMinor,
      termTotalMinor: p.termTotalMinor,
      servers: p.servers as ProposedServer[],
      capacity: p.capacity as CapacityBar[],
      explanation: p.explanation,
      failure: p.failure ?? null,
      runsOutFirst: p.runsOutFirst ?? null,
      lines: lineRows
        .filter((l) => l.proposalId === p.id)
        .map((l) => ({ kind: l.kind, sku: l.sku, name: l.name, quantity: l.quantity, unitMonthlyMinor: l.unitMonthlyMinor, monthlyMinor: l.monthlyMinor, setupMinor: l.setupMinor, why: l.why })),
    })),
  };
}
