import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { pageWebhookOf, rotatePageWebhookKey, setPageWebhook } from "~/models/page-webhook.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { getEnv, pageWebhookSecret } from "~/utils/env.server";
import { derivePageKey, pageWebhookUrlProblem } from "~/utils/page-webhook-signature.server";
import { webhookAddressProblem } from "~/utils/webhook-address.server";

/**
 * /staff/account (issue 19): a technician's (or admin's) own page webhook. Pages to them are also
 * POSTed there, signed with a key derived from PAGE_WEBHOOK_SECRET, their id and a version; the key
 * is shown once, when the URL is set or the key rotated (each bumps the version: the old key stops
 * verifying), and stored nowhere.
 */
const NO_STORE = { "Cache-Control": "private, no-store" };

const production = () => getEnv().NODE_ENV === "production";

export async function accountPage(request: Request) {
  const user = await requireStaffPermission(request, "write:incidents");
  const hook = await pageWebhookOf(getDb(), user.id);
  return data(
    {
      user,
      enabled: Boolean(pageWebhookSecret()),
      url: hook?.url ?? null,
      version: hook?.version ?? 0,
      httpAllowed: !production(),
    },
    { headers: NO_STORE },
  );
}

const accountForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("set"),
    url: z
      .string()
      .trim()
      .min(1, "Give the URL pages are POSTed to.")
      .max(2000, "At most 2000 characters.")
      .superRefine((value, ctx) => {
        const problem = pageWebhookUrlProblem(value, production());
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  }),
  z.object({ intent: z.literal("rotate") }),
  z.object({ intent: z.literal("remove") }),
]);

export type AccountAnswer = {
  errors: { path: string; message: string }[];
  notice: string | null;
  /** The signing key, shown this once. */
  key: string | null;
};
const answer = (status: number, body: Partial<AccountAnswer>) =>
  data<AccountAnswer>({ errors: [], notice: null, key: null, ...body }, { status, headers: NO_STORE });

export async function accountAction(request: Request) {
  const user = await requireStaffPermission(request, "write:incidents");
  const parsed = accountForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return answer(400, {
      errors: parsed.error.issues.map((i) => {
        const path = i.path.join(".") || "intent";
        return { path, message: `${path}: ${i.message}` };
      }),
    });
  const secret = pageWebhookSecret();
  if (!secret)
    return answer(409, {
      errors: [
        { path: "url", message: "Page webhooks are off on this installation (PAGE_WEBHOOK_SECRET is not set)." },
      ],
    });
  const db = getDb();
  const input = parsed.data;
  if (input.intent === "set" && production()) {
    // Where the name resolves to now (checked again before every delivery).
    const problem = await webhookAddressProblem(input.url);
    if (problem) return answer(400, { errors: [{ path: "url", message: `url: ${problem}` }] });
  }
  if (input.intent === "remove") {
    await setPageWebhook(db, user.id, null);
    return answer(200, { notice: "Webhook removed: pages reach you by e-mail only. The old key no longer verifies." });
  }
  const version =
    input.intent === "set" ? await setPageWebhook(db, user.id, input.url) : await rotatePageWebhookKey(db, user.id);
  if (version === null) return answer(400, { errors: [{ path: "url", message: "url: set a webhook URL first." }] });
  return answer(200, {
    notice:
      input.intent === "set"
        ? "Webhook saved. Copy the signing key now: it is shown this once."
        : "New signing key. Copy it now: it is shown this once, and the old one no longer verifies.",
    key: derivePageKey(secret, user.id, version),
  });
}
