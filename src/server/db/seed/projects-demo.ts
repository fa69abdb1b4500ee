import { and, asc, eq, inArray } from 'drizzle-orm';
import { addBusinessDays } from '../../../shared/deadlines';
import { jstDate } from '../../../shared/fiscal-year';
import type { SupportProjectStatus } from '../../../shared/schemas/projects';
import { answerWindowDays, defaultEvaluationDefinition } from '../../features/projects/projects.evaluation';
import type { Executor } from '../client';
import {
  advisorProfiles,
  fiscalYears,
  menuProposals,
  municipalities,
  projectActivities,
  projectEvaluations,
  projectPlans,
  projectReports,
  projectSettings,
  projectStatusChanges,
  supportProjects,
  surveyResponses,
  surveys,
  users,
} from '../schema';

/**
 * The delivery of the FY2024 projects (the 45 of the published allocation): every state of the
 * flow, deterministic. In order (西会津町's project running, company A's planned):
 * 27 evaluated (every evaluating municipality answered that the support helped solve its
 * challenge, as the program's report says), 6 reported (evaluation open), 4 completed with the
 * report awaiting review, 3 completed without a report (overdue), 3 in progress, 2 planned.
 * Sessions stay within the year's caps (3 onsite days, 10 online hours) and the menu's.
 */
export const demoProjectStates: readonly [SupportProjectStatus | 'awaiting_review' | 'overdue', number][] = [
  ['evaluated', 27],
  ['reported', 6],
  ['awaiting_review', 4],
  ['overdue', 3],
  ['in_progress', 3],
  ['planned', 2],
];

const flow: SupportProjectStatus[] = ['planned', 'in_progress', 'completed', 'reported', 'evaluated'];

