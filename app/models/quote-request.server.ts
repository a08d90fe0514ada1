import { type SQL, type Table, and, asc, desc, eq, getTableColumns, gt, isNull, lt, sql } from "drizzle-orm";
import { type Database, type Transaction, rowsOf } from "#db/client.server";
import { type PaymentStatus, type QuoteStatus, acceptances, auditLog, proposalLines, proposalVersions, proposals, quoteAccessTokens, quoteMessages, quoteRequests, workloads } from "#db/schema";
import { type CommerceState, commerceOf } from "./acceptance.server";
import { LRUCache } from "lru-cache";
import type { BusinessCalendar } from "~/domain/sla";
import { createReviewItem } from "./review-item.server";
import { recordVersion } from "./proposal-version.server";
import type { RuleTrace } from "~/domain/demand";
import type { CapacityBar, EngineResult, ProposedServer, RunsOutFirst } from "~/domain/engine";
import { type QuoteRequestInput, workloadSchema } from "~/domain/quote-input";
import { hashToken, looksLikeToken, newAccessToken } from "~/utils/token.server";
import { quoteLinkIdleDays } from "~/utils/env.server";

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

/** A link unused since before this moment has expired (QUOTE_LINK_IDLE_DAYS). */
function idleCutoff(now: Date, idleDays: number) {
  return new Date(now.getTime() - idleDays * 86_400_000);
}

/** The quote id behind a customer's private link, or null for any unknown, revoked or idle-expired token. */
export async function quoteIdByToken(db: Database, token: string, now = new Date(), idleDays = quoteLinkIdleDays()): Promise<string | null> {
  if (!looksLikeToken(token)) return null;
  const [access] = await db
    .select({ quoteRequestId: quoteAccessTokens.quoteRequestId })
    .from(quoteAccessTokens)
    .where(and(eq(quoteAccessTokens.tokenHash, hashToken(token)), isNull(quoteAccessTokens.revokedAt), gt(quoteAccessTokens.lastUsedAt, idleCutoff(now, idleDays))))
    .limit(1);
  return access?.quoteRequestId ?? null;
}

/** Writing the same row on every page view would be churn; an hour's precision is plenty for an expiry counted in days. */
const USE_RECORDING_GRANULARITY_MS = 3_600_000;

/**
 * Records that the link's holder used it, which keeps it from expiring. Called from the page's
 * POSTs (its view beacon and every customer action), never from the loader: a GET changes nothing.
 */
export async function recordQuoteLinkUse(db: Database, token: string, now = new Date(), idleDays = quoteLinkIdleDays()) {
  if (!looksLikeToken(token)) return;
  await db
    .update(quoteAccessTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(quoteAccessTokens.tokenHash, hashToken(token)),
        isNull(quoteAccessTokens.revokedAt),
        gt(quoteAccessTokens.lastUsedAt, idleCutoff(now, idleDays)),
        lt(quoteAccessTokens.lastUsedAt, new Date(now.getTime() - USE_RECORDING_GRANULARITY_MS)),
      ),
    );
}

/** An address's quotes, newest first, for e-mailing their links (the address compared in any case). */
export async function quotesByContactEmail(db: Database | Transaction, address: string, limit: number) {
  return db
    .select({ id: quoteRequests.id, createdAt: quoteRequests.createdAt, locale: quoteRequests.locale, name: quoteRequests.contactName, email: quoteRequests.contactEmail })
    .from(quoteRequests)
    .where(eq(sql`lower(${quoteRequests.contactEmail})`, address.trim().toLowerCase()))
    .orderBy(desc(quoteRequests.createdAt), desc(quoteRequests.id))
    .limit(limit);
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
    ...quoteFields(quote, shown, proposalRows, lineRows),
    workloads: workloadRows.map((w) => ({ position: w.position, kind: w.kind, name: w.name, params: workloadSchema.parse(w.params) })),
  };
}

