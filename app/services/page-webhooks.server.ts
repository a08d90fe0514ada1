import type { Database, Executor } from "#db/client.server";
import type { Incident } from "~/models/incident.server";
import { incidentRef } from "~/models/incident.server";
import {
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
}

/**
 * Delivers due webhook rows (claimed like e-mails, with the same retries and backoff): a POST of the
 * stored JSON with `Content-Type: application/json`, the signature header and `Idempotency-Key` (the
 * row's id, the same on every retry). A 2xx is delivered; anything else (a redirect too) is retried.
 * A row whose technician has since changed or removed the URL, or left, is cancelled, not sent.
 * The key is derived per delivery and never logged or stored.
 */
export async function sendPendingWebhooks(db: Database, secret: string, options: WebhookSendOptions = {}) {
  const now = options.now ?? new Date();
  const claimed = await claimDueEmails(db, options.limit ?? 20, now, "webhook");
  if (!claimed.length) return 0;
  const signers = await webhookSigners(db, [
    ...new Set(claimed.map((m) => m.signerId).filter((id): id is string => Boolean(id))),
  ]);
  const production = getEnv().NODE_ENV === "production";
  let sent = 0;
  for (const m of claimed) {
    const signer = m.signerId ? signers.get(m.signerId) : undefined;
    if (!signer?.active || signer.url !== m.toAddress || pageWebhookUrlProblem(m.toAddress, production)) {
      await markMessageCancelled(db, m, "the technician changed or removed this webhook (or left) before it was sent");
      continue;
    }
    try {
      const key = derivePageKey(secret, m.signerId!, signer.version);
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
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
      await response.body?.cancel().catch(() => {});
      if (!response.ok) throw new Error(`the webhook answered HTTP ${response.status}`);
      await markEmailSent(db, m);
      sent++;
    } catch (error) {
      await markEmailAttemptFailed(db, m, error instanceof Error ? error.message : String(error), now);
    }
  }
  return sent;
}
