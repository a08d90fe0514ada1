import { data } from "@remix-run/node";
import { z } from "zod";
import type { Executor } from "#db/client.server";
import { isDomainError } from "~/domain/errors";
import type { Minor } from "~/domain/money";
import { type PriceBookImport, importPriceBookCsv } from "~/models/price-book-csv.server";
import { type FieldError, staffErrorMessage } from "~/utils/domain-error.server";
import { formatMoney } from "~/utils/format";
import type { Actor } from "~/utils/permissions";
import { readUpload } from "~/utils/upload.server";

/**
 * The largest CSV the page takes. A price book is a few hundred rows (about 50 bytes each); this
 * leaves room for thousands, and stays under the server's default body limit (BODY_LIMIT_KB, 256 KB)
 * with the form's own bytes, so an oversized file gets this page's message rather than the server's.
 */
export const MAX_CSV_BYTES = 128 * 1024;

const importForm = z.object({
  intent: z.enum(["check", "import"], { error: "Choose Check the file or Import." }),
  file: z
    .instanceof(Blob, { error: "Choose a CSV file." })
    .refine((f) => f.size > 0, "Choose a CSV file (the one chosen is empty)."),
});

export interface ReportRow {
  line: number;
  sku: string;
  status: "accepted" | "rejected";
  detail: string;
}

export interface ImportReport {
  fileName: string;
  checkOnly: boolean;
  imported: boolean;
  accepted: number;
  rejected: number;
  changed: number;
  unchanged: number;
  problems: string[];
  rows: ReportRow[];
}

const answer = (
  status: number,
  errors: FieldError[],
  notice: string | null = null,
  report: ImportReport | null = null,
) => data({ errors, notice, report }, { status });

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The per-row report as staff read it: amounts formatted in the book's currency, changes spelt out. */
function presentReport(result: PriceBookImport, fileName: string, checkOnly: boolean): ImportReport {
  const money = (minor: Minor) => formatMoney(minor, result.book.currency, "en");
  const changes = new Map(result.changes.map((c) => [c.sku, c]));
  const rows = result.check.rows.map((row): ReportRow => {
    if (row.status === "rejected")
      return { line: row.line, sku: row.sku, status: row.status, detail: row.reasons.map((r) => r.message).join(" ") };
    const change = changes.get(row.sku);
    let detail = "Unchanged.";
    if (change && !change.before)
      detail = `New in this book: monthly ${money(change.after.monthlyMinor)}, setup ${money(change.after.setupMinor)}.`;
    else if (change?.before) {
      const parts: string[] = [];
      if (change.before.monthlyMinor !== change.after.monthlyMinor)
        parts.push(`monthly ${money(change.before.monthlyMinor)} → ${money(change.after.monthlyMinor)}`);
      if (change.before.setupMinor !== change.after.setupMinor)
        parts.push(`setup ${money(change.before.setupMinor)} → ${money(change.after.setupMinor)}`);
      detail = `${parts.join(", ")}.`.replace(/^./, (c) => c.toUpperCase());
    }
    return { line: row.line, sku: row.sku, status: row.status, detail };
  });
  const rejected = rows.filter((r) => r.status === "rejected").length;
  // What needs attention first: rejected rows, then changes; the many unchanged rows last.
  const rank = (r: ReportRow) => (r.status === "rejected" ? 0 : changes.has(r.sku) ? 1 : 2);
  rows.sort((a, b) => rank(a) - rank(b) || a.line - b.line);
  return {
    fileName,
    checkOnly,
    imported: result.imported,
    accepted: rows.length - rejected,
    rejected,
    changed: result.changes.length,
    unchanged: result.unchanged,
    problems: result.check.problems.map((p) => p.message),
    rows,
  };
}

/**
 * Checks an uploaded CSV against the draft and, for "import", writes it: every row accepted or
 * nothing written. Rejected rows answer 400 with the report, each row with its reason.
 */
export async function importCsvAction(db: Executor, actor: Actor, id: number, request: Request) {
  const upload = await readUpload(request, {
    maxBytes: MAX_CSV_BYTES,
    field: "file",
    tooLarge: `The file is too large: at most ${MAX_CSV_BYTES / 1024} KB. Is it a price book?`,
  });
  if (upload.refusal)
    return answer(upload.refusal.status, [{ path: upload.refusal.path, message: upload.refusal.message }]);
  const parsed = importForm.safeParse(Object.fromEntries(upload.form));
  if (!parsed.success)
    return answer(
      400,
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  const { intent, file } = parsed.data;
  const fileName = file instanceof File ? file.name : "upload.csv";
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return answer(400, [
      {
        path: "file",
        message: "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8 (comma delimited)”.",
      },
    ]);
  }
  if (text.includes("\u0000"))
    return answer(400, [{ path: "file", message: "This is not a CSV file (a spreadsheet file?). Save it as CSV." }]);

  let result: PriceBookImport;
  try {
    result = await importPriceBookCsv(db, actor, id, text, { checkOnly: intent === "check" });
  } catch (error) {
    if (isDomainError(error)) return answer(error.status, [{ path: "", message: await staffErrorMessage(error) }]);
    throw error;
  }
  const report = presentReport(result, fileName, intent === "check");
  if (!result.check.ok) {
    const why = report.problems.length
      ? "the file has problems (below)"
      : `${plural(report.rejected, "row was", "rows were")} rejected (see each row's reason below)`;
    return answer(
      400,
      [
        {
          path: "file",
          message: `${report.checkOnly ? "This file cannot be imported" : "Nothing was imported"}: ${why}. Fix the file and try again.`,
        },
      ],
      null,
      report,
    );
  }
  const summary = `${plural(report.changed, "price", "prices")} ${report.checkOnly ? "would change" : "changed"}, ${plural(report.unchanged, "product", "products")} unchanged`;
  const notice = report.checkOnly
    ? `The file is fine: ${summary}. Nothing was written yet.`
    : report.changed === 0
      ? "Nothing to import: every price in the file equals the draft's."
      : `Imported into version ${result.book.version}: ${summary}.`;
  return answer(200, [], notice, report);
}
