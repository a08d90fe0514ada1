import { data } from "@remix-run/node";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { isDomainError } from "~/domain/errors";
import { decideDiscount, discountRequestState, isTransactionConflict } from "~/models/discount.server";
import { staffTime } from "~/utils/staff-time.server";
import { type FieldError, staffErrorMessage } from "~/utils/domain-error.server";
import type { Actor } from "~/utils/permissions";
import { staffMultiLine } from "~/utils/text.server";

const decisionForm = z.object({
  requestId: z.uuid(),
  decision: z.enum(["approve", "reject"]),
  reason: z.string().trim().min(3, "Give a reason (at least 3 characters).").max(500).check(staffMultiLine()),
});

const refused = (status: number, errors: FieldError[]) => data({ errors, notice: null as string | null }, { status });
const refusedRequest = (message: string) => refused(409, [{ path: "requestId", message }]);

/**
 * An admin approves or rejects a pending discount request. A request already decided is refused as
 * such; any other refusal means the quote moved on since the rep asked (a newer version, expired,
 * accepted…), which only a new request can follow: 409, with what to do about it.
 */
export async function decideDiscountAction(db: Executor, actor: Actor, form: FormData) {
  const parsed = decisionForm.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return refused(
      400,
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  const { requestId, decision, reason } = parsed.data;
  try {
    const decided = await decideDiscount(db, actor, { requestId, approve: decision === "approve", reason });
    return {
      errors: [] as FieldError[],
      notice: decided.version ? `Approved: the customer now sees version ${decided.version}.` : "Rejected.",
    };
  } catch (error) {
    if (isDomainError(error, "discount_decided")) {
      // Closed without a decision (the customer accepted): say so, rather than "already decided".
      const state = await discountRequestState(db, requestId);
      if (state?.status === "withdrawn")
        return refusedRequest(
          `This request was closed on ${staffTime()(state.decidedAt)} (${state.decisionReason ?? "withdrawn"}): the customer accepted the quote, so its prices are locked and there is nothing left to decide.`,
        );
      return refusedRequest(await staffErrorMessage(error));
    }
    if (isDomainError(error))
      return refusedRequest(`${await staffErrorMessage(error)} Reject it, or ask the rep to request it again.`);
    if (isTransactionConflict(error))
      return refusedRequest("Someone changed this quote at the same moment, so nothing was decided. Try again.");
    throw error;
  }
}
