import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { DomainError, type DomainErrorCode, isDomainError } from "~/domain/errors";
import { singleLine } from "~/domain/text";
import { i18next } from "~/i18next.server";
import { type CommerceState, getAcceptance } from "~/models/acceptance.server";
import { loadCatalog } from "~/models/catalog.server";
import { refreshVersion } from "~/models/proposal-version.server";
import { requestTechnicianDesign } from "~/models/review-item.server";
import { businessCalendar, publicBaseUrl } from "~/utils/env.server";
import { termsInForce } from "./terms.server";
import { type FieldError, fieldErrors, zodErrorMap } from "~/utils/validation";
import { notifyTechniciansOfNewItem } from "./notifications.server";
import { acceptQuote, startCheckout } from "./payments.server";
import { type UpgradeView, ownsUpgradeTarget, upgradeTargetIdOf, upgradeView } from "~/models/billing-change.server";
import { getCustomerAccount } from "~/utils/customer-auth.server";

/** The customer-side intents shared by the private quote page and the rep's share page. */
export const commerceSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("accept"),
    version: z.coerce.number().int().min(1).max(100_000),
    tier: z.enum(["lean", "balanced", "resilient"]),
    termsVersion: z.string().max(40),
    terms: z.literal("yes"),
    name: z.string().trim().min(1).max(200).check(singleLine()),
    company: z.string().trim().max(200).check(singleLine()).default(""),
    email: z.email().max(254),
    poNumber: z.string().trim().max(64).check(singleLine()).default(""),
    renewal: z.enum(["end", "renew"]).default("end"),
    /** The running service the page showed this proposal upgrading ("none": a new service). */
    upgrade: z.union([z.literal("none"), z.uuid()]).default("none"),
  }),
  z.object({ intent: z.literal("pay") }),
  z.object({ intent: z.literal("refresh") }),
  // "Ask a technician for this design": a tier the customer cannot accept directly (domain/acceptability.ts).
  z.object({
    intent: z.literal("ask_technician"),
    version: z.coerce.number().int().min(1).max(100_000),
    tier: z.enum(["lean", "balanced", "resilient"]),
  }),
]);

export const COMMERCE_INTENTS = new Set(["accept", "pay", "refresh", "ask_technician"]);

/*
 * The customer's pages name a refusal by a reason: the key of its text under `accept.blocked.` in
 * app/locales (offer-panel.tsx; a reason without a text there shows the "reload" one), or a state
 * the page words itself ("unavailable", "refresh_unavailable"). Models and services refuse with a
 * DomainError; this is the one place its code becomes that reason.
 */
const CUSTOMER_REASONS = {
  in_review: "review",
  quote_accepted: "accepted",
  payments_unavailable: "unavailable",
  // At the version cap a refresh needs a technician as much as a product no longer sold does.
  no_longer_sold: "refresh_unavailable",
  too_many_versions: "refresh_unavailable",
} as const satisfies Partial<Record<DomainErrorCode, string>>;

type Renamed = keyof typeof CUSTOMER_REASONS;
export type CustomerReason = (typeof CUSTOMER_REASONS)[Renamed] | Exclude<DomainErrorCode, Renamed>;

/** The reason the customer's page shows for a DomainError's code. */
export function customerReason(code: DomainErrorCode): CustomerReason {
  return code in CUSTOMER_REASONS ? CUSTOMER_REASONS[code as Renamed] : (code as Exclude<DomainErrorCode, Renamed>);
}

/** The commerce state as the customer's pages get it: why the version cannot be accepted, as a reason (see customerReason). */
export function customerCommerce(commerce: CommerceState) {
  return { ...commerce, blocked: commerce.blocked && customerReason(commerce.blocked) };
}

export type CustomerCommerce = ReturnType<typeof customerCommerce>;

export interface CommerceContext {
  db: Executor;
  quoteId: string;
  /** The page the customer is on (/q/… or /s/…), where Stripe sends them back. */
  returnPath: string;
  shareLinkId: string | null;
  clientIp: string | null;
  headers: HeadersInit;
}

/** What the customer typed into the acceptance form, given back with its errors so nothing has to be typed again. */
export type AcceptValues = Partial<
  Record<"tier" | "name" | "company" | "email" | "poNumber" | "renewal" | "upgrade", string>
>;

export type CommerceActionData = {
  commerce: { errors: FieldError[]; reason: CustomerReason | null; values?: AcceptValues };
};

const back = (ctx: CommerceContext, query = "") =>
  redirect(`${ctx.returnPath}${query}`, { status: 303, headers: ctx.headers });

const fail = (
  ctx: CommerceContext,
  status: number,
  errors: FieldError[],
  reason: CustomerReason | null = null,
  values?: AcceptValues,
) => data<CommerceActionData>({ commerce: { errors, reason, values } }, { status, headers: ctx.headers });

/** The acceptance form's text fields as sent (strings only, as long as the form allows). */
function acceptValues(form: Record<string, FormDataEntryValue>): AcceptValues {
  const values: AcceptValues = {};
  for (const key of ["tier", "name", "company", "email", "poNumber", "renewal", "upgrade"] as const) {
    const value = form[key];
    if (typeof value === "string") values[key] = value.slice(0, 254);
  }
  return values;
}

