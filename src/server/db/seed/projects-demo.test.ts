import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  fiscalYears,
  projectActivities,
  projectEvaluations,
  projectReports,
  supportProjects,
  surveyResponses,
  surveys,
} from '../schema';
import { createTestContext } from '../../testing/harness';
import { answerWindowDays } from '../../features/projects/projects.evaluation';
import { demoProjectStates } from './projects-demo';

const ctx = await createTestContext();
const db = ctx.database.db;

describe('the FY2024 projects demo', () => {
  it('has every state of the flow, in the documented numbers', async () => {
    const [fy] = await db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));
    const projects = await db.select().from(supportProjects).where(eq(supportProjects.fiscalYearId, fy!.id));
    const reports = await db.select().from(projectReports);
    const count = (status: string) => projects.filter((p) => p.status === status).length;
    const n = Object.fromEntries(demoProjectStates);
    expect(projects).toHaveLength(45);
    expect(count('evaluated')).toBe(n.evaluated);
    expect(count('reported')).toBe(n.reported);
    expect(count('completed')).toBe(n.awaiting_review! + n.overdue!);
    expect(count('in_progress')).toBe(n.in_progress);
    expect(count('planned')).toBe(n.planned);
    expect(reports.filter((r) => r.status === 'submitted')).toHaveLength(n.awaiting_review!);
    expect(reports.filter((r) => r.status === 'approved')).toHaveLength(n.evaluated! + n.reported!);
  });

  it('every evaluating municipality answered that the support helped solve its challenge', async () => {
    const evaluations = (await db.select().from(projectEvaluations)).filter((e) => e.evaluatedAt);
    expect(evaluations.length).toBeGreaterThan(0);
    expect(evaluations.every((e) => e.helped === 'yes')).toBe(true);
    const answers = await db.select().from(surveyResponses);
    for (const e of evaluations) {
      const response = answers.find((a) => a.surveyId === e.surveyId);
      expect(response?.answers.helped).toBe('yes');
    }
  });

  it('gives each evaluation survey the answer window the app gives (60 days), not years', async () => {
    const evaluationSurveys = await db.select().from(surveys).where(eq(surveys.kind, 'post_support'));
    expect(evaluationSurveys.length).toBe(
      Object.fromEntries(demoProjectStates).evaluated! + Object.fromEntries(demoProjectStates).reported!,
    );
    for (const survey of evaluationSurveys) {
      expect(survey.closesAt.getTime() - survey.opensAt.getTime()).toBe(answerWindowDays * 86_400_000);
      // FY2024's evaluations all closed within FY2025 at the latest.
      expect(survey.closesAt.getTime()).toBeLessThan(Date.parse('2026-04-01T00:00:00+09:00'));
    }
  });

  it('keeps every project within the year’s caps (3 onsite days, 10 online hours)', async () => {
    const activities = await db.select().from(projectActivities);
    const byProject = new Map<string, typeof activities>();
    for (const a of activities) byProject.set(a.projectId, [...(byProject.get(a.projectId) ?? []), a]);
    expect(byProject.size).toBeGreaterThan(0);
    for (const list of byProject.values()) {
      expect(new Set(list.filter((a) => a.mode === 'onsite').map((a) => a.date)).size).toBeLessThanOrEqual(3);
      expect(list.filter((a) => a.mode === 'online').reduce((s, a) => s + a.minutes, 0)).toBeLessThanOrEqual(
        600,
      );
    }
  });

  it('the demo is answered by the API: the prefecture sees the overdue reports, outcomes per menu exist', async () => {
    const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
    const res = await ctx.request('GET', '/api/project-reports/overdue', { cookie: admin });
    const body = (await res.json()) as { items: unknown[] };
    expect(body.items.length).toBeGreaterThanOrEqual(Object.fromEntries(demoProjectStates).overdue!);
    const evaluated = (await db.select().from(supportProjects)).filter((p) => p.status === 'evaluated');
    const { byMenu } = await ctx.services.projectsRead.outcomeTallies(evaluated[0]!.prefectureId, {
      menuProposalIds: evaluated.map((p) => p.menuProposalId!),
      organizationIds: [],
    });
    const tallies = [...byMenu.values()];
    expect(tallies.some((t) => t.evaluations > 0)).toBe(true);
    // The document: every evaluating municipality said it helped solve the challenge.
    expect(tallies.every((t) => t.helpedYes === t.helpedAnswers)).toBe(true);
  });
});
