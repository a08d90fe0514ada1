import type { CostTimelineView } from "~/presenters/cost-timeline";

const WIDTH = 640;
const HEIGHT = 160;
const PAD = 4;

/**
 * The month-by-month cost of a proposal: a bar chart (the contract, with the predicted upgrade on top
 * in a lighter shade) described for screen readers, and the same figures as a short table.
 */
export function CostTimelineChart({ view, id }: { view: CostTimelineView; id: string }) {
  const slot = (WIDTH - PAD * 2) / view.bars.length;
  const barWidth = Math.max(2, slot * 0.7);
  const y = (fraction: number) => HEIGHT - PAD - fraction * (HEIGHT - PAD * 2);
  return (
    <figure className="cost-timeline" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <strong>{view.title}</strong> {view.summary}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="none"
        className="cost-timeline-chart"
      >
        <desc id={`${id}-desc`}>{view.chartDescription}</desc>
        <line x1={PAD} x2={WIDTH - PAD} y1={HEIGHT - PAD} y2={HEIGHT - PAD} className="axis" />
        {view.bars.map((b, i) => {
          const x = PAD + i * slot + (slot - barWidth) / 2;
          const top = y(b.contract);
          return (
            <g key={b.month}>
              <title>{b.label}</title>
              <rect
                x={x}
                y={top}
                width={barWidth}
                height={HEIGHT - PAD - top}
                className={b.oneOff ? "bar one-off" : "bar"}
              />
              {b.upgrade > 0 ? (
                <rect
                  x={x}
                  y={y(b.contract + b.upgrade)}
                  width={barWidth}
                  height={top - y(b.contract + b.upgrade)}
                  className="bar upgrade"
                />
              ) : null}
            </g>
          );
        })}
      </svg>
      <table className="cost-timeline-table">
        <thead>
          <tr>
            <th scope="col">{view.headings.period}</th>
            <th scope="col">{view.headings.amount}</th>
            <th scope="col">{view.headings.notes}</th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <tr key={r.period}>
              <th scope="row">{r.period}</th>
              <td>{r.amount}</td>
              <td>{r.notes.join(" ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="cost-timeline-totals">
        {view.totals.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </figure>
  );
}
