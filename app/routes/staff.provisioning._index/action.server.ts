import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { claimProvisioning, completeProvisioning } from "~/models/provisioning.server";
import type { Actor } from "~/utils/permissions";

const intentSchema = z.object({ intent: z.enum(["claim", "done"]), itemId: z.uuid() });

/** The page's two intents: claim an open item, mark a claimed one handed over. */
export async function provisioningAction(form: FormData, actor: Actor) {
  const parsed = intentSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: "Unknown request." }, { status: 400 });
  const { intent, itemId } = parsed.data;
  const ok =
    intent === "claim"
      ? await claimProvisioning(getDb(), itemId, actor)
      : await completeProvisioning(getDb(), itemId, actor);
  return ok
    ? { error: null }
    : data(
        {
          error:
            intent === "claim"
              ? "Someone else has this item."
              : "Only the assignee can hand over a claimed item, once every server is delivered and has passed its acceptance test (see the item's page).",
        },
        { status: 409 },
      );
}
