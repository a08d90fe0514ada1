import type { TFunction } from "i18next";
import type { Database, Executor } from "#db/client.server";
import { activeTechnicians, quoteContact, staffByIds } from "~/models/notification-recipients.server";
import { enqueueEmail, linkRequestedRecently, lockLinkRequests } from "~/models/outbox.server";
import { issueQuoteAccessToken } from "~/models/quote-access-token.server";
import { quotesByContactEmail } from "~/models/quote-request.server";
import { type StaffUser, createInvite } from "~/models/user.server";
import { publicBaseUrl } from "~/utils/env.server";
import { formatDate, formatMoney } from "~/utils/format";
import { companyProfile } from "~/models/company.server";
import { receiptForQuote } from "~/models/receipt.server";
import { provisioningItemFacts, provisioningItemOfQuote } from "~/models/provisioning.server";
import { deliveryDueAt } from "./delivery-due.server";
import { type CompanyIdentity, presentCompany } from "~/presenters/company";
import { translatorFor } from "./quote.server";

export type CustomerEmailKind =
  | "quote_link"
  | "staff_message"
  | "published"
  | "declined"
  | "claimed"
  | "accepted"
  | "paid"
  | "payment_failed"
  | "handed_over"
  | "provisioning_started"
  | "signed_off"
  | "problem_reported"
  | "renewal_failed"
  | "renewal_failed_final"
  | "renewal_recovered"
  | "renewal_suspended"
  | "upgrade_ordered"
  | "renewal_priced"
  | "incident_opened"
  | "incident_reported"
  | "incident_update"
  | "incident_resolved";

/**
 * An e-mail's text from its translation, each value inserted exactly as given. i18next's own
 * interpolation is not used for e-mail: it looks for each placeholder again in the text built so
 * far, so a customer named "{{link}}" would get the link there instead, and a value may be
 * expanded as "$t(…)". Here the template is split once and values are never read again.
 */
