import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { editable, id, requiredRef } from './columns';
import { municipalities, prefectures } from './tenancy';

/**
 * Who a user works for. `kind` decides what scope their roles apply to:
 * a municipality organization is tied to one municipality, a company is the
 * unit that owns menus and projects.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    /** 'prefecture' | 'municipality' | 'council' | 'company' */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    isActive: boolean('is_active').notNull().default(true),
    ...editable(),
  },
  (t) => [
    index('organizations_prefecture').on(t.prefectureId),
    uniqueIndex('organizations_municipality').on(t.municipalityId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    organizationId: requiredRef('organization_id', () => organizations.id),
    /** Stored lower-cased so lookups are case-insensitive. */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** Role ids from src/shared/roles.ts. */
    roles: text('roles').array().notNull(),
    /** argon2id; null until an invited user sets a password. */
    passwordHash: text('password_hash'),
    isActive: boolean('is_active').notNull().default(true),
    locale: text('locale').notNull().default('ja'),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Base32 TOTP secret; set up on first admin login. */
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /**
     * A new authenticator being enrolled while the current one stays active: it replaces
     * totp_secret only once confirmed with a code, so a stolen session cannot swap factors.
     */
    totpPendingSecret: text('totp_pending_secret'),
    /** Last accepted TOTP time step, so a code cannot be replayed. */
    totpLastStep: integer('totp_last_step'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    ...editable(),
  },
  (t) => [uniqueIndex('users_email').on(t.email), index('users_organization').on(t.organizationId)],
);

/** Server-side sessions: the cookie holds a random token, the table its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: requiredRef('user_id', () => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** False while a TOTP-required user has given a password but not yet the code. */
    isMfaComplete: boolean('is_mfa_complete').notNull().default(false),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Single-use links sent by e-mail (password reset, invitation). Only the hash is stored. */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: requiredRef('user_id', () => users.id, { onDelete: 'cascade' }),
    /** 'password_reset' | 'invitation' */
    purpose: text('purpose').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('one_time_tokens_user').on(t.userId)],
);
