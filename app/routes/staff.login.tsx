import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { Field } from "~/components/field";
import { attemptLogin } from "~/models/user.server";
import { CONTROL_CHARACTERS, getStaffUser, safeRedirect, startSession } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: sign in" }];

const loginSchema = () =>
  z.object({
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

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getStaffUser(request)) throw redirect("/staff/review");
  // A crafted link's return address is replaced here, so whoever follows it still signs in (and lands on a
  // page of this site); the action refuses a bad one that is posted directly.
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/staff/review") };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = loginSchema().safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const redirectIssue = parsed.error.issues.find((i) => i.path[0] === "redirectTo");
    if (redirectIssue) return fail(400, [{ path: "redirectTo", message: redirectIssue.message }]);
    return fail(400, [{ path: "password", message: "Enter your e-mail address and password." }]);
  }
  const result = await attemptLogin(getDb(), parsed.data.email, parsed.data.password);
  // The same answer whether or not the password was right: the lock is about the account, not the guess.
  if (result.outcome === "locked") return fail(429, [{ path: "password", message: "Too many failed sign-ins for this e-mail address. Try again in 15 minutes." }]);
  if (result.outcome === "wrong") return fail(400, [{ path: "password", message: "Wrong e-mail address or password." }]);
  return startSession(result.user.id, safeRedirect(parsed.data.redirectTo, "/staff/review"));
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
        <input type="hidden" name="redirectTo" value={redirectTo} />
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
