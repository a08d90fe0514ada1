import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActionFeedback } from "~/components/action-feedback";
import { overviewAction, overviewPage } from "./overview.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: service overview" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return overviewPage(request, params.id ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  return overviewAction(request, params.id ?? "");
}

/**
 * The service's overview tab: incidents (open, then recent), availability and credits by month,
 * and the contract's incident targets and credit policy (admins edit them).
 */
export default function ServiceOverview() {
  const view = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errorOf = (path: string) => answer?.errors.find((e) => e.path === path)?.message;
  const policy = view.creditPolicy;
  return (
    <>
      <h2 id="service-incidents-title">Incidents</h2>
      {view.incidents.length === 0 ? <p>No incident on this service.</p> : null}
      {view.incidents.length ? (
        <table className="queue stack-on-phone" aria-labelledby="service-incidents-title">
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Severity</th>
              <th scope="col">State</th>
              <th scope="col">Opened</th>
              <th scope="col">Next update / resolved</th>
              <th scope="col">Downtime</th>
            </tr>
          </thead>
          <tbody>
            {view.incidents.map((i) => (
              <tr key={i.id} className={i.overdue ? "overdue" : undefined}>
                <td data-label="Incident">
                  <Link to={`/staff/incidents/${i.id}`}>{i.reference}</Link> {i.title}
                </td>
                <td data-label="Severity">{i.severity}</td>
                <td data-label="State">{i.state}</td>
                <td data-label="Opened">{i.opened}</td>
                <td data-label="Next update">
                  {i.resolved ? `resolved ${i.resolved}` : i.overdue ? <strong>{i.due} (overdue)</strong> : i.due}
                </td>
                <td data-label="Downtime">{i.downtime ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted">Times in {view.timeZone}.</p>

      <h2 id="availability-title">Availability and credits</h2>
      {view.availability ? (
        <>
          <p>
            Promised {view.availability.promised} per calendar month ({view.availability.zone}); monthly fee{" "}
            {view.availability.fee}; credit: {view.availability.policy}. Announced maintenance (windows not cancelled)
            does not count.
          </p>
          <table className="queue stack-on-phone" aria-labelledby="availability-title">
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Minutes down</th>
                <th scope="col">Availability</th>
                <th scope="col">Minutes below the promise</th>
                <th scope="col">Credit</th>
              </tr>
            </thead>
            <tbody>
              {view.availability.months.map((m) => (
                <tr key={m.key} className={m.minutesBelow > 0 ? "overdue" : undefined}>
                  <th scope="row" data-label="Month">
                    {m.month}
                  </th>
                  <td data-label="Minutes down">{m.downtimeMinutes}</td>
                  <td data-label="Availability">{m.availability}</td>
                  <td data-label="Below promise">{m.minutesBelow}</td>
                  <td data-label="Credit">{m.credit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>No figures for this service.</p>
      )}

      <h2 id="contract-title">Contract: incident targets and credit policy</h2>
      <ActionFeedback notice={answer?.notice} errors={answer?.errors} />
      {view.updated ? <p className="muted">Last changed {view.updated}.</p> : null}
      <table className="queue stack-on-phone" aria-labelledby="contract-title">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">This contract</th>
            <th scope="col">Default</th>
          </tr>
        </thead>
        <tbody>
          {view.targets.map((t) => (
            <tr key={t.severity}>
              <th scope="row" data-label="Severity">
                {t.severity}
              </th>
              <td data-label="This contract">{t.own ? <strong>{t.text}</strong> : t.text}</td>
              <td data-label="Default">{t.defaults}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Credit policy: {view.creditText}
        {view.ownCreditPolicy ? "" : " (the default)"}.
      </p>
      {view.canEdit ? (
        <Form method="post" className="stack-form" noValidate>
          <input type="hidden" name="intent" value="settings" />
          {view.targets.map((t) => (
            <fieldset key={t.severity}>
              <legend>{t.severity}</legend>
              <label>
                First response within (minutes){" "}
                <input
                  name={`${t.severity}.firstResponseMinutes`}
                  inputMode="numeric"
                  defaultValue={t.firstResponseMinutes}
                  aria-invalid={Boolean(errorOf(`${t.severity}.firstResponseMinutes`))}
                />
              </label>
              <label>
                Public update every (minutes){" "}
                <input
                  name={`${t.severity}.updateMinutes`}
                  inputMode="numeric"
                  defaultValue={t.updateMinutes ?? ""}
                  aria-invalid={Boolean(errorOf(`${t.severity}.updateMinutes`))}
                />
              </label>
              <label className="choice">
                <input
                  type="checkbox"
                  name={`${t.severity}.onChange`}
                  value="yes"
                  defaultChecked={t.updateMinutes === null}
                />{" "}
                <span>Updates on change (no cadence)</span>
              </label>
              <label className="choice">
                <input type="checkbox" name={`${t.severity}.business`} value="yes" defaultChecked={t.business} />{" "}
                <span>Count in business hours</span>
              </label>
              <label>
                Page admins this long after an overdue update (minutes){" "}
                <input
                  name={`${t.severity}.escalateAfterMinutes`}
                  inputMode="numeric"
                  defaultValue={t.escalateAfterMinutes}
                  aria-invalid={Boolean(errorOf(`${t.severity}.escalateAfterMinutes`))}
                />
              </label>
            </fieldset>
          ))}
          <fieldset>
            <legend>Service credit policy</legend>
            <label>
              Policy{" "}
              <select name="credit.kind" defaultValue={policy.kind}>
                <option value="percent_per_30min">Percent of the monthly fee per started 30 minutes</option>
                <option value="hourly_refund">Hourly refund per started hour</option>
                <option value="multiple_of_downtime">Multiple of the downtime</option>
              </select>
            </label>
            <label>
              Percent per 30 minutes (percent policy){" "}
              <input
                name="credit.percent"
                inputMode="decimal"
                defaultValue={policy.kind === "percent_per_30min" ? policy.percent : 5}
                aria-invalid={Boolean(errorOf("credit.percent"))}
              />
            </label>
            <label>
              Cap in percent of the monthly fee (percent policy){" "}
              <input
                name="credit.capPercent"
                inputMode="decimal"
                defaultValue={policy.kind === "percent_per_30min" ? policy.capPercent : 100}
                aria-invalid={Boolean(errorOf("credit.capPercent"))}
              />
            </label>
            <label>
              Multiple (multiple-of-downtime policy){" "}
              <input
                name="credit.multiple"
                inputMode="decimal"
                defaultValue={policy.kind === "multiple_of_downtime" ? policy.multiple : 10}
                aria-invalid={Boolean(errorOf("credit.multiple"))}
              />
            </label>
          </fieldset>
          <button type="submit">Save the contract settings</button>
        </Form>
      ) : (
        <p className="muted">Only an admin changes a contract&apos;s targets and credit policy.</p>
      )}
    </>
  );
}
