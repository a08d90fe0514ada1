import { Form } from "@remix-run/react";

/**
 * Who holds the item; Claim (an open item nobody holds, for whoever may claim: the queue's action),
 * Unclaim (for whoever may change the item) and reassign (for whoever may assign: `staff` is empty otherwise).
 */
export function Assignment({
  holder,
  heldByMe,
  canClaim,
  canUnclaim,
  staff,
}: {
  holder: string | null;
  heldByMe: boolean;
  canClaim: boolean;
  canUnclaim: boolean;
  staff: readonly { id: string; name: string }[];
}) {
  return (
    <>
      <p className="holder" data-testid="holder">
        {holder ? (
          <>
            Held by <strong>{heldByMe ? `you (${holder})` : holder}</strong>.
          </>
        ) : (
          "Nobody holds this item yet."
        )}
      </p>
      {canClaim ? (
        <Form method="post">
          <input type="hidden" name="intent" value="claim" />
          <button type="submit">Claim</button>
        </Form>
      ) : null}
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
