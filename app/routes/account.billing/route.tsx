import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { billingAction, billingPage } from "./billing.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk: billing" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return billingPage(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return billingAction(request);
}

/** The customer's subscriptions (next charge, card, end of term) and every invoice, with links to Stripe's. */
export default function Billing() {
  const { texts, subscriptions, invoices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const problem = result && "errors" in result ? result.errors[0]?.message : null;
  return (
    <section className="account billing">
      <header className="account-header">
        <h1>{texts.title}</h1>
        <p>
          <Link to="/account">{texts.back}</Link>
        </p>
      </header>
      {texts.done ? <p role="status">{texts.done}</p> : null}
      {problem ? (
        <p role="alert" className="field-error">
          {problem}
        </p>
      ) : null}
      {subscriptions.length === 0 ? (
        <p className="muted">{texts.none}</p>
      ) : (
        <ul className="account-list billing-subscriptions">
          {subscriptions.map((s) => (
            <li key={s.id}>
              <strong>{s.title}</strong>
              {s.overdue ? (
                <p role="alert" className="field-error">
                  {s.overdue}
                </p>
              ) : null}
              {s.lines.map((line) => (
                <span key={line}>{line}</span>
              ))}
              <div className="billing-actions">
                {s.canChangeCard ? (
                  <Form method="post" reloadDocument>
                    <input type="hidden" name="intent" value="portal" />
                    <input type="hidden" name="subscriptionId" value={s.id} />
                    <button type="submit" className="secondary">
                      {texts.changeCard}
                    </button>
                  </Form>
                ) : null}
                {s.canCancel ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="subscriptionId" value={s.id} />
                    <button type="submit" className="secondary">
                      {s.cancel}
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="billing-invoices">
        <h2 id="billing-invoices">{texts.invoicesTitle}</h2>
        {invoices.length === 0 ? (
          <p className="muted">{texts.invoicesNone}</p>
        ) : (
          <div>
            <table className="invoices stack-on-phone">
              <thead>
                <tr>
                  <th scope="col">{texts.number}</th>
                  <th scope="col">{texts.date}</th>
                  <th scope="col" className="num">
                    {texts.amount}
                  </th>
                  <th scope="col">{texts.status}</th>
                  <th scope="col">{texts.document}</th>
                </tr>
              </thead>
              <tbody>
                {invoices.map((i) => (
                  <tr key={i.id}>
                    <td data-label={texts.number}>{i.number}</td>
                    <td data-label={texts.date}>{i.date}</td>
                    <td data-label={texts.amount} className="num">
                      {i.amount}
                    </td>
                    <td data-label={texts.status}>
                      <div>
                        <span className={i.paid ? "badge" : "badge badge-warn"}>{i.status}</span>
                        {i.retry ? <span className="invoice-retry muted">{i.retry}</span> : null}
                      </div>
                    </td>
                    <td data-label={texts.document}>
                      {i.href ? (
                        <a href={i.href} rel="noreferrer">
                          {i.view}
                        </a>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
