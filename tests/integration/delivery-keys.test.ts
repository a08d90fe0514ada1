/**
 * Issue 18 item 5: the delivery records which of the customer's SSH keys were installed on which
 * server, from that customer's account only, as a snapshot that outlives the key.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { customerAccounts, customerSshKeys, deliveredServers, provisioningItems } from "#db/schema";
import { type SshKey, parseSshKey } from "~/domain/ssh-key";
import { loader as handoverLoader } from "~/routes/account.services.$id/route";
import { action, loader } from "~/routes/staff.provisioning.$id/route";
import { acceptFirstProposal, createQuote, createStaff, customerCookie, unique } from "../factories";
import { ED25519, RSA_3072 } from "../fixtures/ssh-keys";
import { callAction, callLoader, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

async function paidCustomer(db: Database) {
  const email = `Keys-${unique()}@Example.com`;
  const quote = await createQuote(db, { contact: { name: "Kay Holder", email } });
  const { acceptance } = await acceptFirstProposal(db, quote.id, { name: "Kay", email, paid: true });
  const [item] = await db
    .insert(provisioningItems)
    .values({ quoteRequestId: quote.id, acceptanceId: acceptance.id })
    .returning();
  // The account is the contact's address (lower-cased), made by signing in.
  const cookie = await customerCookie(db, email.toLowerCase());
  const [account] = await db.select().from(customerAccounts).where(eq(customerAccounts.email, email.toLowerCase()));
  return { quote, item: item!, cookie, accountId: account!.id };
}

async function addKey(db: Database, accountId: string, text: string) {
  const key = parseSshKey(text) as SshKey;
  const [row] = await db
    .insert(customerSshKeys)
    .values({ accountId, ...key })
    .returning();
  return row!;
}

describe.each(TEST_DATABASES)("installed SSH keys on $name", (target) => {
  const database = useTestDatabase(target);

  it("records the customer's own keys per server, refuses another's, and keeps the record after the key goes", async () => {
    const { db } = database();
    const mine = await paidCustomer(db);
    const theirs = await paidCustomer(db);
    const ed = await addKey(db, mine.accountId, ED25519);
    const rsa = await addKey(db, mine.accountId, RSA_3072);
    const foreign = await addKey(db, theirs.accountId, ED25519);
    const admin = await createStaff(db, "admin");
    const id = mine.item.id;
    expect(
      (
        await callAction(
          action,
          req(`/staff/provisioning/${id}`, admin.cookie, { intent: "assign", assigneeId: admin.user.id }),
          { id },
        )
      ).status,
    ).toBe(200);

    const page = await callLoader(loader, req(`/staff/provisioning/${id}`, admin.cookie), { id });
    expect(page.data.customerKeys.map((k) => k.id)).toEqual([ed.id, rsa.id]);
    const serverKey = page.data.item.servers[0]!.key;

    const deliver = (keyIds: string[]) => {
      const form = new URLSearchParams({
        intent: "deliver",
        serverKey,
        hostname: "web1.example.net",
        ipAddresses: "203.0.113.10",
        dataCentre: "FSN1",
        serial: "SN-1",
      });
      for (const k of keyIds) form.append("keyIds", k);
      return callAction(
        action,
        new Request(`http://localhost/staff/provisioning/${id}`, {
          method: "POST",
          headers: { Cookie: admin.cookie, "Content-Type": "application/x-www-form-urlencoded" },
          body: form,
        }),
        { id },
      );
    };
    // Another customer's key (same key text, their account) is refused, and nothing is written.
    const refused = await deliver([ed.id, foreign.id]);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain('"path":"keyIds"');
    expect(await db.select().from(deliveredServers).where(eq(deliveredServers.provisioningItemId, id))).toEqual([]);
    expect((await deliver(["not-a-uuid"])).status).toBe(400);

    expect((await deliver([ed.id])).status).toBe(200);
    const [row] = await db.select().from(deliveredServers).where(eq(deliveredServers.provisioningItemId, id));
    expect(row!.installedKeys).toEqual([{ fingerprint: ed.fingerprint, type: ed.type, comment: "ana@laptop" }]);

    // The customer deletes the key later: the record of what was installed stays.
    await db.delete(customerSshKeys).where(eq(customerSshKeys.id, ed.id));
    const after = await callLoader(loader, req(`/staff/provisioning/${id}`, admin.cookie), { id });
    expect(after.data.item.servers[0]!.delivered!.keys).toEqual([`${ed.type} ${ed.fingerprint} (ana@laptop)`]);
    expect(after.data.customerKeys.map((k) => k.id)).toEqual([rsa.id]);

    // The customer's hand-over page names it per server (once handed over; here the data is there).
    const handover = await callLoader(
      handoverLoader,
      new Request(`http://localhost/account/services/${mine.quote.id}`, { headers: { Cookie: mine.cookie } }),
      { id: mine.quote.id },
    );
    expect(handover.status).toBe(200);
    // Another customer cannot read it.
    const other = await callLoader(
      handoverLoader,
      new Request(`http://localhost/account/services/${mine.quote.id}`, { headers: { Cookie: theirs.cookie } }),
      { id: mine.quote.id },
    );
    expect(other.status).toBe(404);
  });
});
