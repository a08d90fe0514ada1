/// <reference types="vite/client" />
import { eq, sql } from "drizzle-orm";
import { effectiveBookQuery } from "~/models/catalog.server";
import { createDraft } from "~/models/price-book.server";
import { describe, expect, it } from "vitest";
import { type Database, rowsOf } from "#db/client.server";
import { outboxMessages, payments, quoteRequests } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { giveDiscount } from "~/models/discount.server";
import { createInvite } from "~/models/user.server";
import { action as linkAction } from "~/routes/quote.link/route";
import { action as wizardAction } from "~/routes/quote.new/route";
import { acceptQuote, handleStripeEvent } from "~/services/payments.server";
import { TERMS_VERSION } from "~/utils/terms";
import { createQuote, createShareLink, createStaff } from "../factories";
import { req, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const plain: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Hard Ening", email: "hardening@example.com" },
};
const special: QuoteRequestInput = {
  ...plain,
  requirements: { ...plain.requirements, specialRequirements: "Keep our IP range." },
};

async function submit(body: unknown) {
  return wizardAction({
    request: new Request("http://localhost/quote/new", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
    params: {},
    context: {},
  });
}

/** A fingerprint of every row of every table: any write shows up as a change. */
async function fingerprint(db: Database) {
  const result = await db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const tables = rowsOf<{ table_name: string }>(result);
  const out: Record<string, string> = {};
  for (const { table_name } of tables) {
    const r = await db.execute(
      sql.raw(
        `select count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${table_name}" x`,
      ),
    );
    out[table_name] = rowsOf<{ h: string }>(r)[0]!.h;
  }
  return out;
}

type RouteModule = {
  loader?: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;
};
// Flat route modules and folder routes (app/routes/<name>/route.tsx).
const routeModules = import.meta.glob<RouteModule>(
  ["../../app/routes/*.{ts,tsx}", "../../app/routes/*/route.{ts,tsx}"],
  { eager: true },
);
const rootModule = import.meta.glob<RouteModule>("../../app/root.tsx", { eager: true });

describe.each(TEST_DATABASES)("hardening on $name", (target) => {
  const database = useTestDatabase(target);

  it("no loader changes anything: every GET route, as every kind of visitor, leaves the database as it was", async () => {
    const db = database().db;
    // Data for every page: a plain quote (shared, accepted, paid), one under review, a pending discount, an invite.
    const quote = await createQuote(db, {}, plain);
    const review = await createQuote(db, {}, special);
    const [sales, tech, admin] = await Promise.all(
      (["sales", "technician", "admin"] as const).map((role) => createStaff(db, role)),
    );
    const { token: shareToken } = await createShareLink(db, { quoteRequestId: quote.id, createdBy: sales!.user.id });
    const inviteToken = await createInvite(db, {
      email: "new@test.local",
      name: "New",
      role: "sales",
      invitedBy: admin!.user.id,
    });
    const secondQuote = await createQuote(db, { contact: { name: "Second", email: "second@example.com" } }, plain);
    await giveDiscount(db, { quoteRequestId: secondQuote.id, bps: 2000, reason: "big deal", actor: sales!.user });
    const accepted = await acceptQuote(db, {
      quoteRequestId: quote.id,
      version: 1,
      tier: "lean",
      name: "A",
      company: "",
      email: "a@example.com",
      poNumber: "",
      termsVersion: TERMS_VERSION,
      ip: null,
      userAgent: null,
      shareLinkId: null,
    });
    await db.insert(payments).values({
      acceptanceId: accepted.acceptanceId,
      attempt: 1,
      checkoutSessionId: "cs_test_loaderwrites",
      amountMinor: 1,
      currency: "eur",
    });
    await handleStripeEvent(db, {
      id: "evt_loaderwrites",
      object: "event",
      created: 1,
      type: "checkout.session.expired",
      data: {
        object: {
          id: "cs_test_loaderwrites",
          object: "checkout.session",
          metadata: { acceptance_id: accepted.acceptanceId },
        },
      },
    } as never);

    // A draft price book next to the published ones, for the price-book pages.
    const [effective] = await effectiveBookQuery(db, "EUR", new Date());
    const draft = await createDraft(db, admin!.user, effective!.id, "hardening");
    const cookies = { anonymous: undefined, sales: sales!.cookie, technician: tech!.cookie, admin: admin!.cookie };
    const paramsFor: Record<string, Record<string, string>[]> = {
      "q.$token": [
        { token: quote.token },
        { token: review.token },
        { token: secondQuote.token },
        { token: "x".repeat(43) },
      ],
      "s.$token": [{ token: shareToken }, { token: "y".repeat(43) }],
      "q.$token.proposal[.pdf]": [{ token: quote.token }, { token: "x".repeat(43) }],
      "s.$token.proposal[.pdf]": [{ token: shareToken }, { token: "y".repeat(43) }],
      "q.$token_.receipt": [{ token: quote.token }, { token: "x".repeat(43) }],
      "q.$token_.receipt[.pdf]": [{ token: quote.token }, { token: "x".repeat(43) }],
      "s.$token_.receipt": [{ token: shareToken }, { token: "y".repeat(43) }],
      "s.$token_.receipt[.pdf]": [{ token: shareToken }, { token: "y".repeat(43) }],
      "staff.provisioning.$id": [{ id: "00000000-0000-4000-8000-000000000000" }, { id: "x" }],
      "staff.incidents.$id": [{ id: "00000000-0000-4000-8000-000000000000" }, { id: "x" }],
      "staff.services.$id._index": [{ id: quote.id }, { id: "00000000-0000-4000-8000-000000000000" }, { id: "x" }],
      "staff.services.$id.capacity": [{ id: quote.id }, { id: "00000000-0000-4000-8000-000000000000" }, { id: "x" }],
      "staff.services.$id": [{ id: quote.id }, { id: "00000000-0000-4000-8000-000000000000" }, { id: "x" }],
      "staff.services.$id.maintenance": [{ id: quote.id }, { id: "00000000-0000-4000-8000-000000000000" }, { id: "x" }],
      "account.services.$id.maintenance[.ics]": [{ id: quote.id }, { id: "x" }],
      "account.services.$id": [{ id: "00000000-0000-4000-8000-000000000000" }, { id: "x" }],
      "account.services.$id.cutover[.ics]": [{ id: quote.id }, { id: "x" }],
      "q.$token.cutover[.ics]": [{ token: quote.token }, { token: "x".repeat(43) }],
      "account.verify.$token": [{ token: "v".repeat(43) }, { token: "short" }],
      "texts.$lng": [{ lng: "en" }, { lng: "es" }, { lng: "fr" }],
      "legal.$kind": [{ kind: "terms" }, { kind: "privacy" }, { kind: "imprint" }, { kind: "nope" }],
      "staff.invite.$token": [{ token: inviteToken }, { token: "z".repeat(43) }],
      "staff.review.$id": [{ id: review.reviewItemId! }, { id: "00000000-0000-4000-8000-000000000000" }],
      "staff.sales.$id": [{ id: quote.id }, { id: secondQuote.id }],
      "staff.price-books.$id": [{ id: String(draft.id) }, { id: String(draft.id - 1) }, { id: "999999" }, { id: "x" }],
      "staff.price-books.$id.csv": [{ id: String(draft.id) }, { id: "999999" }, { id: "x" }],
      "staff.price-books.$id_.import": [{ id: String(draft.id) }, { id: "999999" }],
      "staff.catalog.servers.$sku": [{ sku: "cx23" }, { sku: "new" }, { sku: "no-such-model" }],
      "staff.catalog.addons.$sku": [{ sku: "ipv4" }, { sku: "new" }, { sku: "no-such-addon" }],
    };
    const loaders = Object.entries({ ...routeModules, ...rootModule }).filter(
      ([, m]) => typeof m.loader === "function",
    );
    expect(loaders.length).toBeGreaterThanOrEqual(17);

    const before = await fingerprint(db);
    let calls = 0;
    for (const [file, module] of loaders) {
      const name = file
        .replace(/\/route\.tsx?$/, "")
        .split("/")
        .pop()!
        .replace(/\.tsx?$/, "");
      const dynamic = name.includes("$");
      if (dynamic) expect(paramsFor[name], `parameters for ${name}`).toBeDefined();
      for (const params of dynamic ? paramsFor[name]! : [{}]) {
        const path =
          "/" +
          name
            .replace(/^_index$/, "")
            .replace(/\._index$/, "")
            .replace(/\$([A-Za-z]+)_?/g, (_, key: string) => params[key]!)
            .replace(/\[\.(\w+)\]/g, "~$1")
            .replaceAll(".", "/")
            .replaceAll("~", ".");
        for (const cookie of Object.values(cookies)) {
          calls++;
          // Redirects, 403s and 404s are answers too; only real errors (re-thrown by status) fail the test.
          await status(() => Promise.resolve(module.loader!({ request: req(path, cookie), params, context: {} })));
        }
      }
    }
    expect(calls).toBeGreaterThan(80);
    expect(await fingerprint(db)).toEqual(before);
  });

  it("the wizard's honeypot: a filled trap field stores nothing", async () => {
    const db = database().db;
    const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(quoteRequests))[0]!.n;
    const before = await count();
    const r = (await submit({ ...plain, website: "http://spam.example" })) as { init: { status: number } };
    expect(r.init.status).toBe(422);
    expect(await count()).toBe(before);
    // An empty trap field is what people send.
    expect(((await submit({ ...plain, website: "" })) as Response).status).toBe(302);
    expect(await count()).toBe(before + 1);
  });

  it("the link request's honeypot: same answer, nothing sent", async () => {
    const db = database().db;
    await submit({ ...plain, contact: { name: "Trap", email: "trap@example.com" } });
    const mails = async () =>
      (await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, "trap@example.com"))).length;
    const before = await mails();
    const bot = (await linkAction({
      request: req("/quote/link", undefined, { email: "trap@example.com", website: "x" }),
      params: {},
      context: {},
    })) as { sent: boolean };
    expect(bot.sent).toBe(true);
    expect(await mails()).toBe(before);
    const person = (await linkAction({
      request: req("/quote/link", undefined, { email: "trap@example.com", website: "" }),
      params: {},
      context: {},
    })) as { sent: boolean };
    expect(person.sent).toBe(true);
    expect(await mails()).toBe(before + 1);
  });
});
