import type { YourMoveView } from "~/presenters/your-move";

/**
 * "Your move" on the customer's quote page (issue 16): the method and downtime, the window, the
 * timeline, who does what, the way back, what we keep and the price. Every text arrives worded by
 * the loader (app/presenters/your-move.ts): the planner's sentences never reach the browser bundle.
 */
export function YourMove({ move }: { move: YourMoveView }) {
  return (
    <section className="your-move" data-testid="your-move" aria-labelledby="your-move-title">
      <h2 id="your-move-title">{move.title}</h2>
      <p className="muted">{move.intro}</p>
      {move.override ? (
        <div className="move-override" role="note" data-testid="move-override">
          <strong>{move.override.title}.</strong> {move.override.changed} {move.override.reason}
        </div>
      ) : null}

      <dl className="move-facts">
        <div>
          <dt>{move.methodLabel}</dt>
          <dd data-testid="move-method">{move.method}</dd>
        </div>
        <div>
          <dt>{move.downtimeLabel}</dt>
          <dd data-testid="move-downtime">{move.downtime}</dd>
        </div>
        <div>
          <dt>{move.windowLabel}</dt>
          <dd data-testid="move-window">{move.window}</dd>
        </div>
      </dl>
      <p>{move.firstCopy}</p>
      {move.parts.length > 0 ? (
        <table className="move-parts">
          <thead>
            <tr>
              {move.partHeadings.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {move.parts.map((p, i) => (
              <tr key={i}>
                <td>{p.what}</td>
                <td>{p.how}</td>
                <td>{p.downtime}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h3>{move.timelineLabel}</h3>
      <p className="muted" data-testid="move-timeline-note">
        {move.timelineNote}
      </p>
      <ol className="move-timeline" data-testid="move-timeline">
        {move.milestones.map((m) => (
          <li key={m.key} className={`milestone milestone-${m.who}`} data-milestone={m.key}>
            <div className="milestone-when">
              <strong>{m.offset}</strong>
              {m.date ? <span className="milestone-date">{m.date}</span> : null}
              <span className={`badge who-${m.who}`}>{m.whoLabel}</span>
            </div>
            <p>{m.text}</p>
          </li>
        ))}
      </ol>

      <div className="move-duties">
        <div>
          <h3>{move.youLabel}</h3>
          <ul data-testid="move-you">
            {move.you.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{move.usLabel}</h3>
          <ul data-testid="move-us">
            {move.us.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </div>
      </div>

      <h3>{move.rollbackLabel}</h3>
      <p data-testid="move-rollback">{move.rollback}</p>
      <h3>{move.retentionLabel}</h3>
      <p data-testid="move-retention">{move.retention}</p>
      {move.contract ? <p>{move.contract}</p> : null}

      <h3>{move.linesLabel}</h3>
      <table className="lines move-lines" data-testid="move-lines">
        <tbody>
          {move.lines.map((l, i) => (
            <tr key={i}>
              <td>{l.name}</td>
              <td className="num">{l.amount}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{move.totalLabel}</th>
            <td className="num">
              <strong>{move.total}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="muted">{move.linesNote}</p>

      <details className="explanation">
        <summary>{move.whyLabel}</summary>
        <ul>
          {move.why.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
