/**
 * `npm run bench:engine`: engine speed on this machine and the optimiser's cost gap against an
 * exhaustive search. Prints figures; asserts nothing (speed targets are not tests).
 * Targets: 20 workloads under 10 ms median, 1,000 under 1 s, cost growing no worse than n·log n.
 */
import { performance } from "node:perf_hooks";
import { estimate } from "../../app/domain/engine";
import { fitRoles } from "../../app/domain/fit";
import type { QuoteInput, Workload } from "../../app/domain/quote-input";
import { seedCatalog } from "../fixtures/catalog";
import { exhaustiveCost } from "../support/exhaustive";
import { instanceRoles, sampleInstances } from "../support/random-instances";

const catalog = seedCatalog();

/** A deterministic mix of every kind, the way a hosting customer's estate looks. */
function request(n: number): QuoteInput {
  const kinds: ((i: number) => Workload)[] = [
    (i) => ({ kind: "web_app", visitsPerDay: 2000 + (i % 50) * 300 }),
    (i) => ({ kind: "database", dataGb: 5 + (i % 30) }),
    (i) => ({ kind: "file_storage", dataGb: 50 + (i % 20) * 10, access: i % 2 ? "active" : "archive" }),
    (i) => ({ kind: "wordpress", visitsPerDay: 500 + (i % 40) * 50 }),
    (i) => ({ kind: "mattermost", concurrentUsers: 20 + (i % 10) }),
    (i) => ({ kind: "mail", mailboxes: 10 + (i % 25) }),
    (i) => ({ kind: "nextcloud", users: 5 + (i % 15) }),
    (i) => ({ kind: "raw", vcpu: 2 + (i % 4), ramGb: 4 + (i % 8) }),
  ];
  return {
    requirements: { availability: "high", termMonths: 12, region: "eu" },
    workloads: Array.from({ length: n }, (_, i) => kinds[i % kinds.length]!(i)),
  };
}

function time(input: QuoteInput, budgetMs: number, maxRuns: number) {
  estimate(input, catalog); // warm up
  const times: number[] = [];
  const deadline = performance.now() + budgetMs;
  while (times.length < maxRuns && (times.length < 5 || performance.now() < deadline)) {
    const t0 = performance.now();
    estimate(input, catalog);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))]!;
  return { runs: times.length, median: q(0.5), p95: q(0.95) };
}

console.log("Engine timings (all three tiers per request)");
for (const n of [20, 1000]) {
  const t = time(request(n), n > 100 ? 15_000 : 3_000, n > 100 ? 25 : 2000);
  console.log(
    `  ${String(n).padStart(5)} workloads: median ${t.median.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms (${t.runs} runs)`,
  );
}

console.log("Scaling (median ms / (n·log2 n) should not grow)");
for (const n of [125, 250, 500, 1000]) {
  const t = time(request(n), 6_000, 15);
  console.log(
    `  n=${String(n).padStart(5)}: median ${t.median.toFixed(1)} ms, per n·log n ${((t.median / (n * Math.log2(n))) * 1000).toFixed(2)} µs`,
  );
}

console.log("Optimiser against exhaustive search (220 random small instances)");
let compared = 0;
let worst = 0;
let sum = 0;
for (const q of sampleInstances(220, 20261124)) {
  const { roles, plan, candidates } = instanceRoles(q, catalog);
  const exact = exhaustiveCost(roles, plan, candidates, catalog, q.requirements.termMonths);
  const placements = fitRoles(roles, plan, candidates, catalog, q.requirements.termMonths);
  if (exact === null || !placements) continue;
  const gap = (placements.reduce((s, p) => s + p.termCostMinor, 0) - exact) / exact;
  worst = Math.max(worst, gap);
  sum += gap;
  compared++;
}
console.log(
  `  compared ${compared}: worst gap ${(worst * 100).toFixed(3)} %, mean gap ${((sum / compared) * 100).toFixed(4)} %`,
);
