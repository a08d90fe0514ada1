import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  type CsvPriceRow,
  type CsvProduct,
  type RowOutcome,
  checkPriceBookCsv,
  minorToDecimal,
  serialisePriceBookCsv,
} from "~/domain/price-book-csv";

const ROWS: CsvPriceRow[] = [
  { sku: "ax52", name: "AX52", kind: "server", monthlyMinor: 6900, setupMinor: 10700 },
  { sku: "cx22", name: 'Cloud "small", shared', kind: "server", monthlyMinor: 599, setupMinor: 0 },
  { sku: "ram-32", name: "RAM +32 GB", kind: "ram", monthlyMinor: 1250, setupMinor: 5 },
  { sku: "ipv4", name: "Extra IPv4", kind: "ipv4", monthlyMinor: 100_000_000, setupMinor: 1 },
];
const KNOWN = new Map<string, CsvProduct>(ROWS.map(({ sku, name, kind }) => [sku, { sku, name, kind }]));

const HEADER = "sku,name,kind,monthly,setup";
const check = (text: string, known = KNOWN) => checkPriceBookCsv(text, known);
const rejected = (row: RowOutcome | undefined) => (row?.status === "rejected" ? row.reasons.map((r) => r.code) : []);

describe("price book CSV export", () => {
  it("writes a header, one row per product, euros with two decimals, CRLF and a byte-order mark", () => {
    const csv = serialisePriceBookCsv(ROWS);
    expect(csv.startsWith("\uFEFFsku,name,kind,monthly,setup\r\n")).toBe(true);
    expect(csv).toContain("\r\nax52,AX52,server,69.00,107.00\r\n");
    expect(csv).toContain("\r\nram-32,RAM +32 GB,ram,12.50,0.05\r\n");
    expect(csv).toContain("\r\nipv4,Extra IPv4,ipv4,1000000.00,0.01\r\n");
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(ROWS.length + 1);
  });

  it("quotes names with commas and quotes, and a spreadsheet reads them back unchanged", () => {
    const csv = serialisePriceBookCsv(ROWS);
    expect(csv).toContain('cx22,"Cloud ""small"", shared",server,5.99,0.00');
    const cells = parse(csv, { bom: true }) as string[][];
    expect(cells[2]).toEqual(["cx22", 'Cloud "small", shared', "server", "5.99", "0.00"]);
  });

  it("guards every cell a spreadsheet would run as a formula with a leading apostrophe", () => {
    const evil: CsvPriceRow[] = ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\uFF1D1+1"].map((name, i) => ({
      sku: `sku-${i}`,
      name,
      kind: "server",
      monthlyMinor: 100,
      setupMinor: 0,
    }));
    const cells = (parse(serialisePriceBookCsv(evil), { bom: true }) as string[][]).slice(1).map((r) => r[1]);
    expect(cells).toEqual(["'=HYPERLINK(1)", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tcmd", "'\uFF1D1+1"]);
    // Harmless text is left alone, including a dash inside a name.
    const plain = serialisePriceBookCsv([{ ...evil[0]!, name: "AX52 - fast" }]);
    expect(plain).toContain(",AX52 - fast,");
  });

  it("formats minor units exactly", () => {
    expect(minorToDecimal(0)).toBe("0.00");
    expect(minorToDecimal(5)).toBe("0.05");
    expect(minorToDecimal(1999)).toBe("19.99");
    expect(minorToDecimal(123456789)).toBe("1234567.89");
  });
});

