import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { requireStaffPermission } from "~/utils/auth.server";
import { DiffTables } from "./diff-tables";
import { priceBookDiff } from "./load.server";

/** Prints prices: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: compare price books" }];

/** Every staff role may compare books (load.server.ts). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:catalog");
  const { status, ...page } = await priceBookDiff(getDb(), new URL(request.url));
  return data({ user, ...page }, { status });
}

export default function PriceBookDiff() {
  const { user, choices, errors, diff, from, to, all } = useLoaderData<typeof loader>();
  const label = (c: (typeof choices)[number]) =>
    `Version ${c.version} (${c.currency}${c.status === "draft" ? ", draft" : ""})`;
  return (
    <section className="staff price-book-diff">
      <StaffNav user={user} />
      <p>
        <Link to="/staff/price-books">All price books</Link>
        {to ? (
          <>
            {" · "}
            <Link to={`/staff/price-books/${to}`}>Back to version {diff?.toVersion ?? ""}</Link>
          </>
        ) : null}
      </p>
      <h1>{diff ? `Version ${diff.fromVersion} → version ${diff.toVersion}` : "Compare price books"}</h1>
      <Form method="get" className="filters">
        <label>
          From{" "}
          <select name="from" defaultValue={from ?? ""}>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {label(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          To{" "}
          <select name="to" defaultValue={to ?? ""}>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {label(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="choice">
          <input type="checkbox" name="all" value="1" defaultChecked={all} /> Show unchanged products
        </label>
        <button type="submit" className="secondary">
          Compare
        </button>
      </Form>
      <ActionFeedback errors={errors} />
      {diff ? <DiffTables diff={diff} all={all} /> : null}
    </section>
  );
}
