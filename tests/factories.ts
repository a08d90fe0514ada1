import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { type Database, rowsOf } from "#db/client.server";
import { acceptances, proposals, provisioningItems, reviewItems, users } from "#db/schema";
import { seedDatabase } from "#db/seed";
import { type QuoteRequestInput, quoteRequestSchema } from "~/domain/quote-input";
import type { StaffUser } from "~/models/user.server";
import { effectiveBookQuery } from "~/models/catalog.server";
import { createDraft, getPriceBook, publishDraft, setDraftPrices } from "~/models/price-book.server";
import type { Actor } from "~/utils/permissions";
import { createUser } from "~/models/user.server";
import { createShareLink as storeShareLink } from "~/models/share-link.server";
import { submitQuoteRequest } from "~/services/quote.server";
import { createSignInLink, signInWithLink } from "~/models/customer-account.server";
import { serializeAccountCookie } from "~/utils/customer-auth.server";
import { staffCookie } from "./support/http";
import { TERMS_VERSION } from "~/utils/terms";

/**
 * Test data made through the app's own services, so every row a test sees is one the app could have
 * written. Each factory returns the ids (and tokens) of what it made: tests look rows up by id, never
 * by taking "the" row of a table.
 */

let sequence = 0;
/** A number unique within this test file's run, for e-mail addresses and names. */
export const unique = () => `${process.pid}-${++sequence}`;

/** A plain web application quote that the engine sizes without review. */
export const PLAIN_QUOTE: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Test Customer", email: "customer@example.com" },
};

export interface QuoteOverrides {
  requirements?: Partial<QuoteRequestInput["requirements"]>;
  workloads?: QuoteRequestInput["workloads"];
  contact?: Partial<QuoteRequestInput["contact"]>;
  /** The customer's language, as the wizard takes it from Accept-Language. */
  locale?: string;
}

export interface CreatedTestQuote {
  id: string;
  /** The customer's private link token (`/q/<token>`). */
  token: string;
  status: string;
  /** The review item opened with the quote, when the engine asked for a technician. */
  reviewItemId: string | null;
}

/**
 * A customer's quote request, submitted the way the wizard submits it: the input is parsed by the
 * wizard's schema (defaults included), then sized, priced and stored by `submitQuoteRequest`, with its
 * e-mails queued in the same transaction.
 */
export async function createQuote(
  db: Database,
  overrides: QuoteOverrides = {},
  base: QuoteRequestInput = PLAIN_QUOTE,
): Promise<CreatedTestQuote> {
  const input = quoteRequestSchema.parse({
    ...(base.currency ? { currency: base.currency } : {}),
    requirements: { ...base.requirements, ...overrides.requirements },
    workloads: overrides.workloads ?? base.workloads,
    contact: { ...base.contact, ...overrides.contact },
  });
  const created = await submitQuoteRequest(input, overrides.locale ?? "en", db);
  const [item] = await db
    .select({ id: reviewItems.id })
    .from(reviewItems)
    .where(eq(reviewItems.quoteRequestId, created.id));
  return { id: created.id, token: created.token, status: created.status, reviewItemId: item?.id ?? null };
}

export interface CreatedStaff {
  user: StaffUser;
  /** The Cookie header of a signed-in session of this user. */
  cookie: string;
}

export const TEST_PASSWORD = "correct horse battery";

/** A staff account of `role` with a unique address, and a signed-in session cookie for it. */
export async function createStaff(
  db: Database,
  role: StaffUser["role"],
  overrides: { email?: string; name?: string } = {},
): Promise<CreatedStaff> {
  const n = unique();
  const user = await createUser(db, {
    email: overrides.email ?? `${role}-${n}@test.local`,
    name: overrides.name ?? `${role} ${n}`,
    role,
    password: TEST_PASSWORD,
  });
  return { user, cookie: await staffCookie(db, user.id) };
}

/** A share link to a published version of a quote, made by `createdBy` (a sales rep or admin). */
export async function createShareLink(
  db: Database,
  input: { quoteRequestId: string; createdBy: string; version?: number; days?: number },
  now?: Date,
) {
  const { createdBy, ...link } = input;
  const [actor] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, createdBy));
  if (!actor) throw new Error(`createShareLink: no staff user ${createdBy}`);
  const token = await storeShareLink(db, { version: 1, ...link, actor }, now);
  return { token, path: `/s/${token}` };
}

/** Tables the seed owns (catalog and price books): a reset keeps them and re-seeds them. */
const SEEDED_TABLES = new Set([
  "server_models",
  "addons",
  "price_books",
  "price_book_items",
  "catalog_revision",
  // Migration 0017 writes the company and the first terms; tests that change them restore what they change.
  "company_settings",
  "legal_documents",
]);

