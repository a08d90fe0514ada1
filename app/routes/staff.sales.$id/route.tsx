import {
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ActionFeedback } from "~/components/action-feedback";
import { StaffNav } from "~/components/staff-nav";
import { salesQuotePage } from "~/models/sales.server";
import { DEFAULT_SHARE_DAYS } from "~/models/share-link.server";
import { staffSalesQuote } from "~/presenters/staff-sales";
import staffStyles from "~/styles/staff.css";
import { requireStaffPermission } from "~/utils/auth.server";
import { staffTime } from "~/utils/staff-time.server";
import { AcceptanceSection } from "./acceptance-section";
import { salesQuoteAction } from "./action.server";
import { DiscountRequests } from "./discount-requests";
import { PriceForms } from "./price-forms";
import { salesQuoteId } from "./quote-id.server";
import { NewShareLink, ShareLinkForm, ShareLinksTable } from "./share-links";
import { VersionsTable } from "./versions-table";
import { UpgradeSection } from "./upgrade-section";
import { upgradePanel } from "./upgrade-panel.server";

/** Prints prices and dates: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: quote" }];

/** Staff with the permission, and a quote that exists; anything else is a 404 that reveals nothing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:sales");
  const id = salesQuoteId(params.id);
  const page = await salesQuotePage(getDb(), id, user);
  if (!page) throw data(null, { status: 404 });
  const time = staffTime();
  return {
    user,
    shareDays: DEFAULT_SHARE_DAYS,
    ...staffSalesQuote(page, time),
    upgrade: await upgradePanel(getDb(), id, page.quote.upgradesAcceptanceId, time),
  };
}

/** Refresh, discount, create or revoke a share link (action.server.ts). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:sales:own");
  return salesQuoteAction(getDb(), user, salesQuoteId(params.id), await request.formData());
}

export default function SalesQuote() {
  const {
    user,
    quote,
    latest,
    links,
    versions,
    discounts,
    acceptance,
    payments,
    billing,
    canWrite,
    ownerName,
    shareDays,
    upgrade,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>
        {quote.contactName}
        {quote.company ? `, ${quote.company}` : ""}
      </h1>
      <p>
        Status {quote.status} · customer sees version {quote.publishedVersion} · latest version {latest} · owner{" "}
        {ownerName ?? "nobody"}
      </p>
      {!canWrite && ownerName ? (
        <p className="muted">
          {ownerName} owns this quote: only they or an admin can discount it, refresh it or manage its links.
        </p>
      ) : null}
      {actionData?.link ? <NewShareLink url={actionData.link} /> : null}
      <ActionFeedback notice={actionData?.notice} errors={actionData?.errors} />
      {acceptance ? (
        <AcceptanceSection acceptance={acceptance} payments={payments} billing={billing} currency={quote.currency} />
      ) : null}
      <UpgradeSection upgrade={upgrade} currency={quote.currency} canChange={canWrite && !acceptance} />
      <VersionsTable versions={versions} publishedVersion={quote.publishedVersion} currency={quote.currency} />
      {canWrite && !acceptance ? <PriceForms /> : null}
      <DiscountRequests discounts={discounts} />
      {canWrite ? <ShareLinkForm latest={latest} publishedVersion={quote.publishedVersion} days={shareDays} /> : null}
      <ShareLinksTable links={links} canWrite={canWrite} />
    </section>
  );
}
