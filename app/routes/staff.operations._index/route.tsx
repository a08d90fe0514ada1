import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { StaffNav } from "~/components/staff-nav";
import type { Currency } from "~/domain/money";
import { overdueServices } from "~/models/billing.server";
import staffStyles from "~/styles/staff.css";
import { requireStaffPermission } from "~/utils/auth.server";
import { formatMoney } from "~/utils/format";
import { staffTime } from "~/utils/staff-time.server";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: operations" }];

/** The running services that need someone now: monthly payments overdue, and services flagged for suspension. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:operations");
  const time = staffTime();
  const rows = await overdueServices(getDb());
  return {
    user,
    overdue: rows.map((r) => ({
      id: r.subscriptionId,
      customer: r.company ? `${r.contactName}, ${r.company}` : r.contactName,
      reference: r.quoteRequestId.slice(0, 8).toUpperCase(),
      href: r.provisioningItemId ? `/staff/provisioning/${r.provisioningItemId}` : `/staff/sales/${r.quoteRequestId}`,
      since: time(r.overdueSince ?? r.suspensionFlaggedAt),
      open: formatMoney(Number(r.openMinor), r.currency as Currency, "en"),
      nextAttempt: r.nextAttempt ? time(new Date(r.nextAttempt)) : null,
      state: r.suspensionDecision
        ? r.suspensionDecision === "suspend"
          ? "Suspended until paid"
          : "Kept running by a technician"
        : r.suspensionFlaggedAt
          ? "Retries over: decide on suspension"
          : "Stripe is retrying",
      urgent: Boolean(r.suspensionFlaggedAt && !r.suspensionDecision),
    })),
  };
}

export default function Operations() {
  const { user, overdue } = useLoaderData<typeof loader>();
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>Operations</h1>
      <h2 id="overdue-title">Overdue payments</h2>
      {overdue.length === 0 ? <p>No running service has a payment overdue.</p> : null}
      {overdue.length ? (
        <table className="queue stack-on-phone" aria-labelledby="overdue-title">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Overdue since</th>
              <th scope="col">Open</th>
              <th scope="col">Next retry</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {overdue.map((o) => (
              <tr key={o.id} className={o.urgent ? "overdue" : undefined}>
                <td data-label="Customer">
                  <Link to={o.href}>{o.customer}</Link> <span className="muted">{o.reference}</span>
                </td>
                <td data-label="Overdue since">{o.since}</td>
                <td data-label="Open">{o.open}</td>
                <td data-label="Next retry">{o.nextAttempt ?? "none"}</td>
                <td data-label="State">{o.urgent ? <strong>{o.state}</strong> : o.state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
