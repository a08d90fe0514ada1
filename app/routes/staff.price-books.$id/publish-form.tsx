import { Form } from "@remix-run/react";
import type { FormState } from "./settings-fields";

/**
 * Publish the saved draft now or at a moment in UTC (staff pages show every time in UTC), or delete
 * it. Published, it never changes again.
 */
export function PublishForm({ version, form, now }: { version: number; form: FormState; now: string }) {
  const whenError = form.error("when");
  const atError = form.error("effectiveAt");
  const at = form.value("when", "now") === "at";
  return (
    <section aria-labelledby="publish-title" className="publish">
      <h2 id="publish-title">Publish</h2>
      <p className="hint">
        Publishes the saved draft (save your changes first). From its moment on, refreshed and new quotes use these
        prices; the book can then never change. It is now {now.replace("T", " ").slice(0, 16)} UTC.
      </p>
      <Form method="post" className="publish-form">
        <input type="hidden" name="intent" value="publish" />
        <fieldset aria-describedby={whenError ? "when-error" : undefined}>
          <legend>Takes effect</legend>
          <label className="choice">
            <input type="radio" name="when" value="now" defaultChecked={!at} /> Now
          </label>
          <label className="choice">
            <input type="radio" name="when" value="at" defaultChecked={at} /> At (UTC)
          </label>
          <label htmlFor="effective-at" className="visually-hidden">
            Date and time it takes effect, in UTC
          </label>
          <input
            id="effective-at"
            type="datetime-local"
            name="effectiveAt"
            defaultValue={form.value("effectiveAt", "")}
            aria-invalid={Boolean(atError)}
            aria-describedby={atError ? "effective-at-error" : undefined}
          />{" "}
          UTC
          {whenError ? (
            <p className="field-error" id="when-error">
              {whenError}
            </p>
          ) : null}
          {atError ? (
            <p className="field-error" id="effective-at-error">
              {atError}
            </p>
          ) : null}
        </fieldset>
        <button type="submit">Publish version {version}</button>
      </Form>
      <Form method="post" className="delete-draft">
        <input type="hidden" name="intent" value="delete" />
        <button type="submit" className="secondary">
          Delete this draft
        </button>
      </Form>
    </section>
  );
}
