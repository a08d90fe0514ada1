import { data } from "@remix-run/node";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { companyProfileSchema, legalDocumentSchema } from "~/domain/company";
import { MAX_LOGO_BYTES, sniffLogo } from "~/domain/company-logo";
import { publishLegalDocument, saveCompanyProfile, setCompanyLogo } from "~/models/company.server";
import type { Actor } from "~/utils/permissions";
import { readUpload } from "~/utils/upload.server";

export interface CompanyFieldError {
  path: string;
  message: string;
}
const answer = (status: number, errors: CompanyFieldError[], ok: string | null = null) =>
  data({ errors, ok }, { status });
const issuesOf = (error: z.ZodError) => error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));

/** "Falkenstein, DE" per line: the form's text, as the schema's list (a bad line names its number). */
function dataCentresOf(text: string) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const comma = l.lastIndexOf(",");
      return comma < 0
        ? { city: l, country: "" }
        : { city: l.slice(0, comma).trim(), country: l.slice(comma + 1).trim() };
    });
}

/** The profile form as the schema's shape: weekdays are checkboxes, data centres one per line. */
export function profileFromForm(form: FormData) {
  const text = (name: string) => String(form.get(name) ?? "");
  return {
    legalName: text("legalName"),
    address: text("address"),
    vatId: text("vatId").toUpperCase().replace(/\s/g, ""),
    registration: text("registration"),
    phone: text("phone"),
    email: text("email").trim(),
    supportHours: {
      weekdays: form.getAll("weekday").map(Number),
      opensAt: text("opensAt"),
      closesAt: text("closesAt"),
      timeZone: text("timeZone").trim(),
      outagesAroundTheClock: form.get("outagesAroundTheClock") === "yes",
    },
    dataCentres: dataCentresOf(text("dataCentres")),
  };
}

const intentSchema = z.enum(["profile", "document", "logo", "removeLogo"], { error: "Unknown action." });

/** The company page's intents: the profile, a new legal document version, the logo. */
export async function companyAction(db: Executor, actor: Actor, request: Request) {
  const multipart = /^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "");
  if (multipart) {
    const upload = await readUpload(request, {
      maxBytes: MAX_LOGO_BYTES,
      field: "logo",
      tooLarge: `The logo is too large: at most ${MAX_LOGO_BYTES / 1024} KB.`,
    });
    if (upload.refusal)
      return answer(upload.refusal.status, [{ path: upload.refusal.path, message: upload.refusal.message }]);
    const file = upload.form.get("logo");
    if (upload.form.get("intent") !== "logo" || !(file instanceof Blob) || file.size === 0)
      return answer(400, [{ path: "logo", message: "Choose a PNG or JPEG file." }]);
    const bytes = Buffer.from(await file.arrayBuffer());
    const type = sniffLogo(bytes);
    if (!type) return answer(400, [{ path: "logo", message: "The file is not a PNG or JPEG image." }]);
    await setCompanyLogo(db, actor, { type, bytes });
    return answer(200, [], "Logo saved.");
  }
  const form = await request.formData();
  const intent = intentSchema.safeParse(form.get("intent"));
  if (!intent.success) return answer(400, [{ path: "intent", message: "Unknown action." }]);
  if (intent.data === "removeLogo") {
    await setCompanyLogo(db, actor, null);
    return answer(200, [], "Logo removed.");
  }
  if (intent.data === "profile") {
    const parsed = companyProfileSchema.safeParse(profileFromForm(form));
    if (!parsed.success) return answer(400, issuesOf(parsed.error));
    await saveCompanyProfile(db, actor, parsed.data);
    return answer(200, [], "Company details saved. Customer pages, e-mails and documents show them from now on.");
  }
  if (intent.data === "document") {
    // Both documents' forms are on one page: each error names the form it belongs to ("terms.version").
    const kind = form.get("kind") === "privacy" ? "privacy" : "terms";
    const parsed = legalDocumentSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success)
      return answer(
        400,
        issuesOf(parsed.error).map((e) => ({ ...e, path: `${kind}.${e.path}` })),
      );
    const published = await publishLegalDocument(db, actor, parsed.data);
    if (!published.ok) return answer(409, [{ path: `${kind}.${published.field}`, message: published.message }]);
    const name = parsed.data.kind === "terms" ? "Terms of service" : "Privacy policy";
    return answer(200, [], `${name} version ${parsed.data.version} published.`);
  }
  return answer(400, [{ path: "logo", message: "Send the logo with the form (multipart/form-data)." }]);
}
