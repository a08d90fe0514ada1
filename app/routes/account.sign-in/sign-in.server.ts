import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { requestAccountSignIn } from "~/services/customer-account.server";
import { translatorFor } from "~/services/quote.server";
import { getCustomerAccount } from "~/utils/customer-auth.server";
import { log } from "~/utils/logger.server";

const NO_STORE = { "Cache-Control": "no-store" };

export async function signInPage(request: Request) {
  if (await getCustomerAccount(request)) throw redirect("/account");
  const t = await translatorFor(await i18next.getLocale(request));
  return data(
    {
      signedOut: new URL(request.url).searchParams.has("signedOut"),
      texts: {
        title: t("account.signInTitle"),
        lead: t("account.signInLead"),
        email: t("account.email"),
        submit: t("account.sendLink"),
        sent: t("account.linkSent"),
        signedOut: t("account.signedOut"),
        linksKeepWorking: t("account.quoteLinksKeepWorking"),
      },
    },
    { headers: NO_STORE },
  );
}

const form = z.object({ email: z.email().max(254) });

/** Same answer for every valid address (sent, unknown, or asked too often): nothing reveals who is a customer. */
export async function signInAction(request: Request) {
  const locale = await i18next.getLocale(request);
  const parsed = form.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const t = await translatorFor(locale);
    return data({ sent: false, error: t("validation.email") }, { status: 400, headers: NO_STORE });
  }
  const outcome = await requestAccountSignIn(getDb(), parsed.data.email, locale);
  log().info({ event: "account_sign_in_requested", outcome }, "account sign-in link requested");
  return data({ sent: true, error: null }, { headers: NO_STORE });
}
