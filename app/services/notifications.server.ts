import { and, eq, isNull, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { Database, Transaction } from "#db/client.server";
import { quoteAccessTokens, quoteRequests, users } from "#db/schema";
import { i18next } from "~/i18next.server";
import { quotesByContactEmail } from "~/models/quote-request.server";
import { publicBaseUrl } from "~/utils/env.server";
import { formatDate } from "~/utils/format";
import { hashToken, newAccessToken } from "~/utils/token.server";
import { enqueueEmail, linkRequestedRecently } from "./email.server";

type Tx = Transaction;

export type CustomerEmailKind = "quote_link" | "staff_message" | "published" | "declined" | "claimed" | "accepted" | "paid" | "payment_failed";

/**
 * An e-mail's text from its translation, each value inserted exactly as given. i18next's own
 * interpolation is not used for e-mail: it looks for each placeholder again in the text built so
 * far, so a customer named "{{link}}" would get the link there instead, and a value may be
 * expanded as "$t(…)". Here the template is split once and values are never read again.
 */
export function emailText(t: TFunction, key: string, values: Record<string, string> = {}): string {
  const template = t(key, { skipInterpolation: true });
  return template.replace(/\{\{-?\s*(\w+)\s*\}\}/g, (placeholder, name: string) => (Object.hasOwn(values, name) ? values[name]! : placeholder));
}

async function newLink(tx: Tx, quoteRequestId: string) {
  const token = newAccessToken();
  await tx.insert(quoteAccessTokens).values({ quoteRequestId, tokenHash: hashToken(token) });
  return `${publicBaseUrl()}/q/${token}`;
}

/**
 * Queues an e-mail to the customer in their language, inside the caller's transaction, with a
 * working link: a fresh access token unless the caller has just made one. Only customer-visible
 * text goes in: never internal notes.
 */
export async function notifyCustomer(tx: Tx, quoteRequestId: string, kind: CustomerEmailKind, options: { token?: string; message?: string } = {}) {
  const [quote] = await tx.select({ email: quoteRequests.contactEmail, name: quoteRequests.contactName, locale: quoteRequests.locale }).from(quoteRequests).where(eq(quoteRequests.id, quoteRequestId)).limit(1);
  if (!quote) return;
  const link = options.token ? `${publicBaseUrl()}/q/${options.token}` : await newLink(tx, quoteRequestId);
  const t = await i18next.getFixedT(quote.locale);
  await enqueueEmail(tx, {
    to: quote.email,
    subject: emailText(t, `email.${kind}.subject`),
    text: emailText(t, `email.${kind}.body`, { name: quote.name, link, message: options.message ?? "" }),
    template: kind,
  });
}

/** Quotes listed in one link e-mail, newest first; older ones are a reply to the support team away. */
export const MAX_LINKS_PER_EMAIL = 20;
/** Namespace of the per-address advisory lock (the second key is the address's hash). */
const LINK_REQUEST_LOCK = 7_404_713;

/**
 * /quote/link: one e-mail with a fresh link to each of the address's quotes, newest first, in the
 * language of the newest, and at most one such e-mail per address per 15 minutes however often and
 * from however many instances it is asked for: requests for one address take turns on a
 * transaction-scoped advisory lock, so a later one sees the earlier one's outbox row. Returns
 * whether an e-mail was queued (callers must not tell the visitor: that would reveal the address).
 */
export async function emailQuoteLinks(db: Database, address: string, now = new Date()): Promise<boolean> {
  const normalized = address.trim().toLowerCase();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LINK_REQUEST_LOCK}::int, hashtext(${normalized}))`);
    if (await linkRequestedRecently(tx, normalized, now)) return false;
    const quotes = await quotesByContactEmail(tx, normalized, MAX_LINKS_PER_EMAIL);
    const newest = quotes[0];
    if (!newest) return false;
    const t = await i18next.getFixedT(newest.locale);
    const lines: string[] = [];
    for (const q of quotes) {
      const link = await newLink(tx, q.id);
      lines.push(emailText(t, "email.link_request.line", { reference: q.id.slice(0, 8).toUpperCase(), date: formatDate(q.createdAt, newest.locale), link }));
    }
    await enqueueEmail(tx, {
      to: newest.email,
      subject: emailText(t, "email.link_request.subject"),
      text: emailText(t, "email.link_request.body", { name: newest.name, links: lines.join("\n") }),
      template: "link_request",
    });
    return true;
  });
}

/** Every active technician hears about a new review item (a link to the staff page, no secrets). */
export async function notifyTechniciansOfNewItem(tx: Tx, reviewItemId: string, reasonCodes: string[]) {
  const technicians = await tx.select({ email: users.email }).from(users).where(and(eq(users.role, "technician"), isNull(users.disabledAt)));
  for (const tech of technicians) {
    await enqueueEmail(tx, {
      to: tech.email,
      subject: `New review item: ${reasonCodes.join(", ")}`,
      text: `A quote needs a technician (${reasonCodes.join(", ")}).\n\nOpen it: ${publicBaseUrl()}/staff/review/${reviewItemId}\n`,
      template: "review_new",
    });
  }
}

/** Technicians hear about a paid order to build (a link to the staff page, no customer secrets). */
export async function notifyTechniciansOfProvisioning(tx: Tx, provisioningItemId: string) {
  const technicians = await tx.select({ email: users.email }).from(users).where(and(eq(users.role, "technician"), isNull(users.disabledAt)));
  for (const tech of technicians) {
    await enqueueEmail(tx, {
      to: tech.email,
      subject: "Paid order ready to provision",
      text: `A customer has accepted and paid. Build the servers:\n\n${publicBaseUrl()}/staff/provisioning#${provisioningItemId}\n`,
      template: "provisioning_new",
    });
  }
}

/** Tells the assignee (or, for unclaimed items, every technician) about newly overdue items. */
export async function notifyOverdueItems(db: Database, now = new Date()) {
  const { takeNewlyOverdue } = await import("~/models/review-item.server");
  return db.transaction(async (tx) => {
    const items = await takeNewlyOverdue(tx as unknown as Database, now);
    if (!items.length) return 0;
    const technicians = await tx.select({ id: users.id, email: users.email }).from(users).where(and(eq(users.role, "technician"), isNull(users.disabledAt)));
    const assignees = await tx.select({ id: users.id, email: users.email }).from(users);
    for (const item of items) {
      const to = item.assigneeId ? assignees.filter((u) => u.id === item.assigneeId) : technicians;
      for (const person of to) {
        await enqueueEmail(tx, {
          to: person.email,
          subject: "Review item overdue",
          text: `A review item is past its SLA deadline (${item.reasons.map((r) => r.code).join(", ")}).\n\n${publicBaseUrl()}/staff/review/${item.id}\n`,
          template: "review_overdue",
        });
      }
    }
    return items.length;
  });
}
