import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { auditLog, priceBookItems, priceBooks, proposalVersions } from "#db/schema";
import { TERMS_VERSION } from "~/utils/terms";
import { isDomainError } from "~/domain/errors";
import { bpsToPercentText, minorToDecimalText } from "~/domain/price-book";
import { loadCatalog } from "~/models/catalog.server";
import {
  bookInEffect,
  catalogProducts,
  createDraft,
  deleteDraft,
  getPriceBook,
  publishDraft,
  saveDraft,
  setDraftPrices,
  updateDraftSettings,
} from "~/models/price-book.server";
import { previewImpact } from "~/models/price-impact.server";
import { action as quotePageAction } from "~/routes/q.$token/route";
import { action as bookAction, loader as bookLoader } from "~/routes/staff.price-books.$id/route";
import { action as listAction, loader as listLoader } from "~/routes/staff.price-books._index/route";
import { loader as diffLoader } from "~/routes/staff.price-books.diff/route";
import { acceptQuote } from "~/services/payments.server";
import type { Actor } from "~/utils/permissions";
import { createQuote, createStaff } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const HOUR = 3_600_000;

/** An admin as the models see one (the audit log names them; no users row is needed). */
const someAdmin = (): Actor => ({ id: randomUUID(), role: "admin" });

/** A new draft copied from the EUR book in effect now. */
async function eurDraft(db: Database, admin: Actor = someAdmin()) {
  const current = await bookInEffect(db, "EUR");
  return createDraft(db, admin, current!.id, "test draft");
}

/** What the draft page's form posts when nothing is touched: every product's price and every setting. */
async function fullForm(db: Database, id: number): Promise<Record<string, string>> {
  const found = (await getPriceBook(db, id))!;
  const form: Record<string, string> = { intent: "save", note: found.book.note ?? "" };
  const priced = new Map(found.items.map((i) => [i.sku, i]));
  for (const p of await catalogProducts(db)) {
    const price = priced.get(p.sku);
    form[`price.${p.sku}.monthly`] = price ? minorToDecimalText(price.monthlyMinor) : "";
    form[`price.${p.sku}.setup`] = price ? minorToDecimalText(price.setupMinor) : "";
  }
  for (const t of ["1", "12", "24", "36"]) form[`term.${t}`] = bpsToPercentText(found.book.termDiscountBps[t] ?? 0);
  form.ops = minorToDecimalText(found.book.opsMinorPerServerMonth);
  for (const r of found.book.rateCard) {
    form[`rate.${r.kind}.hourly`] = minorToDecimalText(r.minorPerHour);
    form[`rate.${r.kind}.minutes`] = String(r.minimumMinutes);
  }
  return form;
}

const auditOf = (db: Database, id: number) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "price_book"), eq(auditLog.entityId, String(id))))
    .orderBy(auditLog.id);

/** Rejections of a Promise.allSettled as DomainError codes (anything else fails the test). */
function refusalCodes(results: PromiseSettledResult<unknown>[]) {
  return results
    .filter((r): r is PromiseRejectedResult => r.status === "rejected")
    .map((r) => {
      if (!isDomainError(r.reason)) throw r.reason;
      return r.reason.code;
    });
}

/** A statement the migration's triggers refuse (drizzle wraps the database's error as the cause). */
async function expectTriggerRefusal(statement: Promise<unknown>) {
  const error = await statement.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the statement went through").toBeInstanceOf(Error);
  const cause = (error as Error & { cause?: { message?: string } }).cause;
  expect(cause?.message ?? (error as Error).message).toMatch(/published and cannot change/);
}

