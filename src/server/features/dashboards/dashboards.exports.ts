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
import { type SheetSpec, writeWorkbook } from '../../platform/spreadsheet';

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

const place = [
  { header: '団体コード', key: 'code', width: 10 },
  { header: '市町村', key: 'name', width: 14 },
  { header: '地方', key: 'region', width: 10 },
  { header: '地域', key: 'area', width: 10 },
];
const placeOf = (m: { code: string; name: string; regionName: string; areaName: string }) => ({
  code: m.code,
  name: m.name,
  region: m.regionName,
  area: m.areaName,
});

export type DashboardData =
  | { table: 'coverage' | 'coverage_years'; data: Coverage }
  | { table: 'maturity' | 'maturity_heatmap' | 'maturity_trend'; data: MaturityDashboard }
  | { table: 'seminars' | 'seminars_regions'; data: SeminarDashboard }
  | { table: 'left_behind'; data: LeftBehind };

/** The sheet of one dashboard table. */
export function sheetOf(input: DashboardData): SheetSpec {
  switch (input.table) {
    case 'coverage': {
      const years = input.data.fiscalYears;
      return {
        name: '支援状況',
        columns: [
          ...place,
          { header: `状況（${input.data.fiscalYear}年度）`, key: 'status', width: 16 },
          ...years.map((y) => ({ header: `${y}年度 支援件数`, key: `y${y}`, width: 12 })),
        ],
        rows: input.data.municipalities.map((m) => ({
          ...placeOf(m),
          status: coverageLabels[m.status],
          ...Object.fromEntries(
            years.map((y) => [`y${y}`, m.projectsByYear.find((p) => p.fiscalYear === y)?.projects ?? 0]),
          ),
        })),
      };
    }
    case 'coverage_years':
      return {
        name: '年度別',
        columns: [
          { header: '年度', key: 'year', width: 8 },
          { header: '支援市町村数', key: 'municipalities', width: 14 },
          { header: '支援件数', key: 'projects', width: 10 },
        ],
        rows: input.data.years.map((y) => ({
          year: y.fiscalYear,
          municipalities: y.municipalities,
          projects: y.projects,
        })),
      };
    case 'maturity':
      return {
        name: '成熟度',
        columns: [
          ...place,
          { header: '回答', key: 'answered', width: 6 },
          { header: '総合レベル', key: 'overall', width: 10 },
          ...challengeAreas.map((a) => ({ header: challengeAreaLabels[a].ja, key: a, width: 12 })),
          { header: '支援を希望する分野', key: 'help', width: 40 },
        ],
        rows: input.data.municipalities.map((m) => ({
          ...placeOf(m),
          answered: m.answered ? '○' : '',
          overall: m.overallLevel ?? '',
          ...Object.fromEntries(challengeAreas.map((a) => [a, m.levels[a] ?? ''])),
          help: m.helpWanted.map((a) => challengeAreaLabels[a].ja).join('、'),
        })),
      };
    case 'maturity_heatmap':
      return {
        name: '地方×分野',
        columns: [
          { header: '地方', key: 'region', width: 10 },
          { header: '分野', key: 'area', width: 30 },
          { header: '平均レベル', key: 'mean', width: 10 },
          { header: '支援希望', key: 'help', width: 10 },
          { header: '回答数', key: 'answered', width: 8 },
        ],
        rows: input.data.heatmap.map((h) => ({
          region: h.regionName,
          area: challengeAreaLabels[h.area].ja,
          mean: h.meanLevel ?? '',
          help: h.helpWanted,
          answered: h.answered,
        })),
      };
    case 'maturity_trend':
      return {
        name: '推移',
        columns: [
          { header: '年度', key: 'year', width: 8 },
          { header: '回答数', key: 'answered', width: 8 },
          { header: '平均総合レベル', key: 'mean', width: 14 },
          ...[1, 2, 3, 4, 5].map((l) => ({ header: `レベル${l}`, key: `l${l}`, width: 8 })),
        ],
        rows: input.data.trend.map((t) => ({
          year: t.fiscalYear,
          answered: t.answered,
          mean: t.meanOverall ?? '',
          ...Object.fromEntries(t.levels.map((count, i) => [`l${i + 1}`, count])),
        })),
      };
    case 'seminars':
      return {
        name: 'セミナー到達',
        columns: [
          ...place,
          { header: '首長等', key: 'heads', width: 10 },
          { header: '職員', key: 'staff', width: 10 },
        ],
        rows: input.data.municipalities.map((m) => ({
          ...placeOf(m),
          heads: reachLabels[m.heads],
          staff: reachLabels[m.staff],
        })),
      };
    case 'seminars_regions':
      return {
        name: '地方別到達',
        columns: [
          { header: '地方', key: 'region', width: 10 },
          { header: '市町村数', key: 'municipalities', width: 10 },
          { header: '首長等 到達', key: 'heads', width: 12 },
          { header: '職員 到達', key: 'staff', width: 12 },
        ],
        rows: input.data.byRegion.map((r) => ({
          region: r.regionName,
          municipalities: r.municipalities,
          heads: r.heads,
          staff: r.staff,
        })),
      };
    case 'left_behind':
      return {
        name: '取り残し',
        columns: [
          ...place,
          { header: '理由', key: 'reasons', width: 40 },
          { header: '次の一手', key: 'actions', width: 40 },
        ],
        rows: input.data.entries.map((e) => ({
          ...placeOf(e.municipality),
          reasons: e.reasons
            .map((r) =>
              r.level === null ? reasonLabels[r.kind] : `${reasonLabels[r.kind]}（レベル${r.level}）`,
            )
            .join('、'),
          actions: [...new Set(e.actions.map((a) => actionLabels[a.kind]))].join('、'),
        })),
      };
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
  const rows = [
    sheet.columns.map((c) => c.header),
    ...sheet.rows.map((r) => sheet.columns.map((c) => cellText(r[c.key]))),
  ];
  return { body: toCsv(rows), fileName };
}

const cellText = (v: string | number | Date | null | undefined) => (v instanceof Date ? v.toISOString() : v);

export type { DashboardTable };
