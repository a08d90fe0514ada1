import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { REVIEW_CODES } from "~/domain/engine";
import { claimReviewItem, listReviewQueue } from "~/models/review-item.server";
import { presentQueue } from "~/presenters/staff-review";
import { notifyCustomer } from "~/services/notifications.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { staffTime } from "~/utils/staff-time.server";

const filtersSchema = z.object({
  status: z.enum(["active", "open", "claimed", "waiting_customer", "published", "declined"]).optional(),
  reason: z.enum(REVIEW_CODES).optional(),
  assignee: z.union([z.enum(["me", "unassigned"]), z.uuid()]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

const claimSchema = z.object({ intent: z.literal("claim"), id: z.uuid() });

/** One page of the queue for the URL's filters, `pageSize` rows, the most urgent first. */
export async function loadQueue(request: Request, pageSize: number) {
  const user = await requireStaffPermission(request, "read:review_queue");
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  const parsed = filtersSchema.safeParse(params);
  if (!parsed.success)
    throw data(
      { errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
      { status: 400 },
    );
  const { page, ...filters } = parsed.data;
  // One row more than a page tells whether there is a next page.
  const rows = await listReviewQueue(getDb(), filters, user.id, pageSize + 1, (page - 1) * pageSize);
  return {
    user,
    page,
    hasNext: rows.length > pageSize,
    items: presentQueue(rows.slice(0, pageSize), Date.now(), staffTime()),
  };
}

/** What a second claim is told, on the queue and on the item's page alike. */
export const CLAIMED_FIRST = "Someone else claimed this item first.";

/**
 * The claim both the queue and the item's page make: for whoever may claim, an open item nobody holds,
 * in one conditional update (claimReviewItem), the customer told. False: someone else was first.
 */
export async function claimAs(request: Request, id: string): Promise<boolean> {
  const user = await requireStaffPermission(request, "claim:review_item");
  const claimed = await claimReviewItem(getDb(), id, user.id, (tx, quoteId) => notifyCustomer(tx, quoteId, "claimed"));
  return Boolean(claimed);
}

/** Claims an item in one click; whoever clicked second is told someone else was first. */
export async function claimAction(request: Request) {
  await requireStaffPermission(request, "claim:review_item");
  const parsed = claimSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Unknown request." }, { status: 400 });
  if (!(await claimAs(request, parsed.data.id))) return data({ error: CLAIMED_FIRST }, { status: 409 });
  return redirect(`/staff/review/${parsed.data.id}`);
}
