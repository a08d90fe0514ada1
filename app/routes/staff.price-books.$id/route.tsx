import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { requireStaffPermission } from "~/utils/auth.server";
import { formatUtc } from "~/utils/format";
import { can } from "~/utils/permissions";
import { priceBookAction } from "./action.server";
import { priceBookId } from "./book-id.server";
import { ImpactSection } from "./impact-section";
import { STANDING_LABELS } from "./labels";
import { priceBookPage } from "./load.server";
import { PricesTable } from "./prices-table";
import { PublishForm } from "./publish-form";
import { type FormState, SettingsFields } from "./settings-fields";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `SpecDesk staff: price book ${data.book.version}` : "SpecDesk staff: price book" },
];

/** Every staff role reads a book; only admins see it as a form (load.server.ts). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:catalog");
  const now = new Date();
  const page = await priceBookPage(getDb(), priceBookId(params.id), now);
  return {
    user,
    canWrite: can(user.role, "write:catalog"),
    linkQuotes: can(user.role, "read:sales"),
    now: now.toISOString(),
    ...page,
  };
}

/** Save, publish or delete a draft, or start a new one from this book (action.server.ts). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:catalog");
  return priceBookAction(getDb(), user, priceBookId(params.id), await request.formData());
}

/** Fields the forms show their own errors beside; any other error is shown above them. */
const isFormField = (path: string) => /^(price|term|rate)\.|^(ops|note|when|effectiveAt)$/.test(path);

export default function PriceBook() {
  const { user, canWrite, linkQuotes, now, book, products, compareWith, differences, impact } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  const form: FormState = {
    value: (name, saved) => actionData?.values?.[name] ?? saved,
    error: (name) => errors.find((e) => e.path === name)?.message,
  };
  const editable = canWrite && book.status === "draft";
  const fieldErrors = errors.filter((e) => isFormField(e.path)).length;
  return (
    <section className="staff price-book">
      <StaffNav user={user} />
      <p>
        <Link to="/staff/price-books">All price books</Link>
      </p>
      <h1>
        Price book version {book.version} ({book.currency})
      </h1>
      <p>
        <strong>{STANDING_LABELS[book.standing]}</strong>
        {book.effectiveFrom ? ` · effective from ${formatUtc(book.effectiveFrom)}` : " · not published yet"}
        {book.publishedAt ? ` · published ${formatUtc(book.publishedAt)}` : ""}
      </p>
      <div className="book-actions">
        <Link to={`/staff/price-books/${book.id}/csv`} reloadDocument>
          Download as CSV
        </Link>
        {editable ? <Link to={`/staff/price-books/${book.id}/import`}>Import prices from CSV</Link> : null}
        {canWrite && book.status === "published" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="draft" />
            <button type="submit" className="secondary">
              New draft from version {book.version}
            </button>
          </Form>
        ) : null}
      </div>
      {compareWith ? (
        <p>
          {differences === 0
            ? `Same prices and settings as version ${compareWith.version}, the book in effect. `
            : `${differences} ${differences === 1 ? "difference" : "differences"} from version ${compareWith.version}, the book in effect: `}
          <Link to={`/staff/price-books/diff?from=${compareWith.id}&to=${book.id}`}>
            Compare with version {compareWith.version}
          </Link>
        </p>
      ) : null}
      <ActionFeedback
        notice={actionData?.notice}
        errors={[
          ...(fieldErrors
            ? [
                {
                  message: `${fieldErrors} ${fieldErrors === 1 ? "field needs" : "fields need"} correcting (marked below).`,
                },
              ]
            : []),
          ...errors.filter((e) => !isFormField(e.path)),
        ]}
      />
      {editable ? (
        <Form method="post" key={book.id} className="book-form" noValidate>
          <SettingsFields book={book} form={form} />
          <PricesTable products={products} currency={book.currency} form={form} />
          <p className="save-bar">
            <button type="submit" name="intent" value="save">
              Save draft
            </button>
          </p>
        </Form>
      ) : (
        <>
          <SettingsFields book={book} form={null} />
          <PricesTable products={products} currency={book.currency} form={null} />
        </>
      )}
      {impact ? <ImpactSection impact={impact} linkQuotes={linkQuotes} now={now} /> : null}
      {editable ? <PublishForm version={book.version} form={form} now={now} /> : null}
    </section>
  );
}
