import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Database, rowsOf } from "#db/client.server";
import { discountRequests, quoteRequests, reviewItems, reviewNotes } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { TEXT_PROBLEM_EN as TEXT_EN } from "~/domain/text";
import { resources } from "~/locales";
import { createShareLink } from "~/models/share-link.server";
import { claimReviewItem } from "~/models/review-item.server";
import { createUser } from "~/models/user.server";
import { action as estimatesAction } from "~/routes/api.v1.estimates";
import { action as quotePageAction, loader as quotePageLoader } from "~/routes/q.$token/route";
import { action as linkAction } from "~/routes/quote.link/route";
import { action as wizardAction } from "~/routes/quote.new/route";
import { action as shareAction } from "~/routes/s.$token";
import { action as discountsAction } from "~/routes/staff.discounts/route";
import { action as reviewAction } from "~/routes/staff.review.$id/route";
import { action as salesQuoteAction } from "~/routes/staff.sales.$id/route";
import { action as salesQueueAction } from "~/routes/staff.sales._index/route";
import { action as usersAction } from "~/routes/staff.users/route";
import { TERMS_VERSION } from "~/utils/terms";
import { req, settle, staffCookie } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Every text the server answers with, the browser's and the server-only ones (app/locales/index.ts). */
const en = resources.en.translation;
const es = resources.es.translation;

/**
 * Item 8 of issue 12: a control character in any free-text field is a 400 with a field error at
 * that field, never a 500 from the database, and nothing is written. Multi-line fields keep
 * newlines and tabs (and the CRLF browsers send).
 */

/** NUL (PostgreSQL refuses it), BEL, ESC (terminal escapes), DEL, a C1 control. */
const CONTROLS = ["\u0000", "\u0007", "\u001b", "\u007f", "\u0085"];
const bad = (c: string) => `Bad${c}value`;

const plain: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Tex Tfield", email: "text@example.com" },
};
const special: QuoteRequestInput = {
  ...plain,
  requirements: { ...plain.requirements, specialRequirements: "Our own IP range, please." },
};

/** `value` at the dotted `path` of a copy of `base` (numeric segments index arrays). */
function withValue(base: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = path.split(".");
  let node: Record<string, unknown> = copy;
  for (const [i, key] of keys.slice(0, -1).entries()) {
    node[key] ??= /^\d+$/.test(keys[i + 1]!) ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
  return copy;
}

const json = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

interface Answer {
  status: number;
  errors: { path: string; message: string }[];
  location: string | null;
}

/** Status, field errors and redirect target of an action, whichever way it answered. */
async function answer(fn: () => Promise<unknown>): Promise<Answer> {
  // A thrown Response or data() is an answer; anything else thrown (a crash) fails the test.
  const r = await settle(fn);
  if (r.response) {
    const body = r.headers.get("content-type")?.includes("json")
      ? ((await r.response.json()) as { errors?: Answer["errors"] })
      : {};
    return { status: r.status, errors: body.errors ?? [], location: r.location };
  }
  const d = r.data as { errors?: Answer["errors"]; commerce?: { errors: Answer["errors"] } } | null | undefined;
  return { status: r.status, errors: d?.errors ?? d?.commerce?.errors ?? [], location: null };
}

/** Rows per table: any write anywhere shows up. */
async function rowCounts(db: Database) {
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    ),
  );
  const out: Record<string, number> = {};
  for (const { table_name } of tables)
    out[table_name] = rowsOf<{ n: number }>(
      await db.execute(sql.raw(`select count(*)::int as n from "${table_name}"`)),
    )[0]!.n;
  return out;
}

