import { z } from 'zod';
import { organizationKindSchema, roleSchema, roles } from '../roles';
import { newPasswordSchema } from './auth';

/**
 * Accounts: users and their organizations, invitations, password change and
 * reset, and the administrator's views of the mail outbox and the audit log.
 * Every request and response of those routes is described here, for the
 * server's validation and the browser's forms alike.
 */

type Labels = { ja: string; en: string };

/**
 * Free text that reaches a database query. PostgreSQL text cannot hold the NUL
 * character; refusing it here makes it a field error rather than a 500.
 */
function plainText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((value) => !value.includes('\u0000'), {
      params: {
        ja: '使用できない制御文字が含まれています。',
        en: 'The text contains a control character that cannot be used.',
      },
    });
}

const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
const displayNameSchema = plainText(1, 100);
/** Optimistic-locking version: an integer column, so bounded to it (a larger one is a field error, not a 500). */
const versionSchema = z.number().int().positive().max(2_147_483_647);
/**
 * One-time tokens are 43 URL-safe characters. Anything else is simply a link
 * that does not work (410), not a form error, so the bounds are loose.
 */
export const oneTimeTokenSchema = z.string().trim().min(1).max(500);

// ---------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------

/**
 * Where an account stands, derived from its columns (never stored):
 * invited = no password set yet; locked = too many failed sign-ins, until lockedUntil.
 */
export const userStatuses = ['active', 'inactive', 'invited', 'locked'] as const;
export type UserStatus = (typeof userStatuses)[number];
export const userStatusSchema = z.enum(userStatuses);
export const userStatusLabels: Record<UserStatus, Labels> = {
  active: { ja: '有効', en: 'Active' },
  inactive: { ja: '無効', en: 'Deactivated' },
  invited: { ja: '招待中', en: 'Invited' },
  locked: { ja: 'ロック中', en: 'Locked' },
};

/** Kept without zod so pages that only show roles (the login page) do not load it. */
export { roleLabels } from '../role-labels';

/** Several roles may be combined, each at most once. */
const roleListSchema = z
  .array(roleSchema)
  .min(1)
  .max(roles.length)
  .refine((list) => new Set(list).size === list.length, {
    params: { ja: '同じ役割が重複しています。', en: 'A role is listed twice.' },
  });

export const userListQuerySchema = z.object({
  organizationId: z.uuid().optional(),
  role: roleSchema.optional(),
  /** Part of the name or e-mail address. */
  q: plainText(0, 100).optional(),
  status: userStatusSchema.optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userSummarySchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  organization: z.object({
    id: z.string(),
    kind: organizationKindSchema,
    name: z.string(),
    nameEn: z.string(),
  }),
  roles: z.array(roleSchema),
  status: userStatusSchema,
  isActive: z.boolean(),
  /** ISO 8601 (UTC); shown in JST. */
  lastLoginAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
  version: z.number().int().min(0).max(2_147_483_647),
});
export type UserSummary = z.infer<typeof userSummarySchema>;
export const userListSchema = z.object({ items: z.array(userSummarySchema) });

export const userPatchSchema = z.object({
  version: versionSchema,
  displayName: displayNameSchema.optional(),
  roles: roleListSchema.optional(),
  isActive: z.boolean().optional(),
});
export type UserPatch = z.infer<typeof userPatchSchema>;

// ---------------------------------------------------------------------------
// Invitations
// ---------------------------------------------------------------------------

export const invitationCreateSchema = z.object({
  email: emailSchema,
  displayName: displayNameSchema,
  organizationId: z.uuid(),
  roles: roleListSchema,
});
export type InvitationCreate = z.infer<typeof invitationCreateSchema>;

