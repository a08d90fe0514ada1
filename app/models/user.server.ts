import { hash, verify } from "@node-rs/argon2";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "#db/client.server";
import { type StaffRole, sessions, staffInvites, users } from "#db/schema";
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

export async function createUser(db: Database, input: { email: string; name: string; role: StaffRole; password: string }): Promise<StaffUser> {
  const [user] = await db
    .insert(users)
    .values({ email: input.email.trim().toLowerCase(), name: input.name, role: input.role, passwordHash: await hashPassword(input.password) })
    .returning(publicColumns);
  return user!;
}

/** The active user with this e-mail and password, or null (same answer for every failure). */
export async function verifyLogin(db: Database, email: string, password: string): Promise<StaffUser | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal who exists.
  const ok = await verify(row?.passwordHash ?? (await dummyHash()), password).catch(() => false);
  if (!row || !ok || row.disabledAt) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

let dummy: Promise<string> | undefined;
function dummyHash() {
  dummy ??= hashPassword("no user has this password");
  return dummy;
}

/** A new session; the token goes in the cookie, only its hash in the database. */
export async function createSession(db: Database, userId: string, now = new Date()) {
  const token = newAccessToken();
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000) });
  return token;
}

export async function userBySessionToken(db: Database, token: string, now = new Date()): Promise<StaffUser | null> {
  const [row] = await db
    .select(publicColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .limit(1);
  return row ?? null;
}

export async function revokeSession(db: Database, token: string) {
  await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, hashToken(token)));
}

/** Disabling a user ends every session they have. */
export async function disableUser(db: Database, userId: string) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, userId));
    await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  });
}

export async function listStaff(db: Database) {
  return db.select({ ...publicColumns, disabledAt: users.disabledAt }).from(users).orderBy(users.role, users.email);
}

export const INVITE_DAYS = 7;

/** An invitation: the token goes in the e-mailed link, only its hash is stored. */
export async function createInvite(tx: Database, input: { email: string; name: string; role: StaffRole; invitedBy: string }, now = new Date()) {
  const token = newAccessToken();
  await tx.insert(staffInvites).values({ ...input, email: input.email.trim().toLowerCase(), tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000) });
  return token;
}

export async function findOpenInvite(db: Database, token: string, now = new Date()) {
  const [invite] = await db
    .select()
    .from(staffInvites)
    .where(and(eq(staffInvites.tokenHash, hashToken(token)), isNull(staffInvites.acceptedAt), gt(staffInvites.expiresAt, now)))
    .limit(1);
  return invite ?? null;
}

/** Accepting creates the account with the invitee's own password; a link works once. */
export async function acceptInvite(db: Database, token: string, password: string): Promise<StaffUser | null> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .update(staffInvites)
      .set({ acceptedAt: new Date() })
      .where(and(eq(staffInvites.tokenHash, hashToken(token)), isNull(staffInvites.acceptedAt), gt(staffInvites.expiresAt, new Date())))
      .returning();
    if (!invite) return null;
    const [user] = await tx.insert(users).values({ email: invite.email, name: invite.name, role: invite.role, passwordHash }).onConflictDoNothing({ target: users.email }).returning(publicColumns);
    return user ?? null;
  });
}

export async function listOpenInvites(db: Database) {
  return db.select({ id: staffInvites.id, email: staffInvites.email, name: staffInvites.name, role: staffInvites.role, expiresAt: staffInvites.expiresAt }).from(staffInvites).where(isNull(staffInvites.acceptedAt));
}