export function emailText(t: TFunction, key: string, values: Record<string, string> = {}): string {
  const template = t(key, { skipInterpolation: true });
  return template.replace(/\{\{-?\s*(\w+)\s*\}\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? values[name]! : placeholder,
  );
}

/** Who sent it, at the foot of every customer e-mail: the provider's identity and how to reach support. */
export function emailSignature(company: CompanyIdentity) {
  return [
    "--",
    company.legalName,
    company.addressLines.join(", "),
    company.vatId,
    `${company.phone} · ${company.email}`,
    company.supportHours,
  ].join("\n");
}

/** A customer e-mail of a kind, in the language of `t`: the one renderer for every path that sends one. */
export function customerEmail(
  t: TFunction,
  kind: CustomerEmailKind,
  values: { name: string; link: string; message?: string; extra?: Record<string, string> },
  company?: CompanyIdentity,
) {
  const fields = { ...values.extra, name: values.name, link: values.link, message: values.message ?? "" };
  const text = emailText(t, `email.${kind}.body`, fields);
  return {
    // Subjects name things too ("INC-7: Cause identified", a renewal's amount and date).
    subject: emailText(t, `email.${kind}.subject`, fields),
    text: company ? `${text}\n\n${emailSignature(company)}` : text,
    template: kind,
  };
}

/** The provider's identity worded for e-mails in `locale`. */
export async function companyForEmail(db: Executor, t: TFunction, locale: string) {
  return presentCompany(await companyProfile(db), t, locale);
}

/** E-mails that say the proposals are ready carry them as a PDF (built when the message is sent). */
const ATTACHES_PROPOSAL = new Set<CustomerEmailKind>(["quote_link", "published"]);

async function newLink(db: Executor, quoteRequestId: string) {
  return `${publicBaseUrl()}/q/${await issueQuoteAccessToken(db, quoteRequestId)}`;
}

/**
 * Queues an e-mail to the customer in their language, inside the caller's transaction, with a
 * working link: a fresh access token unless the caller has just made one. Only customer-visible
 * text goes in: never internal notes.
 */
export async function notifyCustomer(
  tx: Executor,
  quoteRequestId: string,
  kind: CustomerEmailKind,
  options: { token?: string; message?: string; extra?: Record<string, string>; dedupeKey?: string } = {},
) {
  const quote = await quoteContact(tx, quoteRequestId);
  if (!quote) return;
  const link = options.token ? `${publicBaseUrl()}/q/${options.token}` : await newLink(tx, quoteRequestId);
  const t = await translatorFor(quote.locale);
  const extra: Record<string, string> = { ...options.extra };
  if (kind === "paid") {
    const receipt = await receiptForQuote(tx, quoteRequestId);
    if (receipt) {
      extra.amount = formatMoney(receipt.paidMinor, receipt.currency, quote.locale);
      extra.reference = receipt.number;
    }
    extra.receipt = `${link}/receipt`;
  }
  if (
    kind === "handed_over" ||
    kind === "provisioning_started" ||
    kind === "signed_off" ||
    kind === "problem_reported" ||
    kind.startsWith("incident_")
  )
    extra.account = `${publicBaseUrl()}/account`;
  if (kind.startsWith("renewal_")) extra.billing = `${publicBaseUrl()}/account/billing`;
  await enqueueEmail(tx, {
    to: quote.email,
    ...customerEmail(
      t,
      kind,
      { name: quote.name, link, message: options.message, extra },
      await companyForEmail(tx, t, quote.locale),
    ),
    dedupeKey: options.dedupeKey,
    attachment: ATTACHES_PROPOSAL.has(kind)
      ? { kind: "proposal_pdf", quoteRequestId, version: quote.publishedVersion, locale: quote.locale }
      : null,
  });
}

/** Quotes listed in one link e-mail, newest first; older ones are a reply to the support team away. */
export const MAX_LINKS_PER_EMAIL = 20;

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
    await lockLinkRequests(tx, normalized);
    if (await linkRequestedRecently(tx, normalized, now)) return false;
    const quotes = await quotesByContactEmail(tx, normalized, MAX_LINKS_PER_EMAIL);
    const newest = quotes[0];
    if (!newest) return false;
    const t = await translatorFor(newest.locale);
    const lines: string[] = [];
    for (const q of quotes) {
      const link = await newLink(tx, q.id);
      lines.push(
        emailText(t, "email.link_request.line", {
          reference: q.id.slice(0, 8).toUpperCase(),
          date: formatDate(q.createdAt, newest.locale),
          amount:
            q.fromMonthlyMinor === null
              ? emailText(t, "email.link_request.amountNone")
              : emailText(t, "email.link_request.amountFrom", {
                  amount: formatMoney(q.fromMonthlyMinor, q.currency, newest.locale),
                }),
          link,
        }),
      );
    }
    const body = emailText(t, "email.link_request.body", { name: newest.name, links: lines.join("\n") });
    await enqueueEmail(tx, {
      to: newest.email,
      subject: emailText(t, "email.link_request.subject"),
      text: `${body}\n\n${emailSignature(await companyForEmail(tx, t, newest.locale))}`,
      template: "link_request",
    });
    return true;
  });
}

