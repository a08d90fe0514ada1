import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { Field } from "~/components/field";
import { StaffNav } from "~/components/staff-nav";
import {
  companyProfile,
  currentLegalDocument,
  forgetCompanyCache,
  legalDocumentHistory,
} from "~/models/company.server";
import { requireStaffPermission } from "~/utils/auth.server";
import { MAX_LOGO_BYTES } from "~/domain/company-logo";
import { companyAction } from "./action.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk staff: company" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaffPermission(request, "manage:company");
  const db = getDb();
  // An admin editing the company reads what is stored, not another instance's copy.
  forgetCompanyCache(db);
  const [company, terms, privacy, termsHistory, privacyHistory] = await Promise.all([
    companyProfile(db),
    currentLegalDocument(db, "terms"),
    currentLegalDocument(db, "privacy"),
    legalDocumentHistory(db, "terms"),
    legalDocumentHistory(db, "privacy"),
  ]);
  return {
    user,
    company,
    documents: { terms, privacy },
    history: { terms: termsHistory, privacy: privacyHistory },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireStaffPermission(request, "manage:company");
  return companyAction(getDb(), admin, request);
}

const LEGAL_DOCUMENT_KINDS = ["terms", "privacy"] as const;
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const DOCUMENT_NAMES = { terms: "Terms of service", privacy: "Privacy policy" } as const;

