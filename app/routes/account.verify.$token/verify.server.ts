import { data } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { i18next } from "~/i18next.server";
import { signInLinkIsLive, signInWithLink } from "~/models/customer-account.server";
import { translatorFor } from "~/services/quote.server";
import { startCustomerSession } from "~/utils/customer-auth.server";

/** The link is a bearer token: never in a Referer, never cached. */
export const VERIFY_HEADERS = { "Referrer-Policy": "no-referrer", "Cache-Control": "private, no-store" };

async function texts(request: Request) {
  const t = await translatorFor(await i18next.getLocale(request));
  return {
    title: t("account.verifyTitle"),
    lead: t("account.verifyLead"),
    button: t("account.verifyButton"),
    dead: t("account.linkDead"),
    askAgain: t("account.askAgain"),
  };
}

export async function verifyPage(request: Request, token: string) {
  const live = await signInLinkIsLive(getDb(), token);
  return data({ live, texts: await texts(request) }, { status: live ? 200 : 410, headers: VERIFY_HEADERS });
}

/** Uses the link (once, unexpired) and starts a fresh session; a used or expired link: 410 with the way back. */
export async function verifyAction(_request: Request, token: string) {
  const signedIn = await signInWithLink(getDb(), token);
  if (!signedIn) return data({ failed: true }, { status: 410, headers: VERIFY_HEADERS });
  return startCustomerSession(signedIn.sessionToken);
}
