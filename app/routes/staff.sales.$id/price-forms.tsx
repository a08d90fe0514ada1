import { Form } from "@remix-run/react";
import { PERCENT_PATTERN } from "./percent";

/** Refresh an expired version at current prices, or give a discount (above 10 % it waits for an admin). */
export function PriceForms() {
  return (
    <div className="filters">
      <Form method="post">
        <input type="hidden" name="intent" value="refresh" />
        <button type="submit" className="secondary">
          Refresh expired version at current prices
        </button>
      </Form>
      <Form method="post" className="filters">
        <input type="hidden" name="intent" value="discount" />
        <label>
          Discount (%){" "}
          <input
            name="percent"
            inputMode="decimal"
            pattern={PERCENT_PATTERN.source.slice(1, -1)}
            title="A plain number like 5 or 7.5"
            required
          />
        </label>
        <label>
          Reason <input name="reason" required minLength={3} maxLength={500} />
        </label>
        <button type="submit">Give discount</button>
      </Form>
      <p className="muted">Up to 10 % applies at once as a new version; more waits for an admin&apos;s approval.</p>
    </div>
  );
}
