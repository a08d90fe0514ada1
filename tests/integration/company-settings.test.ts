import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { acceptances, auditLog, companySettings, legalDocuments } from "#db/schema";
import { DEFAULT_COMPANY } from "~/domain/company";
import { companyProfile, currentLegalDocument, forgetCompanyCache, saveCompanyProfile } from "~/models/company.server";
import { loader as rootLoader } from "~/root";
import { loader as logoLoader } from "~/routes/company.logo";
import { action as quoteAction, loader as quoteLoader } from "~/routes/q.$token/route";
import { loader as legalLoader } from "~/routes/legal.$kind/route";
import { action as companyAction, loader as companyLoader } from "~/routes/staff.company/route";
import { createQuote, createStaff, unique } from "../factories";
import { req, settle, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 17 item 1: the company's identity and legal documents, edited by an admin, shown to customers. */

function profileForm(cookie: string, overrides: Record<string, string> = {}, weekdays = ["1", "2", "3", "4", "5"]) {
  const body = new URLSearchParams({
    intent: "profile",
    legalName: "Servidores Norte S.L.",
    address: "Gran Vía 1\n28013 Madrid\nSpain",
    vatId: "es b87654321",
    registration: "Registro Mercantil de Madrid, hoja M-1",
    phone: "+34 911 111 111",
    email: "soporte@norte.example",
    opensAt: "09:00",
    closesAt: "18:00",
    timeZone: "Europe/Madrid",
    outagesAroundTheClock: "yes",
    dataCentres: "Falkenstein, de\nHelsinki, FI",
    ...overrides,
  });
  for (const d of weekdays) body.append("weekday", d);
  return new Request("http://localhost/staff/company", {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}

function logoForm(cookie: string, bytes: Uint8Array, name = "logo.png") {
  const form = new FormData();
  form.set("intent", "logo");
  form.set("logo", new File([new Uint8Array(bytes)], name));
  return new Request("http://localhost/staff/company", { method: "POST", headers: { Cookie: cookie }, body: form });
}

const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe.each(TEST_DATABASES)("company settings on $name", (target) => {
  const database = useTestDatabase(target);

  it("only admins see or change the company; others get 403, anonymous a sign-in redirect", async () => {
    const { db } = database();
    for (const role of ["technician", "sales"] as const) {
      const { cookie } = await createStaff(db, role);
      expect(
        await status(() => companyLoader({ request: req("/staff/company", cookie), params: {}, context: {} })),
      ).toBe(403);
      expect(await status(() => companyAction({ request: profileForm(cookie), params: {}, context: {} }))).toBe(403);
    }
    expect(await status(() => companyLoader({ request: req("/staff/company"), params: {}, context: {} }))).toBe(302);
    expect((await companyProfile(db)).legalName).toBe(DEFAULT_COMPANY.legalName);
  });

  it("refuses bad details field by field with 400 and writes nothing", async () => {
    const { db } = database();
    const admin = await createStaff(db, "admin");
    const before = await db.select().from(companySettings);
    const res = await settle(() =>
      companyAction({
        request: profileForm(
          admin.cookie,
          { vatId: "123", email: "nope", opensAt: "25:00", timeZone: "Mars/Base", dataCentres: "Nowhere" },
          [],
        ),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(400);
    const paths = res.data.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "vatId",
        "email",
        "supportHours.weekdays",
        "supportHours.opensAt",
        "supportHours.timeZone",
        "dataCentres.0.country",
      ]),
    );
    expect(await db.select().from(companySettings)).toEqual(before);
  });

  it("saves the details with an audit row; the customer footer, the imprint and the home page show them", async () => {
    const { db } = database();
    const admin = await createStaff(db, "admin");
    const before = await companyProfile(db);
    try {
      const res = await settle(() => companyAction({ request: profileForm(admin.cookie), params: {}, context: {} }));
      expect(res.status).toBe(200);
      const saved = await companyProfile(db);
      expect(saved).toMatchObject({
        legalName: "Servidores Norte S.L.",
        vatId: "ESB87654321",
        dataCentres: [
          { city: "Falkenstein", country: "DE" },
          { city: "Helsinki", country: "FI" },
        ],
      });
      const audits = await db.select().from(auditLog).where(eq(auditLog.entityType, "company"));
      expect(audits.some((a) => a.action === "company_updated" && a.actor === `staff:${admin.user.id}`)).toBe(true);

      const root = await settle(() => rootLoader({ request: req("/q/x", undefined), params: {}, context: {} }));
      expect(root.data.footer!.company.legalName).toBe("Servidores Norte S.L.");
      expect(root.data.footer!.company.dataCentres).toBe("Data centres: Falkenstein (Germany) and Helsinki (Finland)");
      expect(root.data.footer!.company.supportHours).toBe("Support: Monday to Friday, 09:00–18:00 (Europe/Madrid)");
      const spanish = await settle(() =>
        rootLoader({
          request: new Request("http://localhost/?lng=es"),
          params: {},
          context: {},
        }),
      );
      expect(spanish.data.footer!.company.dataCentres).toBe(
        "Centros de datos: Falkenstein (Alemania) y Helsinki (Finlandia)",
      );
      expect(spanish.data.footer!.company.vatId).toBe("NIF ESB87654321");
      // The country, typed as the address's last line, reads in the customer's language.
      expect(spanish.data.footer!.company.addressLines).toEqual(["Gran Vía 1", "28013 Madrid", "España"]);
      expect(root.data.footer!.company.addressLines).toEqual(["Gran Vía 1", "28013 Madrid", "Spain"]);
      // Staff pages are English-only and carry no provider footer.
      const staffRoot = await settle(() =>
        rootLoader({ request: req("/staff/review", admin.cookie), params: {}, context: {} }),
      );
      expect(staffRoot.data).toMatchObject({ footer: null, staff: true });

      const imprint = await settle(() =>
        legalLoader({ request: req("/legal/imprint"), params: { kind: "imprint" }, context: {} }),
      );
      expect(imprint.data.company).toMatchObject({
        legalName: "Servidores Norte S.L.",
        addressLines: ["Gran Vía 1", "28013 Madrid", "Spain"],
      });
    } finally {
      const { hasLogo: _h, logoVersion: _v, ...profile } = before;
      await saveCompanyProfile(db, admin.user, profile);
    }
  });

  it("takes a PNG or JPEG logo up to 100 KB and serves it; anything else is refused with nothing changed", async () => {
    const { db } = database();
    const admin = await createStaff(db, "admin");
    const call = (request: Request) => settle(() => companyAction({ request, params: {}, context: {} }));
    const text = await call(logoForm(admin.cookie, new TextEncoder().encode("<svg onload=alert(1)>"), "logo.png"));
    expect(text.status).toBe(400);
    expect(text.data.errors[0]!.path).toBe("logo");
    const huge = await call(logoForm(admin.cookie, new Uint8Array(200 * 1024).fill(0x89)));
    expect(huge.status).toBe(413);
    expect((await companyProfile(db)).hasLogo).toBe(false);
    expect(await status(() => logoLoader())).toBe(404);

    expect((await call(logoForm(admin.cookie, PNG_1X1))).status).toBe(200);
    const served = await logoLoader();
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG_1X1)).toBe(true);
    expect((await companyProfile(db)).hasLogo).toBe(true);

    const removed = await call(req("/staff/company", admin.cookie, { intent: "removeLogo" }));
    expect(removed.status).toBe(200);
    expect((await companyProfile(db)).hasLogo).toBe(false);
  });

  it("publishes legal documents forward only; customers read the newest and any earlier version by its number", async () => {
    const { db } = database();
    const admin = await createStaff(db, "admin");
    const publish = (form: Record<string, string>) =>
      settle(() =>
        companyAction({
          request: req("/staff/company", admin.cookie, { intent: "document", kind: "privacy", ...form }),
          params: {},
          context: {},
        }),
      );
    const current = (await currentLegalDocument(db, "privacy"))!;
    expect(current.version).toBe("2026-12-04");

    const bad = await publish({ version: "next week", bodyEn: "", bodyEs: "x" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.map((e) => e.path).sort()).toEqual(["privacy.bodyEn", "privacy.version"]);
    const older = await publish({ version: "2026-01-01", bodyEn: "Old.", bodyEs: "Viejo." });
    expect(older.status).toBe(409);
    expect(older.data.errors[0]!.message).toContain("not after the current version 2026-12-04");
    expect((await db.select().from(legalDocuments).where(eq(legalDocuments.kind, "privacy"))).length).toBe(1);

    const next = `2099-0${1 + Math.floor(Math.random() * 9)}-15`;
    const ok = await publish({
      version: next,
      bodyEn: "We keep little.\n\nWe sell nothing.",
      bodyEs: "Guardamos poco.\nNo vendemos nada.",
    });
    expect(ok.status).toBe(200);
    forgetCompanyCache(db);
    const page = await settle(() =>
      legalLoader({ request: req("/legal/privacy"), params: { kind: "privacy" }, context: {} }),
    );
    expect(page.data.document!.paragraphs).toEqual(["We keep little.", "We sell nothing."]);
    expect(page.data.notice).toBeNull();
    const earlier = await settle(() =>
      legalLoader({
        request: new Request("http://localhost/legal/privacy?version=2026-12-04", {
          headers: { "Accept-Language": "es" },
        }),
        params: { kind: "privacy" },
        context: {},
      }),
    );
    expect(earlier.data.document!.paragraphs[0]).toMatch(/^SpecDesk Hosting S.L. \(la empresa/);
    expect(earlier.data.notice).toContain(next);
    expect(
      await status(() =>
        legalLoader({ request: req("/legal/privacy?version=1999-01-01"), params: { kind: "privacy" }, context: {} }),
      ),
    ).toBe(404);
    expect(
      await status(() => legalLoader({ request: req("/legal/cookies"), params: { kind: "cookies" }, context: {} })),
    ).toBe(404);
  });

  it("a new terms version is what the acceptance form shows and what an acceptance must name", async () => {
    const { db } = database();
    const admin = await createStaff(db, "admin");
    const quote = await createQuote(db, { contact: { name: "Terms Reader", email: `terms-${unique()}@example.com` } });
    const published = await settle(() =>
      companyAction({
        request: req("/staff/company", admin.cookie, {
          intent: "document",
          kind: "terms",
          version: "2099-12-31",
          bodyEn: "New clause one.\nNew clause two.",
          bodyEs: "Cláusula nueva uno.\nCláusula nueva dos.",
        }),
        params: {},
        context: {},
      }),
    );
    expect(published.status).toBe(200);
    forgetCompanyCache(db);
    const page = await settle(() =>
      quoteLoader({ request: req(`/q/${quote.token}`), params: { token: quote.token }, context: {} }),
    );
    expect(page.data.terms).toEqual({ version: "2099-12-31", paragraphs: ["New clause one.", "New clause two."] });
    const stale = await settle(() =>
      quoteAction({
        request: req(`/q/${quote.token}`, undefined, {
          intent: "accept",
          version: "1",
          tier: "lean",
          termsVersion: "2026-12-04",
          terms: "yes",
          name: "Terms Reader",
          email: "reader@example.com",
        }),
        params: { token: quote.token },
        context: {},
      }),
    );
    expect(stale.status).toBe(400);
    expect(stale.data).toMatchObject({
      commerce: { errors: [{ path: "terms", message: expect.stringContaining("changed") }] },
    });
    expect(await db.select().from(acceptances).where(eq(acceptances.quoteRequestId, quote.id))).toEqual([]);
  });
});
