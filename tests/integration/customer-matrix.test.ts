/**
 * Issue 18, Tests: "a customer never sees another customer's quotes or services (matrix test)".
 * Two customers, each with a paid and delivered order with a confirmed cutover window; every
 * customer-account route, read and write, as the owner, as the other customer and signed out.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { cutoverWindows, deliveredServers, provisioningItems, quoteMessages } from "#db/schema";
import { action as accountAction, loader as accountLoader } from "~/routes/account._index/route";
import { loader as icsLoader } from "~/routes/account.services.$id.cutover[.ics]";
import { action as handoverAction, loader as handoverLoader } from "~/routes/account.services.$id/route";
import { acceptFirstProposal, createQuote, customerCookie, unique } from "../factories";
import { sundayNightMove } from "../fixtures/migration";
import { callAction, callLoader } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

async function customer(db: Database, label: string) {
  const email = `${label}-${unique()}@example.com`;
  const quote = await createQuote(db, {
    contact: { name: label, email },
    requirements: { availability: "standard", termMonths: 12, region: "eu", migration: sundayNightMove },
    workloads: [{ kind: "web_app", name: "Shop", visitsPerDay: 5000 }],
  });
  const { acceptance } = await acceptFirstProposal(db, quote.id, { name: label, email, paid: true });
  const [item] = await db
    .insert(provisioningItems)
    .values({ quoteRequestId: quote.id, acceptanceId: acceptance.id, status: "done" })
    .returning();
  await db.insert(deliveredServers).values({
    provisioningItemId: item!.id,
    serverKey: "s-1",
    hostname: `${label}.example`,
    ipAddresses: ["192.0.2.1"],
    dataCentre: "FSN1",
    serial: "SN",
  });
  const start = new Date(Date.now() + 10 * 24 * 3_600_000);
  await db.insert(cutoverWindows).values({
    provisioningItemId: item!.id,
    startsAt: start,
    endsAt: new Date(start.getTime() + 6 * 3_600_000),
    timeZone: "Europe/Madrid",
    proposedBy: "staff",
    status: "confirmed",
    confirmedAt: new Date(),
  });
  return { quote, item: item!, cookie: await customerCookie(db, email) };
}

const request = (path: string, cookie: string | null, form?: Record<string, string>) =>
  new Request(`http://localhost${path}`, {
    method: form ? "POST" : "GET",
    headers: {
      ...(cookie ? { Cookie: cookie } : {}),
      ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
    },
    body: form ? new URLSearchParams(form) : undefined,
  });

describe.each(TEST_DATABASES)("customers see only their own on $name", (target) => {
  const database = useTestDatabase(target);

  it("every account route, as the owner, the other customer and signed out", async () => {
    const { db } = database();
    const alice = await customer(db, "alice");
    const bob = await customer(db, "bob");
    const visitors = { owner: alice.cookie, other: bob.cookie, anonymous: null } as const;
    const id = alice.quote.id;

    for (const [who, cookie] of Object.entries(visitors)) {
      const expected = who === "owner" ? 200 : who === "other" ? 404 : 302;
      const page = await callLoader(handoverLoader, request(`/account/services/${id}`, cookie), { id });
      expect(page.status, `hand-over page as ${who}`).toBe(expected);
      const ics = await callLoader(icsLoader, request(`/account/services/${id}/cutover.ics`, cookie), { id });
      expect(ics.status, `calendar as ${who}`).toBe(expected);
      const open = await callAction(accountAction, request("/account", cookie, { intent: "open", quoteId: id }));
      expect(open.status, `open the quote as ${who}`).toBe(who === "owner" ? 303 : who === "other" ? 404 : 302);
      if (who !== "owner") {
        // Writes as the wrong visitor change nothing: no sign-off, no problem report, no cutover suggestion.
        const writes: Record<string, string>[] = [
          { intent: "signOff" },
          { intent: "problem", body: "Not mine, but let us try." },
          { intent: "cutover_suggest", date: "2027-06-06", time: "02:00" },
        ];
        for (const form of writes) {
          const answer = await callAction(handoverAction, request(`/account/services/${id}`, cookie, form), { id });
          expect(answer.status, `${form.intent} as ${who}`).toBe(who === "other" ? 404 : 302);
        }
      }
    }
    expect(await db.select().from(quoteMessages).where(eq(quoteMessages.quoteRequestId, id))).not.toContainEqual(
      expect.objectContaining({ event: "signed_off" }),
    );
    const [item] = await db.select().from(provisioningItems).where(eq(provisioningItems.id, alice.item.id));
    expect(item!.status).toBe("done");
    expect(
      await db.select().from(cutoverWindows).where(eq(cutoverWindows.provisioningItemId, alice.item.id)),
    ).toHaveLength(1);

    // The account page lists each customer's own quotes and services only.
    for (const [self, other] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const page = await callLoader(accountLoader, request("/account", self.cookie));
      const quoteIds = page.data.quotes.map((q) => q.id);
      expect(quoteIds).toContain(self.quote.id);
      expect(quoteIds).not.toContain(other.quote.id);
      expect(JSON.stringify(page.data.services)).not.toContain(other.quote.id);
    }
  });
});