/**
 * Opt-in, for tests that depend on an empty table: empties every table except the seed's catalog
 * and price book (the migrations' own table lives outside `public`), drops price book versions a test
 * added, and re-seeds the catalog rows a test changed. Most tests do not need it: they look their own
 * rows up by id.
 */
export async function resetDatabase(db: Database) {
  const result = await db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const tables = rowsOf<{ table_name: string }>(result)
    .map((r) => r.table_name)
    .filter((name) => !SEEDED_TABLES.has(name));
  if (tables.length)
    await db.execute(sql.raw(`truncate table ${tables.map((t) => `"${t}"`).join(", ")} restart identity cascade`));
  // Published price books refuse deletes (migration 0013's triggers); TRUNCATE fires no row triggers,
  // so a reset empties the books and the seed writes its own again (catalog rows stay).
  await db.execute(sql`truncate table price_book_items, price_books restart identity cascade`);
  await seedDatabase(db);
}

/**
 * Publishes, effective now, a copy of the book in effect (EUR unless said) with its prices changed by `price`, the
 * way an admin would (draft, prices, publish). Returns the new book and `restore`, which publishes the
 * earlier prices again as a further book (published books are never deleted).
 */
export async function publishRepricedBook(
  db: Database,
  price: (item: { sku: string; monthlyMinor: number; setupMinor: number }) => {
    monthlyMinor: number;
    setupMinor: number;
  },
  currency: "EUR" | "USD" = "EUR",
) {
  const admin: Actor = { id: randomUUID(), role: "admin" };
  const [current] = await effectiveBookQuery(db, currency, new Date());
  const source = await getPriceBook(db, current!.id);
  const draft = await createDraft(db, admin, current!.id, "test: repriced");
  await setDraftPrices(db, admin, draft.id, { set: source!.items.map((i) => ({ sku: i.sku, ...price(i) })) });
  const book = await publishDraft(db, admin, draft.id, new Date());
  return {
    book,
    restore: async () => {
      const back = await createDraft(db, admin, current!.id, "test: restored");
      await publishDraft(db, admin, back.id, new Date());
    },
  };
}

/**
 * An acceptance of the quote's first proposal written directly (no Checkout): for tests about what
 * follows it (accounts, delivery). `paid` also sets its payment time.
 */
export async function acceptFirstProposal(
  db: Database,
  quoteRequestId: string,
  who: { name: string; email: string; paid?: boolean },
) {
  const [proposal] = await db.select().from(proposals).where(eq(proposals.quoteRequestId, quoteRequestId)).limit(1);
  if (!proposal) throw new Error(`acceptFirstProposal: quote ${quoteRequestId} has no proposal`);
  const [acceptance] = await db
    .insert(acceptances)
    .values({
      quoteRequestId,
      version: 1,
      tier: proposal.tier,
      proposalId: proposal.id,
      currency: "EUR",
      setupMinor: proposal.setupMinor,
      monthlyMinor: proposal.monthlyMinor,
      termMonths: proposal.termMonths,
      termTotalMinor: proposal.termTotalMinor,
      dueNowMinor: proposal.setupMinor + proposal.monthlyMinor,
      termsVersion: TERMS_VERSION,
      name: who.name,
      email: who.email,
      paidAt: who.paid ? new Date() : null,
    })
    .returning();
  return { proposal, acceptance: acceptance! };
}

/** A signed-in customer account for `email` (its one-time link used directly), as a Cookie header. */
export async function customerCookie(db: Database, email: string) {
  const link = await db.transaction((tx) => createSignInLink(tx, email));
  if ("refused" in link) throw new Error(`customerCookie: ${link.refused}`);
  const signedIn = await signInWithLink(db, link.token);
  if (!signedIn) throw new Error("customerCookie: the link did not sign in");
  return serializeAccountCookie(signedIn.sessionToken);
}

/**
 * A running service (issue 19): a paid acceptance whose provisioning item is handed over (no
 * delivered servers, no billing), with the customer's signed-in account cookie.
 */
export async function handedOverService(
  db: Database,
  label: string,
  options: { company?: string; locale?: string } = {},
) {
  const email = `${label}-${unique()}@example.com`;
  const quote = await createQuote(db, {
    contact: { name: label, email, ...(options.company ? { company: options.company } : {}) },
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const { acceptance, proposal } = await acceptFirstProposal(db, quote.id, { name: label, email, paid: true });
  await db.insert(provisioningItems).values({ quoteRequestId: quote.id, acceptanceId: acceptance.id, status: "done" });
  return { quoteId: quote.id, email, acceptance, proposal, cookie: await customerCookie(db, email) };
}
