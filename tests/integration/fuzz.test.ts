import fc from "fast-check";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "#db/client.server";
import { quoteRequests } from "#db/schema";
import { action as estimatesAction } from "~/routes/api.v1.estimates";
import { action as wizardAction } from "~/routes/quote.new";
import { status as statusOf } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/**
 * Fuzzing the two public entry points with fast-check: at least 10,000 random and malformed bodies
 * each (FUZZ_RUNS overrides). Never a 500, never anything but a clear answer, never a half-written
 * quote.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** Ten thousand runs take a minute or two on two cores; the limit only guards against a hang. */
const FUZZ_TIMEOUT = 15 * 60_000;

const valid = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Fuzz", email: "fuzz@example.com" },
};

/** A value anywhere in a JSON tree replaced, removed or retyped: the malformed-but-close bodies. */
const mutation = fc.record({
  path: fc.array(fc.oneof(fc.constantFrom("requirements", "workloads", "contact", "availability", "termMonths", "region", "kind", "visitsPerDay", "email", "name", "0", "measured", "vms", "storageGb"), fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 4 }),
  value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined), fc.double(), fc.integer(), fc.string({ maxLength: 300 }), fc.constantFrom(-1, 0, 1e9, 1e308, Number.NaN, "", "standard", "critical", "gitlab", "web_app", "x".repeat(10_000))),
});

function mutate(base: unknown, m: { path: string[]; value: unknown }): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of m.path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = m.path[m.path.length - 1]!;
  if (m.value === undefined) delete node[last];
  else node[last] = m.value;
  return copy;
}

/** Bodies as bytes on the wire: random JSON, near-valid JSON, broken JSON, odd content types. */
const body = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ text: JSON.stringify(v) ?? "null", type: "application/json" })) },
  { weight: 5, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => ({ text: JSON.stringify(ms.reduce<unknown>(mutate, valid)) ?? "", type: "application/json" })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((text) => ({ text, type: "application/json" })) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 100 }), fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "")).map(([text, type]) => ({ text, type })) },
);

const request = (path: string, b: { text: string; type: string }) => new Request(`http://localhost${path}`, { method: "POST", headers: b.type ? { "Content-Type": b.type } : {}, body: b.text });


describe.each(TEST_DATABASES)("fuzzing the public entry points on $name", (target) => {
  const database = useTestDatabase(target);

  it(`the estimate API answers ${RUNS} random bodies with 200 or a 4xx, and stores nothing`, async () => {
    const db = database().db;
    const before = (await db.select({ n: sql<number>`count(*)::int` }).from(quoteRequests))[0]!.n;
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const status = await statusOf(() => estimatesAction({ request: request("/api/v1/estimates", b), params: {}, context: {} }));
        seen.set(status, (seen.get(status) ?? 0) + 1);
        expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
      }),
      { numRuns: RUNS },
    );
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(quoteRequests))[0]!.n).toBe(before);
    // The generator reaches both sides: accepted and refused bodies.
    expect(seen.get(200) ?? 0).toBeGreaterThan(RUNS / 100);
    expect(seen.get(400) ?? 0).toBeGreaterThan(RUNS / 10);
  }, FUZZ_TIMEOUT);

  it(`the wizard action answers ${RUNS} random bodies with a redirect or a 4xx; every redirect is one whole quote, nothing else is stored`, async () => {
    const db = database().db;
    const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(quoteRequests))[0]!.n;
    const before = await count();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const status = await statusOf(() => wizardAction({ request: request("/quote/new", b), params: {}, context: {} }));
        expect(status === 302 || (status >= 400 && status < 500)).toBe(true);
        if (status === 302) created++;
      }),
      { numRuns: RUNS },
    );
    expect(await count()).toBe(before + created);
    expect(created).toBeGreaterThan(0);
    // No half-written quote: each has workloads, proposals with lines, a version row and an access token.
    const broken = rowsOf<{ id: string }>(
      await db.execute(sql`
        select q.id from quote_requests q
        where not exists (select 1 from workloads w where w.quote_request_id = q.id)
           or not exists (select 1 from quote_access_tokens t where t.quote_request_id = q.id)
           or not exists (select 1 from proposal_versions v where v.quote_request_id = q.id)
           or exists (select 1 from proposals p where p.quote_request_id = q.id and not exists (select 1 from proposal_lines l where l.proposal_id = p.id))
           or (q.status = 'needs_review' and not exists (select 1 from review_items r where r.quote_request_id = q.id))`),
    );
    expect(broken).toEqual([]);
  }, FUZZ_TIMEOUT);
});
