import type { ActionFunctionArgs } from "@remix-run/node";
import { quoteInputSchema } from "~/domain/quote-input";
import { i18next } from "~/i18next.server";
import { presentEstimate } from "~/presenters/estimate";
import { estimateQuote, translatorFor } from "~/services/quote.server";
import { PayloadTooLargeError, isJsonContentType, readBodyLimited } from "~/utils/http.server";
import { fieldErrors, zodErrorMap } from "~/utils/validation";

export const MAX_BODY_BYTES = 256 * 1024;

const problem = (status: number, message: string, path = "", headers?: HeadersInit) =>
  Response.json({ errors: [{ path, message }] }, { status, headers });

/** Anyone may ask for an estimate: it stores nothing and reveals only public prices. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return problem(405, "Use POST.", "", { Allow: "POST" });
  if (!isJsonContentType(request.headers.get("content-type")))
    return problem(415, "Content-Type must be application/json.");
  let text: string;
  try {
    text = await readBodyLimited(request, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return problem(413, `Body must be at most ${MAX_BODY_BYTES} bytes.`);
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return problem(400, "Body is not valid JSON.");
  }
  const locale = await i18next.getLocale(request);
  const t = await translatorFor(locale);
  const parsed = quoteInputSchema.safeParse(body, { error: zodErrorMap(t) });
  if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await estimateQuote(parsed.data);
  return Response.json(presentEstimate(result, t, locale), { headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return problem(405, "Use POST.", "", { Allow: "POST" });
}
