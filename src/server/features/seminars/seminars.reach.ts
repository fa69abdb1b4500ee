/**
 * Reach per municipality × audience group × fiscal year (computed in domain/seminar-reach.ts),
 * and its workbook for the prefecture.
 */
import type { ReachAudience, ReachReport } from '../../../shared/schemas/seminars';
import { audienceLabels } from '../../../shared/schemas/seminars';
import type { Executor } from '../../db/client';
import { computeReachReport } from '../../domain/seminar-reach';
import type { RequestContext } from '../../platform/context';
import { requireActor } from '../../platform/context';
import { assertAllowed } from '../../platform/errors';
import { type SheetSpec, writeWorkbook } from '../../platform/spreadsheet';
import { seminarsPolicy as policy } from './seminars.policy';
import { loadReachInputs } from './seminars.registrations.repository';
import type { SeminarsModuleDeps } from './seminars.types';

export async function computeReach(
  ex: Executor,
  prefectureId: string,
  fiscalYear: number | null,
): Promise<ReachReport> {
  return computeReachReport({ ...(await loadReachInputs(ex, prefectureId)), fiscalYear });
}

/** The workbook layout: one sheet of cells, one of the never reached, one of totals (Japanese headers). */
export function reachSheets(report: ReachReport): SheetSpec[] {
  const yes = (b: boolean) => (b ? '○' : '');
  const label = (a: ReachAudience) => audienceLabels[a].ja;
  return [
    {
      name: '到達状況',
      columns: [
        { header: '年度', key: 'year', width: 8 },
        { header: '市町村', key: 'municipality', width: 16 },
        { header: '対象', key: 'audience', width: 14 },
        { header: '申込', key: 'registered', width: 8 },
        { header: '出席', key: 'attended', width: 8 },
        { header: 'アーカイブ視聴', key: 'watched', width: 14 },
        { header: '到達', key: 'reached', width: 8 },
      ],
      rows: report.rows.map((r) => ({
        year: r.fiscalYear,
        municipality: r.municipality.name,
        audience: label(r.audience),
        registered: yes(r.registered),
        attended: yes(r.attended),
        watched: yes(r.watchedArchive),
        reached: yes(r.isReached),
      })),
    },
    {
      name: '未到達',
      columns: [
        { header: '対象', key: 'audience', width: 14 },
        { header: '区分', key: 'scope', width: 12 },
        { header: '市町村', key: 'municipality', width: 16 },
        { header: '備考', key: 'note', width: 12 },
      ],
      rows: report.neverReached.flatMap((n) =>
        (['thisYear', 'allYears'] as const).flatMap((scope) =>
          n[scope].map((m) => ({
            audience: label(n.audience),
            scope: scope === 'thisYear' ? '対象年度' : '全年度',
            municipality: m.name,
            note: m.registeredOnly ? '申込みのみ' : '',
          })),
        ),
      ),
    },
    {
      name: '集計',
      columns: [
        { header: '項目', key: 'item', width: 30 },
        { header: '値', key: 'value', width: 14 },
      ],
      rows: [
        ...report.summary.map((s) => ({ item: `${label(s.audience)}の到達市町村数`, value: s.reached })),
        { item: '到達市町村数（いずれか）', value: report.municipalitiesReached },
        { item: '事業費（千円）', value: report.costThousandYen ?? '' },
        {
          item: '到達1市町村あたり事業費（千円）',
          value: report.costPerMunicipalityReachedThousandYen ?? '',
        },
      ],
    },
  ];
}

export function createSeminarReachModule({ db }: SeminarsModuleDeps) {
  async function reach(ctx: RequestContext, fiscalYear: number | undefined): Promise<ReachReport> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canReadReach(actor));
    const report = await computeReach(db, actor.prefectureId, fiscalYear ?? null);
    if (policy.canManage(actor)) return report;
    // A municipality reads its own rows; the others' names stay with the prefecture.
    return {
      ...report,
      rows: report.rows.filter((r) => r.municipality.id === actor.municipalityId),
      neverReached: [],
    };
  }

  async function reachWorkbook(ctx: RequestContext, fiscalYear: number | undefined): Promise<Uint8Array> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor));
    return writeWorkbook(reachSheets(await computeReach(db, actor.prefectureId, fiscalYear ?? null)));
  }

  return {
    reach,
    reachWorkbook,
    computeReach: (ex: Executor, prefectureId: string, fiscalYear: number | null) =>
      computeReach(ex, prefectureId, fiscalYear),
  };
}
