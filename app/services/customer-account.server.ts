import type { Database } from "#db/client.server";
import { createSignInLink } from "~/models/customer-account.server";
import { enqueueEmail } from "~/models/outbox.server";
import { publicBaseUrl } from "~/utils/env.server";
import { companyForEmail, emailSignature, emailText } from "./notifications.server";
import { translatorFor } from "./quote.server";

/**
 * /account/sign-in: e-mails a one-time link when the address has quotes. The answer is the same
 * whatever happens (sent, unknown address, too many requests), so the form tells nobody which
 * addresses are customers; the return value is for tests and logs only.
 */
export async function requestAccountSignIn(db: Database, email: string, locale: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const link = await createSignInLink(tx, email, now);
    if ("refused" in link) return link.refused;
    const t = await translatorFor(locale);
    const body = emailText(t, "email.sign_in.body", { link: `${publicBaseUrl()}/account/verify/${link.token}` });
    await enqueueEmail(tx, {
      to: link.email,
      subject: emailText(t, "email.sign_in.subject"),
      text: `${body}\n\n${emailSignature(await companyForEmail(tx, t, locale))}`,
      template: "sign_in",
    });
    return "sent" as const;
  });
}
