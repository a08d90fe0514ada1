import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { listDevMailbox } from "~/models/dev-mailbox.server";
import { getEnv, mailTransport } from "~/utils/env.server";

export const meta: MetaFunction = () => [
  { title: "SpecDesk: development mailbox" },
  { name: "robots", content: "noindex" },
];

/**
 * What the local mail stand-in received: the recipients' inbox, so it keeps their working links
 * (the outbox's own copy is redacted once sent). Only while the stand-in is the transport, never in production.
 */
export async function loader(_args: LoaderFunctionArgs) {
  const env = getEnv();
  if (env.NODE_ENV === "production" || mailTransport(env) !== "mailbox") throw data(null, { status: 404 });
  return { messages: await listDevMailbox(getDb(), 100) };
}

export default function DevMailbox() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Development mailbox</h1>
      <p className="muted">
        E-mails the app would have sent. Set SMTP_URL to send real ones (MAIL_TRANSPORT in the README).
      </p>
      {messages.map((m) => (
        <article key={m.id} className="mail">
          <h2>{m.subject}</h2>
          <p className="muted">
            To {m.to} · {m.at}
          </p>
          <pre>{m.text}</pre>
        </article>
      ))}
    </section>
  );
}
