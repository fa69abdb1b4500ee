import { addDaysToYmd, jstWeekStartOf, parseYmd, toJstDateString } from '../../../shared/fiscal-year';
import type { HomeTask, LocalizedText } from '../../../shared/schemas/fiscal-years';
import type { SurveyKind, SurveySummary } from '../../../shared/schemas/surveys';
import type { HomeTaskProvider } from '../home/home-tasks';
import { surveysPolicy as policy } from './surveys.policy';
import * as repo from './surveys.repository';
import type { SurveysService } from './surveys.service';

const projectSurveyLabels: Partial<Record<SurveyKind, LocalizedText>> = {
  post_support: { ja: '支援の評価アンケート', en: 'Support evaluation surveys' },
  follow_up: { ja: '支援から1年後のアンケート', en: 'One-year follow-up surveys' },
};

/** A date as the home page says it: month and day, with the year when it is not this year's. */
export const monthDay = (ymd: string, locale: 'ja' | 'en', thisYear: number) => {
  const { year, month, day } = parseYmd(ymd);
  const withYear = year !== thisYear;
  if (locale === 'ja') return `${withYear ? `${year}年` : ''}${month}月${day}日`;
  const monthName = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
    month - 1
  ];
  return `${day} ${monthName}${withYear ? ` ${year}` : ''}`;
};

/**
 * The prefecture's per-project surveys (a project's evaluation, its follow-up a year later) as one
 * task per kind and closing week, not one per project: the follow-ups of a year's projects go out
 * on the same day, and dozens of lines would bury every other task. Each links to the survey list
 * narrowed to exactly those surveys.
 */
function projectSurveyGroups(list: SurveySummary[], now: Date): HomeTask[] {
  const thisYear = parseYmd(toJstDateString(now)).year;
  const groups = new Map<string, SurveySummary[]>();
  for (const s of list) {
    if (s.audience !== 'project_municipalities' || !s.isOpen || s.submittedCount >= s.eligibleCount) continue;
    const key = `${s.kind}|${jstWeekStartOf(new Date(s.closesAt))}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups].map(([key, surveys]) => {
    const [kind, week] = key.split('|') as [SurveyKind, string];
    const label = projectSurveyLabels[kind] ?? { ja: 'アンケート', en: 'Surveys' };
    const weekEnd = addDaysToYmd(week, 6);
    const params = new URLSearchParams({
      kind,
      audience: 'project_municipalities',
      closingWeek: week,
      pending: 'true',
    });
    return {
      kind: 'survey_project_group',
      title: {
        ja: `${label.ja}：${surveys.length}件が未回答（${monthDay(week, 'ja', thisYear)}〜${monthDay(weekEnd, 'ja', thisYear)}締切）`,
        en: `${label.en}: ${surveys.length} not answered (closing ${monthDay(week, 'en', thisYear)} – ${monthDay(weekEnd, 'en', thisYear)})`,
      },
      href: `/surveys?${params}`,
      dueAt: surveys.map((s) => s.closesAt).sort()[0]!,
    };
  });
}

/**
 * Municipal users: every open survey their municipality still has to submit, due at its deadline;
 * a draft the prefecture filled for them is shown as "to confirm".
 * Prefecture: each open survey's response rate and how many have not answered, linked to the
 * results page that lists them (and offers proxy answering); per-project surveys grouped (above).
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
      // Open surveys only: the home page's tasks are about what can be answered now.
      const list = await service.list(request, {}, { openOnly: true });
      if (isManager) tasks.push(...projectSurveyGroups(list, request.now));
      for (const s of list) {
        // An English title is optional when a survey is built.
        const titleEn = s.title.en.trim() || s.title.ja;
        if (isManager && s.eligibleCount > 0 && s.audience !== 'project_municipalities') {
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
