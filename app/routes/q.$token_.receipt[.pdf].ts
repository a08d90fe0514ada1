import type { LoaderFunctionArgs } from "@remix-run/node";
import { receiptPdf } from "~/services/receipt-access.server";

/** The receipt as a PDF; 404 for an unknown link or an unpaid quote. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return receiptPdf(request, "q", params.token ?? "");
}
