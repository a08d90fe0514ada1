import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/field";
import { signInAction, signInPage } from "./sign-in.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk: sign in" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return signInPage(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return signInAction(request);
}

/** Passwordless sign-in: the customer's e-mail address, then a one-time link by e-mail. */
export default function AccountSignIn() {
  const { texts, signedOut } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="account narrow">
      <h1>{texts.title}</h1>
      {signedOut ? <p role="status">{texts.signedOut}</p> : null}
      {result?.sent ? (
        <p role="status" className="notice">
          {texts.sent}
        </p>
      ) : (
        <>
          <p>{texts.lead}</p>
          <Form method="post" noValidate>
            <Field id="account-email" label={texts.email} error={result?.error ?? undefined}>
              {(a11y) => <input name="email" type="email" autoComplete="email" required {...a11y} />}
            </Field>
            <button type="submit" disabled={busy}>
              {texts.submit}
            </button>
          </Form>
        </>
      )}
      <p className="muted">{texts.linksKeepWorking}</p>
    </section>
  );
}
