import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { AddonKind } from "./catalog";
import { parseEuros } from "./custom-configuration";
import type { Minor } from "./money";

/**
 * A price book as a spreadsheet (issue 15 item 4): one row per product with its prices in whole
 * currency units ("12.50"), so staff can reprice a book in a spreadsheet and bring it back into a
 * draft. Pure: the model supplies the catalog's products and writes what this accepts.
 *
 * Import reads every row and says, per row, whether it was accepted or why not; the caller imports
 * only when every row is accepted, so a file is never half-applied.
 */
export const CSV_COLUMNS = ["sku", "name", "kind", "monthly", "setup"] as const;
type Column = (typeof CSV_COLUMNS)[number];
/** `name` and `kind` are there for the person reading the file; the prices are keyed by SKU alone. */
const REQUIRED_COLUMNS: readonly Column[] = ["sku", "monthly", "setup"];
/** More rows than any catalog has: a file this long is the wrong file. */
export const MAX_CSV_ROWS = 5000;

export type ProductKind = "server" | AddonKind;

export interface CsvProduct {
  sku: string;
  /** The English catalog name (staff pages are English). */
  name: string;
  /** Null for a SKU the book prices but the catalog no longer has (its kind is not checked). */
  kind: ProductKind | null;
}

export interface CsvPriceRow extends CsvProduct {
  monthlyMinor: Minor;
  setupMinor: Minor;
}

export type RowRejection =
  | "cell_count"
  | "missing_sku"
  | "unknown_sku"
  | "duplicate_sku"
  | "kind_mismatch"
  | "missing_value"
  | "bad_number"
  | "too_many_decimals"
  | "negative"
  | "too_large";

export interface RowReason {
  code: RowRejection;
  /** The column the reason is about ("" for the row as a whole). */
  column: Column | "";
  message: string;
}

export type RowOutcome =
  | { line: number; sku: string; status: "accepted"; monthlyMinor: Minor; setupMinor: Minor }
  | { line: number; sku: string; status: "rejected"; reasons: RowReason[] };

export type FileProblemCode =
  "not_csv" | "no_header" | "missing_column" | "unknown_column" | "duplicate_column" | "no_rows" | "too_many_rows";

export interface FileProblem {
  code: FileProblemCode;
  message: string;
}

export interface CsvImportCheck {
  /** Problems with the file as a whole (header, syntax); when any, `rows` may be empty. */
  problems: FileProblem[];
  rows: RowOutcome[];
  /** True when there is no file problem, at least one row, and every row was accepted. */
  ok: boolean;
}

/** Minor units as the file writes them: "12.50", never through floating point. */
export function minorToDecimal(minor: Minor): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? "-" : ""}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * The book as CSV: a header, then one row per product. RFC 4180 line endings and a byte-order mark,
 * so spreadsheet programs open accented names as UTF-8. A cell a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return, or their full-width forms) gets a leading
 * apostrophe (OWASP "CSV injection"): product names are typed by staff, and the file is opened by others.
 */
export function serialisePriceBookCsv(rows: readonly CsvPriceRow[]): string {
  return stringify(
    [
      [...CSV_COLUMNS],
      ...rows.map((r) => [r.sku, r.name, r.kind ?? "", minorToDecimal(r.monthlyMinor), minorToDecimal(r.setupMinor)]),
    ],
    { bom: true, record_delimiter: "windows", escape_formulas: true },
  );
}

/** The apostrophe the export puts before a formula-like cell, taken off again on the way back. */
const GUARDED = /^'(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/;
const cell = (value: string | undefined) => (value ?? "").replace(GUARDED, "").trim();
/** A cell as a report quotes it: a runaway cell (a whole file pasted into one) is cut short. */
const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/**
 * Spreadsheets set to a language that writes decimals with a comma save CSV with semicolons; the
 * header (which has no quoted commas) tells which one this file uses.
 */
function delimiterOf(text: string): "," | ";" {
  const header = text.slice(0, text.indexOf("\n") === -1 ? undefined : text.indexOf("\n"));
  return header.includes(";") && !header.includes(",") ? ";" : ",";
}

function amount(raw: string, column: "monthly" | "setup"): { minor: Minor } | RowReason {
  if (raw === "") return { code: "missing_value", column, message: `${column} is empty.` };
  const quoted = `"${shown(raw)}"`;
  // A plain number: the book's currency is the file's, so a currency sign is a sign of the wrong file.
  const parsed = /^-?\d[\d.,]*$/.test(raw) ? parseEuros(raw) : ({ ok: false, reason: "format" } as const);
  if (parsed.ok) return { minor: parsed.minor };
  switch (parsed.reason) {
    case "format":
      return {
        code: "bad_number",
        column,
        message: `${column} ${quoted} is not an amount: write it like 12.50 (no thousands separators).`,
      };
    case "decimals":
      return { code: "too_many_decimals", column, message: `${column} ${quoted} has more than 2 decimals.` };
    case "negative":
      return { code: "negative", column, message: `${column} ${quoted} is negative: prices are 0 or more.` };
    case "too_large":
      return { code: "too_large", column, message: `${column} ${quoted} is too large (at most 1,000,000).` };
  }
}

