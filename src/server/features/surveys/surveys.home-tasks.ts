import type { SurveysService } from './surveys.service';
import type { HomeTaskProvider } from '../home/home-tasks';

/**
 * Municipal users: every open survey their municipality still has to submit, due at its deadline;
 * a draft the prefecture filled for them is shown as "to confirm".
 */
export const openSurveyTasks =
  (service: SurveysService): HomeTaskProvider =>
  async ({ actor, request }) => {
    if (!actor.municipalityId) return [];
    const open = (await service.list(request)).filter(
      (s) => s.isOpen && s.myStatus !== null && s.myStatus !== 'submitted',
    );
    const tasks = [];
    for (const s of open) {
      const response = s.myStatus === 'draft' ? await service.getResponse(request, s.id) : null;
      const toConfirm = response?.isProxyDraft === true;
      // An English title is optional when a survey is built.
      const titleEn = s.title.en.trim() || s.title.ja;
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
    return tasks;
  };
