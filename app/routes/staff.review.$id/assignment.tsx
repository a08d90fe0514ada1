import { Form } from "@remix-run/react";

/** Unclaim (for whoever may change the item) and reassign (for whoever may assign: `staff` is empty otherwise). */
export function Assignment({
  canUnclaim,
  staff,
}: {
  canUnclaim: boolean;
  staff: readonly { id: string; name: string }[];
}) {
  return (
    <>
      {canUnclaim ? (
        <Form method="post">
          <input type="hidden" name="intent" value="unclaim" />
          <button type="submit" className="secondary">
            Unclaim
          </button>
        </Form>
      ) : null}
      {staff.length > 0 ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="reassign" />
          <label>
            Reassign to{" "}
            <select name="userId">
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>{" "}
          <button type="submit">Reassign</button>
        </Form>
      ) : null}
    </>
  );
}
