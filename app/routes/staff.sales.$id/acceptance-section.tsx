import type { StaffSalesQuote } from "~/presenters/staff-sales";
import { moneyIn } from "./money";

/** Who accepted which proposal, under which terms, and the checkout attempts since. */
export function AcceptanceSection({
  acceptance,
  payments,
  billing,
  currency,
}: {
  acceptance: NonNullable<StaffSalesQuote["acceptance"]>;
  payments: StaffSalesQuote["payments"];
  billing: StaffSalesQuote["billing"];
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
        {money(acceptance.monthlyMinor)} a month from hand-over.{" "}
        {acceptance.paidAt ? `Paid ${acceptance.paidAt}.` : "Not paid yet."}
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
      {billing ? (
        <>
          <h3>Billing</h3>
          {billing.suspensionFlaggedAt ? (
            <p role="alert" className="field-error">
              Flagged for suspension on {billing.suspensionFlaggedAt}: Stripe&apos;s last retry failed. Decide with the
              customer; nothing has been suspended or deleted.
            </p>
          ) : billing.overdueSince ? (
            <p role="alert" className="field-error">
              Payment overdue since {billing.overdueSince}; Stripe is retrying and the customer has been e-mailed.
            </p>
          ) : null}
          <p>
            Subscription {billing.status}
            {billing.startedAt
              ? `, billed monthly since ${billing.startedAt}`
              : ", monthly billing starts at hand-over"}
            {billing.termEndsAt
              ? `; term ends ${billing.termEndsAt} and the service ${billing.renewal === "renew" ? "then renews month to month" : "ends"}`
              : ""}
            {billing.nextChargeAt && billing.status !== "trialing" && billing.status !== "canceled"
              ? `; next charge ${billing.nextChargeAt}`
              : ""}
            .
          </p>
          {billing.invoices.length ? (
            <ul>
              {billing.invoices.map((i) => (
                <li key={i.id}>
                  Invoice {i.number} of {i.createdAt}: {money(i.amountMinor)}, {i.status}
                  {i.status === "open" && i.attempts > 0 ? `, ${i.attempts} failed attempts` : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