/** The quote as its pages show it, with the proposals of the version shown. */
function quoteFields(
  quote: typeof quoteRequests.$inferSelect,
  version: number,
  proposalRows: (typeof proposals.$inferSelect)[],
  lineRows: (typeof proposalLines.$inferSelect)[],
): Omit<QuoteView, "workloads"> {
  return {
    id: quote.id,
    status: quote.status,
    version,
    publishedVersion: quote.publishedVersion,
    declineReason: quote.declineReason,
    locale: quote.locale,
    contactName: quote.contactName,
    company: quote.company,
    createdAt: quote.createdAt.toISOString(),
    requirements: quote.requirements,
    demand: quote.demand,
    reviewReasons: quote.reviewReasons,
    proposals: proposalRows.map((p) => proposalView(p, lineRows)),
  };
}

function proposalView(p: typeof proposals.$inferSelect, lineRows: (typeof proposalLines.$inferSelect)[]): QuoteView["proposals"][number] {
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
      .map((l) => ({ kind: l.kind, sku: l.sku, name: l.name, quantity: l.quantity, unitMonthlyMinor: l.unitMonthlyMinor, monthlyMinor: l.monthlyMinor, setupMinor: l.setupMinor, why: l.why })),
  };
}

/** A table row from its JSON form (row_to_json): column names to fields, each value through drizzle's own mapping. */
function rowOf<T extends Table>(table: T, json: Record<string, unknown>): T["$inferSelect"] {
  const row: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[field] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T["$inferSelect"];
}

/** What the customer's quote page shows: the quote without its workload inputs, the timeline, the commerce state. */
export interface CustomerPage {
  quote: Omit<QuoteView, "workloads">;
  timeline: { id: string; authorType: "staff" | "customer" | "system"; event: string | null; body: string | null; createdAt: string }[];
  commerce: CommerceState;
}

/*
 * The customer's page is the most viewed page and customers reload it while they wait, so it is
 * read in at most two statements, and usually in one small one:
 *   1. the quote id, the version shown and the page's revision: every row the page shows, by its
 *      xmin (the transaction that last wrote it), so any insert or update of any of them changes it;
 *   2. only when this instance has not read that revision yet: everything on the page, with its
 *      revision, as JSON in one round trip.
 * The rows are kept per instance by quote and version (LRU); a second instance keeps its own, and
 * nothing needs invalidating because a stale revision is never served. The commerce state depends
 * on the clock (expiry), so it is worked out from the rows on every request.
 */
const revision = sql`concat_ws('|', q.xmin,
  (select string_agg(p.xmin::text, ',' order by p.id) from proposals p where p.quote_request_id = q.id and p.version = t.version),
  (select string_agg(l.xmin::text, ',' order by l.id) from proposal_lines l join proposals p on p.id = l.proposal_id where p.quote_request_id = q.id and p.version = t.version),
  (select string_agg(m.xmin::text, ',' order by m.id) from quote_messages m where m.quote_request_id = q.id),
  (select v.xmin from proposal_versions v where v.quote_request_id = q.id and v.version = t.version),
  (select a.xmin::text || ':' || coalesce((select string_agg(p.xmin::text, ',' order by p.id) from payments p where p.acceptance_id = a.id), '') from acceptances a where a.quote_request_id = q.id))`;

interface PageRows {
  revision: string;
  quote: CustomerPage["quote"];
  timeline: CustomerPage["timeline"];
  version: typeof proposalVersions.$inferSelect | null;
  acceptance: typeof acceptances.$inferSelect | null;
  paymentStatus: PaymentStatus | null;
}

const pageRows = new LRUCache<string, PageRows>({ max: 1000 });