export async function seedProjectsDemo(tx: Executor, prefectureId: string): Promise<void> {
  const [fy] = await tx
    .select()
    .from(fiscalYears)
    .where(and(eq(fiscalYears.prefectureId, prefectureId), eq(fiscalYears.year, 2024)));
  if (!fy) return;
  const [admin] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'admin@pref.example.jp'));
  const [companyA] = await tx
    .select({ id: users.organizationId })
    .from(users)
    .where(eq(users.email, 'advisor@company-a.example.jp'));
  await tx.insert(projectSettings).values({
    prefectureId,
    fiscalYearId: fy.id,
    maxOnsiteDays: 3,
    maxOnlineMinutes: 600,
    reportDueBusinessDays: 10,
    createdBy: admin!.id,
    updatedBy: admin!.id,
  });

  const rows = await tx
    .select({ project: supportProjects, code: municipalities.code, townName: municipalities.name })
    .from(supportProjects)
    .innerJoin(municipalities, eq(municipalities.id, supportProjects.municipalityId))
    .where(and(eq(supportProjects.fiscalYearId, fy.id), eq(supportProjects.source, 'allocation')))
    .orderBy(asc(municipalities.code), asc(supportProjects.title));
  // 西会津町 (a demo town account) gets a running project, so its advisor, the prefecture and the
  // town can walk the whole flow; company A's projects come last (planned).
  const isTown = (r: (typeof rows)[number]) => r.townName === '西会津町';
  const isCompanyA = (r: (typeof rows)[number]) => r.project.organizationId === companyA?.id;
  const rest = rows.filter((r) => !isTown(r) && !isCompanyA(r));
  const firstRunning = 27 + 6 + 4 + 3;
  const ordered = [
    ...rest.slice(0, firstRunning),
    ...rows.filter((r) => isTown(r) && !isCompanyA(r)),
    ...rest.slice(firstRunning),
    ...rows.filter(isCompanyA),
  ];
  const menuIds = [...new Set(ordered.flatMap((r) => r.project.menuProposalId ?? []))];
  const menus = new Map(
    (menuIds.length
      ? await tx.select().from(menuProposals).where(inArray(menuProposals.id, menuIds))
      : []
    ).map((m) => [m.id, m]),
  );
  const profiles = await tx
    .select({ id: advisorProfiles.id, userId: advisorProfiles.userId })
    .from(advisorProfiles)
    .where(eq(advisorProfiles.prefectureId, prefectureId));

  const states = demoProjectStates.flatMap(([state, n]) => Array.from({ length: n }, () => state));
  for (const [i, { project, townName }] of ordered.entries()) {
    const state = states[i] ?? 'planned';
    const menu = project.menuProposalId ? menus.get(project.menuProposalId) : undefined;
    const advisorIds = profiles.filter((p) => menu?.advisorUserIds.includes(p.userId)).map((p) => p.id);
    const by = menu?.advisorUserIds[0] ?? admin!.id;
    await tx.insert(projectPlans).values({
      prefectureId,
      projectId: project.id,
      goals: `${townName}の「${project.title}」を通じて、業務の見直しとデジタル化の定着を図る`,
      sessionsPlanned: 4,
      scheduleFrom: '2024-07-01',
      scheduleTo: '2025-02-28',
      advisorProfileIds: advisorIds,
      createdBy: by,
      updatedBy: by,
    });
    if (state === 'planned') continue;

    // Sessions: onsite menus on site twice then online; online menus online only. Within every cap.
    const sessionCount = state === 'in_progress' ? 2 : 4;
    const isOnline = menu?.format === 'online';
    const dates: string[] = [];
    for (let s = 0; s < sessionCount; s++) {
      const month = 8 + s + (i % 3); // Aug–Jan
      const y = month > 12 ? 2025 : 2024;
      const m = month > 12 ? month - 12 : month;
      dates.push(`${y}-${String(m).padStart(2, '0')}-${String(5 + ((i * 3 + s * 7) % 20)).padStart(2, '0')}`);
    }
    await tx.insert(projectActivities).values(
      dates.map((date, s) => {
        const onsite = !isOnline && s < 2;
        return {
          prefectureId,
          projectId: project.id,
          date,
          mode: onsite ? ('onsite' as const) : ('online' as const),
          minutes: onsite ? 180 : 120,
          headCount: s === 0 ? 1 : 0,
          dxLeadCount: 1,
          staffCount: 2 + ((i + s) % 4),
          done: [
            '現状の業務フローを聞き取り、課題を整理した',
            '改善案とツールの候補を示した',
            '試行の結果を確認し、手順を直した',
            '定着に向けた庁内展開の進め方を話し合った',
          ][s]!,
          nextSteps: s < sessionCount - 1 ? '次回までに担当課で試行する' : '',
          createdBy: by,
          updatedBy: by,
        };
      }),
    );
    const lastDate = dates.at(-1)!;
    const history: { to: SupportProjectStatus; at: Date; by: string | null }[] = [
      { to: 'in_progress', at: jstDate(...ymd(dates[0]!), 18), by },
    ];
    const completedAt = jstDate(...ymd(lastDate), 18);
    if (state !== 'in_progress') history.push({ to: 'completed', at: completedAt, by });

    if (state === 'awaiting_review' || state === 'reported' || state === 'evaluated') {
      const submittedAt = jstDate(...ymd(addBusinessDays(lastDate, 5)), 10);
      const approved = state !== 'awaiting_review';
      const approvedAt = jstDate(...ymd(addBusinessDays(lastDate, 8)), 15);
      await tx.insert(projectReports).values({
        prefectureId,
        projectId: project.id,
        status: approved ? 'approved' : 'submitted',
        summary: `${townName}で「${project.title}」を実施し、対象業務の手順を見直した。`,
        challenge: '紙と手入力に頼る業務が多く、担当者の負担が大きい',
        approach: '業務の棚卸し、改善案の提示、試行と振り返りを4回の支援で行った',
        tools: 'ノーコードツール、電子申請、業務フロー図',
        effect: `対象業務の処理時間を月${10 + (i % 20)}時間削減した`,
        remainingIssues: '他課への横展開と担当者の育成',
        submittedAt,
        approvedAt: approved ? approvedAt : null,
        approvedBy: approved ? admin!.id : null,
        createdBy: by,
        updatedBy: approved ? admin!.id : by,
      });
      if (approved) {
        history.push({ to: 'reported', at: approvedAt, by: admin!.id });
        const [survey] = await tx
          .insert(surveys)
          .values({
            prefectureId,
            fiscalYearId: fy.id,
            kind: 'post_support',
            audience: 'project_municipalities',
            title: `支援の評価：${townName}「${project.title}」`,
            titleEn: `Evaluation of the support: ${townName}, "${project.title}"`,
            opensAt: approvedAt,
            // The window the app itself gives (projects.evaluation.ts): a past year's unanswered
            // evaluations are closed, not open for years on the present home page.
            closesAt: new Date(approvedAt.getTime() + answerWindowDays * 86_400_000),
            definition: defaultEvaluationDefinition,
            createdBy: admin!.id,
            updatedBy: admin!.id,
          })
          .returning({ id: surveys.id });
        const evaluatedAt = jstDate(...ymd(addBusinessDays(lastDate, 20)), 11);
        const evaluated = state === 'evaluated';
        const satisfaction = 4 + (i % 3 === 0 ? 0 : 1);
        await tx.insert(projectEvaluations).values({
          prefectureId,
          projectId: project.id,
          surveyId: survey!.id,
          evaluatedAt: evaluated ? evaluatedAt : null,
          satisfaction: evaluated ? satisfaction : null,
          helped: evaluated ? 'yes' : null,
          recommend: evaluated ? 1 : null,
        });
        if (evaluated) {
          await tx.insert(surveyResponses).values({
            prefectureId,
            surveyId: survey!.id,
            respondentKey: `municipality:${project.municipalityId}`,
            municipalityId: project.municipalityId,
            status: 'submitted',
            answers: {
              satisfaction: String(satisfaction),
              helped: 'yes',
              what_changed: '職員が自分たちで業務を見直せるようになった',
              recommend: 'yes',
            },
            submittedAt: evaluatedAt,
          });
          history.push({ to: 'evaluated', at: evaluatedAt, by: null });
        }
      }
    }
    const finalStatus: SupportProjectStatus = history.at(-1)!.to;
    await tx.insert(projectStatusChanges).values(
      history.map((h, k) => ({
        prefectureId,
        projectId: project.id,
        fromStatus: k === 0 ? ('planned' as const) : history[k - 1]!.to,
        toStatus: h.to,
        changedBy: h.by,
        changedAt: h.at,
      })),
    );
    if (!flow.includes(finalStatus)) throw new Error(`projects demo: unexpected ${finalStatus}`);
    await tx.update(supportProjects).set({ status: finalStatus }).where(eq(supportProjects.id, project.id));
  }
}

function ymd(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}
