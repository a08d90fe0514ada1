import { data } from "@remix-run/node";
import { z } from "zod";

const quoteId = z.uuid();

/** The quote id of the URL; anything but a UUID is a 404 that reveals nothing. */
export function salesQuoteId(raw: string | undefined): string {
  const parsed = quoteId.safeParse(raw);
  if (!parsed.success) throw data(null, { status: 404 });
  return parsed.data;
}
