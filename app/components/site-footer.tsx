import { Link } from "@remix-run/react";
import type { CompanyIdentity } from "~/presenters/company";

/** Who the provider is, on every customer page: worded by the server (presenters/company.ts). */
export function SiteFooter({
  company,
  links,
  label,
}: {
  company: CompanyIdentity;
  links: { to: string; label: string }[];
  label: string;
}) {
  return (
    <footer className="site-footer" aria-label={label}>
      <div className="site-footer-identity">
        <p className="site-footer-name">{company.legalName}</p>
        <address>
          {company.addressLines.map((line) => (
            <span key={line}>{line}</span>
          ))}
        </address>
        <p>
          {company.vatId} · {company.registration}
        </p>
      </div>
      <div className="site-footer-support">
        <p>{company.supportHours}</p>
        {company.outages ? <p>{company.outages}</p> : null}
        <p>
          <a href={`tel:${company.phone.replace(/[^+\d]/g, "")}`}>{company.phone}</a> ·{" "}
          <a href={`mailto:${company.email}`}>{company.email}</a>
        </p>
        <p>{company.dataCentres}</p>
      </div>
      <nav className="site-footer-links" aria-label={label}>
        {links.map((l) => (
          <Link key={l.to} to={l.to}>
            {l.label}
          </Link>
        ))}
      </nav>
    </footer>
  );
}
