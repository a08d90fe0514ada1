import { data } from "@remix-run/node";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { isDomainError } from "~/domain/errors";
import { takeOwnership } from "~/models/sales.server";
import { staffErrorMessage } from "~/utils/domain-error.server";
import type { Actor } from "~/utils/permissions";

const dashboardForm = z.object({ intent: z.literal("own"), quoteId: z.uuid() });

/** The dashboard's one action: a rep takes a quote nobody owns yet ("already_owned" otherwise). */
export async function salesDashboardAction(db: Executor, actor: Actor, form: FormData) {
  const parsed = dashboardForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: "Unknown request." as string | null }, { status: 400 });
  try {
    await takeOwnership(db, actor, parsed.data.quoteId);
    return { error: null };
  } catch (error) {
    if (isDomainError(error)) return data({ error: await staffErrorMessage(error) }, { status: error.status });
    throw error;
  }
}
