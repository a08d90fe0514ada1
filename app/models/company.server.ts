import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { auditLog, companySettings, legalDocuments } from "#db/schema";
import {
  type CompanyProfile,
  DEFAULT_COMPANY,
  type LegalDocumentInput,
  type LegalDocumentKind,
  paragraphsOf,
} from "~/domain/company";
import type { LogoType } from "~/domain/company-logo";
import type { Actor } from "~/utils/permissions";

/**
 * The company record and its legal documents (app/domain/company.ts). Every customer page shows the
 * company in its footer, so reads come from a copy kept in this process: refreshed at once by a change
 * made through this process, and at most CACHE_MS old after a change made by another instance.
 */
const CACHE_MS = 30_000;

export interface Company extends CompanyProfile {
  hasLogo: boolean;
  logoVersion: string;
}
export interface LegalDocument {
  kind: LegalDocumentKind;
  version: string;
  publishedAt: string;
  paragraphs: { en: string[]; es: string[] };
}

interface Cached {
  at: number;
  company: Company;
  documents: Record<LegalDocumentKind, LegalDocument | null>;
}
const caches = new WeakMap<object, Cached>();

async function readCompany(db: Executor): Promise<Company> {
  const [row] = await db.select().from(companySettings).where(eq(companySettings.id, 1));
  if (!row) return { ...DEFAULT_COMPANY, hasLogo: false, logoVersion: "" };
  return {
    legalName: row.legalName,
    address: row.address,
    vatId: row.vatId,
    registration: row.registration,
    phone: row.phone,
    email: row.email,
    supportHours: row.supportHours,
    dataCentres: row.dataCentres,
    hasLogo: Boolean(row.logoBase64),
    logoVersion: row.updatedAt.getTime().toString(36),
  };
}

const toDocument = (row: typeof legalDocuments.$inferSelect): LegalDocument => ({
  kind: row.kind,
  version: row.version,
  publishedAt: row.publishedAt.toISOString(),
  paragraphs: { en: paragraphsOf(row.bodyEn), es: paragraphsOf(row.bodyEs) },
});

async function readCurrentDocument(db: Executor, kind: LegalDocumentKind) {
  const [row] = await db
    .select()
    .from(legalDocuments)
    .where(eq(legalDocuments.kind, kind))
    .orderBy(desc(legalDocuments.publishedAt), desc(legalDocuments.version))
    .limit(1);
  return row ? toDocument(row) : null;
}

async function cached(db: Executor, now = Date.now()): Promise<Cached> {
  const hit = caches.get(db);
  if (hit && now - hit.at < CACHE_MS) return hit;
  const [company, terms, privacy] = await Promise.all([
    readCompany(db),
    readCurrentDocument(db, "terms"),
    readCurrentDocument(db, "privacy"),
  ]);
  const fresh = { at: now, company, documents: { terms, privacy } };
  caches.set(db, fresh);
  return fresh;
}

/** Forget the copy (after a change, and in tests that change the rows directly). */
export function forgetCompanyCache(db: Executor) {
  caches.delete(db);
}

export async function companyProfile(db: Executor): Promise<Company> {
  return (await cached(db)).company;
}

/** The version customers read and accept now (null only before migration 0017 has run). */
export async function currentLegalDocument(db: Executor, kind: LegalDocumentKind) {
  return (await cached(db)).documents[kind];
}

export async function legalDocumentVersion(db: Executor, kind: LegalDocumentKind, version: string) {
  const [row] = await db
    .select()
    .from(legalDocuments)
    .where(and(eq(legalDocuments.kind, kind), eq(legalDocuments.version, version)));
  return row ? toDocument(row) : null;
}

export async function legalDocumentHistory(db: Executor, kind: LegalDocumentKind) {
  const rows = await db
    .select({ version: legalDocuments.version, publishedAt: legalDocuments.publishedAt })
    .from(legalDocuments)
    .where(eq(legalDocuments.kind, kind))
    .orderBy(desc(legalDocuments.publishedAt));
  return rows.map((r) => ({ version: r.version, publishedAt: r.publishedAt.toISOString() }));
}

export async function saveCompanyProfile(db: Executor, actor: Actor, input: CompanyProfile) {
  await db.transaction(async (tx) => {
    const before = await readCompany(tx);
    const values = { ...input, updatedAt: new Date(), updatedBy: actor.id };
    await tx
      .insert(companySettings)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: companySettings.id, set: values });
    await tx.insert(auditLog).values({
      entityType: "company",
      entityId: "1",
      action: "company_updated",
      actor: `staff:${actor.id}`,
      data: { before: { ...before, hasLogo: undefined, logoVersion: undefined }, after: input },
    });
  });
  forgetCompanyCache(db);
}

export async function setCompanyLogo(db: Executor, actor: Actor, logo: { type: LogoType; bytes: Buffer } | null) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(companySettings)
      .set({
        logoType: logo?.type ?? null,
        logoBase64: logo ? logo.bytes.toString("base64") : null,
        updatedAt: new Date(),
        updatedBy: actor.id,
      })
      .where(eq(companySettings.id, 1))
      .returning({ id: companySettings.id });
    if (!row) throw new Error("company_settings has no row: run the migrations");
    await tx.insert(auditLog).values({
      entityType: "company",
      entityId: "1",
      action: logo ? "logo_replaced" : "logo_removed",
      actor: `staff:${actor.id}`,
      data: logo ? { type: logo.type, bytes: logo.bytes.length } : {},
    });
  });
  forgetCompanyCache(db);
}

export async function companyLogo(db: Executor): Promise<{ type: LogoType; bytes: Buffer } | null> {
  const [row] = await db
    .select({ type: companySettings.logoType, data: companySettings.logoBase64 })
    .from(companySettings)
    .where(eq(companySettings.id, 1));
  return row?.type && row.data ? { type: row.type, bytes: Buffer.from(row.data, "base64") } : null;
}

/**
 * A new version of the terms or the privacy policy. Versions only move forward (a version older
 * than the current one would confuse what an acceptance agreed to) and never change once published.
 */
export async function publishLegalDocument(
  db: Executor,
  actor: Actor,
  input: LegalDocumentInput,
): Promise<{ ok: true } | { ok: false; field: "version"; message: string }> {
  const result = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ version: legalDocuments.version })
      .from(legalDocuments)
      .where(eq(legalDocuments.kind, input.kind))
      .orderBy(desc(legalDocuments.publishedAt), desc(legalDocuments.version))
      .limit(1)
      .for("update");
    if (current && compareVersions(input.version, current.version) <= 0)
      return {
        ok: false as const,
        field: "version" as const,
        message: `Version ${input.version} is not after the current version ${current.version}.`,
      };
    const [row] = await tx
      .insert(legalDocuments)
      .values({ ...input, publishedBy: actor.id })
      .onConflictDoNothing()
      .returning({ id: legalDocuments.id });
    if (!row)
      return { ok: false as const, field: "version" as const, message: `Version ${input.version} already exists.` };
    await tx.insert(auditLog).values({
      entityType: "legal_document",
      entityId: row.id,
      action: "published",
      actor: `staff:${actor.id}`,
      data: { kind: input.kind, version: input.version },
    });
    return { ok: true as const };
  });
  forgetCompanyCache(db);
  return result;
}

/** 2027-01-15 < 2027-01-15.2 < 2027-01-15.10 < 2027-01-16. */
export function compareVersions(a: string, b: string) {
  const [dateA = "", nA = "0"] = a.split(".");
  const [dateB = "", nB = "0"] = b.split(".");
  return dateA === dateB ? Number(nA) - Number(nB) : dateA < dateB ? -1 : 1;
}