describe.each(TEST_DATABASES)("control characters in text fields on $name", (target) => {
  const database = useTestDatabase(target);

  /** Every value answers 400 with an error at `path` (the control-character sentence) and writes nothing. */
  async function expectRefused(
    path: string,
    values: string[],
    act: (value: string) => Promise<unknown>,
    message: string | null = en.validation.controlCharacters,
  ) {
    const db = database().db;
    const before = await rowCounts(db);
    for (const value of values) {
      const a = await answer(() => act(value));
      expect({ value, status: a.status }).toEqual({ value, status: 400 });
      const error = a.errors.find((e) => e.path === path);
      expect(error, `${JSON.stringify(value)} at ${path}: ${JSON.stringify(a.errors)}`).toBeDefined();
      if (message) expect(error!.message).toBe(message);
    }
    expect(await rowCounts(db)).toEqual(before);
  }

  const submit = (body: unknown, headers?: Record<string, string>) =>
    wizardAction({ request: json("/quote/new", body, headers), params: {}, context: {} });
  /** The API's schema is strict and has no contact: the wizard's body without it. */
  const estimate = (body: unknown) => {
    const { contact: _contact, ...rest } = body as Record<string, unknown>;
    return estimatesAction({ request: json("/api/v1/estimates", rest), params: {}, context: {} });
  };

  const SINGLE = ["contact.name", "contact.company", "workloads.0.name", "workloads.0.measured.0"];
  const MULTI = ["requirements.specialRequirements"];

  it.each([...SINGLE, ...MULTI])("the wizard refuses control characters in %s, and a lone surrogate", async (path) => {
    await expectRefused(path, [...CONTROLS.map(bad), "Bad\ud800value", "Bad\udc00"], (v) =>
      submit(withValue(plain, path, v)),
    );
  });

  it.each(SINGLE.filter((p) => p.startsWith("workloads")).concat(MULTI))(
    "the estimate API refuses control characters in %s",
    async (path) => {
      await expectRefused(path, [...CONTROLS.map(bad), "Bad\ud800value"], (v) => estimate(withValue(plain, path, v)));
    },
  );

  it("single-line fields refuse line breaks and tabs; multi-line ones keep them, and a bare CR is refused", async () => {
    for (const path of SINGLE)
      await expectRefused(
        path,
        ["two\nlines", "a\ttab", "cr\r\nlf"],
        (v) => submit(withValue(plain, path, v)),
        en.validation.singleLine,
      );
    await expectRefused("requirements.specialRequirements", ["bare\rreturn"], (v) =>
      submit(withValue(plain, "requirements.specialRequirements", v)),
    );

    const text = "First line\r\nsecond line\n\tindented";
    const a = await answer(() =>
      submit({
        ...(withValue(plain, "requirements.specialRequirements", text) as object),
        contact: { name: "Multi Line", email: "multi@example.com" },
      }),
    );
    expect(a.status).toBe(302);
    const [stored] = await database()
      .db.select()
      .from(quoteRequests)
      .where(eq(quoteRequests.contactEmail, "multi@example.com"));
    expect(stored!.requirements.specialRequirements).toBe(text);
    expect((await answer(() => estimate(withValue(plain, "requirements.specialRequirements", text)))).status).toBe(200);
    // Accents, emoji (a surrogate pair) and other scripts are text, not control characters.
    expect(await answer(() => submit(withValue(plain, "contact.name", "José Ñúñez 😀 山田")))).toMatchObject({
      status: 302,
    });
  });

  it("answers in the reader's language", async () => {
    const a = await answer(() => submit(withValue(plain, "contact.name", "Bad\u0000"), { "Accept-Language": "es" }));
    expect(a.status).toBe(400);
    expect(a.errors.find((e) => e.path === "contact.name")?.message).toBe(es.validation.controlCharacters);
    const b = await answer(() =>
      submit(withValue(plain, "contact.company", "two\nlines"), { "Accept-Language": "es" }),
    );
    expect(b.errors.find((e) => e.path === "contact.company")?.message).toBe(es.validation.singleLine);
  });

  async function customerQuote(input: QuoteRequestInput = plain) {
    const token = new URL(
      ((await submit(input)) as Response).headers.get("Location")!,
      "http://localhost",
    ).pathname.split("/q/")[1]!;
    const page = (await quotePageLoader({ request: req(`/q/${token}`), params: { token }, context: {} })) as {
      data: { quote: { id: string; proposals: { id: string }[] } };
    };
    return { token, quote: page.data.quote };
  }

  it("the customer's replies and line questions refuse control characters and keep newlines", async () => {
    const { token, quote } = await customerQuote(special);
    const post = (form: Record<string, string>) =>
      quotePageAction({ request: req(`/q/${token}`, undefined, form), params: { token }, context: {} });
    await expectRefused("body", CONTROLS.map(bad), (v) => post({ intent: "reply", body: v }));
    await expectRefused("body", [...CONTROLS.map(bad), "bare\rreturn"], (v) =>
      post({ intent: "ask", body: v, proposalId: quote.proposals[0]!.id, position: "0" }),
    );
    expect((await answer(() => post({ intent: "reply", body: "Yes.\r\nAlso:\tthis" }))).status).toBe(200);
  });

  const acceptForm = (overrides: Record<string, string>) => ({
    intent: "accept",
    version: "1",
    tier: "lean",
    termsVersion: TERMS_VERSION,
    terms: "yes",
    name: "Ana Buyer",
    company: "Pay Co",
    email: "ana@example.com",
    poNumber: "PO-77",
    ...overrides,
  });

  it("the acceptance form refuses control characters and line breaks on the quote page and a share link", async () => {
    const db = database().db;
    const { token, quote } = await customerQuote();
    for (const field of ["name", "company", "poNumber"]) {
      await expectRefused(field, CONTROLS.map(bad), (v) =>
        quotePageAction({
          request: req(`/q/${token}`, undefined, acceptForm({ [field]: v })),
          params: { token },
          context: {},
        }),
      );
      await expectRefused(
        field,
        ["two\nlines"],
        (v) =>
          quotePageAction({
            request: req(`/q/${token}`, undefined, acceptForm({ [field]: v })),
            params: { token },
            context: {},
          }),
        en.validation.singleLine,
      );
    }
    const rep = await createUser(db, {
      email: "text-share@test.local",
      name: "Rep",
      role: "sales",
      password: "correct horse battery",
    });
    const share = await createShareLink(db, { quoteRequestId: quote.id, version: 1, actor: rep! });
    await expectRefused("name", CONTROLS.map(bad), (v) =>
      shareAction({
        request: req(`/s/${share}`, undefined, acceptForm({ name: v })),
        params: { token: share },
        context: {},
      }),
    );
  });

  it("the link request refuses control characters in the address", async () => {
    await expectRefused(
      "email",
      CONTROLS.map((c) => `a${c}b@example.com`),
      (v) => linkAction({ request: req("/quote/link", undefined, { email: v }), params: {}, context: {} }),
      null,
    );
  });

  describe("staff forms", () => {
    let n = 0;
    const staff = async (role: "sales" | "technician" | "admin") => {
      const db = database().db;
      const user = await createUser(db, {
        email: `text-${role}-${++n}@test.local`,
        name: `${role} ${n}`,
        role,
        password: "correct horse battery",
      });
      return { user: user!, cookie: await staffCookie(db, user!.id) };
    };

    it("review notes, messages, reasons, adjustments and reason codes refuse control characters", async () => {
      const db = database().db;
      const { quote } = await customerQuote(special);
      const [item] = await db.select().from(reviewItems).where(eq(reviewItems.quoteRequestId, quote.id));
      const tech = await staff("technician");
      await claimReviewItem(db, item!.id, tech.user.id);
      const post = (form: Record<string, string>) =>
        reviewAction({
          request: req(`/staff/review/${item!.id}`, tech.cookie, form),
          params: { id: item!.id },
          context: {},
        });
      const message = TEXT_EN.control_characters;
      await expectRefused("body", CONTROLS.map(bad), (v) => post({ intent: "note", body: v }), message);
      await expectRefused("body", CONTROLS.map(bad), (v) => post({ intent: "message", body: v }), message);
      await expectRefused("reason", CONTROLS.map(bad), (v) => post({ intent: "decline", reason: v }), message);
      await expectRefused(
        "code",
        CONTROLS.map(bad),
        (v) => post({ intent: "check", code: v, checked: "true" }),
        message,
      );
      const custom = {
        intent: "adjust",
        proposalId: quote.proposals[0]!.id,
        reason: "Firewall",
        "adjustment.op": "custom",
        "adjustment.description": "Managed firewall",
        "adjustment.quantity": "1",
        "adjustment.monthlyMinor": "2500",
        "adjustment.setupMinor": "0",
      };
      await expectRefused("reason", CONTROLS.map(bad), (v) => post({ ...custom, reason: v }), message);
      await expectRefused(
        "adjustment.description",
        CONTROLS.map(bad),
        (v) => post({ ...custom, "adjustment.description": v }),
        message,
      );
      await expectRefused(
        "adjustment.description",
        ["two\nlines"],
        (v) => post({ ...custom, "adjustment.description": v }),
        TEXT_EN.line_break,
      );
      // A note keeps its line breaks and tabs.
      expect((await answer(() => post({ intent: "note", body: "Checked:\r\n\t- routing" }))).status).toBe(200);
      const notes = await db.select().from(reviewNotes).where(eq(reviewNotes.reviewItemId, item!.id));
      expect(notes.map((x) => x.body)).toContain("Checked:\r\n\t- routing");
    });

    it("discount reasons, their approval and staff invitations refuse control characters", async () => {
      const db = database().db;
      const { quote } = await customerQuote();
      const rep = await staff("sales");
      await salesQueueAction({
        request: req("/staff/sales", rep.cookie, { intent: "own", quoteId: quote.id }),
        params: {},
        context: {},
      });
      const discount = (reason: string, percent = "5") =>
        salesQuoteAction({
          request: req(`/staff/sales/${quote.id}`, rep.cookie, { intent: "discount", percent, reason }),
          params: { id: quote.id },
          context: {},
        });
      await expectRefused("reason", CONTROLS.map(bad), (v) => discount(v), TEXT_EN.control_characters);

      expect((await answer(() => discount("Strategic\taccount", "15"))).status).toBe(200);
      const [pending] = await db.select().from(discountRequests).where(eq(discountRequests.quoteRequestId, quote.id));
      const admin = await staff("admin");
      await expectRefused(
        "reason",
        CONTROLS.map(bad),
        (v) =>
          discountsAction({
            request: req("/staff/discounts", admin.cookie, { requestId: pending!.id, decision: "reject", reason: v }),
            params: {},
            context: {},
          }),
        TEXT_EN.control_characters,
      );

      const invite = (name: string) =>
        usersAction({
          request: req("/staff/users", admin.cookie, {
            intent: "invite",
            email: `invitee${++n}@test.local`,
            name,
            role: "sales",
          }),
          params: {},
          context: {},
        });
      await expectRefused("name", CONTROLS.map(bad), invite, TEXT_EN.control_characters);
      await expectRefused("name", ["two\nlines"], invite, TEXT_EN.line_break);
    });
  });
});
