import { challengeAreaLabels, challengeAreas } from '../../../shared/challenge-areas';
import type { SurveysDeps } from './surveys.service';
import { toJstDateTimeString } from '../../../shared/fiscal-year';
import { HELP_WANTED_KEY } from '../../domain/needs-profile';
import type { RequestContext } from '../../platform/context';
import { toCsv } from '../../platform/csv';
import { type SheetSpec, writeWorkbook } from '../../platform/spreadsheet';
import { allQuestions } from './answers';
import { loadForResults } from './surveys.common';
import { createSurveyReminders } from './surveys.reminders';
import { type RawCell, rawAnswerTable } from './surveys.raw-answers';
import { findSubmittedWithPlace } from './surveys.repository';
import { createSurveyResults } from './surveys.results';
import type { SurveysService } from './surveys.service';
import { createSurveySharing } from './surveys.sharing';
import { createSurveyVoices } from './surveys.voices';

export { answerText, NOT_APPLICABLE } from './surveys.raw-answers';
export { populationBand } from '../../domain/crosstab';

const crosstabSheetLabels = {
  area: '地域別',
  region: '地方別',
  kind: '市町村区分別',
  population_band: '人口規模別',
} as const;

/** A raw-answer cell as CSV text: the submission time in Japan time, numbers as written digits. */
function csvCell(value: RawCell): string | number {
  if (value instanceof Date) return toJstDateTimeString(value);
  return value ?? '';
}

/**
 * The result views besides the service's own: crosstabs, voices, the xlsx and CSV exports,
 * reminders and sharing. Takes the service for the results the xlsx workbook lays out.
 */
export function createSurveysExports(deps: SurveysDeps, service: SurveysService) {
  const { db } = deps;
  const results = createSurveyResults(deps);

  async function rawTableOf(surveyId: string, sections: Parameters<typeof rawAnswerTable>[0]) {
    return rawAnswerTable(sections, await findSubmittedWithPlace(db, surveyId));
  }

  /** Every result table and the raw answers, one sheet each, Japanese headers. */
  async function xlsx(ctx: RequestContext, id: string): Promise<{ fileName: string; bytes: Uint8Array }> {
    const { survey } = await loadForResults(db, ctx, id);
    const sections = survey.definition;
    const raw = await rawTableOf(id, sections);
    const summary = await service.results(ctx, id);
    const sheets: SheetSpec[] = [
      { name: '回答一覧', columns: raw.columns, rows: raw.data },
      {
        name: '設問別集計',
        columns: [
          { header: '設問キー', key: 'key', width: 20 },
          { header: '設問', key: 'label', width: 40 },
          { header: '選択肢', key: 'option', width: 30 },
          { header: '件数', key: 'count', width: 8 },
          { header: '回答数', key: 'respondents', width: 8 },
        ],
        rows: summary.questions.flatMap((q) =>
          q.counts.map((c) => ({
            key: q.key,
            label: q.label.ja,
            option: c.label.ja,
            count: c.count,
            respondents: q.respondentCount,
          })),
        ),
      },
      {
        name: '成熟度',
        columns: [
          { header: '市町村名', key: 'name', width: 14 },
          { header: '総合レベル', key: 'overall', width: 10 },
          ...challengeAreas.map((a) => ({ header: challengeAreaLabels[a].ja, key: a, width: 14 })),
          { header: '支援希望分野', key: 'help', width: 40 },
        ],
        rows: summary.heatmap.map((h) => ({
          name: h.municipalityName,
          overall: h.overallLevel ?? '',
          ...Object.fromEntries(challengeAreas.map((a) => [a, h.levels[a] ?? ''])),
          help: h.helpWanted.map((a) => challengeAreaLabels[a].ja).join('、'),
        })),
      },
      {
        name: '未回答',
        columns: [
          { header: '名称', key: 'name', width: 20 },
          { header: '状態', key: 'status', width: 12 },
        ],
        rows: summary.nonResponders.map((n) => ({
          name: n.name,
          status: n.status === 'draft' ? '回答中（未提出）' : '未着手',
        })),
      },
      {
        name: '前年比較',
        columns: [
          { header: '設問', key: 'label', width: 40 },
          { header: '選択肢', key: 'option', width: 30 },
          { header: '前年度', key: 'previous', width: 10 },
          { header: '今年度', key: 'current', width: 10 },
        ],
        rows: summary.yearOverYear.flatMap((y) =>
          y.current.map((c) => ({
            label: y.label.ja,
            option: c.label.ja,
            previous: y.previous.find((p) => p.value === c.value)?.count ?? 0,
            current: c.count,
          })),
        ),
      },
    ];
    if (allQuestions(sections).some((q) => q.key === HELP_WANTED_KEY)) {
      for (const by of ['area', 'region', 'kind', 'population_band'] as const) {
        const table = await results.crosstab(ctx, id, { questionKey: HELP_WANTED_KEY, by });
        const byLabel = crosstabSheetLabels[by];
        sheets.push({
          name: `支援希望_${byLabel}`,
          columns: [
            { header: byLabel.replace('別', ''), key: 'group', width: 16 },
            { header: '回答数', key: 'n', width: 8 },
            ...table.options.map((o) => ({ header: o.label.ja, key: o.value, width: 14 })),
          ],
          rows: table.groups.map((g) => ({
            group: g.label.ja,
            n: g.respondentCount,
            ...table.cells[g.value],
          })),
        });
      }
    }
    return { fileName: `${survey.title}.xlsx`, bytes: await writeWorkbook(sheets) };
  }

  /** The raw answers as CSV; toCsv gives the one byte-order mark Excel needs to read UTF-8. */
  async function csv(ctx: RequestContext, id: string): Promise<{ fileName: string; text: string }> {
    const { survey } = await loadForResults(db, ctx, id);
    const raw = await rawTableOf(id, survey.definition);
    const lines = [
      raw.columns.map((c) => c.header),
      ...raw.data.map((r) => raw.columns.map((c) => csvCell(r[c.key] ?? null))),
    ];
    return { fileName: `${survey.title}.csv`, text: toCsv(lines) };
  }

  return {
    crosstab: results.crosstab,
    ...createSurveyVoices(deps),
    xlsx,
    csv,
    ...createSurveyReminders(deps, results),
    ...createSurveySharing(deps),
  };
}

export type SurveysExports = ReturnType<typeof createSurveysExports>;
