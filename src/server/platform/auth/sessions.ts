import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { organizations, prefectures, sessions, users } from '../../db/schema';
import type { SessionUser } from '../../../shared/schemas/auth';
import type { OrganizationKind, Role } from '../../../shared/roles';
import type { Actor } from '../context';
import { generateToken, hashToken } from './tokens';

export const sessionCookieName = 'kk_session';
/**
 * Over https the cookie is named with the __Host- prefix: browsers then accept it only with
 * Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite it.
 */
export const secureSessionCookieName = `__Host-${sessionCookieName}`;

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface ResolvedSession {
  tokenHash: string;
  userId: string;
  isMfaComplete: boolean;
  actor: Actor;
  /**
   * What GET /api/auth/me answers, read by the same query: the page shell asks for it on every
   * load, and a second query for it halved that request's throughput (bench).
   */
  sessionUser: SessionUser;
}

/** Don't write last_seen_at on every request: once a minute is precise enough for a 30-minute idle limit. */
const touchIntervalMs = 60_000;

export async function createSession(
  executor: Executor,
  userId: string,
  options: SessionPolicy & {
    isMfaComplete: boolean;
    ipAddress: string | null;
    userAgent: string | null;
    now: Date;
  },
): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
  const token = generateToken();
  const tokenHash = hashToken(token);
  const expiresAt = new Date(options.now.getTime() + options.absoluteHours * 3_600_000);
  await executor.insert(sessions).values({
    tokenHash,
    userId,
    createdAt: options.now,
    lastSeenAt: options.now,
    expiresAt,
    isMfaComplete: options.isMfaComplete,
    ipAddress: options.ipAddress,
    userAgent: options.userAgent?.slice(0, 500) ?? null,
  });
  return { token, tokenHash, expiresAt };
}

/**
 * The session with its user, organization and prefecture, one query on the primary key. Built
 * once per database handle as a prepared statement: every API request runs it, and building the
 * select anew cost about a tenth of such a request's CPU (bench profile).
 */
function buildSessionLookup(executor: Executor) {
  return executor
    .select({
      session: sessions,
      user: {
        id: users.id,
        prefectureId: users.prefectureId,
        organizationId: users.organizationId,
        roles: users.roles,
        email: users.email,
        displayName: users.displayName,
        isActive: users.isActive,
        totpEnabled: users.totpEnabled,
        version: users.version,
      },
      organization: {
        kind: organizations.kind,
        name: organizations.name,
        nameEn: organizations.nameEn,
        municipalityId: organizations.municipalityId,
        isActive: organizations.isActive,
      },
      prefecture: {
        code: prefectures.code,
        name: prefectures.name,
        nameEn: prefectures.nameEn,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .innerJoin(prefectures, eq(prefectures.id, users.prefectureId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('resolve_session');
}
const sessionLookups = new WeakMap<Executor, ReturnType<typeof buildSessionLookup>>();
function sessionLookupOf(executor: Executor) {
  let lookup = sessionLookups.get(executor);
  if (!lookup) {
    lookup = buildSessionLookup(executor);
    sessionLookups.set(executor, lookup);
  }
  return lookup;
}

/**
 * Looks a cookie token up and returns the session with its actor, or null if
 * it is unknown, idle too long, past its absolute lifetime, or its user or
 * the user's organization is inactive. Expired rows are deleted as they are found.
 */
export async function resolveSession(
  executor: Executor,
  token: string,
  policy: SessionPolicy,
  now: Date,
): Promise<ResolvedSession | null> {
  const tokenHash = hashToken(token);
  const rows = await sessionLookupOf(executor).execute({ tokenHash });
  const row = rows[0];
  if (!row) return null;
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000);
  // A deactivated organization cuts off all its members at once, on their very next request.
  const isCutOff = !row.user.isActive || !row.organization.isActive;
  if (row.session.expiresAt <= now || row.session.lastSeenAt <= idleLimit || isCutOff) {
    await executor.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() > touchIntervalMs) {
    await executor.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
  }
  const roles = row.user.roles as Role[];
  const organizationKind = row.organization.kind as OrganizationKind;
  return {
    tokenHash,
    userId: row.user.id,
    isMfaComplete: row.session.isMfaComplete,
    actor: {
      userId: row.user.id,
      prefectureId: row.user.prefectureId,
      organizationId: row.user.organizationId,
      organizationKind,
      municipalityId: row.organization.municipalityId,
      roles,
      email: row.user.email,
      displayName: row.user.displayName,
    },
    sessionUser: {
      id: row.user.id,
      email: row.user.email,
      displayName: row.user.displayName,
      roles,
      organization: {
        id: row.user.organizationId,
        kind: organizationKind,
        name: row.organization.name,
        nameEn: row.organization.nameEn,
        municipalityId: row.organization.municipalityId,
      },
      prefecture: {
        id: row.user.prefectureId,
        code: row.prefecture.code,
        name: row.prefecture.name,
        nameEn: row.prefecture.nameEn,
      },
      totpEnabled: row.user.totpEnabled,
      version: row.user.version,
    },
  };
}

export async function deleteSession(executor: Executor, tokenHash: string): Promise<void> {
  await executor.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user (password change, deactivation), optionally keeping the current one. */
export async function deleteSessionsOfUser(
  executor: Executor,
  userId: string,
  exceptTokenHash?: string,
): Promise<void> {
  await executor
    .delete(sessions)
    .where(
      exceptTokenHash
        ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, exceptTokenHash))
        : eq(sessions.userId, userId),
    );
}

export async function deleteExpiredSessions(
  executor: Executor,
  policy: SessionPolicy,
  now: Date,
): Promise<void> {
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000);
  await executor.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleLimit)));
}

export async function markSessionMfaComplete(executor: Executor, tokenHash: string): Promise<void> {
  await executor.update(sessions).set({ isMfaComplete: true }).where(eq(sessions.tokenHash, tokenHash));
}
