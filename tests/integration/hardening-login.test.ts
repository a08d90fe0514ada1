import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loginThrottles } from "#db/schema";
import { createUser } from "~/models/user.server";
import { action as loginAction, loader as loginLoader } from "~/routes/staff.login/route";
import { safeRedirect } from "~/utils/auth.server";
import { callAction, req } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

/** Issue 12, items 3 and 12: where a login may send you, and how many guesses an account gets. */

const PASSWORD = "correct horse battery";

/** Every way we know to leave the site from a "path", plus header injection. */
const HOSTILE = [
  "//evil.example",
  "/\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/ /evil.example",
  "/\u0000/evil.example",
  "/\u001f/evil.example",
  "/\u00a0/evil.example",
  "/\u3000/evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/staff\\..\\..\\/evil.example",
  "https://evil.example",
  "http:/evil.example",
  "javascript:alert(1)",
  "evil.example",
  "",
  "/staff\r\nSet-Cookie: x=1",
];
const CLEAN = [
  "/staff/review",
  "/staff/review?status=open&page=2",
  "/staff/sales/abc#top",
  "/",
  "/staff/%2F%2Fevil.example",
];

describe("safeRedirect", () => {
  it.each(HOSTILE)("refuses %j", (to) => {
    expect(safeRedirect(to, "/staff/review")).toBe("/staff/review");
  });
  it.each(CLEAN)("keeps %j", (to) => {
    expect(safeRedirect(to, "/fallback")).toBe(to);
  });
  it("refuses what is not a string", () => {
    expect(safeRedirect(null)).toBe("/staff");
    expect(safeRedirect(undefined)).toBe("/staff");
  });
});

async function login(email: string, password: string, redirectTo?: string) {
  const r = await callAction(
    loginAction,
    req("/staff/login", undefined, { email, password, ...(redirectTo === undefined ? {} : { redirectTo }) }),
  );
  return { status: r.status, location: r.location, errors: r.response ? [] : r.data.errors };
}

const emailHash = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex");

