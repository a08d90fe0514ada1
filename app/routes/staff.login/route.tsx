import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { getStaffUser, safeRedirect } from "~/utils/auth.server";
import { staffLanding } from "~/utils/staff-landing";
import { signIn } from "./action.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: sign in" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getStaffUser(request);
  if (user) throw redirect(staffLanding(user.role));
  // A crafted link's return address is dropped here (empty: the role's start page after signing in), so
  // whoever follows it still signs in and lands on a page of this site; the action refuses a bad one posted directly.
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "") };
}

export async function action({ request }: ActionFunctionArgs) {
  return signIn(await request.formData());
}

export default function StaffLogin() {
  const actionData = useActionData<typeof action>();
  const { redirectTo } = useLoaderData<typeof loader>();
  const errorOf = (path: string) => actionData?.errors.find((e) => e.path === path)?.message;
  return (
    <section className="staff-login">
      <h1>Staff sign in</h1>
      {errorOf("redirectTo") ? (
        <p role="alert" className="field-error">
          {errorOf("redirectTo")}
        </p>
      ) : null}
      <Form method="post" noValidate>
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Field id="email" label="E-mail">
          {(a11y) => <input type="email" name="email" autoComplete="username" required {...a11y} />}
        </Field>
        <Field id="password" label="Password" error={errorOf("password")}>
          {(a11y) => <input type="password" name="password" autoComplete="current-password" required {...a11y} />}
        </Field>
        <button type="submit">Sign in</button>
      </Form>
    </section>
  );
}