/** Every active technician hears about a new review item (a link to the staff page, no secrets). */
export async function notifyTechniciansOfNewItem(tx: Executor, reviewItemId: string, reasonCodes: string[]) {
  const technicians = await activeTechnicians(tx);
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
export async function notifyTechniciansOfProvisioning(tx: Executor, provisioningItemId: string) {
  const technicians = await activeTechnicians(tx);
  for (const tech of technicians) {
    await enqueueEmail(tx, {
      to: tech.email,
      subject: "Paid order ready to provision",
      text: `A customer has accepted and paid. Build the servers:\n\n${publicBaseUrl()}/staff/provisioning#${provisioningItemId}\n`,
      template: "provisioning_new",
    });
  }
}

/** After Stripe's last retry: technicians decide whether to suspend the service (nothing is suspended by itself). */
export async function notifyTechniciansOfSuspension(tx: Executor, quoteRequestId: string) {
  const itemId = await provisioningItemOfQuote(tx, quoteRequestId);
  for (const tech of await activeTechnicians(tx)) {
    await enqueueEmail(tx, {
      to: tech.email,
      subject: "Service flagged for suspension: payment overdue",
      text: `Stripe's last retry of a monthly invoice failed. Decide whether to suspend the service (nothing has been suspended or deleted):\n\n${publicBaseUrl()}/staff/provisioning/${itemId ?? ""}\n`,
      template: "suspension_flagged",
      dedupeKey: `suspension:${quoteRequestId}:${tech.id}:${new Date().toISOString().slice(0, 10)}`,
    });
  }
}

/** A suspended service's overdue invoice is paid: technicians bring it back. */
export async function notifyTechniciansToResume(tx: Executor, quoteRequestId: string) {
  const itemId = await provisioningItemOfQuote(tx, quoteRequestId);
  for (const tech of await activeTechnicians(tx)) {
    await enqueueEmail(tx, {
      to: tech.email,
      subject: "Payment received: resume the suspended service",
      text: `The overdue invoice has been paid. Bring the suspended service back:\n\n${publicBaseUrl()}/staff/provisioning/${itemId ?? ""}\n`,
      template: "suspension_resume",
    });
  }
}

/** The customer's service is suspended until the overdue invoice is paid (a technician decided). */
export async function notifyCustomerOfSuspension(tx: Executor, quoteRequestId: string, flaggedAt: Date) {
  await notifyCustomer(tx, quoteRequestId, "renewal_suspended", {
    dedupeKey: `suspended:${quoteRequestId}:${flaggedAt.toISOString()}`,
  });
}

/** Tells the assignee (or, for unclaimed items, every technician) about newly overdue items. */
export async function notifyOverdueItems(db: Database, now = new Date()) {
  const { takeNewlyOverdue } = await import("~/models/review-item.server");
  return db.transaction(async (tx) => {
    const items = await takeNewlyOverdue(tx, now);
    if (!items.length) return 0;
    const technicians = await activeTechnicians(tx);
    const assignees = await staffByIds(tx, [
      ...new Set(items.flatMap((item) => (item.assigneeId ? [item.assigneeId] : []))),
    ]);
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

/**
 * An invitation to join the staff: the invite and its e-mail (the link works once, for 7 days) in
 * one transaction, so there is never one without the other.
 */
export async function inviteStaff(
  db: Database,
  inviter: Pick<StaffUser, "id" | "name">,
  invitee: { email: string; name: string; role: StaffUser["role"] },
) {
  await db.transaction(async (tx) => {
    const token = await createInvite(tx, {
      email: invitee.email,
      name: invitee.name,
      role: invitee.role,
      invitedBy: inviter.id,
    });
    await enqueueEmail(tx, {
      to: invitee.email,
      subject: "You are invited to SpecDesk",
      text: `Hello ${invitee.name},\n\n${inviter.name} invited you to SpecDesk as ${invitee.role}. Set your password here (the link works once, for 7 days):\n${publicBaseUrl()}/staff/invite/${token}\n`,
      template: "staff_invite",
    });
  });
}

/**
 * The customer is told their servers are being built when a technician first takes the item (claim
 * or assignment), with the date we aim to hand them over; once per item (the outbox's dedupe key).
 */
export async function notifyDeliveryStarted(tx: Executor, provisioningItemId: string) {
  const item = await provisioningItemFacts(tx, provisioningItemId);
  if (!item) return;
  const quote = await quoteContact(tx, item.quoteRequestId);
  if (!quote) return;
  const due = item.paidAt ? deliveryDueAt(item.paidAt) : null;
  await notifyCustomer(tx, item.quoteRequestId, "provisioning_started", {
    extra: { due: due ? formatDate(due, quote.locale, "long") : "" },
    dedupeKey: `provisioning_started:${provisioningItemId}`,
  });
}

/** The customer's answer on the hand-over page: a confirmation to them, and a problem to the technician. */
export async function notifyDeliveryAnswer(
  tx: Executor,
  quoteRequestId: string,
  answer: { kind: "sign_off" } | { kind: "problem"; body: string },
  assigneeId: string | null,
) {
  await notifyCustomer(tx, quoteRequestId, answer.kind === "sign_off" ? "signed_off" : "problem_reported", {
    message: answer.kind === "problem" ? answer.body : undefined,
  });
  if (answer.kind !== "problem") return;
  const to = assigneeId ? await staffByIds(tx, [assigneeId]) : await activeTechnicians(tx);
  for (const staff of to) {
    await enqueueEmail(tx, {
      to: staff.email,
      subject: `Delivery problem reported (${quoteRequestId.slice(0, 8).toUpperCase()})`,
      text: `The customer reported a problem with the delivery; the item is open again.\n\n${answer.body}\n\n${publicBaseUrl()}/staff/provisioning`,
      template: "staff_delivery_problem",
    });
  }
}
