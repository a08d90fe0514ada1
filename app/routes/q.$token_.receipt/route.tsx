import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Receipt } from "~/components/receipt";
import { RECEIPT_HEADERS, receiptPage } from "~/services/receipt-access.server";
import { PAGE_TEXTS } from "~/locales/texts";
import { textsFirst } from "~/utils/texts";

export const headers: HeadersFunction = () => RECEIPT_HEADERS;
export const meta: MetaFunction = () => [{ title: "SpecDesk: receipt" }, { name: "robots", content: "noindex" }];

/** The receipt of a paid quote, for whoever holds its private quote link. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return receiptPage(request, "q", params.token ?? "");
}

export const handle = { texts: PAGE_TEXTS.receipt };
export const clientLoader = textsFirst(handle.texts);

export default function ReceiptPage() {
  const { view, back, pdf } = useLoaderData<typeof loader>();
  return <Receipt view={view} back={back} pdf={pdf} />;
}
