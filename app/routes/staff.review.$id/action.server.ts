import { data } from "@remix-run/node";
import { z } from "zod";
import type { Database } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { loadCatalog } from "~/models/catalog.server";
import { adjustProposal, buildCustomTier, overrideMigration } from "~/models/proposal-version.server";
import {
  addInternalNote,
  declineQuote,
  publishVersion,
  reassignReviewItem,
  sendCustomerMessage,
  setReasonChecked,
  unclaimReviewItem,
} from "~/models/review-item.server";
import { notifyCustomer } from "~/services/notifications.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { answerDomainErrors } from "~/utils/domain-error.server";
import { businessCalendar } from "~/utils/env.server";
import { type Actor, can } from "~/utils/permissions";
import type { MigrationOverride } from "~/domain/migration-override";
import { staffMultiLine, staffSingleLine } from "~/utils/text.server";
import { CLAIMED_FIRST, claimAs } from "../staff.review._index/queue.server";
import { adjustmentForm, fieldLabel, parseCustomIntent } from "./custom-config.server";
import { requireReviewItem } from "./load.server";
import { parseMigrationIntent } from "./migration.server";

const multiLine = (max: number) => z.string().trim().min(1).max(max).check(staffMultiLine());

/** The review page's forms, one per intent. */
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("unclaim") }),
  z.object({ intent: z.literal("reassign"), userId: z.uuid() }),
  z.object({ intent: z.literal("note"), body: multiLine(10_000) }),
  z.object({ intent: z.literal("message"), body: multiLine(10_000), waitOnCustomer: z.literal("on").optional() }),
  z.object({
    intent: z.literal("check"),
    code: z.string().min(1).max(60).check(staffSingleLine()),
    checked: z.enum(["true", "false"]),
  }),
  z.object({
    intent: z.literal("adjust"),
    proposalId: z.uuid(),
    reason: multiLine(1000),
    adjustment: adjustmentForm,
  }),
  // Version 0 (nothing proposed yet) reaches the model, which says why it cannot be published.
  z.object({ intent: z.literal("publish"), version: z.coerce.number().int().min(0).max(10_000) }),
  z.object({ intent: z.literal("decline"), reason: multiLine(2000) }),
]);

type ReviewIntent = z.infer<typeof actionSchema>;
type CustomIntent = { intent: "custom" } & Extract<ReturnType<typeof parseCustomIntent>, { ok: true }>["data"];
type MigrationIntent = { intent: "migration"; override: MigrationOverride };

/** Form fields "adjustment.op", "adjustment.sku"… into the nested shape the schema expects (empty ones dropped). */
function formToObject(form: FormData) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form) {
    if (value === "") continue;
    const [head, tail] = key.split(".", 2) as [string, string | undefined];
    if (tail) out[head] = { ...((out[head] as Record<string, unknown>) ?? {}), [tail]: value };
    else out[head] = value;
  }
  return out;
}

/**
 * One intent, done by the model that owns it. The models decide whose item it is (in their SQL) and
 * refuse with a DomainError, which the action answers once.
 */