async function customerPage(db: Database, target: SQL, now: Date): Promise<CustomerPage | null> {
  const [current] = rowsOf<{ quote_id: string; version: number; revision: string }>(
    await db.execute(sql`with target as (${target}) select t.quote_id, t.version, ${revision} as revision from target t join quote_requests q on q.id = t.quote_id limit 1`),
  );
  if (!current) return null;
  const key = `${current.quote_id}:${current.version}`;
  let rows = pageRows.get(key);
  if (rows?.revision !== current.revision) {
    rows = (await readPage(db, current.quote_id, current.version)) ?? undefined;
    if (!rows) return null;
    pageRows.set(key, rows);
  }
  return { quote: rows.quote, timeline: rows.timeline, commerce: commerceOf(rows.quote, rows.quote.version, rows.version, rows.acceptance, rows.paymentStatus, now) };
}

/** Everything on the customer's page, with its revision, in one statement. */
async function readPage(db: Database, quoteId: string, version: number): Promise<PageRows | null> {
  const result = await db.execute(sql`
    with t as (select ${quoteId}::uuid as quote_id, ${version}::integer as version)
    select ${revision} as revision, row_to_json(q) as quote,
      (select coalesce(json_agg(row_to_json(p) order by p.position), '[]') from proposals p where p.quote_request_id = q.id and p.version = t.version) as proposals,
      (select coalesce(json_agg(row_to_json(l) order by l.position), '[]') from proposal_lines l join proposals p on p.id = l.proposal_id where p.quote_request_id = q.id and p.version = t.version) as lines,
      (select coalesce(json_agg(json_build_object('id', m.id, 'authorType', m.author_type, 'event', m.event, 'body', m.body, 'createdAt', m.created_at) order by m.created_at), '[]')
         from quote_messages m where m.quote_request_id = q.id) as timeline,
      (select row_to_json(v) from proposal_versions v where v.quote_request_id = q.id and v.version = t.version) as version_row,
      (select row_to_json(a) from acceptances a where a.quote_request_id = q.id limit 1) as acceptance,
      (select p.status from payments p join acceptances a on a.id = p.acceptance_id where a.quote_request_id = q.id order by p.attempt desc limit 1) as payment_status
    from t join quote_requests q on q.id = t.quote_id
    limit 1`);
  const [raw] = rowsOf<{
    revision: string;
    quote: Record<string, unknown>;
    proposals: Record<string, unknown>[];
    lines: Record<string, unknown>[];
    timeline: CustomerPage["timeline"];
    version_row: Record<string, unknown> | null;
    acceptance: Record<string, unknown> | null;
    payment_status: PaymentStatus | null;
  }>(result);
  if (!raw) return null;
  return {
    revision: raw.revision,
    quote: quoteFields(
      rowOf(quoteRequests, raw.quote),
      version,
      raw.proposals.map((p) => rowOf(proposals, p)),
      raw.lines.map((l) => rowOf(proposalLines, l)),
    ),
    timeline: raw.timeline.map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() })),
    version: raw.version_row ? rowOf(proposalVersions, raw.version_row) : null,
    acceptance: raw.acceptance ? rowOf(acceptances, raw.acceptance) : null,
    paymentStatus: raw.payment_status,
  };
}

/** The customer's page behind their private link (the published version), or null for an unknown, revoked or idle-expired token. */
export async function customerPageByToken(db: Database, token: string, now = new Date(), idleDays = quoteLinkIdleDays()): Promise<CustomerPage | null> {
  if (!looksLikeToken(token)) return null;
  return customerPage(
    db,
    sql`select t.quote_request_id as quote_id, q.published_version as version from quote_access_tokens t join quote_requests q on q.id = t.quote_request_id
        where t.token_hash = ${hashToken(token)} and t.revoked_at is null and t.last_used_at > ${idleCutoff(now, idleDays).toISOString()}::timestamptz limit 1`,
    now,
  );
}

/** One version of a quote as its customer sees it; only for callers that have already checked access (a live share link). */
export async function customerPageById(db: Database, quoteId: string, version: number, now = new Date()): Promise<CustomerPage | null> {
  return customerPage(db, sql`select ${quoteId}::uuid as quote_id, ${version}::integer as version`, now);
}
