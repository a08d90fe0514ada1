import { Form } from "@remix-run/react";
import type { StaffMigration } from "~/presenters/staff-migration";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const METHOD_NAMES: Record<string, string> = {
  two_phase_sync: "Two-phase sync (live copy, then the changes)",
  logical_replication: "PostgreSQL logical replication",
  gtid_replication: "MySQL/MariaDB GTID replication",
  dump_restore: "Dump and restore",
};

const hours = (h: number) => (h < 0 ? `T − ${-h} h` : h === 0 ? "T" : `T + ${h} h`);

/**
 * The move from the customer's old server as the planner made it (its trace: rule ids, inputs and the
 * customer's sentences) and the form that overrides method, downtime, hours and window with a reason
 * the customer sees. Saving makes a new version (the action's "migration" intent).
 */
export function MigrationPlan({
  plan,
  canChange,
  errors,
}: {
  plan: StaffMigration;
  canChange: boolean;
  errors: readonly { path: string; message: string }[];
}) {
  const errorFor = (path: string) => {
    const found = errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`));
    return found.length ? (
      <span className="field-error" id={`migration-${path}-error`} role="alert">
        {found.map((e) => e.message).join(" ")}
      </span>
    ) : null;
  };
  const described = (path: string) =>
    errors.some((e) => e.path === path || e.path.startsWith(`${path}.`)) ? `migration-${path}-error` : undefined;
  return (
    <section
      className="migration-review"
      data-testid="migration-review"
      aria-labelledby="migration-review-title"
      // Rule inputs and source paths are long unbroken words: wrap them on a phone instead of widening the page.
      style={{ overflowWrap: "anywhere" }}
    >
      <h2 id="migration-review-title">Move from the old server</h2>
      <p>
        Method <strong>{METHOD_NAMES[plan.method] ?? plan.method}</strong> · downtime about{" "}
        <strong>{plan.downtimeMinutes} min</strong>
        {plan.allowedDowntimeMinutes !== null ? ` (allowed ${plan.allowedDowntimeMinutes} min)` : ""} · first copy{" "}
        {plan.transferHours} h · preparation {plan.preparationHours} h · in the window {plan.cutoverHours} h · window{" "}
        {plan.window
          ? `${plan.window.days.join(", ")} ${plan.window.start}–${plan.window.end} (${plan.window.timeZone})`
          : `none fits (${plan.timeZone})`}
        {plan.fits ? "" : " · does not fit: plan it with the customer"}
      </p>
      {plan.override ? (
        <p className="move-override" data-testid="migration-override">
          Overridden (was {METHOD_NAMES[plan.override.before.method]}, {plan.override.before.downtimeMinutes} min,{" "}
          {plan.override.before.preparationHours} h + {plan.override.before.cutoverHours} h). Reason shown to the
          customer: “{plan.override.reason}”
        </p>
      ) : null}

      <details open>
        <summary>Planner trace ({plan.trace.length} rules)</summary>
        <ul className="trace" data-testid="migration-trace">
          {plan.trace.map((e, i) => (
            <li key={i}>
              <code>{e.ruleId}</code> <code>{JSON.stringify(e.inputs)}</code> — {e.text}
              {e.source ? <span className="muted"> ({e.source})</span> : null}
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>Milestones ({plan.milestones.length})</summary>
        <ul className="trace">
          {plan.milestones.map((m) => (
            <li key={m.key}>
              <code>{m.ruleId}</code> <strong>{hours(m.offsetHours)}</strong> — {m.text}
            </li>
          ))}
        </ul>
      </details>

      {canChange ? (
        <Form method="post" className="adjust migration-override-form">
          <input type="hidden" name="intent" value="migration" />
          <fieldset style={{ minWidth: 0 }}>
            <legend>Override the plan (saved as a new version; empty fields keep the current figure)</legend>
            <label>
              Method{" "}
              <select name="method" defaultValue="" aria-describedby={described("method")}>
                <option value="">keep ({plan.method})</option>
                {plan.methods.map((m) => (
                  <option key={m} value={m}>
                    {METHOD_NAMES[m] ?? m}
                  </option>
                ))}
              </select>
            </label>{" "}
            {errorFor("method")}
            <label>
              Downtime (min){" "}
              <input
                name="downtimeMinutes"
                inputMode="numeric"
                size={6}
                placeholder={String(plan.downtimeMinutes)}
                aria-describedby={described("downtimeMinutes")}
              />
            </label>{" "}
            {errorFor("downtimeMinutes")}
            <label>
              Preparation hours{" "}
              <input
                name="preparationHours"
                inputMode="decimal"
                size={6}
                placeholder={String(plan.preparationHours)}
                aria-describedby={described("preparationHours")}
              />
            </label>{" "}
            {errorFor("preparationHours")}
            <label>
              Hours in the window{" "}
              <input
                name="cutoverHours"
                inputMode="decimal"
                size={6}
                placeholder={String(plan.cutoverHours)}
                aria-describedby={described("cutoverHours")}
              />
            </label>{" "}
            {errorFor("cutoverHours")}
            <fieldset className="window-days" style={{ minWidth: 0 }} aria-describedby={described("window")}>
              <legend>Window ({plan.timeZone})</legend>
              {DAYS.map((d) => (
                <label key={d} className="choice">
                  <input type="checkbox" name="window.days" value={d} /> {d}
                </label>
              ))}{" "}
              <label>
                from <input name="window.start" placeholder={plan.window?.start ?? "22:00"} size={5} />
              </label>{" "}
              <label>
                to <input name="window.end" placeholder={plan.window?.end ?? "04:00"} size={5} />
              </label>
              {errorFor("window")}
            </fieldset>
            <label>
              Reason (the customer sees it){" "}
              <input
                name="reason"
                required
                minLength={3}
                size={50}
                style={{ maxWidth: "100%" }}
                aria-describedby={described("reason")}
              />
            </label>{" "}
            {errorFor("reason")}
            <button type="submit">Save as new version</button>
          </fieldset>
        </Form>
      ) : null}
    </section>
  );
}
