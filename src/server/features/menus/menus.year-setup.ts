import type { LocalizedText, SetupItem, YearCopyItem } from '../../../shared/schemas/fiscal-years';
import type { Database } from '../../db/client';
import { recordAudit } from '../../platform/audit';
import { requireActor } from '../../platform/context';
import type { YearRef, YearSetupParticipant } from '../fiscal-years/fiscal-years.ports';
import * as repo from './menus.repository';

const rubricLabel = { ja: '審査の評価基準', en: 'Review rubric' };

/** Without a saved rubric reviewers cannot score (評価基準がまだ設定されていません), so proposals and review wait for it. */
const noRubric: LocalizedText = {
  ja: 'この年度の評価基準が保存されていません。審査・選定の画面で評価基準を保存してください。',
  en: 'This year has no saved review rubric. Save the rubric on the review page first.',
};

/** Two runs at once: the unique index per year lets one insert; the other has nothing left to do. */
async function ignoringDuplicate(run: () => Promise<void>) {
  try {
    await run();
  } catch (err) {
    const code =
      (err as { code?: unknown; cause?: { code?: unknown } }).code ??
      (err as { cause?: { code?: unknown } }).cause?.code;
    if (code !== '23505') throw err;
  }
}

/** The menus feature's part in preparing a year: the rubric is copied; proposals and reviews never are. */
export function createMenusYearSetup(db: Database): YearSetupParticipant {
  const criteriaCount = async (prefectureId: string, year: YearRef) =>
    (await repo.findSettings(db, prefectureId, year.id))?.criteria.length ?? 0;

  return {
    async previewCopy(prefectureId, from, to): Promise<YearCopyItem[]> {
      const count = await criteriaCount(prefectureId, from);
      const there = to ? (await repo.findSettings(db, prefectureId, to.id)) !== null : false;
      return [
        {
          key: 'rubric',
          label: rubricLabel,
          count,
          state: count === 0 ? 'nothing' : there ? 'copied' : 'will_copy',
          detail: {
            ja: '評価項目と配点を引き継ぎます。提案と審査は引き継ぎません。',
            en: 'Criteria and weights carry over; proposals and reviews do not.',
          },
        },
      ];
    },

    async copyYear(ctx, from, to): Promise<YearCopyItem[]> {
      const actor = requireActor(ctx);
      const source = await repo.findSettings(db, actor.prefectureId, from.id);
      const count = source?.criteria.length ?? 0;
      if (source && count > 0) {
        await ignoringDuplicate(() =>
          db.transaction(async (tx) => {
            // Inside the transaction and behind the unique index per year: a second run finds it and stops.
            if (await repo.findSettings(tx, actor.prefectureId, to.id)) return;
            const created = await repo.insertSettings(tx, {
              prefectureId: actor.prefectureId,
              fiscalYearId: to.id,
              criteria: source.criteria,
              // The deadline is the proposals phase's (one deadline per phase), never a copy here.
              proposalDeadlineAt: null,
              createdBy: actor.userId,
              updatedBy: actor.userId,
            });
            await recordAudit(tx, ctx, {
              action: 'menu_settings.create',
              entityType: 'menu_settings',
              entityId: created.id,
              after: { ...created, copiedFrom: { id: from.id, year: from.year } },
            });
          }),
        );
      }
      return [
        {
          key: 'rubric',
          label: rubricLabel,
          count,
          state: count === 0 ? 'nothing' : 'copied',
          detail: { ja: '評価項目と配点を引き継ぎました。', en: 'Criteria and weights carried over.' },
        },
      ];
    },

    async checklist(prefectureId, year): Promise<SetupItem[]> {
      const href = `/menus/admin?fy=${year.id}`;
      const count = await criteriaCount(prefectureId, year);
      const submitted = await repo.findProposals(db, prefectureId, {
        fiscalYearId: year.id,
        status: ['submitted'],
      });
      const reviews = await repo.findReviews(db, prefectureId, { proposalIds: submitted.map((p) => p.id) });
      const unassigned = submitted.filter(
        (p) => !reviews.some((r) => r.proposalId === p.id && r.status !== 'conflict'),
      );
      return [
        {
          key: 'rubric',
          label: rubricLabel,
          state: count > 0 ? 'done' : 'missing',
          detail:
            count > 0
              ? { ja: `${count}項目の評価基準が保存されています。`, en: `${count} criteria are saved.` }
              : noRubric,
          href,
        },
        {
          key: 'reviewers',
          label: { ja: '審査員の割り当て', en: 'Reviewers assigned' },
          state: submitted.length === 0 ? 'later' : unassigned.length === 0 ? 'done' : 'missing',
          detail:
            submitted.length === 0
              ? { ja: '提出された提案はまだありません。', en: 'No proposal has been submitted yet.' }
              : unassigned.length === 0
                ? {
                    ja: `提出された${submitted.length}件すべてに審査員がいます。`,
                    en: `All ${submitted.length} submitted proposals have reviewers.`,
                  }
                : {
                    ja: `審査員のいない提案が${unassigned.length}件あります。`,
                    en: `${unassigned.length} submitted proposal(s) have no reviewer.`,
                  },
          href,
        },
      ];
    },

    async phaseBlockers(prefectureId, year, kind) {
      if (kind !== 'proposals' && kind !== 'review') return [];
      return (await criteriaCount(prefectureId, year)) > 0
        ? []
        : [{ short: { ja: '評価基準が未保存', en: 'the review rubric is not saved' }, detail: noRubric }];
    },
  };
}
