import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "#db/schema";
import { effectiveBookQuery } from "~/models/catalog.server";
import { createDraft, getPriceBook, publishDraft, setDraftPrices } from "~/models/price-book.server";
import { loader as csvLoader } from "~/routes/staff.price-books.$id.csv";
import { action as importAction, loader as importLoader } from "~/routes/staff.price-books.$id_.import/route";
import type { Actor } from "~/utils/permissions";
import { type CreatedStaff, createStaff } from "../factories";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** The import form as a browser posts it: multipart, the file and which button was pressed. */
function upload(
  id: number,
  cookie: string,
  file: string | Uint8Array<ArrayBuffer>,
  intent = "import",
  name = "prices.csv",
) {
  const form = new FormData();
  form.set("intent", intent);
  form.set("file", new File([file], name, { type: "text/csv" }));
  return new Request(`http://localhost/staff/price-books/${id}/import`, {
    method: "POST",
    headers: { Cookie: cookie },
    body: form,
  });
}

describe.each(TEST_DATABASES)("price book CSV export and import on $name", (target) => {
  const database = useTestDatabase(target);
  let admin: CreatedStaff;
  let sales: CreatedStaff;
  let technician: CreatedStaff;
  let publishedId: number;
  const actor = (): Actor => ({ id: admin.user.id, role: "admin" });

  beforeAll(async () => {
    const db = database().db;
    [admin, sales, technician] = await Promise.all([
      createStaff(db, "admin"),
      createStaff(db, "sales"),
      createStaff(db, "technician"),
    ]);
    const [book] = await effectiveBookQuery(db, "EUR", new Date());
    publishedId = book!.id;
  });

  const exportCsv = async (id: number | string, cookie = admin.cookie) => {
    const answer = await callLoader(csvLoader, req(`/staff/price-books/${id}/csv`, cookie), { id: String(id) });
    return { answer, text: answer.response ? await answer.response.text() : "" };
  };
  const importCsv = (id: number, file: string | Uint8Array<ArrayBuffer>, intent = "import", cookie = admin.cookie) =>
    callAction(importAction, upload(id, cookie, file, intent), { id: String(id) });
  const pricesOf = async (id: number) => (await getPriceBook(database().db, id))!.items;
  /** A fresh draft of the book in effect with every monthly price one euro higher. */
  const changedDraft = async () => {
    const db = database().db;
    const draft = await createDraft(db, actor(), publishedId, "test: csv");
    const items = await pricesOf(draft.id);
    await setDraftPrices(db, actor(), draft.id, {
      set: items.map((i) => ({ ...i, monthlyMinor: i.monthlyMinor + 100 })),
    });
    return draft;
  };

  it("exports a book as a CSV download named by version and currency", async () => {
    const { answer, text } = await exportCsv(publishedId);
    expect(answer.status).toBe(200);
    const book = (await getPriceBook(database().db, publishedId))!.book;
    expect(answer.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(answer.headers.get("Content-Disposition")).toBe(
      `attachment; filename="price-book-v${book.version}-${book.currency}.csv"`,
    );
    expect(answer.headers.get("Cache-Control")).toMatch(/no-store/);
    const lines = text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("sku,name,kind,monthly,setup");
    expect(lines).toHaveLength((await pricesOf(publishedId)).length + 1);
    // Servers come first, add-ons after; "ex44" is a seeded dedicated server at 49.00/99.00.
    expect(lines).toContain("ex44,EX44,server,49.00,99.00");
    expect(lines.at(-1)).not.toMatch(/,server,/);
  });

  it("round-trips: a book exported and imported into a draft gives the draft the same prices", async () => {
    const draft = await changedDraft();
    const original = await pricesOf(publishedId);
    expect(await pricesOf(draft.id)).not.toEqual(original);

    const { text } = await exportCsv(publishedId);
    const answer = await importCsv(draft.id, text);
    expect(answer.status).toBe(200);
    expect(answer.data.errors).toEqual([]);
    expect(answer.data.notice).toMatch(
      new RegExp(`^Imported into version ${draft.version}: ${original.length} prices`),
    );
    expect(answer.data.report).toMatchObject({ imported: true, rejected: 0, accepted: original.length });
    expect(answer.data.report!.rows.every((r) => r.status === "accepted")).toBe(true);
    expect(await pricesOf(draft.id)).toEqual(original);
    // The draft now exports byte for byte as the book it came from.
    expect((await exportCsv(draft.id)).text).toBe(text);
    // One audited write, by the admin who imported.
    const audits = await database()
      .db.select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, "price_book"),
          eq(auditLog.entityId, String(draft.id)),
          eq(auditLog.action, "price_book_prices_changed"),
        ),
      );
    expect(audits).toHaveLength(2); // the test's own change, then the import
    expect(audits.map((a) => a.actor)).toEqual([`staff:${admin.user.id}`, `staff:${admin.user.id}`]);

    // Importing the same file again changes nothing and writes nothing.
    const again = await importCsv(draft.id, text);
    expect(again.status).toBe(200);
    expect(again.data.report).toMatchObject({ imported: false, changed: 0 });
    expect(again.data.notice).toMatch(/Nothing to import/);
  });

  it("checks a file without writing it when asked to check only", async () => {
    const draft = await changedDraft();
    const before = await pricesOf(draft.id);
    const answer = await importCsv(draft.id, (await exportCsv(publishedId)).text, "check");
    expect(answer.status).toBe(200);
    expect(answer.data.notice).toMatch(/would change.*Nothing was written yet/);
    expect(answer.data.report!.rows.find((r) => r.sku === "ex44")?.detail).toBe("Monthly €50.00 → €49.00.");
    expect(await pricesOf(draft.id)).toEqual(before);
  });

  it("imports nothing from a file with bad rows and gives each row its reason", async () => {
    const draft = await changedDraft();
    const before = await pricesOf(draft.id);
    const csv = [
      "sku,name,kind,monthly,setup",
      "ex44,EX44,server,10.00,0", // fine on its own
      "no-such-server,X,server,1.00,0",
      "ex44,EX44,server,11.00,0",
      "cx22,CX22,server,twelve,0",
      "cx32,CX32,server,-1.00,0",
    ].join("\r\n");
    const answer = await importCsv(draft.id, csv);
    expect(answer.status).toBe(400);
    expect(answer.data.errors).toEqual([
      { path: "file", message: expect.stringMatching(/^Nothing was imported: 4 rows were rejected/) },
    ]);
    // Rejected rows come first, each by its line in the file.
    const rows = answer.data.report!.rows;
    expect(rows.map((r) => [r.line, r.sku, r.status])).toEqual([
      [3, "no-such-server", "rejected"],
      [4, "ex44", "rejected"],
      [5, "cx22", "rejected"],
      [6, "cx32", "rejected"],
      [2, "ex44", "accepted"],
    ]);
    expect(rows[0]!.detail).toMatch(/Unknown SKU "no-such-server"/);
    expect(rows[1]!.detail).toMatch(/Duplicate SKU "ex44": line 2/);
    expect(rows[2]!.detail).toMatch(/"twelve" is not an amount/);
    expect(rows[3]!.detail).toMatch(/negative/);
    expect(answer.data.report).toMatchObject({ imported: false, accepted: 1, rejected: 4 });
    expect(await pricesOf(draft.id)).toEqual(before);
  });

  it("refuses a file without the price columns, naming the missing one", async () => {
    const draft = await changedDraft();
    const before = await pricesOf(draft.id);
    const answer = await importCsv(draft.id, "sku,name,monthly\nex44,EX44,10.00\n");
    expect(answer.status).toBe(400);
    expect(answer.data.report!.problems).toEqual(['Missing column "setup".']);
    expect(await pricesOf(draft.id)).toEqual(before);
  });

  it("refuses to import into a published book, and says why", async () => {
    const before = await pricesOf(publishedId);
    const page = await callLoader(importLoader, req(`/staff/price-books/${publishedId}/import`, admin.cookie), {
      id: String(publishedId),
    });
    expect(page.status).toBe(200);
    expect(page.data.book.status).toBe("published");
    const answer = await importCsv(publishedId, (await exportCsv(publishedId)).text);
    expect(answer.status).toBe(409);
    expect(answer.data.errors[0]!.message).toMatch(/already published/);
    expect(await pricesOf(publishedId)).toEqual(before);
  });

  it("refuses uploads it cannot read: no file, too large, not UTF-8, not a form", async () => {
    const draft = await changedDraft();
    const before = await pricesOf(draft.id);
    const empty = await importCsv(draft.id, "");
    expect(empty.status).toBe(400);
    expect(empty.data.errors[0]).toMatchObject({ path: "file", message: expect.stringMatching(/Choose a CSV file/) });
    const big = await importCsv(draft.id, `sku,monthly,setup\n${"ex44,1.00,0\n".repeat(12_000)}`);
    expect(big.status).toBe(413);
    expect(big.data.errors[0]!.message).toMatch(/at most 128 KB/);
    const latin1 = await importCsv(draft.id, new Uint8Array([0x73, 0x6b, 0x75, 0x0a, 0xe9, 0x0a]));
    expect(latin1.status).toBe(400);
    expect(latin1.data.errors[0]!.message).toMatch(/not UTF-8/);
    const badIntent = await importCsv(draft.id, "sku,monthly,setup\nex44,1,1\n", "publish");
    expect(badIntent.status).toBe(400);
    const plain = await callAction(
      importAction,
      req(`/staff/price-books/${draft.id}/import`, admin.cookie, { intent: "import", file: "x" }),
      { id: String(draft.id) },
    );
    expect(plain.status).toBe(415);
    expect(await pricesOf(draft.id)).toEqual(before);
  });

  it("answers 404 for a book that does not exist or an id that is not one", async () => {
    for (const id of ["999999", "abc", "0"]) {
      expect((await exportCsv(id)).answer.status).toBe(404);
      const page = await callLoader(importLoader, req(`/staff/price-books/${id}/import`, admin.cookie), { id });
      expect(page.status).toBe(404);
    }
  });

  it("lets every staff role export, and only admins import (role matrix)", async () => {
    const draft = await changedDraft();
    const before = await pricesOf(draft.id);
    const text = (await exportCsv(publishedId)).text;
    for (const staff of [admin, sales, technician])
      expect((await exportCsv(draft.id, staff.cookie)).answer.status).toBe(200);
    expect((await exportCsv(draft.id, "")).answer.status).toBe(302);

    const pageFor = (cookie: string) =>
      callLoader(importLoader, req(`/staff/price-books/${draft.id}/import`, cookie), { id: String(draft.id) });
    expect((await pageFor(admin.cookie)).status).toBe(200);
    expect((await pageFor(sales.cookie)).status).toBe(403);
    expect((await pageFor(technician.cookie)).status).toBe(403);
    expect((await pageFor("")).status).toBe(302);
    for (const staff of [sales, technician])
      expect((await importCsv(draft.id, text, "import", staff.cookie)).status).toBe(403);
    expect(await pricesOf(draft.id)).toEqual(before);
  });

  it("refuses a draft that was published after its import page was opened", async () => {
    const draft = await changedDraft();
    const db = database().db;
    await publishDraft(db, { id: randomUUID(), role: "admin" }, draft.id, new Date(Date.now() + 365 * 86_400_000));
    const before = await pricesOf(draft.id);
    const answer = await importCsv(draft.id, (await exportCsv(publishedId)).text);
    expect(answer.status).toBe(409);
    expect(await pricesOf(draft.id)).toEqual(before);
  });
});