describe.each(TEST_DATABASES)("price books as versions on $name", (target) => {
  const database = useTestDatabase(target);

  it("a book published for a future moment takes effect exactly at that moment", async () => {
    const db = database().db;
    const admin = someAdmin();
    const now = new Date();
    const before = await bookInEffect(db, "EUR", now);
    const draft = await eurDraft(db, admin);
    const sku = (await getPriceBook(db, draft.id))!.items[0]!.sku;
    await setDraftPrices(db, admin, draft.id, { set: [{ sku, monthlyMinor: 987_65, setupMinor: 0 }] });
    const at = new Date(Math.floor(now.getTime() / 1000) * 1000 + 5 * HOUR);
    const published = await publishDraft(db, admin, draft.id, at, now);
    expect(published.effectiveFrom!.getTime()).toBe(at.getTime());

    const justBefore = await loadCatalog(db, new Date(at.getTime() - 1));
    const atMoment = await loadCatalog(db, at);
    expect(justBefore.priceBook.id).toBe(before!.id);
    expect(atMoment.priceBook.id).toBe(draft.id);
    expect(atMoment.priceBook.prices[sku]).toEqual({ monthlyMinor: 987_65, setupMinor: 0 });
    expect(justBefore.priceBook.prices[sku]).not.toEqual({ monthlyMinor: 987_65, setupMinor: 0 });
    // Now, nothing has changed yet.
    expect((await loadCatalog(db, new Date())).priceBook.id).toBe(before!.id);

    const admin2 = await createStaff(db, "admin");
    const list = await callLoader(listLoader, req("/staff/price-books", admin2.cookie));
    const standing = (id: number) => list.data.books.find((b) => b.id === id)?.standing;
    expect(standing(before!.id)).toBe("in_effect");
    expect(standing(draft.id)).toBe("scheduled");
  });

  it("two admins publishing at once leave exactly one book per moment; the other is refused in words", async () => {
    const db = database().db;
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 + 9 * HOUR);
    // The same draft, twice at once.
    const draft = await eurDraft(db);
    const same = await Promise.allSettled([
      publishDraft(db, someAdmin(), draft.id, at),
      publishDraft(db, someAdmin(), draft.id, at),
    ]);
    expect(same.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(refusalCodes(same)).toEqual(["book_not_draft"]);

    // Two drafts for one moment.
    const later = new Date(at.getTime() + HOUR);
    const [a, b] = [await eurDraft(db), await eurDraft(db)];
    const both = await Promise.allSettled([
      publishDraft(db, someAdmin(), a.id, later),
      publishDraft(db, someAdmin(), b.id, later),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(refusalCodes(both)).toEqual(["effective_taken"]);
    const atLater = await db
      .select({ id: priceBooks.id })
      .from(priceBooks)
      .where(
        and(
          eq(priceBooks.currency, "EUR"),
          eq(priceBooks.status, "published"),
          sql`${priceBooks.effectiveFrom} = ${later.toISOString()}::timestamptz`,
        ),
      );
    expect(atLater).toHaveLength(1);
    expect((await loadCatalog(db, later)).priceBook.id).toBe(atLater[0]!.id);

    // Through the page, as two admins would: one publishes, the other reads why not (409), no 500.
    const c = await eurDraft(db);
    const [one, two] = [await createStaff(db, "admin"), await createStaff(db, "admin")];
    const post = (cookie: string) =>
      callAction(bookAction, req(`/staff/price-books/${c.id}`, cookie, { intent: "publish", when: "now" }), {
        id: String(c.id),
      });
    const answers = await Promise.all([post(one.cookie), post(two.cookie)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = answers.find((r) => r.status === 409)!;
    expect(refused.data.errors[0]!.message).toMatch(/already published/);
  });

  it("a published book refuses every change: the model with book_not_draft, a raw UPDATE by the trigger", async () => {
    const db = database().db;
    const admin = someAdmin();
    const draft = await eurDraft(db, admin);
    const book = await publishDraft(db, admin, draft.id, new Date(Date.now() + 20 * HOUR));
    const item = (await getPriceBook(db, book.id))!.items[0]!;
    const refusals = await Promise.allSettled([
      setDraftPrices(db, admin, book.id, { set: [{ sku: item.sku, monthlyMinor: 1, setupMinor: 1 }] }),
      updateDraftSettings(db, admin, book.id, { opsMinorPerServerMonth: 1 }),
      saveDraft(db, admin, book.id, { settings: { note: "x" }, prices: new Map() }),
      deleteDraft(db, admin, book.id),
      publishDraft(db, admin, book.id, new Date(Date.now() + 30 * HOUR)),
    ]);
    expect(refusalCodes(refusals)).toEqual(Array(5).fill("book_not_draft"));

    await expectTriggerRefusal(db.execute(sql`update price_books set note = 'sneaky' where id = ${book.id}`));
    await expectTriggerRefusal(
      db.execute(sql`update price_book_items set monthly_minor = 1 where price_book_id = ${book.id}`),
    );
    await expectTriggerRefusal(
      db.execute(
        sql`insert into price_book_items (price_book_id, sku, monthly_minor, setup_minor) values (${book.id}, 'x-new', 1, 1)`,
      ),
    );
    await expectTriggerRefusal(db.execute(sql`delete from price_books where id = ${book.id}`));
    const after = (await getPriceBook(db, book.id))!;
    expect(after.book.note).toBe("test draft");
    expect(after.items.find((i) => i.sku === item.sku)).toEqual(item);

    // The page answers a save to a published book with 409 and writes nothing.
    const staff = await createStaff(db, "admin");
    const form = { ...(await fullForm(db, book.id)), note: "changed" };
    const answer = await callAction(bookAction, req(`/staff/price-books/${book.id}`, staff.cookie, form), {
      id: String(book.id),
    });
    expect(answer.status).toBe(409);
    expect((await getPriceBook(db, book.id))!.book.note).toBe("test draft");
  });

  it("the impact preview's numbers are what the refreshes then do; accepted quotes are left out", async () => {
    const db = database().db;
    const plain = await createQuote(db);
    const longer = await createQuote(db, {
      requirements: { termMonths: 24 },
      workloads: [{ kind: "web_app", visitsPerDay: 40_000 }],
    });
    const review = await createQuote(db, { requirements: { specialRequirements: "We bring our own IP range." } });
    const accepted = await createQuote(db);
    await acceptQuote(db, {
      quoteRequestId: accepted.id,
      version: 1,
      tier: "lean",
      name: "Ana",
      company: "",
      email: "ana@example.com",
      poNumber: "",
      termsVersion: TERMS_VERSION,
      ip: null,
      userAgent: null,
      shareLinkId: null,
    });
    for (const q of [plain, longer, review, accepted])
      await db
        .update(proposalVersions)
        .set({ validUntil: new Date(Date.now() - 60_000) })
        .where(eq(proposalVersions.quoteRequestId, q.id));

    // Every monthly price up 10 % and the 24-month discount changed: every open quote moves.
    const admin = await createStaff(db, "admin");
    const draft = await eurDraft(db, admin.user);
    const form = await fullForm(db, draft.id);
    for (const key of Object.keys(form))
      if (key.endsWith(".monthly") && form[key])
        form[key] = minorToDecimalText(Math.round(Number(form[key]!.replace(".", "")) * 1.1));
    form["term.24"] = "9.5";
    const saved = await callAction(bookAction, req(`/staff/price-books/${draft.id}`, admin.cookie, form), {
      id: String(draft.id),
    });
    expect(saved.status).toBe(200);

    const impact = (await previewImpact(db, draft.id))!;
    const find = (id: string) => impact.quotes.find((q) => q.quoteRequestId === id);
    expect(find(accepted.id)).toBeUndefined();
    expect(find(review.id)?.underReview).toBe(true);
    expect(find(plain.id)?.underReview).toBe(false);
    expect(impact.changed).toBe(impact.quotes.filter((q) => q.unavailable.length === 0).length);
    expect(impact.monthlyDeltaMinor).toBe(
      impact.quotes.filter((q) => !q.unavailable.length).reduce((s, q) => s + q.monthlyDeltaMinor, 0),
    );
    expect(impact.underReview).toBe(impact.quotes.filter((q) => q.underReview).length);
    // The page shows the same preview.
    const page = await callLoader(bookLoader, req(`/staff/price-books/${draft.id}`, admin.cookie), {
      id: String(draft.id),
    });
    expect(page.data.impact?.changed).toBe(impact.changed);

    await callAction(
      bookAction,
      req(`/staff/price-books/${draft.id}`, admin.cookie, { intent: "publish", when: "now" }),
      {
        id: String(draft.id),
      },
    );
    expect((await loadCatalog(db)).priceBook.id).toBe(draft.id);

    for (const q of [plain, longer]) {
      const predicted = find(q.id)!;
      expect(predicted.monthlyDeltaMinor).toBeGreaterThan(0);
      const r = await callAction(quotePageAction, req(`/q/${q.token}`, undefined, { intent: "refresh" }), {
        token: q.token,
      });
      expect(r.status).toBe(303);
      const [v2] = await db
        .select()
        .from(proposalVersions)
        .where(and(eq(proposalVersions.quoteRequestId, q.id), eq(proposalVersions.version, 2)));
      expect(v2!.priceBookId).toBe(draft.id);
      const done = v2!.changes!.map(({ lines: _l, ...tier }) => tier);
      expect(predicted.tiers).toEqual(done);
      expect(predicted.monthlyDeltaMinor).toBe(done.reduce((s, t) => s + t.newMonthlyMinor - t.oldMonthlyMinor, 0));
      expect(predicted.setupDeltaMinor).toBe(done.reduce((s, t) => s + t.newSetupMinor - t.oldSetupMinor, 0));
    }
    // The accepted quote keeps its version: nothing was repriced.
    expect(
      await db.select().from(proposalVersions).where(eq(proposalVersions.quoteRequestId, accepted.id)),
    ).toHaveLength(1);
  });

  it("every change is in the audit log with who, before and after", async () => {
    const db = database().db;
    const admin = await createStaff(db, "admin");
    const created = await callAction(
      listAction,
      req("/staff/price-books", admin.cookie, { intent: "draft", fromId: String((await bookInEffect(db, "EUR"))!.id) }),
    );
    expect(created.status).toBe(302);
    const id = Number(created.location!.split("/").at(-1));
    const form = await fullForm(db, id);
    const sku = Object.keys(form)
      .find((k) => k.endsWith(".monthly") && form[k])!
      .split(".")[1]!;
    const old = (await getPriceBook(db, id))!.items.find((i) => i.sku === sku)!;
    form[`price.${sku}.monthly`] = "1234,50";
    form.ops = "25";
    form["rate.emergency.minutes"] = "30";
    const saved = await callAction(bookAction, req(`/staff/price-books/${id}`, admin.cookie, form), { id: String(id) });
    expect(saved.status).toBe(200);
    expect(saved.data.notice).toMatch(/Saved 1 price and the settings/);
    // The same form again changes nothing and logs nothing.
    const again = await callAction(bookAction, req(`/staff/price-books/${id}`, admin.cookie, form), { id: String(id) });
    expect(again.data.notice).toBe("Nothing changed.");
    await callAction(
      bookAction,
      req(`/staff/price-books/${id}`, admin.cookie, {
        intent: "publish",
        when: "at",
        effectiveAt: new Date(Date.now() + 40 * HOUR).toISOString().slice(0, 16),
      }),
      { id: String(id) },
    );

    const rows = await auditOf(db, id);
    expect(rows.map((r) => r.action)).toEqual([
      "price_book_drafted",
      "price_book_prices_changed",
      "price_book_settings_changed",
      "price_book_published",
    ]);
    expect(rows.every((r) => r.actor === `staff:${admin.user.id}`)).toBe(true);
    expect(rows[0]!.data).toMatchObject({ before: null, after: { currency: "EUR" } });
    expect(rows[1]!.data).toEqual({
      before: [old],
      after: [{ sku, monthlyMinor: 1234_50, setupMinor: old.setupMinor }],
      removed: [],
    });
    expect(rows[2]!.data).toMatchObject({
      before: { opsMinorPerServerMonth: expect.any(Number) as number },
      after: { opsMinorPerServerMonth: 2500 },
    });
    const rateOf = (d: unknown) =>
      (d as { rateCard: { kind: string; minimumMinutes: number }[] }).rateCard.find((r) => r.kind === "emergency")!
        .minimumMinutes;
    expect(rateOf((rows[2]!.data as { after: unknown }).after)).toBe(30);
    expect(rows[3]!).toMatchObject({
      fromStatus: "draft",
      toStatus: "published",
      data: { before: { status: "draft" }, after: { status: "published" } },
    });

    // Deleting a draft records what it held.
    const other = await eurDraft(db);
    const deleted = await callAction(
      bookAction,
      req(`/staff/price-books/${other.id}`, admin.cookie, { intent: "delete" }),
      { id: String(other.id) },
    );
    expect(deleted.location).toBe("/staff/price-books");
    expect(await getPriceBook(db, other.id)).toBeNull();
    const [gone] = (await auditOf(db, other.id)).filter((r) => r.action === "price_book_draft_deleted");
    expect(gone!.data).toMatchObject({ before: { version: other.version }, after: null });
  });

  it("sales and technicians read the pages; only admins write", async () => {
    const db = database().db;
    const draft = await eurDraft(db);
    const current = (await bookInEffect(db, "EUR"))!;
    for (const role of ["sales", "technician", "admin"] as const) {
      const { cookie } = await createStaff(db, role);
      expect((await callLoader(listLoader, req("/staff/price-books", cookie))).status).toBe(200);
      const book = await callLoader(bookLoader, req(`/staff/price-books/${draft.id}`, cookie), {
        id: String(draft.id),
      });
      expect(book.status).toBe(200);
      expect(book.data.canWrite).toBe(role === "admin");
      const diff = await callLoader(
        diffLoader,
        req(`/staff/price-books/diff?from=${current.id}&to=${draft.id}`, cookie),
      );
      expect(diff.status).toBe(200);
      expect(diff.data.diff?.items.length).toBeGreaterThan(0);
      const write = await callAction(
        bookAction,
        req(`/staff/price-books/${draft.id}`, cookie, {
          intent: "publish",
          when: "at",
          effectiveAt: "2099-01-01T00:00",
        }),
        { id: String(draft.id) },
      );
      const copy = await callAction(
        listAction,
        req("/staff/price-books", cookie, { intent: "draft", fromId: String(current.id) }),
      );
      if (role === "admin") {
        expect(copy.status).toBe(302);
        expect(write.status).toBe(200);
      } else {
        expect(write.status).toBe(403);
        expect(copy.status).toBe(403);
        expect((await getPriceBook(db, draft.id))!.book.status).toBe("draft");
      }
    }
    // Signed out: to the login page. Unknown and malformed ids: 404.
    expect((await callLoader(listLoader, req("/staff/price-books"))).location).toMatch(/^\/staff\/login/);
    const { cookie } = await createStaff(db, "sales");
    expect((await callLoader(bookLoader, req("/staff/price-books/999999", cookie), { id: "999999" })).status).toBe(404);
    expect((await callLoader(bookLoader, req("/staff/price-books/1abc", cookie), { id: "1abc" })).status).toBe(404);
    const bad = await callLoader(diffLoader, req("/staff/price-books/diff?from=abc&to=1", cookie));
    expect(bad.status).toBe(400);
    expect(bad.data.errors[0]!.path).toBe("from");
  });

  it("bad input is a 400 with the field's error, and nothing is written", async () => {
    const db = database().db;
    const admin = await createStaff(db, "admin");
    const draft = await eurDraft(db, admin.user);
    const sku = (await getPriceBook(db, draft.id))!.items[0]!.sku;
    const before = await getPriceBook(db, draft.id);
    const auditBefore = (await auditOf(db, draft.id)).length;
    const post = async (changes: Record<string, string>) =>
      callAction(
        bookAction,
        req(`/staff/price-books/${draft.id}`, admin.cookie, { ...(await fullForm(db, draft.id)), ...changes }),
        { id: String(draft.id) },
      );
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ [`price.${sku}.monthly`]: "-5" }, `price.${sku}.monthly`, /cannot be negative/],
      [{ [`price.${sku}.setup`]: "abc" }, `price.${sku}.setup`, /such as 12.50/],
      [{ [`price.${sku}.monthly`]: "" }, `price.${sku}.monthly`, /Enter both prices/],
      [{ "term.12": "150" }, "term.12", /at most 100 %/],
      [{ "term.24": "abc" }, "term.24", /percentage/],
      [{ "rate.business_hours.hourly": "0" }, "rate.business_hours.hourly", /more than 0/],
      [{ "rate.off_hours.minutes": "0" }, "rate.off_hours.minutes", /Between 1 and 480/],
      [{ ops: "12.345" }, "ops", /2 decimals/],
      [{ "price.not-a-product.monthly": "5" }, "", /does not know/],
    ];
    for (const [changes, path, message] of cases) {
      const answer = await post(changes);
      expect(answer.status, JSON.stringify(changes)).toBe(400);
      const error = answer.data.errors.find((e) => e.path === path);
      expect(error?.message, JSON.stringify(answer.data.errors)).toMatch(message);
      // The form comes back as typed.
      expect(answer.data.values).toMatchObject(changes);
    }
    // A valid price beside an invalid one: neither is written.
    const mixed = await post({ [`price.${sku}.monthly`]: "1.00", "term.1": "101" });
    expect(mixed.status).toBe(400);

    const past = await callAction(
      bookAction,
      req(`/staff/price-books/${draft.id}`, admin.cookie, {
        intent: "publish",
        when: "at",
        effectiveAt: new Date(Date.now() - 2 * HOUR).toISOString().slice(0, 16),
      }),
      { id: String(draft.id) },
    );
    expect(past.status).toBe(400);
    expect(past.data.errors[0]).toMatchObject({
      path: "effectiveAt",
      message: expect.stringMatching(/never in the past/) as string,
    });
    const nonsense = await callAction(
      bookAction,
      req(`/staff/price-books/${draft.id}`, admin.cookie, {
        intent: "publish",
        when: "at",
        effectiveAt: "2027-02-30T10:00",
      }),
      { id: String(draft.id) },
    );
    expect(nonsense.status).toBe(400);
    expect(nonsense.data.errors[0]!.path).toBe("effectiveAt");

    expect(await getPriceBook(db, draft.id)).toEqual(before);
    expect(await auditOf(db, draft.id)).toHaveLength(auditBefore);
    expect(await db.select().from(priceBookItems).where(eq(priceBookItems.priceBookId, draft.id))).toHaveLength(
      before!.items.length,
    );
  });

  it("the comparison shows per product old, new and change in %, and the settings that changed", async () => {
    const db = database().db;
    const admin = await createStaff(db, "admin");
    const current = (await bookInEffect(db, "EUR"))!;
    const draft = await eurDraft(db, admin.user);
    const [first, second] = (await getPriceBook(db, draft.id))!.items;
    await saveDraft(db, admin.user, draft.id, {
      settings: { termDiscountBps: { ...current.termDiscountBps, "12": 1234 } },
      prices: new Map([
        [first!.sku, { monthlyMinor: first!.monthlyMinor * 2, setupMinor: first!.setupMinor }],
        [second!.sku, null],
      ]),
    });
    const diff = await callLoader(
      diffLoader,
      req(`/staff/price-books/diff?from=${current.id}&to=${draft.id}`, admin.cookie),
    );
    const items = diff.data.diff!.items;
    expect(items.find((i) => i.sku === first!.sku)).toMatchObject({ change: "changed", monthlyChangeBps: 10_000 });
    expect(items.find((i) => i.sku === second!.sku)).toMatchObject({ change: "removed", new: null });
    expect(diff.data.diff!.settings).toEqual([
      { setting: "term_discount", termMonths: 12, oldBps: current.termDiscountBps["12"], newBps: 1234 },
    ]);
    const usd = await bookInEffect(db, "USD");
    if (usd) {
      const mixed = await callLoader(
        diffLoader,
        req(`/staff/price-books/diff?from=${usd.id}&to=${draft.id}`, admin.cookie),
      );
      expect(mixed.status).toBe(400);
      expect(mixed.data.errors[0]!.message).toMatch(/never converted/);
    }
  });
});
