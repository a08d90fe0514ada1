import { createCookie, redirect } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { SESSION_DAYS, type StaffUser, createSession, revokeSession, userBySessionToken } from "~/models/user.server";
import { getEnv } from "./env.server";
import { type Permission, can } from "./permissions";

/**
 * The staff session cookie: HttpOnly, SameSite=Lax, and in production Secure with the __Host-
 * prefix (bound to this host and path /). It holds a random token whose hash is the session row.
 */
function sessionCookie() {
  const production = getEnv().NODE_ENV === "production";
  return createCookie(production ? "__Host-specdesk_session" : "specdesk_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
    maxAge: SESSION_DAYS * 86_400,
  });
}

async function sessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function getStaffUser(request: Request): Promise<StaffUser | null> {
  const token = await sessionToken(request);
  return token ? userBySessionToken(getDb(), token) : null;
}

/** Control characters anywhere in a redirect target: a header-injection attempt, answered with 400. */
export const CONTROL_CHARACTERS = /\p{Cc}/u;

/**
 * A safe place to go after login: a clean path on this site, never another origin. Browsers drop
 * tabs and newlines from URLs and read `\` as `/`, so `/\t/evil.example` becomes `//evil.example`;
 * rather than mimic every parser, anything with whitespace, control characters or backslashes goes
 * to the fallback, and what remains must resolve to this origin.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/staff"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  if (/[\s\\]/u.test(to) || CONTROL_CHARACTERS.test(to)) return fallback;
  try {
    const base = "http://specdesk.invalid";
    if (new URL(to, base).origin !== base) return fallback;
  } catch {
    return fallback;
  }
  return to;
}

export async function requireStaffUser(request: Request): Promise<StaffUser> {
  const user = await getStaffUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/staff/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}

/** The one gate for staff routes: signed in, and the role grants the permission (else 403). */
export async function requireStaffPermission(request: Request, permission: Permission): Promise<StaffUser> {
  const user = await requireStaffUser(request);
  if (!can(user.role, permission)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** A new session id on every login (no fixation); the cookie carries only the token. */
export async function startSession(userId: string, redirectTo: string) {
  const token = await createSession(getDb(), userId);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie().serialize(token) } });
}

export async function endSession(request: Request) {
  const token = await sessionToken(request);
  if (token) await revokeSession(getDb(), token);
  return redirect("/staff/login", { headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) } });
}

/** The Set-Cookie value for a session token (login, and test fixtures that sign staff in). */
export function serializeSessionCookie(token: string) {
  return sessionCookie().serialize(token);
}
