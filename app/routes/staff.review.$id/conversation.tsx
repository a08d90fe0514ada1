import { Form } from "@remix-run/react";
import { useResetAfterSuccess } from "./use-reset-after-success";

interface Message {
  id: string;
  authorType: string;
  event: string | null;
  body: string | null;
  /** As staff read it, in the business time zone. */
  createdAt: string;
}

/** What the customer and staff said to each other, and the form to write to the customer. */
export function Conversation({ messages, canChange }: { messages: readonly Message[]; canChange: boolean }) {
  const form = useResetAfterSuccess("message");
  return (
    <>
      <h2>Conversation with the customer</h2>
      <ol className="timeline">
        {messages.map((m) => (
          <li key={m.id}>
            <strong>{m.authorType}</strong> {m.event ? `[${m.event}]` : ""} {m.body}{" "}
            <span className="muted">{m.createdAt}</span>
          </li>
        ))}
      </ol>
      {canChange ? (
        <Form method="post" ref={form}>
          <input type="hidden" name="intent" value="message" />
          <label htmlFor="message-body">Message to the customer (they see this)</label>
          <textarea id="message-body" name="body" rows={3} required />
          <div className="field-check">
            <input type="checkbox" id="waitOnCustomer" name="waitOnCustomer" />
            <label htmlFor="waitOnCustomer">Wait for the customer&rsquo;s answer (pauses the SLA)</label>
          </div>
          <button type="submit">Send to customer</button>
        </Form>
      ) : null}
    </>
  );
}
