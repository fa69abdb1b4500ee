import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { municipalities, organizations, prefectures } from '../server/db/schema';
import { createTestContext } from '../server/testing/harness';
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
