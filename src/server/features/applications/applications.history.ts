import { historyImportColumns, type HistoryImportReport } from '../../../shared/schemas/applications';
import { parseMunicipalityCode } from '../../../shared/municipality-code';
import type { Database } from '../../db/client';
import { type RequestContext, signedIn } from '../../platform/context';
import { tooLarge, uploadLimits } from '../../platform/csv';
import { AppError, assertAllowed } from '../../platform/errors';
import { recordAudit } from '../../platform/audit';
import { publishEvent } from '../../platform/jobs/events';
import { readTabularFile } from '../../platform/spreadsheet';
import { applicationsPolicy as policy } from './applications.policy';
import * as repo from './applications.repository';

declare module '../../platform/jobs/events' {
  interface DomainEventMap {
    /** Past support projects were imported: coverage figures change. */
    'applications.history_imported': { count: number };
  }
}

type RowError = HistoryImportReport['errors'][number];
const [yearColumn, codeColumn, nameColumn, contentColumn, companyColumn, costColumn] = historyImportColumns;

/** 2022, ２０２２, 令和4, R4 → 2022 (the forms past-year sheets use). */
export function parseFiscalYear(text: string): number | null {
  const t = text.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const reiwa = /^(?:令和|R)\s*(\d{1,2}|元)\s*(?:年度?)?$/i.exec(t);
  if (reiwa) return 2018 + (reiwa[1] === '元' ? 1 : Number(reiwa[1]));
  const western = /^(\d{4})\s*(?:年度?)?$/.exec(t);
  return western ? Number(western[1]) : null;
}

/** "1,200" / "１２００" / "" → 1200 / 1200 / null; undefined when not a whole number of 千円. */
export function parseCost(text: string): number | null | undefined {
  const t = text
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，]/g, '');
  if (t === '') return null;
  if (!/^\d{1,9}$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 100_000_000 ? n : undefined;
}

/**
 * Past years' support (who was supported, by which company, at what cost) imported as support
 * projects, so "not supported in the past two years" holds for a prefecture that starts with
 * history. All rows or none: any wrong row rejects the file with every row's errors in ja/en.
 */
export function createApplicationsHistory({ db }: { db: Database }) {
  return {
    async importHistory(
      ctx: RequestContext,
      bytes: Uint8Array,
      fileName: string,
      options: { dryRun: boolean },
    ): Promise<HistoryImportReport> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.isAdmin(actor));
      if (bytes.byteLength > uploadLimits.maxUnzippedBytes) throw tooLarge();
      const { headers, records } = await readTabularFile(bytes, fileName);
      const errors: RowError[] = [];
      const missing = historyImportColumns.filter((c) => c !== costColumn && !headers.includes(c));
      for (const column of missing)
        errors.push({
          row: 1,
          column,
          ja: `列「${column}」がありません。`,
          en: `The column "${column}" is missing.`,
        });
      if (missing.length === 0 && records.length === 0)
        errors.push({ row: 2, column: '', ja: 'データの行がありません。', en: 'The file has no data rows.' });

      const years = new Map((await repo.findFiscalYears(db, actor.prefectureId)).map((y) => [y.year, y]));
      const towns = new Map((await repo.findMunicipalities(db, actor.prefectureId)).map((m) => [m.code, m]));
      const rows: Parameters<typeof repo.insertSupportProjects>[1] = [];
      if (missing.length === 0) {
        records.forEach((record, index) => {
          const row = index + 2;
          const add = (column: string, ja: string, en: string) => errors.push({ row, column, ja, en });
          const year = parseFiscalYear(record[yearColumn] ?? '');
          const fiscalYear = year === null ? undefined : years.get(year);
          if (year === null)
            add(
              yearColumn,
              '年度は 2022 や 令和4 の形で入力してください。',
              'Enter the year as 2022 or 令和4.',
            );
          else if (!fiscalYear)
            add(
              yearColumn,
              `${year}年度はまだ登録されていません（年度を先に作成してください）。`,
              `Fiscal year ${year} does not exist yet (create it first).`,
            );
          const parsedCode = parseMunicipalityCode(record[codeColumn] ?? '');
          const town = parsedCode.ok ? towns.get(parsedCode.code) : undefined;
          if (!parsedCode.ok)
            add(
              codeColumn,
              '市町村コードは6桁（または5桁）の数字で入力してください。',
              'Enter the municipality code as 6 (or 5) digits.',
            );
          else if (!town)
            add(
              codeColumn,
              'この県の市町村コードではありません。',
              'Not a municipality code of this prefecture.',
            );
          const name = (record[nameColumn] ?? '').trim();
          if (town && name !== '' && name !== town.name)
            add(
              nameColumn,
              `市町村名がコードと一致しません（${town.name}）。`,
              `The name does not match the code (${town.name}).`,
            );
          const content = (record[contentColumn] ?? '').trim();
          if (content === '' || content.length > 200)
            add(
              contentColumn,
              '支援内容を200文字以内で入力してください。',
              'Enter the support given, at most 200 characters.',
            );
          const company = (record[companyColumn] ?? '').trim();
          if (company === '' || company.length > 200)
            add(
              companyColumn,
              '事業者名を200文字以内で入力してください。',
              'Enter the company name, at most 200 characters.',
            );
          const cost = parseCost(record[costColumn] ?? '');
          if (cost === undefined)
            add(
              costColumn,
              '費用は千円単位の整数で入力してください。',
              'Enter the cost as a whole number of thousand yen.',
            );
          if (
            fiscalYear &&
            town &&
            content &&
            company &&
            cost !== undefined &&
            !errors.some((e) => e.row === row)
          )
            rows.push({
              prefectureId: actor.prefectureId,
              fiscalYearId: fiscalYear.id,
              municipalityId: town.id,
              title: content,
              companyName: company,
              costThousandYen: cost,
              status: 'completed',
              source: 'import',
              createdBy: actor.userId,
              updatedBy: actor.userId,
            });
        });
      }

      if (options.dryRun || errors.length > 0) {
        if (!options.dryRun)
          throw new AppError('IMPORT_REJECTED', {
            fields: errors.map((e) => ({
              path: ['rows', e.row, e.column],
              code: 'invalid_row',
              ja: e.ja,
              en: e.en,
            })),
          });
        return { dryRun: true, imported: errors.length === 0 ? rows.length : 0, errors };
      }
      await db.transaction(async (tx) => {
        const inserted = await repo.insertSupportProjects(tx, rows);
        await recordAudit(tx, ctx, {
          action: 'support_project.import',
          entityType: 'support_project',
          entityId: null,
          after: { count: inserted.length, fileName },
        });
        await publishEvent(tx, ctx, 'applications.history_imported', { count: inserted.length });
      });
      return { dryRun: false, imported: rows.length, errors: [] };
    },
  };
}
