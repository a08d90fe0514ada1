import { getDb } from "#db/client.server";
import { companyLogo } from "~/models/company.server";

/**
 * The company's logo, public (it is on every customer page and document). The URL carries the
 * version (?v=), so browsers may keep it a day; a new logo gets a new URL.
 */
export async function loader() {
  const logo = await companyLogo(getDb());
  if (!logo) return new Response("No logo", { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      "Content-Type": logo.type,
      "Cache-Control": "public, max-age=86400",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
