/**
 * Open data: aggregated, non-personal statistics anyone may download without signing in, as CSV
 * (UTF-8 with BOM) and JSON, under CC BY 4.0. Names and columns follow デジタル庁「自治体標準
 * オープンデータセット」 where one fits: files `<全国地方公共団体コード>_<dataset>.csv`, the
 * publisher's 全国地方公共団体コード, ID and 地方公共団体名 first, then the dataset's columns.
 * What is published and why (ADR 015):
 * - support projects: counts per municipality and year (an allocation is published; amounts per
 *   company are not);
 * - seminar reach: per municipality and year, whether its heads and its staff were reached (about
 *   the municipality as an institution; no attendee);
 * - survey maturity: per region (地方) and year, response rate and the distribution of overall
 *   maturity levels, with small-number suppression (counts of 1–2 → "X", and a second cell of
 *   the row when one alone would be recoverable from the row's total);
 * - program budgets: the initial budget (当初予算) of each program and year.
 * Nothing here has a person's name or e-mail address.
 */
import { countBy } from '../../../shared/collections';
import { formatFiscalYearShort } from '../../../shared/fiscal-year';
import { toMunicipalityCode } from '../../../shared/municipality-code';
import {
  type OpenDataCatalog,
  type OpenDatasetId,
  openDataFilePattern,
  openDatasetIds,
} from '../../../shared/schemas/reports';
import { toCsv } from '../../platform/csv';
import { AppError } from '../../platform/errors';
import {
  findDatasetFreshness,
  findFiscalYears,
  findMunicipalities,
  findPrefectureByCode,
  findPrefectures,
  findPrograms,
  type PrefectureRow,
} from './reports.repository';
import type { ReportsModuleDeps } from './reports.types';

/** Counts below this are suppressed in the survey dataset (a cell of 1 or 2 could name a town's answer). */
export const suppressionThreshold = 3;
/** How a suppressed cell is written (the 秘匿 mark of Japanese official statistics). */
export const suppressedMark = 'X';

export const licence = {
  id: 'CC-BY-4.0' as const,
  name: {
    ja: 'クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）',
    en: 'Creative Commons Attribution 4.0 International (CC BY 4.0)',
  },
  url: 'https://creativecommons.org/licenses/by/4.0/deed.ja',
};

type Cell = string | number;
interface Column {
  name: string;
  description: { ja: string; en: string };
}
interface Dataset {
  columns: Column[];
  rows: Cell[][];
}

const datasetTexts: Record<
  OpenDatasetId,
  { title: { ja: string; en: string }; description: { ja: string; en: string } }
> = {
  support_projects: {
    title: {
      ja: 'ICTアドバイザー派遣 支援事業数（市町村別・年度別）',
      en: 'ICT advisor support projects per municipality and year',
    },
    description: {
      ja: '公表された支援先決定と過去の実績に基づく、市町村ごと・年度ごとの支援事業の件数です（中止を除く）。金額は含みません。',
      en: 'Number of support projects per municipality and fiscal year, from published allocations and past records (cancelled ones excluded). No amounts.',
    },
  },
  seminar_reach: {
    title: {
      ja: 'DXトップセミナー 到達状況（市町村別・年度別）',
      en: 'DX top seminar reach per municipality and year',
    },
    description: {
      ja: '首長・副首長等向け、職員向けそれぞれについて、その年度のセミナーが市町村に到達したか（出席または対象のアーカイブ視聴）を1/0で示します。参加者の個人情報は含みません。',
      en: 'Whether the year’s seminars reached each municipality’s heads and deputies, and its staff (attendance or a counting archive view), as 1/0. No attendee data.',
    },
  },
  survey_maturity: {
    title: {
      ja: 'DX課題把握アンケート 回答率と成熟度分布（地方別・年度別）',
      en: 'DX needs survey: response rate and maturity distribution per region and year',
    },
    description: {
      ja: '地方（中通り・会津・浜通り等）ごとの回答率と、総合成熟度（レベル1〜5）別の市町村数です。1〜2の値は「X」で秘匿し、行の合計から逆算できる場合はもう1つのセルも秘匿しています。',
      en: 'Response rate and number of municipalities per overall maturity level (1–5) for each region. Counts of 1–2 are shown as “X”, and one more cell of the row too where the row total would reveal it.',
    },
  },
  program_budget: {
    title: { ja: 'DX関連事業 当初予算額（年度別）', en: 'Initial budget of the DX programs per year' },
    description: {
      ja: '県の市町村DX支援事業ごとの当初予算額（千円）です。未登録の年度は空欄です。',
      en: 'The initial budget (thousand yen) of each municipal-DX program per fiscal year; blank where not recorded.',
    },
  },
};

const col = (name: string, ja: string, en: string): Column => ({ name, description: { ja, en } });
const publisherColumns = [
  col(
    '全国地方公共団体コード',
    '公開する地方公共団体のコード（6桁、検査数字付き）',
    'Code of the publishing local government (6 digits)',
  ),
  col('ID', '行の識別子', 'Row identifier'),
  col('地方公共団体名', '公開する地方公共団体の名称', 'Name of the publishing local government'),
];
const yearColumns = [
  col('年度', '年度（西暦、4月始まり）', 'Fiscal year (April–March, Western year it starts in)'),
  col('年度（和暦）', '年度の和暦表記', 'Fiscal year in the Japanese era'),
];

