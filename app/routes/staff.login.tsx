import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { Field } from "~/components/field";
import { verifyLogin } from "~/models/user.server";
import { getStaffUser, safeRedirect, startSession } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: sign in" }];

const loginSchema = () =>
  z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
  redirectTo: z.string().max(500).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getStaffUser(request)) throw redirect("/staff/review");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = loginSchema().safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Enter your e-mail address and password." }, { status: 400 });
  const user = await verifyLogin(getDb(), parsed.data.email, parsed.data.password);
  if (!user) return data({ error: "Wrong e-mail address or password." }, { status: 400 });
  return startSession(user.id, safeRedirect(parsed.data.redirectTo, "/staff/review"));
}

export default function StaffLogin() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="staff-login">
      <h1>Staff sign in</h1>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/staff/review"} />
        <Field id="email" label="E-mail">
          {(a11y) => <input type="email" name="email" autoComplete="username" required {...a11y} />}
        </Field>
        <Field id="password" label="Password" error={actionData?.error}>
          {(a11y) => <input type="password" name="password" autoComplete="current-password" required {...a11y} />}
        </Field>
        <button type="submit">Sign in</button>
      </Form>
    </section>
  );
}
