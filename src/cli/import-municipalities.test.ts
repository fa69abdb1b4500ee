import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auditLog, municipalities, organizations, prefectures, users } from '../server/db/schema';
import { createTestContext } from '../server/testing/harness';
import { createPrefectureCommand } from './create-prefecture';
import { importMunicipalitiesCommand } from './import-municipalities';

const ctx = await createTestContext();
const fixtures = path.join(import.meta.dirname, '../server/features/municipalities/fixtures');

describe('kakehashi import-municipalities', () => {
  it('creates a new prefecture with its municipalities and their organizations', async () => {
    const lines: string[] = [];
    const exitCode = await importMunicipalitiesCommand(
      ctx.database.db,
      {
        file: path.join(fixtures, 'tokyo-sample.csv'),
        prefectureCode: '13',
        prefectureName: '東京都',
        prefectureNameEn: 'Tokyo',
        dryRun: false,
      },
      (l) => lines.push(l),
    );
    expect(exitCode).toBe(0);
    expect(lines.at(-1)).toContain('created 4');
    const [tokyo] = await ctx.database.db.select().from(prefectures).where(eq(prefectures.code, '13'));
    const rows = await ctx.database.db
      .select()
      .from(municipalities)
      .where(eq(municipalities.prefectureId, tokyo!.id));
    expect(rows).toHaveLength(4);
    const orgs = await ctx.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.prefectureId, tokyo!.id));
    expect(orgs.filter((o) => o.kind === 'municipality')).toHaveLength(4);
  });

  it('refuses a file for the wrong prefecture and imports nothing', async () => {
    const lines: string[] = [];
    const exitCode = await importMunicipalitiesCommand(
      ctx.database.db,
      { file: path.join(fixtures, 'tokyo-sample.csv'), prefectureCode: '07', dryRun: false },
      (l) => lines.push(l),
    );
    expect(exitCode).toBe(1);
    expect(lines.filter((l) => l.includes('wrong') || l.includes('都道府県コード07'))).toHaveLength(4);
    expect(lines.at(-1)).toContain('Nothing was imported');
  });

  it('asks for the names of a prefecture that does not exist yet', async () => {
    const lines: string[] = [];
    const exitCode = await importMunicipalitiesCommand(
      ctx.database.db,
      { file: path.join(fixtures, 'tokyo-sample.csv'), prefectureCode: '27', dryRun: false },
      (l) => lines.push(l),
    );
    expect(exitCode).toBe(2);
    expect(lines[0]).toContain('--prefecture-name');
  });
});

