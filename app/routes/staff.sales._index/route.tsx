import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { StaffNav } from "~/components/staff-nav";
import { salesOverview } from "~/models/sales.server";
import staffStyles from "~/styles/staff.css";
import { requireStaffPermission } from "~/utils/auth.server";
import { formatMoney } from "~/utils/format";
import { staffTime } from "~/utils/staff-time.server";
import { salesDashboardAction } from "./action.server";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: sales" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:sales");
  const time = staffTime();
  const quotes = await salesOverview(getDb());
  return {
    user,
    quotes: quotes.map((q) => ({
      id: q.id,
      contactName: q.contactName,
      company: q.company,
      status: q.status,
      delivery: q.delivery ? DELIVERY[q.delivery] : null,
      monthlyMinor: q.monthlyMinor,
      currency: q.currency,
      monthly: q.monthlyMinor === null ? "—" : formatMoney(Number(q.monthlyMinor), q.currency, "en"),
      ownerId: q.ownerId,
      ownerName: q.ownerName,
      lastViewedAt: time(q.lastViewedAt, "never"),
      overdue: q.suspensionFlaggedAt
        ? `Payment overdue since ${time(q.overdueSince, "")}: last retry failed, flagged for suspension`
        : q.overdueSince
          ? `Payment overdue since ${time(q.overdueSince, "")}`
          : null,
    })),
  };
}

/** Delivery as sales reps follow it (provisioning's states). */
const DELIVERY = { open: "waiting to be built", claimed: "being built", done: "handed over" } as const;

/** Take ownership of a quote (action.server.ts). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:sales:own");
  return salesDashboardAction(getDb(), user, await request.formData());
}

export default function SalesDashboard() {
  const { user, quotes } = useLoaderData<typeof loader>();
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>Sales</h1>
      {quotes.some((q) => q.overdue) ? (
        <p role="alert" className="field-error">
          Overdue payments: {quotes.filter((q) => q.overdue).length}. Stripe retries the card and the customer is
          e-mailed each time; after the last retry a technician decides on suspension.
        </p>
      ) : null}
      <table className="queue stack-on-phone">
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Status</th>
            <th scope="col">Value / month</th>
            <th scope="col">Owner</th>
            <th scope="col">Last customer view</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {quotes.map((q) => (
            <tr key={q.id}>
              <td data-label="Customer">
                <Link to={`/staff/sales/${q.id}`}>{q.company ? `${q.contactName}, ${q.company}` : q.contactName}</Link>
              </td>
              <td data-label="Status">
                {q.status}
                {q.delivery ? <span className="muted"> · {q.delivery}</span> : null}
                {q.overdue ? (
                  <>
                    {" "}
                    <span className="badge badge-overdue">{q.overdue}</span>
                  </>
                ) : null}
              </td>
              <td data-label="Value / month">{q.monthly}</td>
              <td data-label="Owner">{q.ownerName ?? "—"}</td>
              <td data-label="Last customer view">{q.lastViewedAt}</td>
              <td className="actions">
                {q.ownerId ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="own" />
                    <input type="hidden" name="quoteId" value={q.id} />
                    <button type="submit">Take ownership</button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
