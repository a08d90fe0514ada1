import { type InferSelectModel, type SQL, type Table, getTableColumns, sql } from "drizzle-orm";
import { type Executor, rowsOf } from "#db/client.server";
import { type PaymentStatus, acceptances, proposalLines, proposalVersions, proposals, quoteRequests } from "#db/schema";
import type { QuotedProducts } from "~/domain/product-facts";
import { quoteLinkIdleDays } from "~/utils/env.server";
import { hashToken, looksLikeToken } from "~/utils/token.server";
import { type CommerceState, commerceOf } from "./acceptance.server";
import { RevisionCache } from "./customer-page-cache.server";
import { type QuoteView, linkIdleCutoff, quoteFields } from "./quote-request.server";

/** What the customer's quote page shows: the quote without its workload inputs, the timeline, the commerce state. */
export interface CustomerPage {
  quote: Omit<QuoteView, "workloads">;
  timeline: {
    id: string;
    authorType: "staff" | "customer" | "system";
    event: string | null;
    body: string | null;
    createdAt: string;
    /** The line a "line_question" is about, as stored when it was asked. */
    lineRef?: { proposalId: string; position: number; label: string } | null;
  }[];
  commerce: CommerceState;
  /** The catalog rows behind the version's lines, for names in the reader's language and what each includes. */
  products: QuotedProducts;
}

/*
 * The customer's page is the most viewed page and customers reload it while they wait, so it is
 * read in at most two statements, and usually in one small one (ADR 009):
 *   1. the quote id, the version shown and the page's revision: every row the page shows, by its
 *      xmin (the transaction that last wrote it), so any insert or update of any of them changes it,
 *      and the catalog revision (product names and facts are the catalog's, read with the page);
 *   2. only when this instance has not read that revision yet: everything on the page, with its
 *      revision, as JSON in one round trip.
 * The rows are kept per instance by quote and version (RevisionCache); a second instance keeps its
 * own, and nothing needs invalidating because a stale revision is never served. The commerce state
 * depends on the clock (expiry), so it is worked out from the rows on every request.
 */
const revision = sql`concat_ws('|', q.xmin,
  (select string_agg(p.xmin::text, ',' order by p.id) from proposals p where p.quote_request_id = q.id and p.version = t.version),
  (select string_agg(l.xmin::text, ',' order by l.id) from proposal_lines l join proposals p on p.id = l.proposal_id where p.quote_request_id = q.id and p.version = t.version),
  (select string_agg(m.xmin::text, ',' order by m.id) from quote_messages m where m.quote_request_id = q.id),
  (select v.xmin from proposal_versions v where v.quote_request_id = q.id and v.version = t.version),
  (select a.xmin::text || ':' || coalesce((select string_agg(p.xmin::text, ',' order by p.id) from payments p where p.acceptance_id = a.id), '') from acceptances a where a.quote_request_id = q.id),
  (select c.revision from catalog_revision c where c.id = 1))`;

/** Everything on one version of a customer's page, as read at `revision`. */
interface PageRows {
  revision: string;
  quote: CustomerPage["quote"];
  timeline: CustomerPage["timeline"];
  version: InferSelectModel<typeof proposalVersions> | null;
  acceptance: InferSelectModel<typeof acceptances> | null;
  paymentStatus: PaymentStatus | null;
  products: QuotedProducts;
}

/** 1,000 quote versions per instance. */
const pages = new RevisionCache<PageRows>(1000);

async function customerPage(db: Executor, target: SQL, now: Date): Promise<CustomerPage | null> {
  const [current] = rowsOf<{ quote_id: string; version: number; revision: string }>(
    await db.execute(
      sql`with target as (${target}) select t.quote_id, t.version, ${revision} as revision from target t join quote_requests q on q.id = t.quote_id limit 1`,
    ),
  );
  if (!current) return null;
  const rows = await pages.at(`${current.quote_id}:${current.version}`, current.revision, () =>
    readPage(db, current.quote_id, current.version),
  );
  if (!rows) return null;
  return {
    quote: rows.quote,
    timeline: rows.timeline,
    products: rows.products,
    commerce: commerceOf(
      rows.quote,
      rows.quote.version,
      rows.version,
      rows.acceptance,
      rows.paymentStatus,
      now,
      rows.timeline,
    ),
  };
}

/**
 * A table's row from its JSON form (`row_to_json`), decoded the way drizzle decodes a selected row:
 * each of the table's columns (getTableColumns) by its database name, through that column's own
 * mapFromDriverValue (timestamps to Dates, jsonb as is, …); SQL null stays null.
 */
function fromJsonRow<T extends Table>(table: T, json: Record<string, unknown>): InferSelectModel<T> {
  const row: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[field] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as InferSelectModel<T>;
}

/**
 * The products the version's lines and servers name, in any status (a retired model still has its
 * name and facts), and from the version's price book (the quote's, for versions from before books
 * were recorded per version) its currency, rate card and priced traffic add-ons. Part of the page's
 * one statement; the keys are QuotedProducts' (json_build_object keeps them as written).
 */
