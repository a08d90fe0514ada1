import { randomUUID } from "node:crypto";
import type { BookCurrency } from "~/domain/price-book";
import { type SQLWrapper, and, asc, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import {
  type QuoteStatus,
  auditLog,
  outboxMessages,
  proposalLines,
  proposalVersions,
  proposals,
  quoteAccessTokens,
  quoteMessages,
  quoteRequests,
  workloads,
} from "#db/schema";
import type { BusinessCalendar } from "~/domain/sla";
import { createReviewItem } from "./review-item.server";
import type { OutgoingEmail } from "./outbox.server";
import { versionRow } from "./proposal-version.server";
import type { RuleTrace } from "~/domain/trace";
import type { OverriddenMigrationPlan } from "~/domain/migration-override";
import type { CapacityBar, EngineResult, ProposedServer, RunsOutFirst } from "~/domain/engine";
import { type QuoteRequestInput, workloadSchema } from "~/domain/quote-input";
import { hashToken, looksLikeToken, newAccessToken } from "~/utils/token.server";
import { quoteLinkIdleDays } from "~/utils/env.server";

export interface CreatedQuote {
  id: string;
  token: string;
  status: QuoteStatus;
}

/** Work that must commit with the quote (e-mails through the outbox). */
export type QuoteCreatedHook = (
  tx: Executor,
  created: { id: string; token: string; reviewItemId: string | null; reviewCodes: string[] },
) => Promise<void>;

/** E-mails queued with the quote, in the statement that stores it (they know its id and link token). */
export type QuoteEmails = (created: { id: string; token: string }) => OutgoingEmail[];

/**
 * Stores a quote request, its workloads, the engine's proposals with every line, the version row,
 * the customer's access token (hashed), its history and audit entries and the e-mails `emails`
 * gives, all or nothing: in ONE statement (data-modifying CTEs; ids are made here, so no insert
 * waits for another's RETURNING). A quote a technician must look at also gets its review item,
 * and `afterCreate` runs, in the same transaction.
 */
export async function createQuoteRequest(
  db: Executor,
  input: QuoteRequestInput,
  result: EngineResult,
  priceBookId: number,
  locale: string,
  calendar: BusinessCalendar,
  now = new Date(),
  afterCreate?: QuoteCreatedHook,
  emails?: QuoteEmails,
): Promise<CreatedQuote> {
  const token = newAccessToken();
  const id = randomUUID();
  const status = result.review.required ? "needs_review" : "proposed";
  const proposalIds = result.proposals.map(() => randomUUID());
  const lines = result.proposals.flatMap((p, index) =>
    p.lines.map((l, i) => ({
      proposalId: proposalIds[index]!,
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
  const queued = emails?.({ id, token }) ?? [];
  // Each part is an INSERT without RETURNING; foreign keys are checked at the end of the statement,
  // when every row is there. Drizzle still maps every value through its column (jsonb, timestamps).
  const parts: [string, SQLWrapper | null][] = [
    [
      "quote",
      db.insert(quoteRequests).values({
        id,
        status,
        locale,
        contactName: input.contact.name,
        contactEmail: input.contact.email,
        company: input.contact.company || null,
        requirements: input.requirements,
        priceBookId,
        currency: result.currency,
        demand: result.demand,
        reviewRequired: result.review.required,
        reviewReasons: result.review.reasons,
        // The plan that priced the migration lines below: both land in this statement, or neither.
        migrationPlan: result.migration,
      }),
    ],
    ["token", db.insert(quoteAccessTokens).values({ quoteRequestId: id, tokenHash: hashToken(token) })],
    [
      "workloads",
      input.workloads.length
        ? db.insert(workloads).values(
            input.workloads.map((w, position) => ({
              quoteRequestId: id,
              position,
              kind: w.kind,
              name: w.name || null,
              params: w,
            })),
          )
        : null,
    ],
    [
      "proposals",
      result.proposals.length
        ? db.insert(proposals).values(
            result.proposals.map((p, position) => ({
              id: proposalIds[position]!,
              quoteRequestId: id,
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
            })),
          )
        : null,
    ],
    ["lines", lines.length ? db.insert(proposalLines).values(lines) : null],
    [
      "version",
      db
        .insert(proposalVersions)
        .values(
          versionRow(
            { quoteRequestId: id, version: 1, origin: "engine", priceBookId, publish: !result.review.required },
            now,
          ),
        ),
    ],
    [
      "message",
      db.insert(quoteMessages).values({
        quoteRequestId: id,
        authorType: "system",
        event: status === "needs_review" ? "submitted_for_review" : "submitted",
      }),
    ],
    [
      "audit",
      db.insert(auditLog).values({
        entityType: "quote_request",
        entityId: id,
        action: "created",
        actor: "customer",
        fromStatus: null,
        toStatus: status,
        data: {
          proposals: result.proposals.length,
          reviewReasons: result.review.reasons.map((r) => r.code),
          priceBookVersion: result.priceBookVersion,
        },
      }),
    ],
    [
      "emails",
      queued.length
        ? db
            .insert(outboxMessages)
            .values(
              queued.map((e) => ({ toAddress: e.to, subject: e.subject, textBody: e.text, template: e.template })),
            )
        : null,
    ],
  ];
  const store = sql`with ${sql.join(
    parts.flatMap(([name, insert]) => (insert ? [sql`${sql.identifier(name)} as ${insert}`] : [])),
    sql`, `,
  )} select 1`;
  // Nothing else to do: the one statement is the whole transaction.
  if (!result.review.required && !afterCreate) {
    await db.execute(store);
    return { id, token, status };
  }
  await db.transaction(async (tx) => {
    await tx.execute(store);
    const reviewItemId = result.review.required
      ? await createReviewItem(tx, id, result.review.reasons, calendar, now)
      : null;
    await afterCreate?.(tx, { id, token, reviewItemId, reviewCodes: result.review.reasons.map((r) => r.code) });
  });
  return { id, token, status };
}

export interface QuoteView {
  id: string;
  status: QuoteStatus;
  version: number;
  publishedVersion: number;
  /** Every price of the quote is in it (its price book's currency). */
  currency: BookCurrency;
  declineReason: string | null;
  locale: string;
  contactName: string;
  company: string | null;
  createdAt: string;
  requirements: typeof quoteRequests.$inferSelect.requirements;
  demand: typeof quoteRequests.$inferSelect.demand;
  reviewReasons: typeof quoteRequests.$inferSelect.reviewReasons;
  /** The move from the old server as the shown version has it (a technician's override, else the planner's); null: not moving. */
  migrationPlan: OverriddenMigrationPlan | null;
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

/** A link unused since before this moment has expired (QUOTE_LINK_IDLE_DAYS). */
export function linkIdleCutoff(now: Date, idleDays: number) {
  return new Date(now.getTime() - idleDays * 86_400_000);
}

/** The quote id behind a customer's private link, or null for any unknown, revoked or idle-expired token. */
export async function quoteIdByToken(
  db: Executor,
  token: string,
  now = new Date(),
  idleDays = quoteLinkIdleDays(),
): Promise<string | null> {
  if (!looksLikeToken(token)) return null;
  const [access] = await db
    .select({ quoteRequestId: quoteAccessTokens.quoteRequestId })
    .from(quoteAccessTokens)
    .where(
      and(
        eq(quoteAccessTokens.tokenHash, hashToken(token)),
        isNull(quoteAccessTokens.revokedAt),
        gt(quoteAccessTokens.lastUsedAt, linkIdleCutoff(now, idleDays)),
      ),
    )
    .limit(1);
  return access?.quoteRequestId ?? null;
}

/** Writing the same row on every page view would be churn; an hour's precision is plenty for an expiry counted in days. */
const USE_RECORDING_GRANULARITY_MS = 3_600_000;

/**
 * Records that the link's holder used it, which keeps it from expiring. Called from the page's
 * POSTs (its view beacon and every customer action), never from the loader: a GET changes nothing.
 */
export async function recordQuoteLinkUse(
  db: Executor,
  token: string,
  now = new Date(),
  idleDays = quoteLinkIdleDays(),
) {
  if (!looksLikeToken(token)) return;
  await db
    .update(quoteAccessTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(quoteAccessTokens.tokenHash, hashToken(token)),
        isNull(quoteAccessTokens.revokedAt),
        gt(quoteAccessTokens.lastUsedAt, linkIdleCutoff(now, idleDays)),
        lt(quoteAccessTokens.lastUsedAt, new Date(now.getTime() - USE_RECORDING_GRANULARITY_MS)),
      ),
    );
}

/** An address's quotes, newest first, for e-mailing their links (the address compared in any case). */
export async function quotesByContactEmail(db: Executor, address: string, limit: number) {
  return db
    .select({
      id: quoteRequests.id,
      createdAt: quoteRequests.createdAt,
      locale: quoteRequests.locale,
      name: quoteRequests.contactName,
      email: quoteRequests.contactEmail,
    })
    .from(quoteRequests)
    .where(eq(sql`lower(${quoteRequests.contactEmail})`, address.trim().toLowerCase()))
    .orderBy(desc(quoteRequests.createdAt), desc(quoteRequests.id))
    .limit(limit);
}

/** Only for callers that have already checked access (the token, or a staff permission). */
export async function getQuoteById(db: Executor, id: string, version?: number): Promise<QuoteView | null> {
  const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.id, id)).limit(1);
  return quote ? viewOf(db, quote, version) : null;
}

async function viewOf(db: Executor, quote: typeof quoteRequests.$inferSelect, version?: number): Promise<QuoteView> {
  const shown = version ?? quote.publishedVersion;
  const [workloadRows, proposalRows, lineRows, [versionRow]] = await Promise.all([
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
    db
      .select({ migrationPlan: proposalVersions.migrationPlan })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.quoteRequestId, quote.id), eq(proposalVersions.version, shown)))
      .limit(1),
  ]);
  return {
    ...quoteFields(quote, shown, proposalRows, lineRows, versionRow?.migrationPlan ?? null),
    workloads: workloadRows.map((w) => ({
      position: w.position,
      kind: w.kind,
      name: w.name,
      params: workloadSchema.parse(w.params),
    })),
  };
}

