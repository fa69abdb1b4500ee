import { isPersonalPassword } from '../../../shared/common-passwords';
import type { OrganizationKind, Role } from '../../../shared/roles';
import type {
  InvitationAccept,
  InvitationPreview,
  PasswordChange,
  PasswordResetConfirm,
  PasswordResetRequest,
} from '../../../shared/schemas/accounts';
import type { Executor } from '../../db/client';
import type { organizations, users } from '../../db/schema';
import { hashPassword, verifyPassword } from '../../platform/auth/password';
import { deleteSessionsOfUser } from '../../platform/auth/sessions';
import { generateToken, hashToken } from '../../platform/auth/tokens';
import { recordAudit } from '../../platform/audit';
import type { Actor, RequestContext } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, fieldError } from '../../platform/errors';
import { notify } from '../../platform/notifications/notify';
import { composeInvitationMail, composePasswordResetMail } from './account.mails';
import * as repo from './account-recovery.repository';
import { recordCredentialFailure } from './credential-failures';
import { findUserByEmail, findUserById } from './auth.repository';

export const passwordResetValidMinutes = 60;
export const invitationValidDays = 7;
/** Reset mails per account per hour; further requests are answered the same way but send nothing. */
export const maxPasswordResetsPerHour = 3;
/** Every reset request is answered no sooner than this (ms), known address or not. */
export const passwordResetAnswerFloorMs = 250;

type UserRow = typeof users.$inferSelect;
type OrganizationRow = typeof organizations.$inferSelect;

/**
 * Someone who followed a link from their own mailbox acts as themselves, so
 * the audit trail names them rather than "nobody".
 */
function actorOf(user: UserRow, organization: OrganizationRow): Actor {
  return {
    userId: user.id,
    prefectureId: user.prefectureId,
    organizationId: organization.id,
    organizationKind: organization.kind as OrganizationKind,
    municipalityId: organization.municipalityId,
    roles: user.roles as Role[],
    email: user.email,
    displayName: user.displayName,
  };
}

