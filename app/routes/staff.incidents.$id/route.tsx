import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { INCIDENT_STATES, SEVERITIES, targetsFor } from "~/domain/incidents";
import { incidentRef, staffIncident } from "~/models/incident.server";
import { contractTargets } from "~/models/service-settings.server";
import { describeTargets } from "~/presenters/incident-targets";
import staffStyles from "~/styles/staff.css";
import { requireStaffPermission } from "~/utils/auth.server";
import { staffTime, staffTimeZone } from "~/utils/staff-time.server";
import { incidentAction } from "./action.server";

export const handle = { intl: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: incident" }];

/** One incident: what the customer was told and when, internal notes, and the next update to post. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:operations");
  if (!z.uuid().safeParse(params.id).success) throw data(null, { status: 404 });
  const found = await staffIncident(getDb(), params.id!);
  if (!found) throw data(null, { status: 404 });
  const { incident } = found;
  // The targets in force for this incident: its service's contract over the defaults.
  const contract = await contractTargets(getDb(), incident.quoteRequestId);
  const time = staffTime();
  const now = new Date();
  return {
    user,
    incident: {
      id: incident.id,
      reference: incidentRef(incident),
      severity: incident.severity,
      state: incident.state,
      title: incident.title,
      customer: found.company ? `${found.contactName}, ${found.company}` : found.contactName,
      service: incident.quoteRequestId.slice(0, 8).toUpperCase(),
      quoteRequestId: incident.quoteRequestId,
      opened: time(incident.openedAt),
      reportedByCustomer: incident.reportedByCustomer,
      firstResponseDue: time(incident.firstResponseDueAt),
      firstResponded: incident.firstRespondedAt ? time(incident.firstRespondedAt) : null,
      nextDue: incident.nextUpdateDueAt ? time(incident.nextUpdateDueAt) : null,
      overdue: Boolean(incident.nextUpdateDueAt && incident.nextUpdateDueAt <= now),
      pagedStep: incident.pagedStep,
      downtime: incident.downtimeFrom
        ? `${time(incident.downtimeFrom)} – ${incident.downtimeTo ? time(incident.downtimeTo) : "still down"}`
        : null,
      down: Boolean(incident.downtimeFrom && !incident.downtimeTo),
      resolved: incident.state === "resolved",
      summary: incident.summary,
      targets: describeTargets(targetsFor(incident.severity, contract)),
      contractTargets: Boolean(contract[incident.severity]),
    },
    timeZone: staffTimeZone(),
    nowLocal: DateTime.fromJSDate(now, { zone: staffTimeZone() }).toFormat("yyyy-LL-dd'T'HH:mm"),
    updates: found.updates.map(({ update, author }) => ({
      id: update.id,
      at: time(update.createdAt),
      internal: update.internal,
      state: update.state,
      body: update.body,
      by: update.authorKind === "customer" ? "the customer" : (author ?? "staff"),
      next: update.nextUpdateAt ? time(update.nextUpdateAt) : null,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:incidents");
  if (!z.uuid().safeParse(params.id).success) throw data(null, { status: 404 });
  return incidentAction(getDb(), user, params.id!, await request.formData());
}

export default function IncidentPage() {
  const { user, incident, updates, timeZone, nowLocal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="staff">
      <StaffNav user={user} />
      <p>
        <Link to="/staff/operations">Operations</Link>
      </p>
      <h1>
        {incident.reference}: {incident.title}
      </h1>
      <p>
        {incident.severity} · {incident.state} · {incident.customer} (service{" "}
        <Link to={`/staff/services/${incident.quoteRequestId}`}>{incident.service}</Link>) · opened {incident.opened}
        {incident.reportedByCustomer ? " by the customer" : ""}
      </p>
      <p className={incident.overdue ? "field-error" : undefined}>
        {incident.resolved
          ? "Resolved."
          : incident.firstResponded
            ? incident.nextDue
              ? `Next public update due ${incident.nextDue}${incident.overdue ? ": OVERDUE" : ""}.`
              : "No update due (on change)."
            : `First response due ${incident.firstResponseDue}${incident.overdue ? ": OVERDUE" : ""}.`}
        {incident.pagedStep ? ` Paged: ${incident.pagedStep === 2 ? "on call and admins" : "on call"}.` : ""}
        <span className="muted"> Times in {timeZone}.</span>
      </p>
      <p>
        Targets for {incident.severity}
        {incident.contractTargets ? " (this contract's)" : " (the defaults)"}: {incident.targets}.
      </p>
      {incident.downtime ? <p>Downtime: {incident.downtime}</p> : null}
      {incident.summary ? <p>Summary: {incident.summary}</p> : null}
      <ActionFeedback notice={actionData?.notice} errors={actionData?.errors} />

      <h2>Timeline</h2>
      <ol className="incident-timeline">
        {updates.map((u) => (
          <li key={u.id} className={u.internal ? "internal" : undefined}>
            <strong>
              {u.at} · {u.internal ? "internal note" : u.state} · {u.by}
            </strong>
            <p>{u.body}</p>
            {u.next ? <p className="muted">Promised next update: {u.next}</p> : null}
          </li>
        ))}
      </ol>

      {incident.resolved ? null : (
        <>
          <h2>Post an update to the customer</h2>
          <Form method="post" className="stack-form" key={updates.length}>
            <input type="hidden" name="intent" value="update" />
            <label>
              State{" "}
              <select name="state" defaultValue={incident.state}>
                {INCIDENT_STATES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Severity{" "}
              <select name="severity" defaultValue={incident.severity}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              What is affected and what we are doing (the customer reads this){" "}
              <textarea name="body" required rows={4} maxLength={4000} />
            </label>
            <label>
              Next update by (optional: sooner than the severity&apos;s cadence){" "}
              <input type="datetime-local" name="promisedAt" min={nowLocal} />
            </label>
            {incident.down ? (
              <label className="choice">
                <input type="checkbox" name="backUp" value="yes" /> <span>The service is back up now</span>
              </label>
            ) : (
              <label className="choice">
                <input type="checkbox" name="down" value="yes" /> <span>The service is down (from now)</span>
              </label>
            )}
            <label>
              Post-incident summary (required to resolve) <textarea name="summary" rows={3} maxLength={8000} />
            </label>
            <button type="submit">Post the update</button>
          </Form>
          <h2>Internal note</h2>
          <Form method="post" className="stack-form" key={`note-${updates.length}`}>
            <input type="hidden" name="intent" value="note" />
            <label>
              Note (staff only) <textarea name="body" required rows={2} maxLength={4000} />
            </label>
            <button type="submit" className="secondary">
              Add the note
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
