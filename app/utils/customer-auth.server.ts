import { createCookie, redirect } from "@remix-run/node";
import { getDb } from "#db/client.server";
import {
  CUSTOMER_SESSION_DAYS,
  type CustomerAccount,
  accountBySessionToken,
  revokeCustomerSession,
} from "~/models/customer-account.server";
import { getEnv } from "./env.server";

/**
 * The customer's session cookie, separate from the staff one: HttpOnly, SameSite=Lax, and in
 * production Secure with the __Host- prefix. It holds a random token whose hash is the session row,
 * so signing out (or out everywhere) ends it at once.
 */
function accountCookie() {
  const production = getEnv().NODE_ENV === "production";
  return createCookie(production ? "__Host-specdesk_account" : "specdesk_account", {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
    maxAge: CUSTOMER_SESSION_DAYS * 86_400,
  });
}

async function accountToken(request: Request): Promise<string | null> {
  const value = await accountCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function getCustomerAccount(request: Request): Promise<CustomerAccount | null> {
  const token = await accountToken(request);
  return token ? accountBySessionToken(getDb(), token) : null;
}

/** The account pages' gate: signed in, else to the sign-in page. */
export async function requireCustomerAccount(request: Request): Promise<CustomerAccount> {
  const account = await getCustomerAccount(request);
  if (!account) throw redirect("/account/sign-in");
  return account;
}

/** A new session on every sign-in (a fresh token: no fixation). */
export async function startCustomerSession(sessionToken: string, to = "/account") {
  return redirect(to, { status: 303, headers: { "Set-Cookie": await accountCookie().serialize(sessionToken) } });
}

export async function endCustomerSession(request: Request) {
  const token = await accountToken(request);
  if (token) await revokeCustomerSession(getDb(), token);
  return redirect("/account/sign-in?signedOut=1", {
    status: 303,
    headers: { "Set-Cookie": await accountCookie().serialize("", { maxAge: 0 }) },
  });
}

/** For tests: the Cookie header of a customer session token. */
export async function serializeAccountCookie(sessionToken: string) {
  return (await accountCookie().serialize(sessionToken)).split(";")[0]!;
}