async function perform(
  db: Database,
  item: { id: string; quoteId: string },
  actor: Actor,
  input: ReviewIntent | CustomIntent | MigrationIntent,
): Promise<{ ok: string }> {
  const { id } = item;
  switch (input.intent) {
    case "reassign":
      await reassignReviewItem(db, id, input.userId, actor);
      return { ok: "Reassigned." };
    case "unclaim":
      await unclaimReviewItem(db, id, actor);
      return { ok: "Back in the queue." };
    case "note":
      await addInternalNote(db, id, actor, input.body);
      return { ok: "Note saved." };
    case "message":
      await sendCustomerMessage(
        db,
        id,
        actor,
        input.body,
        input.waitOnCustomer === "on",
        businessCalendar(),
        new Date(),
        (tx, quoteId) => notifyCustomer(tx, quoteId, "staff_message", { message: input.body }),
      );
      return { ok: "Message sent to the customer." };
    case "check":
      await setReasonChecked(db, id, actor, input.code, input.checked === "true");
      return { ok: "Updated." };
    case "adjust": {
      const { version } = await adjustProposal(
        db,
        item.quoteId,
        input.proposalId,
        input.adjustment,
        input.reason,
        actor,
        await loadCatalog(db),
      );
      return { ok: `Saved as version ${version}.` };
    }
    case "custom": {
      const { version, replaced } = await buildCustomTier(
        db,
        item.quoteId,
        input.configuration,
        input.reason,
        actor,
        await loadCatalog(db),
      );
      return { ok: `${replaced ? "Replaced" : "Built"} ${input.configuration.tier}: saved as version ${version}.` };
    }
    case "migration": {
      const { version } = await overrideMigration(db, item.quoteId, input.override, actor, await loadCatalog(db));
      return { ok: `Move plan changed: saved as version ${version}. Publish it for the customer to see it.` };
    }
    case "publish":
      await publishVersion(db, id, actor, input.version, new Date(), (tx, quoteId) =>
        notifyCustomer(tx, quoteId, "published"),
      );
      return { ok: `Version ${input.version} published to the customer.` };
    case "decline":
      await declineQuote(db, id, actor, input.reason, new Date(), (tx, quoteId) =>
        notifyCustomer(tx, quoteId, "declined", { message: input.reason }),
      );
      return { ok: "Declined; the customer sees your reason." };
  }
}

/**
 * The review page's action. Reading is for every technician; changing an item is for whoever holds
 * it or an admin, which the models enforce (a refusal answers 403 "Claim this item first.").
 */
export async function reviewItemAction(request: Request, rawId: string | undefined) {
  await requireStaffPermission(request, "read:review_queue");
  const form = await request.formData();
  // Claim as the queue does (its permission, its conditional update), from the item's own page.
  if (form.get("intent") === "claim") {
    const { id } = await requireReviewItem(rawId);
    if (!(await claimAs(request, id)))
      return data({ errors: [{ path: "intent", message: CLAIMED_FIRST }] }, { status: 409 });
    return { ok: "Claimed: this item is yours now." };
  }
  const user = await requireStaffPermission(request, "write:review_item:own");
  const { db, id, review } = await requireReviewItem(rawId);
  if (form.get("intent") === "custom") {
    const custom = parseCustomIntent(form);
    if (!custom.ok) return data({ errors: custom.errors }, { status: 400 });
    return answerDomainErrors(await i18next.getFixedT("en"), () =>
      perform(db, { id, quoteId: review.quote.id }, user, { intent: "custom", ...custom.data }),
    );
  }
  if (form.get("intent") === "migration") {
    const parsedMove = await parseMigrationIntent(form);
    if (!parsedMove.ok) return data({ errors: parsedMove.errors }, { status: 400 });
    return answerDomainErrors(await i18next.getFixedT("en"), () =>
      perform(db, { id, quoteId: review.quote.id }, user, { intent: "migration", override: parsedMove.data }),
    );
  }
  const parsed = actionSchema.safeParse(formToObject(form));
  if (!parsed.success)
    return data(
      {
        errors: parsed.error.issues.map((i) => ({
          path: i.path.join("."),
          // Amounts in euros say which field they are about.
          message:
            i.path[0] === "adjustment" && /^(monthly|setup)/.test(String(i.path[1]))
              ? `${fieldLabel([String(i.path[1]).replace(/Minor$/, "")])}: ${i.message}`
              : i.message,
        })),
      },
      { status: 400 },
    );
  if (parsed.data.intent === "reassign" && !can(user.role, "assign:review_item")) throw data(null, { status: 403 });
  // Staff pages are in English.
  return answerDomainErrors(await i18next.getFixedT("en"), () =>
    perform(db, { id, quoteId: review.quote.id }, user, parsed.data),
  );
}
