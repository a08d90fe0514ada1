import type { StaffSalesQuote } from "~/presenters/staff-sales";

/** The quote's discount requests above 10 % and how each was decided. */
export function DiscountRequests({ discounts }: { discounts: StaffSalesQuote["discounts"] }) {
  if (!discounts.length) return null;
  return (
    <>
      <h2>Discount requests</h2>
      <ul>
        {discounts.map((d) => (
          <li key={d.id}>
            {d.bps / 100} % by {d.requesterName} on {d.createdAt} ({d.reason}): {d.status}
            {d.deciderName ? ` by ${d.deciderName}` : ""}
            {d.decidedAt ? ` on ${d.decidedAt}` : ""}
            {d.decisionReason ? ` — ${d.decisionReason}` : ""}
            {d.resultingVersion ? ` → version ${d.resultingVersion}` : ""}
          </li>
        ))}
      </ul>
    </>
  );
}
