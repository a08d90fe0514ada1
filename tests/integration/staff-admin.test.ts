import { describe, expect, it } from "vitest";
import { outboxMessages } from "#db/schema";
import { createUser } from "~/models/user.server";
import { action as loginAction } from "~/routes/staff.login/route";
import { action as acceptAction, loader as acceptLoader } from "~/routes/staff.invite.$token/route";
import { action as usersAction, loader as usersLoader } from "~/routes/staff.users/route";
import { req, staffCookie, status } from "../support/http";
import { TEST_DATABASES, useTestDatabase } from "./databases";

describe.each(TEST_DATABASES)("admins invite and disable staff on $name", (target) => {
  const database = useTestDatabase(target);

  it("only admins manage people; an invitation works once and the invitee can then sign in", async () => {
    const db = database().db;
    const admin = await createUser(db, {
      email: "boss@test.local",
      name: "Boss",
      role: "admin",
      password: "correct horse battery",
    });
    const tech = await createUser(db, {
      email: "t@test.local",
      name: "T",
      role: "technician",
      password: "correct horse battery",
    });
    const cookie = (id: string) => staffCookie(db, id);
    const adminC = await cookie(admin.id);
    const techC = await cookie(tech.id);
    expect(await status(() => usersLoader({ request: req("/staff/users", techC), params: {}, context: {} }))).toBe(403);
    expect(
      await status(() =>
        usersAction({
          request: req("/staff/users", techC, { intent: "invite", email: "x@test.local", name: "X", role: "admin" }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(403);
    expect(await status(() => usersLoader({ request: req("/staff/users"), params: {}, context: {} }))).toBe(302);
    expect(
      await status(() =>
        usersAction({
          request: req("/staff/users", adminC, { intent: "invite", email: "bad", name: "", role: "root" }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(400);

    expect(
      await status(() =>
        usersAction({
          request: req("/staff/users", adminC, {
            intent: "invite",
            email: "new@test.local",
            name: "Nina",
            role: "technician",
          }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(200);
    const mail = (await db.select().from(outboxMessages)).find((m) => m.template === "staff_invite")!;
    const token = /\/staff\/invite\/([A-Za-z0-9_-]{43})/.exec(mail.textBody)![1]!;
    expect(
      await status(() => acceptLoader({ request: req(`/staff/invite/${token}`), params: { token }, context: {} })),
    ).toBe(200);
    expect(
      await status(() =>
        acceptAction({
          request: req(`/staff/invite/${token}`, undefined, { password: "short" }),
          params: { token },
          context: {},
        }),
      ),
    ).toBe(400);
    expect(
      await status(() =>
        acceptAction({
          request: req(`/staff/invite/${token}`, undefined, { password: "a long enough password" }),
          params: { token },
          context: {},
        }),
      ),
    ).toBe(302);
    // Used links look like unknown ones.
    expect(
      await status(() => acceptLoader({ request: req(`/staff/invite/${token}`), params: { token }, context: {} })),
    ).toBe(404);
    const login = (await loginAction({
      request: req("/staff/login", undefined, { email: "new@test.local", password: "a long enough password" }),
      params: {},
      context: {},
    })) as Response;
    expect(login.status).toBe(302);

    // Admins disable people (not themselves).
    expect(
      await status(() =>
        usersAction({
          request: req("/staff/users", adminC, { intent: "disable", userId: admin.id }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(400);
    expect(
      await status(() =>
        usersAction({
          request: req("/staff/users", adminC, { intent: "disable", userId: tech.id }),
          params: {},
          context: {},
        }),
      ),
    ).toBe(200);
    expect(await status(() => usersLoader({ request: req("/staff/users", techC), params: {}, context: {} }))).toBe(302);
  });
});
