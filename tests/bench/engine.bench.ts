/**
 * `npm run bench:engine`: how long the engine takes for typical and heavy requests (the product
 * promises proposals "within a second"; the engine should be a small part of that).
 */
import { performance } from "node:perf_hooks";
import { estimate } from "../../app/domain/engine";
import type { QuoteInput } from "../../app/domain/quote-input";
import { seedCatalog } from "../fixtures/catalog";

const catalog = seedCatalog();
const cases: [string, QuoteInput][] = [
  ["small shop", { requirements: { availability: "standard", termMonths: 12, region: "eu" }, workloads: [{ kind: "web_app", visitsPerDay: 5000 }, { kind: "database", dataGb: 20 }] }],
  ["HA, four roles", { requirements: { availability: "high", termMonths: 36, region: "eu" }, workloads: [{ kind: "web_app", visitsPerDay: 500_000 }, { kind: "database", dataGb: 800 }, { kind: "file_storage", dataGb: 40_000, access: "archive" }, { kind: "raw", vcpu: 16, ramGb: 64 }] }],
  ["six roles (203 layouts)", { requirements: { availability: "high", termMonths: 24, region: "eu" }, workloads: [{ kind: "web_app", visitsPerDay: 200_000 }, { kind: "database", dataGb: 300 }, { kind: "file_storage", dataGb: 5000 }, { kind: "raw", vcpu: 8, ramGb: 32 }, { kind: "raw", vcpu: 4, ramGb: 16 }, { kind: "raw", vcpu: 2, ramGb: 8 }] }],
];

for (const [name, input] of cases) {
  for (let i = 0; i < 5; i++) estimate(input, catalog); // warm up
  const times: number[] = [];
  const deadline = performance.now() + 2000;
  while (performance.now() < deadline && times.length < 2000) {
    const t0 = performance.now();
    estimate(input, catalog);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const p99 = times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]!;
  console.log(`${name.padEnd(26)} runs=${String(times.length).padStart(5)}  mean=${mean.toFixed(2)} ms  p99=${p99.toFixed(2)} ms`);
}