/**
 * Reads a price book CSV against the catalog's products (`known`, by SKU) and reports every row:
 * accepted with its prices, or rejected with each reason. Tolerates a byte-order mark, CRLF or LF
 * line endings, blank lines, columns in any order, header names in any case, and semicolons as the
 * delimiter. Only sku, monthly and setup are required; a `kind` that is given must match the catalog,
 * since a mismatch means the SKU is not the product the person meant.
 */
export function checkPriceBookCsv(text: string, known: ReadonlyMap<string, CsvProduct>): CsvImportCheck {
  const fail = (code: FileProblemCode, message: string): CsvImportCheck => ({
    problems: [{ code, message }],
    rows: [],
    ok: false,
  });
  // One line ending keeps line numbers right for cells that span lines.
  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it ended; the library's types do not follow the option.
    records = parse(normalised, {
      delimiter: delimiterOf(normalised),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    return fail(
      "not_csv",
      `The file is not valid CSV${line ? ` (line ${line})` : ""}: ${error.message.replace(/^[^:]*: /, "")}.`,
    );
  }
  const [header, ...body] = records;
  if (!header) return fail("no_header", `The file is empty: it needs a header row (${CSV_COLUMNS.join(",")}).`);

  const problems: FileProblem[] = [];
  const index = new Map<Column, number>();
  header.record.forEach((raw, i) => {
    const name = cell(raw).toLowerCase();
    if (!(CSV_COLUMNS as readonly string[]).includes(name))
      problems.push({
        code: "unknown_column",
        message: `Unknown column "${shown(cell(raw))}": the columns are ${CSV_COLUMNS.join(", ")}.`,
      });
    else if (index.has(name as Column))
      problems.push({ code: "duplicate_column", message: `The column "${name}" appears twice.` });
    else index.set(name as Column, i);
  });
  for (const column of REQUIRED_COLUMNS)
    if (!index.has(column)) problems.push({ code: "missing_column", message: `Missing column "${column}".` });
  if (body.length === 0) problems.push({ code: "no_rows", message: "The file has a header but no rows." });
  if (body.length > MAX_CSV_ROWS)
    problems.push({
      code: "too_many_rows",
      message: `The file has ${body.length} rows; a price book has at most ${MAX_CSV_ROWS}.`,
    });
  if (problems.length) return { problems, rows: [], ok: false };

  const firstLine = new Map<string, number>();
  const rows = body.map(({ record, info }): RowOutcome => {
    // info.lines is where the record ends; a quoted cell with line breaks started it earlier.
    const line = info.lines - record.reduce((n, c) => n + (c.split("\n").length - 1), 0);
    const get = (column: Column) => {
      const i = index.get(column);
      return i === undefined ? "" : cell(record[i]);
    };
    const sku = get("sku");
    const reasons: RowReason[] = [];
    if (record.length !== header.record.length)
      reasons.push({
        code: "cell_count",
        column: "",
        message: `This row has ${record.length} cells; the header has ${header.record.length}.`,
      });
    const product = known.get(sku);
    if (sku === "") reasons.push({ code: "missing_sku", column: "sku", message: "The SKU is empty." });
    else if (!product)
      reasons.push({
        code: "unknown_sku",
        column: "sku",
        message: `Unknown SKU "${shown(sku)}": no server model or add-on has it.`,
      });
    else if (firstLine.has(sku))
      reasons.push({
        code: "duplicate_sku",
        column: "sku",
        message: `Duplicate SKU "${sku}": line ${firstLine.get(sku)} already prices it.`,
      });
    const kind = get("kind");
    if (product?.kind && kind !== "" && kind.toLowerCase() !== product.kind)
      reasons.push({
        code: "kind_mismatch",
        column: "kind",
        message: `kind "${shown(kind)}" does not match: ${sku} is ${product.kind === "server" ? "a server" : `an add-on of kind ${product.kind}`}.`,
      });
    if (sku !== "" && !firstLine.has(sku)) firstLine.set(sku, line);
    const monthly = amount(get("monthly"), "monthly");
    const setup = amount(get("setup"), "setup");
    for (const a of [monthly, setup]) if ("code" in a) reasons.push(a);
    if (reasons.length || "code" in monthly || "code" in setup)
      return { line, sku: shown(sku), status: "rejected", reasons };
    return { line, sku, status: "accepted", monthlyMinor: monthly.minor, setupMinor: setup.minor };
  });
  return { problems: [], rows, ok: rows.every((r) => r.status === "accepted") };
}
