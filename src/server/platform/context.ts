import type { OrganizationKind, Role } from '../../shared/roles';
import { AppError } from './errors';

/** The signed-in user as every policy sees it. */
export interface Actor {
  userId: string;
  prefectureId: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  /** Set when the user works for a municipality. */
  municipalityId: string | null;
  roles: Role[];
  email: string;
  displayName: string;
}

/** What a service needs to know about the request it serves. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
  locale: 'ja' | 'en';
  ipAddress: string | null;
  userAgent: string | null;
  now: Date;
}

export function hasRole(actor: Actor | null, ...wanted: Role[]): actor is Actor {
  return actor?.roles.some((r) => wanted.includes(r)) ?? false;
}

export function isPrefectureAdmin(actor: Actor | null): actor is Actor {
  return hasRole(actor, 'prefecture_admin');
}

/** The signed-in actor of a request, or 401: the first line of every service call that needs one. */
export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

/** The request narrowed to a signed-in one, for helpers that take the whole context. */
export function signedIn(ctx: RequestContext): RequestContext & { actor: Actor } {
  requireActor(ctx);
  return ctx as RequestContext & { actor: Actor };
}
