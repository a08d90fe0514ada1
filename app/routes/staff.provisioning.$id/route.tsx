import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { Field } from "~/components/field";
import { StaffNav } from "~/components/staff-nav";
import { requireStaffPermission } from "~/utils/auth.server";
import { deliveryAction } from "./action.server";
import { CutoverSection } from "./cutover";
import { deliveryPage } from "./load.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: delivery" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:provisioning");
  return deliveryPage(getDb(), user, params.id ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "read:provisioning");
  return deliveryAction(getDb(), user, params.id ?? "", request);
}

/** One paid order: everything sold, where each server went, and its test against the spec. */
export default function Delivery() {
  const { user, item, canWrite, ready, assignees, assigneeId, cutover, customerKeys, billing } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const error = (path: string) =>
    result?.errors
      .filter((e) => e.path === path)
      .map((e) => e.message)
      .join(" ") || undefined;
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>
        Delivery: {item.contactName}
        {item.company ? `, ${item.company}` : ""}
      </h1>
      <p className="muted">
        {item.reference} · {item.tier} proposal, version {item.version} · paid {item.paidAt} · {item.status}
        {item.assigneeName ? ` · ${item.assigneeName}` : ""} · due {item.dueAt}
      </p>
      {result?.ok ? <p role="status">{result.ok}</p> : null}
      {result && result.errors.length > 0 && result.errors.every((e) => e.path === "") ? (
        <p role="alert" className="field-error">
          {result.errors.map((e) => e.message).join(" ")}
        </p>
      ) : null}

      {assignees.length > 0 ? (
        <Form method="post" className="filters">
          <input type="hidden" name="intent" value="assign" />
          <label>
            Assign to{" "}
            <select name="assigneeId" defaultValue={assigneeId ?? ""}>
              <option value="" disabled>
                Choose…
              </option>
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="secondary" disabled={busy}>
            Assign
          </button>
        </Form>
      ) : null}
      <h2>Servers</h2>
      {item.servers.map((s) => (
        <article key={s.key} className="delivery-server" aria-labelledby={`server-${s.key}`}>
          <h3 id={`server-${s.key}`}>
            {s.name} ({s.key})
          </h3>
          <p>
            Sold: {s.expected} · runs {s.roles}
            {s.addons ? ` · with ${s.addons}` : ""}
          </p>
          {s.delivered ? (
            <p>
              Delivered: <code>{s.delivered.hostname}</code> · {s.delivered.ipAddresses} · {s.delivered.dataCentre} ·
              serial {s.delivered.serial}
              <br />
              SSH keys installed: {s.delivered.keys.length ? s.delivered.keys.join("; ") : "none recorded"}
            </p>
          ) : (
            <p className="muted">Not delivered yet.</p>
          )}
          {s.results ? (
            <table className="queue">
              <caption>
                Acceptance test {s.passed ? "passed" : "FAILED"}
                {s.override ? ` (overridden by an admin: ${s.override})` : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Expected</th>
                  <th scope="col">Measured</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {s.results.map((r) => (
                  <tr key={r.key} className={r.pass ? "" : "overdue"}>
                    <td>{r.key}</td>
                    <td>{r.expected}</td>
                    <td>{r.measured}</td>
                    <td>{r.pass ? "pass" : "FAIL"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {canWrite ? (
            <details open={!s.delivered}>
              <summary>{s.delivered ? "Change the delivery record" : "Record the delivery"}</summary>
              <Form method="post" className="filters">
                <input type="hidden" name="intent" value="deliver" />
                <input type="hidden" name="serverKey" value={s.key} />
                <Field id={`${s.key}-hostname`} label="Hostname" error={error("hostname")}>
                  {(a11y) => <input name="hostname" defaultValue={s.delivered?.hostname} required {...a11y} />}
                </Field>
                <Field
                  id={`${s.key}-ips`}
                  label="IP addresses"
                  hint="Separated by spaces or commas."
                  error={error("ipAddresses")}
                >
                  {(a11y) => <input name="ipAddresses" defaultValue={s.delivered?.ipAddresses} required {...a11y} />}
                </Field>
                <Field id={`${s.key}-dc`} label="Data centre" error={error("dataCentre")}>
                  {(a11y) => <input name="dataCentre" defaultValue={s.delivered?.dataCentre} required {...a11y} />}
                </Field>
                <Field id={`${s.key}-serial`} label="Serial / ID" error={error("serial")}>
                  {(a11y) => <input name="serial" defaultValue={s.delivered?.serial} required {...a11y} />}
                </Field>
                <fieldset aria-describedby={error("keyIds") ? `${s.key}-keys-error` : undefined}>
                  <legend>Customer&apos;s SSH keys installed (root&apos;s authorized_keys)</legend>
                  {customerKeys.length ? (
                    customerKeys.map((k) => (
                      <div key={k.id}>
                        <label className="checkbox">
                          <input
                            type="checkbox"
                            name="keyIds"
                            value={k.id}
                            defaultChecked={s.delivered ? s.delivered.keyFingerprints.includes(k.fingerprint) : true}
                          />{" "}
                          {k.label}
                        </label>
                      </div>
                    ))
                  ) : (
                    <p className="muted">
                      The customer has added no SSH keys to their account yet: ask them to, before the hand-over. No
                      password is ever set or sent.
                    </p>
                  )}
                  {error("keyIds") ? (
                    <p id={`${s.key}-keys-error`} className="field-error" role="alert">
                      {error("keyIds")}
                    </p>
                  ) : null}
                </fieldset>
                <button type="submit" disabled={busy}>
                  Save delivery
                </button>
              </Form>
            </details>
          ) : null}
          {canWrite && s.delivered ? (
            <Form method="post" encType="multipart/form-data" className="filters">
              <input type="hidden" name="intent" value="check" />
              <input type="hidden" name="serverKey" value={s.key} />
              <Field
                id={`${s.key}-facts`}
                label="Check script output"
                hint="Run /tools/specdesk-check.sh on the server; upload its JSON or paste it."
                error={error("facts")}
              >
                {(a11y) => <textarea name="factsText" rows={3} {...a11y} />}
              </Field>
              <label>
                Or a file <input type="file" name="factsFile" accept="application/json,.json" />
              </label>
              <button type="submit" disabled={busy}>
                Test against the spec
              </button>
            </Form>
          ) : null}
          {user.role === "admin" && s.passed === false && !s.override ? (
            <Form method="post" className="filters">
              <input type="hidden" name="intent" value="override" />
              <input type="hidden" name="serverKey" value={s.key} />
              <Field id={`${s.key}-override`} label="Override reason (admin)" error={error("reason")}>
                {(a11y) => <input name="reason" required minLength={10} {...a11y} />}
              </Field>
              <button type="submit" className="secondary" disabled={busy}>
                Accept despite the failure
              </button>
            </Form>
          ) : null}
        </article>
      ))}

      <h2>Services</h2>
      <ul>
        {item.services.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ul>
      {item.tasks.length > 0 ? (
        <>
          <h2>Migration tasks</h2>
          <ol>
            {item.tasks.map((task) => (
              <li key={task}>{task}</li>
            ))}
          </ol>
        </>
      ) : null}
      {billing ? (
        <section aria-labelledby="billing-title" className="billing-flag">
          <h2 id="billing-title">Payment overdue</h2>
          <p>
            A monthly invoice is unpaid since {billing.overdueSince} (subscription {billing.status}).
            {billing.flaggedAt
              ? ` Stripe's last retry failed on ${billing.flaggedAt}: decide whether to suspend the service until it is paid. Nothing is suspended or deleted by itself.`
              : " Stripe is still retrying and the customer is e-mailed at each failure."}
          </p>
          {billing.decision ? (
            <p role="status">
              Decided {billing.decidedAt}: {billing.decision === "suspend" ? "suspend until paid" : "keep running"}
              {billing.note ? ` (${billing.note})` : ""}.
            </p>
          ) : null}
          {billing.canDecide ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="suspension" />
              <fieldset>
                <legend>Decision</legend>
                <label className="choice">
                  <input type="radio" name="decision" value="suspend" defaultChecked={billing.decision !== "keep"} />{" "}
                  Suspend until the invoice is paid (the customer is told)
                </label>
                <label className="choice">
                  <input type="radio" name="decision" value="keep" defaultChecked={billing.decision === "keep"} /> Keep
                  it running
                </label>
              </fieldset>
              <Field id="suspension-note" label="Note (why, for the record)" error={error("note")}>
                {(a11y) => <input name="note" maxLength={500} {...a11y} />}
              </Field>
              <button type="submit" disabled={busy}>
                Record the decision
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      {cutover ? <CutoverSection cutover={cutover} busy={busy} error={error} /> : null}
      {canWrite ? (
        <Form method="post">
          <input type="hidden" name="intent" value="handOver" />
          <button type="submit" disabled={busy || !ready}>
            Mark handed over
          </button>
          {!ready ? (
            <p className="muted">
              Every server needs a delivery record and a passed (or overridden) acceptance test first.
            </p>
          ) : null}
        </Form>
      ) : null}
    </section>
  );
}