/** Password change and reset, and invitations: everything that hands out or uses a one-time link. */
export function createAccountRecoveryService(deps: ServiceDeps) {
  const { db, config } = deps;

  /** A new link for the user; earlier open links of the same purpose stop working. */
  async function issueLink(
    tx: Executor,
    userId: string,
    purpose: repo.OneTimePurpose,
    validForMs: number,
    now: Date,
  ): Promise<{ token: string; expiresAt: Date }> {
    await repo.expireOpenTokens(tx, userId, purpose, now);
    const token = generateToken();
    const expiresAt = new Date(now.getTime() + validForMs);
    await repo.insertToken(tx, { tokenHash: hashToken(token), userId, purpose, expiresAt, createdAt: now });
    return { token, expiresAt };
  }

  /** An invitation can only be used by an active account that has no password yet. */
  function assertNotPersonal(password: string, user: { email: string; displayName: string }, field: string) {
    if (isPersonalPassword(password, user))
      throw fieldError(
        [field],
        'ご自身のメールアドレスや氏名を含むパスワードは使えません。',
        'A password cannot contain your own e-mail address or name.',
        'personal_password',
      );
  }

  async function findOpenInvitation(token: string, now: Date) {
    const open = await repo.findOpenToken(db, hashToken(token), 'invitation', now);
    if (!open?.user.isActive || open.user.passwordHash !== null) throw new AppError('TOKEN_INVALID');
    return open;
  }

  /** The work behind a reset request: nothing for an unknown or inactive address. */
  async function issuePasswordReset(ctx: RequestContext, input: PasswordResetRequest): Promise<void> {
    const found = await findUserByEmail(db, input.email);
    if (!found?.isActive || !found.passwordHash) return;
    await db.transaction(async (tx) => {
      // Serializes requests for one account, so the hourly count below cannot be raced past.
      const user = await repo.lockUser(tx, found.id);
      if (!user?.isActive || !user.passwordHash) return;
      const hourAgo = new Date(ctx.now.getTime() - 3_600_000);
      const recent = await repo.countTokensCreatedSince(tx, user.id, 'password_reset', hourAgo);
      if (recent >= maxPasswordResetsPerHour) {
        await recordAudit(tx, ctx, {
          prefectureId: user.prefectureId,
          action: 'auth.password_reset_rate_limited',
          entityType: 'user',
          entityId: user.id,
        });
        return;
      }
      const { token, expiresAt } = await issueLink(
        tx,
        user.id,
        'password_reset',
        passwordResetValidMinutes * 60_000,
        ctx.now,
      );
      const mail = composePasswordResetMail({
        displayName: user.displayName,
        publicUrl: config.publicUrl,
        token,
        expiresAt,
        validMinutes: passwordResetValidMinutes,
      });
      await notify(tx, {
        prefectureId: user.prefectureId,
        kind: 'auth.password_reset',
        recipient: { userId: user.id, email: user.email },
        mail,
        publicUrl: config.publicUrl,
        now: ctx.now,
      });
      await recordAudit(tx, ctx, {
        prefectureId: user.prefectureId,
        action: 'auth.password_reset_requested',
        entityType: 'user',
        entityId: user.id,
        after: { expiresAt },
      });
    });
  }

  return {
    /**
     * Changes the signed-in user's password. A wrong current password counts
     * like a failed sign-in (so a stolen session cannot guess it), and every
     * other session of the user ends.
     */
    async changePassword(
      ctx: RequestContext,
      sessionTokenHash: string | null,
      input: PasswordChange,
    ): Promise<void> {
      if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
      const user = await findUserById(db, ctx.actor.userId);
      if (!user) throw new AppError('UNAUTHENTICATED');
      if (user.lockedUntil && user.lockedUntil > ctx.now) throw new AppError('ACCOUNT_LOCKED');
      const isCurrentCorrect = user.passwordHash
        ? await verifyPassword(user.passwordHash, input.currentPassword)
        : false;
      if (!isCurrentCorrect) {
        const isNowLocked = await recordCredentialFailure(
          db,
          ctx,
          config.lockout,
          user,
          'auth.password_change_failed',
        );
        if (isNowLocked) throw new AppError('ACCOUNT_LOCKED');
        throw fieldError(
          ['currentPassword'],
          '現在のパスワードが正しくありません。',
          'The current password is incorrect.',
          'incorrect_password',
        );
      }
      if (input.newPassword === input.currentPassword) {
        throw fieldError(
          ['newPassword'],
          '新しいパスワードは現在のパスワードと異なるものにしてください。',
          'The new password must differ from the current one.',
          'unchanged_password',
        );
      }
      assertNotPersonal(input.newPassword, user, 'newPassword');
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        const updated = await repo.setPassword(tx, user.id, { passwordHash, now: ctx.now });
        await deleteSessionsOfUser(tx, user.id, sessionTokenHash ?? undefined);
        await recordAudit(tx, ctx, {
          prefectureId: user.prefectureId,
          action: 'auth.password_changed',
          entityType: 'user',
          entityId: user.id,
          before: { passwordChangedAt: user.passwordChangedAt },
          after: { passwordChangedAt: updated.passwordChangedAt, otherSessionsEnded: true },
        });
      });
    },

    /**
     * Mails a reset link to an active account. Answers nothing either way:
     * the caller responds identically whether or not the address is known.
     */
    /**
     * Answers the same whether or not the address is known, and in the same time: the work for a
     * known account (a locked transaction, a token, a mail) takes longer than a miss, so every answer
     * waits until `passwordResetAnswerFloorMs` has passed since the request began. The wait is a
     * timer, not work: other requests run meanwhile.
     */
    async requestPasswordReset(ctx: RequestContext, input: PasswordResetRequest): Promise<void> {
      const started = performance.now();
      try {
        await issuePasswordReset(ctx, input);
      } finally {
        const left = passwordResetAnswerFloorMs - (performance.now() - started);
        if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
      }
    },

    /** Sets a new password from a reset link: the link works once, and every session of the user ends. */
    async confirmPasswordReset(ctx: RequestContext, input: PasswordResetConfirm): Promise<void> {
      const tokenHash = hashToken(input.token);
      // Checked before hashing, so invalid links cost no hashing work.
      const open = await repo.findOpenToken(db, tokenHash, 'password_reset', ctx.now);
      if (!open?.user.isActive) throw new AppError('TOKEN_INVALID');
      assertNotPersonal(input.newPassword, open.user, 'newPassword');
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction(async (tx) => {
        const userId = await repo.consumeToken(tx, tokenHash, 'password_reset', ctx.now);
        if (!userId) throw new AppError('TOKEN_INVALID');
        const user = await repo.lockUser(tx, userId);
        if (!user?.isActive) throw new AppError('TOKEN_INVALID');
        const updated = await repo.setPassword(tx, userId, { passwordHash, now: ctx.now });
        await deleteSessionsOfUser(tx, userId);
        await repo.expireOpenTokens(tx, userId, 'password_reset', ctx.now);
        await recordAudit(
          tx,
          { ...ctx, actor: actorOf(user, open.organization) },
          {
            prefectureId: user.prefectureId,
            action: 'auth.password_reset',
            entityType: 'user',
            entityId: userId,
            before: {
              passwordChangedAt: user.passwordChangedAt,
              failedLoginCount: user.failedLoginCount,
              lockedUntil: user.lockedUntil,
            },
            after: {
              passwordChangedAt: updated.passwordChangedAt,
              failedLoginCount: updated.failedLoginCount,
              lockedUntil: updated.lockedUntil,
              allSessionsEnded: true,
            },
          },
        );
      });
    },

    async previewInvitation(ctx: RequestContext, token: string): Promise<InvitationPreview> {
      const { user, organization } = await findOpenInvitation(token, ctx.now);
      return {
        email: user.email,
        displayName: user.displayName,
        organizationName: organization.name,
        organizationNameEn: organization.nameEn,
      };
    },

    /** The invited person sets their password (and may correct their name); then they sign in as usual. */
    async acceptInvitation(ctx: RequestContext, input: InvitationAccept): Promise<{ email: string }> {
      const tokenHash = hashToken(input.token);
      const open = await findOpenInvitation(input.token, ctx.now);
      assertNotPersonal(input.password, open.user, 'password');
      const passwordHash = await hashPassword(input.password);
      return db.transaction(async (tx) => {
        const userId = await repo.consumeToken(tx, tokenHash, 'invitation', ctx.now);
        if (!userId) throw new AppError('TOKEN_INVALID');
        const user = await repo.lockUser(tx, userId);
        if (!user?.isActive || user.passwordHash !== null) throw new AppError('TOKEN_INVALID');
        let updated = await repo.setPassword(tx, userId, { passwordHash, now: ctx.now });
        if (input.displayName !== user.displayName) {
          updated = await repo.setDisplayNameByOwner(tx, userId, input.displayName, ctx.now);
        }
        await repo.expireOpenTokens(tx, userId, 'invitation', ctx.now);
        await recordAudit(
          tx,
          { ...ctx, actor: actorOf(updated, open.organization) },
          {
            prefectureId: user.prefectureId,
            action: 'user.invitation_accepted',
            entityType: 'user',
            entityId: userId,
            before: { displayName: user.displayName, hasPassword: false },
            after: { displayName: updated.displayName, hasPassword: true },
          },
        );
        return { email: updated.email };
      });
    },

    /**
     * Issues an invitation link and queues its mail, in the caller's
     * transaction (the accounts service creates the user in the same one).
     * Earlier invitation links of the user stop working.
     */
    async sendInvitation(
      tx: Executor,
      ctx: RequestContext,
      invitee: { user: UserRow; organization: OrganizationRow },
    ): Promise<{ expiresAt: Date }> {
      const { user, organization } = invitee;
      const { token, expiresAt } = await issueLink(
        tx,
        user.id,
        'invitation',
        invitationValidDays * 24 * 3_600_000,
        ctx.now,
      );
      const mail = composeInvitationMail({
        displayName: user.displayName,
        organizationName: organization.name,
        organizationNameEn: organization.nameEn,
        publicUrl: config.publicUrl,
        token,
        expiresAt,
      });
      await notify(tx, {
        prefectureId: user.prefectureId,
        kind: 'auth.invitation',
        recipient: { userId: user.id, email: user.email },
        mail,
        publicUrl: config.publicUrl,
        now: ctx.now,
      });
      return { expiresAt };
    },
  };
}

export type AccountRecoveryService = ReturnType<typeof createAccountRecoveryService>;
