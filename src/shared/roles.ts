import { z } from 'zod';

/** The roles a user may hold. Several may be combined (e.g. a prefecture admin who also reviews). */
export const roles = [
  'prefecture_admin',
  'reviewer',
  'council_secretariat',
  'company_member',
  'municipality_staff',
  'municipality_head',
] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

export const organizationKinds = ['prefecture', 'municipality', 'council', 'company'] as const;
export type OrganizationKind = (typeof organizationKinds)[number];
export const organizationKindSchema = z.enum(organizationKinds);

/** Which roles make sense in which kind of organization; the accounts service enforces it. */
export const rolesAllowedFor: Record<OrganizationKind, readonly Role[]> = {
  prefecture: ['prefecture_admin', 'reviewer'],
  municipality: ['municipality_staff', 'municipality_head'],
  council: ['council_secretariat', 'reviewer'],
  company: ['company_member', 'reviewer'],
};

/** Roles that must use a second factor (TOTP) before they can act. */
export const rolesRequiringMfa: readonly Role[] = ['prefecture_admin'];

export function requiresMfa(userRoles: readonly Role[]): boolean {
  return userRoles.some((r) => rolesRequiringMfa.includes(r));
}
