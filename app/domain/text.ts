import * as z from "zod/mini";

/**
 * The one rule for free text from outside: no control characters. PostgreSQL refuses NUL in text
 * and jsonb (a 500 from deep inside an insert), and the other C0/C1 controls, stray escape
 * sequences and lone surrogates have no business in names, messages or e-mails either.
 *
 * These are checks, not schemas, so the same rule goes into zod/mini chains (the wizard's browser
 * bundle) and classic zod chains (server-only forms) alike: `z.string().check(z.trim(), singleLine())`
 * or `z.string().trim().max(500).check(multiLine())`.
 *
 * The issue carries `params.text` and no message of its own, so `zodErrorMap` words it in the
 * reader's language. Staff pages are English and parse without an error map: their variants carry
 * the English sentence.
 */

export type TextProblem = "control_characters" | "line_break";

export const TEXT_PROBLEM_EN: Record<TextProblem, string> = {
  control_characters: "This text contains invisible control characters. Remove them and try again.",
  line_break: "Keep this to one line, without line breaks or tabs.",
};

// Not a lookbehind: Safari before 16.4 refuses to parse one, and this runs in the wizard's bundle.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * C0 except tab, LF and CR; DEL; C1; and the bidirectional embeddings, overrides and isolates
 * (U+202A-E, U+2066-9), which turn "evil\u202Eexe.txt" into what reads as "eviltxt.exe".
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// Browsers send a textarea's line breaks as CRLF, so CR is fine before LF and nowhere else.
const BARE_CR = /\r(?!\n)/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/** What is wrong with `value` as text (multi-line text keeps newlines and tabs), or null. */
export function textProblem(value: string, multiline: boolean): TextProblem | null {
  if (CONTROL.test(value) || LONE_SURROGATE.test(value) || (multiline && BARE_CR.test(value)))
    return "control_characters";
  if (!multiline && LINE_BREAK_OR_TAB.test(value)) return "line_break";
  return null;
}

function plainText(multiline: boolean, english: boolean) {
  return z.superRefine<string>((value, ctx) => {
    const problem = textProblem(value, multiline);
    if (problem)
      ctx.addIssue({
        code: "custom",
        input: value,
        params: { text: problem },
        ...(english ? { message: TEXT_PROBLEM_EN[problem] } : {}),
      });
  });
}

/** Names, companies, PO numbers, identifiers: one line, no tabs, no control characters. */
export const singleLine = () => plainText(false, false);
/** Messages, notes, reasons, requirements: newlines and tabs allowed, other control characters not. */
export const multiLine = () => plainText(true, false);
/** As singleLine, with the English message staff pages show as it is. */
export const staffSingleLine = () => plainText(false, true);
/** As multiLine, with the English message staff pages show as it is. */
export const staffMultiLine = () => plainText(true, true);
