import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../server/db/client';
import { organizations, prefectures, users } from '../server/db/schema';
import { insertToken } from '../server/features/auth/account-recovery.repository';
import { invitationValidDays } from '../server/features/auth/account-recovery.service';
import { findPrefectureByCode } from '../server/features/municipalities/municipalities.repository';
import { recordAudit } from '../server/platform/audit';
import { generateToken, hashToken } from '../server/platform/auth/tokens';
import type { RequestContext } from '../server/platform/context';

export interface CreatePrefectureOptions {
  code?: string | undefined;
  name?: string | undefined;
  nameEn?: string | undefined;
  organizationName?: string | undefined;
  organizationNameEn?: string | undefined;
  adminEmail?: string | undefined;
  adminName?: string | undefined;
}

const optionsSchema = z.object({
  code: z.string().regex(/^(0[1-9]|[1-3]\d|4[0-7])$/, 'two digits, 01–47'),
  name: z.string().trim().min(1).max(20),
  nameEn: z.string().trim().min(1).max(50),
  organizationName: z.string().trim().min(1).max(100).optional(),
  organizationNameEn: z.string().trim().min(1).max(100).optional(),
  adminEmail: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  adminName: z.string().trim().min(1).max(100),
});

/**
 * `kakehashi create-prefecture`: onboards another prefecture in one
 * transaction: the prefecture, its administration organization and its first
 * administrator, who gets a one-time invitation link (printed, since no
 * administrator exists yet to send one) and sets their own password with it.
 * Municipalities follow with `kakehashi import-municipalities`.
 */
export async function createPrefectureCommand(
  db: Database,
  options: CreatePrefectureOptions,
  io: { print: (line: string) => void; printError: (line: string) => void },
  publicUrl: string,
  now: Date = new Date(),
): Promise<number> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      io.printError(`--${kebab(String(issue.path[0] ?? ''))}: ${issue.message}`);
    }
    return 2;
  }
  const input = parsed.data;
  if (await findPrefectureByCode(db, input.code)) {
    io.printError(
      `都道府県コード${input.code}は既に登録されています。 / Prefecture ${input.code} already exists.`,
    );
    return 1;
  }
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.adminEmail));
  if (taken) {
    io.printError(
      `${input.adminEmail} は既に登録されています。 / ${input.adminEmail} is already registered.`,
    );
    return 1;
  }
  const ctx: RequestContext = {
    actor: null,
    requestId: 'cli',
    locale: 'ja',
    ipAddress: null,
    userAgent: 'kakehashi-cli',
    now,
  };
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + invitationValidDays * 24 * 3_600_000);
  const { prefecture, organization, admin } = await db.transaction(async (tx) => {
    const [prefecture] = await tx
      .insert(prefectures)
      .values({ code: input.code, name: input.name, nameEn: input.nameEn, createdAt: now, updatedAt: now })
      .returning();
    const [organization] = await tx
      .insert(organizations)
      .values({
        prefectureId: prefecture!.id,
        kind: 'prefecture',
        name: input.organizationName ?? input.name,
        nameEn: input.organizationNameEn ?? `${input.nameEn} Prefectural Government`,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const [admin] = await tx
      .insert(users)
      .values({
        prefectureId: prefecture!.id,
        organizationId: organization!.id,
        email: input.adminEmail,
        displayName: input.adminName,
        roles: ['prefecture_admin'],
        // No password: the administrator chooses it through the invitation link.
        passwordHash: null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await insertToken(tx, {
      tokenHash: hashToken(token),
      userId: admin!.id,
      purpose: 'invitation',
      expiresAt,
      createdAt: now,
    });
    const audited = { prefectureId: prefecture!.id };
    await recordAudit(tx, ctx, {
      ...audited,
      action: 'prefecture.create',
      entityType: 'prefecture',
      entityId: prefecture!.id,
      after: prefecture,
    });
    await recordAudit(tx, ctx, {
      ...audited,
      action: 'organization.create',
      entityType: 'organization',
      entityId: organization!.id,
      after: organization,
    });
    await recordAudit(tx, ctx, {
      ...audited,
      action: 'user.invite',
      entityType: 'user',
      entityId: admin!.id,
      after: { ...admin, invitationExpiresAt: expiresAt },
    });
    return { prefecture: prefecture!, organization: organization!, admin: admin! };
  });

  const link = `${publicUrl.replace(/\/+$/, '')}/invitations/accept?token=${encodeURIComponent(token)}`;
  io.print(
    `都道府県を登録しました / prefecture created: ${prefecture.code} ${prefecture.name} (${prefecture.id})`,
  );
  io.print(`管理組織 / administration organization: ${organization.name} (${organization.id})`);
  io.print(`最初の管理者 / first administrator: ${admin.email} (${admin.id})`);
  io.print(`招待リンク / invitation link: ${link}`);
  io.print(
    `このリンクは一度きり、${invitationValidDays}日間有効です。本人に安全な方法で渡してください。本人がパスワードを決めます。 / The link works once, for ${invitationValidDays} days: hand it over safely; the administrator chooses their own password with it.`,
  );
  io.print(
    `次に市町村を取り込みます / next, import the municipalities: kakehashi import-municipalities FILE --prefecture-code ${prefecture.code}`,
  );
  return 0;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
