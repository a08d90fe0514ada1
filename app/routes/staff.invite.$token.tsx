import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { Field } from "~/components/field";
import { acceptInvite, accountState, findOpenInvite } from "~/models/user.server";
import { startSession } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: accept invitation" }, { name: "robots", content: "noindex" }];

const NO_STORE = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };

const accountExistsMessage = (email: string) => `${email} already has an account: sign in instead, or ask an admin to re-enable it if it is disabled.`;

export async function loader({ params }: LoaderFunctionArgs) {
  const invite = await findOpenInvite(getDb(), params.token ?? "");
  // Unknown, used and expired links look the same.
  if (!invite) throw data(null, { status: 404, headers: NO_STORE });
  // The link is genuine, so saying that its address has an account tells its holder nothing new.
  const accountExists = (await accountState(getDb(), invite.email)) !== null;
  return data({ name: invite.name, email: invite.email, role: invite.role, accountExists }, { status: accountExists ? 409 : 200, headers: NO_STORE });
}

const schema = () =>
  z.object({ password: z.string().min(12, "Use at least 12 characters.").max(200) });

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  // The link first: an unknown token costs neither a body read nor a password hash.
  const invite = await findOpenInvite(getDb(), token);
  if (!invite) throw data(null, { status: 404, headers: NO_STORE });
  const parsed = schema().safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: parsed.error.issues[0]!.message }, { status: 400 });
  // acceptInvite decides races (a link used twice at once): the lookup above only turns strangers away.
  const result = await acceptInvite(getDb(), token, parsed.data.password);
  if (result.ok) return startSession(result.user.id, "/staff/review");
  if (result.reason === "not_found") throw data(null, { status: 404, headers: NO_STORE });
  return data({ error: accountExistsMessage(invite.email) }, { status: 409, headers: NO_STORE });
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
              {(a11y) => <input type="password" name="password" autoComplete="new-password" minLength={12} required {...a11y} />}
            </Field>
            <button type="submit">Set password and sign in</button>
          </Form>
        </>
      )}
    </section>
  );
}