export default function CompanySettings() {
  const { user, company, documents, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const error = (path: string) =>
    actionData?.errors
      .filter((e) => e.path === path || e.path.startsWith(`${path}.`))
      .map((e) => e.message)
      .join(" ") || undefined;
  const hours = company.supportHours;
  return (
    <section className="staff">
      <StaffNav user={user} />
      <h1>Company</h1>
      <p className="muted">
        Customers see these details in the footer of every page, on the home page, in e-mails and in PDF proposals and
        receipts.
      </p>
      {actionData?.ok ? <p role="status">{actionData.ok}</p> : null}
      {actionData && actionData.errors.length > 0 ? (
        <p role="alert" className="field-error">
          Nothing was saved:{" "}
          {actionData.errors.length === 1 ? "one field needs" : `${actionData.errors.length} fields need`} attention.
        </p>
      ) : null}
      <Form method="post" className="company-form">
        <input type="hidden" name="intent" value="profile" />
        <h2>Who we are</h2>
        <Field id="legalName" label="Legal name" error={error("legalName")}>
          {(a11y) => <input name="legalName" defaultValue={company.legalName} required {...a11y} />}
        </Field>
        <Field
          id="address"
          label="Address"
          hint="One line each: street, postcode and city, country."
          error={error("address")}
        >
          {(a11y) => <textarea name="address" rows={4} defaultValue={company.address} required {...a11y} />}
        </Field>
        <Field id="vatId" label="VAT ID" hint="With the country code, e.g. ESB12345678." error={error("vatId")}>
          {(a11y) => <input name="vatId" defaultValue={company.vatId} required {...a11y} />}
        </Field>
        <Field id="registration" label="Registration" hint="Register, volume, sheet." error={error("registration")}>
          {(a11y) => <input name="registration" defaultValue={company.registration} required {...a11y} />}
        </Field>
        <Field id="phone" label="Support phone" error={error("phone")}>
          {(a11y) => <input name="phone" type="tel" defaultValue={company.phone} required {...a11y} />}
        </Field>
        <Field id="email" label="Support e-mail" error={error("email")}>
          {(a11y) => <input name="email" type="email" defaultValue={company.email} required {...a11y} />}
        </Field>
        <fieldset aria-describedby={error("supportHours.weekdays") ? "weekdays-error" : undefined}>
          <legend>Support hours</legend>
          <div className="weekdays">
            {WEEKDAYS.map((day, i) => (
              <label key={day} className="choice">
                <input type="checkbox" name="weekday" value={i + 1} defaultChecked={hours.weekdays.includes(i + 1)} />{" "}
                {day}
              </label>
            ))}
          </div>
          {error("supportHours.weekdays") ? (
            <p className="field-error" id="weekdays-error" role="alert">
              {error("supportHours.weekdays")}
            </p>
          ) : null}
          <Field id="opensAt" label="Opens at" error={error("supportHours.opensAt")}>
            {(a11y) => <input name="opensAt" type="time" defaultValue={hours.opensAt} required {...a11y} />}
          </Field>
          <Field id="closesAt" label="Closes at" error={error("supportHours.closesAt")}>
            {(a11y) => <input name="closesAt" type="time" defaultValue={hours.closesAt} required {...a11y} />}
          </Field>
          <Field
            id="timeZone"
            label="Time zone"
            hint="An IANA name, e.g. Europe/Madrid."
            error={error("supportHours.timeZone")}
          >
            {(a11y) => <input name="timeZone" defaultValue={hours.timeZone} required {...a11y} />}
          </Field>
          <label className="choice">
            <input
              type="checkbox"
              name="outagesAroundTheClock"
              value="yes"
              defaultChecked={hours.outagesAroundTheClock}
            />{" "}
            Outages are taken around the clock
          </label>
        </fieldset>
        <Field
          id="dataCentres"
          label="Data centres"
          hint="One per line: city, two-letter country code (e.g. Falkenstein, DE)."
          error={error("dataCentres")}
        >
          {(a11y) => (
            <textarea
              name="dataCentres"
              rows={5}
              defaultValue={company.dataCentres.map((d) => `${d.city}, ${d.country}`).join("\n")}
              required
              {...a11y}
            />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          Save company details
        </button>
      </Form>

      <h2>Logo</h2>
      {company.hasLogo ? (
        <p>
          <img src={`/company/logo?v=${company.logoVersion}`} alt="Current logo" className="company-logo-preview" />
        </p>
      ) : (
        <p className="muted">No logo: pages and documents show the legal name instead.</p>
      )}
      <Form method="post" encType="multipart/form-data" className="filters">
        <input type="hidden" name="intent" value="logo" />
        <Field id="logo" label="PNG or JPEG" hint={`At most ${MAX_LOGO_BYTES / 1024} KB.`} error={error("logo")}>
          {(a11y) => <input name="logo" type="file" accept="image/png,image/jpeg" required {...a11y} />}
        </Field>
        <button type="submit" disabled={busy}>
          Upload logo
        </button>
      </Form>
      {company.hasLogo ? (
        <Form method="post">
          <input type="hidden" name="intent" value="removeLogo" />
          <button type="submit" className="secondary" disabled={busy}>
            Remove logo
          </button>
        </Form>
      ) : null}

      {LEGAL_DOCUMENT_KINDS.map((kind) => {
        const current = documents[kind];
        const prefix = `${kind}-`;
        return (
          <section key={kind} aria-labelledby={`${prefix}title`}>
            <h2 id={`${prefix}title`}>{DOCUMENT_NAMES[kind]}</h2>
            <p className="muted">
              Current version: {current?.version ?? "none"}. Earlier:{" "}
              {history[kind]
                .slice(1)
                .map((h) => h.version)
                .join(", ") || "none"}
              . A published version never changes; publishing a new one shows it to customers at once
              {kind === "terms" ? ", and acceptances from then on record it" : ""}.
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="document" />
              <input type="hidden" name="kind" value={kind} />
              <Field
                id={`${prefix}version`}
                label="New version"
                hint="The date it takes effect, e.g. 2027-01-15."
                error={error(`${kind}.version`)}
              >
                {(a11y) => <input name="version" required pattern="\d{4}-\d{2}-\d{2}(\.\d{1,2})?" {...a11y} />}
              </Field>
              <Field
                id={`${prefix}bodyEn`}
                label="English text"
                hint="One clause or paragraph per line."
                error={error(`${kind}.bodyEn`)}
              >
                {(a11y) => (
                  <textarea
                    name="bodyEn"
                    rows={8}
                    defaultValue={current?.paragraphs.en.join("\n")}
                    required
                    {...a11y}
                  />
                )}
              </Field>
              <Field
                id={`${prefix}bodyEs`}
                label="Spanish text"
                hint="Una cláusula o párrafo por línea."
                error={error(`${kind}.bodyEs`)}
              >
                {(a11y) => (
                  <textarea
                    name="bodyEs"
                    rows={8}
                    defaultValue={current?.paragraphs.es.join("\n")}
                    required
                    {...a11y}
                  />
                )}
              </Field>
              <button type="submit" disabled={busy}>
                Publish new version
              </button>
            </Form>
          </section>
        );
      })}
    </section>
  );
}
