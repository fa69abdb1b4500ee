/**
 * Every dashboard table as an xlsx workbook (platform/spreadsheet.ts) or CSV (platform/csv.ts,
 * UTF-8 with BOM): one table per file, Japanese headers as in the prefecture's own reports.
 */
import { challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import type {
  Coverage,
  CoverageStatus,
  DashboardReachStatus,
  DashboardTable,
  LeftBehind,
  LeftBehindAction,
  LeftBehindReason,
  MaturityDashboard,
  SeminarDashboard,
} from '../../../shared/schemas/dashboards';
import { toCsv } from '../../platform/csv';
import {
  type ColumnOf,
  type SheetSpec,
  sheetAsCsvLines,
  sheetFrom,
  writeWorkbook,
} from '../../platform/spreadsheet';

const coverageLabels: Record<CoverageStatus, string> = {
  this_year: '当該年度に支援',
  past_two_years: '過去2年度に支援',
  earlier: 'それ以前に支援',
  never: '支援なし',
};
const reachLabels: Record<DashboardReachStatus, string> = {
  reached: '到達',
  registered_only: '申込みのみ',
  none: '',
};
const reasonLabels: Record<LeftBehindReason, string> = {
  never_supported: '支援実績なし',
  never_reached_heads: '首長等がセミナー未到達',
  never_reached_staff: '職員がセミナー未到達',
  low_maturity: '成熟度が低い',
  no_survey_answer: '今年度の調査に未回答',
};
const actionLabels: Record<LeftBehindAction, string> = {
  invite_to_call: '公募への応募を呼びかける',
  invite_to_seminar: 'セミナーに招待する',
  offer_proxy_answer: '代理入力を申し出る',
};

type Place = { code: string; name: string; regionName: string; areaName: string };

/** The first columns of every per-municipality table, in the prefecture's order. */
function placeColumns<T>(placeOf: (row: T) => Place): ColumnOf<T>[] {
  return [
    { header: '団体コード', width: 10, value: (r) => placeOf(r).code },
    { header: '市町村', width: 14, value: (r) => placeOf(r).name },
    { header: '地方', width: 10, value: (r) => placeOf(r).regionName },
    { header: '地域', width: 10, value: (r) => placeOf(r).areaName },
  ];
}

export type DashboardData =
  | { table: 'coverage' | 'coverage_years'; data: Coverage }
  | { table: 'maturity' | 'maturity_heatmap' | 'maturity_trend'; data: MaturityDashboard }
  | { table: 'seminars' | 'seminars_regions'; data: SeminarDashboard }
  | { table: 'left_behind'; data: LeftBehind };

/** The sheet of one dashboard table. */
export function sheetOf(input: DashboardData): SheetSpec {
  switch (input.table) {
    case 'coverage': {
      const { fiscalYear, fiscalYears, municipalities } = input.data;
      return sheetFrom('支援状況', municipalities, [
        ...placeColumns((m: Coverage['municipalities'][number]) => m),
        { header: `状況（${fiscalYear}年度）`, width: 16, value: (m) => coverageLabels[m.status] },
        ...fiscalYears.map((y) => ({
          header: `${y}年度 支援件数`,
          width: 12,
          value: (m: (typeof municipalities)[number]) =>
            m.projectsByYear.find((p) => p.fiscalYear === y)?.projects ?? 0,
        })),
      ]);
    }
    case 'coverage_years':
      return sheetFrom('年度別', input.data.years, [
        { header: '年度', width: 8, value: (y) => y.fiscalYear },
        { header: '支援市町村数', width: 14, value: (y) => y.municipalities },
        { header: '支援件数', width: 10, value: (y) => y.projects },
      ]);
    case 'maturity':
      return sheetFrom('成熟度', input.data.municipalities, [
        ...placeColumns((m: MaturityDashboard['municipalities'][number]) => m),
        { header: '回答', width: 6, value: (m) => (m.answered ? '○' : '') },
        { header: '総合レベル', width: 10, value: (m) => m.overallLevel ?? '' },
        ...challengeAreas.map((a) => ({
          header: challengeAreaLabels[a].ja,
          width: 12,
          value: (m: MaturityDashboard['municipalities'][number]) => m.levels[a] ?? '',
        })),
        {
          header: '支援を希望する分野',
          width: 40,
          value: (m) => m.helpWanted.map((a) => challengeAreaLabels[a].ja).join('、'),
        },
      ]);
    case 'maturity_heatmap':
      return sheetFrom('地方×分野', input.data.heatmap, [
        { header: '地方', width: 10, value: (h) => h.regionName },
        { header: '分野', width: 30, value: (h) => challengeAreaLabels[h.area].ja },
        { header: '平均レベル', width: 10, value: (h) => h.meanLevel ?? '' },
        { header: '支援希望', width: 10, value: (h) => h.helpWanted },
        { header: '回答数', width: 8, value: (h) => h.answered },
      ]);
    case 'maturity_trend':
      return sheetFrom('推移', input.data.trend, [
        { header: '年度', width: 8, value: (t) => t.fiscalYear },
        { header: '回答数', width: 8, value: (t) => t.answered },
        { header: '平均総合レベル', width: 14, value: (t) => t.meanOverall ?? '' },
        ...[1, 2, 3, 4, 5].map((level) => ({
          header: `レベル${level}`,
          width: 8,
          value: (t: MaturityDashboard['trend'][number]) => t.levels[level - 1] ?? 0,
        })),
      ]);
    case 'seminars':
      return sheetFrom('セミナー到達', input.data.municipalities, [
        ...placeColumns((m: SeminarDashboard['municipalities'][number]) => m),
        { header: '首長等', width: 10, value: (m) => reachLabels[m.heads] },
        { header: '職員', width: 10, value: (m) => reachLabels[m.staff] },
      ]);
    case 'seminars_regions':
      return sheetFrom('地方別到達', input.data.byRegion, [
        { header: '地方', width: 10, value: (r) => r.regionName },
        { header: '市町村数', width: 10, value: (r) => r.municipalities },
        { header: '首長等 到達', width: 12, value: (r) => r.heads },
        { header: '職員 到達', width: 12, value: (r) => r.staff },
      ]);
    case 'left_behind':
      return sheetFrom('取り残し', input.data.entries, [
        ...placeColumns((e: LeftBehind['entries'][number]) => e.municipality),
        {
          header: '理由',
          width: 40,
          value: (e) =>
            e.reasons
              .map((r) =>
                r.level === null ? reasonLabels[r.kind] : `${reasonLabels[r.kind]}（レベル${r.level}）`,
              )
              .join('、'),
        },
        {
          header: '次の一手',
          width: 40,
          value: (e) => [...new Set(e.actions.map((a) => actionLabels[a.kind]))].join('、'),
        },
      ]);
  }
}

/** The file of one table: xlsx bytes, or CSV text (BOM, CRLF) with the same header row. */
export async function exportFile(
  input: DashboardData,
  format: 'xlsx' | 'csv',
): Promise<{ body: Uint8Array | string; fileName: string }> {
  const sheet = sheetOf(input);
  const year = 'fiscalYear' in input.data ? input.data.fiscalYear : null;
  const fileName = `dashboard-${input.table}${year === null ? '' : `-${year}`}.${format}`;
  if (format === 'xlsx') return { body: await writeWorkbook([sheet]), fileName };
  return { body: toCsv(sheetAsCsvLines(sheet)), fileName };
}

export type { DashboardTable };
