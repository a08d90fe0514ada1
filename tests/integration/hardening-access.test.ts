import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { outboxMessages, staffInvites, stripeEvents, users } from "#db/schema";
import { DEV_PASSWORD, DEV_USERS, isLoopbackHost, seedDevUsers } from "#db/seed";
import { createInvite, createUser, disableUser, verifyLogin } from "~/models/user.server";
import { action as inviteAction, loader as inviteLoader } from "~/routes/staff.invite.$token/route";
import { action as usersAction } from "~/routes/staff.users/route";
import { action as webhookAction } from "~/routes/webhooks.stripe";
import { STANDIN_WEBHOOK_SECRET } from "~/services/stripe.server";
import { callAction, req, staffCookie, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 12, items 10 and 15: the stand-in's webhook secret, webhook timestamps, invitations. */

/** The secret every copy of SpecDesk used before: published in the repository. */
const OLD_STATIC_SECRET = "whsec_specdesk_local_standin_not_a_real_secret";

let counter = 0;
const ignoredEvent = () =>
  JSON.stringify({
    id: `evt_access_${Date.now()}_${counter++}`,
    object: "event",
    created: Math.floor(Date.now() / 1000),
    type: "customer.created",
    data: { object: { id: "cus_x", object: "customer" } },
  });

async function postWebhook(payload: string, signature: string) {
  const r = await webhookAction({
    request: new Request("http://localhost/webhooks/stripe", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
      body: payload,
    }),
    params: {},
    context: {},
  });
  return r.status;
}

async function usersPost(cookie: string, form: Record<string, string>) {
  const r = await callAction(usersAction, req("/staff/users", cookie, form));
  return { status: r.status, ...r.data };
}

