import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "#db/client.server";
import { proposals, quoteRequests, reviewItems } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { createShareLink } from "~/models/share-link.server";
import { claimReviewItem } from "~/models/review-item.server";
import { createUser } from "~/models/user.server";
import { action as estimatesAction } from "~/routes/api.v1.estimates";
import { action as quotePageAction } from "~/routes/q.$token/route";
import { action as linkAction } from "~/routes/quote.link/route";
import { action as wizardAction } from "~/routes/quote.new/route";
import { action as shareAction } from "~/routes/s.$token";
import { action as discountsAction } from "~/routes/staff.discounts/route";
import { action as reviewAction } from "~/routes/staff.review.$id/route";
import { action as salesQuoteAction } from "~/routes/staff.sales.$id/route";
import { action as salesQueueAction } from "~/routes/staff.sales._index/route";
import { action as usersAction } from "~/routes/staff.users/route";
import { TERMS_VERSION } from "~/utils/terms";
import { createQuote } from "../factories";
import { req, staffCookie, status as statusOf } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/**
 * Fuzzing the two public entry points with fast-check: at least 10,000 random and malformed bodies
 * each (FUZZ_RUNS overrides). Never a 500, never anything but a clear answer, never a half-written
 * quote.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
/** Ten thousand runs take a minute or two on two cores; the limit only guards against a hang. */
const FUZZ_TIMEOUT = 15 * 60_000;
/** Form actions are slower (sessions, several writes); a fifth of the runs still covers every field many times. */
const FORM_RUNS = Math.ceil(RUNS / 5);

/** Control characters (NUL first: PostgreSQL refuses it), line breaks, lone surrogates, and plain text around them. */
const CONTROLS = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\b",
  "\u000b",
  "\f",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u009b",
  "\r",
  "\n",
  "\t",
  "\ud800",
  "\udfff",
];
const text = fc.string({
  maxLength: 60,
  unit: fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...CONTROLS) },
    { weight: 4, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  ),
});
/** Free-text fields of the wizard and the API, where a control character used to reach the database. */
const textField = fc.oneof(
  fc.record({
    path: fc.constantFrom(
      ["contact", "name"],
      ["contact", "company"],
      ["requirements", "specialRequirements"],
      ["workloads", "0", "name"],
    ),
    value: text,
  }),
  fc.record({ path: fc.constant(["workloads", "0", "measured"]), value: fc.array(text, { maxLength: 3 }) }),
);

const valid: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Fuzz", email: "fuzz@example.com" },
};

/** A value anywhere in a JSON tree replaced, removed or retyped: the malformed-but-close bodies. */
const mutation = fc.record({
  path: fc.array(
    fc.oneof(
      fc.constantFrom(
        "requirements",
        "workloads",
        "contact",
        "availability",
        "termMonths",
        "region",
        "kind",
        "visitsPerDay",
        "email",
        "name",
        "0",
        "measured",
        "vms",
        "storageGb",
      ),
      fc.string({ maxLength: 8 }),
    ),
    { minLength: 1, maxLength: 4 },
  ),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constant(undefined),
    fc.double(),
    fc.integer(),
    fc.string({ maxLength: 300 }),
    text,
    fc.constantFrom(-1, 0, 1e9, 1e308, Number.NaN, "", "standard", "critical", "gitlab", "web_app", "x".repeat(10_000)),
  ),
});

function mutate(base: unknown, m: { path: readonly string[]; value: unknown }): unknown {
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

/** The estimate API knows no contact: it is a strict schema, so the wizard's body would be refused whole. */
const { contact: _contact, ...validEstimate } = valid;

/** Bodies as bytes on the wire: random JSON, near-valid JSON, broken JSON, odd content types. */
const bodyNear = (valid: unknown) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .jsonValue({ maxDepth: 4 })
        .map((v) => ({ text: JSON.stringify(v) ?? "null", type: "application/json" })),
    },
    {
      weight: 2,
      arbitrary: fc
        .array(textField, { minLength: 1, maxLength: 3 })
        .map((ms) => ({ text: JSON.stringify(ms.reduce<unknown>(mutate, valid)) ?? "", type: "application/json" })),
    },
    {
      weight: 5,
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((ms) => ({ text: JSON.stringify(ms.reduce<unknown>(mutate, valid)) ?? "", type: "application/json" })),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((text) => ({ text, type: "application/json" })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.string({ maxLength: 100 }),
          fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""),
        )
        .map(([text, type]) => ({ text, type })),
    },
  );
