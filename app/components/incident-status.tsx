import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { CustomerIncidentView } from "~/presenters/customer-incidents";

/** How often an open incident's page looks for news (the fastest cadence promises an update every 30 minutes). */
const REFRESH_MS = 30_000;

/**
 * The live status of the customer's incidents: each with its state, when the next update comes and
 * every public update, newest first. While the page is visible it reloads its data every 30 seconds
 * (with nothing open too: a new incident shows up on a page already open), and the list is a polite
 * live region, so a screen reader hears the news.
 */
export function IncidentStatus({
  title,
  none,
  incidents,
}: {
  title: string;
  none: string | null;
  incidents: CustomerIncidentView[];
}) {
  const revalidator = useRevalidator();
  const ref = useRef(revalidator);
  ref.current = revalidator;
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (ref.current.state === "idle" && document.visibilityState === "visible") ref.current.revalidate();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);
  if (!incidents.length && !none) return null;
  return (
    <section aria-labelledby="incident-status" className="incident-status">
      <h2 id="incident-status">{title}</h2>
      <div aria-live="polite">
        {incidents.length === 0 ? <p className="muted">{none}</p> : null}
        {incidents.map((i) => (
          <article key={i.id} className={i.open ? "incident incident-open" : "incident"}>
            <h3>{i.heading}</h3>
            <p>
              <span>{i.service}</span> · <strong>{i.state}</strong>
            </p>
            <p>{i.status}</p>
            {i.summary ? <p>{i.summary}</p> : null}
            <ol>
              {i.updates.map((u) => (
                <li key={u.id}>
                  <span className="muted">
                    {u.at} · {u.state}
                  </span>
                  <p>{u.body}</p>
                </li>
              ))}
            </ol>
          </article>
        ))}
      </div>
    </section>
  );
}
