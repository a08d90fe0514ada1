import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionFeedback } from "~/components/action-feedback";
import { capacityAction, capacityPage } from "./capacity.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: capacity reviews" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return capacityPage(request, params.id ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  return capacityAction(request, params.id ?? "");
}

const SMART = [
  [5, "reallocated sectors"],
  [187, "reported uncorrectable"],
  [188, "command timeouts"],
  [197, "pending sectors"],
  [198, "offline uncorrectable"],
] as const;

/**
 * Capacity reviews of one running service (issue 19): what it has, the last review's projections
 * (when each resource reaches 85 %), disk and age flags, the upgrade quote drafted, the history,
 * when the next review is due and how often; forms to record a review and set the cadence.
 */
export default function CapacityReviews() {
  const view = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errorOf = (path: string) => answer?.errors.find((e) => e.path === path)?.message;
  return (
    <>
      <h2 id="capacity-title">Capacity reviews</h2>
      <ActionFeedback notice={answer?.notice} errors={answer?.errors} />
      <p>
        In service since {view.inService}. Reviews every {view.months} month{view.months === 1 ? "" : "s"}; next due:{" "}
        {view.overdue ? <strong>{view.nextDue}</strong> : view.nextDue}{" "}
        <span className="muted">(times in {view.timeZone})</span>
      </p>
      <p>
        Capacity:{" "}
        {view.capacity.map((c, i) => (
          <span key={c.resource}>
            {i ? " · " : ""}
            {c.label} {c.value}
          </span>
        ))}
      </p>
      {view.openUpgrade ? (
        <p>
          Upgrade quote open: <Link to={`/staff/sales/${view.openUpgrade.id}`}>{view.openUpgrade.reference}</Link> (
          {view.openUpgrade.status.replace("_", " ")})
        </p>
      ) : null}

      <h3>Last review</h3>
      {view.latest ? (
        <>
          <p className="muted">{view.latest.at}</p>
          <table className="queue stack-on-phone">
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Used</th>
                <th scope="col">Share</th>
                <th scope="col">Runs out</th>
              </tr>
            </thead>
            <tbody>
              {view.latest.projections.map((p) => (
                <tr key={p.resource} className={p.soon ? "overdue" : undefined}>
                  <th scope="row" data-label="Resource">
                    {p.label}
                  </th>
                  <td data-label="Used">{p.used}</td>
                  <td data-label="Share">{p.share}</td>
                  <td data-label="Runs out">{p.soon ? <strong>{p.runsOut}</strong> : p.runsOut}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.latest.disk.length ? (
            <p>
              <strong>Disk warning:</strong> {view.latest.disk.join("; ")}
            </p>
          ) : (
            <p>No disk warning.</p>
          )}
          {view.latest.age ? (
            <p>
              <strong>Age:</strong> {view.latest.age}
            </p>
          ) : null}
        </>
      ) : (
        <p>Never reviewed.</p>
      )}

      {view.canWrite ? (
        <>
          <h3>Record a review</h3>
          <Form method="post" className="stack-form" noValidate>
            <input type="hidden" name="intent" value="review" />
            <label>
              CPU busy (cores) <input name="cpu" inputMode="decimal" required aria-invalid={Boolean(errorOf("cpu"))} />
            </label>
            <label>
              RAM used (GB) <input name="ramGb" inputMode="decimal" required aria-invalid={Boolean(errorOf("ramGb"))} />
            </label>
            <label>
              Disk used (GB){" "}
              <input name="diskGb" inputMode="decimal" required aria-invalid={Boolean(errorOf("diskGb"))} />
            </label>
            <label>
              Traffic this month (TB){" "}
              <input name="trafficTb" inputMode="decimal" required aria-invalid={Boolean(errorOf("trafficTb"))} />
            </label>
            <fieldset>
              <legend>SMART raw values (optional, highest over the disks)</legend>
              {SMART.map(([id, name]) => (
                <label key={id}>
                  {id} {name}{" "}
                  <input
                    name={`smart${id}`}
                    inputMode="numeric"
                    size={6}
                    aria-invalid={Boolean(errorOf(`smart${id}`))}
                  />
                </label>
              ))}
            </fieldset>
            <button type="submit" disabled={busy}>
              Record the review
            </button>
          </Form>
          <Form method="post" className="stack-form" noValidate>
            <input type="hidden" name="intent" value="review_output" />
            <label>
              Or paste the output of <code>specdesk-check.sh --usage</code> (one per server)
              <textarea name="output" rows={5} spellCheck={false} aria-invalid={Boolean(errorOf("output"))} />
            </label>
            <button type="submit" className="secondary" disabled={busy}>
              Record from the output
            </button>
          </Form>
          <Form method="post" className="stack-form" noValidate>
            <input type="hidden" name="intent" value="cadence" />
            <label>
              Review every{" "}
              <input
                name="months"
                type="number"
                min={1}
                max={12}
                defaultValue={view.months}
                aria-invalid={Boolean(errorOf("months"))}
              />{" "}
              months
            </label>
            <button type="submit" className="secondary" disabled={busy}>
              Save the cadence
            </button>
          </Form>
        </>
      ) : null}

      <h3 id="capacity-history">History</h3>
      {view.history.length ? (
        <table className="queue stack-on-phone" aria-labelledby="capacity-history">
          <thead>
            <tr>
              <th scope="col">Recorded</th>
              <th scope="col">By</th>
              <th scope="col">Usage</th>
              <th scope="col">SMART</th>
              <th scope="col">Runs out within two quarters</th>
              <th scope="col">Upgrade drafted</th>
            </tr>
          </thead>
          <tbody>
            {view.history.map((r) => (
              <tr key={r.id}>
                <td data-label="Recorded">{r.at}</td>
                <td data-label="By">{r.source}</td>
                <td data-label="Usage">{r.usage}</td>
                <td data-label="SMART">{r.smart || "—"}</td>
                <td data-label="Runs out soon">{r.upgradeFor || "nothing"}</td>
                <td data-label="Upgrade drafted">
                  {r.drafted ? <Link to={`/staff/sales/${r.drafted.id}`}>{r.drafted.reference}</Link> : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>No review yet.</p>
      )}
    </>
  );
}
