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
import { loadReachInputs, reachInputsFingerprint } from './seminars.registrations.repository';
import type { SeminarsModuleDeps } from './seminars.types';

/**
 * Reach reports kept per database handle and prefecture with the fingerprint of their inputs
 * (ADR 014). The fingerprint is one statement read on every call, so a change made through any
 * process shows at once; the five input queries and the computation are skipped while nothing
 * changed. A town's home page and profile, the dashboards and the reach page all ask for it.
 */
const reachCaches = new WeakMap<
  Executor,
  Map<string, { fingerprint: string; reports: Map<number | null, ReachReport> }>
>();
const REACH_CACHE_PREFECTURES = 64;
/** The workbook of a kept report, written once (exceljs takes tens of milliseconds). */
const workbooks = new WeakMap<ReachReport, Promise<Uint8Array>>();

export async function computeReach(
  ex: Executor,
  prefectureId: string,
  fiscalYear: number | null,
): Promise<ReachReport> {
  let cache = reachCaches.get(ex);
  if (!cache) {
    cache = new Map();
    reachCaches.set(ex, cache);
  }
  const fingerprint = await reachInputsFingerprint(ex, prefectureId);
  let entry = cache.get(prefectureId);
  if (entry?.fingerprint !== fingerprint) {
    cache.delete(prefectureId);
    if (cache.size >= REACH_CACHE_PREFECTURES) cache.delete(cache.keys().next().value!);
    entry = { fingerprint, reports: new Map() };
    cache.set(prefectureId, entry);
  }
  let report = entry.reports.get(fiscalYear);
  if (!report) {
    report = computeReachReport({ ...(await loadReachInputs(ex, prefectureId)), fiscalYear });
    entry.reports.set(fiscalYear, report);
  }
  return report;
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

export function createSeminarReachModule({ db, reachSnapshots }: SeminarsModuleDeps) {
  async function reach(ctx: RequestContext, fiscalYear: number | undefined): Promise<ReachReport> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canReadReach(actor));
    const isManager = policy.canManage(actor);
    // Until the next write not even the inputs' fingerprint is read again (platform/snapshots.ts).
    const scope = isManager ? 'all' : actor.municipalityId;
    return reachSnapshots.get(`${actor.prefectureId}|${fiscalYear ?? ''}|${scope}`, ctx.now, async () => {
      const report = await computeReach(db, actor.prefectureId, fiscalYear ?? null);
      if (isManager) return report;
      // A municipality reads its own rows; the others' names stay with the prefecture.
      return {
        ...report,
        rows: report.rows.filter((r) => r.municipality.id === actor.municipalityId),
        neverReached: [],
      };
    });
  }

  async function reachWorkbook(ctx: RequestContext, fiscalYear: number | undefined): Promise<Uint8Array> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor));
    // The prefecture's kept report (as `reach` keeps it), laid out once per report.
    const report = await reachSnapshots.get(`${actor.prefectureId}|${fiscalYear ?? ''}|all`, ctx.now, () =>
      computeReach(db, actor.prefectureId, fiscalYear ?? null),
    );
    let workbook = workbooks.get(report);
    if (!workbook) {
      workbook = writeWorkbook(reachSheets(report));
      workbooks.set(report, workbook);
    }
    return workbook;
  }

  return {
    reach,
    reachWorkbook,
    computeReach: (ex: Executor, prefectureId: string, fiscalYear: number | null) =>
      computeReach(ex, prefectureId, fiscalYear),
  };
}
