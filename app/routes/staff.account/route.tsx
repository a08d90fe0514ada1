import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import staffStyles from "~/styles/staff.css";
import { accountAction, accountPage } from "./account.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: my pages" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return accountPage(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return accountAction(request);
}

/** A technician's own page webhook: where pages are POSTed (signed), the key shown once, rotate, remove. */
export default function MyPages() {
  const { user, enabled, url, version, httpAllowed } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <section className="staff">
      <StaffNav user={user} />
      <p>
        <Link to="/staff/operations">Operations</Link>
      </p>
      <h1>My pages</h1>
      <p>
        Pages (a customer&apos;s report, an overdue update) reach you by e-mail at your address. You can also have them
        POSTed as JSON to a webhook of your own (a phone app, a chat), signed so you can tell they are ours: the{" "}
        <code>SpecDesk-Signature</code> header carries <code>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</code> of{" "}
        <code>&lt;t&gt;.&lt;body&gt;</code> under your signing key (see the README, &ldquo;Page webhooks&rdquo;).
      </p>
      <ActionFeedback notice={answer?.notice} errors={answer?.errors} />
      {answer?.key ? (
        <p role="status">
          Your signing key (shown this once): <code data-testid="page-webhook-key">{answer.key}</code>
        </p>
      ) : null}
      {!enabled ? (
        <p className="muted">Page webhooks are off on this installation (PAGE_WEBHOOK_SECRET is not set).</p>
      ) : (
        <>
          <p>
            {url ? (
              <>
                Pages are POSTed to <code>{url}</code> (key version {version}).
              </>
            ) : (
              "No webhook set: pages reach you by e-mail only."
            )}
          </p>
          <Form method="post" className="stack-form" noValidate>
            <input type="hidden" name="intent" value="set" />
            <label>
              Webhook URL ({httpAllowed ? "https://, or http:// for localhost outside production" : "https:// only"}){" "}
              <input
                type="url"
                name="url"
                required
                maxLength={2000}
                defaultValue={url ?? ""}
                aria-invalid={Boolean(answer?.errors.some((e) => e.path === "url"))}
              />
            </label>
            <button type="submit">{url ? "Save the URL (a new key)" : "Set the webhook"}</button>
          </Form>
          {url ? (
            <>
              <Form method="post">
                <input type="hidden" name="intent" value="rotate" />
                <button type="submit" className="secondary">
                  Rotate the signing key
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <button type="submit" className="secondary">
                  Remove the webhook
                </button>
              </Form>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
