import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "#db/client.server";
import { customerSignInLinks, outboxMessages, quoteRequests } from "#db/schema";
import { createSignInLink, signInWithLink } from "~/models/customer-account.server";
import { action as accountAction, loader as accountLoader } from "~/routes/account._index/route";
import { action as signInAction } from "~/routes/account.sign-in/route";
import { action as verifyAction, loader as verifyLoader } from "~/routes/account.verify.$token/route";
import { serializeAccountCookie } from "~/utils/customer-auth.server";
import { formatMoney } from "~/utils/format";
import { acceptFirstProposal, createQuote, unique } from "../factories";
import { ED25519, RSA_1024 } from "../fixtures/ssh-keys";
import { req, settle } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 18 item 1: passwordless customer accounts. */

const TOKEN_IN_TEXT = /\/account\/verify\/([A-Za-z0-9_-]{43})/;

async function askForLink(email: string, lang = "en") {
  return settle(() =>
    signInAction({
      request: new Request("http://localhost/account/sign-in", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": lang },
        body: new URLSearchParams({ email }),
      }),
      params: {},
      context: {},
    }),
  );
}

async function linksSentTo(db: Database, email: string) {
  const mails = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, email.toLowerCase()), eq(outboxMessages.template, "sign_in")));
  return mails.map((m) => TOKEN_IN_TEXT.exec(m.textBody)![1]!);
}

/** Signs `email` in through the e-mailed link and returns the account cookie. */
async function signIn(db: Database, email: string) {
  await askForLink(email);
  const token = (await linksSentTo(db, email)).at(-1)!;
  const answer = await settle(() =>
    verifyAction({ request: req(`/account/verify/${token}`, undefined, {}), params: { token }, context: {} }),
  );
  expect(answer.status).toBe(303);
  expect(answer.location).toBe("/account");
  const setCookie = answer.headers.get("Set-Cookie")!;
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=Lax/i);
  return setCookie.split(";")[0]!;
}