/** The prefecture's own 全国地方公共団体コード: its two digits, 000, and the check digit (福島県 070009). */
export function publisherCodeOf(prefecture: PrefectureRow): string {
  return toMunicipalityCode(`${prefecture.code.padStart(2, '0')}000`);
}

/**
 * Small-number suppression of one row of counts whose total is published: counts of 1 to
 * threshold−1 become "X"; if exactly one cell is suppressed, the smallest other cell is too, so
 * the total cannot give it back.
 */
export function suppressRow(counts: number[], threshold = suppressionThreshold): Cell[] {
  const hidden = new Set(counts.flatMap((n, i) => (n > 0 && n < threshold ? [i] : [])));
  if (hidden.size === 1) {
    const candidates = counts.map((n, i) => ({ n, i })).filter(({ i }) => !hidden.has(i));
    candidates.sort((a, b) => a.n - b.n || a.i - b.i);
    if (candidates[0]) hidden.add(candidates[0].i);
  }
  return counts.map((n, i) => (hidden.has(i) ? suppressedMark : n));
}

export function createReportsOpenData({ db, ports }: ReportsModuleDeps) {
  async function build(prefecture: PrefectureRow, id: OpenDatasetId): Promise<Dataset> {
    const pid = prefecture.id;
    const code = publisherCodeOf(prefecture);
    const lead = (rowId: string): Cell[] => [code, rowId, prefecture.name];
    const years = await findFiscalYears(db, pid);
    const towns = await findMunicipalities(db, pid);
    const townColumns = [
      col('市区町村コード', '市町村の全国地方公共団体コード（6桁）', 'Municipality code (6 digits)'),
      col('市区町村名', '市町村の名称', 'Municipality name'),
    ];

    switch (id) {
      case 'support_projects': {
        const projects = (await ports.support.supportProjects(pid)).filter((p) => p.status !== 'cancelled');
        const rows: Cell[][] = [];
        for (const fy of years) {
          const ofYear = projects.filter((p) => p.fiscalYearId === fy.id);
          if (ofYear.length === 0) continue;
          const countOf = countBy(ofYear, (p) => p.municipalityId);
          for (const t of towns) {
            const count = countOf.get(t.id) ?? 0;
            rows.push([
              ...lead(`${fy.year}-${t.code}`),
              fy.year,
              formatFiscalYearShort(fy.year, 'ja'),
              t.code,
              t.name,
              count,
            ]);
          }
        }
        return {
          columns: [
            ...publisherColumns,
            ...yearColumns,
            ...townColumns,
            col('支援事業数', '中止を除く支援事業の件数', 'Support projects (cancelled excluded)'),
          ],
          rows,
        };
      }
      case 'seminar_reach': {
        const reach = await ports.reach.reachOf(pid, null);
        const reached = new Set(
          reach.rows
            .filter((r) => r.isReached)
            .map((r) => `${r.fiscalYear}|${r.audience}|${r.municipality.id}`),
        );
        const rows: Cell[][] = [];
        for (const fy of years) {
          if (!reach.rows.some((r) => r.fiscalYear === fy.year)) continue;
          for (const t of towns) {
            rows.push([
              ...lead(`${fy.year}-${t.code}`),
              fy.year,
              formatFiscalYearShort(fy.year, 'ja'),
              t.code,
              t.name,
              reached.has(`${fy.year}|heads|${t.id}`) ? 1 : 0,
              reached.has(`${fy.year}|staff|${t.id}`) ? 1 : 0,
            ]);
          }
        }
        return {
          columns: [
            ...publisherColumns,
            ...yearColumns,
            ...townColumns,
            col(
              '首長・副首長等向け到達',
              '1：到達、0：未到達',
              '1 reached, 0 not reached (heads and deputies)',
            ),
            col('職員向け到達', '1：到達、0：未到達', '1 reached, 0 not reached (staff)'),
          ],
          rows,
        };
      }
      case 'survey_maturity': {
        const regions = [...new Map(towns.map((t) => [t.regionId, t])).values()].sort(
          (a, b) => a.regionOrder - b.regionOrder || a.regionName.localeCompare(b.regionName, 'ja'),
        );
        const regionOf = new Map(towns.map((t) => [t.id, t.regionId]));
        const rows: Cell[][] = [];
        for (const fy of years) {
          const outcome = await ports.needs.needsSurveyOutcome(pid, fy.id);
          if (!outcome) continue;
          for (const region of regions) {
            const asked = outcome.eligibleMunicipalityIds.filter((m) => regionOf.get(m) === region.regionId);
            const answered = outcome.profiles.filter(
              (p) => regionOf.get(p.municipalityId) === region.regionId,
            );
            const levels = [1, 2, 3, 4, 5].map(
              (level) => answered.filter((p) => p.overallLevel === level).length,
            );
            const unscored = answered.filter((p) => p.overallLevel === null).length;
            const rate = asked.length === 0 ? '' : Math.round((answered.length / asked.length) * 1000) / 10;
            rows.push([
              ...lead(`${fy.year}-${region.regionName}`),
              fy.year,
              formatFiscalYearShort(fy.year, 'ja'),
              region.regionName,
              asked.length,
              answered.length,
              rate,
              ...suppressRow([...levels, unscored]),
            ]);
          }
        }
        return {
          columns: [
            ...publisherColumns,
            ...yearColumns,
            col('地方', '地方（中通り・会津・浜通り 等）', 'Region'),
            col('対象市町村数', 'アンケートの対象となった市町村数', 'Municipalities asked'),
            col('回答市町村数', '回答を提出した市町村数', 'Municipalities that answered'),
            col('回答率（％）', '回答市町村数÷対象市町村数', 'Response rate (%)'),
            ...[1, 2, 3, 4, 5].map((l) =>
              col(
                `成熟度レベル${l}`,
                `総合成熟度がレベル${l}の市町村数（X：秘匿）`,
                `Municipalities at overall level ${l} (X: suppressed)`,
              ),
            ),
            col(
              '成熟度算定不能',
              '総合成熟度を算定できない回答の数（X：秘匿）',
              'Answers without an overall level (X: suppressed)',
            ),
          ],
          rows,
        };
      }
      case 'program_budget': {
        const programs = await findPrograms(db, pid);
        return {
          columns: [
            ...publisherColumns,
            ...yearColumns,
            col('事業名', '事業の名称', 'Program name'),
            col(
              '当初予算額（千円）',
              '当初予算額（千円）。未登録は空欄',
              'Initial budget (thousand yen); blank if not recorded',
            ),
          ],
          rows: programs.map((p) => [
            ...lead(`${p.year}-${p.kind}`),
            p.year,
            formatFiscalYearShort(p.year, 'ja'),
            p.name,
            p.budgetThousandYen ?? '',
          ]),
        };
      }
    }
  }

  const attributionOf = (prefecture: PrefectureRow) => ({
    ja: `出典：${prefecture.name}「市町村DX支援 オープンデータ」（Kakehashi）`,
    en: `Source: ${prefecture.nameEn}, municipal DX support open data (Kakehashi)`,
  });
  const fileBase = (prefecture: PrefectureRow, id: OpenDatasetId) => `${publisherCodeOf(prefecture)}_${id}`;

  /** Every prefecture's datasets: what the public listing page shows. */
  async function openDataCatalog(): Promise<OpenDataCatalog> {
    const catalogs = [];
    for (const prefecture of await findPrefectures(db)) {
      const freshness = await findDatasetFreshness(db, prefecture.id);
      const datasets = [];
      for (const id of openDatasetIds) {
        const data = await build(prefecture, id);
        datasets.push({
          id,
          ...datasetTexts[id],
          columns: data.columns,
          rowCount: data.rows.length,
          updatedAt: freshness[id]?.toISOString() ?? null,
          files: { csv: `${fileBase(prefecture, id)}.csv`, json: `${fileBase(prefecture, id)}.json` },
        });
      }
      catalogs.push({
        publisher: { code: publisherCodeOf(prefecture), name: prefecture.name, nameEn: prefecture.nameEn },
        licence,
        attribution: attributionOf(prefecture),
        datasets,
      });
    }
    return { catalogs };
  }

  /** One file by its published name; anything else is 404. */
  async function openDataFile(
    fileName: string,
    now: Date,
  ): Promise<{ fileName: string; format: 'csv' | 'json'; body: string }> {
    const match = openDataFilePattern.exec(fileName);
    const dataset = match?.[2] as OpenDatasetId | undefined;
    if (!match || !dataset || !(openDatasetIds as readonly string[]).includes(dataset)) {
      throw new AppError('NOT_FOUND');
    }
    const prefecture = await findPrefectureByCode(db, match[1]!.slice(0, 2));
    if (!prefecture || publisherCodeOf(prefecture) !== match[1]) throw new AppError('NOT_FOUND');
    const data = await build(prefecture, dataset);
    const format = match[3] as 'csv' | 'json';
    if (format === 'csv') {
      return { fileName, format, body: toCsv([data.columns.map((c) => c.name), ...data.rows]) };
    }
    const freshness = await findDatasetFreshness(db, prefecture.id);
    const names = data.columns.map((c) => c.name);
    return {
      fileName,
      format,
      body: JSON.stringify(
        {
          dataset: dataset,
          title: datasetTexts[dataset].title,
          description: datasetTexts[dataset].description,
          publisher: { code: publisherCodeOf(prefecture), name: prefecture.name, nameEn: prefecture.nameEn },
          licence,
          attribution: attributionOf(prefecture),
          updatedAt: freshness[dataset]?.toISOString() ?? null,
          generatedAt: now.toISOString(),
          columns: data.columns,
          rows: data.rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? null]))),
        },
        null,
        2,
      ),
    };
  }

  return { openDataCatalog, openDataFile };
}
