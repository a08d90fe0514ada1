import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { attemptLogin } from "~/models/user.server";
import { CONTROL_CHARACTERS, safeRedirect, startSession } from "~/utils/auth.server";
import { staffLanding } from "~/utils/staff-landing";

const loginSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
  // Control characters can only be an attack (a CR/LF would otherwise reach the Location header).
  redirectTo: z
    .string()
    .max(500)
    .refine((to) => !CONTROL_CHARACTERS.test(to), "The page to return to is not a valid address.")
    .optional(),
});

type FieldError = { path: string; message: string };
const fail = (status: number, errors: FieldError[]) => data({ errors }, { status });

/**
 * A sign-in: a session and the page to return to (a safe `redirectTo`, else the role's start page:
 * /staff/sales for sales reps, /staff/review for the others), or the field errors (same for any wrong guess).
 */
export async function signIn(form: FormData) {
  const parsed = loginSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const redirectIssue = parsed.error.issues.find((i) => i.path[0] === "redirectTo");
    if (redirectIssue) return fail(400, [{ path: "redirectTo", message: redirectIssue.message }]);
    return fail(400, [{ path: "password", message: "Enter your e-mail address and password." }]);
  }
  const result = await attemptLogin(getDb(), parsed.data.email, parsed.data.password);
  // The same answer whether or not the password was right: the lock is about the account, not the guess.
  if (result.outcome === "locked")
    return fail(429, [
      { path: "password", message: "Too many failed sign-ins for this e-mail address. Try again in 15 minutes." },
    ]);
  if (result.outcome === "wrong")
    return fail(400, [{ path: "password", message: "Wrong e-mail address or password." }]);
  // The page they were sent away from when it is one of ours; otherwise where their role starts.
  return startSession(result.user.id, safeRedirect(parsed.data.redirectTo, staffLanding(result.user.role)));
}
