import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Logger } from 'pino';
import type { Database } from '../db/client';
import {
  resolveSession,
  type SessionPolicy,
  secureSessionCookieName,
  sessionCookieName,
} from './auth/sessions';
import type { ChangeCounter } from './changes';
import type { Clock } from './clock';
import type { Actor, RequestContext } from './context';
import { AppError } from './errors';
import type { AppEnv } from './http';

/** One JSON log line per request, tagged with an id the error body also carries. */
export function requestLogging(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('logger', logger);
    const started = performance.now();
    await next();
    // On the response's own headers, as secureHeaders does: c.header() on a finished response
    // rebuilds it, and under the Node server the rebuilt one lost the CSP, nosniff and the rest.
    c.res.headers.set('x-request-id', requestId);
    logger.info({
      requestId,
      method: c.req.method,
      path: maskSecretsInPath(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      userId: c.get('actor')?.userId,
    });
  };
}

/** One-time tokens travel in some paths (invitation links); they must not end up in logs. */
export function maskSecretsInPath(path: string): string {
  return path.replace(/(\/invitations\/)[^/]+/, '$1[token]');
}

/**
 * Who is calling, as far as the network tells: the socket's address, unless the socket is one
 * of the configured proxies, in which case the last X-Forwarded-For hop that is not a proxy
 * (the one our own proxy appended). A client's own X-Forwarded-For is otherwise ignored.
 */
export function clientAddress(trustedProxies: readonly string[]): MiddlewareHandler<AppEnv> {
  const isProxy = (a: string) => trustedProxies.includes(normalizeAddress(a));
  return async (c, next) => {
    const env = c.env as
      | { incoming?: { socket?: { remoteAddress?: string; encrypted?: boolean } } }
      | undefined;
    const socket = env?.incoming?.socket;
    const socketAddress = socket?.remoteAddress ? normalizeAddress(socket.remoteAddress) : null;
    let address = socketAddress;
    let isHttps = socket?.encrypted === true || new URL(c.req.url).protocol === 'https:';
    if (socketAddress && isProxy(socketAddress)) {
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h !== '');
      address = hops.reverse().find((h) => !isProxy(h)) ?? socketAddress;
      isHttps = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' || isHttps;
    }
    c.set('clientAddress', address?.slice(0, 64) ?? null);
    c.set('isHttps', isHttps);
    await next();
  };
}

/** IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d. */
function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * API answers carry people's data: no browser or shared cache may keep them (a response that
 * sets its own policy, such as a bundled static file, keeps it).
 */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  };
}

/** Japanese unless the user chose English (cookie) or the browser prefers it. */
export function localeDetection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const cookie = getCookie(c, 'kk_locale');
    const header = c.req.header('accept-language') ?? '';
    c.set('locale', cookie === 'en' || (cookie !== 'ja' && /^en\b/i.test(header)) ? 'en' : 'ja');
    await next();
  };
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const csrfHeaderName = 'x-kakehashi-request';

/**
 * CSRF defence for cookie sessions: state-changing API calls must carry a
 * custom header (which a cross-site form or image cannot send without a CORS
 * preflight we never grant), and any Origin they carry must be our own.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (unsafeMethods.has(c.req.method)) {
      const origin = c.req.header('origin');
      const host = c.req.header('host');
      const isSameOrigin = !origin || (host !== undefined && hostOfOrigin(origin) === host);
      if (c.req.header(csrfHeaderName) !== '1' || !isSameOrigin) throw new AppError('CSRF_REJECTED');
    }
    await next();
  };
}

/** The host of an Origin header, or null when it is no URL (browsers send "null" from sandboxed frames). */
function hostOfOrigin(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Uploads (multipart bodies) are accepted only from a caller who may upload something, checked
 * before a byte of the body is read: parsing a form buffers the whole file, and spreadsheets
 * are costly to open. The feature services still check each upload in full.
 */
export function uploadsOnlyFrom(mayUpload: (actor: Actor) => boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (/^multipart\//i.test(c.req.header('content-type') ?? '')) {
      const actor = c.get('actor');
      if (!actor) throw new AppError('UNAUTHENTICATED');
      if (!mayUpload(actor)) throw new AppError('FORBIDDEN');
    }
    await next();
  };
}

/** Moves this process's change count after every request that may have written (platform/changes.ts). */
export function requestChanges(changes: ChangeCounter): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    try {
      await next();
    } finally {
      if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) changes.bump();
    }
  };
}

/** Reads the server clock once per request: every "now" a request uses is this instant. */
export function requestClock(clock: Clock): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('now', clock());
    await next();
  };
}

export function sessionLoading(db: Database, policy: SessionPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', null);
    c.set('pendingMfaUserId', null);
    c.set('sessionTokenHash', null);
    c.set('sessionUser', null);
    const token = getCookie(c, secureSessionCookieName) ?? getCookie(c, sessionCookieName);
    if (token) {
      const session = await resolveSession(db, token, policy, c.get('now'));
      if (session) {
        c.set('sessionTokenHash', session.tokenHash);
        if (session.isMfaComplete) {
          c.set('actor', session.actor);
          c.set('sessionUser', session.sessionUser);
        } else c.set('pendingMfaUserId', session.userId);
      }
    }
    await next();
  };
}

/** The request as a service sees it: no Hono types cross into services. */
export function requestContext(c: {
  get: <K extends keyof AppEnv['Variables']>(key: K) => AppEnv['Variables'][K];
  req: { header: (name: string) => string | undefined };
}): RequestContext {
  return {
    actor: c.get('actor'),
    requestId: c.get('requestId'),
    locale: c.get('locale'),
    ipAddress: c.get('clientAddress') ?? null,
    userAgent: c.req.header('user-agent') ?? null,
    now: c.get('now'),
  };
}
