import type { CustomerAvailabilityView } from "~/services/service-availability.server";

/** The customer's availability and credits per month (worded on the server, in their language). */
export function AvailabilityPanel({ view }: { view: CustomerAvailabilityView }) {
  return (
    <section aria-labelledby="availability-title" className="availability">
      <h2 id="availability-title">{view.title}</h2>
      <p>{view.promise}</p>
      <p>{view.policy}</p>
      <table className="cost-timeline-table stack-on-phone">
        <thead>
          <tr>
            <th scope="col">{view.columns.month}</th>
            <th scope="col">{view.columns.downtime}</th>
            <th scope="col">{view.columns.availability}</th>
            <th scope="col">{view.columns.credit}</th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.month}</th>
              <td data-label={view.columns.downtime}>{r.downtime}</td>
              <td data-label={view.columns.availability}>{r.availability}</td>
              <td data-label={view.columns.credit}>{r.below ? <strong>{r.credit}</strong> : r.credit}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {view.asOf} {view.claim}
      </p>
    </section>
  );
}
