import { data } from "@remix-run/node";
import { SKU_PATTERN } from "~/domain/catalog-schemas";

/**
 * The product of a catalog page's URL: "new" (the page that creates one) or a SKU. Anything that
 * cannot be a SKU is a 404 that reveals nothing, before any query.
 */
export function catalogSku(raw: string | undefined): string {
  if (raw === "new") return raw;
  if (!raw || raw.length > 40 || !SKU_PATTERN.test(raw)) throw data(null, { status: 404 });
  return raw;
}
