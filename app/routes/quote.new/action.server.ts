import { type ActionFunctionArgs, data, redirect } from "@remix-run/node";
import { quoteRequestSchema } from "~/domain/quote-input";
import { i18next } from "~/i18next.server";
import { submitQuoteRequest, translatorFor } from "~/services/quote.server";
import { HONEYPOT_FIELD, caughtInHoneypot } from "~/utils/honeypot";
import { type FieldError, fieldErrors, zodErrorMap } from "~/utils/validation";

/** The wizard's submission: validated again here, stored, and answered with the quote's page. */
export async function action({ request }: ActionFunctionArgs) {
  const locale = await i18next.getLocale(request);
  // One translator per language, made once (getFixedT would build an i18next instance per request).
  const t = await translatorFor(locale);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return data({ errors: [{ path: "", message: t("validation.invalid") }] as FieldError[] }, { status: 400 });
  }
  // A filled trap field is a bot: nothing is stored, and it learns nothing about why.
  if (caughtInHoneypot(body))
    return data({ errors: [{ path: "", message: t("validation.invalid") }] as FieldError[] }, { status: 422 });
  // The empty trap field is the wizard's own; every other key must be one the schema knows.
  if (body && typeof body === "object" && !Array.isArray(body) && HONEYPOT_FIELD in body)
    body = Object.fromEntries(Object.entries(body).filter(([key]) => key !== HONEYPOT_FIELD));
  const parsed = quoteRequestSchema.safeParse(body, { error: zodErrorMap(t) });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const created = await submitQuoteRequest(parsed.data, locale);
  return redirect(`/q/${created.token}`);
}
