/**
 * Every report table as xlsx and CSV (UTF-8 with BOM), with Japanese headers: the budget, a
 * summary sheet, a municipality's profile. The access checks are those of the report itself.
 */
import { formatFiscalYearShort } from '../../../shared/fiscal-year';
import type { BudgetReport, MunicipalityProfile, SummarySheet } from '../../../shared/schemas/reports';
import { toCsv } from '../../platform/csv';
import type { RequestContext } from '../../platform/context';
import { sheetAsCsvLines, writeWorkbook } from '../../platform/spreadsheet';
import { budgetTable } from './reports.budget';
import { profileTables } from './reports.profile';
import { summarySheetTable } from './reports.summary-sheet';
import type { ReportTable } from './reports.types';

export type ReportFormat = 'xlsx' | 'csv';
export interface ReportFile {
  fileName: string;
  format: ReportFormat;
  bytes: Uint8Array | string;
}

/** One CSV of several tables: each table under its name, a blank line between. */
function tablesToCsv(tables: ReportTable[]): string {
  const lines: (string | number | null)[][] = [];
  tables.forEach((t, i) => {
    if (tables.length > 1) {
      if (i > 0) lines.push([]);
      lines.push([`【${t.name}】`]);
    }
    lines.push(...sheetAsCsvLines(t));
  });
  return toCsv(lines);
}

async function toFile(tables: ReportTable[], baseName: string, format: ReportFormat): Promise<ReportFile> {
  if (format === 'csv') return { fileName: `${baseName}.csv`, format, bytes: tablesToCsv(tables) };
  return { fileName: `${baseName}.xlsx`, format, bytes: await writeWorkbook(tables) };
}

interface ReportSources {
  budget(ctx: RequestContext): Promise<BudgetReport>;
  summarySheet(ctx: RequestContext, id: string): Promise<SummarySheet>;
  municipalityProfile(ctx: RequestContext, id: string): Promise<MunicipalityProfile>;
}

export function createReportsExports(sources: ReportSources) {
  return {
    async budgetExport(ctx: RequestContext, format: ReportFormat): Promise<ReportFile> {
      return toFile([budgetTable(await sources.budget(ctx))], '予算執行状況', format);
    },
    async summarySheetExport(ctx: RequestContext, id: string, format: ReportFormat): Promise<ReportFile> {
      const sheet = await sources.summarySheet(ctx, id);
      return toFile(
        [summarySheetTable(sheet)],
        `事業概要_${formatFiscalYearShort(sheet.fiscalYear, 'ja')}_${sheet.programName}`,
        format,
      );
    },
    async profileExport(ctx: RequestContext, id: string, format: ReportFormat): Promise<ReportFile> {
      const profile = await sources.municipalityProfile(ctx, id);
      return toFile(profileTables(profile), `市町村プロフィール_${profile.municipality.name}`, format);
    },
  };
}
