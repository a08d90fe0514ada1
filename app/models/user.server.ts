import { hash, verify } from "@node-rs/argon2";
import { createHash } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client.server";
import { type StaffRole, loginThrottles, sessions, staffInvites, users } from "#db/schema";
import { DomainError } from "~/domain/errors";
import { hashToken, newAccessToken } from "~/utils/token.server";

/** argon2id with at least 19 MiB and 2 passes (OWASP's minimum for argon2id). */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const SESSION_DAYS = 7;

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}

export function hashPassword(password: string) {
  return hash(password, ARGON2);
}

/** Never hands out the password hash: the columns a page may see, and nothing else. */
const publicColumns = { id: users.id, email: users.email, name: users.name, role: users.role };

export async function createUser(
  db: Executor,
  input: { email: string; name: string; role: StaffRole; password: string },
): Promise<StaffUser> {
  const [user] = await db
    .insert(users)
    .values({
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    })
    .returning(publicColumns);
  return user!;
}

/** The active user with this e-mail and password, or null (same answer for every failure). */
export async function verifyLogin(db: Executor, email: string, password: string): Promise<StaffUser | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal who exists.
  const ok = await verify(row?.passwordHash ?? (await dummyHash()), password).catch(() => false);
  if (!row || !ok || row.disabledAt) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/** Per account, whatever the client's address: 10 tries per 15 minutes, then 15 minutes' wait. */
export const LOGIN_THROTTLE = { attempts: 10, windowMinutes: 15, lockMinutes: 15 } as const;

export type LoginResult = { outcome: "ok"; user: StaffUser } | { outcome: "wrong" } | { outcome: "locked" };

const emailHash = (email: string) => createHash("sha256").update(email.trim().toLowerCase(), "utf8").digest("hex");

/**
 * Counts the attempt before the password is checked, in one upsert: concurrent guesses serialise on
 * the row, so a burst gets exactly `attempts` checks however many arrive at once. The attempt that
 * reaches the limit sets the lock (it may still succeed, which clears the row); the ones after it
 * are refused until the lock ends. Unknown addresses are counted the same way, so the lock says
 * nothing about who has an account.
 */
async function reserveLoginAttempt(db: Executor, email: string, now: Date): Promise<boolean> {
  const { attempts, windowMinutes, lockMinutes } = LOGIN_THROTTLE;
  const at = sql`${now.toISOString()}::timestamptz`;
  const t = loginThrottles;
  // A fresh count once a lock has ended, or when the window has passed without one.
  const restart = sql`((${t.lockedUntil} is null or ${t.lockedUntil} <= ${at}) and (${t.lockedUntil} is not null or ${t.windowStartedAt} <= ${at} - make_interval(mins => ${windowMinutes})))`;
  const [row] = await db
    .insert(t)
    .values({ emailHash: emailHash(email), failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: t.emailHash,
      set: {
        failures: sql`case when ${restart} then 1 else ${t.failures} + 1 end`,
        windowStartedAt: sql`case when ${restart} then ${at} else ${t.windowStartedAt} end`,
        lockedUntil: sql`case when ${restart} then null when ${t.failures} + 1 = ${attempts} then ${at} + make_interval(mins => ${lockMinutes}) else ${t.lockedUntil} end`,
      },
    })
    .returning({ failures: t.failures });
  return row!.failures <= attempts;
}

/** A login with the per-account throttle around it; a success resets the account's count. */
export async function attemptLogin(
  db: Executor,
  email: string,
  password: string,
  now = new Date(),
): Promise<LoginResult> {
  if (!(await reserveLoginAttempt(db, email, now))) return { outcome: "locked" };
  const user = await verifyLogin(db, email, password);
  if (!user) return { outcome: "wrong" };
  await db.delete(loginThrottles).where(eq(loginThrottles.emailHash, emailHash(email)));
  // Guesses at made-up addresses leave rows behind; a day on, none of them counts any more.
  await db
    .delete(loginThrottles)
    .where(
      sql`${loginThrottles.windowStartedAt} < ${now.toISOString()}::timestamptz - interval '1 day' and (${loginThrottles.lockedUntil} is null or ${loginThrottles.lockedUntil} < ${now.toISOString()}::timestamptz)`,
    );
  return { outcome: "ok", user };
}

