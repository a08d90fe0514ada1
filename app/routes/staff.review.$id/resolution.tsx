import { Form } from "@remix-run/react";

/** Publish the latest version to the customer, or decline with a reason they see. */
export function Resolution({ latest, empty }: { latest: number; empty: boolean }) {
  return (
    <div className="decide">
      {empty ? (
        <p className="muted">
          Nothing to publish yet: no tier has a configuration. Build one under “Custom configuration” first.
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="publish" />
        <input type="hidden" name="version" value={latest} />
        <button type="submit">Approve and publish version {latest}</button>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value="decline" />
        <label htmlFor="decline-reason">Decline with a reason the customer sees</label>
        <input id="decline-reason" name="reason" required />
        <button type="submit" className="secondary">
          Decline
        </button>
      </Form>
    </div>
  );
}