describe('onboarding another prefecture', () => {
  const officialCsv = path.join(fixtures, 'official-code-list.csv');

  async function prefectureByCode(code: string) {
    const [row] = await ctx.database.db.select().from(prefectures).where(eq(prefectures.code, code));
    return row ?? null;
  }

  it('a dry run for a prefecture that does not exist yet reports the counts and creates nothing', async () => {
    const lines: string[] = [];
    const exitCode = await importMunicipalitiesCommand(
      ctx.database.db,
      {
        file: officialCsv,
        prefectureCode: '04',
        prefectureName: '宮城県',
        prefectureNameEn: 'Miyagi',
        dryRun: true,
      },
      (l) => lines.push(l),
    );
    expect(exitCode).toBe(0);
    expect(lines.at(-1)).toContain('would import (dry run): 新規 created 4');
    expect(await prefectureByCode('04')).toBeNull();
  });

  it('reads the official code list as published: its headers, half-width katakana readings, only this prefecture', async () => {
    const lines: string[] = [];
    const exitCode = await importMunicipalitiesCommand(
      ctx.database.db,
      {
        file: officialCsv,
        prefectureCode: '04',
        prefectureName: '宮城県',
        prefectureNameEn: 'Miyagi',
        dryRun: false,
      },
      (l) => lines.push(l),
    );
    expect(lines.join('\n')).not.toContain('line');
    expect(exitCode).toBe(0);
    expect(lines.at(-1)).toContain('created 4');
    const miyagi = await prefectureByCode('04');
    const rows = await ctx.database.db
      .select()
      .from(municipalities)
      .where(eq(municipalities.prefectureId, miyagi!.id))
      .orderBy(municipalities.code);
    expect(rows.map((r) => [r.code, r.name, r.nameKana, r.nameEn, r.kind])).toEqual([
      ['041009', '仙台市', 'せんだいし', 'Sendai-shi', 'city'],
      ['042021', '石巻市', 'いしのまきし', 'Ishinomaki-shi', 'city'],
      ['043010', '蔵王町', 'ざおうまち', 'Zao-machi', 'town'],
      ['044245', '大衡村', 'おおひらむら', 'Ohira-mura', 'village'],
    ]);
  });

  it('reads the official list as an xlsx too (the form it is published in)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('R6.1.1現在の団体');
    sheet.addRow([
      '団体コード',
      '都道府県名\n（漢字）',
      '市区町村名\n（漢字）',
      '都道府県名\n（カナ）',
      '市区町村名\n（カナ）',
    ]);
    sheet.addRow(['050008', '秋田県', '', 'ｱｷﾀｹﾝ', '']);
    sheet.addRow(['052019', '秋田県', '秋田市', 'ｱｷﾀｹﾝ', 'ｱｷﾀｼ']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kk-import-')), 'code-list.xlsx');
    await workbook.xlsx.writeFile(file);
    const lines: string[] = [];
    const exitCode = await importMunicipalitiesCommand(
      ctx.database.db,
      { file, prefectureCode: '05', prefectureName: '秋田県', prefectureNameEn: 'Akita', dryRun: false },
      (l) => lines.push(l),
    );
    expect(exitCode, lines.join('\n')).toBe(0);
    const akita = await prefectureByCode('05');
    const rows = await ctx.database.db
      .select()
      .from(municipalities)
      .where(eq(municipalities.prefectureId, akita!.id));
    expect(rows.map((r) => [r.name, r.nameKana])).toEqual([['秋田市', 'あきたし']]);
  });

  it('warns about two wards of the same name and still imports them', async () => {
    const lines: string[] = [];
    const exitCode = await importMunicipalitiesCommand(
      ctx.database.db,
      {
        file: path.join(fixtures, 'kanagawa-wards.csv'),
        prefectureCode: '14',
        prefectureName: '神奈川県',
        prefectureNameEn: 'Kanagawa',
        dryRun: false,
      },
      (l) => lines.push(l),
    );
    expect(exitCode).toBe(0);
    const warnings = lines.filter((l) => l.includes('warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('line 3');
    expect(warnings[0]).toContain('緑区');
    expect(warnings[0]).toContain('line 2');
    expect(lines.at(-1)).toContain('created 3');
  });

  it('create-prefecture: prefecture, administration organization and a first administrator whose printed link works once', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { print: (l: string) => out.push(l), printError: (l: string) => err.push(l) };
    const options = {
      code: '06',
      name: '山形県',
      nameEn: 'Yamagata',
      organizationName: '山形県 みらい企画創造部',
      adminEmail: 'First.Admin@pref.yamagata.example.jp',
      adminName: '最初 管理者',
    };
    expect(await createPrefectureCommand(ctx.database.db, options, io, 'https://kakehashi.example.jp/')).toBe(
      0,
    );
    expect(err).toEqual([]);
    const yamagata = await prefectureByCode('06');
    expect(yamagata?.name).toBe('山形県');
    const orgs = await ctx.database.db
      .select()
      .from(organizations)
      .where(eq(organizations.prefectureId, yamagata!.id));
    expect(orgs.map((o) => [o.kind, o.name, o.nameEn])).toEqual([
      ['prefecture', '山形県 みらい企画創造部', 'Yamagata Prefectural Government'],
    ]);
    const [admin] = await ctx.database.db.select().from(users).where(eq(users.prefectureId, yamagata!.id));
    expect(admin?.email).toBe('first.admin@pref.yamagata.example.jp');
    expect(admin?.roles).toEqual(['prefecture_admin']);
    expect(admin?.passwordHash).toBeNull();
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.prefectureId, yamagata!.id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'organization.create',
      'prefecture.create',
      'user.invite',
    ]);

    const link = out.find((l) => l.includes('invitation link'))?.split(': ')[1];
    expect(link).toMatch(/^https:\/\/kakehashi\.example\.jp\/invitations\/accept\?token=/);
    const token = decodeURIComponent(new URL(link!).searchParams.get('token')!);
    const accept = { token, password: 'a-long-new-password-2026', displayName: '最初 管理者' };
    expect((await ctx.request('POST', '/api/auth/invitations/accept', { body: accept })).status).toBe(200);
    expect((await ctx.request('POST', '/api/auth/invitations/accept', { body: accept })).status).not.toBe(
      200,
    );
    const login = await ctx.request('POST', '/api/auth/login', {
      body: { email: 'first.admin@pref.yamagata.example.jp', password: 'a-long-new-password-2026' },
    });
    expect(login.status).toBe(200);

    const again = { out: [] as string[], err: [] as string[] };
    expect(
      await createPrefectureCommand(
        ctx.database.db,
        { ...options, adminEmail: 'other@pref.yamagata.example.jp' },
        { print: (l) => again.out.push(l), printError: (l) => again.err.push(l) },
        'https://kakehashi.example.jp',
      ),
    ).toBe(1);
    expect(again.err.join('\n')).toContain('already exists');
    const bad = { out: [] as string[], err: [] as string[] };
    expect(
      await createPrefectureCommand(
        ctx.database.db,
        { ...options, code: '48' },
        { print: (l) => bad.out.push(l), printError: (l) => bad.err.push(l) },
        'https://kakehashi.example.jp',
      ),
    ).toBe(2);
    expect(bad.err.join('\n')).toContain('--code');
  });
});
