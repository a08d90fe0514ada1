/// <reference types="vite/client" />
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Database, rowsOf } from "#db/client.server";
import { outboxMessages, payments, quoteRequests, reviewItems } from "#db/schema";
import type { QuoteRequestInput } from "~/domain/quote-input";
import { giveDiscount } from "~/models/discount.server";
import { createShareLink } from "~/models/share-link.server";
import { createInvite, createUser } from "~/models/user.server";
import { action as linkAction } from "~/routes/quote.link";
import { action as wizardAction } from "~/routes/quote.new";
import { acceptQuote, handleStripeEvent } from "~/services/payments.server";
import { TERMS_VERSION } from "~/utils/terms";
import { req, staffCookie } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

const plain: QuoteRequestInput = {
  requirements: { availability: "standard", termMonths: 12, region: "eu" },
  workloads: [{ kind: "web_app", visitsPerDay: 3000 }],
  contact: { name: "Hard Ening", email: "hardening@example.com" },
};
const special: QuoteRequestInput = { ...plain, requirements: { ...plain.requirements, specialRequirements: "Keep our IP range." } };

async function submit(body: unknown) {
  return wizardAction({ request: new Request("http://localhost/quote/new", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }), params: {}, context: {} });
}
const tokenOf = (r: unknown) => new URL((r as Response).headers.get("Location")!, "http://localhost").pathname.split("/q/")[1]!;

/** A fingerprint of every row of every table: any write shows up as a change. */
async function fingerprint(db: Database) {
  const result = await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
  const tables = rowsOf<{ table_name: string }>(result);
  const out: Record<string, string> = {};
  for (const { table_name } of tables) {
    const r = await db.execute(sql.raw(`select count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${table_name}" x`));
    out[table_name] = rowsOf<{ h: string }>(r)[0]!.h;
  }
  return out;
}

type RouteModule = { loader?: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown };
const routeModules = import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}", { eager: true });
const rootModule = import.meta.glob<RouteModule>("../../app/root.tsx", { eager: true });

describe.each(TEST_DATABASES)("hardening on $name", (target) => {
  const database = useTestDatabase(target);

  it("no loader changes anything: every GET route, as every kind of visitor, leaves the database as it was", async () => {
    const db = database().db;
    // Data for every page: a plain quote (shared, accepted, paid), one under review, a pending discount, an invite.
    const customerToken = tokenOf(await submit(plain));
    const reviewToken = tokenOf(await submit(special));
    const [quote] = await db.select().from(quoteRequests).where(eq(quoteRequests.requirements, plain.requirements)).limit(1);
    const [item] = await db.select().from(reviewItems).limit(1);
    const [sales, tech, admin] = await Promise.all(["sales", "technician", "admin"].map((role, i) => createUser(db, { email: `lw${i}@test.local`, name: role, role: role as "sales", password: "correct horse battery" })));
    const shareToken = await createShareLink(db, { quoteRequestId: quote!.id, version: 1, createdBy: sales!.id });
    const inviteToken = await createInvite(db, { email: "new@test.local", name: "New", role: "sales", invitedBy: admin!.id });
    const second = tokenOf(await submit({ ...plain, contact: { name: "Second", email: "second@example.com" } }));
    const [secondQuote] = await db.select().from(quoteRequests).where(eq(quoteRequests.contactEmail, "second@example.com"));
    await giveDiscount(db, { quoteRequestId: secondQuote!.id, bps: 2000, reason: "big deal", user: { id: sales!.id, role: "sales" } });
    const accepted = await acceptQuote(db, { quoteRequestId: quote!.id, version: 1, tier: "lean", name: "A", company: "", email: "a@example.com", poNumber: "", termsVersion: TERMS_VERSION, ip: null, userAgent: null, shareLinkId: null });
    if (!accepted.ok) throw new Error("setup: acceptance failed");
    await db.insert(payments).values({ acceptanceId: accepted.acceptanceId, attempt: 1, checkoutSessionId: "cs_test_loaderwrites", amountMinor: 1, currency: "eur" });
    await handleStripeEvent(db, { id: "evt_loaderwrites", object: "event", created: 1, type: "checkout.session.expired", data: { object: { id: "cs_test_loaderwrites", object: "checkout.session", metadata: { acceptance_id: accepted.acceptanceId } } } } as never);

    const cookies = { anonymous: undefined, sales: await staffCookie(db, sales!.id), technician: await staffCookie(db, tech!.id), admin: await staffCookie(db, admin!.id) };
    const paramsFor: Record<string, Record<string, string>[]> = {
      "q.$token": [{ token: customerToken }, { token: reviewToken }, { token: second }, { token: "x".repeat(43) }],
      "s.$token": [{ token: shareToken }, { token: "y".repeat(43) }],
      "staff.invite.$token": [{ token: inviteToken }, { token: "z".repeat(43) }],
      "staff.review.$id": [{ id: item!.id }, { id: "00000000-0000-4000-8000-000000000000" }],
      "staff.sales.$id": [{ id: quote!.id }, { id: secondQuote!.id }],
    };
    const loaders = Object.entries({ ...routeModules, ...rootModule }).filter(([, m]) => typeof m.loader === "function");
    expect(loaders.length).toBeGreaterThanOrEqual(17);

    const before = await fingerprint(db);
    let calls = 0;
    for (const [file, module] of loaders) {
      const name = file.split("/").pop()!.replace(/\.tsx?$/, "");
      const dynamic = name.includes("$");
      if (dynamic) expect(paramsFor[name], `parameters for ${name}`).toBeDefined();
      for (const params of dynamic ? paramsFor[name]! : [{}]) {
        const path = "/" + name.replace(/^_index$/, "").replace(/\._index$/, "").replace(/\$(\w+)/g, (_, key: string) => params[key]!).replaceAll(".", "/");
        for (const cookie of Object.values(cookies)) {
          calls++;
          try {
            await module.loader!({ request: req(path, cookie), params, context: {} });
          } catch (e) {
            // Redirects, 403s and 404s are answers too; only real errors fail the test.
            if (!(e instanceof Response) && !(e as { init?: unknown }).init) throw e;
          }
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
    const mails = async () => (await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, "trap@example.com"))).length;
    const before = await mails();
    const bot = (await linkAction({ request: req("/quote/link", undefined, { email: "trap@example.com", website: "x" }), params: {}, context: {} })) as { sent: boolean };
    expect(bot.sent).toBe(true);
    expect(await mails()).toBe(before);
    const person = (await linkAction({ request: req("/quote/link", undefined, { email: "trap@example.com", website: "" }), params: {}, context: {} })) as { sent: boolean };
    expect(person.sent).toBe(true);
    expect(await mails()).toBe(before + 1);
  });
});
