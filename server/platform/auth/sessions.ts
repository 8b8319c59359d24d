import { randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sessions, users } from '../../db/schema/index';
import { sha256Hex } from '../canonical';
import type { Actor } from '../access';
import type { Role } from '../roles';

export const SESSION_COOKIE = 'wj_session';
/** A session ends after this much inactivity… */
export const SESSION_IDLE_MS = 8 * 3600_000;
/** …and is refreshed in the database at most this often (keeps reads free of writes). */
const TOUCH_INTERVAL_MS = 5 * 60_000;
/** Actors are cached in-process briefly so a read costs one query, not two. Revocation clears it. */
const CACHE_TTL_MS = 15_000;

interface Cached { actor: Actor; expiresAt: number; lastSeenAt: number; cachedAt: number }
const cache = new Map<string, Cached>();

export function clearSessionCache(userId?: string) {
  if (!userId) return cache.clear();
  for (const [k, v] of cache) if (v.actor.userId === userId) cache.delete(k);
}

export async function createSession(db: Db, userId: string, meta: { ip?: string; userAgent?: string }) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = Date.now();
  const [row] = await db.insert(sessions).values({
    tokenHash: sha256Hex(token),
    csrfToken,
    userId,
    expiresAt: new Date(now + SESSION_IDLE_MS),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  }).returning({ id: sessions.id });
  return { token, csrfToken, sessionId: row.id };
}

/** Resolve a session token to the acting user, or null if missing, expired, revoked or the user is disabled. */
export async function resolveSession(db: Db, token: string): Promise<Actor | null> {
  const tokenHash = sha256Hex(token);
  const now = Date.now();
  const hit = cache.get(tokenHash);
  if (hit && now - hit.cachedAt < CACHE_TTL_MS && hit.expiresAt > now) {
    if (now - hit.lastSeenAt > TOUCH_INTERVAL_MS) await touch(db, tokenHash, hit, now);
    return hit.actor;
  }
  cache.delete(tokenHash);
  const rows = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)))
    .limit(1);
  const found = rows[0];
  if (!found || found.s.expiresAt.getTime() <= now || found.u.recordStatus !== 'active') return null;
  const actor: Actor = {
    userId: found.u.id,
    username: found.u.username,
    displayName: found.u.displayName,
    roles: found.u.roles as Role[],
    agencyId: found.u.agencyId,
    entityId: found.u.entityId,
    regionCode: found.u.regionCode,
    sessionId: found.s.id,
    csrfToken: found.s.csrfToken,
  };
  const entry: Cached = { actor, expiresAt: found.s.expiresAt.getTime(), lastSeenAt: found.s.lastSeenAt.getTime(), cachedAt: now };
  if (now - entry.lastSeenAt > TOUCH_INTERVAL_MS) await touch(db, tokenHash, entry, now);
  cache.set(tokenHash, entry);
  return actor;
}

async function touch(db: Db, tokenHash: string, entry: Cached, now: number) {
  entry.lastSeenAt = now;
  entry.expiresAt = now + SESSION_IDLE_MS;
  await db.update(sessions)
    .set({ lastSeenAt: new Date(now), expiresAt: new Date(entry.expiresAt) })
    .where(eq(sessions.tokenHash, tokenHash));
}

export async function revokeSession(db: Db, sessionId: string) {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(eq(sessions.id, sessionId));
  for (const [k, v] of cache) if (v.actor.sessionId === sessionId) cache.delete(k);
}

/** Revoke every session of a user (password change, account disabled, admin action). */
export async function revokeUserSessions(db: Db, userId: string, exceptSessionId?: string) {
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(
    and(eq(sessions.userId, userId), isNull(sessions.revokedAt), exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined),
  );
  clearSessionCache(userId);
  if (exceptSessionId) {
    // keep nothing cached for this user; the surviving session is re-read on next request
  }
}
