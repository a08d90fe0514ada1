import type { TranslationShape } from "./index";

/**
 * The browser's texts (en.ts, es.ts) come in groups, their top-level keys. A page's document carries
 * only the groups its routes name in `handle.texts`, as JSON (root.tsx); a client-side navigation
 * fetches the groups the next page lacks before it renders (`textsFirst`, app/utils/texts.ts). Texts
 * are data, not code: nothing of them is in the JavaScript bundle.
 */
export type TextGroup = keyof TranslationShape;

/** The groups a proposal shows: the customer's quote page, the share page and staff pages reuse them. */
const PROPOSAL = [
  "quote",
  "compare",
  "offer",
  "accept",
  "needsTechnician",
  "receipt",
  "facts",
  "rules",
  "roles",
  "validation",
  "storageClasses",
] as const satisfies readonly TextGroup[];

/** What each kind of page shows in the browser; the root adds `common` everywhere. */
export const PAGE_TEXTS = {
  root: ["common"],
  home: ["home"],
  wizard: ["wizard", "validation", "storageClasses"],
  quote: PROPOSAL,
  share: ["share", ...PROPOSAL],
  receipt: ["receipt"],
  linkRequest: ["linkRequest", "validation"],
  /** Pages worded entirely on the server (account, legal texts, the benchmark page). */
  none: [],
  /** Staff pages (English only) reuse the customer's proposal components. */
  staff: PROPOSAL,
} as const satisfies Record<string, readonly TextGroup[]>;

export interface TextsHandle {
  texts?: readonly TextGroup[];
}

/** The groups a page needs: the union over its matched routes' handles. */
export function groupsFor(handles: readonly unknown[]): TextGroup[] {
  const groups = new Set<TextGroup>();
  for (const handle of handles) for (const g of (handle as TextsHandle | undefined)?.texts ?? []) groups.add(g);
  return [...groups].sort();
}

/** The named groups of one language's texts, in a stable order. */
export function pickGroups<T extends Record<string, unknown>>(texts: T, groups: readonly string[]): Partial<T> {
  const picked: Partial<T> = {};
  for (const g of [...groups].sort()) if (g in texts) picked[g as keyof T] = texts[g as keyof T];
  return picked;
}

/** JSON safe inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
