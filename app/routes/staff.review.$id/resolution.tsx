import { Form } from "@remix-run/react";

/** Publish the latest version to the customer, or decline with a reason they see. */
export function Resolution({ latest }: { latest: number }) {
  return (
    <div className="decide">
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
