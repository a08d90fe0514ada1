import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { exportPriceBookCsv } from "~/models/price-book-csv.server";
import { requireStaffPermission } from "~/utils/auth.server";

/**
 * A price book as a CSV download (app/domain/price-book-csv.ts), drafts and published books alike:
 * every staff role may read prices. Served fresh each time: a draft changes while people work on it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaffPermission(request, "read:catalog");
  // The book id of the URL; anything but a positive whole number is a 404 that reveals nothing.
  const id = /^[1-9]\d{0,8}$/.test(params.id ?? "") ? Number(params.id) : null;
  const exported = id === null ? null : await exportPriceBookCsv(getDb(), id);
  if (!exported) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(exported.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exported.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
