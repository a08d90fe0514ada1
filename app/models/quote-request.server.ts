import { randomUUID } from "node:crypto";
import type { BookCurrency } from "~/domain/price-book";
import { and, asc, desc, eq, getTableColumns, getTableName, gt, isNull, lt, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
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

type Row<T extends PgTable, K extends keyof T["$inferInsert"]> = Pick<T["$inferInsert"], K>;
type QuoteKey =
  | "id"
  | "status"
  | "locale"
  | "contactName"
  | "contactEmail"
  | "company"
  | "requirements"
  | "priceBookId"
  | "currency"
  | "demand"
  | "reviewRequired"
  | "reviewReasons"
  | "migrationPlan";
type TokenKey = "quoteRequestId" | "tokenHash";
type WorkloadKey = "quoteRequestId" | "position" | "kind" | "name" | "params";
type ProposalKey = Exclude<keyof typeof proposals.$inferInsert, "createdAt">;
type LineKey = Exclude<keyof typeof proposalLines.$inferInsert, "id">;
type VersionKey = Exclude<keyof typeof proposalVersions.$inferInsert, "migrationPlan">;
type MessageKey = "quoteRequestId" | "authorType" | "event";
type AuditKey = "entityType" | "entityId" | "action" | "actor" | "fromStatus" | "toStatus" | "data";
type EmailKey = "toAddress" | "subject" | "textBody" | "template" | "attachment";

/** Each table's columns that createQuoteRequest writes (the others take their defaults), in statement order. */
const STORED = {
  quote: [
    quoteRequests,
    [
      "id",
      "status",
      "locale",
      "contactName",
      "contactEmail",
      "company",
      "requirements",
      "priceBookId",
      "currency",
      "demand",
      "reviewRequired",
      "reviewReasons",
      "migrationPlan",
    ] satisfies QuoteKey[],
  ],
  token: [quoteAccessTokens, ["quoteRequestId", "tokenHash"] satisfies TokenKey[]],
  workloads: [workloads, ["quoteRequestId", "position", "kind", "name", "params"] satisfies WorkloadKey[]],
  proposals: [
    proposals,
    [
      "id",
      "quoteRequestId",
      "version",
      "tier",
      "position",
      "availability",
      "currency",
      "termMonths",
      "setupMinor",
      "monthlyMinor",
      "termTotalMinor",
      "servers",
      "capacity",
      "explanation",
      "failure",
      "runsOutFirst",
    ] satisfies ProposalKey[],
  ],
  lines: [
    proposalLines,
    [
      "proposalId",
      "position",
      "kind",
      "sku",
      "name",
      "quantity",
      "unitMonthlyMinor",
      "unitSetupMinor",
      "monthlyMinor",
      "setupMinor",
      "why",
    ] satisfies LineKey[],
  ],
  version: [
    proposalVersions,
    [
      "quoteRequestId",
      "version",
      "origin",
      "basedOn",
      "priceBookId",
      "salesDiscountBps",
      "changes",
      "createdBy",
      "createdAt",
      "publishedAt",
      "validUntil",
    ] satisfies VersionKey[],
  ],
  message: [quoteMessages, ["quoteRequestId", "authorType", "event"] satisfies MessageKey[]],
  audit: [
    auditLog,
    ["entityType", "entityId", "action", "actor", "fromStatus", "toStatus", "data"] satisfies AuditKey[],
  ],
  emails: [outboxMessages, ["toAddress", "subject", "textBody", "template", "attachment"] satisfies EmailKey[]],
} as const satisfies Record<string, readonly [PgTable, readonly string[]]>;
type StoredTable = keyof typeof STORED;
const STORED_TABLES = Object.keys(STORED) as StoredTable[];

/**
 * The statement that stores a new quote, written by hand on purpose: a FIXED text with one JSON
 * parameter per table, each row set unpacked by jsonb_to_recordset. Drizzle's insert builder would
 * map every value of every row (hundreds of parameters, a new text per request): measured at about
 * a quarter of a submission's server time, plus parsing that new text each time. This text never
 * changes, so postgres.js prepares it once per connection. Column names and types come from the
 * drizzle tables; the JSON keys are their property names. Each part is an INSERT without RETURNING
 * (ids are made in createQuoteRequest); foreign keys are checked at the end of the statement, when
 * every row is there.
 */
let storeQuoteText: string | undefined;
function storeQuoteSql(): string {
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
  storeQuoteText ??= `with ${STORED_TABLES.map((name, index) => {
    const [table, keys] = STORED[name];
    const columns = getTableColumns(table) as Record<string, PgColumn>;
    const typed = keys.map((key) => ({ key, column: columns[key]! }));
    return (
      `${q(name)} as (insert into ${q(getTableName(table))} (${typed.map((c) => q(c.column.name)).join(", ")}) ` +
      `select ${typed.map((c) => q(c.key)).join(", ")} from jsonb_to_recordset($${index + 1}::text::jsonb) ` +
      `as r(${typed.map((c) => `${q(c.key)} ${c.column.getSQLType()}`).join(", ")}))`
    );
  }).join(", ")} select 1`;
  return storeQuoteText;
}

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
  // One JSON text per table, in STORE_QUOTE's parameter order ($1 … $9); a JSON null is an SQL NULL.
  const tables: Record<StoredTable, unknown[]> = {
    quote: [
      {
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
        migrationPlan: result.migration ?? null,
      } satisfies Row<typeof quoteRequests, QuoteKey>,
    ],
    token: [{ quoteRequestId: id, tokenHash: hashToken(token) } satisfies Row<typeof quoteAccessTokens, TokenKey>],
    workloads: input.workloads.map((w, position): Row<typeof workloads, WorkloadKey> => ({
      quoteRequestId: id,
      position,
      kind: w.kind,
      name: w.name || null,
      params: w,
    })),
    proposals: result.proposals.map((p, position): Row<typeof proposals, ProposalKey> => ({
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
      failure: p.failure ?? null,
      runsOutFirst: p.runsOutFirst ?? null,
    })),
    lines: lines satisfies Row<typeof proposalLines, LineKey>[],
    version: [
      versionRow(
        { quoteRequestId: id, version: 1, origin: "engine", priceBookId, publish: !result.review.required },
        now,
      ) satisfies Row<typeof proposalVersions, VersionKey>,
    ],
    message: [
      {
        quoteRequestId: id,
        authorType: "system",
        event: status === "needs_review" ? "submitted_for_review" : "submitted",
      } satisfies Row<typeof quoteMessages, MessageKey>,
    ],
    audit: [
      {
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
      } satisfies Row<typeof auditLog, AuditKey>,
    ],
    emails: queued.map((e): Row<typeof outboxMessages, EmailKey> => ({
      toAddress: e.to,
      subject: e.subject,
      textBody: e.text,
      template: e.template,
      attachment: e.attachment ?? null,
    })),
  };
  const params = STORED_TABLES.map((name) => JSON.stringify(tables[name]));
  const store = (on: Executor) =>
    // A named query: postgres.js prepares the fixed text once per connection (db.execute() never names one).
    on._.session.prepareQuery({ sql: storeQuoteSql(), params }, undefined, "store_quote", false).execute();
  // Nothing else to do: the one statement is the whole transaction.
  if (!result.review.required && !afterCreate) {
    await store(db);
    return { id, token, status };
  }
  await db.transaction(async (tx) => {
    await store(tx);
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
  /** The running service this quote upgrades (an acceptance id), or null (billing-change.server.ts). */
  upgradesAcceptanceId: string | null;
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
      currency: quoteRequests.currency,
      /** The lowest monthly price of the version the customer sees ("from … a month"); null without proposals. */
      fromMonthlyMinor: sql<number | null>`(select min(p.monthly_minor) from proposals p
        where p.quote_request_id = quote_requests.id and p.version = quote_requests.published_version)`.mapWith(
        (v: unknown) => (v === null ? null : Number(v)),
      ),
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
    upgradesAcceptanceId: quote.upgradesAcceptanceId ?? null,
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