/** What the invitation page shows before the person sets a password. */
export const invitationPreviewSchema = z.object({
  email: z.string(),
  displayName: z.string(),
  organizationName: z.string(),
  organizationNameEn: z.string(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const invitationAcceptSchema = z.object({
  token: oneTimeTokenSchema,
  displayName: displayNameSchema,
  password: newPasswordSchema,
});
export type InvitationAccept = z.infer<typeof invitationAcceptSchema>;

/** After accepting, the person signs in as usual with this e-mail address. */
export const invitationAcceptedSchema = z.object({ ok: z.literal(true), email: z.string() });

export const invitationSentSchema = z.object({
  user: userSummarySchema,
  /** When the link in the mail stops working (ISO 8601). */
  expiresAt: z.string(),
});

// ---------------------------------------------------------------------------
// Passwords
// ---------------------------------------------------------------------------

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: newPasswordSchema,
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    params: {
      ja: '新しいパスワードは現在のパスワードと異なるものにしてください。',
      en: 'The new password must differ from the current one.',
    },
  });
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

export const passwordResetRequestSchema = z.object({ email: emailSchema });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

/**
 * The same answer whether or not the address has an account, so the form
 * cannot be used to find out who is registered.
 */
export const passwordResetRequestedSchema = z.object({
  status: z.literal('accepted'),
  message: z.object({ ja: z.string(), en: z.string() }),
});
export const passwordResetRequestedMessage: Labels = {
  ja: '登録されているメールアドレスであれば、パスワード再設定のご案内を送信しました。メールが届かない場合は管理者にお問い合わせください。',
  en: 'If the address belongs to an account, we have sent instructions for resetting the password. If no mail arrives, please contact an administrator.',
};

export const passwordResetConfirmSchema = z.object({
  token: oneTimeTokenSchema,
  newPassword: newPasswordSchema,
});
export type PasswordResetConfirm = z.infer<typeof passwordResetConfirmSchema>;

export const okSchema = z.object({ ok: z.literal(true) });

// ---------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------

/** Municipality organizations come only from the municipality master import. */
export const creatableOrganizationKinds = ['prefecture', 'council', 'company'] as const;

const organizationNameSchema = plainText(1, 200);

export const organizationKindLabels: Record<z.infer<typeof organizationKindSchema>, Labels> = {
  prefecture: { ja: '県', en: 'Prefecture' },
  municipality: { ja: '市町村', en: 'Municipality' },
  council: { ja: '協議会', en: 'Council' },
  company: { ja: '会員企業', en: 'Member company' },
};

export const organizationListQuerySchema = z.object({ kind: organizationKindSchema.optional() });

export const organizationSchema = z.object({
  id: z.string(),
  kind: organizationKindSchema,
  name: z.string(),
  nameEn: z.string(),
  municipalityId: z.string().nullable(),
  isActive: z.boolean(),
  /** Active accounts in the organization. */
  memberCount: z.number().int(),
  version: z.number().int().min(0).max(2_147_483_647),
});
export type Organization = z.infer<typeof organizationSchema>;
export const organizationListSchema = z.object({ items: z.array(organizationSchema) });

export const organizationCreateSchema = z.object({
  kind: organizationKindSchema.refine((kind) => kind !== 'municipality', {
    params: {
      ja: '市町村の組織は市町村マスタの取り込みで作成されます。手作業では作成できません。',
      en: 'Municipality organizations are created by the municipality master import, not by hand.',
    },
  }),
  name: organizationNameSchema,
  nameEn: organizationNameSchema,
});
export type OrganizationCreate = z.infer<typeof organizationCreateSchema>;

export const organizationPatchSchema = z.object({
  version: versionSchema,
  name: organizationNameSchema.optional(),
  nameEn: organizationNameSchema.optional(),
  isActive: z.boolean().optional(),
});
export type OrganizationPatch = z.infer<typeof organizationPatchSchema>;

/** Colleagues as a member sees them: names, addresses and roles; the status only for administrators. */
export const organizationMemberSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  status: userStatusSchema.optional(),
});
export const organizationMembersSchema = z.object({
  organization: z.object({
    id: z.string(),
    kind: organizationKindSchema,
    name: z.string(),
    nameEn: z.string(),
  }),
  members: z.array(organizationMemberSchema),
});
export type OrganizationMembers = z.infer<typeof organizationMembersSchema>;

// ---------------------------------------------------------------------------
// Mail outbox (administrators)
// ---------------------------------------------------------------------------

export const mailStatuses = ['queued', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof mailStatuses)[number];
export const mailStatusSchema = z.enum(mailStatuses);
export const mailStatusLabels: Record<MailStatus, Labels> = {
  queued: { ja: '送信待ち', en: 'Queued' },
  sending: { ja: '送信中', en: 'Sending' },
  sent: { ja: '送信済み', en: 'Sent' },
  failed: { ja: '送信失敗', en: 'Failed' },
};

export const outboxQuerySchema = z.object({
  status: mailStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type OutboxQuery = z.infer<typeof outboxQuerySchema>;

export const outboxMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  status: mailStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMail = z.infer<typeof outboxMailSchema>;
export const outboxListSchema = z.object({
  /** False when no SMTP server is configured: mails stay queued and are read here. */
  isSmtpConfigured: z.boolean(),
  items: z.array(outboxMailSchema),
});

// ---------------------------------------------------------------------------
// Audit log (administrators)
// ---------------------------------------------------------------------------

export const auditQuerySchema = z.object({
  entityType: plainText(1, 100).optional(),
  entityId: plainText(1, 200).optional(),
  actorUserId: z.uuid().optional(),
  action: plainText(1, 100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Cursor: only entries older than this id (the previous page's nextBefore). */
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  /** Null for actions without a signed-in actor (sign-in attempts, the CLI, links in e-mails). */
  actorDisplayName: z.string().nullable(),
  onBehalfOf: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  /** The entry as a sentence: who did what to which record (the record named when its snapshot has a name). */
  sentence: z.object({ ja: z.string(), en: z.string() }),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditListSchema = z.object({
  items: z.array(auditEntrySchema),
  /** Pass as `before` to read the next (older) page; null when this is the last. */
  nextBefore: z.number().int().nullable(),
});

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/** An account's status at `now`, from the columns it is derived from. */
export function userStatusOf(
  user: { isActive: boolean; hasPassword: boolean; lockedUntil: Date | null },
  now: Date,
): UserStatus {
  if (!user.isActive) return 'inactive';
  if (!user.hasPassword) return 'invited';
  if (user.lockedUntil && user.lockedUntil > now) return 'locked';
  return 'active';
}
