import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { ActionFeedback } from "~/components/action-feedback";
import { Field } from "~/components/field";
import { MAINTENANCE_KINDS, NOTICE_HOURS, nextMaintenanceStates, policyWindows } from "~/domain/maintenance";
import { maintenanceRef, servicePolicy, serviceWindows } from "~/models/maintenance.server";
import { staffService } from "~/models/service.server";
import { effectivePolicy, staffMaintenanceAction } from "~/services/maintenance.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { staffTime, staffTimeZone } from "~/utils/staff-time.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: maintenance" }];

const WEEKDAYS = [
  ["MO", "Monday"],
  ["TU", "Tuesday"],
  ["WE", "Wednesday"],
  ["TH", "Thursday"],
  ["FR", "Friday"],
  ["SA", "Saturday"],
  ["SU", "Sunday"],
] as const;

const ORDINAL: Record<string, string> = { "1": "first", "2": "second", "3": "third", "4": "fourth", "-1": "last" };

/** "every Tuesday", "every day", "the second Tuesday of each month". */
function readableRule(rrule: string) {
  const { frequency, ordinal, weekday } = policyForm(rrule);
  const day = WEEKDAYS.find(([v]) => v === weekday)?.[1] ?? weekday;
  if (frequency === "DAILY") return "every day";
  if (frequency === "WEEKLY") return `every ${day}`;
  return `the ${ORDINAL[ordinal] ?? ordinal} ${day} of each month`;
}

/** What the policy's RRULE says, back in the form's terms. */
function policyForm(rrule: string) {
  const freq = /FREQ=(DAILY|WEEKLY|MONTHLY)/.exec(rrule)?.[1] ?? "WEEKLY";
  const byday = /BYDAY=(-?\d)?([A-Z]{2})/.exec(rrule);
  return { frequency: freq, ordinal: byday?.[1] ?? "1", weekday: byday?.[2] ?? "TU" };
}

