import type { Database, Executor } from "#db/client.server";
import type { Incident } from "~/models/incident.server";
import { incidentRef } from "~/models/incident.server";
import {
  type OutboxMessage,
  cancelDueWebhooks,
  claimDueEmails,
  enqueueWebhook,
  markEmailAttemptFailed,
  markEmailSent,
  markMessageCancelled,
} from "~/models/outbox.server";
import { webhookSigners } from "~/models/page-webhook.server";
import { getEnv, pageWebhookSecret, publicBaseUrl } from "~/utils/env.server";
import {
  SIGNATURE_HEADER,
  derivePageKey,
  pageWebhookUrlProblem,
  signatureHeader,
} from "~/utils/page-webhook-signature.server";
import { Agent, fetch } from "undici";
import { type LookupAll, refusingLookup, webhookAddressProblem } from "~/utils/webhook-address.server";

/**
 * Pages POSTed to technicians' own webhooks (issue 19), next to the page e-mails: queued in the
 * outbox (channel "webhook") in the transaction that pages, delivered by the outbox worker, signed
 * with the technician's derived key as it is when sent. Off unless PAGE_WEBHOOK_SECRET is set.
 */

export type PageEvent = "incident.reported" | "incident.overdue" | "incident.escalated";

/** The JSON a page webhook receives (stored as the outbox row's text and sent as it is). */
export interface PagePayload {
  event: PageEvent;
  incident: { id: string; reference: string; severity: string; title: string; state: string };
  link: string;
  /** When the first response or update is (was) due, ISO 8601. */
  due: string | null;
  text: string;
}

/** Queues a page for each person with a webhook (when the feature is on); how many were queued. */
export async function enqueuePageWebhooks(
  tx: Executor,
  incident: Incident,
  people: { id: string; webhookUrl?: string | null }[],
  page: { event: PageEvent; due: Date | null; subject: string; text: string; key: string },
): Promise<number> {
  if (!pageWebhookSecret()) return 0;
  let queued = 0;
  for (const person of people) {
    if (!person.webhookUrl) continue;
    const payload: PagePayload = {
      event: page.event,
      incident: {
        id: incident.id,
        reference: incidentRef(incident),
        severity: incident.severity,
        title: incident.title,
        state: incident.state,
      },
      link: `${publicBaseUrl()}/staff/incidents/${incident.id}`,
      due: page.due?.toISOString() ?? null,
      text: page.text,
    };
    if (
      await enqueueWebhook(tx, {
        url: person.webhookUrl,
        subject: page.subject,
        body: JSON.stringify(payload),
        template: "incident_page_webhook",
        signerId: person.id,
        dedupeKey: `${page.key}:${person.id}:webhook`,
      })
    )
      queued++;
  }
  return queued;
}

export interface WebhookSendOptions {
  limit?: number;
  /** The worker's clock (claims and retry times); signatures carry the real time of sending. */
  now?: Date;
  /** How long one delivery may take before it counts as failed (default 5 s). */
  timeoutMs?: number;
  /** Whether production's address rules apply (default: NODE_ENV is production). */
  production?: boolean;
  /** How host names are resolved for the address check (default: dns.lookup, every address). */
  lookup?: LookupAll;
}

/**
 * Delivers due webhook rows (claimed like e-mails, with the same retries and backoff): a POST of the
 * stored JSON with `Content-Type: application/json`, the signature header and `Idempotency-Key` (the
 * row's id, the same on every retry). A 2xx is delivered; anything else (a redirect too) is retried.
 * The claimed batch is sent concurrently, each with its own timeout, so a dead URL holds the outbox
 * worker (which also sends e-mails and escalations) for at most one timeout per run.
 * A row whose technician has since changed or removed the URL, or left, is cancelled, not sent. In
 * production the host's addresses are resolved first: one that is private, loopback, link-local or
 * CGNAT fails the attempt, and no request is made.
 * With the feature off (no secret) due rows are cancelled: they would never be sent.
 * The key is derived per delivery and never logged or stored.
 */
/** fetch says only "fetch failed": its cause says why (refused address, connection refused, timeout). */
function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  if ((cause as NodeJS.ErrnoException | undefined)?.code === "EREFUSEDADDRESS")
    return `refused, not sent: ${cause!.message}`;
  return cause ? `${error.message}: ${cause.message}` : error.message;
}

export async function sendPendingWebhooks(db: Database, secret: string | undefined, options: WebhookSendOptions = {}) {
  const now = options.now ?? new Date();
  if (!secret) {
    await cancelDueWebhooks(db, "page webhooks are off (PAGE_WEBHOOK_SECRET is not set)", now);
    return 0;
  }
  const claimed = await claimDueEmails(db, options.limit ?? 20, now, "webhook");
  if (!claimed.length) return 0;
  const signers = await webhookSigners(db, [
    ...new Set(claimed.map((m) => m.signerId).filter((id): id is string => Boolean(id))),
  ]);
  const production = options.production ?? getEnv().NODE_ENV === "production";
  const timeoutMs = options.timeoutMs ?? 5_000;
  // In production every connection resolves its host through the same check (DNS rebinding).
  const dispatcher = production ? new Agent({ connect: { lookup: refusingLookup(options.lookup) } }) : undefined;

  async function deliver(m: OutboxMessage): Promise<boolean> {
    const signer = m.signerId ? signers.get(m.signerId) : undefined;
    if (!signer?.active || signer.url !== m.toAddress) {
      await markMessageCancelled(db, m, "the technician changed or removed this webhook (or left) before it was sent");
      return false;
    }
    try {
      const refused =
        pageWebhookUrlProblem(m.toAddress, production) ??
        (production ? await webhookAddressProblem(m.toAddress, options.lookup) : null);
      if (refused) throw new Error(`refused, not sent: ${refused}`);
      const key = derivePageKey(secret!, m.signerId!, signer.version);
      const response = await fetch(m.toAddress, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "SpecDesk-PageWebhook/1",
          [SIGNATURE_HEADER]: signatureHeader(key, m.textBody, new Date()),
          "Idempotency-Key": m.id,
        },
        body: m.textBody,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
        dispatcher,
      });
      await response.body?.cancel().catch(() => {});
      if (!response.ok) throw new Error(`the webhook answered HTTP ${response.status}`);
      await markEmailSent(db, m);
      return true;
    } catch (error) {
      await markEmailAttemptFailed(db, m, failureReason(error), now);
      return false;
    }
  }

  const results = await Promise.allSettled(claimed.map(deliver)).finally(() => dispatcher?.close());
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  // A row whose outcome could not be written keeps its lease and is retried when it expires.
  if (rejected) throw rejected.reason;
  return results.filter((r) => r.status === "fulfilled" && r.value).length;
}
