import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { claimProvisioning, completeProvisioning, listProvisioning } from "~/models/provisioning.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { formatMoney, formatUtc as iso } from "~/utils/format";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: provisioning" }];

/** Paid orders handed over to technicians to build. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:provisioning");
  return { user, items: await listProvisioning(getDb()) };
}

const schema = () =>
  z.object({ intent: z.enum(["claim", "done"]), itemId: z.uuid() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:provisioning");
  const parsed = schema().safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Unknown request." }, { status: 400 });
  const ok = parsed.data.intent === "claim" ? await claimProvisioning(getDb(), parsed.data.itemId, user.id) : await completeProvisioning(getDb(), parsed.data.itemId, user.id);
  return ok ? { error: null } : data({ error: parsed.data.intent === "claim" ? "Someone else has this item." : "Only the assignee can finish a claimed item." }, { status: 409 });
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
              <td>
                {item.contactName}
                {item.company ? `, ${item.company}` : ""}
                {item.poNumber ? ` (PO ${item.poNumber})` : ""}
              </td>
              <td>
                {item.tier}, version {item.version}, {formatMoney(item.monthlyMinor, "EUR", "en")}/month, region {item.region}
              </td>
              <td>
                <ul>
                  {item.servers.map((s) => (
                    <li key={s.sku}>
                      {s.quantity} × {s.name} ({s.roles.join(", ")})
                    </li>
                  ))}
                </ul>
              </td>
              <td>{iso(item.paidAt)}</td>
              <td>
                {item.status === "open" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="claim" />
                    <input type="hidden" name="itemId" value={item.id} />
                    <button type="submit">Claim</button>
                  </Form>
                ) : (
                  <>
                    {item.status} by {item.assigneeName}
                    {item.assigneeId === user.id ? (
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
