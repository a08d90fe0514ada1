import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { claimProvisioning } from "~/models/provisioning.server";
import { notifyDeliveryStarted } from "~/services/notifications.server";
import type { Actor } from "~/utils/permissions";

const intentSchema = z.object({ intent: z.literal("claim"), itemId: z.uuid() });

/**
 * The list's one intent: claim an open item (the customer is told their servers are being built, in
 * the same transaction). Handing over happens on the item's page, after its acceptance tests.
 */
export async function provisioningAction(form: FormData, actor: Actor) {
  const parsed = intentSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: "Unknown request." }, { status: 400 });
  const { itemId } = parsed.data;
  const ok = await getDb().transaction(async (tx) => {
    if (!(await claimProvisioning(tx, itemId, actor))) return false;
    await notifyDeliveryStarted(tx, itemId);
    return true;
  });
  return ok ? { error: null } : data({ error: "Someone else has this item." }, { status: 409 });
}
