import type { OrganizationKind, Role } from '../../shared/roles';

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
