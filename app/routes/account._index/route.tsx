import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { IncidentStatus } from "~/components/incident-status";
import { RememberTimeZone } from "~/components/time-zone";
import { accountAction, accountPage } from "./account.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk: your account" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return accountPage(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return accountAction(request);
}

/** Every quote made with the customer's address, and what they bought. */
export default function Account() {
  const { texts, quotes, services, keys, incidents, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const keyError =
    result && "errors" in result ? result.errors.find((e) => e.path === "publicKey")?.message : undefined;
  const ok = result && "ok" in result && typeof result.ok === "string" ? result.ok : null;
  return (
    <section className="account">
      <RememberTimeZone printedIn={timeZone} />
      <header className="account-header">
        <h1>{texts.title}</h1>
        <p className="muted">{texts.signedInAs}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="signOut" />
          <button type="submit" className="secondary">
            {texts.signOut}
          </button>
        </Form>
      </header>
      <IncidentStatus
        title={texts.incidentsTitle}
        none={services.length ? texts.incidentsNone : null}
        incidents={incidents}
      />
      <section aria-labelledby="account-services">
        <h2 id="account-services">{texts.servicesTitle}</h2>
        {services.length > 0 ? (
          <p>
            <Link to="/account/billing">{texts.billing}</Link>
          </p>
        ) : null}
        {services.length === 0 ? (
          <p className="muted">{texts.servicesNone}</p>
        ) : (
          <ul className="account-list">
            {services.map((s) => (
              <li key={s.id}>
                <strong>
                  <Link to={s.href}>{s.title}</Link>
                </strong>
                <span>{s.reference}</span>
                <span>{s.paid}</span>
                <span className="badge">{s.delivery}</span>
                {s.maintenance ? (
                  <Link to={s.href} className={s.maintenance.warn ? "badge badge-warn" : "badge"}>
                    {s.maintenance.text}
                  </Link>
                ) : null}
                {s.overdue ? (
                  <Link to="/account/billing" className="badge badge-warn">
                    {s.overdue}
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {ok ? <p role="status">{ok}</p> : null}
      <section aria-labelledby="account-keys">
        <h2 id="account-keys">{texts.keysTitle}</h2>
        <p className="muted">{texts.keysLead}</p>
        {keys.length === 0 ? (
          <p>{texts.keysNone}</p>
        ) : (
          <ul className="account-list">
            {keys.map((k) => (
              <li key={k.id}>
                <code>{k.fingerprint}</code>
                <span>{k.comment}</span>
                <span className="muted">{k.line}</span>
                <Form method="post">
                  <input type="hidden" name="intent" value="removeKey" />
                  <input type="hidden" name="keyId" value={k.id} />
                  <button type="submit" className="secondary" aria-label={k.remove}>
                    ×
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="addKey" />
          <Field id="account-key" label={texts.keyLabel} error={keyError}>
            {(a11y) => <textarea name="publicKey" rows={3} spellCheck={false} required {...a11y} />}
          </Field>
          <button type="submit">{texts.keyAdd}</button>
        </Form>
      </section>
      <section aria-labelledby="account-quotes">
        <h2 id="account-quotes">{texts.quotesTitle}</h2>
        {quotes.length === 0 ? (
          <p className="muted">{texts.quotesNone}</p>
        ) : (
          <ul className="account-list">
            {quotes.map((q) => (
              <li key={q.id}>
                <strong>
                  {texts.reference} {q.reference}
                </strong>
                <span>{q.created}</span>
                <span>{q.status}</span>
                <span>{q.price}</span>
                <Form method="post">
                  <input type="hidden" name="intent" value="open" />
                  <input type="hidden" name="quoteId" value={q.id} />
                  <button type="submit" className="secondary" aria-label={q.openLabel}>
                    {texts.open}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <p className="muted">{texts.linksKeepWorking}</p>
      </section>
    </section>
  );
}
