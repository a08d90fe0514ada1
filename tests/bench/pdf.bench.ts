/**
 * `npm run bench:pdf`: how long a proposal PDF takes to build, uncached, for a three-tier quote with
 * a move from an old server (the largest document), in English and Spanish, and a receipt. Issue 17's
 * target: under a second for a three-tier quote. A benchmark, not a test: a miss only makes the exit
 * code non-zero when BENCH_STRICT=1. Runs on the embedded database (no setup needed).
 */
import { performance } from "node:perf_hooks";
import { openDatabase, setDatabase } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { seedDatabase } from "#db/seed";
import { companyProfile, currentLegalDocument } from "~/models/company.server";
import { customerPageByToken } from "~/models/customer-page.server";
import { presentProposalDocument } from "~/presenters/proposal-document";
import { renderProposalPdf } from "~/services/proposal-pdf.server";
import { submitQuoteRequest, translatorFor } from "~/services/quote.server";
import { sundayNightMove } from "../fixtures/migration";

const TARGET_MS = 1000;
const runs = Number(process.env.BENCH_RUNS ?? 20);
const strict = process.env.BENCH_STRICT === "1";

const handle = openDatabase({ dataDir: "memory://" });
setDatabase(handle);
await migrateDatabase(handle);
await seedDatabase(handle.db);
const db = handle.db;

const created = await submitQuoteRequest(
  {
    requirements: { availability: "high", termMonths: 24, region: "eu", migration: sundayNightMove },
    workloads: [
      { kind: "web_app", visitsPerDay: 20_000 },
      { kind: "database", dataGb: 200 },
      { kind: "file_storage", dataGb: 1500, access: "active" },
    ],
    contact: { name: "Bench Customer", email: "bench@example.com", company: "Bench Co" },
  },
  "en",
  db,
);
const page = (await customerPageByToken(db, created.token))!;
const [company, terms] = await Promise.all([companyProfile(db), currentLegalDocument(db, "terms")]);
console.log(`Proposal PDF, ${page.quote.proposals.length} tiers with a move, ${runs} runs per language, uncached:`);
let missed = false;
for (const locale of ["en", "es"]) {
  const t = await translatorFor(locale);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs + 3; i++) {
    const start = performance.now();
    const view = presentProposalDocument(page, company, terms, t, locale, new Date("2026-12-04T00:00:00Z"));
    const pdf = await renderProposalPdf(view, null, new Date("2026-12-04T00:00:00Z"));
    if (i >= 3) times.push(performance.now() - start);
    bytes = pdf.length;
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!;
  const ok = p95 < TARGET_MS;
  missed ||= !ok;
  console.log(
    `  ${locale}: median ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB  target < ${TARGET_MS} ms${ok ? "  ok" : "  MISSED"}`,
  );
}
await handle.close();
if (missed && strict) process.exit(1);
