/**
 * Load without loss: 100 concurrent customers submit quotes for 30 s (LOAD_SECONDS,
 * LOAD_CONNECTIONS) against a production build on a fresh PostgreSQL database, on loopback only.
 * Then every accepted answer (the redirect to the new quote's page) must have its quote in the
 * database, and nothing else may be there: every stored quote is one that was sent, stored once.
 * Requests still in flight when the time is up are cut off by the client; they are counted
 * separately (each may or may not have been stored, as with any client that disconnects). Prints requests/s, latency p50/p99, errors and losses;
 * exits non-zero on any loss.
 *   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run load
 */
import { createHash } from "node:crypto";
import autocannon from "autocannon";
import { quoteBody, startProductionServer } from "./support/server";

const seconds = Number(process.env.LOAD_SECONDS ?? 30);
const connections = Number(process.env.LOAD_CONNECTIONS ?? 100);

const server = await startProductionServer("load");
const tokens: string[] = [];
const statuses = new Map<number, number>();
let n = 0;
try {
  console.log(
    `Load: ${connections} concurrent customers submitting quotes for ${seconds} s against ${server.base} (production build, PostgreSQL)`,
  );
  const result = await autocannon({
    url: server.base,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: "POST",
        path: "/quote/new",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(quoteBody(n++)) }),
        onResponse: (status, _body, _context, headers) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          const h = headers as unknown as Record<string, string> | string[] | undefined;
          let location: string | undefined;
          if (Array.isArray(h)) {
            for (let i = 0; i < h.length; i += 2)
              if (String(h[i]).toLowerCase() === "location") location = String(h[i + 1]);
          } else location = h?.location;
          if (status === 302 && location?.startsWith("/q/")) tokens.push(location.slice(3));
        },
      },
    ],
  });
  // Wait for in-flight transactions to settle, then compare answers with rows.
  await new Promise((r) => setTimeout(r, 1_000));
  const hashes = tokens.map((t) => createHash("sha256").update(t, "utf8").digest("hex"));
  let found = 0;
  for (let i = 0; i < hashes.length; i += 5_000) {
    const rows = await server.sql<
      { n: number }[]
    >`select count(*)::int as n from quote_access_tokens where token_hash = any(${hashes.slice(i, i + 5_000)})`;
    found += rows[0]!.n;
  }
  const quotes = (await server.sql<{ quotes: number }[]>`select count(*)::int as quotes from quote_requests`)[0]!
    .quotes;
  // Every stored quote must be one of the n bodies sent (load-0 … load-(n-1)), each stored at most once.
  const stray = (
    await server.sql<{ n: number }[]>`
    select count(*)::int as n from (
      select contact_email, count(*) as c from quote_requests group by contact_email
    ) x where c > 1 or not (contact_email ~ '^load-[0-9]+@example\.com$' and substring(contact_email from 6 for position('@' in contact_email) - 6)::int < ${n})`
  )[0]!.n;
  const broken = (
    await server.sql<{ broken: number }[]>`
    select count(*)::int as broken from quote_requests q
    where not exists (select 1 from workloads w where w.quote_request_id = q.id)
       or not exists (select 1 from proposals p where p.quote_request_id = q.id)
       or not exists (select 1 from proposal_versions v where v.quote_request_id = q.id)`
  )[0]!.broken;
  const lost = tokens.length - found;
  const cutOff = n - (result.requests.total ?? 0);
  const storedCutOff = quotes - found;
  const errors =
    result.errors + result.timeouts + [...statuses].filter(([s]) => s !== 302).reduce((sum, [, c]) => sum + c, 0);
  console.log(
    `requests/s   ${result.requests.average.toFixed(1)} (total ${result.requests.total} in ${result.duration.toFixed(1)} s)`,
  );
  console.log(`latency      p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  console.log(
    `answers      ${[...statuses].map(([s, c]) => `${s}: ${c}`).join(", ")}; errors/timeouts ${result.errors}/${result.timeouts}`,
  );
  console.log(`accepted     ${tokens.length} quotes answered with their link`);
  console.log(`in database  ${quotes} quotes (${found} of the answered ones found, ${broken} incomplete)`);
  console.log(`cut off      ${cutOff} requests in flight at the deadline (${storedCutOff} of them stored)`);
  console.log(`lost         ${lost}   stray or duplicate rows ${stray}   errors ${errors}`);
  if (lost !== 0 || stray !== 0 || broken !== 0 || storedCutOff > Math.max(cutOff, 0)) {
    console.error("FAILED: the database does not match the answers.");
    process.exitCode = 1;
  }
} finally {
  await server.stop();
}
