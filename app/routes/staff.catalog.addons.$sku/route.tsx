import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { StaffNav } from "~/components/staff-nav";
import { requireStaffPermission } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { KIND_LABELS } from "../staff.catalog._index/labels";
import { CatalogPrices } from "../staff.catalog._index/price-cell";
import { UnpricedWarning, productAnswer } from "../staff.catalog._index/product-page";
import { catalogSku } from "../staff.catalog._index/sku-param.server";
import { StatusActions } from "../staff.catalog._index/status-actions";
import { addonAction } from "./action.server";
import { AddonDetails, AddonForm } from "./addon-form";
import { addonPage } from "./load.server";

/** Prints prices: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `SpecDesk staff: ${data.isNew ? "new add-on" : `add-on ${data.addon.name}`}`
      : "SpecDesk staff: add-on",
  },
];

/** Every staff role reads an add-on; admins get the form, and only they may open the page that creates one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:catalog");
  const sku = catalogSku(params.sku);
  const canWrite = can(user.role, "write:catalog");
  if (sku === "new" && !canWrite) throw data(null, { status: 403 });
  const page = await addonPage(getDb(), sku, new Date());
  const created = new URL(request.url).searchParams.has("created") && !page.isNew;
  return { user, canWrite, created, ...page };
}

/** Create, save or change the status (action.server.ts); admins only. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:catalog");
  return addonAction(getDb(), user, catalogSku(params.sku), await request.formData());
}

export default function AddonPage() {
  const { user, canWrite, created, addon, isNew, prices } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { form, feedback } = productAnswer(answer, isNew, created);
  const sold = prices.some((p) => p.price);
  return (
    <section className="staff catalog-item">
      <StaffNav user={user} />
      <p>
        <Link to="/staff/catalog">All products</Link>
      </p>
      <h1>
        {isNew ? "New add-on" : addon.name}
        {isNew ? null : <span className="sku"> {addon.sku}</span>}
      </h1>
      {isNew ? (
        <p className="muted">
          A new add-on starts as a draft: nothing offers it until you put it on sale and a price book prices it.
        </p>
      ) : null}
      {isNew ? feedback : null}
      {isNew ? null : (
        <>
          <p className="muted">{KIND_LABELS[addon.kind]}</p>
          <StatusActions status={addon.status} canWrite={canWrite} />
          {feedback}
          {addon.status === "active" && !sold ? <UnpricedWarning noun="add-on" /> : null}
          <CatalogPrices prices={prices} />
        </>
      )}
      {canWrite ? (
        <AddonForm key={addon.sku} addon={addon} form={form} isNew={isNew} />
      ) : (
        <AddonDetails addon={addon} />
      )}
    </section>
  );
}
