import type { HomeTask } from '../../../shared/schemas/fiscal-years';
import type { HomeTaskProvider } from '../home/home-tasks';
import { surveysPolicy as policy } from './surveys.policy';
import * as repo from './surveys.repository';
import type { SurveysService } from './surveys.service';

/**
 * Municipal users: every open survey their municipality still has to submit, due at its deadline;
 * a draft the prefecture filled for them is shown as "to confirm".
 * Prefecture: each open survey's response rate and how many have not answered, linked to the
 * results page that lists them (and offers proxy answering).
 * Companies and the council: the needs the municipalities shared (the latest published view),
 * what their menu proposals answer to.
 */
export const openSurveyTasks =
  (service: SurveysService): HomeTaskProvider =>
  async ({ actor, request, deps }) => {
    const tasks: HomeTask[] = [];
    const { prefectureId } = actor;
    // Both asked first: each is a type guard, and the second must not see the first's narrowing.
    const readsShared = policy.canReadShared(actor, prefectureId);
    const isManager = policy.canManage(actor, prefectureId);
    if (actor.municipalityId || isManager) {
      for (const s of await service.list(request, undefined, { openOnly: true })) {
        // An English title is optional when a survey is built.
        const titleEn = s.title.en.trim() || s.title.ja;
        if (isManager && s.eligibleCount > 0) {
          const missing = s.eligibleCount - s.submittedCount;
          const rate = Math.round((s.submittedCount / s.eligibleCount) * 100);
          tasks.push({
            kind: 'survey_response_rate',
            title: {
              ja: `${s.title.ja}：回答 ${s.submittedCount}/${s.eligibleCount}（${rate}%）、未回答 ${missing}件 — 未回答の一覧と代理入力`,
              en: `${titleEn}: ${s.submittedCount} of ${s.eligibleCount} answered (${rate}%), ${missing} not yet — who has not answered, proxy answers`,
            },
            href: `/surveys/${s.id}/results`,
            dueAt: s.closesAt,
          });
        }
        if (!actor.municipalityId || s.myStatus === null || s.myStatus === 'submitted') continue;
        const response = s.myStatus === 'draft' ? await service.getResponse(request, s.id) : null;
        const toConfirm = response?.isProxyDraft === true;
        tasks.push({
          kind: toConfirm ? 'survey_confirm' : 'survey_answer',
          title: toConfirm
            ? {
                ja: `${s.title.ja}：県が代理入力した回答を確認・提出してください`,
                en: `${titleEn}: confirm and submit the answers the prefecture filled in`,
              }
            : { ja: `${s.title.ja}に回答してください`, en: `Answer ${titleEn}` },
          // The answer page; `/surveys/<id>` is no page of the web app.
          href: `/surveys/${s.id}/answer`,
          dueAt: s.closesAt,
        });
      }
    }
    if (readsShared && !isManager) {
      const shared = (await repo.findCurrentSurveys(deps.db, prefectureId)).find(
        (s) => s.kind === 'needs' && s.share.isPublished,
      );
      if (shared)
        tasks.push({
          kind: 'survey_shared_needs',
          title: {
            ja: `市町村のニーズ（${shared.title}の共有結果）を確認する`,
            en: `See the municipalities' needs (shared results of ${shared.titleEn.trim() || shared.title})`,
          },
          href: `/surveys/${shared.id}/shared`,
          dueAt: null,
        });
    }
    return tasks;
  };
