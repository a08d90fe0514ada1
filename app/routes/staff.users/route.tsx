import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { Field } from "~/components/field";
import { StaffNav } from "~/components/staff-nav";
import { listOpenInvites, listStaff } from "~/models/user.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { staffUsersAction } from "./action.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: people" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "manage:staff");
  const db = getDb();
  const [staff, invites] = await Promise.all([listStaff(db), listOpenInvites(db)]);
  return { user, staff, invites };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireStaffPermission(request, "manage:staff");
  return staffUsersAction(await request.formData(), admin);
}

const INVITE_FIELDS = new Set(["name", "email"]);

export default function StaffUsers() {
  const { user, staff, invites } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The invitation's own mistakes show beside its fields; the rest above the page.
  const inviteError = (path: string) => actionData?.errors.find((e) => e.path === path)?.message;
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>People</h1>
      {actionData?.ok ? <p role="status">{actionData.ok}</p> : null}
      {actionData?.errors.some((e) => !INVITE_FIELDS.has(e.path)) ? (
        <p role="alert" className="field-error">
          {actionData.errors
            .filter((e) => !INVITE_FIELDS.has(e.path))
            .map((e) => `${e.path}: ${e.message}`)
            .join(" ")}
        </p>
      ) : null}
      <table className="queue">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td>{s.email}</td>
              <td>{s.role}</td>
              <td>{s.disabledAt ? "disabled" : "active"}</td>
              <td>
                {!s.disabledAt && s.id !== user.id ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="disable" />
                    <input type="hidden" name="userId" value={s.id} />
                    <button type="submit" className="secondary">
                      Disable {s.name}
                    </button>
                  </Form>
                ) : null}
                {s.disabledAt ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="enable" />
                    <input type="hidden" name="userId" value={s.id} />
                    <button type="submit" className="secondary">
                      Re-enable {s.name}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Open invitations</h2>
      <ul>
        {invites.map((i) => (
          <li key={i.id}>
            {i.name} &lt;{i.email}&gt; as {i.role}, until {new Date(i.expiresAt).toISOString().slice(0, 10)}
          </li>
        ))}
      </ul>
      <h2>Invite someone</h2>
      <Form method="post" className="filters">
        <input type="hidden" name="intent" value="invite" />
        <Field id="invite-name" label="Name" error={inviteError("name")}>
          {(a11y) => <input name="name" required {...a11y} />}
        </Field>
        <Field id="invite-email" label="E-mail" error={inviteError("email")}>
          {(a11y) => <input name="email" type="email" required {...a11y} />}
        </Field>
        <label>
          Role{" "}
          <select name="role" defaultValue="technician">
            <option>technician</option>
            <option>sales</option>
            <option>admin</option>
          </select>
        </label>
        <button type="submit">Send invitation</button>
      </Form>
    </section>
  );
}
