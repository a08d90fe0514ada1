import { and, desc, eq, gt, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import {
  acceptances,
  billingSubscriptions,
  customerAccounts,
  customerSessions,
  customerSignInLinks,
  customerSshKeys,
  deliveredServers,
  provisioningItems,
  quoteMessages,
  quoteRequests,
} from "#db/schema";
import type { SshKey } from "~/domain/ssh-key";
import { hashToken, looksLikeToken, newAccessToken } from "~/utils/token.server";
import { issueQuoteAccessToken } from "./quote-access-token.server";

export const SIGN_IN_LINK_MINUTES = 15;
/** Links one address may be sent per 15 minutes, however often it is asked. */
export const SIGN_IN_LINKS_PER_WINDOW = 3;
export const CUSTOMER_SESSION_DAYS = 30;

export interface CustomerAccount {
  id: string;
  email: string;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The quotes an address may see: made with it, or accepted with it through a share link. */
export const ownedBy = (email: string) =>
  sql`(lower(quote_requests.contact_email) = ${email} or exists (select 1 from acceptances a
        where a.quote_request_id = quote_requests.id and lower(a.email) = ${email}))`;

/**
 * A sign-in link for `email`, or why none is made: the address has no quote (nothing to sign in
 * to; the caller answers exactly as if it had), or it was sent enough links lately. Requests for
 * one address take turns on a transaction-scoped advisory lock, so the count is exact across
 * instances. Run it inside the transaction that queues the e-mail.
 */
export async function createSignInLink(
  tx: Executor,
  rawEmail: string,
  now = new Date(),
): Promise<{ token: string; email: string } | { refused: "unknown" | "throttled" }> {
  const email = normalizeEmail(rawEmail);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`account-link:${email}`}))`);
  const [recent] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(customerSignInLinks)
    .where(
      and(
        eq(customerSignInLinks.email, email),
        gte(customerSignInLinks.createdAt, new Date(now.getTime() - SIGN_IN_LINK_MINUTES * 60_000)),
      ),
    );
  if ((recent?.n ?? 0) >= SIGN_IN_LINKS_PER_WINDOW) return { refused: "throttled" };
  const [known] = await tx.select({ id: quoteRequests.id }).from(quoteRequests).where(ownedBy(email)).limit(1);
  if (!known) return { refused: "unknown" };
  const token = newAccessToken();
  await tx.insert(customerSignInLinks).values({
    tokenHash: hashToken(token),
    email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60_000),
  });
  return { token, email };
}

/**
 * Uses a sign-in link: once, before it expires (one UPDATE decides, so two tabs cannot both use it).
 * Makes the account on first use and starts a new session; returns its token for the cookie.
 */
export async function signInWithLink(db: Executor, token: string, now = new Date()) {
  if (!looksLikeToken(token)) return null;
  return db.transaction(async (tx) => {
    const [link] = await tx
      .update(customerSignInLinks)
      .set({ usedAt: now })
      .where(
        and(
          eq(customerSignInLinks.tokenHash, hashToken(token)),
          isNull(customerSignInLinks.usedAt),
          gt(customerSignInLinks.expiresAt, now),
        ),
      )
      .returning({ email: customerSignInLinks.email });
    if (!link) return null;
    const [account] = await tx
      .insert(customerAccounts)
      .values({ email: link.email, lastSignInAt: now })
      .onConflictDoUpdate({ target: customerAccounts.email, set: { lastSignInAt: now } })
      .returning({ id: customerAccounts.id, email: customerAccounts.email });
    const sessionToken = newAccessToken();
    await tx.insert(customerSessions).values({
      tokenHash: hashToken(sessionToken),
      accountId: account!.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CUSTOMER_SESSION_DAYS * 86_400_000),
    });
    return { account: account!, sessionToken };
  });
}

/** Whether a link is still usable, for the page that asks the customer to confirm (reading it uses nothing). */
export async function signInLinkIsLive(db: Executor, token: string, now = new Date()) {
  if (!looksLikeToken(token)) return false;
  const [link] = await db
    .select({ id: customerSignInLinks.id })
    .from(customerSignInLinks)
    .where(
      and(
        eq(customerSignInLinks.tokenHash, hashToken(token)),
        isNull(customerSignInLinks.usedAt),
        gt(customerSignInLinks.expiresAt, now),
      ),
    );
  return Boolean(link);
}

export async function accountBySessionToken(db: Executor, token: string, now = new Date()) {
  if (!looksLikeToken(token)) return null;
  const [row] = await db
    .select({ id: customerAccounts.id, email: customerAccounts.email })
    .from(customerSessions)
    .innerJoin(customerAccounts, eq(customerAccounts.id, customerSessions.accountId))
    .where(
      and(
        eq(customerSessions.tokenHash, hashToken(token)),
        isNull(customerSessions.revokedAt),
        gt(customerSessions.expiresAt, now),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function revokeCustomerSession(db: Executor, token: string, now = new Date()) {
  if (!looksLikeToken(token)) return;
  await db
    .update(customerSessions)
    .set({ revokedAt: now })
    .where(eq(customerSessions.tokenHash, hashToken(token)));
}

/** Signs the account out everywhere (every session it has). */
export async function revokeAllCustomerSessions(db: Executor, accountId: string, now = new Date()) {
  await db
    .update(customerSessions)
    .set({ revokedAt: now })
    .where(and(eq(customerSessions.accountId, accountId), isNull(customerSessions.revokedAt)));
}

/** The account's quotes, newest first, with what was accepted and paid and where delivery stands. */
export async function accountQuotes(db: Executor, account: CustomerAccount) {
  return db
    .select({
      id: quoteRequests.id,
      createdAt: quoteRequests.createdAt,
      status: quoteRequests.status,
      currency: quoteRequests.currency,
      company: quoteRequests.company,
      fromMonthlyMinor: sql<number | null>`(select min(p.monthly_minor) from proposals p
        where p.quote_request_id = quote_requests.id and p.version = quote_requests.published_version)`.mapWith(
        (v: unknown) => (v === null ? null : Number(v)),
      ),
      acceptedTier: acceptances.tier,
      acceptedMonthlyMinor: acceptances.monthlyMinor,
      termMonths: acceptances.termMonths,
      paidAt: acceptances.paidAt,
      /** An upgrade of a running service (ordered, billed through that service's subscription). */
      isUpgrade: sql<boolean>`${quoteRequests.upgradesAcceptanceId} is not null`,
      delivery: provisioningItems.status,
      overdueSince: billingSubscriptions.overdueSince,
    })
    .from(quoteRequests)
    .leftJoin(acceptances, eq(acceptances.quoteRequestId, quoteRequests.id))
    .leftJoin(provisioningItems, eq(provisioningItems.quoteRequestId, quoteRequests.id))
    .leftJoin(billingSubscriptions, eq(billingSubscriptions.acceptanceId, acceptances.id))
    .where(ownedBy(account.email))
    .orderBy(desc(quoteRequests.createdAt))
    .limit(200);
}

/**
 * A fresh private link to one of the account's quotes (the page is reached through its link, as
 * always); null when the quote is not the account's.
 */
export async function quoteLinkForAccount(db: Executor, account: CustomerAccount, quoteId: string) {
  return db.transaction(async (tx) => {
    const [quote] = await tx
      .select({ id: quoteRequests.id })
      .from(quoteRequests)
      .where(and(eq(quoteRequests.id, quoteId), ownedBy(account.email)))
      .limit(1);
    return quote ? issueQuoteAccessToken(tx, quote.id) : null;
  });
}

export const MAX_SSH_KEYS = 20;

/** The account's SSH keys, oldest first. */
export async function accountSshKeys(db: Executor, account: CustomerAccount) {
  return db
    .select({
      id: customerSshKeys.id,
      type: customerSshKeys.type,
      bits: customerSshKeys.bits,
      fingerprint: customerSshKeys.fingerprint,
      comment: customerSshKeys.comment,
      createdAt: customerSshKeys.createdAt,
    })
    .from(customerSshKeys)
    .where(eq(customerSshKeys.accountId, account.id))
    .orderBy(customerSshKeys.createdAt);
}

/** Adds a checked key (domain/ssh-key.ts); "duplicate" when the account has it, "limit" past MAX_SSH_KEYS. */
export async function addSshKey(db: Executor, account: CustomerAccount, key: SshKey) {
  return db.transaction(async (tx) => {
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(customerSshKeys)
      .where(eq(customerSshKeys.accountId, account.id));
    if ((count?.n ?? 0) >= MAX_SSH_KEYS) return "limit" as const;
    const [row] = await tx
      .insert(customerSshKeys)
      .values({ accountId: account.id, ...key })
      .onConflictDoNothing()
      .returning({ id: customerSshKeys.id });
    return row ? null : ("duplicate" as const);
  });
}

/** Removes one of the account's keys (ownership in the WHERE); false when it is not theirs. */
export async function removeSshKey(db: Executor, account: CustomerAccount, id: string) {
  const removed = await db
    .delete(customerSshKeys)
    .where(and(eq(customerSshKeys.id, id), eq(customerSshKeys.accountId, account.id)))
    .returning({ id: customerSshKeys.id });
  return removed.length > 0;
}

/**
 * A paid quote's delivery as its customer sees it: the servers handed over and their tests, and when
 * it was handed over (the latest hand-over on its timeline; null while not handed over); null when
 * not theirs.
 */
export async function accountDelivery(db: Executor, account: CustomerAccount, quoteId: string) {
  const [item] = await db
    .select({
      id: provisioningItems.id,
      status: provisioningItems.status,
      quoteRequestId: quoteRequests.id,
      updatedAt: provisioningItems.updatedAt,
    })
    .from(quoteRequests)
    .innerJoin(provisioningItems, eq(provisioningItems.quoteRequestId, quoteRequests.id))
    .where(and(eq(quoteRequests.id, quoteId), ownedBy(account.email)))
    .limit(1);
  if (!item) return null;
  const [servers, handed] = await Promise.all([
    db
      .select({
        serverKey: deliveredServers.serverKey,
        hostname: deliveredServers.hostname,
        ipAddresses: deliveredServers.ipAddresses,
        dataCentre: deliveredServers.dataCentre,
        results: deliveredServers.results,
        passed: deliveredServers.passed,
        installedKeys: deliveredServers.installedKeys,
        overridden: sql<boolean>`${deliveredServers.overrideReason} is not null`,
      })
      .from(deliveredServers)
      .where(eq(deliveredServers.provisioningItemId, item.id))
      .orderBy(deliveredServers.serverKey),
    handoverEvents(db, quoteId),
  ]);
  const { updatedAt, ...rest } = item;
  // Done without a hand-over on its timeline (marked done some other way): its last change stands in.
  const handedOverAt = item.status === "done" ? (handed.handedOver ?? updatedAt) : null;
  const signedOffAt = handedOverAt && handed.signedOff && handed.signedOff >= handedOverAt ? handed.signedOff : null;
  // Reopened: the customer reported a problem with the hand-over and it has not been handed over since.
  const reopened =
    item.status !== "done" && Boolean(handed.problem && (!handed.handedOver || handed.problem >= handed.handedOver));
  return { ...rest, handedOverAt, signedOffAt, reopened, servers };
}

/**
 * The latest hand-over, sign-off and problem report on a quote's timeline (null when none). Signed
 * off means a sign-off at or after the latest hand-over: a problem reopens the item and the next
 * hand-over asks again.
 */
async function handoverEvents(db: Executor, quoteId: string) {
  const latest = (event: string) =>
    sql<Date | string | null>`max(${quoteMessages.createdAt}) filter (where ${quoteMessages.event} = ${event})`;
  const [row] = await db
    .select({ handedOver: latest("handed_over"), signedOff: latest("signed_off"), problem: latest("problem_reported") })
    .from(quoteMessages)
    .where(
      and(
        eq(quoteMessages.quoteRequestId, quoteId),
        inArray(quoteMessages.event, ["handed_over", "signed_off", "problem_reported"]),
      ),
    );
  const date = (value: Date | string | null | undefined) => (value ? new Date(value) : null);
  const events = { handedOver: date(row?.handedOver), signedOff: date(row?.signedOff), problem: date(row?.problem) };
  return {
    ...events,
    signedOffLatest: Boolean(events.signedOff && (!events.handedOver || events.signedOff >= events.handedOver)),
  };
}

/**
 * The customer signs off a handed-over delivery, or reports a problem, which reopens the item for
 * its technician. Both go on the quote's timeline; false when the item is not theirs or not handed
 * over, "signed_off" (nothing written) when they have already signed off this hand-over.
 */
export async function answerDelivery(
  db: Executor,
  account: CustomerAccount,
  quoteId: string,
  answer: { kind: "sign_off" } | { kind: "problem"; body: string },
  then: (tx: Executor, item: { id: string; assigneeId: string | null }) => Promise<void> = async () => {},
) {
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select({ id: provisioningItems.id, assigneeId: provisioningItems.assigneeId })
      .from(quoteRequests)
      .innerJoin(provisioningItems, eq(provisioningItems.quoteRequestId, quoteRequests.id))
      .where(and(eq(quoteRequests.id, quoteId), ownedBy(account.email), eq(provisioningItems.status, "done")))
      .for("update")
      .limit(1);
    if (!item) return false;
    // Signed off already (a sign-off after the latest hand-over): a second answer changes nothing.
    if ((await handoverEvents(tx, quoteId)).signedOffLatest) return "signed_off" as const;
    if (answer.kind === "problem")
      await tx
        .update(provisioningItems)
        .set({ status: "claimed", updatedAt: new Date() })
        .where(eq(provisioningItems.id, item.id));
    await tx.insert(quoteMessages).values({
      quoteRequestId: quoteId,
      authorType: "customer",
      event: answer.kind === "problem" ? "problem_reported" : "signed_off",
      body: answer.kind === "problem" ? answer.body : null,
    });
    await then(tx, item);
    return true;
  });
}