const body = bodyNear(valid);
const estimateBody = bodyNear(validEstimate);

const request = (path: string, b: { text: string; type: string }) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    headers: b.type ? { "Content-Type": b.type } : {},
    body: b.text,
  });

describe.each(TEST_DATABASES)("fuzzing the public entry points on $name", (target) => {
  const database = useTestDatabase(target);

  it(
    `the estimate API answers ${RUNS} random bodies with 200 or a 4xx, and stores nothing`,
    async () => {
      const db = database().db;
      const before = (await db.select({ n: sql<number>`count(*)::int` }).from(quoteRequests))[0]!.n;
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(estimateBody, async (b) => {
          const status = await statusOf(() =>
            estimatesAction({ request: request("/api/v1/estimates", b), params: {}, context: {} }),
          );
          seen.set(status, (seen.get(status) ?? 0) + 1);
          expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
        }),
        { numRuns: RUNS },
      );
      expect((await db.select({ n: sql<number>`count(*)::int` }).from(quoteRequests))[0]!.n).toBe(before);
      // The generator reaches both sides: accepted and refused bodies.
      expect(seen.get(200) ?? 0).toBeGreaterThan(RUNS / 100);
      expect(seen.get(400) ?? 0).toBeGreaterThan(RUNS / 10);
    },
    FUZZ_TIMEOUT,
  );

  it(
    `the wizard action answers ${RUNS} random bodies with a redirect or a 4xx; every redirect is one whole quote, nothing else is stored`,
    async () => {
      const db = database().db;
      const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(quoteRequests))[0]!.n;
      const before = await count();
      let created = 0;
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const status = await statusOf(() =>
            wizardAction({ request: request("/quote/new", b), params: {}, context: {} }),
          );
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
    },
    FUZZ_TIMEOUT,
  );

  it(
    `every text form, customer and staff, answers ${FORM_RUNS} bodies of control characters with a 2xx, 3xx or 4xx and stores none of them`,
    async () => {
      const db = database().db;
      const quoteOf = async (input: QuoteRequestInput) => {
        const { token, id } = await createQuote(db, {}, input);
        const [proposal] = await db
          .select({ id: proposals.id })
          .from(proposals)
          .where(eq(proposals.quoteRequestId, id))
          .limit(1);
        return { token, id, proposalId: proposal!.id };
      };
      const reviewed = await quoteOf({
        ...valid,
        requirements: { ...valid.requirements, specialRequirements: "Our own IP range." },
        contact: { name: "Form Fuzz", email: "form-fuzz@example.com" },
      });
      const plain = await quoteOf({ ...valid, contact: { name: "Form Fuzz", email: "form-fuzz-2@example.com" } });
      const [item] = await db
        .select({ id: reviewItems.id })
        .from(reviewItems)
        .where(eq(reviewItems.quoteRequestId, reviewed.id));
      const [tech, rep, admin] = await Promise.all(
        ["technician", "sales", "admin"].map((role) =>
          createUser(db, {
            email: `form-fuzz-${role}@test.local`,
            name: role,
            role: role as "sales",
            password: "correct horse battery",
          }),
        ),
      );
      await claimReviewItem(db, item!.id, tech!.id);
      const [techC, repC, adminC] = await Promise.all([tech!, rep!, admin!].map((u) => staffCookie(db, u.id)));
      await salesQueueAction({
        request: req("/staff/sales", repC, { intent: "own", quoteId: plain.id }),
        params: {},
        context: {},
      });
      const share = await createShareLink(db, { quoteRequestId: plain.id, version: 1, actor: rep! });
      const accept = (name: string, company: string, poNumber: string) => ({
        intent: "accept",
        version: "1",
        tier: "lean",
        termsVersion: TERMS_VERSION,
        terms: "yes",
        name,
        company,
        email: "form-fuzz-2@example.com",
        poNumber,
      });
      const review = (form: Record<string, string>) =>
        reviewAction({ request: req(`/staff/review/${item!.id}`, techC, form), params: { id: item!.id }, context: {} });

      const forms: ((t: [string, string, string]) => Promise<unknown>)[] = [
        ([a]) =>
          quotePageAction({
            request: req(`/q/${reviewed.token}`, undefined, { intent: "reply", body: a }),
            params: { token: reviewed.token },
            context: {},
          }),
        ([a]) =>
          quotePageAction({
            request: req(`/q/${reviewed.token}`, undefined, {
              intent: "ask",
              body: a,
              proposalId: reviewed.proposalId,
              position: "0",
            }),
            params: { token: reviewed.token },
            context: {},
          }),
        ([a, b, c]) =>
          quotePageAction({
            request: req(`/q/${plain.token}`, undefined, accept(a, b, c)),
            params: { token: plain.token },
            context: {},
          }),
        ([a, b, c]) =>
          shareAction({
            request: req(`/s/${share}`, undefined, accept(a, b, c)),
            params: { token: share },
            context: {},
          }),
        ([a]) =>
          linkAction({
            request: req("/quote/link", undefined, { email: `${a}@example.com` }),
            params: {},
            context: {},
          }),
        ([a]) => review({ intent: "note", body: a }),
        ([a]) => review({ intent: "message", body: a }),
        ([a]) => review({ intent: "check", code: a, checked: "true" }),
        ([a, b]) =>
          review({
            intent: "adjust",
            proposalId: reviewed.proposalId,
            reason: a,
            "adjustment.op": "custom",
            "adjustment.description": b,
            "adjustment.quantity": "1",
            "adjustment.monthlyMinor": "100",
            "adjustment.setupMinor": "0",
          }),
        ([a]) =>
          salesQuoteAction({
            request: req(`/staff/sales/${plain.id}`, repC, { intent: "discount", percent: "1", reason: a }),
            params: { id: plain.id },
            context: {},
          }),
        ([a]) =>
          discountsAction({
            request: req("/staff/discounts", adminC, { requestId: crypto.randomUUID(), decision: "reject", reason: a }),
            params: {},
            context: {},
          }),
        ([a, b]) =>
          usersAction({
            request: req("/staff/users", adminC, {
              intent: "invite",
              email: `invitee-${b.length}@test.local`,
              name: a,
              role: "sales",
            }),
            params: {},
            context: {},
          }),
        // Last: it closes the review item.
        ([a]) => review({ intent: "decline", reason: a }),
      ];
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(fc.nat(forms.length - 1), fc.tuple(text, text, text), async (i, texts) => {
          const status = await statusOf(() => forms[i]!(texts));
          seen.set(status, (seen.get(status) ?? 0) + 1);
          expect(status).toBeLessThan(500);
        }),
        { numRuns: FORM_RUNS },
      );
      expect(seen.get(400) ?? 0).toBeGreaterThan(FORM_RUNS / 10);
      expect(seen.get(200) ?? 0).toBeGreaterThan(0);

      // Whatever was accepted is plain text: multi-line fields keep newlines and tabs (CR only before LF), names nothing but text.
      const control = "[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]|\\r(?!\\n)";
      const stored = rowsOf<{ v: string }>(
        await db.execute(sql`
        select body as v from quote_messages where body ~ ${control}
        union all select body from review_notes where body ~ ${control}
        union all select name || company || po_number from acceptances where name || company || po_number ~ ${control} or name || company || po_number ~ ${"[\t\n\r]"}`),
      );
      expect(stored).toEqual([]);
    },
    FUZZ_TIMEOUT,
  );
});