describe.each(TEST_DATABASES)("customer accounts on $name", (target) => {
  const database = useTestDatabase(target);

  it("answers every address the same; only a customer's gets a link, stored hashed, and at most 3 per 15 minutes", async () => {
    const { db } = database();
    const known = `known-${unique()}@example.com`;
    await createQuote(db, { contact: { name: "Kim", email: known } });
    const unknown = await askForLink(`nobody-${unique()}@example.com`);
    const first = await askForLink(known.toUpperCase());
    expect(unknown.status).toBe(200);
    expect(first.status).toBe(200);
    expect(unknown.data).toEqual(first.data);
    const tokens = await linksSentTo(db, known);
    expect(tokens).toHaveLength(1);
    // Only the hash is stored.
    const rows = await db.select().from(customerSignInLinks).where(eq(customerSignInLinks.email, known));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(tokens[0]!);

    for (let i = 0; i < 4; i++) expect((await askForLink(known)).data).toEqual(first.data);
    expect(await linksSentTo(db, known)).toHaveLength(3);

    const bad = await askForLink("not an address");
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ sent: false, error: "Enter a valid e-mail address." });
  });

  it("a link works once, only by the customer's click (not by opening it), and not after 15 minutes", async () => {
    const { db } = database();
    const email = `once-${unique()}@example.com`;
    await createQuote(db, { contact: { name: "Once", email } });
    await askForLink(email);
    const [token] = await linksSentTo(db, email);
    const opened = await settle(() =>
      verifyLoader({ request: req(`/account/verify/${token}`), params: { token: token! }, context: {} }),
    );
    expect(opened.status).toBe(200);
    expect(opened.data.live).toBe(true);
    const use = () =>
      settle(() =>
        verifyAction({
          request: req(`/account/verify/${token}`, undefined, {}),
          params: { token: token! },
          context: {},
        }),
      );
    expect((await use()).status).toBe(303);
    expect((await use()).status).toBe(410);
    const reopened = await settle(() =>
      verifyLoader({ request: req(`/account/verify/${token}`), params: { token: token! }, context: {} }),
    );
    expect(reopened.status).toBe(410);

    const late = await db.transaction((tx) => createSignInLink(tx, email, new Date()));
    if ("refused" in late) throw new Error(late.refused);
    expect(await signInWithLink(db, late.token, new Date(Date.now() + 16 * 60_000))).toBeNull();
    expect(await signInWithLink(db, late.token, new Date(Date.now() + 14 * 60_000))).not.toBeNull();
    expect(await signInWithLink(db, "x".repeat(43))).toBeNull();
  });

  it("lists every quote made with the address (any case) and those accepted with it, and no one else's", async () => {
    const { db } = database();
    const mine = `mine-${unique()}@example.com`;
    const theirs = `theirs-${unique()}@example.com`;
    const a = await createQuote(db, { contact: { name: "Me", email: mine } });
    const b = await createQuote(db, { contact: { name: "Me", email: mine.toUpperCase() } });
    const other = await createQuote(db, { contact: { name: "Them", email: theirs } });
    // A quote someone else asked for, accepted with my address through a share link.
    const shared = await createQuote(db, {
      contact: { name: "Colleague", email: `colleague-${unique()}@example.com` },
    });
    await acceptFirstProposal(db, shared.id, { name: "Me", email: mine });

    const cookie = await signIn(db, mine);
    const page = await settle(() => accountLoader({ request: req("/account", cookie), params: {}, context: {} }));
    expect(page.status).toBe(200);
    const ids = page.data.quotes.map((q) => q.id).sort();
    expect(ids).toEqual([a.id, b.id, shared.id].sort());
    expect(ids).not.toContain(other.id);
    // An open quote costs "from" its cheapest tier; an accepted one what was accepted.
    const byId = new Map(page.data.quotes.map((q) => [q.id, q]));
    expect(byId.get(a.id)!.price).toMatch(/^from €[\d.,]+ a month$/);
    expect(byId.get(shared.id)!.price).toMatch(/^€[\d.,]+ a month$/);

    const open = (quoteId: string, c = cookie) =>
      settle(() =>
        accountAction({ request: req("/account", c, { intent: "open", quoteId }), params: {}, context: {} }),
      );
    const opened = await open(a.id);
    expect(opened.status).toBe(303);
    expect(opened.location).toMatch(/^\/q\/[A-Za-z0-9_-]{43}$/);
    expect((await open(other.id)).status).toBe(404);
    expect((await open("not-a-uuid")).status).toBe(400);

    // The other customer sees only their own, and cannot open mine.
    const theirCookie = await signIn(db, theirs);
    const theirPage = await settle(() =>
      accountLoader({ request: req("/account", theirCookie), params: {}, context: {} }),
    );
    expect(theirPage.data.quotes.map((q) => q.id)).toEqual([other.id]);
    expect((await open(a.id, theirCookie)).status).toBe(404);
    expect((await open(shared.id, theirCookie)).status).toBe(404);

    // Signed out: the session is over, not just the cookie.
    const out = await settle(() =>
      accountAction({ request: req("/account", cookie, { intent: "signOut" }), params: {}, context: {} }),
    );
    expect(out.status).toBe(303);
    const after = await settle(() => accountLoader({ request: req("/account", cookie), params: {}, context: {} }));
    expect(after.status).toBe(302);
    expect(after.location).toBe("/account/sign-in");
    // Anonymous, forged and staff cookies get the sign-in page too.
    for (const c of [undefined, await serializeAccountCookie("y".repeat(43))]) {
      const anonymous = await settle(() => accountLoader({ request: req("/account", c), params: {}, context: {} }));
      expect(anonymous.location).toBe("/account/sign-in");
    }
    expect((await db.select().from(quoteRequests).where(eq(quoteRequests.id, a.id))).length).toBe(1);
  });

  it("shows paid quotes as services with their delivery state", async () => {
    const { db } = database();
    const email = `svc-${unique()}@example.com`;
    const quote = await createQuote(db, { contact: { name: "Svc", email } });
    const { acceptance } = await acceptFirstProposal(db, quote.id, { name: "Svc", email, paid: true });
    const cookie = await signIn(db, email);
    const page = await settle(() =>
      accountLoader({
        request: new Request("http://localhost/account", { headers: { Cookie: cookie, "Accept-Language": "es" } }),
        params: {},
        context: {},
      }),
    );
    expect(page.data.services).toHaveLength(1);
    expect(page.data.services[0]!.title).toMatch(
      new RegExp(
        `: ${formatMoney(acceptance.monthlyMinor, "EUR", "es").replace(/\s/g, "\\s")} al mes durante 12 meses$`,
      ),
    );
    expect(page.data.services[0]!.delivery).toBe("En preparación");
  });

  it("takes the customer's SSH public keys, checked, with their fingerprints; never anyone else's", async () => {
    const { db } = database();
    const email = `keys-${unique()}@example.com`;
    const otherEmail = `keys-other-${unique()}@example.com`;
    await createQuote(db, { contact: { name: "Keys", email } });
    await createQuote(db, { contact: { name: "Other", email: otherEmail } });
    const cookie = await signIn(db, email);
    const otherCookie = await signIn(db, otherEmail);
    const post = (c: string, values: Record<string, string>) =>
      settle(() => accountAction({ request: req("/account", c, values), params: {}, context: {} }));

    const added = await post(cookie, { intent: "addKey", publicKey: `${ED25519}\n` });
    expect(added.status).toBe(200);
    expect(added.data).toMatchObject({ ok: expect.stringMatching(/^Key added: SHA256:/) });
    expect((await post(cookie, { intent: "addKey", publicKey: ED25519 })).status).toBe(409);
    const small = await post(cookie, { intent: "addKey", publicKey: RSA_1024 });
    expect(small.status).toBe(400);
    expect(small.data).toMatchObject({ errors: [{ path: "publicKey", message: expect.stringContaining("2048") }] });
    const secret = await post(cookie, { intent: "addKey", publicKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn" });
    expect(secret.data).toMatchObject({ errors: [{ message: expect.stringContaining("private key") }] });

    const page = await settle(() => accountLoader({ request: req("/account", cookie), params: {}, context: {} }));
    expect(page.data.keys).toHaveLength(1);
    expect(page.data.keys[0]!.line).toMatch(/^ssh-ed25519, 256 bits, added /);
    const keyId = page.data.keys[0]!.id;
    const theirs = await settle(() =>
      accountLoader({ request: req("/account", otherCookie), params: {}, context: {} }),
    );
    expect(theirs.data.keys).toEqual([]);
    expect((await post(otherCookie, { intent: "removeKey", keyId })).status).toBe(404);
    expect((await post(cookie, { intent: "removeKey", keyId })).status).toBe(200);
  });
});
