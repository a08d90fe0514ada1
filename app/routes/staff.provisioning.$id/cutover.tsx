import { Form } from "@remix-run/react";
import { Field } from "~/components/field";
import type { CutoverStage } from "~/domain/cutover";
import type { staffCutoverView } from "~/services/cutover.server";

type View = NonNullable<Awaited<ReturnType<typeof staffCutoverView>>>;

const STAGE_LABELS: Record<CutoverStage, string> = {
  started: "Started",
  synced: "Initial sync done",
  switched: "Switched",
  verifying: "Verifying",
  done: "Done",
  rolled_back: "Rolled back",
};

/** Cutover day on the delivery page: offer windows in the customer's off-hours, confirm theirs, report the night. */
export function CutoverSection({
  cutover,
  busy,
  error,
}: {
  cutover: View;
  busy: boolean;
  error: (path: string) => string | undefined;
}) {
  const confirmed = cutover.windows.find((w) => w.status === "confirmed");
  return (
    <section aria-labelledby="cutover-title" className="staff-cutover">
      <h2 id="cutover-title">Cutover</h2>
      <p className="muted">
        Stop of about {cutover.downtimeMinutes} min; a window needs {cutover.neededMinutes} min with the rollback and
        must start at least {cutover.leadHours} h ahead (TTL lowering, traffic test).
        {cutover.plannedWindow
          ? ` Customer's off-hours: ${cutover.plannedWindow}.`
          : " No off-hours window fits: enter one agreed with the customer."}
        {cutover.latestCutoverDate ? ` Last day the old contract allows: ${cutover.latestCutoverDate}.` : ""}
      </p>
      {cutover.windows.length ? (
        <ul>
          {cutover.windows.map((w) => (
            <li key={w.id}>
              <strong>
                {w.status === "confirmed" ? "Confirmed" : w.by === "customer" ? "Customer suggests" : "Offered"}
              </strong>
              : {w.label} · go/no-go {w.goNoGo}
              {w.note ? <q> {w.note}</q> : null}
              {cutover.canWrite && w.status === "proposed" && w.by === "customer" ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="cutover_confirm" />
                  <input type="hidden" name="windowId" value={w.id} />
                  <button type="submit" disabled={busy}>
                    Confirm the customer&apos;s window
                  </button>
                </Form>
              ) : null}
              {cutover.canWrite && !cutover.updates.length ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="cutover_withdraw" />
                  <input type="hidden" name="windowId" value={w.id} />
                  <button type="submit" className="secondary" disabled={busy}>
                    Withdraw
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>No window offered yet.</p>
      )}
      {error("windowId") ? (
        <p className="field-error" role="alert">
          {error("windowId")}
        </p>
      ) : null}
      {cutover.canWrite && !confirmed ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cutover_propose" />
          {cutover.candidates.length ? (
            <fieldset aria-describedby={error("dates") ? "cutover-dates-error" : undefined}>
              <legend>Offer windows in the customer&apos;s off-hours</legend>
              {cutover.candidates.map((c) => (
                <div key={c.date}>
                  <label className="checkbox">
                    <input type="checkbox" name="dates" value={c.date} /> {c.label}
                  </label>
                </div>
              ))}
              {error("dates") ? (
                <p id="cutover-dates-error" className="field-error" role="alert">
                  {error("dates")}
                </p>
              ) : null}
            </fieldset>
          ) : null}
          <fieldset>
            <legend>Or another window agreed with the customer ({cutover.zone})</legend>
            <Field id="cutover-date" label="Date" error={error("date")}>
              {(a11y) => <input type="date" name="date" {...a11y} />}
            </Field>
            <Field id="cutover-start" label="Start">
              {(a11y) => <input type="time" name="start" {...a11y} />}
            </Field>
            <Field id="cutover-end" label="End">
              {(a11y) => <input type="time" name="end" {...a11y} />}
            </Field>
          </fieldset>
          <button type="submit" disabled={busy}>
            Offer to the customer
          </button>
        </Form>
      ) : null}
      {cutover.updates.length ? (
        <ol>
          {cutover.updates.map((u) => (
            <li key={u.id}>
              {u.at}: <strong>{u.stage}</strong>
              {u.note ? ` (${u.note})` : ""}
            </li>
          ))}
        </ol>
      ) : null}
      {cutover.nextUpdateDue ? (
        <p>
          <strong>Next update due by {cutover.nextUpdateDue}</strong> (the customer was promised hourly updates).
        </p>
      ) : null}
      {cutover.canWrite && cutover.nextStages.length ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cutover_update" />
          <Field id="cutover-stage" label="Progress" error={error("stage")}>
            {(a11y) => (
              <select name="stage" {...a11y}>
                {cutover.nextStages.map((s) => (
                  <option key={s} value={s}>
                    {STAGE_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="cutover-note" label="Note for the customer (optional)" error={error("note")}>
            {(a11y) => <textarea name="note" rows={2} maxLength={2000} {...a11y} />}
          </Field>
          <button type="submit" disabled={busy}>
            Post update (e-mails the customer)
          </button>
        </Form>
      ) : null}
      {cutover.retention ? <p>{cutover.retention}</p> : null}
    </section>
  );
}
