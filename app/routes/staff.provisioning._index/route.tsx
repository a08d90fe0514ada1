import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { listProvisioning } from "~/models/provisioning.server";
import { presentProvisioning } from "~/presenters/staff-provisioning";
import staffStyles from "~/styles/staff.css";
import { requireStaffPermission } from "~/utils/auth.server";
import { staffTime } from "~/utils/staff-time.server";
import { provisioningAction } from "./action.server";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: provisioning" }];

/** Paid orders handed over to technicians to build. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:provisioning");
  const rows = await listProvisioning(getDb());
  const time = staffTime();
  // The presenter prints the payment time in UTC; staff read it in the business time zone.
  const paidAt = new Map(rows.map((row) => [row.id, time(row.paidAt)]));
  return {
    user,
    items: presentProvisioning(rows, user).map((item) => ({ ...item, paidAt: paidAt.get(item.id) ?? item.paidAt })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:provisioning:own");
  return provisioningAction(await request.formData(), user);
}

export default function Provisioning() {
  const { user, items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>Provisioning</h1>
      <ActionFeedback errors={actionData?.error ? [{ message: actionData.error }] : null} />
      {items.length === 0 ? <p>No paid order is waiting to be built.</p> : null}
      <table className="queue stack-on-phone">
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Order</th>
            <th scope="col">Servers</th>
            <th scope="col">Paid</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} id={item.id}>
              <td data-label="Customer">
                <Link to={`/staff/provisioning/${item.id}`}>{item.customer}</Link>
              </td>
              <td data-label="Order">{item.order}</td>
              <td data-label="Servers">
                <ul>
                  {item.servers.map((s) => (
                    <li key={s.sku}>{s.text}</li>
                  ))}
                </ul>
              </td>
              <td data-label="Paid">{item.paidAt}</td>
              <td data-label="Status">
                {item.canClaim ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="claim" />
                    <input type="hidden" name="itemId" value={item.id} />
                    <button type="submit">Claim</button>
                  </Form>
                ) : (
                  <>
                    {item.status} by {item.assigneeName}
                    {item.canFinish ? (
                      <p>
                        <Link to={`/staff/provisioning/${item.id}`}>Deliver, test and hand over</Link>
                      </p>
                    ) : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
