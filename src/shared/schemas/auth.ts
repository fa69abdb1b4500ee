import { z } from 'zod';
import { isCommonPassword } from '../common-passwords';
import { mfaCodeFormatMessage } from '../login-fields';
import { roleSchema, organizationKindSchema } from '../roles';

const email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** Passwords: length over complexity (NIST SP 800-63B); 12 characters at least. */
export const newPasswordSchema = z
  .string()
  .min(12)
  .max(200)
  .refine((p) => p.trim().length === p.length, {
    params: {
      ja: 'パスワードの先頭と末尾に空白は使えません。',
      en: 'A password cannot start or end with a space.',
    },
  })
  .refine((p) => !isCommonPassword(p), {
    params: {
      ja: 'よく使われるパスワード（単語や数字の並びなど）は使えません。推測されにくい言葉を組み合わせてください。',
      en: 'This password is too common (a common word or a run of keys or digits). Combine words that are hard to guess.',
    },
  });

export const loginRequestSchema = z.object({
  email,
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const mfaCodeRequestSchema = z.object({
  code: z
    .string()
    .trim()
    .refine((v) => /^\d{6}$/.test(v), { params: mfaCodeFormatMessage }),
});

export const loginResultSchema = z.object({
  status: z.enum(['ok', 'mfa_required', 'mfa_setup_required']),
});

export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  organization: z.object({
    id: z.string(),
    kind: organizationKindSchema,
    name: z.string(),
    nameEn: z.string(),
    municipalityId: z.string().nullable(),
  }),
  prefecture: z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string() }),
  totpEnabled: z.boolean(),
  /** The user row's version, for editing one's own profile with optimistic locking. */
  version: z.number().int().min(0).max(2_147_483_647),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const mfaSetupSchema = z.object({ secret: z.string(), otpauthUri: z.string() });

/**
 * Starting enrolment. A user whose authenticator is active proves it is them again (the
 * password, or a current code) so that a stolen session cannot swap the second factor;
 * a first enrolment sends an empty object.
 */
export const mfaSetupRequestSchema = z.object({
  currentPassword: z.string().min(1).max(200).optional(),
  currentCode: mfaCodeRequestSchema.shape.code.optional(),
});
export type MfaSetupRequest = z.infer<typeof mfaSetupRequestSchema>;

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: newPasswordSchema,
});

export const passwordResetRequestSchema = z.object({ email });
export const passwordResetConfirmSchema = z.object({
  token: z.string().min(20).max(200),
  newPassword: newPasswordSchema,
});

export const demoAccountSchema = z.object({
  role: roleSchema,
  email: z.string(),
  password: z.string(),
  displayName: z.string(),
  organizationName: z.string(),
});
export const demoAccountsResponseSchema = z.object({
  isDemo: z.boolean(),
  accounts: z.array(demoAccountSchema),
  /** The current TOTP code of the demo administrator, so the demo can be tried without an authenticator app. */
  adminTotpCode: z.string().nullable(),
});

/** What users may change about themselves; organization and roles are the administrator's. */
export const profileUpdateSchema = z.object({
  version: z.number().int().min(0).max(2_147_483_647).positive(),
  displayName: z.string().trim().min(1).max(100),
});
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;