const quotedProducts = sql`(with skus as (
      select l.sku from proposal_lines l join proposals p on p.id = l.proposal_id
        where p.quote_request_id = q.id and p.version = t.version and l.sku is not null
      union select x ->> 'sku' from proposals p, jsonb_array_elements(p.servers) x
        where p.quote_request_id = q.id and p.version = t.version),
    book as (select b.* from price_books b where b.id = coalesce(
      (select v.price_book_id from proposal_versions v where v.quote_request_id = q.id and v.version = t.version), q.price_book_id))
    select json_build_object(
      'currency', (select book.currency from book),
      'rateCard', coalesce((select book.rate_card from book), '[]'::jsonb),
      'servers', (select coalesce(json_object_agg(s.sku, json_build_object('sku', s.sku, 'name', s.name, 'names', s.names,
          'line', s.line, 'includedTrafficTb', s.included_traffic_tb, 'includes', s.includes)), '{}')
        from server_models s where s.sku in (select sku from skus)),
      'addons', (select coalesce(json_object_agg(a.sku, json_build_object('sku', a.sku, 'name', a.name, 'names', a.names,
          'kind', a.kind, 'sizeGb', a.size_gb)), '{}')
        from addons a where a.sku in (select sku from skus)),
      'trafficPrices', (select coalesce(json_agg(json_build_object('sku', a.sku, 'sizeGb', a.size_gb,
          'monthlyMinor', i.monthly_minor, 'active', a.status = 'active') order by a.sku), '[]')
        from price_book_items i join addons a on a.sku = i.sku
        where i.price_book_id = (select id from book) and a.kind = 'traffic')))`;

/** Everything on the customer's page, with its revision, in one statement. */
async function readPage(db: Executor, quoteId: string, version: number): Promise<PageRows | null> {
  const result = await db.execute(sql`
    with t as (select ${quoteId}::uuid as quote_id, ${version}::integer as version)
    select ${revision} as revision, row_to_json(q) as quote,
      (select coalesce(json_agg(row_to_json(p) order by p.position), '[]') from proposals p where p.quote_request_id = q.id and p.version = t.version) as proposals,
      (select coalesce(json_agg(row_to_json(l) order by l.position), '[]') from proposal_lines l join proposals p on p.id = l.proposal_id where p.quote_request_id = q.id and p.version = t.version) as lines,
      (select coalesce(json_agg(json_build_object('id', m.id, 'authorType', m.author_type, 'event', m.event, 'body', m.body, 'createdAt', m.created_at, 'lineRef', m.line_ref) order by m.created_at), '[]')
         from quote_messages m where m.quote_request_id = q.id) as timeline,
      (select row_to_json(v) from proposal_versions v where v.quote_request_id = q.id and v.version = t.version) as version_row,
      (select row_to_json(a) from acceptances a where a.quote_request_id = q.id limit 1) as acceptance,
      (select p.status from payments p join acceptances a on a.id = p.acceptance_id where a.quote_request_id = q.id order by p.attempt desc limit 1) as payment_status,
      ${quotedProducts} as products
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
    products: QuotedProducts;
  }>(result);
  if (!raw) return null;
  const versionRow = raw.version_row ? fromJsonRow(proposalVersions, raw.version_row) : null;
  return {
    revision: raw.revision,
    quote: quoteFields(
      fromJsonRow(quoteRequests, raw.quote),
      version,
      raw.proposals.map((p) => fromJsonRow(proposals, p)),
      raw.lines.map((l) => fromJsonRow(proposalLines, l)),
      versionRow?.migrationPlan ?? null,
    ),
    timeline: raw.timeline.map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() })),
    version: versionRow,
    acceptance: raw.acceptance ? fromJsonRow(acceptances, raw.acceptance) : null,
    paymentStatus: raw.payment_status,
    products: raw.products,
  };
}

/** The customer's page behind their private link (the published version), or null for an unknown, revoked or idle-expired token. */
export async function customerPageByToken(
  db: Executor,
  token: string,
  now = new Date(),
  idleDays = quoteLinkIdleDays(),
): Promise<CustomerPage | null> {
  if (!looksLikeToken(token)) return null;
  return customerPage(
    db,
    sql`select t.quote_request_id as quote_id, q.published_version as version from quote_access_tokens t join quote_requests q on q.id = t.quote_request_id
        where t.token_hash = ${hashToken(token)} and t.revoked_at is null and t.last_used_at > ${linkIdleCutoff(now, idleDays).toISOString()}::timestamptz limit 1`,
    now,
  );
}

/** One version of a quote as its customer sees it; only for callers that have already checked access (a live share link). */
export async function customerPageById(
  db: Executor,
  quoteId: string,
  version: number,
  now = new Date(),
): Promise<CustomerPage | null> {
  return customerPage(db, sql`select ${quoteId}::uuid as quote_id, ${version}::integer as version`, now);
}
