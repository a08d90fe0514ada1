import { Form } from "@remix-run/react";
import { useResetAfterSuccess } from "./use-reset-after-success";

/** Staff-only notes on the item, and the form to add one. */
export function InternalNotes({
  notes,
  canChange,
}: {
  notes: readonly { id: string; author: string; body: string }[];
  canChange: boolean;
}) {
  const form = useResetAfterSuccess("note");
  return (
    <>
      <h2>Internal notes</h2>
      <ul>
        {notes.map((n) => (
          <li key={n.id}>
            <strong>{n.author}</strong>: {n.body}
          </li>
        ))}
      </ul>
      {canChange ? (
        <Form method="post" ref={form}>
          <input type="hidden" name="intent" value="note" />
          <label htmlFor="note-body">Internal note (never shown to the customer)</label>
          <textarea id="note-body" name="body" rows={3} required />
          <button type="submit">Add note</button>
        </Form>
      ) : null}
    </>
  );
}
