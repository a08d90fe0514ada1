import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { StaffNav } from "~/components/staff-nav";
import { serviceRef, staffService } from "~/models/service.server";
import staffStyles from "~/styles/staff.css";
import { requireStaffPermission } from "~/utils/auth.server";

export const handle = { intl: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: staffStyles }];

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: service" }];

/**
 * A running service (issue 19): its customer and servers, with tabs for what happens after
 * go-live: overview (incidents, availability, credits, settings), maintenance, capacity reviews.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "read:operations");
  if (!z.uuid().safeParse(params.id).success) throw data(null, { status: 404 });
  const service = await staffService(getDb(), params.id!);
  if (!service) throw data(null, { status: 404 });
  return {
    user,
    service: {
      id: service.id,
      reference: serviceRef(service.id),
      customer: service.company ? `${service.contactName}, ${service.company}` : service.contactName,
      email: service.contactEmail,
      servers: service.servers.map((s) => s.hostname),
    },
  };
}

export default function ServiceLayout() {
  const { user, service } = useLoaderData<typeof loader>();
  const base = `/staff/services/${service.id}`;
  return (
    <section className="staff">
      <StaffNav user={user} />
      <p>
        <Link to="/staff/operations">Operations</Link>
      </p>
      <h1>
        Service {service.reference}: {service.customer}
      </h1>
      <p className="muted">
        {service.email} · <Link to={`/staff/sales/${service.id}`}>sales page</Link>
        {service.servers.length ? ` · servers: ${service.servers.join(", ")}` : ""}
      </p>
      <nav aria-label="Service" className="tabs">
        <NavLink to={base} end>
          Overview
        </NavLink>{" "}
        · <NavLink to={`${base}/maintenance`}>Maintenance</NavLink> ·{" "}
        <NavLink to={`${base}/capacity`}>Capacity reviews</NavLink>
      </nav>
      <Outlet />
    </section>
  );
}