let dummy: Promise<string> | undefined;
function dummyHash() {
  dummy ??= hashPassword("no user has this password");
  return dummy;
}

/** A new session; the token goes in the cookie, only its hash in the database. */
export async function createSession(db: Executor, userId: string, now = new Date()) {
  const token = newAccessToken();
  await db
    .insert(sessions)
    .values({ tokenHash: hashToken(token), userId, expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000) });
  return token;
}

export async function userBySessionToken(db: Executor, token: string, now = new Date()): Promise<StaffUser | null> {
  const [row] = await db
    .select(publicColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function revokeSession(db: Executor, token: string) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(eq(sessions.tokenHash, hashToken(token)));
}

/** Disabling a user ends every session they have. */
export async function disableUser(db: Executor, userId: string) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId));
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  });
}

/** Re-enabling gives back the account with its role; old sessions stay ended. */
export async function enableUser(db: Executor, userId: string) {
  await db.update(users).set({ disabledAt: null }).where(eq(users.id, userId));
}

/** Whether an address already has an account, and whether it is usable, before inviting it. */
export async function accountState(db: Executor, email: string): Promise<"active" | "disabled" | null> {
  const [row] = await db
    .select({ disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  if (!row) return null;
  return row.disabledAt ? "disabled" : "active";
}

export async function listStaff(db: Executor) {
  return db
    .select({ ...publicColumns, disabledAt: users.disabledAt })
    .from(users)
    .orderBy(users.role, users.email);
}

export const INVITE_DAYS = 7;

/** An invitation: the token goes in the e-mailed link, only its hash is stored. */
export async function createInvite(
  tx: Executor,
  input: { email: string; name: string; role: StaffRole; invitedBy: string },
  now = new Date(),
) {
  const token = newAccessToken();
  await tx.insert(staffInvites).values({
    ...input,
    email: input.email.trim().toLowerCase(),
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000),
  });
  return token;
}

export async function findOpenInvite(db: Executor, token: string, now = new Date()) {
  const [invite] = await db
    .select()
    .from(staffInvites)
    .where(
      and(
        eq(staffInvites.tokenHash, hashToken(token)),
        isNull(staffInvites.acceptedAt),
        gt(staffInvites.expiresAt, now),
      ),
    )
    .limit(1);
  return invite ?? null;
}

/**
 * Accepting creates the account with the invitee's own password; a link works once. Unknown, used
 * and expired links are DomainError "not_found"; when the address got an account in the meantime,
 * "account_exists" and nothing changes (the invitation is not used up either).
 */
export async function acceptInvite(db: Executor, token: string, password: string): Promise<StaffUser> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .update(staffInvites)
      .set({ acceptedAt: new Date() })
      .where(
        and(
          eq(staffInvites.tokenHash, hashToken(token)),
          isNull(staffInvites.acceptedAt),
          gt(staffInvites.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!invite) throw new DomainError("not_found");
    const [user] = await tx
      .insert(users)
      .values({ email: invite.email, name: invite.name, role: invite.role, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning(publicColumns);
    // Throwing rolls back the acceptance above.
    if (!user) throw new DomainError("account_exists");
    return user;
  });
}

export async function listOpenInvites(db: Executor) {
  return db
    .select({
      id: staffInvites.id,
      email: staffInvites.email,
      name: staffInvites.name,
      role: staffInvites.role,
      expiresAt: staffInvites.expiresAt,
    })
    .from(staffInvites)
    .where(isNull(staffInvites.acceptedAt));
}
