import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { StaffNav } from "~/components/staff-nav";
import { requireStaffPermission } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import { LINE_LABELS } from "../staff.catalog._index/labels";
import { CatalogPrices } from "../staff.catalog._index/price-cell";
import { UnpricedWarning, productAnswer } from "../staff.catalog._index/product-page";
import { catalogSku } from "../staff.catalog._index/sku-param.server";
import { StatusActions } from "../staff.catalog._index/status-actions";
import { serverAction } from "./action.server";
import { serverPage } from "./load.server";
import { RetiredSection } from "./retired-section";
import { ServerDetails } from "./server-details";
import { ServerForm } from "./server-form";

/** Prints prices: load the Intl data early (root.tsx). */
export const handle = { intl: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `SpecDesk staff: ${data.isNew ? "new server model" : `server model ${data.model.name}`}`
      : "SpecDesk staff: server model",
  },
];

/** Every staff role reads a model; admins get the form, and only they may open the page that creates one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:catalog");
  const sku = catalogSku(params.sku);
  const canWrite = can(user.role, "write:catalog");
  if (sku === "new" && !canWrite) throw data(null, { status: 403 });
  const page = await serverPage(getDb(), sku, new Date());
  const created = new URL(request.url).searchParams.has("created") && !page.isNew;
  return { user, canWrite, linkSales: can(user.role, "read:sales"), created, ...page };
}

/** Create, save or change the status (action.server.ts); admins only. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaffPermission(request, "write:catalog");
  return serverAction(getDb(), user, catalogSku(params.sku), await request.formData());
}

export default function ServerModelPage() {
  const { user, canWrite, linkSales, created, model, isNew, prices, retired } = useLoaderData<typeof loader>();
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
        {isNew ? "New server model" : model.name}
        {isNew ? null : <span className="sku"> {model.sku}</span>}
      </h1>
      {isNew ? (
        <p className="muted">
          A new model starts as a draft: nothing offers it until you put it on sale and a price book prices it.
        </p>
      ) : null}
      {isNew ? feedback : null}
      {isNew ? null : (
        <>
          <p className="muted">{LINE_LABELS[model.line]}</p>
          <StatusActions status={model.status} canWrite={canWrite} />
          {feedback}
          {model.status === "active" && !sold ? <UnpricedWarning noun="model" /> : null}
          {retired ? <RetiredSection help={retired} modelName={model.name} linkSales={linkSales} /> : null}
          <CatalogPrices prices={prices} regions={model.regions} />
        </>
      )}
      {canWrite ? (
        <ServerForm key={model.sku} model={model} form={form} isNew={isNew} />
      ) : (
        <ServerDetails model={model} />
      )}
    </section>
  );
}
