import type { Executor } from "#db/client.server";
import { type IncidentState, type Severity, dueEscalations } from "~/domain/incidents";
import { enqueueEmail } from "~/models/outbox.server";
import {
  type Incident,
  type UpdateInput,
  claimEscalation,
  dueEscalationCandidates,
  incidentRef,
  openIncident,
  pageRecipients,
  postIncidentUpdate,
} from "~/models/incident.server";
import { quoteContact } from "~/models/notification-recipients.server";
import { contractTargets } from "~/models/service-settings.server";
import { businessCalendar, publicBaseUrl } from "~/utils/env.server";
import { formatDate } from "~/utils/format";
import { notifyCustomer } from "./notifications.server";
import { type PageEvent, enqueuePageWebhooks } from "./page-webhooks.server";
import { translatorFor } from "./quote.server";

/**
 * Incidents with their messages (issue 19): every public update reaches the customer by e-mail in
 * their language, with when the next one will come; a customer's report and every overdue update
 * page the person on call (then an admin), through the outbox, in the same transaction as the change.
 */

/** A time as customers and staff read it in e-mails: the business time zone, named ("… 18:35 (Europe/Madrid)"). */
function when(date: Date, locale: string, timeZone: string) {
  return formatDate(date, locale, "long", true, timeZone);
}

async function tellCustomer(
  tx: Executor,
  incident: Incident,
  kind: "incident_opened" | "incident_reported" | "incident_update" | "incident_resolved",
  update: { body: string; state: IncidentState; nextUpdateAt: Date | null; id: string },
) {
  const contact = await quoteContact(tx, incident.quoteRequestId);
  if (!contact) return;
  const t = await translatorFor(contact.locale);
  const zone = businessCalendar().timeZone;
  await notifyCustomer(tx, incident.quoteRequestId, kind, {
    extra: {
      reference: incidentRef(incident),
      title: incident.title,
      state: t(`incidents.states.${update.state}`),
      body: update.body,
      next: update.nextUpdateAt ? when(update.nextUpdateAt, contact.locale, zone) : t("incidents.onChange"),
      summary: incident.summary ?? "",
    },
    dedupeKey: `incident:${update.id}:${kind}`,
  });
}

/**
 * Pages people about an incident (English: staff), each once per key: an e-mail, and a signed POST
 * to their own webhook when they set one (and PAGE_WEBHOOK_SECRET is set), in the same transaction.
 */
async function page(
  tx: Executor,
  incident: Incident,
  people: { id: string; email: string; webhookUrl?: string | null }[],
  subject: string,
  text: string,
  key: string,
  webhook: { event: PageEvent; due: Date | null },
) {
  for (const person of people)
    await enqueueEmail(tx, {
      to: person.email,
      subject,
      text: `${text}\n\n${publicBaseUrl()}/staff/incidents/${incident.id}\n`,
      template: "incident_page",
      dedupeKey: `${key}:${person.id}`,
    });
  await enqueuePageWebhooks(tx, incident, people, { ...webhook, subject, text, key });
}

/** A technician opens an incident; its opening text is the first public update, sent to the customer. */
export async function openIncidentAsStaff(
  db: Executor,
  actor: { id: string },
  input: { quoteRequestId: string; severity: Severity; title: string; body: string; downtimeFrom: Date | null },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const incident = await openIncident(tx, { ...input, by: { kind: "staff", id: actor.id } }, businessCalendar(), now);
    await tellCustomer(tx, incident, "incident_opened", {
      id: incident.id,
      body: input.body,
      state: "investigating",
      nextUpdateAt: incident.nextUpdateDueAt,
    });
    return incident;
  });
}

/** A customer reports something wrong: the person on call is paged at once; the customer gets an acknowledgement. */
export async function reportIncidentAsCustomer(
  db: Executor,
  input: { quoteRequestId: string; severity: Severity; title: string; body: string },
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const cal = businessCalendar();
    const incident = await openIncident(tx, { ...input, by: { kind: "customer" } }, cal, now);
    const { people } = await pageRecipients(tx, cal.timeZone, now, false);
    await page(
      tx,
      incident,
      people,
      `${incident.severity} reported by a customer: ${incident.title}`.slice(0, 200),
      `${incidentRef(incident)}: a customer reports a problem (${incident.severity}). First response due ${when(incident.firstResponseDueAt, "en-GB", cal.timeZone)}.\n\n${input.body}`,
      `incident-report:${incident.id}`,
      { event: "incident.reported", due: incident.firstResponseDueAt },
    );
    await tellCustomer(tx, incident, "incident_reported", {
      id: incident.id,
      body: input.body,
      state: "investigating",
      nextUpdateAt: incident.firstResponseDueAt,
    });
    return incident;
  });
}

/** A technician's update (to the customer, by e-mail) or internal note (to nobody). */
export async function updateIncident(
  db: Executor,
  actor: { id: string },
  id: string,
  input: UpdateInput,
  now = new Date(),
) {
  return postIncidentUpdate(db, actor, id, input, businessCalendar(), now, async (tx, { incident, update }) => {
    if (update.internal) return;
    await tellCustomer(tx, incident, update.state === "resolved" ? "incident_resolved" : "incident_update", update);
  });
}

/**
 * Overdue updates: the person on call when due, then the admins as well (app/domain/incidents.ts
 * escalationSteps). Each incident's claim and its pages commit together, so a step is paged once
 * across instances and never lost to a crash in between. Returns the number of steps paged.
 */
export async function escalateOverdueIncidents(db: Executor, now = new Date()): Promise<number> {
  const candidates = await dueEscalationCandidates(db, now);
  const zone = businessCalendar().timeZone;
  let paged = 0;
  for (const candidate of candidates) {
    const { incident } = candidate;
    await db.transaction(async (tx) => {
      // The steps by the contract's targets as they are in this transaction (they may have just changed).
      const steps = dueEscalations(
        incident.severity,
        incident.nextUpdateDueAt!,
        incident.pagedStep,
        now,
        await contractTargets(tx, incident.quoteRequestId),
      );
      if (!steps.length) return;
      const top = steps.at(-1)!.step;
      if (!(await claimEscalation(tx, incident, top))) return;
      const due = incident.nextUpdateDueAt!;
      for (const step of steps) {
        const { people } = await pageRecipients(tx, zone, now, step.to === "admin");
        const what = incident.firstRespondedAt ? "update" : "first response";
        await page(
          tx,
          incident,
          people,
          `${step.to === "admin" ? "ESCALATED: " : ""}${incident.severity} ${incidentRef(incident)} ${what} overdue`,
          `The next ${what} for ${incidentRef(incident)} (${incident.title}) was due ${when(due, "en-GB", zone)} and has not been posted.${step.to === "admin" ? " The person on call was paged and it is still overdue." : ""}`,
          `incident-escalation:${incident.id}:${due.toISOString()}:${step.step}`,
          { event: step.to === "admin" ? "incident.escalated" : "incident.overdue", due },
        );
        paged++;
      }
    });
  }
  return paged;
}
