import { type OrganizationKind, type Role, requiresMfa, rolesAllowedFor } from '../../../shared/roles';
import {
  type InvitationCreate,
  roleLabels,
  type UserListQuery,
  type UserPatch,
  type UserSummary,
  userStatusOf,
} from '../../../shared/schemas/accounts';
import { users } from '../../db/schema';
import { deleteSessionsOfUser } from '../../platform/auth/sessions';
import { recordAudit } from '../../platform/audit';
import type { Actor, RequestContext } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { updateVersioned, withCurrentOnConflict } from '../../platform/locking';
import type { InvitationSender } from '../auth/account-recovery.ports';
import { accountsPolicy as policy } from './accounts.policy';
import * as repo from './accounts.repository';

type UserWithOrganization = { user: repo.UserRow; organization: repo.OrganizationRow };

export function toUserSummary({ user, organization }: UserWithOrganization, now: Date): UserSummary {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    organization: {
      id: organization.id,
      kind: organization.kind as OrganizationKind,
      name: organization.name,
      nameEn: organization.nameEn,
    },
    roles: user.roles as Role[],
    status: userStatusOf(
      { isActive: user.isActive, hasPassword: user.passwordHash !== null, lockedUntil: user.lockedUntil },
      now,
    ),
    isActive: user.isActive,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    lockedUntil: user.lockedUntil?.toISOString() ?? null,
    totpEnabled: user.totpEnabled,
    createdAt: user.createdAt.toISOString(),
    version: user.version,
  };
}

/** Postgres reports constraint violations by SQLSTATE; drivers and Drizzle may wrap the error. */
function isUniqueViolation(err: unknown): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function duplicateEmail(email: string): AppError {
  return new AppError('DUPLICATE', {
    fields: [
      {
        path: ['email'],
        code: 'duplicate',
        ja: `${email} は既に登録されています。`,
        en: `${email} is already registered.`,
      },
    ],
  });
}

/** Roles that do not fit the organization's kind, as a 422 on `roles` naming what would fit. */
function assertRolesFit(roles: readonly Role[], organizationKind: string): void {
  const allowed = rolesAllowedFor[organizationKind as OrganizationKind] ?? [];
  const misplaced = roles.filter((role) => !allowed.includes(role));
  if (misplaced.length === 0) return;
  const names = (list: readonly Role[], locale: 'ja' | 'en') =>
    list.map((role) => roleLabels[role][locale]).join(locale === 'ja' ? '、' : ', ');
  throw fieldError(
    ['roles'],
    `「${names(misplaced, 'ja')}」はこの組織では付けられません（付けられる役割: ${names(allowed, 'ja')}）。`,
    `${names(misplaced, 'en')} cannot be given in this organization (allowed: ${names(allowed, 'en')}).`,
    'role_not_allowed',
  );
}

