import { formatFiscalYear, formatFiscalYearShort } from '../../../shared/fiscal-year';
import type { LocalizedText, SetupItem, YearCopyItem } from '../../../shared/schemas/fiscal-years';
import type { Database } from '../../db/client';
import { recordAudit } from '../../platform/audit';
import { requireActor } from '../../platform/context';
import type { YearRef, YearSetupParticipant } from '../fiscal-years/fiscal-years.ports';
import { findCurrentSurveys, insertSurvey, type SurveyRow } from './surveys.repository';

const needsLabel = { ja: '課題把握アンケート', en: 'Needs survey' };

/** A needs survey addressed to the municipalities: the one the year's plan depends on. */
const isNeedsSurvey = (s: SurveyRow) => s.kind === 'needs' && s.audience === 'municipalities';

/** "令和6年度 …" becomes "令和7年度 …": the labels of the old year in a title, moved to the new one. */
function retitle(title: string, from: number, to: number): string {
  let out = title;
  for (const locale of ['ja', 'en'] as const) {
    out = out.replaceAll(formatFiscalYear(from, locale), formatFiscalYear(to, locale));
    out = out.replaceAll(formatFiscalYearShort(from, locale), formatFiscalYearShort(to, locale));
  }
  return out;
}

function shiftYears(at: Date, years: number): Date {
  const shifted = new Date(at);
  shifted.setUTCFullYear(shifted.getUTCFullYear() + years);
  return shifted;
}

const notPublished: LocalizedText = {
  ja: 'この年度の課題把握アンケートが公開されていません。調査を作成して公開してください。',
  en: 'This year’s needs survey is not published. Create and publish it first.',
};

/**
 * The surveys feature's part in preparing a year: the needs survey is copied as a draft (same
 * questions, window a year later), to be reviewed and published; answers never are.
 */
export function createSurveysYearSetup(db: Database): YearSetupParticipant {
  const needsOf = async (prefectureId: string, year: YearRef) =>
    (await findCurrentSurveys(db, prefectureId, year.id)).filter(isNeedsSurvey);

  return {
    async previewCopy(prefectureId, from, to): Promise<YearCopyItem[]> {
      const count = (await needsOf(prefectureId, from)).length;
      const there = to ? (await needsOf(prefectureId, to)).length > 0 : false;
      return [
        {
          key: 'needs_survey',
          label: needsLabel,
          count,
          state: count === 0 ? 'nothing' : there ? 'copied' : 'will_copy',
          detail: {
            ja: '同じ設問の下書きを作り、回答期間を1年後にします。公開するまで回答できません。回答は引き継ぎません。',
            en: 'A draft with the same questions, its window a year later; nobody can answer until it is published. Answers do not carry over.',
          },
        },
      ];
    },

    async copyYear(ctx, from, to): Promise<YearCopyItem[]> {
      const actor = requireActor(ctx);
      const sources = await needsOf(actor.prefectureId, from);
      const years = to.year - from.year;
      if (sources.length > 0) {
        await db.transaction(async (tx) => {
          if ((await findCurrentSurveys(tx, actor.prefectureId, to.id)).some(isNeedsSurvey)) return;
          for (const source of sources) {
            const created = await insertSurvey(tx, {
              prefectureId: actor.prefectureId,
              fiscalYearId: to.id,
              kind: source.kind,
              audience: source.audience,
              title: retitle(source.title, from.year, to.year),
              titleEn: retitle(source.titleEn, from.year, to.year),
              opensAt: shiftYears(source.opensAt, years),
              closesAt: shiftYears(source.closesAt, years),
              definition: source.definition,
              publishedAt: null,
              createdBy: actor.userId,
              updatedBy: actor.userId,
            });
            await recordAudit(tx, ctx, {
              action: 'survey.create',
              entityType: 'survey',
              entityId: created.id,
              after: { ...created, copiedFrom: source.id },
            });
          }
        });
      }
      return [
        {
          key: 'needs_survey',
          label: needsLabel,
          count: sources.length,
          state: sources.length === 0 ? 'nothing' : 'copied',
          detail: { ja: '下書きとして作成しました。', en: 'Created as a draft.' },
        },
      ];
    },

    async checklist(prefectureId, year): Promise<SetupItem[]> {
      const surveys = await needsOf(prefectureId, year);
      const published = surveys.find((s) => s.publishedAt !== null);
      const draft = surveys.find((s) => s.publishedAt === null);
      return [
        {
          key: 'needs_survey',
          label: { ja: '課題把握アンケートの公開', en: 'Needs survey published' },
          state: published ? 'done' : 'missing',
          detail: published
            ? { ja: `「${published.title}」を公開しています。`, en: `“${published.titleEn}” is published.` }
            : draft
              ? {
                  ja: `「${draft.title}」は下書きです。内容を確かめて公開してください。`,
                  en: `“${draft.titleEn}” is a draft: check it and publish it.`,
                }
              : { ja: 'この年度の課題把握アンケートがありません。', en: 'This year has no needs survey.' },
          href: published
            ? `/surveys/${published.id}/results`
            : draft
              ? `/surveys/${draft.id}/edit`
              : '/surveys',
        },
      ];
    },

    async phaseBlockers(prefectureId, year, kind) {
      if (kind !== 'survey') return [];
      return (await needsOf(prefectureId, year)).some((s) => s.publishedAt !== null)
        ? []
        : [
            {
              short: { ja: '課題把握アンケートが未公開', en: 'the needs survey is not published' },
              detail: notPublished,
            },
          ];
    },
  };
}
