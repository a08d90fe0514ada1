import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { legalPage } from "./load.server";

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `SpecDesk: ${page.title}` : "SpecDesk" },
];

/** The company's details, terms of service and privacy policy: public, in the reader's language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return legalPage(request, params.kind);
}

export default function LegalPage() {
  const { title, company, document, notice } = useLoaderData<typeof loader>();
  return (
    <article className="legal">
      <h1>{title}</h1>
      {company ? (
        <dl className="legal-company">
          <dt>{company.legalName}</dt>
          <dd>
            <address>
              {company.addressLines.map((line) => (
                <span key={line}>
                  {line}
                  <br />
                </span>
              ))}
            </address>
          </dd>
          <dd>{company.vatId}</dd>
          <dd>{company.registration}</dd>
          <dd>
            <a href={`tel:${company.phone.replace(/[^+\d]/g, "")}`}>{company.phone}</a> ·{" "}
            <a href={`mailto:${company.email}`}>{company.email}</a>
          </dd>
          <dd>{company.supportHours}</dd>
          {company.outages ? <dd>{company.outages}</dd> : null}
          <dd>{company.dataCentres}</dd>
        </dl>
      ) : null}
      {document ? (
        <>
          <p className="muted">{document.version}</p>
          {notice ? <p role="note">{notice}</p> : null}
          <ol>
            {document.paragraphs.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ol>
        </>
      ) : null}
    </article>
  );
}
