import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { singleLine } from "~/domain/text";
import type { Database } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { getAcceptance } from "~/models/acceptance.server";
import { loadCatalog } from "~/models/catalog.server";
import { isDomainError } from "~/domain/errors";
import { refreshVersion } from "~/models/proposal-version.server";
import { publicBaseUrl } from "~/utils/env.server";
import { TERMS_VERSION } from "~/utils/terms";
import { type FieldError, fieldErrors, zodErrorMap } from "~/utils/validation";
import { CheckoutError, acceptQuote, startCheckout } from "./payments.server";
import { PaymentsUnavailableError } from "./stripe.server";

/** The customer-side intents shared by the private quote page and the rep's share page. */
export const commerceSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("accept"),
    version: z.coerce.number().int().min(1).max(100_000),
    tier: z.enum(["lean", "balanced", "resilient"]),
    termsVersion: z.literal(TERMS_VERSION),
    terms: z.literal("yes"),
    name: z.string().trim().min(1).max(200).check(singleLine()),
    company: z.string().trim().max(200).check(singleLine()).default(""),
    email: z.email().max(254),
    poNumber: z.string().trim().max(64).check(singleLine()).default(""),
  }),
  z.object({ intent: z.literal("pay") }),
  z.object({ intent: z.literal("refresh") }),
]);

export const COMMERCE_INTENTS = new Set(["accept", "pay", "refresh"]);

export interface CommerceContext {
  db: Database;
  quoteId: string;
  /** The page the customer is on (/q/… or /s/…), where Stripe sends them back. */
  returnPath: string;
  shareLinkId: string | null;
  clientIp: string | null;
  headers: HeadersInit;
}

export type CommerceActionData = { commerce: { errors: FieldError[]; reason: string | null } };

const back = (ctx: CommerceContext, query = "") => redirect(`${ctx.returnPath}${query}`, { status: 303, headers: ctx.headers });

const fail = (ctx: CommerceContext, status: number, errors: FieldError[], reason: string | null = null) => data<CommerceActionData>({ commerce: { errors, reason } }, { status, headers: ctx.headers });

/** Handles accept / pay / refresh; every answer is a redirect (PRG) or field-level errors. */
export async function commerceAction(request: Request, form: Record<string, FormDataEntryValue>, ctx: CommerceContext) {
  const t = await i18next.getFixedT(request);
  const parsed = commerceSchema.safeParse(form, { error: zodErrorMap(t) });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error).map((e) => (e.path === "terms" || e.path === "termsVersion" ? { path: "terms", message: t("accept.termsRequired") } : e));
    return fail(ctx, 400, errors);
  }
  const input = parsed.data;
  if (input.intent === "refresh") {
    try {
      await refreshVersion(ctx.db, ctx.quoteId, "customer", await loadCatalog(ctx.db));
      return back(ctx);
    } catch (error) {
      // At the version cap a refresh needs a technician as much as a product no longer sold does.
      if (isDomainError(error)) return fail(ctx, 409, [], error.code === "no_longer_sold" || error.code === "too_many_versions" ? "refresh_unavailable" : error.code === "quote_accepted" ? "accepted" : error.code);
      throw error;
    }
  }
  if (input.intent === "accept") {
    const result = await acceptQuote(ctx.db, {
      quoteRequestId: ctx.quoteId,
      version: input.version,
      tier: input.tier,
      name: input.name,
      company: input.company,
      email: input.email,
      poNumber: input.poNumber,
      termsVersion: input.termsVersion,
      ip: ctx.clientIp,
      userAgent: request.headers.get("user-agent"),
      shareLinkId: ctx.shareLinkId,
    });
    if (!result.ok) return fail(ctx, 409, [], result.reason);
    return checkout(request, ctx, result.acceptanceId, true);
  }
  // "pay" is the same step as after accepting, from the page later.
  const acceptance = await getAcceptance(ctx.db, ctx.quoteId);
  if (!acceptance) return fail(ctx, 409, [], "not_accepted");
  return checkout(request, ctx, acceptance.id, false);
}

/** Sends the customer to Stripe Checkout for an acceptance, or back to the page with the reason. */
async function checkout(request: Request, ctx: CommerceContext, acceptanceId: string, justAccepted: boolean) {
  const locale = await i18next.getLocale(request);
  const base = `${publicBaseUrl()}${ctx.returnPath}`;
  try {
    const session = await startCheckout(ctx.db, acceptanceId, { success: `${base}?checkout=success`, cancel: `${base}?checkout=cancelled` }, locale);
    return redirect(session.url, { status: 303, headers: ctx.headers });
  } catch (error) {
    if (error instanceof PaymentsUnavailableError) return justAccepted ? back(ctx, "?checkout=unavailable") : fail(ctx, 503, [], "unavailable");
    if (error instanceof CheckoutError) return back(ctx);
    throw error;
  }
}
