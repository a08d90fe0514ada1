import { data } from "@remix-run/node";
import { z } from "zod";

const bookId = z.string().regex(/^[1-9]\d{0,8}$/);

/** The book id of the URL; anything but a positive whole number is a 404 that reveals nothing. */
export function priceBookId(raw: string | undefined): number {
  const parsed = bookId.safeParse(raw);
  if (!parsed.success) throw data(null, { status: 404 });
  return Number(parsed.data);
}
