import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { requireStaffPermission } from "~/utils/auth.server";
import { formatUtc } from "~/utils/format";
import { can } from "~/utils/permissions";
import { STANDING_LABELS } from "../staff.price-books.$id/labels";
import { priceBookListAction } from "./action.server";
import { priceBookList } from "./load.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: price books" }];

/** Every staff role reads the books; only admins make drafts. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:catalog");
  const now = new Date();
  return {
    user,
    canWrite: can(user.role, "write:catalog"),
    now: now.toISOString(),
    books: await priceBookList(getDb(), now),
  };
}

/** New draft from a book (action.server.ts). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:catalog");
  return priceBookListAction(getDb(), user, await request.formData());
}

export default function PriceBooks() {
  const { user, canWrite, now, books } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="staff price-books">
      <StaffNav user={user} />
      <h1 id="books-title">Price books</h1>
      <p className="muted">
        Each book is a version of every price, the term discounts, the operations weight and the rate card. A draft is
        edited freely; once published it never changes and takes effect at its moment. Times are in UTC (now{" "}
        {formatUtc(now)}).
      </p>
      <ActionFeedback errors={actionData?.errors} />
      <div className="table-scroll" role="region" aria-labelledby="books-title" tabIndex={0}>
        <table className="queue">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Currency</th>
              <th scope="col">Status</th>
              <th scope="col">Effective from</th>
              <th scope="col">Note</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {books.map((b) => (
              <tr key={b.id} className={b.standing === "in_effect" ? "in-effect" : undefined}>
                <td>
                  <Link to={`/staff/price-books/${b.id}`}>Version {b.version}</Link>
                </td>
                <td>{b.currency}</td>
                <td>
                  <strong>{STANDING_LABELS[b.standing]}</strong>
                  {b.publishedByName ? <div className="muted">by {b.publishedByName}</div> : null}
                </td>
                <td>{b.effectiveFrom ? formatUtc(b.effectiveFrom) : "not published"}</td>
                <td className="note">{b.note ?? ""}</td>
                <td>
                  <div className="row-actions">
                    {b.previous ? (
                      <Link to={`/staff/price-books/diff?from=${b.previous.id}&to=${b.id}`}>
                        Compare with version {b.previous.version}
                      </Link>
                    ) : null}
                    {canWrite ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="draft" />
                        <input type="hidden" name="fromId" value={b.id} />
                        <button type="submit" className="secondary">
                          New draft from version {b.version}
                        </button>
                      </Form>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
