import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { isDomainError } from "~/domain/errors";
import { createDraft } from "~/models/price-book.server";
import { type FieldError, staffErrorMessage } from "~/utils/domain-error.server";
import type { Actor } from "~/utils/permissions";

const newDraftForm = z.object({
  intent: z.literal("draft"),
  fromId: z.coerce.number({ error: "Pick a price book." }).int().positive().max(2_147_483_647),
});

const refused = (status: number, errors: FieldError[]) => data({ errors }, { status });

/** "New draft from this": a copy of the book, opened for editing. */
export async function priceBookListAction(db: Executor, actor: Actor, form: FormData) {
  const parsed = newDraftForm.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return refused(
      400,
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  try {
    const draft = await createDraft(db, actor, parsed.data.fromId);
    return redirect(`/staff/price-books/${draft.id}`);
  } catch (error) {
    if (isDomainError(error))
      return refused(error.status, [{ path: "fromId", message: await staffErrorMessage(error) }]);
    throw error;
  }
}
