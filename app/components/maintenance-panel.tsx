import { Form, useNavigation } from "@remix-run/react";
import type { CustomerMaintenanceView } from "~/services/maintenance.server";
import { Field } from "./field";

export interface MaintenanceResult {
  ok: string | null;
  errors: { path: string; message: string }[];
}

/**
 * Scheduled maintenance on the customer's service page (issue 19): what is planned, when in their
 * time zone, what it affects, its updates, and, for work that affects the service, acknowledging
 * it or asking for another slot of their maintenance window. Every text comes worded from the server.
 */
export function MaintenancePanel({
  view,
  result,
  icsHref,
}: {
  view: CustomerMaintenanceView;
  result: MaintenanceResult | null;
  icsHref: string;
}) {
  const busy = useNavigation().state !== "idle";
  const error = result?.errors.find((e) => e.path === "maintenance")?.message;
  return (
    <section className="maintenance" aria-labelledby="maintenance-title">
      <h2 id="maintenance-title">{view.title}</h2>
      {result?.ok ? <p role="status">{result.ok}</p> : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {view.none ? <p className="muted">{view.none}</p> : null}
      {view.windows.map((w) => (
        <article key={w.id} className="maintenance-window" aria-labelledby={`mw-${w.id}`}>
          <h3 id={`mw-${w.id}`}>{w.heading}</h3>
          <p>
            <strong>{w.state}</strong> · {w.kind}
          </p>
          <p>{w.when}</p>
          <p>{w.impact}</p>
          {w.description ? <p>{w.description}</p> : null}
          {w.reason ? <p>{w.reason}</p> : null}
          {w.updates.length ? (
            <>
              <h4 className="visually-hidden">{view.history}</h4>
              <ol aria-label={view.history}>
                {w.updates.map((u) => (
                  <li key={u.id}>
                    <strong>{u.state}</strong> <span className="muted">{u.at}</span>
                    {u.body ? <p>{u.body}</p> : null}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          {w.response ? <p className="muted">{w.response}</p> : null}
          {w.ask ? (
            <div className="maintenance-ask">
              <p>{w.ask.lead}</p>
              {w.ask.acknowledge ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="maintenance_ack" />
                  <input type="hidden" name="windowId" value={w.id} />
                  <button type="submit" disabled={busy}>
                    {w.ask.acknowledge}
                  </button>
                </Form>
              ) : null}
              {w.ask.slots.length ? (
                <details>
                  <summary>{w.ask.another}</summary>
                  <Form method="post">
                    <input type="hidden" name="intent" value="maintenance_another" />
                    <input type="hidden" name="windowId" value={w.id} />
                    <fieldset>
                      <legend>{w.ask.slotsLegend}</legend>
                      {w.ask.slots.map((s, i) => (
                        <label key={s.value} className="choice">
                          <input type="radio" name="slot" value={s.value} defaultChecked={i === 0} />{" "}
                          <span>{s.label}</span>
                        </label>
                      ))}
                    </fieldset>
                    <Field id={`mw-note-${w.id}`} label={w.ask.note}>
                      {(a11y) => <textarea name="note" rows={2} maxLength={1000} {...a11y} />}
                    </Field>
                    <button type="submit" className="secondary" disabled={busy}>
                      {w.ask.send}
                    </button>
                  </Form>
                </details>
              ) : null}
            </div>
          ) : null}
        </article>
      ))}
      {view.windows.some((w) => w.open) ? (
        <p>
          <a href={icsHref} download="maintenance.ics">
            {view.calendar}
          </a>
        </p>
      ) : null}
    </section>
  );
}
