import { and, eq } from 'drizzle-orm';
import type { CaseStatus } from '../../shared/schemas/cases';
import type { Executor } from '../db/client';
import {
  caseStudies,
  fiscalYears,
  menuProposals,
  organizations,
  projectReports,
  supportProjects,
} from '../db/schema';

/**
 * Test data for the case library (its tests and access cases; never the app): support projects
 * and cases in a chosen state, written straight to the tables so a test starts where it needs.
 */

export interface ProjectFixture {
  id: string;
  prefectureId: string;
  fiscalYearId: string;
  municipalityId: string;
  organizationId: string;
  menuProposalId: string | null;
}

/** The FY2024 demo year and the first selected menu of a company (for a project's menu). */
export async function demoYearAndMenu(db: Executor, organizationId: string) {
  const [fy] = await db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));
  const [menu] = await db
    .select()
    .from(menuProposals)
    .where(
      and(
        eq(menuProposals.fiscalYearId, fy!.id),
        eq(menuProposals.organizationId, organizationId),
        eq(menuProposals.status, 'selected'),
      ),
    )
    .orderBy(menuProposals.title)
    .limit(1);
  return { fiscalYearId: fy!.id, prefectureId: fy!.prefectureId, menu: menu ?? null };
}

/**
 * A support project of a company in a municipality (FY2024, on the company's first menu). By
 * default its delivery is over: status `reported` with an approved completion report carrying
 * `approvedReportTexts` (what a case drafted from it starts from); `withApprovedReport: false`
 * gives a project still planned, without a report.
 */
export async function createSupportProject(
  db: Executor,
  options: {
    municipalityId: string;
    organizationId: string;
    title?: string;
    costThousandYen?: number;
    withApprovedReport?: boolean;
  },
): Promise<ProjectFixture> {
  const withReport = options.withApprovedReport ?? true;
  const { fiscalYearId, prefectureId, menu } = await demoYearAndMenu(db, options.organizationId);
  const [org] = await db.select().from(organizations).where(eq(organizations.id, options.organizationId));
  const [row] = await db
    .insert(supportProjects)
    .values({
      prefectureId,
      fiscalYearId,
      municipalityId: options.municipalityId,
      menuProposalId: menu?.id ?? null,
      organizationId: options.organizationId,
      title: options.title ?? menu?.title ?? '事例確認のプロジェクト',
      companyName: org?.name ?? '',
      costThousandYen: options.costThousandYen ?? 1_200,
      status: withReport ? 'reported' : 'planned',
      source: 'import',
    })
    .returning();
  if (withReport) {
    await db.insert(projectReports).values({
      prefectureId,
      projectId: row!.id,
      status: 'approved',
      ...approvedReportTexts,
      submittedAt: new Date('2025-02-10T01:00:00Z'),
      approvedAt: new Date('2025-02-14T01:00:00Z'),
    });
  }
  return {
    id: row!.id,
    prefectureId,
    fiscalYearId,
    municipalityId: options.municipalityId,
    organizationId: options.organizationId,
    menuProposalId: menu?.id ?? null,
  };
}

/** The texts an approved completion report carries beyond the project's base fields. */
export interface ReportTexts {
  summary: string;
  challenge: string;
  approach: string;
  tools: string;
  effect: string;
}
export const approvedReportTexts: ReportTexts = {
  summary: '庁内の定型業務3件にRPAを試行導入し、職員が自ら保守できる体制を整えた。',
  challenge: '給与・会計の転記作業に毎月40時間かかり、繁忙期に残業が集中していた。',
  approach: '業務の棚卸しで対象を選び、職員と一緒にシナリオを作成。操作研修を2回実施した。',
  tools: 'RPAツール、業務フロー図、操作マニュアル',
  effect: '転記作業が月40時間から8時間に減り、職員2名がシナリオを保守できるようになった。',
};

/** A case about a project, in the given state, with every text filled in. */
export async function insertCase(
  db: Executor,
  project: ProjectFixture,
  options: {
    status?: CaseStatus;
    title?: string;
    effect?: string;
    createdBy?: string | null;
    now?: Date;
  } = {},
) {
  const status = options.status ?? 'draft';
  const now = options.now ?? new Date();
  const [row] = await db
    .insert(caseStudies)
    .values({
      prefectureId: project.prefectureId,
      municipalityId: project.municipalityId,
      fiscalYearId: project.fiscalYearId,
      menuProposalId: project.menuProposalId,
      supportProjectId: project.id,
      organizationId: project.organizationId,
      status,
      title: options.title ?? '窓口のオンライン化で待ち時間を短縮',
      challengeAreas: ['online_procedures'],
      challenge: '窓口の待ち時間が長い。',
      approach: '電子申請フォームを整備した。',
      tools: '電子申請システム',
      costThousandYen: 700,
      effect: options.effect ?? '待ち時間が半分になった。',
      companyName: '確認社',
      submittedAt: status === 'draft' ? null : now,
      publishedAt: status === 'published' || status === 'unpublished' ? now : null,
      createdBy: options.createdBy ?? null,
    })
    .returning();
  return row!;
}
