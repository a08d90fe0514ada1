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
import { listDiscountRequests } from "~/models/discount.server";
import staffStyles from "~/styles/staff.css";
import { requireStaffPermission } from "~/utils/auth.server";
import { staffTime } from "~/utils/staff-time.server";
import { decideDiscountAction } from "./action.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: discount approvals" }];

/** Admins' queue of discounts above a rep's 10 %. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "approve:discount");
  const time = staffTime();
  const requests = await listDiscountRequests(getDb(), { status: "pending" });
  return {
    user,
    requests: requests.map((r) => ({ ...r, createdAt: time(r.createdAt), decidedAt: time(r.decidedAt) })),
  };
}

/** Approve or reject a request (action.server.ts). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "approve:discount");
  return decideDiscountAction(getDb(), user, await request.formData());
}

export default function DiscountApprovals() {
  const { user, requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>Discount approvals</h1>
      <ActionFeedback notice={actionData?.notice} errors={actionData?.errors} />
      {requests.length === 0 ? <p>No discount is waiting for approval.</p> : null}
      <table className="queue stack-on-phone">
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Discount</th>
            <th scope="col">Asked by</th>
            <th scope="col">Reason</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.id}>
              <td data-label="Customer">
                <Link to={`/staff/sales/${r.quoteRequestId}`}>
                  {r.contactName}
                  {r.company ? `, ${r.company}` : ""}
                </Link>{" "}
                (version {r.baseVersion})
              </td>
              <td data-label="Discount">{r.bps / 100} %</td>
              <td data-label="Asked by">
                {r.requesterName} <span className="muted">on {r.createdAt}</span>
              </td>
              <td data-label="Reason">{r.reason}</td>
              <td className="actions">
                <Form method="post" className="filters">
                  <input type="hidden" name="requestId" value={r.id} />
                  <label>
                    Reason <input name="reason" required minLength={3} maxLength={500} />
                  </label>
                  <button type="submit" name="decision" value="approve">
                    Approve
                  </button>
                  <button type="submit" name="decision" value="reject" className="secondary">
                    Reject
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