/** The quote as its pages show it, with the proposals of the version shown (the staff read above, the customer's page in customer-page.server.ts). */
export function quoteFields(
  quote: typeof quoteRequests.$inferSelect,
  version: number,
  proposalRows: (typeof proposals.$inferSelect)[],
  lineRows: (typeof proposalLines.$inferSelect)[],
  versionPlan: OverriddenMigrationPlan | null = null,
): Omit<QuoteView, "workloads"> {
  return {
    id: quote.id,
    status: quote.status,
    version,
    publishedVersion: quote.publishedVersion,
    currency: quote.currency,
    declineReason: quote.declineReason,
    locale: quote.locale,
    contactName: quote.contactName,
    company: quote.company,
    createdAt: quote.createdAt.toISOString(),
    requirements: quote.requirements,
    demand: quote.demand,
    reviewReasons: quote.reviewReasons,
    migrationPlan: versionPlan ?? quote.migrationPlan ?? null,
    proposals: proposalRows.map((p) => proposalView(p, lineRows)),
  };
}

function proposalView(
  p: typeof proposals.$inferSelect,
  lineRows: (typeof proposalLines.$inferSelect)[],
): QuoteView["proposals"][number] {
  return {
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
      .map((l) => ({
        kind: l.kind,
        sku: l.sku,
        name: l.name,
        quantity: l.quantity,
        unitMonthlyMinor: l.unitMonthlyMinor,
        monthlyMinor: l.monthlyMinor,
        setupMinor: l.setupMinor,
        why: l.why,
      })),
  };
}
