import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { SEVERITIES, onCallAt } from "~/domain/incidents";
import type { Currency } from "~/domain/money";
import { overdueServices } from "~/models/billing.server";
import { dueCapacityReviews } from "~/models/capacity-review.server";
import { incidentRef, openIncidents, rotaView } from "~/models/incident.server";
import { upcomingMaintenance } from "~/models/maintenance.server";
import staffStyles from "~/styles/staff.css";
import { requireStaffPermission } from "~/utils/auth.server";
import { formatMoney } from "~/utils/format";
import { can } from "~/utils/permissions";
import { staffTime, staffTimeZone } from "~/utils/staff-time.server";
import { operationsAction } from "./action.server";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: operations" }];

const MAINTENANCE_ROWS = 50;

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/**
 * What needs someone now: open incidents by when their next update is due (overdue first, in red),
 * who is on call, and monthly payments overdue. Times in the business time zone.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:operations");
  const db = getDb();
  const time = staffTime();
  const now = new Date();
  const [incidents, overdueRows, rotaRows, dueReviews, maintenanceRows] = await Promise.all([
    openIncidents(db),
    overdueServices(db),
    rotaView(db, staffTimeZone(), now),
    dueCapacityReviews(db, now, 20),
    // The next 50 (each service's own tab lists all of its windows).
    upcomingMaintenance(db, now, 14, MAINTENANCE_ROWS + 1),
  ]);
  const onCall = onCallAt(rotaRows.rota, now);
  const names = new Map(rotaRows.technicians.map((t) => [t.id, t.name]));
  return {
    user,
    canOpen: can(user.role, "write:incidents"),
    canManageRota: can(user.role, "manage:oncall"),
    timeZone: staffTimeZone(),
    onCall: onCall ? (names.get(onCall) ?? "someone no longer active") : null,
    incidents: incidents.map((i) => ({
      id: i.id,
      reference: incidentRef(i),
      severity: i.severity,
      state: i.state,
      title: i.title,
      customer: i.company ? `${i.contactName}, ${i.company}` : i.contactName,
      due: i.nextUpdateDueAt ? time(i.nextUpdateDueAt) : "on change",
      overdue: Boolean(i.nextUpdateDueAt && i.nextUpdateDueAt <= now),
      waitingFirstResponse: !i.firstRespondedAt,
      escalated: i.pagedStep,
    })),
    rota: {
      members: rotaRows.members.map((m) => m.userId),
      startsOn: rotaRows.settings?.startsOn ?? "",
      handoverWeekday: rotaRows.settings?.handoverWeekday ?? 1,
      handoverTime: rotaRows.settings?.handoverTime ?? "09:00",
      overrides: rotaRows.overrides.map((o) => ({
        id: o.id,
        name: o.name,
        from: time(o.startsAt),
        to: time(o.endsAt),
      })),
      people: rotaRows.technicians,
      order: rotaRows.members.map((m) => m.name),
    },
    overdue: overdueRows.map((r) => ({
      id: r.subscriptionId,
      customer: r.company ? `${r.contactName}, ${r.company}` : r.contactName,
      reference: r.quoteRequestId.slice(0, 8).toUpperCase(),
      href: r.provisioningItemId ? `/staff/provisioning/${r.provisioningItemId}` : `/staff/sales/${r.quoteRequestId}`,
      since: time(r.overdueSince ?? r.suspensionFlaggedAt),
      open: formatMoney(Number(r.openMinor), r.currency as Currency, "en"),
      nextAttempt: r.nextAttempt ? time(new Date(r.nextAttempt)) : null,
      state: r.suspensionDecision
        ? r.suspensionDecision === "suspend"
          ? "Suspended until paid"
          : "Kept running by a technician"
        : r.suspensionFlaggedAt
          ? "Retries over: decide on suspension"
          : "Stripe is retrying",
      urgent: Boolean(r.suspensionFlaggedAt && !r.suspensionDecision),
    })),
    // Maintenance under way, then what starts within 14 days (today's first), soonest first.
    maintenanceMore: maintenanceRows.length > MAINTENANCE_ROWS,
    maintenance: maintenanceRows.slice(0, MAINTENANCE_ROWS).map((m) => ({
      id: m.id,
      serviceId: m.quoteRequestId,
      reference: `MW-${m.number}`,
      title: m.title,
      kind: m.kind,
      state: m.state,
      customer: m.company ? `${m.contactName}, ${m.company}` : m.contactName,
      when: `${time(m.startsAt)} – ${time(m.endsAt)}`,
      today: m.state !== "scheduled" || m.startsAt.getTime() - now.getTime() < 86_400_000,
      late: m.state === "scheduled" && m.startsAt <= now,
      answer:
        m.affectsService && m.state === "scheduled"
          ? m.decision
            ? `${m.decision} by a technician`
            : m.customerResponse === "another_slot"
              ? "customer asks for another slot: decide"
              : m.customerResponse === "acknowledged"
                ? "acknowledged"
                : "not acknowledged yet"
          : null,
    })),
    // Capacity reviews due (the last one, else the hand-over, plus the service's cadence has passed).
    capacityDue: dueReviews.map((r) => ({
      id: r.quoteRequestId,
      reference: r.quoteRequestId.slice(0, 8).toUpperCase(),
      customer: r.company ? `${r.contactName}, ${r.company}` : r.contactName,
      last: r.lastReviewAt ? time(r.lastReviewAt) : "never",
      due: time(r.dueAt),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "read:operations");
  return operationsAction(getDb(), user, await request.formData());
}

export default function Operations() {
  const { user, incidents, overdue, onCall, canOpen, canManageRota, rota, timeZone } = useLoaderData<typeof loader>();
  const { capacityDue, maintenance, maintenanceMore } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>Operations</h1>
      <p>
        On call now: <strong>{onCall ?? "nobody on the rota: every technician is paged"}</strong>{" "}
        <span className="muted">(times in {timeZone})</span> ·{" "}
        <Link to="/staff/account">My pages (e-mail and signed webhook)</Link>
      </p>
      <ActionFeedback notice={actionData?.notice} errors={actionData?.errors} />

      <h2 id="incidents-title">Open incidents</h2>
      {incidents.length === 0 ? <p>No incident is open.</p> : null}
      {incidents.length ? (
        <table className="queue stack-on-phone" aria-labelledby="incidents-title">
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Customer</th>
              <th scope="col">Severity</th>
              <th scope="col">State</th>
              <th scope="col">Next update due</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((i) => (
              <tr key={i.id} className={i.overdue ? "overdue" : undefined}>
                <td data-label="Incident">
                  <Link to={`/staff/incidents/${i.id}`}>{i.reference}</Link> {i.title}
                </td>
                <td data-label="Customer">{i.customer}</td>
                <td data-label="Severity">{i.severity}</td>
                <td data-label="State">{i.waitingFirstResponse ? "reported, no response yet" : i.state}</td>
                <td data-label="Next update due">
                  {i.overdue ? <strong>{`${i.due}: overdue`}</strong> : i.due}
                  {i.escalated ? ` (paged ${i.escalated === 2 ? "on call and admins" : "on call"})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h2 id="maintenance-title">Maintenance today and in the next 14 days</h2>
      {maintenance.length === 0 ? <p>No maintenance is planned.</p> : null}
      {maintenanceMore ? (
        <p className="muted">
          The first {maintenance.length}, soonest first; each service&apos;s Maintenance tab has all of its windows.
        </p>
      ) : null}
      {maintenance.length ? (
        <table className="queue stack-on-phone" aria-labelledby="maintenance-title">
          <thead>
            <tr>
              <th scope="col">Window</th>
              <th scope="col">Customer</th>
              <th scope="col">When</th>
              <th scope="col">State</th>
              <th scope="col">Customer&apos;s answer</th>
            </tr>
          </thead>
          <tbody>
            {maintenance.map((m) => (
              <tr key={m.id} className={m.late ? "overdue" : undefined}>
                <td data-label="Window">
                  <Link to={`/staff/services/${m.serviceId}/maintenance`}>{m.reference}</Link> {m.title} ({m.kind})
                </td>
                <td data-label="Customer">{m.customer}</td>
                <td data-label="When">{m.today ? <strong>{m.when}</strong> : m.when}</td>
                <td data-label="State">{m.late ? "should have started" : m.state.replace("_", " ")}</td>
                <td data-label="Answer">{m.answer ?? "not needed"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {canOpen ? (
        <details>
          <summary>Open an incident</summary>
          <Form method="post" className="stack-form">
            <input type="hidden" name="intent" value="open" />
            <label>
              Service reference <input name="service" required minLength={8} maxLength={36} placeholder="D3CE3516" />
            </label>
            <label>
              Severity{" "}
              <select name="severity" defaultValue="P2">
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              What is affected (the customer reads this) <input name="title" required minLength={3} maxLength={200} />
            </label>
            <label>
              First update to the customer <textarea name="body" required rows={3} maxLength={4000} />
            </label>
            <label className="choice">
              <input type="checkbox" name="down" value="yes" /> <span>The service is down (downtime starts now)</span>
            </label>
            <button type="submit">Open and tell the customer</button>
          </Form>
        </details>
      ) : null}

      <h2 id="overdue-title">Overdue payments</h2>
      {overdue.length === 0 ? <p>No running service has a payment overdue.</p> : null}
      {overdue.length ? (
        <table className="queue stack-on-phone" aria-labelledby="overdue-title">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Overdue since</th>
              <th scope="col">Open</th>
              <th scope="col">Next retry</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {overdue.map((o) => (
              <tr key={o.id} className={o.urgent ? "overdue" : undefined}>
                <td data-label="Customer">
                  <Link to={o.href}>{o.customer}</Link> <span className="muted">{o.reference}</span>
                </td>
                <td data-label="Overdue since">{o.since}</td>
                <td data-label="Open">{o.open}</td>
                <td data-label="Next retry">{o.nextAttempt ?? "none"}</td>
                <td data-label="State">{o.urgent ? <strong>{o.state}</strong> : o.state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h2 id="rota-title">On-call rota</h2>
      <p>
        {rota.order.length
          ? `In turn, a week each: ${rota.order.join(", ")}; handover ${WEEKDAYS[rota.handoverWeekday - 1]} ${rota.handoverTime}.`
          : "Nobody is on the rota yet: pages go to every technician."}
      </p>
      {rota.overrides.length ? (
        <ul>
          {rota.overrides.map((o) => (
            <li key={o.id}>
              {o.name} on call from {o.from} to {o.to}
            </li>
          ))}
        </ul>
      ) : null}
      {canManageRota ? (
        <>
          <Form method="post" className="stack-form">
            <input type="hidden" name="intent" value="rota" />
            <fieldset>
              <legend>Who takes turns (in this order)</legend>
              {[...rota.people]
                .sort((a, b) => {
                  const ia = rota.members.indexOf(a.id);
                  const ib = rota.members.indexOf(b.id);
                  return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib);
                })
                .map((p) => (
                  <label key={p.id} className="choice">
                    <input type="checkbox" name="members" value={p.id} defaultChecked={rota.members.includes(p.id)} />{" "}
                    <span>{p.name}</span>
                  </label>
                ))}
            </fieldset>
            <label>
              First week starts <input type="date" name="startsOn" required defaultValue={rota.startsOn} />
            </label>
            <label>
              Handover on{" "}
              <select name="handoverWeekday" defaultValue={rota.handoverWeekday}>
                {WEEKDAYS.map((d, i) => (
                  <option key={d} value={i + 1}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
            <label>
              at <input type="time" name="handoverTime" required defaultValue={rota.handoverTime} />
            </label>
            <button type="submit" className="secondary">
              Save the rota
            </button>
          </Form>
          <Form method="post" className="stack-form">
            <input type="hidden" name="intent" value="override" />
            <label>
              Override: who{" "}
              <select name="userId" required>
                {rota.people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              from <input type="datetime-local" name="startsAt" required />
            </label>
            <label>
              to <input type="datetime-local" name="endsAt" required />
            </label>
            <button type="submit" className="secondary">
              Add the override
            </button>
          </Form>
        </>
      ) : null}

      <h2 id="capacity-due-title">Capacity reviews due</h2>
      {capacityDue.length === 0 ? <p>No capacity review is due.</p> : null}
      {capacityDue.length ? (
        <table className="queue stack-on-phone" aria-labelledby="capacity-due-title">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Last review</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {capacityDue.map((c) => (
              <tr key={c.id}>
                <td data-label="Service">
                  <Link to={`/staff/services/${c.id}/capacity`}>{c.reference}</Link> {c.customer}
                </td>
                <td data-label="Last review">{c.last}</td>
                <td data-label="Due">{c.due}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
