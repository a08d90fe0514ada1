import { and, eq, isNull } from "drizzle-orm";
import type { Database, Transaction } from "#db/client.server";
import { quoteAccessTokens, quoteRequests, users } from "#db/schema";
import { i18next } from "~/i18next.server";
import { publicBaseUrl } from "~/utils/env.server";
import { hashToken, newAccessToken } from "~/utils/token.server";
import { enqueueEmail } from "./email.server";

type Tx = Transaction;

export type CustomerEmailKind = "quote_link" | "staff_message" | "published" | "declined" | "link_request" | "claimed" | "accepted" | "paid" | "payment_failed";

/**
 * Queues an e-mail to the customer in their language, inside the caller's transaction, with a
 * working link: a fresh access token unless the caller has just made one. Only customer-visible
 * text goes in: never internal notes.
 */
export async function notifyCustomer(tx: Tx, quoteRequestId: string, kind: CustomerEmailKind, options: { token?: string; message?: string } = {}) {
  const [quote] = await tx.select({ email: quoteRequests.contactEmail, name: quoteRequests.contactName, locale: quoteRequests.locale }).from(quoteRequests).where(eq(quoteRequests.id, quoteRequestId)).limit(1);
  if (!quote) return;
  let token = options.token;
  if (!token) {
    token = newAccessToken();
    await tx.insert(quoteAccessTokens).values({ quoteRequestId, tokenHash: hashToken(token) });
  }
  const t = await i18next.getFixedT(quote.locale);
  const link = `${publicBaseUrl()}/q/${token}`;
  await enqueueEmail(tx, {
    to: quote.email,
    subject: t(`email.${kind}.subject`),
    text: t(`email.${kind}.body`, { name: quote.name, link, message: options.message ?? "" }),
    template: kind,
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
