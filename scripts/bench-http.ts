/**
 * HTTP speed, measured as ratios in one run against a production build on PostgreSQL (loopback):
 *   - requests/s and p99 of the quote page (/q/<token>) and the wizard (/quote/new), next to a bare
 *     Remix page whose loader returns a constant (/bench/constant) in the same server; target ≥ 0.7;
 *   - the review queue page with 100,000 review items: p95 under 50 ms.
 *   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:http
 * BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 10) tune the runs.
 */
import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import autocannon from "autocannon";
import { percentile, quoteBody, startProductionServer } from "./support/server";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ITEMS = Number(process.env.BENCH_REVIEW_ITEMS ?? 100_000);

const server = await startProductionServer("bench", { BENCH_ROUTE: "1" });
let failed = false;
try {
  /** A new quote through the wizard; its page's path. */
  const createQuote = async (i: number) =>
    (
      await fetch(`${server.base}/quote/new`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(quoteBody(i)),
        redirect: "manual",
      })
    ).headers.get("location")!;
  const quotePath = await createQuote(1);

  async function measure(path: string) {
    // Warm up (JIT, connection pool, caches) before the measured run.
    await autocannon({ url: `${server.base}${path}`, connections, duration: 2 });
    const r = await autocannon({ url: `${server.base}${path}`, connections, duration: seconds });
    if (r.non2xx || r.errors) throw new Error(`${path}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    return { rps: r.requests.average, p99: r.latency.p99 };
  }
  console.log(`HTTP benchmark: ${connections} connections, ${seconds} s per page, production build on PostgreSQL`);
  const bare = await measure("/bench/constant");
  const rows = [
    { name: "bare Remix page (constant loader)", path: "/bench/constant", ...bare },
    { name: "quote page /q/<token>", path: quotePath, ...(await measure(quotePath)) },
    { name: "wizard /quote/new", path: "/quote/new", ...(await measure("/quote/new")) },
  ];
  for (const r of rows) {
    const ratio = r.rps / bare.rps;
    const ok = r.path === "/bench/constant" || ratio >= 0.7;
    if (!ok) failed = true;
    console.log(
      `${r.name.padEnd(36)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${String(r.p99).padStart(4)} ms  ratio ${ratio.toFixed(2)}${ok ? "" : "  BELOW 0.7"}`,
    );
  }

  // For information, not a target: the measured runs above view one quote over and over, so after
  // the first request they read its small revision row and reuse the rendered page. A first view
  // (a new quote, or one that changed) reads and renders everything.
  const firstViews: number[] = [];
  const repeatViews: number[] = [];
  const paths: string[] = [];
  for (let i = 0; i < 50; i++) paths.push(await createQuote(1000 + i));
  for (const times of [firstViews, repeatViews]) {
    for (const path of paths) {
      const started = performance.now();
      await fetch(`${server.base}${path}`).then((r) => r.text());
      times.push(performance.now() - started);
    }
  }
  console.log(
    `quote page, one request at a time: first view p50 ${percentile(firstViews, 50).toFixed(1)} ms, repeat view p50 ${percentile(repeatViews, 50).toFixed(1)} ms`,
  );

  // The review queue with 100,000 items.
  const sql = server.sql;
  const [book] = await sql<{ id: number }[]>`select id from price_books order by version desc limit 1`;
  console.log(`\nSeeding ${ITEMS.toLocaleString("en")} review items…`);
  await sql`
    with q as (
      insert into quote_requests (status, locale, contact_name, contact_email, requirements, price_book_id, demand, review_required, review_reasons, created_at)
      select 'needs_review', 'en', 'Bench ' || g, 'bench-' || g || '@example.com', '{"availability":"standard","termMonths":12,"region":"eu"}'::jsonb, ${book!.id}, '{}'::jsonb, true,
             '[{"code":"special_requirements","params":{}}]'::jsonb, now() - (g || ' minutes')::interval
      from generate_series(1, ${ITEMS}) g
      returning id, created_at
    )
    insert into review_items (quote_request_id, status, priority, reasons, sla_started_at, first_response_due_at, resolution_due_at, created_at)
    select id, (array['open','claimed','waiting_customer','published','declined'])[1 + (abs(hashtext(id::text)) % 5)], 'normal',
           '[{"code":"special_requirements","params":{}}]'::jsonb, created_at, created_at + interval '4 hours', created_at + interval '24 hours', created_at
    from q`;
  await sql`analyze`;
  const userId = (
    await sql<
      { id: string }[]
    >`insert into users (email, name, role, password_hash) values ('bench-admin@example.com', 'Bench Admin', 'admin', 'not-a-login') returning id`
  )[0]!.id;
  const token = randomBytes(32).toString("base64url");
  await sql`insert into sessions (token_hash, user_id, expires_at) values (${createHash("sha256").update(token).digest("hex")}, ${userId}, now() + interval '1 day')`;
  const cookie = (await createCookie("__Host-specdesk_session").serialize(token)).split(";")[0]!;

  const plan = await sql<{ "QUERY PLAN": string }[]>`explain analyze
    select r.id from review_items r join quote_requests q on q.id = r.quote_request_id left join users u on u.id = r.assignee_id
    where r.status in ('open','claimed','waiting_customer') order by r.resolution_due_at asc nulls last, r.created_at asc limit 200`;
  console.log("Query plan of the queue (active items, first 200 by deadline):");
  for (const line of plan.slice(0, 8)) console.log(`  ${line["QUERY PLAN"]}`);

  const times: number[] = [];
  for (let i = 0; i < 20; i++)
    await fetch(`${server.base}/staff/review`, { headers: { Cookie: cookie } }).then((r) => r.text());
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    const response = await fetch(`${server.base}/staff/review`, { headers: { Cookie: cookie } });
    await response.text();
    if (response.status !== 200) throw new Error(`/staff/review answered ${response.status}`);
    times.push(performance.now() - started);
  }
  const p95 = percentile(times, 95);
  if (p95 >= 50) failed = true;
  console.log(
    `review queue page, ${ITEMS.toLocaleString("en")} items: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target < 50 ms)${p95 < 50 ? "" : "  TOO SLOW"}`,
  );
} finally {
  await server.stop();
}
if (failed) {
  console.error("A target was missed.");
  process.exitCode = 1;
}
