import { Form, useNavigation } from "@remix-run/react";
import type { CustomerCutoverView } from "~/presenters/cutover";
import { Field } from "./field";

export interface CutoverResult {
  ok: string | null;
  errors: { path: string; message: string }[];
}

/**
 * Moving day on the customer's quote page and account (issue 18): the windows offered, the one
 * confirmed with its go/no-go time, the calendar file and the reminders, the night's progress and
 * the old server's retention. Every text comes worded from the server.
 */
export function CutoverPanel({
  view,
  result,
  icsHref,
}: {
  view: CustomerCutoverView;
  result: CutoverResult | null;
  icsHref: string;
}) {
  const busy = useNavigation().state !== "idle";
  const errorOf = (path: string) => result?.errors.find((e) => e.path === path)?.message;
  const windowError = errorOf("windowId");
  return (
    <section className="cutover no-print" aria-labelledby="cutover-title">
      <h2 id="cutover-title">{view.title}</h2>
      <p>{view.lead}</p>
      {result?.ok ? <p role="status">{result.ok}</p> : null}
      {view.intro ? <p>{view.intro}</p> : null}
      {view.suggested.map((s) => (
        <p key={s} className="muted">
          {s}
        </p>
      ))}
      {view.offers.length ? (
        <Form method="post" className="cutover-offers">
          <input type="hidden" name="intent" value="cutover_confirm" />
          <fieldset aria-describedby={windowError ? "cutover-window-error" : undefined}>
            <legend className="visually-hidden">{view.intro}</legend>
            {view.offers.map((o, i) => (
              <label key={o.id} className="cutover-offer">
                <input type="radio" name="windowId" value={o.id} defaultChecked={i === 0} /> {o.label}
              </label>
            ))}
          </fieldset>
          {windowError ? (
            <p id="cutover-window-error" className="field-error" role="alert">
              {windowError}
            </p>
          ) : null}
          <button type="submit" disabled={busy}>
            {view.labels.confirm}
          </button>
        </Form>
      ) : windowError ? (
        <p className="field-error" role="alert">
          {windowError}
        </p>
      ) : null}
      {view.confirmed ? (
        <div className="cutover-confirmed">
          <p>
            <strong>{view.confirmed.label}</strong>
          </p>
          <p>{view.confirmed.goNoGo}</p>
          {view.confirmed.reminders ? <p className="muted">{view.confirmed.reminders}</p> : null}
          <p>
            <a href={icsHref} download="cutover.ics">
              {view.labels.calendar}
            </a>
          </p>
        </div>
      ) : null}
      {view.updates.length ? (
        <>
          <h3>{view.labels.progress}</h3>
          <ol className="timeline">
            {view.updates.map((u) => (
              <li key={u.id}>
                <span className="muted">{u.at}</span> <strong>{u.stage}</strong>
                {u.note ? <p>{u.note}</p> : null}
              </li>
            ))}
          </ol>
          {view.nextUpdate ? <p className="muted">{view.nextUpdate}</p> : null}
        </>
      ) : null}
      {view.retention.length ? (
        <>
          <h3>{view.labels.retention}</h3>
          {view.retention.map((r) => (
            <p key={r}>{r}</p>
          ))}
        </>
      ) : null}
      {view.suggest ? (
        <details className="cutover-suggest" open={Boolean(errorOf("date"))}>
          <summary>{view.suggest.title}</summary>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="cutover_suggest" />
            <p className="muted">{view.suggest.lead}</p>
            <Field id="cutover-date" label={view.suggest.date} error={errorOf("date")}>
              {(a11y) => <input type="date" name="date" min={view.suggest!.min} required {...a11y} />}
            </Field>
            <Field id="cutover-time" label={view.suggest.time}>
              {(a11y) => <input type="time" name="time" defaultValue="00:00" required {...a11y} />}
            </Field>
            <Field id="cutover-note" label={view.suggest.note}>
              {(a11y) => <textarea name="note" rows={2} maxLength={1000} {...a11y} />}
            </Field>
            <button type="submit" className="secondary" disabled={busy}>
              {view.suggest.button}
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
