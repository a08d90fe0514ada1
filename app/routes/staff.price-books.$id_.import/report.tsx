import type { ImportReport } from "./action.server";

/** What happened to each row of the file: accepted (and what it changes) or rejected and why. */
export function ImportReportSection({ report }: { report: ImportReport }) {
  return (
    <section aria-labelledby="import-report">
      <h2 id="import-report">Report for {report.fileName}</h2>
      <p>
        {report.accepted} accepted, {report.rejected} rejected
        {report.imported ? " · imported" : report.checkOnly ? " · checked only, nothing written" : " · nothing written"}
        {report.rows.length ? ". Rejected rows first, then changes." : ""}
      </p>
      {report.problems.length ? (
        <ul className="field-error">
          {report.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {report.rows.length ? (
        <div className="table-scroll" role="region" aria-labelledby="import-report" tabIndex={0}>
          <table className="queue">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">SKU</th>
                <th scope="col">Result</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td>
                    <code>{row.sku || "—"}</code>
                  </td>
                  <td>{row.status === "accepted" ? "Accepted" : <strong>Rejected</strong>}</td>
                  <td>{row.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
