import { Form, Link } from "@remix-run/react";

export function StaffNav({ user }: { user: { name: string; role: string } }) {
  return (
    <nav className="staff-nav" aria-label="Staff">
      <Link to="/staff/review">Review queue</Link>
      {user.role === "admin" || user.role === "sales" ? <Link to="/staff/sales">Sales</Link> : null}
      {user.role === "admin" || user.role === "technician" ? <Link to="/staff/provisioning">Provisioning</Link> : null}
      {user.role === "admin" || user.role === "technician" ? <Link to="/staff/operations">Operations</Link> : null}
      {user.role === "admin" ? <Link to="/staff/discounts">Discounts</Link> : null}
      <Link to="/staff/catalog">Catalog</Link>
      <Link to="/staff/price-books">Price books</Link>
      {user.role === "admin" ? <Link to="/staff/users">People</Link> : null}
      {user.role === "admin" ? <Link to="/staff/company">Company</Link> : null}
      <span className="muted">
        {user.name} ({user.role})
      </span>
      <Form method="post" action="/staff/logout">
        <button type="submit" className="link">
          Sign out
        </button>
      </Form>
    </nav>
  );
}
