import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { staffMultiLine } from "~/utils/text.server";
import { getDb } from "#db/client.server";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { decideDiscount, isTransactionConflict, listDiscountRequests } from "~/models/discount.server";
import { isDomainError } from "~/domain/errors";
import { staffErrorMessage } from "~/utils/domain-error.server";
import { requireStaffPermission } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: discount approvals" }];

/** Admins' queue of discounts above a rep's 10 %. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "approve:discount");
  return { user, requests: await listDiscountRequests(getDb(), { status: "pending" }) };
}

const schema = () =>
  z.object({
  requestId: z.uuid(),
  decision: z.enum(["approve", "reject"]),
  reason: z.string().trim().min(3, "Give a reason (at least 3 characters).").max(500).check(staffMultiLine()),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "approve:discount");
  const parsed = schema().safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })), notice: null }, { status: 400 });
  try {
    const decided = await decideDiscount(getDb(), parsed.data.requestId, user.id, parsed.data.decision === "approve", parsed.data.reason);
    if (!decided) return data({ errors: [{ path: "requestId", message: "This request has already been decided." }], notice: null }, { status: 409 });
    return { errors: [], notice: decided.version ? `Approved: the customer now sees version ${decided.version}.` : "Rejected." };
  } catch (error) {
    if (isDomainError(error)) return data({ errors: [{ path: "requestId", message: `${await staffErrorMessage(error)} Reject it, or ask the rep to request it again.` }], notice: null }, { status: 409 });
    if (isTransactionConflict(error)) return data({ errors: [{ path: "requestId", message: "Someone changed this quote at the same moment, so nothing was decided. Try again." }], notice: null }, { status: 409 });
    throw error;
  }
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
      <table className="queue">
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
              <td>
                <Link to={`/staff/sales/${r.quoteRequestId}`}>
                  {r.contactName}
                  {r.company ? `, ${r.company}` : ""}
                </Link>{" "}
                (version {r.baseVersion})
              </td>
              <td>{r.bps / 100} %</td>
              <td>{r.requesterName}</td>
              <td>{r.reason}</td>
              <td>
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
