import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { listProvisioning } from "~/models/provisioning.server";
import { presentProvisioning } from "~/presenters/staff-provisioning";
import { requireStaffPermission } from "~/utils/auth.server";
import { provisioningAction } from "./action.server";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: provisioning" }];

/** Paid orders handed over to technicians to build. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:provisioning");
  return { user, items: presentProvisioning(await listProvisioning(getDb()), user) };
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
      <table className="queue">
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
              <td>{item.customer}</td>
              <td>{item.order}</td>
              <td>
                <ul>
                  {item.servers.map((s) => (
                    <li key={s.sku}>{s.text}</li>
                  ))}
                </ul>
              </td>
              <td>{item.paidAt}</td>
              <td>
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
                      <Form method="post">
                        <input type="hidden" name="intent" value="done" />
                        <input type="hidden" name="itemId" value={item.id} />
                        <button type="submit" className="secondary">
                          Mark handed over
                        </button>
                      </Form>
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
