import { requiresMfa, type Role } from '../../../shared/roles';
import type { LoginRequest, MfaSetupRequest, ProfileUpdate, SessionUser } from '../../../shared/schemas/auth';
import { users } from '../../db/schema';
import { updateVersioned, withCurrentOnConflict } from '../../platform/locking';
import { verifyAgainstDecoy, verifyPassword } from '../../platform/auth/password';
import { createSession, deleteSession, markSessionMfaComplete } from '../../platform/auth/sessions';
import { generateTotpSecret, totpUri, verifyTotpCode } from '../../platform/auth/totp';
import { recordAudit } from '../../platform/audit';
import type { RequestContext } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, fieldError } from '../../platform/errors';
import * as repo from './auth.repository';
import { recordCredentialFailure } from './credential-failures';
import { addressKey, isThrottled, recordThrottledFailure, unknownEmailKey } from './sign-in-throttle';

export type LoginOutcome = {
  status: 'ok' | 'mfa_required' | 'mfa_setup_required';
  token: string;
  expiresAt: Date;
};

export function createAuthService(deps: ServiceDeps) {
  const { db, config } = deps;

  async function recordFailure(
    ctx: RequestContext,
    user: repo.UserRow,
    failureCode: 'INVALID_CREDENTIALS' | 'INVALID_MFA_CODE',
  ): Promise<never> {
    // Distinct actions so the audit trail shows whether passwords or codes are being guessed.
    const action = failureCode === 'INVALID_MFA_CODE' ? 'auth.mfa_failed' : 'auth.login_failed';
    const isNowLocked = await recordCredentialFailure(db, ctx, config.lockout, user, action);
    throw new AppError(isNowLocked ? 'ACCOUNT_LOCKED' : failureCode);
  }

  function assertNotLocked(ctx: RequestContext, user: repo.UserRow): void {
    if (user.lockedUntil && user.lockedUntil > ctx.now) throw new AppError('ACCOUNT_LOCKED');
  }

  /** Proof that the person at the keyboard is the account holder: the password or a current code. */
  async function reauthenticate(ctx: RequestContext, user: repo.UserRow, input: MfaSetupRequest) {
    assertNotLocked(ctx, user);
    if (input.currentPassword !== undefined) {
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword)))
        await recordFailure(ctx, user, 'INVALID_CREDENTIALS');
      return;
    }
    if (input.currentCode !== undefined && user.totpSecret) {
      const step = verifyTotpCode(user.totpSecret, input.currentCode, ctx.now, user.totpLastStep);
      if (step === null) await recordFailure(ctx, user, 'INVALID_MFA_CODE');
      else await repo.updateUserSecurity(db, user.id, { totpLastStep: step });
      return;
    }
    throw fieldError(
      ['currentPassword'],
      '認証アプリを変更するには、現在のパスワードを入力してください。',
      'Enter your current password to change the authenticator.',
      'required',
    );
  }

  return {
    /**
     * Checks the password and opens a new session (a fresh token on every
     * login, so a token planted before login is useless). Users whose role
     * needs a second factor get a session that only the MFA step can complete.
     */
    async login(
      ctx: RequestContext,
      input: LoginRequest,
      previousTokenHash: string | null,
    ): Promise<LoginOutcome> {
      const addressLimit = config.addressLimit ?? { maxFailures: 20, minutes: 15 };
      const address = ctx.ipAddress ? addressKey(ctx.ipAddress) : null;
      if (address && (await isThrottled(db, address, ctx.now))) throw new AppError('RATE_LIMITED');
      const failFromAddress = async () => {
        if (address) await recordThrottledFailure(db, address, addressLimit, ctx.now);
      };
      const user = await repo.findUserByEmail(db, input.email);
      if (!user?.passwordHash) {
        // An unknown address answers like a known one: the same hashing time, and the same
        // hold after as many failures (counted in login_throttle, as it has no account row).
        await verifyAgainstDecoy(input.password);
        await failFromAddress();
        const emailKey = unknownEmailKey(input.email);
        const wasHeld = await isThrottled(db, emailKey, ctx.now);
        const isHeld = wasHeld || (await recordThrottledFailure(db, emailKey, config.lockout, ctx.now));
        await recordAudit(db, ctx, {
          action: 'auth.login_unknown_account',
          entityType: 'user',
          entityId: null,
        });
        throw new AppError(isHeld ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
      }
      if (user.lockedUntil && user.lockedUntil > ctx.now) {
        // Same work as any other attempt, so a held-back account does not answer faster.
        await verifyPassword(user.passwordHash, input.password);
        await failFromAddress();
        throw new AppError('ACCOUNT_LOCKED');
      }
      if (!(await verifyPassword(user.passwordHash, input.password))) {
        await failFromAddress();
        return recordFailure(ctx, user, 'INVALID_CREDENTIALS');
      }
      // Deactivated people and members of a deactivated organization get the same answer as a
      // wrong password, so the answer does not tell an outsider that the account exists.
      if (!user.isActive || !(await repo.isOrganizationActive(db, user.organizationId))) {
        await failFromAddress();
        throw new AppError('INVALID_CREDENTIALS');
      }

      const needsMfa = requiresMfa(user.roles as Role[]);
      return db.transaction(async (tx) => {
        if (previousTokenHash) await deleteSession(tx, previousTokenHash);
        // The failure count covers both factors: it starts again only when the whole
        // sign-in succeeds, or a password alone would reset the guesses at the code.
        if (!needsMfa)
          await repo.updateUserSecurity(tx, user.id, {
            failedLoginCount: 0,
            lockedUntil: null,
            lastLoginAt: ctx.now,
          });
        const session = await createSession(tx, user.id, {
          ...config.sessionPolicy,
          isMfaComplete: !needsMfa,
          ipAddress: ctx.ipAddress,
          userAgent: ctx.userAgent,
          now: ctx.now,
        });
        await recordAudit(tx, ctx, {
          prefectureId: user.prefectureId,
          action: needsMfa ? 'auth.password_ok' : 'auth.login',
          entityType: 'user',
          entityId: user.id,
        });
        const status = !needsMfa ? 'ok' : user.totpEnabled ? 'mfa_required' : 'mfa_setup_required';
        return { status, token: session.token, expiresAt: session.expiresAt };
      });
    },

    /** Second step for users who already have an authenticator set up. */
    async verifyMfa(
      ctx: RequestContext,
      pendingUserId: string | null,
      sessionTokenHash: string | null,
      code: string,
    ) {
      if (!pendingUserId || !sessionTokenHash) throw new AppError('UNAUTHENTICATED');
      const user = await repo.findUserById(db, pendingUserId);
      if (!user) throw new AppError('UNAUTHENTICATED');
      assertNotLocked(ctx, user);
      if (!user.totpSecret || !user.totpEnabled) throw new AppError('MFA_SETUP_REQUIRED');
      const step = verifyTotpCode(user.totpSecret, code, ctx.now, user.totpLastStep);
      if (step === null) return recordFailure(ctx, user, 'INVALID_MFA_CODE');
      await db.transaction(async (tx) => {
        await repo.updateUserSecurity(tx, user.id, {
          totpLastStep: step,
          lastLoginAt: ctx.now,
          failedLoginCount: 0,
          lockedUntil: null,
        });
        await markSessionMfaComplete(tx, sessionTokenHash);
        await recordAudit(tx, ctx, {
          prefectureId: user.prefectureId,
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
        });
      });
    },

    /**
     * Starts authenticator enrolment: a new secret kept aside (totpPendingSecret) until it is
     * confirmed with a code. An active authenticator stays in force meanwhile, and replacing
     * it needs a fully signed-in session plus the password or a current code.
     */
    async beginMfaSetup(ctx: RequestContext, userId: string | null, input: MfaSetupRequest) {
      if (!userId) throw new AppError('UNAUTHENTICATED');
      const user = await repo.findUserById(db, userId);
      if (!user) throw new AppError('UNAUTHENTICATED');
      if (user.totpEnabled) {
        if (ctx.actor?.userId !== user.id) throw new AppError('FORBIDDEN');
        await reauthenticate(ctx, user, input);
      }
      const secret = generateTotpSecret();
      await repo.updateUserSecurity(db, user.id, { totpPendingSecret: secret });
      return { secret, otpauthUri: totpUri(secret, user.email) };
    },

    /**
     * Confirms the pending authenticator with a code from it. Wrong codes count toward the
     * lockout like any other credential; a session that has only given the password cannot
     * use this to get round an active authenticator.
     */
    async confirmMfaSetup(
      ctx: RequestContext,
      userId: string | null,
      sessionTokenHash: string | null,
      code: string,
    ) {
      if (!userId || !sessionTokenHash) throw new AppError('UNAUTHENTICATED');
      const user = await repo.findUserById(db, userId);
      if (!user) throw new AppError('UNAUTHENTICATED');
      assertNotLocked(ctx, user);
      if (user.totpEnabled && ctx.actor?.userId !== user.id) throw new AppError('FORBIDDEN');
      if (!user.totpPendingSecret) throw new AppError('MFA_SETUP_REQUIRED');
      const step = verifyTotpCode(user.totpPendingSecret, code, ctx.now, user.totpLastStep);
      if (step === null) return recordFailure(ctx, user, 'INVALID_MFA_CODE');
      const pendingSecret = user.totpPendingSecret;
      await db.transaction(async (tx) => {
        await repo.updateUserSecurity(tx, user.id, {
          totpSecret: pendingSecret,
          totpPendingSecret: null,
          totpEnabled: true,
          totpLastStep: step,
          lastLoginAt: ctx.now,
          failedLoginCount: 0,
          lockedUntil: null,
        });
        await markSessionMfaComplete(tx, sessionTokenHash);
        await recordAudit(tx, ctx, {
          prefectureId: user.prefectureId,
          action: user.totpEnabled ? 'auth.mfa_replaced' : 'auth.mfa_enrolled',
          entityType: 'user',
          entityId: user.id,
        });
      });
    },

    async logout(ctx: RequestContext, sessionTokenHash: string | null): Promise<void> {
      if (!sessionTokenHash) return;
      await db.transaction(async (tx) => {
        await deleteSession(tx, sessionTokenHash);
        if (ctx.actor)
          await recordAudit(tx, ctx, {
            action: 'auth.logout',
            entityType: 'user',
            entityId: ctx.actor.userId,
          });
      });
    },

    /** Users keep their own display name up to date; the change is audited like any other. */
    async updateOwnProfile(ctx: RequestContext, input: ProfileUpdate): Promise<SessionUser> {
      const actor = ctx.actor;
      if (!actor) throw new AppError('UNAUTHENTICATED');
      const before = await repo.findUserById(db, actor.userId);
      if (!before) throw new AppError('UNAUTHENTICATED');
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const updated = await updateVersioned(
              tx,
              users,
              actor.userId,
              input.version,
              { displayName: input.displayName },
              actor.userId,
              ctx.now,
            );
            await recordAudit(tx, ctx, {
              action: 'user.update_own_profile',
              entityType: 'user',
              entityId: actor.userId,
              before: { displayName: before.displayName },
              after: { displayName: updated.displayName },
            });
          }),
        () => this.getSessionUser(ctx),
      );
      return this.getSessionUser(ctx);
    },

    async getSessionUser(ctx: RequestContext): Promise<SessionUser> {
      if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
      const row = await repo.findSessionUser(db, ctx.actor.userId);
      if (!row) throw new AppError('UNAUTHENTICATED');
      return {
        id: row.user.id,
        email: row.user.email,
        displayName: row.user.displayName,
        roles: row.user.roles as Role[],
        organization: {
          id: row.organization.id,
          kind: row.organization.kind as SessionUser['organization']['kind'],
          name: row.organization.name,
          nameEn: row.organization.nameEn,
          municipalityId: row.organization.municipalityId,
        },
        prefecture: {
          id: row.prefecture.id,
          code: row.prefecture.code,
          name: row.prefecture.name,
          nameEn: row.prefecture.nameEn,
        },
        totpEnabled: row.user.totpEnabled,
        version: row.user.version,
      };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
