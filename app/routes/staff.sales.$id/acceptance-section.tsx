import type { StaffSalesQuote } from "~/presenters/staff-sales";
import { moneyIn } from "./money";

/** Who accepted which proposal, under which terms, and the checkout attempts since. */
export function AcceptanceSection({
  acceptance,
  payments,
  currency,
}: {
  acceptance: NonNullable<StaffSalesQuote["acceptance"]>;
  payments: StaffSalesQuote["payments"];
  currency: StaffSalesQuote["quote"]["currency"];
}) {
  const money = moneyIn(currency);
  return (
    <section aria-labelledby="acceptance-title">
      <h2 id="acceptance-title">Acceptance</h2>
      <p>
        {acceptance.name}
        {acceptance.company ? `, ${acceptance.company}` : ""} ({acceptance.email}) accepted{" "}
        <strong>{acceptance.tier}</strong> of version {acceptance.version} on {acceptance.acceptedAt} under terms{" "}
        {acceptance.termsVersion}
        {acceptance.poNumber ? `, PO ${acceptance.poNumber}` : ""}. Due now {money(acceptance.dueNowMinor)}, then{" "}
        {money(acceptance.monthlyMinor)} a month. {acceptance.paidAt ? `Paid ${acceptance.paidAt}.` : "Not paid yet."}
      </p>
      <p className="muted">
        From {acceptance.ip ?? "unknown IP"} · {acceptance.userAgent ?? "unknown browser"}
      </p>
      {payments.length ? (
        <ul>
          {payments.map((p) => (
            <li key={p.attempt}>
              Checkout attempt {p.attempt}: {p.status}, {money(p.amountMinor)}, last change {p.updatedAt}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
