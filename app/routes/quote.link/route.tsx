import { type ActionFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { Field } from "~/components/field";
import { i18next } from "~/i18next.server";
import { emailQuoteLinks } from "~/services/notifications.server";
import { fieldErrors, zodErrorMap } from "~/utils/validation";
import { Honeypot } from "~/components/honeypot";
import { caughtInHoneypot } from "~/utils/honeypot";
import { linkRequestSchema } from "./schema.server";
import { PAGE_TEXTS } from "~/locales/texts";
import { textsFirst } from "~/utils/texts";

export const meta: MetaFunction = () => [{ title: "SpecDesk: e-mail me my quote links" }];

/** The HTML depends only on the loader data, the URL and the language (see root.tsx). */
export const handle = { pureRender: true, texts: PAGE_TEXTS.linkRequest };
export const clientLoader = textsFirst(handle.texts);
/** Nothing to load; it exists so that the clientLoader above has server data to wait for and never runs on hydration. */
export const loader = () => null;

/**
 * E-mails fresh private links to the address's quotes: one e-mail listing them all, at most one
 * per address per 15 minutes (see emailQuoteLinks). The answer is the same whether or not the
 * address has quotes or was just sent its links, so nobody can find out who asked us for one.
 */
export async function action({ request }: ActionFunctionArgs) {
  const t = await i18next.getFixedT(request);
  const form = Object.fromEntries(await request.formData());
  const parsed = linkRequestSchema.safeParse(form, { error: zodErrorMap(t) });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), sent: false }, { status: 400 });
  // A bot that filled the trap field gets the same answer as everyone, and nothing is sent.
  if (caughtInHoneypot(form)) return { errors: [], sent: true };
  await emailQuoteLinks(getDb(), parsed.data.email);
  return { errors: [], sent: true };
}

export default function LinkRequest() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const error = actionData?.errors.find((e) => e.path === "email")?.message;
  return (
    <section>
      <h1>{t("linkRequest.title")}</h1>
      <p>{t("linkRequest.lead")}</p>
      {actionData?.sent ? (
        <p role="status" className="status">
          {t("linkRequest.sent")}
        </p>
      ) : (
        <Form method="post" noValidate>
          <Honeypot />
          <Field id="email" label={t("linkRequest.email")} error={error}>
            {(a11y) => <input type="email" name="email" autoComplete="email" required {...a11y} />}
          </Field>
          <button type="submit" disabled={navigation.state !== "idle"}>
            {t("linkRequest.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
