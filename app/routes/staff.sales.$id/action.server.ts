import { data } from "@remix-run/node";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { type DomainError, isDomainError } from "~/domain/errors";
import { MAX_DISCOUNT_BPS } from "~/domain/repricing";
import { loadCatalog } from "~/models/catalog.server";
import { setUpgradeTarget } from "~/models/billing-change.server";
import { giveDiscount } from "~/models/discount.server";
import { refreshVersion } from "~/models/proposal-version.server";
import { findSalesQuote } from "~/models/sales.server";
import { DEFAULT_SHARE_DAYS, createShareLink, revokeShareLink } from "~/models/share-link.server";
import { type FieldError, staffErrorMessage } from "~/utils/domain-error.server";
import { publicBaseUrl } from "~/utils/env.server";
import type { Actor } from "~/utils/permissions";
import { staffMultiLine } from "~/utils/text.server";
import { PERCENT_PATTERN } from "./percent";

/**
 * A percentage in basis points. Not z.coerce.number(): Number() also reads "0x10" as 16, "1e1" as
 * 10 and " 5 " as 5.
 */
const percentToBps = z
  .string()
  .regex(PERCENT_PATTERN, "Enter a percentage as a plain number, like 5 or 7.5.")
  .transform((text) => {
    const [whole = "", fraction = ""] = text.split(".");
    return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  })
  .refine((bps) => bps <= MAX_DISCOUNT_BPS, `Discounts go up to ${MAX_DISCOUNT_BPS / 100} %.`);

const salesQuoteForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    version: z.coerce.number().int().min(1).max(10_000),
    days: z.coerce.number().int().min(1).max(365).default(DEFAULT_SHARE_DAYS),
  }),
  z.object({ intent: z.literal("revoke"), linkId: z.uuid() }),
  z.object({
    intent: z.literal("discount"),
    percent: percentToBps,
    reason: z.string().trim().min(3).max(500).check(staffMultiLine()),
  }),
  z.object({ intent: z.literal("refresh") }),
  // The running service this quote upgrades (an acceptance of the same customer), or none.
  z.object({ intent: z.literal("upgrade"), acceptanceId: z.uuid().optional() }),
]);

type SalesQuoteForm = z.infer<typeof salesQuoteForm>;

/** What the page shows after an action: a notice or errors, and a new link's URL (shown once). */
interface SalesAnswer {
  errors: FieldError[];
  link: string | null;
  notice: string | null;
}

const done = (answer: Partial<SalesAnswer>): SalesAnswer => ({ errors: [], link: null, notice: null, ...answer });
const refused = (status: number, errors: FieldError[]) =>
  data<SalesAnswer>({ errors, link: null, notice: null }, { status });

/** The fields of the page's forms a refusal may name; any other refusal is about the intent's form as a whole. */
const FORM_FIELDS = new Set(["version", "days", "linkId", "percent", "reason", "acceptanceId"]);
const pathOf = (error: DomainError, intent: SalesQuoteForm["intent"]) =>
  FORM_FIELDS.has(error.field) ? error.field : intent === "create" ? "version" : intent;

/**
 * The staff sales page's actions on one quote: refresh an expired version, give (or ask for) a
 * discount, create or revoke a share link. Who may (the quote's owner, anyone while nobody owns it,
 * an admin), publication and the quote's state are checked by the models under the quote's row lock;
 * their refusals are DomainErrors, answered here with their status and English message.
 */
export async function salesQuoteAction(db: Executor, actor: Actor, quoteRequestId: string, form: FormData) {
  if (!(await findSalesQuote(db, quoteRequestId, actor))) throw data(null, { status: 404 });
  const parsed = salesQuoteForm.safeParse(Object.fromEntries([...form].filter(([, v]) => v !== "")));
  if (!parsed.success)
    return refused(
      400,
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  const input = parsed.data;
  try {
    return await perform(db, actor, quoteRequestId, input);
  } catch (error) {
    if (isDomainError(error))
      return refused(error.status, [{ path: pathOf(error, input.intent), message: await staffErrorMessage(error) }]);
    throw error;
  }
}

async function perform(
  db: Executor,
  actor: Actor,
  quoteRequestId: string,
  input: SalesQuoteForm,
): Promise<SalesAnswer> {
  switch (input.intent) {
    case "refresh": {
      const { version } = await refreshVersion(db, quoteRequestId, `staff:${actor.id}`, await loadCatalog(db));
      return done({ notice: `Refreshed at current prices as version ${version}.` });
    }
    case "discount": {
      const outcome = await giveDiscount(db, { quoteRequestId, bps: input.percent, reason: input.reason, actor });
      return done({
        notice: outcome.applied
          ? `Discount applied: the customer now sees version ${outcome.version}.`
          : "Above 10 %: the discount is waiting for an admin's approval.",
      });
    }
    case "upgrade": {
      const changed = await setUpgradeTarget(db, actor, quoteRequestId, input.acceptanceId ?? null);
      return done({
        notice: !changed
          ? "Unchanged."
          : input.acceptanceId
            ? "Marked as an upgrade: the customer sees what changes in their billing before accepting."
            : "Marked as a new service.",
      });
    }
    case "revoke": {
      await revokeShareLink(db, actor, { linkId: input.linkId, quoteRequestId });
      return done({ notice: "Link revoked." });
    }
    case "create": {
      const token = await createShareLink(db, { quoteRequestId, version: input.version, actor, days: input.days });
      return done({ link: `${publicBaseUrl()}/s/${token}` });
    }
  }
}
