import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { isDomainError } from "~/domain/errors";
import { acceptInvite, findOpenInvite } from "~/models/user.server";
import { startSession } from "~/utils/auth.server";
import { accountExistsMessage } from "./account-exists";

/** The invitation page is the invitee's alone: not cached, its link not sent on as a referrer. */
export const NO_STORE = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };

const passwordSchema = z.object({ password: z.string().min(12, "Use at least 12 characters.").max(200) });

/** Setting the invitee's password: the account and a session, or why not. */
export async function acceptInvitation(request: Request, token: string) {
  // The link first: an unknown token costs neither a body read nor a password hash.
  const invite = await findOpenInvite(getDb(), token);
  if (!invite) throw data(null, { status: 404, headers: NO_STORE });
  const parsed = passwordSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: parsed.error.issues[0]!.message }, { status: 400 });
  try {
    // acceptInvite decides races (a link used twice at once): the lookup above only turns strangers away.
    const user = await acceptInvite(getDb(), token, parsed.data.password);
    return await startSession(user.id, "/staff/review");
  } catch (error) {
    // Used or expired meanwhile: like any unknown link. The address got an account: say so (the page's own text).
    if (isDomainError(error, "not_found")) throw data(null, { status: error.status, headers: NO_STORE });
    if (isDomainError(error, "account_exists"))
      return data({ error: accountExistsMessage(invite.email) }, { status: error.status, headers: NO_STORE });
    throw error;
  }
}
