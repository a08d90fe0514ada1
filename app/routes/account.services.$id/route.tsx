import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { AvailabilityPanel } from "~/components/availability-panel";
import { CapacityPanel, type CapacityResult } from "~/components/capacity-panel";
import { CutoverPanel, type CutoverResult } from "~/components/cutover-panel";
import cutoverStyles from "~/styles/cutover.css";
import { Field } from "~/components/field";
import { IncidentStatus } from "~/components/incident-status";
import { RememberTimeZone } from "~/components/time-zone";
import { MaintenancePanel, type MaintenanceResult } from "~/components/maintenance-panel";
import { handoverAction, handoverPage } from "./handover.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: cutoverStyles }];

export const meta: MetaFunction = () => [{ title: "SpecDesk: your servers" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return handoverPage(request, params.id ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  return handoverAction(request, params.id ?? "");
}

/** What was delivered, how each server tested against the order, and how to log in. */
export default function Handover() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { id } = useParams();
  return (
    <section className="account">
      <RememberTimeZone printedIn={page.timeZone} />
      <h1>{page.title}</h1>
      <p>{page.status}</p>
      {result?.ok ? <p role="status">{result.ok}</p> : null}
      {result?.errors?.find((e) => e.path === "intent") ? (
        <p role="alert" className="error">
          {result.errors.find((e) => e.path === "intent")!.message}
        </p>
      ) : null}
      {page.servers.map((s) => (
        <article key={s.key} className="account-server" aria-labelledby={`srv-${s.key}`}>
          <h2 id={`srv-${s.key}`}>{s.title}</h2>
          <p>{s.addresses}</p>
          {s.access ? (
            <p>
              <code>{s.access}</code>
            </p>
          ) : null}
          <p>{s.installed}</p>
          {s.verdict ? (
            <p>
              <strong>{s.verdict}</strong>
            </p>
          ) : null}
          {s.noResults ? (
            <p className="muted">{s.noResults}</p>
          ) : (
            <table className="cost-timeline-table">
              <thead>
                <tr>
                  <th scope="col">{page.labels.item}</th>
                  <th scope="col">{page.labels.expected}</th>
                  <th scope="col">{page.labels.measured}</th>
                </tr>
              </thead>
              <tbody>
                {s.results.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">
                      {r.pass ? "✓" : "✗"} {r.item}
                    </th>
                    <td>{r.expected}</td>
                    <td>{r.measured}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
      {page.handoverNote ? <p className="muted">{page.handoverNote}</p> : null}
      {page.cutover ? (
        <CutoverPanel
          view={page.cutover}
          result={result && "cutover" in result ? (result.cutover as CutoverResult) : null}
          icsHref={`/account/services/${id}/cutover.ics`}
        />
      ) : null}
      {page.maintenance ? (
        <MaintenancePanel
          view={page.maintenance}
          result={result && "maintenance" in result ? (result.maintenance as MaintenanceResult) : null}
          icsHref={`/account/services/${id}/maintenance.ics`}
        />
      ) : null}
      {page.report ? (
        <>
          <IncidentStatus title={page.report.statusTitle} none={null} incidents={page.incidents} />
          <section aria-labelledby="report-title" className="incident-report">
            <h2 id="report-title">{page.report.title}</h2>
            <p className="muted">{page.report.lead}</p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="report" />
              <fieldset>
                <legend>{page.report.kind}</legend>
                {page.report.kinds.map((k, i) => (
                  <label key={k.value} className="choice">
                    <input type="radio" name="kind" value={k.value} defaultChecked={i === 0} /> <span>{k.label}</span>
                  </label>
                ))}
              </fieldset>
              <Field
                id="report-body"
                label={page.report.what}
                error={result?.errors.find((e) => e.path === "report")?.message}
              >
                {(a11y) => <textarea name="body" rows={3} required maxLength={4000} {...a11y} />}
              </Field>
              <button type="submit">{page.report.submit}</button>
            </Form>
          </section>
        </>
      ) : null}
      {page.availability ? <AvailabilityPanel view={page.availability} /> : null}
      {page.capacity ? (
        <CapacityPanel
          view={page.capacity}
          result={result && "capacity" in result ? (result.capacity as CapacityResult) : null}
        />
      ) : null}
      <h2>{page.labels.support}</h2>
      <ul>
        {page.support.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {/* Until the customer signs off: sign off, or say what is not as agreed (reopens the delivery).
          A problem with the running service later is an incident: the report above pages the person on call. */}
      {page.awaitingSignOff && !result?.ok ? (
        <>
          <Form method="post">
            <input type="hidden" name="intent" value="signOff" />
            <button type="submit">{page.labels.signOff}</button>
          </Form>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="problem" />
            <Field
              id="problem-body"
              label={page.labels.problemLabel}
              error={result?.errors.find((e) => e.path === "body")?.message}
            >
              {(a11y) => <textarea name="body" rows={3} required {...a11y} />}
            </Field>
            <button type="submit" className="secondary">
              {page.labels.problem}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
