import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { Field } from "~/components/field";
import { accountState, findOpenInvite } from "~/models/user.server";
import { accountExistsMessage } from "./account-exists";
import { NO_STORE, acceptInvitation } from "./action.server";

export const meta: MetaFunction = () => [
  { title: "SpecDesk staff: accept invitation" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const invite = await findOpenInvite(getDb(), params.token ?? "");
  // Unknown, used and expired links look the same.
  if (!invite) throw data(null, { status: 404, headers: NO_STORE });
  // The link is genuine, so saying that its address has an account tells its holder nothing new.
  const accountExists = (await accountState(getDb(), invite.email)) !== null;
  return data(
    { name: invite.name, email: invite.email, role: invite.role, accountExists },
    { status: accountExists ? 409 : 200, headers: NO_STORE },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  return acceptInvitation(request, params.token ?? "");
}

export default function AcceptInvite() {
  const invite = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="staff-login">
      <h1>Welcome, {invite.name}</h1>
      {invite.accountExists ? (
        <p role="alert">
          {accountExistsMessage(invite.email)} <a href="/staff/login">Sign in</a>
        </p>
      ) : (
        <>
          <p>
            Set a password for {invite.email} ({invite.role}).
          </p>
          <Form method="post">
            <Field id="password" label="New password" error={actionData?.error}>
              {(a11y) => (
                <input type="password" name="password" autoComplete="new-password" minLength={12} required {...a11y} />
              )}
            </Field>
            <button type="submit">Set password and sign in</button>
          </Form>
        </>
      )}
    </section>
  );
}
