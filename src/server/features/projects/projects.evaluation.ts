/**
 * The municipality's evaluation of a project, through the survey engine: when the report is
 * approved a post-support survey (audience `project_municipalities`) is made for the project and
 * its municipality is asked to answer; the answer makes the project `evaluated` and feeds the
 * outcomes per menu; a year after the evaluation a follow-up survey is sent the same way.
 */
import type { Answers, Section } from '../../../shared/schemas/surveys';
import type { Executor } from '../../db/client';
import { tallyOf } from '../../domain/evaluation-outcomes';
import { recordAudit } from '../../platform/audit';
import type { DomainEvent } from '../../platform/jobs/events';
import { notify } from '../../platform/notifications/notify';
import { composeMail, mailLocaleOf } from '../../platform/mail/templates';
import { type EligibilityProvider, respondentKeyOf } from '../surveys/eligibility';
import { evaluationRequestMail } from './projects.mails';
import type { ApprovedProjectReport, ProjectsReadPort } from './projects.ports';
import { changeStatus, type ProjectsDeps, systemContext } from './projects.records';
import * as repo from './projects.repository';

const option = (value: string, ja: string, en: string) => ({ value, label: { ja, en } });
const scale = ['1', '2', '3', '4', '5'].map((v) => option(v, v, v));

/** The default post-support questionnaire (the prefecture edits it like any survey; later ones copy the latest). */
export const defaultEvaluationDefinition: Section[] = [
  {
    key: 'evaluation',
    title: { ja: '支援の評価', en: 'Evaluation of the support' },
    questions: [
      {
        key: 'satisfaction',
        type: 'scale',
        label: {
          ja: '支援全体の満足度（1: 不満 〜 5: 満足）',
          en: 'Overall satisfaction (1: dissatisfied to 5: satisfied)',
        },
        required: true,
        options: scale,
        rows: [],
      },
      {
        key: 'helped',
        type: 'single_choice',
        label: { ja: '支援は課題の解決に役立ちましたか', en: 'Did the support help solve the challenge?' },
        required: true,
        options: [
          option('yes', '役立った', 'Yes'),
          option('partly', '一部役立った', 'Partly'),
          option('no', '役立たなかった', 'No'),
        ],
        rows: [],
      },
      {
        key: 'what_changed',
        type: 'long_text',
        label: { ja: '支援を受けて何が変わりましたか', en: 'What changed thanks to the support?' },
        required: false,
        options: [],
        rows: [],
      },
      {
        key: 'recommend',
        type: 'single_choice',
        label: {
          ja: 'このメニューを他の市町村に勧めますか',
          en: 'Would you recommend this menu to other municipalities?',
        },
        required: true,
        options: [option('yes', 'はい', 'Yes'), option('no', 'いいえ', 'No')],
        rows: [],
      },
    ],
  },
];

/** The follow-up a year later. */
export const defaultFollowUpDefinition: Section[] = [
  {
    key: 'follow_up',
    title: { ja: '支援から1年後の状況', en: 'One year after the support' },
    questions: [
      {
        key: 'still_in_use',
        type: 'single_choice',
        label: {
          ja: '支援で導入・改善した取組は続いていますか',
          en: 'Is what the support introduced still in use?',
        },
        required: true,
        options: [
          option('yes', '続いている', 'Yes'),
          option('partly', '一部続いている', 'Partly'),
          option('no', '続いていない', 'No'),
        ],
        rows: [],
      },
      {
        key: 'since',
        type: 'long_text',
        label: { ja: 'その後の変化や新たな課題', en: 'Changes and new challenges since' },
        required: false,
        options: [],
        rows: [],
      },
    ],
  },
];

/** How long the municipality has to answer. */
export const answerWindowDays = 60;
const dayMs = 86_400_000;

/** What the answers say, by the default questions' keys (null where the prefecture removed one). */
export function evaluationFigures(answers: Answers) {
  const s = Number(answers.satisfaction);
  const helped = answers.helped;
  const recommend = answers.recommend;
  return {
    satisfaction: Number.isInteger(s) && s >= 1 && s <= 5 ? s : null,
    helped:
      helped === 'yes' || helped === 'partly' || helped === 'no' ? (helped as 'yes' | 'partly' | 'no') : null,
    recommend: recommend === 'yes' ? 1 : recommend === 'no' ? 0 : null,
  };
}