describe("price book CSV import check", () => {
  it("round-trips: every exported row is accepted with the same prices", () => {
    const result = check(serialisePriceBookCsv(ROWS));
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual(
      ROWS.map((r, i) => ({
        line: i + 2,
        sku: r.sku,
        status: "accepted",
        monthlyMinor: r.monthlyMinor,
        setupMinor: r.setupMinor,
      })),
    );
  });

  it("round-trips names that needed the formula guard", () => {
    const rows: CsvPriceRow[] = [{ ...ROWS[0]!, name: "=cmd" }];
    expect(check(serialisePriceBookCsv(rows)).ok).toBe(true);
  });

  it("rejects each bad row with its reason and line, and accepts the good ones", () => {
    const csv = [
      HEADER,
      "ax52,AX52,server,70.00,0", // 2 fine
      "nope,Nothing,server,1.00,0", // 3 unknown sku
      "cx22,CX22,server,abc,0", // 4 bad number
      "ram-32,RAM,ram,-5.00,0", // 5 negative
      "ax52,AX52,server,71.00,0", // 6 duplicate of line 2
      "ipv4,IPv4,ipv4,1.234,0", // 7 three decimals
      "ipv4,IPv4,server,1.00,", // 8 duplicate, kind mismatch, empty setup
      ",x,server,1,1", // 9 no sku
      "cx22,CX22,server,1000000.01,0", // 10 duplicate (line 4) and too large
      "cx22,CX22", // 11 too few cells
      "cx22,CX22,server,€5.00,0", // 12 currency sign
    ].join("\n");
    const result = check(csv);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([]);
    const byLine = new Map(result.rows.map((r) => [r.line, r]));
    expect(byLine.get(2)).toMatchObject({ status: "accepted", monthlyMinor: 7000 });
    expect(rejected(byLine.get(3))).toEqual(["unknown_sku"]);
    expect(rejected(byLine.get(4))).toEqual(["bad_number"]);
    expect(rejected(byLine.get(5))).toEqual(["negative"]);
    expect(rejected(byLine.get(6))).toEqual(["duplicate_sku"]);
    expect(rejected(byLine.get(7))).toEqual(["too_many_decimals"]);
    expect(rejected(byLine.get(8))).toEqual(["duplicate_sku", "kind_mismatch", "missing_value"]);
    expect(rejected(byLine.get(9))).toEqual(["missing_sku"]);
    expect(rejected(byLine.get(10))).toEqual(["duplicate_sku", "too_large"]);
    expect(rejected(byLine.get(11))).toEqual(expect.arrayContaining(["cell_count", "missing_value"]));
    expect(rejected(byLine.get(12))).toContain("bad_number");
    // Each reason is a sentence naming what is wrong.
    const reasons = result.rows.flatMap((r) => (r.status === "rejected" ? r.reasons : []));
    expect(reasons.find((r) => r.code === "unknown_sku")?.message).toMatch(/Unknown SKU "nope"/);
    expect(reasons.find((r) => r.code === "duplicate_sku")?.message).toMatch(/line 2/);
    expect(reasons.find((r) => r.code === "negative")?.message).toMatch(/monthly "-5.00" is negative/);
    expect(reasons.find((r) => r.code === "kind_mismatch")?.message).toBe(
      'kind "server" does not match: ipv4 is an add-on of kind ipv4.',
    );
  });

  it("refuses a file with a missing or unknown column, naming it, and reads no rows", () => {
    const missing = check("sku,name,kind,monthly\nax52,AX52,server,1.00\n");
    expect(missing.ok).toBe(false);
    expect(missing.problems).toEqual([{ code: "missing_column", message: 'Missing column "setup".' }]);
    expect(missing.rows).toEqual([]);
    const unknown = check("sku,monthly,setup,colour\nax52,1,1,red\n");
    expect(unknown.problems.map((p) => p.code)).toEqual(["unknown_column"]);
    expect(unknown.problems[0]!.message).toMatch(/"colour"/);
    expect(check("sku,monthly,setup,sku\nax52,1,1,ax52\n").problems.map((p) => p.code)).toEqual(["duplicate_column"]);
  });

  it("refuses an empty file, a header alone and broken quoting", () => {
    expect(check("").problems.map((p) => p.code)).toEqual(["no_header"]);
    expect(check("\uFEFF\r\n\r\n").problems.map((p) => p.code)).toEqual(["no_header"]);
    expect(check(`${HEADER}\r\n`).problems.map((p) => p.code)).toEqual(["no_rows"]);
    const broken = check(`${HEADER}\n"ax52,AX52,server,1,1\n`);
    expect(broken.problems.map((p) => p.code)).toEqual(["not_csv"]);
    expect(broken.problems[0]!.message).toMatch(/line 2/);
  });

  it("tolerates a byte-order mark, CRLF, blank and empty rows, spaces, header case and column order", () => {
    const csv = "\uFEFF Setup ,SKU,Monthly\r\n\r\n0.05 , ram-32 ,12.50\r\n,,\r\n107,ax52,69\r\n";
    const result = check(csv);
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      { line: 3, sku: "ram-32", status: "accepted", monthlyMinor: 1250, setupMinor: 5 },
      { line: 5, sku: "ax52", status: "accepted", monthlyMinor: 6900, setupMinor: 10700 },
    ]);
    expect(result.ok).toBe(true);
  });

  it("reads a file a spreadsheet saved with semicolons and decimal commas", () => {
    const result = check("sku;name;kind;monthly;setup\r\nram-32;RAM +32 GB;ram;12,50;0\r\n");
    expect(result.rows).toEqual([{ line: 2, sku: "ram-32", status: "accepted", monthlyMinor: 1250, setupMinor: 0 }]);
  });

  it("counts lines from where a row starts when a quoted name spans lines", () => {
    const csv = `${HEADER}\r\nax52,"two\r\nlines",server,1,1\r\nnope,x,server,1,1\r\n`;
    const result = check(csv);
    expect(result.rows.map((r) => [r.line, r.status])).toEqual([
      [2, "accepted"],
      [4, "rejected"],
    ]);
  });

  it("cuts a runaway cell short in the report", () => {
    const [row] = check(`${HEADER}\n${"x".repeat(5000)},n,server,${"9".repeat(5000)},0\n`).rows;
    expect(row?.sku).toBe(`${"x".repeat(40)}…`);
    expect(row?.status === "rejected" && row.reasons.every((r) => r.message.length < 200)).toBe(true);
  });

  it("accepts a SKU the catalog has lost when the book knows it, without checking its kind", () => {
    const known = new Map<string, CsvProduct>([["old-1", { sku: "old-1", name: "", kind: null }]]);
    expect(check("sku,name,kind,monthly,setup\nold-1,,,1.00,0\n", known).ok).toBe(true);
  });
});