describe.each(TEST_DATABASES)("access hardening on $name", (target) => {
  const database = useTestDatabase(target);

  it("the stand-in's webhook secret is random per start: an event signed with the old published secret is refused", async () => {
    expect(STANDIN_WEBHOOK_SECRET).not.toBe(OLD_STATIC_SECRET);
    expect(STANDIN_WEBHOOK_SECRET).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const forged = ignoredEvent();
    expect(
      await postWebhook(
        forged,
        Stripe.webhooks.generateTestHeaderString({ payload: forged, secret: OLD_STATIC_SECRET }),
      ),
    ).toBe(400);
    expect(
      await database()
        .db.select()
        .from(stripeEvents)
        .where(eq(stripeEvents.id, JSON.parse(forged).id)),
    ).toHaveLength(0);
    const genuine = ignoredEvent();
    expect(
      await postWebhook(
        genuine,
        Stripe.webhooks.generateTestHeaderString({ payload: genuine, secret: STANDIN_WEBHOOK_SECRET }),
      ),
    ).toBe(200);
  });

  it("the demo accounts (published password) work only while the server listens on loopback", async () => {
    const db = database().db;
    expect(["127.0.0.1", "localhost", "::1", "127.0.1.1"].every(isLoopbackHost)).toBe(true);
    expect(["0.0.0.0", "::", "192.168.1.10", "specdesk.example"].some(isLoopbackHost)).toBe(false);
    const canSignIn = async () =>
      Promise.all(DEV_USERS.map(async (u) => Boolean(await verifyLogin(db, u.email, DEV_PASSWORD))));

    await seedDevUsers(db, { exposed: true });
    expect(await canSignIn()).toEqual([false, false, false]);
    await seedDevUsers(db, { exposed: false });
    expect(await canSignIn()).toEqual([true, true, true]);
    await seedDevUsers(db, { exposed: true });
    expect(await canSignIn()).toEqual([false, false, false]);
    await seedDevUsers(db, { exposed: false });
    expect(await canSignIn()).toEqual([true, true, true]);
  });

  it("webhook timestamps: refused more than a minute in the future or more than five minutes old", async () => {
    const now = Math.floor(Date.now() / 1000);
    const at = (offset: number) => {
      const payload = ignoredEvent();
      return postWebhook(
        payload,
        Stripe.webhooks.generateTestHeaderString({ payload, secret: STANDIN_WEBHOOK_SECRET, timestamp: now + offset }),
      );
    };
    expect(await at(600)).toBe(400);
    expect(await at(120)).toBe(400);
    expect(await at(-301 - 5)).toBe(400);
    // Clock skew between Stripe and us is tolerated.
    expect(await at(30)).toBe(200);
    expect(await at(-240)).toBe(200);
    // A header with two timestamps cannot smuggle a stale one past the check.
    const payload = ignoredEvent();
    const good = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: STANDIN_WEBHOOK_SECRET,
      timestamp: now + 3600,
    });
    expect(await postWebhook(payload, `t=${now},${good}`)).toBe(400);
  });

  it("inviting an address that already has an account answers a field error and creates nothing", async () => {
    const db = database().db;
    const admin = await createUser(db, {
      email: "invite-admin@test.local",
      name: "Admin",
      role: "admin",
      password: "correct horse battery",
    });
    const cookie = await staffCookie(db, admin.id);
    await createUser(db, {
      email: "active@test.local",
      name: "Active",
      role: "sales",
      password: "correct horse battery",
    });
    const disabled = await createUser(db, {
      email: "disabled@test.local",
      name: "Gone",
      role: "technician",
      password: "correct horse battery",
    });
    await disableUser(db, disabled.id);
    const invites = async () => (await db.select().from(staffInvites)).length;
    const mails = async () => (await db.select().from(outboxMessages)).length;
    const [invitesBefore, mailsBefore] = [await invites(), await mails()];

    const active = await usersPost(cookie, {
      intent: "invite",
      email: "Active@Test.local",
      name: "Again",
      role: "admin",
    });
    expect(active.status).toBe(400);
    expect(active.errors).toEqual([{ path: "email", message: expect.stringMatching(/already has an account/) }]);
    const gone = await usersPost(cookie, {
      intent: "invite",
      email: "disabled@test.local",
      name: "Again",
      role: "sales",
    });
    expect(gone.status).toBe(400);
    expect(gone.errors).toEqual([
      { path: "email", message: expect.stringMatching(/disabled account: re-enable it instead/) },
    ]);
    expect([await invites(), await mails()]).toEqual([invitesBefore, mailsBefore]);

    // Re-enabling is the way back, with the role they had.
    const enabled = await usersPost(cookie, { intent: "enable", userId: disabled.id });
    expect(enabled.status).toBe(200);
    const [row] = await db.select().from(users).where(eq(users.id, disabled.id));
    expect(row!.disabledAt).toBeNull();
    expect(row!.role).toBe("technician");

    // A new address still gets its invitation.
    expect(
      (await usersPost(cookie, { intent: "invite", email: "fresh@test.local", name: "Fresh", role: "sales" })).status,
    ).toBe(200);
    expect(await invites()).toBe(invitesBefore + 1);
  });

  it("accepting an invitation for an address that meanwhile got an account says so, instead of a 404", async () => {
    const db = database().db;
    const [admin] = await db.select().from(users).where(eq(users.email, "invite-admin@test.local"));
    const token = await createInvite(db, {
      email: "raced@test.local",
      name: "Raced",
      role: "sales",
      invitedBy: admin!.id,
    });
    await createUser(db, {
      email: "raced@test.local",
      name: "Raced",
      role: "sales",
      password: "correct horse battery",
    });

    const page = (await inviteLoader({ request: req(`/staff/invite/${token}`), params: { token }, context: {} })) as {
      init: { status: number } | null;
      data: { accountExists?: boolean; email: string };
    };
    expect(page.init?.status).toBe(409);
    expect(page.data).toMatchObject({ accountExists: true, email: "raced@test.local" });

    const answer = (await inviteAction({
      request: req(`/staff/invite/${token}`, undefined, { password: "another good password" }),
      params: { token },
      context: {},
    })) as { init: { status: number } | null; data: { error: string } };
    expect(answer.init?.status).toBe(409);
    expect(answer.data.error).toMatch(/already has an account/);
    // Nothing changed: no second user, and the invitation is not marked used by a refused attempt.
    expect(await db.select().from(users).where(eq(users.email, "raced@test.local"))).toHaveLength(1);
    const [invite] = await db.select().from(staffInvites).where(eq(staffInvites.email, "raced@test.local"));
    expect(invite!.acceptedAt).toBeNull();

    // Unknown links still look like any other missing page.
    expect(
      await status(
        () =>
          inviteLoader({
            request: req("/staff/invite/x"),
            params: { token: "x".repeat(43) },
            context: {},
          }) as Promise<unknown>,
      ),
    ).toBe(404);
  });
});
