import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { StaffNav } from "~/components/staff-nav";
import { REVIEW_CODES } from "~/domain/engine";
import staffStyles from "~/styles/staff.css";
import { claimAction, loadQueue } from "./queue.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: review queue" }];

/** Rows per page: the most urgent first; technicians rarely need more than the first page. */
const PAGE_SIZE = 50;

export const loader = ({ request }: LoaderFunctionArgs) => loadQueue(request, PAGE_SIZE);

export const action = ({ request }: ActionFunctionArgs) => claimAction(request);

function pageQuery(params: URLSearchParams, page: number) {
  const next = new URLSearchParams(params);
  next.set("page", String(page));
  return next.toString();
}

export default function ReviewQueue() {
  const { user, items, page, hasNext } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>Review queue</h1>
      <Form method="get" className="filters">
        <label>
          Status{" "}
          <select name="status" defaultValue={params.get("status") ?? "active"}>
            {["active", "open", "claimed", "waiting_customer", "published", "declined"].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Reason{" "}
          <select name="reason" defaultValue={params.get("reason") ?? ""}>
            <option value="">any</option>
            {REVIEW_CODES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          Assignee{" "}
          <select name="assignee" defaultValue={params.get("assignee") ?? ""}>
            <option value="">anyone</option>
            <option value="me">me</option>
            <option value="unassigned">unassigned</option>
          </select>
        </label>
        <button type="submit">Filter</button>
      </Form>
      <table className="queue stack-on-phone">
        <thead>
          <tr>
            <th scope="col">Customer</th>
            <th scope="col">Reasons</th>
            <th scope="col">Priority</th>
            <th scope="col">Status</th>
            <th scope="col">First response due</th>
            <th scope="col">Resolution due</th>
            <th scope="col">Assignee</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} className={i.overdue ? "overdue" : undefined}>
              <td data-label="Customer">
                <Link to={`/staff/review/${i.id}`}>{i.company ? `${i.contactName}, ${i.company}` : i.contactName}</Link>
                {i.overdue ? <strong className="overdue-badge"> overdue</strong> : null}
              </td>
              <td data-label="Reasons" className="reasons">
                {i.reasons.map((r) => r.code).join(", ")}
              </td>
              <td data-label="Priority">{i.priority}</td>
              <td data-label="Status">{i.status}</td>
              <td data-label="First response due">{i.firstResponseDue}</td>
              <td data-label="Resolution due">{i.resolutionDue}</td>
              <td data-label="Assignee">{i.assigneeName ?? "—"}</td>
              <td className="actions">
                {!i.assigneeId && i.status === "open" && user.role !== "sales" ? (
                  // A plain form: two hundred Remix <Form>s each resolve their action route on every render.
                  <form method="post" action="/staff/review?index">
                    <input type="hidden" name="intent" value="claim" />
                    <input type="hidden" name="id" value={i.id} />
                    <button type="submit">Claim</button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 ? <p>Nothing to review.</p> : null}
      <nav className="pager" aria-label="Pages">
        {page > 1 ? <Link to={`?${pageQuery(params, page - 1)}`}>Previous {PAGE_SIZE}</Link> : null}
        {items.length ? (
          <span className="muted">
            Rows {(page - 1) * PAGE_SIZE + 1}–{(page - 1) * PAGE_SIZE + items.length}
          </span>
        ) : null}
        {hasNext ? <Link to={`?${pageQuery(params, page + 1)}`}>Next {PAGE_SIZE}</Link> : null}
      </nav>
    </section>
  );
}
