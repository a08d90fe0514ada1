import { data } from "@remix-run/node";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { multiLine } from "~/domain/text";
import { i18next } from "~/i18next.server";
import { customerPageByToken } from "~/models/customer-page.server";
import { askAboutLine, receiveCustomerReply } from "~/models/review-item.server";
import { businessCalendar } from "~/utils/env.server";
import { fieldErrors, zodErrorMap } from "~/utils/validation";

/** The link holder's answers: a reply on the timeline, or a question about one line of a proposal. */
export const replySchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reply"), body: z.string().trim().min(1).max(5000).check(multiLine()) }),
  z.object({
    intent: z.literal("ask"),
    body: z.string().trim().min(1).max(5000).check(multiLine()),
    proposalId: z.uuid(),
    position: z.coerce.number().int().min(0).max(500),
  }),
]);

/** The link holder answers a technician: the message goes onto the review item. */
export async function replyAction(
  request: Request,
  form: Record<string, FormDataEntryValue>,
  ctx: { db: Executor; token: string; quoteId: string; headers: HeadersInit },
) {
  const t = await i18next.getFixedT(request);
  const parsed = replySchema.safeParse(form, { error: zodErrorMap(t) });
  if (!parsed.success)
    return data({ errors: fieldErrors(parsed.error), sent: false }, { status: 400, headers: ctx.headers });
  const input = parsed.data;
  if (input.intent === "reply") {
    await receiveCustomerReply(ctx.db, ctx.quoteId, input.body, businessCalendar());
  } else {
    // The line must belong to a proposal of this very quote, as the customer sees it.
    const quote = (await customerPageByToken(ctx.db, ctx.token))?.quote;
    const proposal = quote?.proposals.find((p) => p.id === input.proposalId);
    const line = proposal?.lines[input.position];
    if (!proposal || !line)
      return data(
        { errors: [{ path: "position", message: t("validation.invalid") }], sent: false },
        { status: 400, headers: ctx.headers },
      );
    await askAboutLine(
      ctx.db,
      ctx.quoteId,
      { proposalId: proposal.id, position: input.position, label: `${proposal.tier}: ${line.name}` },
      input.body,
      businessCalendar(),
    );
  }
  return data({ errors: [], sent: true }, { headers: ctx.headers });
}