export function createProjectsEvaluation(deps: ProjectsDeps) {
  const { db, config } = deps;

  async function mailTown(
    ex: Executor,
    project: repo.ProjectRow,
    surveyId: string,
    stage: 'evaluation' | 'follow_up',
    closesAt: Date,
    now: Date,
  ) {
    const recipients = await repo.findRecipients(ex, project.prefectureId, {
      municipalityId: project.municipalityId,
      roles: ['municipality_staff', 'municipality_head'],
    });
    for (const r of recipients)
      await notify(ex, {
        prefectureId: project.prefectureId,
        kind: 'projects.evaluation_request',
        recipient: { userId: r.id, email: r.email },
        publicUrl: config.publicUrl,
        now,
        dedupeKey: `projects.evaluation_request:${surveyId}:${r.id}`,
        mail: composeMail(
          evaluationRequestMail,
          {
            recipientName: r.name,
            projectTitle: project.title,
            companyName: project.companyName,
            stage,
            closesAt,
            link: `${config.publicUrl}/surveys/${surveyId}/answer`,
          },
          mailLocaleOf(r.locale),
        ),
      });
  }

  /** On `projects.report_approved`: the project's post-support survey, and the town asked to answer. */
  async function openEvaluation(event: DomainEvent<'projects.report_approved'>, now: Date) {
    if (!event.prefectureId) return;
    const prefectureId = event.prefectureId;
    await db.transaction(async (tx) => {
      const project = await repo.findProject(tx, prefectureId, event.payload.projectId);
      if (!project || (await repo.findEvaluation(tx, project.id))) return;
      const closesAt = new Date(now.getTime() + answerWindowDays * dayMs);
      const surveyId = await deps.surveys.openProjectSurvey(tx, {
        prefectureId,
        fiscalYearId: project.fiscalYearId,
        kind: 'post_support',
        title: `支援の評価：${project.municipalityName}「${project.title}」`,
        titleEn: `Evaluation of the support: ${project.municipalityName}, "${project.title}"`,
        opensAt: now,
        closesAt,
        defaultDefinition: defaultEvaluationDefinition,
        createdBy: event.actorUserId,
      });
      const row = await repo.insertEvaluation(tx, { prefectureId, projectId: project.id, surveyId });
      if (!row) return;
      await recordAudit(tx, systemContext(now, `event:${event.id}`), {
        action: 'project_evaluation.open',
        entityType: 'project_evaluation',
        entityId: row.id,
        prefectureId,
        after: row,
      });
      await mailTown(tx, project, surveyId, 'evaluation', closesAt, now);
    });
  }

  /** On `surveys.response_submitted`: a project's evaluation answered → the project is `evaluated`. */
  async function recordEvaluation(event: DomainEvent<'surveys.response_submitted'>, now: Date) {
    if (!event.prefectureId) return;
    const prefectureId = event.prefectureId;
    const chain = await repo.surveyVersionChain(db, prefectureId, event.payload.surveyId);
    await db.transaction(async (tx) => {
      const evaluation = await repo.findEvaluationBySurvey(tx, prefectureId, chain);
      // Only the post-support survey evaluates (the follow-up is read in the survey's results).
      if (!evaluation || !chain.includes(evaluation.surveyId) || evaluation.evaluatedAt) return;
      const response = await deps.surveys.submittedResponse(tx, prefectureId, event.payload.responseId);
      if (!response) return;
      await repo.lockProject(tx, evaluation.projectId);
      const project = await repo.findProject(tx, prefectureId, evaluation.projectId);
      if (project?.status !== 'reported' || response.municipalityId !== project.municipalityId) return;
      const figures = evaluationFigures(response.answers);
      await repo.updateEvaluation(tx, evaluation.id, { ...figures, evaluatedAt: response.submittedAt });
      const ctx = { ...systemContext(now, `event:${event.id}`), actor: null };
      await changeStatus(tx, ctx, project, 'evaluated');
      await recordAudit(tx, ctx, {
        action: 'project_evaluation.record',
        entityType: 'project_evaluation',
        entityId: evaluation.id,
        prefectureId,
        after: figures,
      });
    });
  }

  /**
   * A year after each evaluation: the follow-up survey and its invitation. Claimed row by row in a
   * transaction (the follow-up id is set with the survey), so a second run creates nothing twice.
   */
  async function sendFollowUps(now: Date): Promise<number> {
    const due = await repo.findDueFollowUps(db, new Date(now.getTime() - 365 * dayMs));
    let sent = 0;
    for (const evaluation of due) {
      await db.transaction(async (tx) => {
        await repo.lockProject(tx, evaluation.projectId);
        const fresh = await repo.findEvaluation(tx, evaluation.projectId);
        if (!fresh || fresh.followUpSurveyId) return;
        const project = await repo.findProject(tx, evaluation.prefectureId, evaluation.projectId);
        if (!project) return;
        const closesAt = new Date(now.getTime() + answerWindowDays * dayMs);
        const surveyId = await deps.surveys.openProjectSurvey(tx, {
          prefectureId: project.prefectureId,
          fiscalYearId: project.fiscalYearId,
          kind: 'follow_up',
          title: `支援から1年後：${project.municipalityName}「${project.title}」`,
          titleEn: `One year after the support: ${project.municipalityName}, "${project.title}"`,
          opensAt: now,
          closesAt,
          defaultDefinition: defaultFollowUpDefinition,
          createdBy: null,
        });
        await repo.updateEvaluation(tx, fresh.id, { followUpSurveyId: surveyId });
        await recordAudit(tx, systemContext(now, 'job:projects.follow_ups'), {
          action: 'project_evaluation.follow_up',
          entityType: 'project_evaluation',
          entityId: fresh.id,
          prefectureId: project.prefectureId,
          after: { followUpSurveyId: surveyId },
        });
        await mailTown(tx, project, surveyId, 'follow_up', closesAt, now);
        sent++;
      });
    }
    return sent;
  }

  return { openEvaluation, recordEvaluation, sendFollowUps };
}

