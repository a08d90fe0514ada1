import { data } from "@remix-run/node";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { multiLine } from "~/domain/text";
import { i18next } from "~/i18next.server";
import type { QuoteView } from "~/models/quote-request.server";
import { askAboutLine, receiveCustomerReply } from "~/models/review-item.server";
import { businessCalendar } from "~/utils/env.server";
import { fieldErrors, zodErrorMap } from "~/utils/validation";

const body = () => z.string().trim().min(1).max(5000).check(multiLine());

/**
 * The link holder's answers: a reply on the timeline, a question about one line of a proposal, or
 * (from a rep's share page, which has no timeline) a question about the proposal as a whole.
 */
export const replySchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reply"), body: body() }),
  z.object({ intent: z.literal("question"), body: body() }),
  z.object({
    intent: z.literal("ask"),
    body: body(),
    proposalId: z.uuid(),
    position: z.coerce.number().int().min(0).max(500),
  }),
]);

export const REPLY_INTENTS = new Set(["reply", "question", "ask"]);

/** Which form an answer belongs to, so the page shows its errors and confirmation there (next to the line asked about). */
export type ReplyTarget = { intent: "reply" | "question" } | { intent: "ask"; proposalId: string; position: number };

export interface ReplyContext {
  db: Executor;
  quoteId: string;
  headers: HeadersInit;
  /** The proposals as the customer sees them on this page (a line asked about must be one of them). */
  proposals: () => Promise<QuoteView["proposals"] | undefined>;
  /** Which intents this page offers: the share page has no timeline to reply on. */
  intents: ReadonlySet<string>;
}

function targetOf(form: Record<string, FormDataEntryValue>): ReplyTarget {
  const intent = String(form.intent);
  if (intent === "ask")
    return { intent, proposalId: String(form.proposalId ?? ""), position: Number(form.position ?? -1) };
  return { intent: intent === "question" ? "question" : "reply" };
}

/** The link holder writes to the technicians: the message goes onto the review item. */
export async function replyAction(request: Request, form: Record<string, FormDataEntryValue>, ctx: ReplyContext) {
  const t = await i18next.getFixedT(request);
  const target = targetOf(form);
  if (!ctx.intents.has(String(form.intent)))
    return data(
      { errors: [{ path: "intent", message: t("validation.invalid") }], sent: false, target },
      {
        status: 400,
        headers: ctx.headers,
      },
    );
  const parsed = replySchema.safeParse(form, { error: zodErrorMap(t) });
  if (!parsed.success)
    return data({ errors: fieldErrors(parsed.error), sent: false, target }, { status: 400, headers: ctx.headers });
  const input = parsed.data;
  if (input.intent === "reply") {
    await receiveCustomerReply(ctx.db, ctx.quoteId, input.body, businessCalendar());
  } else if (input.intent === "question") {
    // Reaches the technicians as a line question does: it opens (or reopens) the quote's review item.
    await askAboutLine(ctx.db, ctx.quoteId, null, input.body, businessCalendar());
  } else {
    // The line must belong to a proposal of this very quote, as the customer sees it.
    const proposal = (await ctx.proposals())?.find((p) => p.id === input.proposalId);
    const line = proposal?.lines[input.position];
    if (!proposal || !line)
      return data(
        { errors: [{ path: "position", message: t("validation.invalid") }], sent: false, target },
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
  return data({ errors: [], sent: true, target }, { headers: ctx.headers });
}
