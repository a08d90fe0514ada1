import { Form, useNavigation } from "@remix-run/react";
import type { CustomerCapacityView } from "~/services/capacity-review.server";
import { Field } from "./field";

export interface CapacityResult {
  ok: string | null;
  errors: { path: string; message: string }[];
}

/**
 * The capacity review on the customer's service page (issue 19): the last review, when each
 * resource runs out, disk and age flags, the upgrade proposal, and the form for the output of
 * `specdesk-check.sh --usage`. Every text comes worded from the server.
 */
export function CapacityPanel({ view, result }: { view: CustomerCapacityView; result: CapacityResult | null }) {
  const busy = useNavigation().state !== "idle";
  const error = result?.errors.find((e) => e.path === "output")?.message;
  return (
    <section className="capacity-review no-print" aria-labelledby="capacity-title">
      <h2 id="capacity-title">{view.title}</h2>
      <p className="muted">{view.lead}</p>
      {result?.ok ? <p role="status">{result.ok}</p> : null}
      <p>{view.last}</p>
      {view.resources.length ? (
        <table className="cost-timeline-table">
          <tbody>
            {view.resources.map((r) => (
              <tr key={r.resource}>
                <th scope="row">{r.label}</th>
                <td>{r.usage}</td>
                <td>{r.soon ? <strong>{r.runsOut}</strong> : r.runsOut}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {view.disk ? (
        <p role="note">
          <strong>{view.disk}</strong>
        </p>
      ) : null}
      {view.age ? <p>{view.age}</p> : null}
      {view.upgrade ? (
        <Form method="post" action="/account" className="capacity-upgrade">
          <p>{view.upgrade.text}</p>
          <input type="hidden" name="intent" value="open" />
          <input type="hidden" name="quoteId" value={view.upgrade.quoteId} />
          <button type="submit">{view.upgrade.open}</button>
        </Form>
      ) : null}
      <p>{view.next}</p>
      <details open={Boolean(error)}>
        <summary>{view.form.title}</summary>
        <p>
          {view.form.how}{" "}
          <a href={view.form.script} download="specdesk-check.sh">
            {view.form.download}
          </a>
        </p>
        <pre>
          <code>{view.form.command}</code>
        </pre>
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="capacity_usage" />
          <Field id="capacity-output" label={view.form.label} error={error}>
            {(a11y) => <textarea name="output" rows={6} spellCheck={false} {...a11y} />}
          </Field>
          <Field id="capacity-file" label={view.form.file}>
            {(a11y) => (
              <input type="file" name="file" multiple accept=".json,.txt,application/json,text/plain" {...a11y} />
            )}
          </Field>
          <button type="submit" className="secondary" disabled={busy}>
            {view.form.submit}
          </button>
        </Form>
      </details>
    </section>
  );
}
