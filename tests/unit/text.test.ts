import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as zm from "zod/mini";
import en from "~/locales/en";
import es from "~/locales/es";
import { TEXT_PROBLEM_EN, multiLine, singleLine, staffMultiLine, staffSingleLine, textProblem } from "~/domain/text";
import { fieldErrors, zodErrorMap } from "~/utils/validation";

const C0_EXCEPT_WHITESPACE = [...Array(32).keys()]
  .filter((c) => ![9, 10, 13].includes(c))
  .map((c) => String.fromCharCode(c));
const C1_AND_DEL = [0x7f, ...Array.from({ length: 32 }, (_, i) => 0x80 + i)].map((c) => String.fromCharCode(c));

describe("textProblem", () => {
  it("refuses every C0 control but tab, LF and CR, DEL and every C1 control, on one line or many", () => {
    for (const c of [...C0_EXCEPT_WHITESPACE, ...C1_AND_DEL]) {
      expect(textProblem(`a${c}b`, false), JSON.stringify(c)).toBe("control_characters");
      expect(textProblem(`a${c}b`, true), JSON.stringify(c)).toBe("control_characters");
    }
  });

  it("keeps tabs and line breaks (CRLF too) in multi-line text and refuses them on one line; a bare CR is refused", () => {
    for (const s of ["a\nb", "a\tb", "a\r\nb"]) {
      expect(textProblem(s, true)).toBeNull();
      expect(textProblem(s, false)).toBe("line_break");
    }
    expect(textProblem("a\rb", true)).toBe("control_characters");
    expect(textProblem("a\r", true)).toBe("control_characters");
  });

  it("refuses the bidirectional overrides and isolates that disguise text, and keeps the plain marks", () => {
    for (const c of ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])
      expect(textProblem(`evil${c}exe.txt`, false), JSON.stringify(c)).toBe("control_characters");
    // Left-to-right and right-to-left marks, and right-to-left text itself, are text.
    expect(textProblem("\u200fمرحبا\u200e abc", false)).toBeNull();
  });

  it("refuses lone surrogates and accepts pairs", () => {
    for (const s of ["\ud800", "a\ud800b", "\udc00", "a\udfff", "\udc00\ud800"])
      expect(textProblem(s, false), JSON.stringify(s)).toBe("control_characters");
    expect(textProblem("😀 \ud83d\ude00", false)).toBeNull();
  });

  it("accepts any text of printable characters from every plane", () => {
    const printable = fc
      .string({ unit: "grapheme", maxLength: 40 })
      .filter(
        (s) =>
          ![...s].some((ch) => ch.codePointAt(0)! < 0x20 || (ch.codePointAt(0)! >= 0x7f && ch.codePointAt(0)! <= 0x9f)),
      );
    fc.assert(fc.property(printable, (s) => textProblem(s, false) === null && textProblem(s, true) === null));
  });
});

describe("the checks in zod/mini and classic zod chains", () => {
  const mini = zm.object({
    name: zm.string().check(zm.trim(), zm.maxLength(80), singleLine()),
    notes: zm.optional(zm.string().check(multiLine())),
  });
  const classic = z.object({
    name: z.string().trim().max(80).check(singleLine()),
    notes: z.string().check(multiLine()).optional(),
  });
  const t = ((key: string) => `t:${key}`) as never;

  it.each([
    ["mini", mini],
    ["classic", classic],
  ] as const)("%s: a field error at the path, worded by zodErrorMap", (_, schema) => {
    const result = schema.safeParse({ name: "Ana\u0000", notes: "x\u001by" }, { error: zodErrorMap(t) });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual([
      { path: "name", message: "t:validation.controlCharacters" },
      { path: "notes", message: "t:validation.controlCharacters" },
    ]);
    const lines = schema.safeParse({ name: "Ana\nBelén" }, { error: zodErrorMap(t) });
    expect(fieldErrors(lines.error!)).toEqual([{ path: "name", message: "t:validation.singleLine" }]);
    expect(schema.safeParse({ name: "  Ana Belén  ", notes: "one\r\n\ttwo" }).data).toEqual({
      name: "Ana Belén",
      notes: "one\r\n\ttwo",
    });
  });

  it("the staff variants carry their English sentence without an error map", () => {
    const staff = z.object({ name: z.string().check(staffSingleLine()), body: z.string().check(staffMultiLine()) });
    expect(fieldErrors(staff.safeParse({ name: "a\tb", body: "a\u0007" }).error!)).toEqual([
      { path: "name", message: TEXT_PROBLEM_EN.line_break },
      { path: "body", message: TEXT_PROBLEM_EN.control_characters },
    ]);
  });

  it("both languages have both sentences", () => {
    expect(en.validation.controlCharacters).toBe(TEXT_PROBLEM_EN.control_characters);
    expect(en.validation.singleLine).toBe(TEXT_PROBLEM_EN.line_break);
    expect(es.validation.controlCharacters).not.toBe(en.validation.controlCharacters);
    expect(es.validation.singleLine).not.toBe(en.validation.singleLine);
  });
});