describe.each(TEST_DATABASES)("staff login on $name", (target) => {
  const database = useTestDatabase(target);

  it("after signing in, a hostile redirectTo goes to the review queue, never off the site", async () => {
    await createUser(database().db, {
      email: "redirect@test.local",
      name: "R",
      role: "technician",
      password: PASSWORD,
    });
    for (const to of HOSTILE.filter((t) => !/\p{Cc}/u.test(t))) {
      const r = await login("redirect@test.local", PASSWORD, to);
      expect(r.status, JSON.stringify(to)).toBe(302);
      expect(r.location, JSON.stringify(to)).toBe("/staff/review");
    }
    expect((await login("redirect@test.local", PASSWORD, "/staff/sales?x=1")).location).toBe("/staff/sales?x=1");
  });

  it("a crafted link's return address is replaced on the sign-in page, so its visitor can still sign in", async () => {
    const page = async (to: string) =>
      (
        (await loginLoader({
          request: req(`/staff/login?${new URLSearchParams({ redirectTo: to })}`),
          params: {},
          context: {},
        })) as { redirectTo: string }
      ).redirectTo;
    // Dropped (empty): after signing in, the role's start page (tests/integration/staff-pages.test.ts).
    expect(await page("/\t/evil.example")).toBe("");
    expect(await page("/staff/sales\r\nSet-Cookie: x=1")).toBe("");
    expect(await page("//evil.example")).toBe("");
    expect(await page("/staff/sales?tab=mine")).toBe("/staff/sales?tab=mine");
  });

  it("control characters in redirectTo answer 400 with a field error, not 500", async () => {
    for (const to of ["/staff\r\nSet-Cookie: x=1", "/\t/evil.example", "/\n/evil.example", "/\u0000x", "/\u007fx"]) {
      const r = await login("redirect@test.local", PASSWORD, to);
      expect(r.status, JSON.stringify(to)).toBe(400);
      expect(r.errors.map((e) => e.path)).toContain("redirectTo");
    }
  });

  it("locks an account for 15 minutes after 10 failures, whatever the password, and a success resets the count", async () => {
    const db = database().db;
    await createUser(db, { email: "locked@test.local", name: "L", role: "sales", password: PASSWORD });
    // Nine failures, then the right password: in, and the count starts again.
    for (let i = 0; i < 9; i++) expect((await login("locked@test.local", `wrong ${i}`)).status).toBe(400);
    expect((await login("Locked@Test.local", PASSWORD)).status).toBe(302);
    expect(
      await db
        .select()
        .from(loginThrottles)
        .where(eq(loginThrottles.emailHash, emailHash("locked@test.local"))),
    ).toHaveLength(0);

    for (let i = 0; i < 10; i++) expect((await login("locked@test.local", `wrong ${i}`)).status).toBe(400);
    const refused = await login("locked@test.local", PASSWORD);
    expect(refused.status).toBe(429);
    const wrong = await login("LOCKED@test.local", "wrong again");
    expect(wrong.status).toBe(429);
    expect(wrong.errors).toEqual(refused.errors);
    expect(refused.errors[0]!.message).toMatch(/15 minutes/);

    // Fifteen minutes later the account opens again.
    await db
      .update(loginThrottles)
      .set({ lockedUntil: new Date(Date.now() - 1000), windowStartedAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(loginThrottles.emailHash, emailHash("locked@test.local")));
    expect((await login("locked@test.local", PASSWORD)).status).toBe(302);
  });

  it("failures older than the 15-minute window do not count", async () => {
    const db = database().db;
    await createUser(db, { email: "window@test.local", name: "W", role: "sales", password: PASSWORD });
    for (let i = 0; i < 9; i++) await login("window@test.local", "wrong");
    await db
      .update(loginThrottles)
      .set({ windowStartedAt: new Date(Date.now() - 16 * 60_000) })
      .where(eq(loginThrottles.emailHash, emailHash("window@test.local")));
    for (let i = 0; i < 5; i++) expect((await login("window@test.local", "wrong")).status).toBe(400);
    expect((await login("window@test.local", PASSWORD)).status).toBe(302);
  });

  it("an unknown address locks the same way, with the same answer (the lock tells nobody who exists)", async () => {
    await createUser(database().db, { email: "known@test.local", name: "K", role: "sales", password: PASSWORD });
    for (let i = 0; i < 10; i++) {
      expect((await login("nobody@test.local", "guess")).status).toBe(400);
      expect((await login("known@test.local", "guess")).status).toBe(400);
    }
    const unknown = await login("nobody@test.local", "guess");
    const known = await login("known@test.local", PASSWORD);
    expect(unknown.status).toBe(429);
    expect(known.status).toBe(429);
    expect(unknown.errors).toEqual(known.errors);
  });

  it("a successful sign-in clears counts that no longer matter (guesses at made-up addresses a day ago)", async () => {
    const db = database().db;
    await login("made-up@test.local", "guess");
    await login("recent@test.local", "guess");
    await db
      .update(loginThrottles)
      .set({ windowStartedAt: new Date(Date.now() - 25 * 3600_000) })
      .where(eq(loginThrottles.emailHash, emailHash("made-up@test.local")));
    await createUser(db, { email: "prune@test.local", name: "P", role: "sales", password: PASSWORD });
    expect((await login("prune@test.local", PASSWORD)).status).toBe(302);
    const left = (await db.select().from(loginThrottles)).map((r) => r.emailHash);
    expect(left).not.toContain(emailHash("made-up@test.local"));
    expect(left).toContain(emailHash("recent@test.local"));
  });

  it("twenty guesses at once: exactly ten are checked, the rest refused", async () => {
    await createUser(database().db, { email: "burst@test.local", name: "B", role: "admin", password: PASSWORD });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login("burst@test.local", `guess ${i}`)));
    expect(results.filter((r) => r.status === 400)).toHaveLength(10);
    expect(results.filter((r) => r.status === 429)).toHaveLength(10);
    expect((await login("burst@test.local", PASSWORD)).status).toBe(429);
  });
});
