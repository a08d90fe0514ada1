import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { requireStaffPermission } from "~/utils/auth.server";
import { importCsvAction } from "./action.server";
import { priceBookId } from "./book-id.server";
import { importPage } from "./load.server";
import { ImportReportSection } from "./report";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: import prices from CSV" }];

/**
 * Admins only: importing writes prices. The folder is `$id_` so the page stands alone rather than
 * rendering inside the book's page (`staff.price-books.$id`); its URL is /staff/price-books/:id/import.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "write:catalog");
  return { user, ...(await importPage(getDb(), priceBookId(params.id))) };
}

/** Check or import an uploaded CSV (action.server.ts). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:catalog");
  return importCsvAction(getDb(), user, priceBookId(params.id), request);
}

export default function ImportPriceBookCsv() {
  const { user, book, maxKb } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const fileError = actionData?.errors.find((e) => e.path === "file");
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>
        Import prices into version {book.version} ({book.currency})
      </h1>
      <p>
        <Link to={`/staff/price-books/${book.id}`}>Back to version {book.version}</Link> ·{" "}
        <a href={`/staff/price-books/${book.id}/csv`} download>
          Download its prices as CSV
        </a>
      </p>
      {book.status !== "draft" ? (
        <p role="alert">
          Version {book.version} is published, and published books never change. Make a draft from it on the{" "}
          <Link to="/staff/price-books">price books page</Link>, then import into the draft.
        </p>
      ) : (
        <>
          <p id="csv-help" className="muted">
            Columns <code>sku</code>, <code>name</code>, <code>kind</code>, <code>monthly</code>, <code>setup</code>{" "}
            (the download above is the template). Amounts are in {book.currency} with at most two decimals, such as
            12.50. Only SKU and prices are read; name and kind are there to read (a kind that does not match the SKU is
            refused). Products the file leaves out keep their prices. Every row must be accepted, or nothing is
            imported. At most {maxKb} KB.
          </p>
          <Form method="post" encType="multipart/form-data" className="filters">
            <label htmlFor="csv-file">CSV file</label>{" "}
            <input
              id="csv-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-describedby="csv-help"
              aria-invalid={fileError ? true : undefined}
            />{" "}
            <button type="submit" name="intent" value="check" className="secondary" disabled={busy}>
              Check the file
            </button>{" "}
            <button type="submit" name="intent" value="import" disabled={busy}>
              Import into the draft
            </button>
          </Form>
        </>
      )}
      <ActionFeedback notice={actionData?.notice} errors={actionData?.errors} />
      {actionData?.report ? <ImportReportSection report={actionData.report} /> : null}
    </section>
  );
}
