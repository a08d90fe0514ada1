import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { type StaffUser, accountState, disableUser, enableUser } from "~/models/user.server";
import { inviteStaff } from "~/services/notifications.server";
import { staffSingleLine } from "~/utils/text.server";

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("invite"),
    email: z.email().max(254),
    name: z.string().trim().min(1).max(120).check(staffSingleLine()),
    role: z.enum(["sales", "technician", "admin"]),
  }),
  z.object({ intent: z.literal("disable"), userId: z.uuid() }),
  z.object({ intent: z.literal("enable"), userId: z.uuid() }),
]);

/** The people page's intents: invite someone, disable or re-enable an account. */
export async function staffUsersAction(form: FormData, admin: StaffUser) {
  const parsed = actionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return data(
      { errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })), ok: null },
      { status: 400 },
    );
  const db = getDb();
  const input = parsed.data;
  if (input.intent === "disable") {
    if (input.userId === admin.id)
      return data({ errors: [{ path: "userId", message: "You cannot disable yourself." }], ok: null }, { status: 400 });
    await disableUser(db, input.userId);
    return { errors: [], ok: "Disabled; their sessions have ended." };
  }
  if (input.intent === "enable") {
    await enableUser(db, input.userId);
    return { errors: [], ok: "Enabled again, with the role they had." };
  }
  // An invitation for an address with an account could never be accepted.
  const existing = await accountState(db, input.email);
  if (existing) {
    const message =
      existing === "active"
        ? "This address already has an account."
        : "This address has a disabled account: re-enable it instead.";
    return data({ errors: [{ path: "email", message }], ok: null }, { status: 400 });
  }
  await inviteStaff(db, admin, { email: input.email, name: input.name, role: input.role });
  return { errors: [], ok: `Invitation sent to ${input.email}.` };
}