/** A service's maintenance: its recurring window, scheduling work with notice, and each window's life. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaffPermission(request, "read:operations");
  if (!z.uuid().safeParse(params.id).success) throw data(null, { status: 404 });
  const db = getDb();
  const service = await staffService(db, params.id!);
  if (!service) throw data(null, { status: 404 });
  const now = new Date();
  const [policy, own, windows] = await Promise.all([
    effectivePolicy(db, service.id),
    servicePolicy(db, service.id),
    serviceWindows(db, service.id, now),
  ]);
  const time = staffTime();
  const zone = policy.timeZone;
  const inZone = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat("ccc d LLL yyyy HH:mm");
  const next = policyWindows(policy, now, 4);
  return {
    zone,
    staffZone: staffTimeZone(),
    policy: { ...policy, own: Boolean(own), ...policyForm(policy.rrule), readable: readableRule(policy.rrule) },
    next: next.map((w) => ({
      label: `${inZone(w.startsAt)} (${zone})`,
      date: DateTime.fromJSDate(w.startsAt, { zone }).toISODate()!,
      start: DateTime.fromJSDate(w.startsAt, { zone }).toFormat("HH:mm"),
    })),
    servers: service.servers.map((s) => s.hostname),
    minDate: DateTime.fromJSDate(now, { zone }).toISODate()!,
    windows: windows.map(({ window: w, updates }) => ({
      id: w.id,
      reference: maintenanceRef(w),
      title: w.title,
      kind: w.kind,
      state: w.state,
      when: `${time(w.startsAt)} – ${time(w.endsAt)}`,
      customerWhen: `${DateTime.fromJSDate(w.startsAt, { zone: w.timeZone }).toFormat("ccc d LLL yyyy HH:mm")} – ${DateTime.fromJSDate(w.endsAt, { zone: w.timeZone }).toFormat("HH:mm")} (${w.timeZone})`,
      downtime: w.expectedDowntimeMinutes,
      servers: w.affectedServers,
      affectsService: w.affectsService,
      response:
        w.customerResponse === "acknowledged"
          ? `Acknowledged ${time(w.respondedAt!)}`
          : w.customerResponse === "another_slot"
            ? `Asked for another slot: ${time(w.requestedStartsAt!)}${w.customerNote ? ` ("${w.customerNote}")` : ""}`
            : w.affectsService
              ? "Not acknowledged yet"
              : null,
      decision: w.decision
        ? `${w.decision === "moved" ? "Moved" : "Kept"} ${time(w.decidedAt!)}${w.decisionNote ? `: ${w.decisionNote}` : ""}`
        : null,
      canDecide: w.state === "scheduled" && w.customerResponse === "another_slot" && !w.decision,
      next: nextMaintenanceStates(w.state),
      updates: updates.map(({ update, author }) => ({
        id: update.id,
        at: time(update.createdAt),
        state: update.state,
        body: update.body,
        by: author ?? "staff",
      })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:incidents");
  if (!z.uuid().safeParse(params.id).success) throw data(null, { status: 404 });
  const db = getDb();
  const service = await staffService(db, params.id!);
  if (!service) throw data(null, { status: 404 });
  const formData = await request.formData();
  const form = { ...Object.fromEntries(formData), servers: formData.getAll("servers") };
  const hostnames = service.servers.map((s) => s.hostname);
  const { status, ...answer } = await staffMaintenanceAction(db, user, { id: service.id, hostnames }, form);
  return data(answer, { status });
}

const STATE_LABEL: Record<string, string> = {
  in_progress: "Start work",
  completed: "Complete",
  extended: "Extend",
  cancelled: "Cancel the work",
};

export default function ServiceMaintenance() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errorOf = (path: string) => result?.errors.find((e) => e.path === path)?.message;
  return (
    <>
      <ActionFeedback notice={result?.notice} errors={result?.errors} />
      <h2>Maintenance window</h2>
      <p>
        {page.policy.own ? "Agreed window" : "Default window (none agreed yet)"}: {page.policy.readable},{" "}
        {page.policy.startTime} for {page.policy.durationMinutes} minutes ({page.policy.timeZone}). Next:{" "}
        {page.next.map((n) => n.label).join("; ")}.
      </p>
      <details>
        <summary>Change the window</summary>
        <Form method="post" className="stack-form" noValidate>
          <input type="hidden" name="intent" value="maintenance_policy" />
          <label>
            Recurs{" "}
            <select name="frequency" defaultValue={page.policy.frequency}>
              <option value="DAILY">daily</option>
              <option value="WEEKLY">weekly</option>
              <option value="MONTHLY">monthly</option>
            </select>
          </label>
          <label>
            On (monthly: which one){" "}
            <select name="ordinal" defaultValue={page.policy.ordinal}>
              <option value="1">first</option>
              <option value="2">second</option>
              <option value="3">third</option>
              <option value="4">fourth</option>
              <option value="-1">last</option>
            </select>
          </label>
          <label>
            Day{" "}
            <select name="weekday" defaultValue={page.policy.weekday}>
              {WEEKDAYS.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <Field id="policy-start" label="Starts at (HH:MM)" error={errorOf("startTime")}>
            {(a11y) => <input name="startTime" type="time" defaultValue={page.policy.startTime} {...a11y} />}
          </Field>
          <Field id="policy-duration" label="Lasts (minutes)" error={errorOf("duration")}>
            {(a11y) => (
              <input
                name="duration"
                type="number"
                min={15}
                max={1440}
                defaultValue={page.policy.durationMinutes}
                {...a11y}
              />
            )}
          </Field>
          <Field id="policy-zone" label="Customer's time zone" error={errorOf("timeZone")}>
            {(a11y) => <input name="timeZone" defaultValue={page.policy.timeZone} {...a11y} />}
          </Field>
          <button type="submit">Save the window</button>
        </Form>
      </details>

      <h2>Schedule work</h2>
      <p className="muted">
        Notice: disruptive {NOTICE_HOURS.disruptive / 24} days, routine with downtime{" "}
        {NOTICE_HOURS.routineWithDowntime / 24} days, expedited {NOTICE_HOURS.expedited} hours, emergency at once with a
        reason. Times in the customer’s zone, {page.zone}.
      </p>
      <Form method="post" className="stack-form" noValidate key={page.windows.length}>
        <input type="hidden" name="intent" value="maintenance_schedule" />
        <Field id="mw-kind" label="Kind" error={errorOf("kind")}>
          {(a11y) => (
            <select name="kind" defaultValue="routine" {...a11y}>
              {MAINTENANCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="mw-title" label="What is done (the customer reads it)" error={errorOf("title")}>
          {(a11y) => <input name="title" maxLength={200} required {...a11y} />}
        </Field>
        <Field id="mw-description" label="Details for the customer (optional)" error={errorOf("description")}>
          {(a11y) => <textarea name="description" rows={2} maxLength={4000} {...a11y} />}
        </Field>
        {page.servers.length ? (
          <fieldset>
            <legend>Affected servers (none ticked: the whole service)</legend>
            {page.servers.map((s) => (
              <label key={s} className="choice">
                <input type="checkbox" name="servers" value={s} /> <span>{s}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
        <Field id="mw-downtime" label="Expected downtime (minutes; 0: none)" error={errorOf("downtime")}>
          {(a11y) => <input name="downtime" type="number" min={0} max={1440} defaultValue={0} {...a11y} />}
        </Field>
        <Field id="mw-date" label={`Date (${page.zone})`} error={errorOf("date")}>
          {(a11y) => <input name="date" type="date" min={page.minDate} defaultValue={page.next[2]?.date} {...a11y} />}
        </Field>
        <Field id="mw-start" label="Start">
          {(a11y) => <input name="start" type="time" defaultValue={page.next[2]?.start ?? "01:00"} {...a11y} />}
        </Field>
        <Field id="mw-duration" label="Window length (minutes)" error={errorOf("duration")}>
          {(a11y) => (
            <input
              name="duration"
              type="number"
              min={15}
              max={4320}
              defaultValue={page.policy.durationMinutes}
              {...a11y}
            />
          )}
        </Field>
        <Field id="mw-reason" label="Reason (emergencies: required, shown to the customer)" error={errorOf("reason")}>
          {(a11y) => <textarea name="reason" rows={2} maxLength={2000} {...a11y} />}
        </Field>
        <button type="submit">Schedule and tell the customer</button>
      </Form>

      <h2>Windows</h2>
      {page.windows.length ? null : <p className="muted">No maintenance in the last 90 days and none planned.</p>}
      {page.windows.map((w) => (
        <article key={w.id} className="staff-card" aria-labelledby={`mw-${w.id}`}>
          <h3 id={`mw-${w.id}`}>
            {w.reference}: {w.title}
          </h3>
          <p>
            {w.kind} · <strong>{w.state.replace("_", " ")}</strong> · {w.when} ({page.staffZone}); customer:{" "}
            {w.customerWhen}
          </p>
          <p>
            Downtime {w.downtime} min · {w.servers.length ? w.servers.join(", ") : "whole service"}
            {w.affectsService ? " · affects the service" : ""}
          </p>
          {w.response ? <p>{w.response}</p> : null}
          {w.decision ? <p>{w.decision}</p> : null}
          {w.canDecide ? (
            <Form method="post" className="stack-form">
              <input type="hidden" name="intent" value="maintenance_decide" />
              <input type="hidden" name="windowId" value={w.id} />
              <label>
                Note to the customer (required to keep the slot) <textarea name="note" rows={2} maxLength={2000} />
              </label>
              <button type="submit" name="decision" value="move">
                Move to their slot
              </button>{" "}
              <button type="submit" name="decision" value="keep" className="secondary">
                Keep this slot
              </button>
            </Form>
          ) : null}
          {w.next.length ? (
            <Form method="post" className="stack-form" key={w.updates.length}>
              <input type="hidden" name="intent" value="maintenance_state" />
              <input type="hidden" name="windowId" value={w.id} />
              <label>
                Update to the customer (required to extend or cancel) <textarea name="body" rows={2} maxLength={4000} />
              </label>
              {w.next.includes("extended") ? (
                <label>
                  Extend by (minutes) <input name="extendMinutes" type="number" min={15} max={1440} defaultValue={30} />
                </label>
              ) : null}
              <p style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap" }}>
                {w.next.map((s) => (
                  <button
                    key={s}
                    type="submit"
                    name="state"
                    value={s}
                    className={s === "cancelled" ? "secondary" : undefined}
                  >
                    {STATE_LABEL[s]}
                  </button>
                ))}
              </p>
            </Form>
          ) : null}
          <ol className="incident-timeline">
            {w.updates.map((u) => (
              <li key={u.id}>
                <strong>
                  {u.at} · {u.state.replace("_", " ")} · {u.by}
                </strong>
                {u.body ? <p>{u.body}</p> : null}
              </li>
            ))}
          </ol>
        </article>
      ))}
    </>
  );
}