/** Users of the prefecture as its administrators manage them: invite, edit, unlock, reset MFA. */
export function createAccountsService(deps: ServiceDeps, ports: { invitations: InvitationSender }) {
  const { db } = deps;
  const recovery = ports.invitations;

  function requireAdmin(ctx: RequestContext): Actor {
    if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
    assertAllowed(policy.canManageUsers(ctx.actor, ctx.actor.prefectureId));
    return ctx.actor;
  }

  /** Another prefecture's user is reported as absent, so ids reveal nothing across tenants. */
  async function findUserForChange(actor: Actor, id: string): Promise<UserWithOrganization> {
    const found = await repo.findUser(db, actor.prefectureId, id);
    if (!found) throw new AppError('NOT_FOUND');
    assertAllowed(policy.canManageUsers(actor, found.user.prefectureId));
    return found;
  }

  async function loadSummary(actor: Actor, id: string, now: Date): Promise<UserSummary> {
    const found = await repo.findUser(db, actor.prefectureId, id);
    if (!found) throw new AppError('NOT_FOUND');
    return toUserSummary(found, now);
  }

  return {
    async list(ctx: RequestContext, query: UserListQuery): Promise<UserSummary[]> {
      const actor = requireAdmin(ctx);
      const rows = await repo.findUsers(db, actor.prefectureId, query, ctx.now);
      return rows.map((row) => toUserSummary(row, ctx.now));
    },

    /**
     * Creates an account without a password and mails its owner a link to
     * set one. Nobody but the owner ever knows the password.
     */
    async invite(
      ctx: RequestContext,
      input: InvitationCreate,
    ): Promise<{ user: UserSummary; expiresAt: string }> {
      const actor = requireAdmin(ctx);
      const organization = await repo.findOrganization(db, actor.prefectureId, input.organizationId);
      if (!organization) {
        throw new AppError('NOT_FOUND', {
          fields: [
            {
              path: ['organizationId'],
              code: 'not_found',
              ja: '組織が見つかりません。',
              en: 'The organization was not found.',
            },
          ],
        });
      }
      if (!organization.isActive) {
        throw fieldError(
          ['organizationId'],
          'この組織は無効化されているため、利用者を招待できません。',
          'This organization is deactivated, so no one can be invited into it.',
          'organization_inactive',
        );
      }
      assertRolesFit(input.roles, organization.kind);
      if (await repo.findUserByEmail(db, input.email)) throw duplicateEmail(input.email);
      try {
        return await db.transaction(async (tx) => {
          const user = await repo.insertUser(tx, {
            prefectureId: actor.prefectureId,
            organizationId: organization.id,
            email: input.email,
            displayName: input.displayName,
            roles: input.roles,
            passwordHash: null,
            createdBy: actor.userId,
            updatedBy: actor.userId,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          });
          const { expiresAt } = await recovery.sendInvitation(tx, ctx, { user, organization });
          await recordAudit(tx, ctx, {
            action: 'user.invite',
            entityType: 'user',
            entityId: user.id,
            after: { ...user, invitationExpiresAt: expiresAt },
          });
          return { user: toUserSummary({ user, organization }, ctx.now), expiresAt: expiresAt.toISOString() };
        });
      } catch (err) {
        // Two administrators inviting the same address at once: the unique index decides.
        if (isUniqueViolation(err)) throw duplicateEmail(input.email);
        throw err;
      }
    },

    /** A new invitation link for someone who has not set a password yet; the old links stop working. */
    async resendInvitation(
      ctx: RequestContext,
      id: string,
    ): Promise<{ user: UserSummary; expiresAt: string }> {
      const actor = requireAdmin(ctx);
      const { user, organization } = await findUserForChange(actor, id);
      if (user.passwordHash !== null || !user.isActive) {
        throw fieldError(
          [],
          user.isActive
            ? 'この利用者は既にパスワードを設定済みのため、招待は不要です。'
            : 'この利用者は無効化されています。招待を再送する前に有効にしてください。',
          user.isActive
            ? 'This user has already set a password; no invitation is needed.'
            : 'This user is deactivated. Activate the account before sending the invitation again.',
          user.isActive ? 'already_accepted' : 'user_inactive',
        );
      }
      const expiresAt = await db.transaction(async (tx) => {
        const sent = await recovery.sendInvitation(tx, ctx, { user, organization });
        await recordAudit(tx, ctx, {
          action: 'user.invitation_resent',
          entityType: 'user',
          entityId: user.id,
          after: { invitationExpiresAt: sent.expiresAt },
        });
        return sent.expiresAt;
      });
      return { user: toUserSummary({ user, organization }, ctx.now), expiresAt: expiresAt.toISOString() };
    },

    async update(ctx: RequestContext, id: string, patch: UserPatch): Promise<UserSummary> {
      const actor = requireAdmin(ctx);
      const { user, organization } = await findUserForChange(actor, id);
      if (patch.roles) assertRolesFit(patch.roles, organization.kind);
      if (policy.isSelf(actor, id)) {
        // An administrator cannot lock themself out; another administrator has to do it.
        if (patch.isActive === false) {
          throw fieldError(
            ['isActive'],
            '自分自身のアカウントは無効にできません。',
            'You cannot deactivate your own account.',
            'self_deactivation',
          );
        }
        if (patch.roles && !patch.roles.includes('prefecture_admin')) {
          throw fieldError(
            ['roles'],
            '自分自身から管理者の役割を外すことはできません。',
            'You cannot remove the administrator role from yourself.',
            'self_demotion',
          );
        }
      }
      const { version, ...values } = patch;
      const isDeactivating = user.isActive && values.isActive === false;
      // A session opened without a second factor must not carry a role that requires one.
      const isGainingMfaRole =
        values.roles !== undefined && requiresMfa(values.roles) && !requiresMfa(user.roles as Role[]);
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const updated = await updateVersioned(tx, users, id, version, values, actor.userId, ctx.now);
            if (isDeactivating || isGainingMfaRole) await deleteSessionsOfUser(tx, id);
            await recordAudit(tx, ctx, {
              action: 'user.update',
              entityType: 'user',
              entityId: id,
              before: user,
              after: { ...updated, sessionsEnded: isDeactivating || isGainingMfaRole },
            });
          }),
        () => loadSummary(actor, id, ctx.now),
      );
      return loadSummary(actor, id, ctx.now);
    },

    /** Lifts a lockout after failed sign-ins, e.g. when the owner calls the help desk. */
    async unlock(ctx: RequestContext, id: string): Promise<UserSummary> {
      const actor = requireAdmin(ctx);
      const { user } = await findUserForChange(actor, id);
      await db.transaction(async (tx) => {
        const updated = await repo.updateSignInState(
          tx,
          id,
          {
            failedLoginCount: 0,
            lockedUntil: null,
            updatedBy: actor.userId,
          },
          ctx.now,
        );
        await recordAudit(tx, ctx, {
          action: 'user.unlock',
          entityType: 'user',
          entityId: id,
          before: user,
          after: updated,
        });
      });
      return loadSummary(actor, id, ctx.now);
    },

    /**
     * Forgets the user's authenticator (lost phone): they enrol a new one at
     * their next sign-in. Their sessions end so that the reset takes effect now.
     */
    async resetMfa(ctx: RequestContext, id: string): Promise<UserSummary> {
      const actor = requireAdmin(ctx);
      if (policy.isSelf(actor, id)) {
        throw fieldError(
          [],
          '自分自身の二要素認証はリセットできません。別の管理者に依頼してください。',
          'You cannot reset your own two-factor authentication. Ask another administrator.',
          'self_mfa_reset',
        );
      }
      const { user } = await findUserForChange(actor, id);
      await db.transaction(async (tx) => {
        const updated = await repo.updateSignInState(
          tx,
          id,
          {
            totpSecret: null,
            totpPendingSecret: null,
            totpEnabled: false,
            totpLastStep: null,
            updatedBy: actor.userId,
          },
          ctx.now,
        );
        await deleteSessionsOfUser(tx, id);
        await recordAudit(tx, ctx, {
          action: 'user.mfa_reset',
          entityType: 'user',
          entityId: id,
          before: user,
          after: { ...updated, sessionsEnded: true },
        });
      });
      return loadSummary(actor, id, ctx.now);
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
