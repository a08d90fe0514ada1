import { createSession } from "~/models/user.server";
import { serializeSessionCookie } from "~/utils/auth.server";

/** A GET, or a form POST when `form` is given, with an optional Cookie header. */
export function req(url: string, cookie?: string, form?: Record<string, string>) {
  return new Request(`http://localhost${url}`, {
    method: form ? "POST" : "GET",
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form) : undefined,
  });
}

/** Runs a loader/action and returns its status: thrown responses and data() count as well. */
export async function status(fn: () => Promise<unknown>): Promise<number> {
  try {
    const r = await fn();
    if (r instanceof Response) return r.status;
    return (r as { init?: { status?: number } } | null)?.init?.status ?? 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    const s = (e as { init?: { status?: number } }).init?.status;
    if (s) return s;
    throw e;
  }
}

/** The Cookie header of a fresh staff session, the way a signed-in browser sends it. */
export async function staffCookie(db: Parameters<typeof createSession>[0], userId: string) {
  return (await serializeSessionCookie(await createSession(db, userId))).split(";")[0]!;
}
