import type { SetupItem, YearCopyItem } from '../../../shared/schemas/fiscal-years';
import type { Database } from '../../db/client';
import { recordAudit } from '../../platform/audit';
import { requireActor } from '../../platform/context';
import type { YearSetupParticipant } from '../fiscal-years/fiscal-years.ports';
import * as repo from './seminars.repository';

const seriesLabel = { ja: 'DXトップセミナーのシリーズ', en: 'DX top seminar series' };

/**
 * The seminars feature's part in preparing a year: each series (title, sessions, cost per
 * session) is copied; its events are not, since dates, speakers and venues are new each year.
 */
export function createSeminarsYearSetup(db: Database): YearSetupParticipant {
  return {
    async previewCopy(prefectureId, from, to): Promise<YearCopyItem[]> {
      const count = (await repo.findSeriesOfYear(db, prefectureId, from.id)).length;
      const there = to ? (await repo.findSeriesOfYear(db, prefectureId, to.id)).length > 0 : false;
      return [
        {
          key: 'seminar_series',
          label: seriesLabel,
          count,
          state: count === 0 ? 'nothing' : there ? 'copied' : 'will_copy',
          detail: {
            ja: '名称・回数・1回あたりの費用を引き継ぎます。各回の日程は新たに登録します。',
            en: 'Title, sessions and cost per session carry over; the events are scheduled anew.',
          },
        },
      ];
    },

    async copyYear(ctx, from, to, programIds): Promise<YearCopyItem[]> {
      const actor = requireActor(ctx);
      const sources = await repo.findSeriesOfYear(db, actor.prefectureId, from.id);
      if (sources.length > 0) {
        await db.transaction(async (tx) => {
          if ((await repo.findSeriesOfYear(tx, actor.prefectureId, to.id)).length > 0) return;
          const fallbackProgram = await repo.findSeminarProgramId(tx, to.id);
          for (const source of sources) {
            const created = await repo.insertSeries(
              tx,
              {
                prefectureId: actor.prefectureId,
                fiscalYearId: to.id,
                programId: (source.programId && programIds.get(source.programId)) ?? fallbackProgram,
                title: source.title,
                costPerSessionThousandYen: source.costPerSessionThousandYen,
                sessionCount: source.sessionCount,
              },
              { userId: actor.userId, now: ctx.now },
            );
            await recordAudit(tx, ctx, {
              action: 'seminar_series.create',
              entityType: 'seminar_series',
              entityId: created.id,
              after: { ...created, copiedFrom: source.id },
            });
          }
        });
      }
      return [
        {
          key: 'seminar_series',
          label: seriesLabel,
          count: sources.length,
          state: sources.length === 0 ? 'nothing' : 'copied',
          detail: { ja: 'シリーズを作成しました。', en: 'Series created.' },
        },
      ];
    },

    async checklist(prefectureId, year): Promise<SetupItem[]> {
      const count = (await repo.findSeriesOfYear(db, prefectureId, year.id)).length;
      return [
        {
          key: 'seminar_series',
          label: seriesLabel,
          state: count > 0 ? 'done' : 'missing',
          detail:
            count > 0
              ? { ja: `${count}件のシリーズがあります。`, en: `${count} series.` }
              : { ja: 'この年度のシリーズがありません。', en: 'This year has no seminar series.' },
          href: '/seminars',
        },
      ];
    },

    async phaseBlockers() {
      return [];
    },
  };
}
