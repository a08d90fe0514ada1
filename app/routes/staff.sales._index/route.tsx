import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { StaffNav } from "~/components/staff-nav";
import { salesOverview } from "~/models/sales.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { formatMoney, formatUtc } from "~/utils/format";
import { salesDashboardAction } from "./action.server";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: sales" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:sales");
  return { user, quotes: await salesOverview(getDb()) };
}

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
      <table className="queue">
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
              <td>
                <Link to={`/staff/sales/${q.id}`}>{q.company ? `${q.contactName}, ${q.company}` : q.contactName}</Link>
              </td>
              <td>{q.status}</td>
              <td>{q.monthlyMinor === null ? "—" : formatMoney(Number(q.monthlyMinor), q.currency, "en")}</td>
              <td>{q.ownerName ?? "—"}</td>
              <td>{formatUtc(q.lastViewedAt, "never")}</td>
              <td>
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
