import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { type OrganizationKind, type Role, roleSchema, rolesAllowedFor } from '../shared/roles';
import { newPasswordSchema } from '../shared/schemas/auth';
import type { Database } from '../server/db/client';
import { organizations, users } from '../server/db/schema';
import { recordAudit } from '../server/platform/audit';
import { hashPassword } from '../server/platform/auth/password';
import type { RequestContext } from '../server/platform/context';

export interface CreateUserOptions {
  email?: string | undefined;
  name?: string | undefined;
  organizationId?: string | undefined;
  /** Comma-separated role ids, e.g. 'prefecture_admin,reviewer'. */
  roles?: string | undefined;
  /** Omitted: a temporary password is generated and printed once. */
  password?: string | undefined;
}

const optionsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  name: z.string().trim().min(1).max(100),
  organizationId: z.uuid(),
  roles: z
    .string()
    .transform((v) => [...new Set(v.split(',').map((r) => r.trim()))].filter(Boolean))
    .pipe(z.array(roleSchema).min(1)),
  password: newPasswordSchema.optional(),
});

/** 18 random bytes: 24 URL-safe characters, well above the 12-character minimum. */
function generateTemporaryPassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * `kakehashi create-user`: registers a user without an invitation mail, e.g.
 * the first administrator of a new prefecture. Writes an audit row like every
 * change; the actor is the operator at the console (no user id).
 */
export async function createUserCommand(
  db: Database,
  options: CreateUserOptions,
  io: { print: (line: string) => void; printError: (line: string) => void },
): Promise<number> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      io.printError(`--${kebab(String(issue.path[0] ?? ''))}: ${issue.message}`);
    }
    return 2;
  }
  const input = parsed.data;
  const [organization] = await db
    .select()
    .from(organizations)
    .where(eq(organizations.id, input.organizationId));
  if (!organization?.isActive) {
    io.printError(
      `組織 ${input.organizationId} がないか無効です。 / Organization ${input.organizationId} does not exist or is inactive.`,
    );
    return 1;
  }
  const allowed = rolesAllowedFor[organization.kind as OrganizationKind] ?? [];
  const misplaced = input.roles.filter((role: Role) => !allowed.includes(role));
  if (misplaced.length > 0) {
    io.printError(
      `役割 ${misplaced.join(', ')} は「${organization.name}」(${organization.kind}) には付けられません（可: ${allowed.join(', ')}）。 / Roles ${misplaced.join(', ')} are not allowed in a ${organization.kind} organization (allowed: ${allowed.join(', ')}).`,
    );
    return 2;
  }
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (existing) {
    io.printError(`${input.email} は既に登録されています。 / ${input.email} is already registered.`);
    return 1;
  }

  const password = input.password ?? generateTemporaryPassword();
  const passwordHash = await hashPassword(password);
  const ctx: RequestContext = {
    actor: null,
    requestId: 'cli',
    locale: 'ja',
    ipAddress: null,
    userAgent: 'kakehashi-cli',
    now: new Date(),
  };
  const user = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({
        prefectureId: organization.prefectureId,
        organizationId: organization.id,
        email: input.email,
        displayName: input.name,
        roles: input.roles,
        passwordHash,
        // Left empty: the password was set by an operator, not chosen by the user.
        passwordChangedAt: null,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: created!.id,
      prefectureId: organization.prefectureId,
      after: created,
    });
    return created!;
  });

  io.print(`利用者を登録しました / user created: ${user.email} (${user.id}) roles=${user.roles.join(',')}`);
  if (!input.password) {
    io.print(`一時パスワード / temporary password: ${password}`);
    io.print(
      'この表示は一度きりです。本人に安全な方法で伝え、初回ログイン後に変更してもらってください。 / Shown only once: hand it over safely and have the user change it after signing in.',
    );
  }
  return 0;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