/**
 * A refusal, shown on the page the customer is on: 409 (the state changed or forbids it: the page
 * says why) whatever the code's own status, except for a service that is down (503).
 */
const refuse = (ctx: CommerceContext, error: DomainError) =>
  fail(ctx, error.status >= 500 ? error.status : 409, [], customerReason(error.code));

/** Handles accept / pay / refresh / ask_technician; every answer is a redirect (PRG) or field-level errors. */
export async function commerceAction(request: Request, form: Record<string, FormDataEntryValue>, ctx: CommerceContext) {
  const t = await i18next.getFixedT(request);
  const parsed = commerceSchema.safeParse(form, { error: zodErrorMap(t) });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error).map((e) =>
      e.path === "terms" || e.path === "termsVersion" ? { path: "terms", message: t("accept.termsRequired") } : e,
    );
    return fail(ctx, 400, errors, null, form.intent === "accept" ? acceptValues(form) : undefined);
  }
  const input = parsed.data;
  // An acceptance names the terms in force: a page opened before a new version was published must be read again.
  if (input.intent === "accept" && input.termsVersion !== (await termsInForce(ctx.db, "en")).version)
    return fail(ctx, 400, [{ path: "terms", message: t("accept.termsChanged") }], null, acceptValues(form));
  if (input.intent === "refresh") {
    try {
      await refreshVersion(ctx.db, ctx.quoteId, "customer", await loadCatalog(ctx.db));
      return back(ctx);
    } catch (error) {
      if (isDomainError(error)) return refuse(ctx, error);
      throw error;
    }
  }
  if (input.intent === "ask_technician") {
    try {
      // The page then shows that a technician has been asked (the request is on its timeline).
      await requestTechnicianDesign(
        ctx.db,
        ctx.quoteId,
        { version: input.version, tier: input.tier, shareLinkId: ctx.shareLinkId },
        businessCalendar(),
        new Date(),
        notifyTechniciansOfNewItem,
      );
      return back(ctx);
    } catch (error) {
      if (isDomainError(error)) return refuse(ctx, error);
      throw error;
    }
  }
  if (input.intent === "accept") {
    // An upgrade charges a running service's card at hand-over: only that service's owner, signed in,
    // orders it, and only as the page showed it (a rep re-pointing the quote meanwhile is refused).
    const target = await upgradeTargetIdOf(ctx.db, ctx.quoteId);
    if ((target ?? "none") !== input.upgrade) return refuse(ctx, new DomainError("superseded"));
    if (target && !(await ownsUpgradeTarget(ctx.db, await getCustomerAccount(request), ctx.quoteId)))
      return refuse(ctx, new DomainError("upgrade_sign_in"));
    let acceptanceId: string;
    try {
      ({ acceptanceId } = await acceptQuote(ctx.db, {
        quoteRequestId: ctx.quoteId,
        version: input.version,
        tier: input.tier,
        name: input.name,
        company: input.company,
        email: input.email,
        poNumber: input.poNumber,
        termsVersion: input.termsVersion,
        renewal: input.renewal,
        ip: ctx.clientIp,
        userAgent: request.headers.get("user-agent"),
        shareLinkId: ctx.shareLinkId,
      }));
    } catch (error) {
      if (isDomainError(error)) return refuse(ctx, error);
      throw error;
    }
    return checkout(request, ctx, acceptanceId, true);
  }
  // "pay" is the same step as after accepting, from the page later.
  const acceptance = await getAcceptance(ctx.db, ctx.quoteId);
  if (!acceptance) return refuse(ctx, new DomainError("not_accepted"));
  return checkout(request, ctx, acceptance.id, false);
}

/**
 * What an upgrade quote's page shows this visitor: the running service's billing and what changes,
 * to its owner signed in; to anyone else only that it is an upgrade and that they must sign in.
 * Null for a quote that upgrades nothing.
 */
export async function upgradeForVisitor(
  db: Executor,
  request: Request,
  quoteId: string,
): Promise<UpgradeView | { mustSignIn: true } | null> {
  const view = await upgradeView(db, quoteId);
  if (!view) return null;
  return (await ownsUpgradeTarget(db, await getCustomerAccount(request), quoteId)) ? view : { mustSignIn: true };
}

/** Sends the customer to Stripe Checkout for an acceptance, or back to the page with the reason. */
async function checkout(request: Request, ctx: CommerceContext, acceptanceId: string, justAccepted: boolean) {
  const locale = await i18next.getLocale(request);
  const base = `${publicBaseUrl()}${ctx.returnPath}`;
  try {
    const session = await startCheckout(
      ctx.db,
      acceptanceId,
      { success: `${base}?checkout=success`, cancel: `${base}?checkout=cancelled` },
      locale,
    );
    return redirect(session.url, { status: 303, headers: ctx.headers });
  } catch (error) {
    if (isDomainError(error, "payments_unavailable"))
      return justAccepted ? back(ctx, "?checkout=unavailable") : refuse(ctx, error);
    // Paid, on its way, nothing due, or gone meanwhile: the page itself shows the state.
    if (isDomainError(error, "not_found", "already_paid", "payment_processing", "nothing_due")) return back(ctx);
    throw error;
  }
}