/** The survey engine's `project_municipalities` audience: the one municipality of the survey's project. */
export const projectMunicipalityRespondents: EligibilityProvider = async (ex, survey) => {
  // The survey itself in one query (asked for every survey of every list); its earlier versions
  // only when it is a new version of an edited question set.
  const town =
    (await repo.findSurveyMunicipality(ex, survey.prefectureId, [survey.id])) ??
    (await repo.findSurveyMunicipality(
      ex,
      survey.prefectureId,
      (await repo.surveyVersionChain(ex, survey.prefectureId, survey.id)).slice(1),
    ));
  if (!town) return [];
  return [
    {
      respondentKey: respondentKeyOf.municipality(town.municipalityId),
      municipalityId: town.municipalityId,
      organizationId: null,
      userId: null,
      name: town.name,
    },
  ];
};

/** ProjectsReadPort (projects.ports.ts): approved reports and outcomes per menu. */
export function createProjectsReadPort(db: ProjectsDeps['db']): ProjectsReadPort {
  return {
    async approvedReportOf(prefectureId, projectId): Promise<ApprovedProjectReport | null> {
      const row = await repo.findApprovedReport(db, prefectureId, projectId);
      if (!row) return null;
      const { project, report } = row;
      return {
        projectId: project.id,
        prefectureId: project.prefectureId,
        fiscalYearId: project.fiscalYearId,
        municipalityId: project.municipalityId,
        menuProposalId: project.menuProposalId,
        organizationId: project.organizationId,
        title: project.title,
        companyName: project.companyName,
        costThousandYen: project.costThousandYen,
        summary: report.summary,
        challenge: report.challenge,
        approach: report.approach,
        tools: report.tools,
        effect: report.effect,
        approvedAt: report.approvedAt!,
      };
    },
    async outcomeTallies(prefectureId, ids) {
      const menuProposalIds = [...new Set(ids.menuProposalIds)];
      const organizationIds = [...new Set(ids.organizationIds)];
      const rows = (await repo.findOutcomeRows(db, prefectureId, { menuProposalIds, organizationIds })).map(
        (r) => ({ ...r, evaluated: r.evaluatedAt !== null }),
      );
      return {
        byMenu: new Map(
          menuProposalIds.map((id) => [id, tallyOf(rows.filter((r) => r.menuProposalId === id))]),
        ),
        byCompany: new Map(
          organizationIds.map((id) => [id, tallyOf(rows.filter((r) => r.organizationId === id))]),
        ),
      };
    },
    async outcomeTallyOfYear(prefectureId, fiscalYearId) {
      const rows = await repo.findOutcomeRows(db, prefectureId, { fiscalYearIds: [fiscalYearId] });
      return tallyOf(rows.map((r) => ({ ...r, evaluated: r.evaluatedAt !== null })));
    },
  };
}
