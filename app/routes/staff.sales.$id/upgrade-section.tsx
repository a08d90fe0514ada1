import { Form } from "@remix-run/react";
import type { Currency } from "~/domain/money";
import { moneyIn } from "./money";

export interface UpgradePanel {
  /** The running service the quote upgrades (an acceptance id), or null: a new service. */
  current: string | null;
  targets: { acceptanceId: string; reference: string; tier: string; monthlyMinor: number; termEndsAt: string | null }[];
  /** Once handed over: the billing change and how it went at Stripe. */
  change: {
    fromMonthlyMinor: number;
    toMonthlyMinor: number;
    setupMinor: number;
    requestedAt: string;
    appliedAt: string | null;
    proratedMinor: number | null;
    lastError: string | null;
  } | null;
}

/**
 * "This quote upgrades a running service": before acceptance the rep picks one of the customer's
 * running services (or none); accepting then orders the upgrade and its hand-over changes that
 * service's subscription, prorated. After acceptance: what was or will be billed.
 */
export function UpgradeSection({
  upgrade,
  currency,
  canChange,
}: {
  upgrade: UpgradePanel;
  currency: Currency;
  canChange: boolean;
}) {
  const money = moneyIn(currency);
  const current = upgrade.targets.find((t) => t.acceptanceId === upgrade.current);
  if (!upgrade.targets.length && !upgrade.current) return null;
  return (
    <section aria-labelledby="upgrade-title">
      <h2 id="upgrade-title">Upgrade of a running service</h2>
      {upgrade.change ? (
        <p>
          Handed over {upgrade.change.requestedAt}: {money(upgrade.change.fromMonthlyMinor)} →{" "}
          {money(upgrade.change.toMonthlyMinor)} a month, setup {money(upgrade.change.setupMinor)}.{" "}
          {upgrade.change.appliedAt
            ? `Billed at Stripe ${upgrade.change.appliedAt}: prorated difference ${money(upgrade.change.proratedMinor ?? 0)} plus setup on one invoice.`
            : `Waiting for Stripe${upgrade.change.lastError ? ` (last try refused: ${upgrade.change.lastError})` : ""}.`}
        </p>
      ) : upgrade.current ? (
        <p>
          This quote upgrades{" "}
          {current
            ? `${current.reference} (${current.tier}, ${money(current.monthlyMinor)} a month${current.termEndsAt ? `, term ends ${current.termEndsAt}` : ""})`
            : "a service that is no longer running: the customer cannot accept it as an upgrade"}
          . Accepting orders the upgrade without a checkout; its hand-over changes that service&apos;s monthly price,
          prorated, and the term keeps its end.
        </p>
      ) : (
        <p className="muted">
          A new service. If it replaces one of the customer&apos;s running services, mark it: the customer then sees the
          proration before accepting and is billed through that service&apos;s subscription.
        </p>
      )}
      {canChange ? (
        <Form method="post" className="filters">
          <input type="hidden" name="intent" value="upgrade" />
          <label>
            Upgrades{" "}
            <select name="acceptanceId" defaultValue={upgrade.current ?? ""}>
              <option value="">Nothing: a new service</option>
              {upgrade.targets.map((t) => (
                <option key={t.acceptanceId} value={t.acceptanceId}>
                  {t.reference}: {t.tier}, {money(t.monthlyMinor)} a month
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="secondary">
            Save
          </button>
        </Form>
      ) : null}
    </section>
  );
}
