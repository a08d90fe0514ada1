/**
 * Front-end budget: the JavaScript each route ships (entry, root and the route's own chunks, the way
 * Remix loads them), gzipped, from the production build's manifest. Every customer page (a route
 * with a component outside /staff, /dev and /bench) must stay at or under 125 KB (issue 17); the
 * script fails the build above that. Staff pages are listed for information. Code a page imports on
 * demand (the wizard's validation, its moving step) is not part of its first download and is not
 * counted.
 *
 * A page's texts are JSON in its document, not JavaScript (app/locales/texts.ts); they are listed
 * beside the code, the larger language's, gzipped, so the whole download stays in view.
 *   npm run build && npm run budget
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { clientTexts } from "../app/locales";
import { PAGE_TEXTS, groupsFor, pickGroups } from "../app/locales/texts";

const BUDGET_BYTES = 125 * 1024;
const NOT_CUSTOMER = /^routes\/(staff|dev|bench)[._]/;
const BUILD = path.resolve("public", "build");

interface ManifestEntry {
  module: string;
  imports?: string[];
  parentId?: string;
}
const gzipped = new Map<string, number>();
function sizeOf(url: string): number {
  if (!gzipped.has(url)) gzipped.set(url, gzipSync(readFileSync(path.join("public", url)), { level: 9 }).length);
  return gzipped.get(url)!;
}

const manifestFile = readdirSync(BUILD).find((f) => /^manifest-.*\.js$/.test(f));
if (!manifestFile) throw new Error("No build manifest in public/build: run `npm run build` first.");
const manifest = JSON.parse(
  readFileSync(path.join(BUILD, manifestFile), "utf8")
    .replace(/^window\.__remixManifest=/, "")
    .replace(/;\s*$/, ""),
) as { entry: ManifestEntry; routes: Record<string, ManifestEntry> };

// Whatever the entry imports on demand it imports at start-up, before hydrating: count it too.
const entrySource = readFileSync(path.join("public", manifest.entry.module), "utf8");
const entryLazy = [...entrySource.matchAll(/import\("(\/build\/[^"]+\.js)"\)/g)].map((m) => m[1]!);

function filesFor(routeId: string): Set<string> {
  const files = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? []), ...entryLazy]);
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`route ${id} is not in the manifest`);
    files.add(route.module);
    (route.imports ?? []).forEach((f) => files.add(f));
  }
  return files;
}

/** The route's source file: app/routes/<name>.tsx or app/routes/<name>/route.tsx. */
function sourceOf(routeId: string): string | null {
  const base = path.join("app", routeId);
  for (const file of [`${base}.tsx`, path.join(base, "route.tsx")])
    if (existsSync(file)) return readFileSync(file, "utf8");
  return null;
}
function isCustomerPage(routeId: string): boolean {
  const source = sourceOf(routeId);
  return !NOT_CUSTOMER.test(routeId) && source != null && /export default/.test(source);
}
/** The texts a page's document carries: the root's and the route's `PAGE_TEXTS.<kind>`. */
function textsBytes(routeId: string): number {
  const kind = /texts: PAGE_TEXTS\.(\w+)/.exec(sourceOf(routeId) ?? "")?.[1] as keyof typeof PAGE_TEXTS | undefined;
  const handles = [{ texts: PAGE_TEXTS.root }, ...(kind ? [{ texts: PAGE_TEXTS[kind] }] : [])];
  const groups = groupsFor(handles);
  return Math.max(
    ...Object.values(clientTexts).map(
      (texts) => gzipSync(JSON.stringify(pickGroups(texts, groups)), { level: 9 }).length,
    ),
  );
}

let failed = false;
const rows = Object.keys(manifest.routes)
  .filter((id) => id !== "root")
  .map((id) => {
    const total = [...filesFor(id)].reduce((sum, f) => sum + sizeOf(f), 0);
    const customer = isCustomerPage(id);
    const over = customer && total > BUDGET_BYTES;
    if (over) failed = true;
    return { id, customer, total, over, texts: customer ? textsBytes(id) : 0 };
  })
  .sort((a, b) => Number(b.customer) - Number(a.customer) || b.total - a.total);

// Server-only libraries must never reach the browser: the PDF generator (pdfkit) and luxon (dates
// on the server; the browser formats with Intl). A string each always carries, looked for in every
// file of the browser build, lazy chunks included.
const SERVER_ONLY = [
  { name: "pdfkit", marker: "PDFKit" },
  { name: "luxon", marker: "Invalid DateTime" },
];
const browserFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? browserFiles(path.join(dir, e.name)) : e.name.endsWith(".js") ? [path.join(dir, e.name)] : [],
  );
for (const file of browserFiles(BUILD)) {
  const source = readFileSync(file, "utf8");
  for (const lib of SERVER_ONLY)
    if (source.includes(lib.marker)) {
      console.error(`${lib.name} reached the browser: ${path.relative(BUILD, file)}`);
      failed = true;
    }
}

for (const id of ["routes/_index", "routes/quote.new", "routes/q.$token", "routes/s.$token"])
  if (!rows.some((r) => r.id === id && r.customer)) throw new Error(`customer page ${id} missing from the build`);
console.log(`JavaScript per route, gzipped (budget for customer pages: ${(BUDGET_BYTES / 1024).toFixed(0)} KB)`);
for (const r of rows)
  console.log(
    `${r.over ? "OVER" : r.customer ? "ok  " : "    "}  ${(r.total / 1024).toFixed(1).padStart(6)} KB  ${r.id}${
      r.customer ? `  (+ ${(r.texts / 1024).toFixed(1)} KB of texts as JSON)` : " (staff page or resource)"
    }`,
  );
if (failed) {
  console.error("A customer page is over its JavaScript budget.");
  process.exit(1);
}
