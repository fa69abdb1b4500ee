import type { ChallengeArea } from '../../../shared/challenge-areas';
import type {
  CaseCreate,
  CaseDetail,
  CaseFromProject,
  CasePatch,
  CaseStatus,
} from '../../../shared/schemas/cases';
import type { Database } from '../../db/client';
import { recordAudit } from '../../platform/audit';
import { type Actor, type RequestContext, signedIn } from '../../platform/context';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { casesPolicy as policy } from './cases.policy';
import type { CasesPorts, CasesRecords } from './cases.records';
import * as repo from './cases.repository';

/** Search words: at most five, each cut to 50 characters, so a query stays bounded. */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '')
    .split(/[\s\u3000]+/)
    .map((w) => w.trim().slice(0, 50))
    .filter((w) => w.length > 0)
    .slice(0, 5);
}

/**
 * Drafting and editing cases, and the workflow list: the prefecture drafts for any municipality,
 * a company for its own projects (or from a project's approved completion report); drafts are
 * edited with the version read (409 otherwise) while they are drafts or taken back from the public.
 */
export function createCasesDrafts({
  db,
  ports,
  records,
}: {
  db: Database;
  ports: CasesPorts;
  records: CasesRecords;
}) {
  /** A case the actor may see, or 404: a case they may not see does not exist for them. */
  async function readable(actor: Actor, id: string) {
    const row = await repo.findCase(db, actor.prefectureId, id);
    if (!row || !policy.canRead(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  async function load(actor: Actor, id: string): Promise<CaseDetail | null> {
    const row = await repo.findCase(db, actor.prefectureId, id);
    if (!row || !policy.canRead(actor, row)) return null;
    return records.presentDetail(actor, row, await records.lookups(actor.prefectureId, [row]));
  }

  /** The menu must be one of the prefecture's; its id is checked through the menus port. */
  async function checkMenu(actor: Actor, menuId: string | null | undefined) {
    if (!menuId) return null;
    const [menu] = await ports.menus.menuTitles(actor.prefectureId, [menuId]);
    if (!menu)
      throw fieldError(['menuProposalId'], 'メニューが見つかりません。', 'Menu not found.', 'not_found');
    return menu;
  }

  async function checkMunicipality(actor: Actor, municipalityId: string) {
    const towns = await ports.municipalities.municipalitiesOf(actor.prefectureId);
    if (!towns.some((m) => m.id === municipalityId))
      throw fieldError(
        ['municipalityId'],
        '市町村が見つかりません。',
        'Municipality not found.',
        'not_found',
      );
  }

  async function checkFiscalYear(actor: Actor, fiscalYearId: string) {
    const years = await ports.fiscalYears.yearsOf(actor.prefectureId);
    if (!years.some((y) => y.id === fiscalYearId))
      throw fieldError(['fiscalYearId'], '年度が見つかりません。', 'Fiscal year not found.', 'not_found');
  }

  async function insertDraft(
    ctx: RequestContext & { actor: Actor },
    values: Omit<Parameters<typeof repo.insertCase>[1], 'prefectureId' | 'status'>,
    audit: { action: string; onBehalfOf?: string | null },
  ) {
    const { actor } = ctx;
    const created = await db.transaction(async (tx) => {
      const row = await repo.insertCase(tx, {
        ...values,
        prefectureId: actor.prefectureId,
        status: 'draft',
        createdBy: actor.userId,
        updatedBy: actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await recordAudit(tx, ctx, {
        action: audit.action,
        entityType: 'case_study',
        entityId: row.id,
        after: row,
        onBehalfOf: audit.onBehalfOf ?? null,
      });
      return row;
    });
    return (await load(actor, created.id))!;
  }

  return {
    readable,
    load,

    async listCases(ctx: RequestContext, query: { status?: CaseStatus | undefined; q?: string | undefined }) {
      const { actor } = signedIn(ctx);
      const scope = policy.listScope(actor);
      assertAllowed(scope !== null);
      const rows = await repo.findCases(db, actor.prefectureId, {
        status: query.status,
        words: searchWords(query.q),
        ...('municipalityId' in scope ? { municipalityId: scope.municipalityId, submittedOnly: true } : {}),
        ...('organizationId' in scope ? { organizationId: scope.organizationId } : {}),
      });
      const l = await records.lookups(actor.prefectureId, rows);
      return {
        items: rows.map((r) => records.presentDetail(actor, r, l)),
        can: { create: policy.canCreate(actor) },
      };
    },

    async getCase(ctx: RequestContext, id: string): Promise<CaseDetail> {
      const { actor } = signedIn(ctx);
      const found = await load(actor, id);
      if (!found) throw new AppError('NOT_FOUND');
      return found;
    },

    async createCase(ctx: RequestContext, input: CaseCreate): Promise<CaseDetail> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      assertAllowed(policy.canCreate(actor));
      // Only the prefecture says a case is an illustration rather than a real project's story.
      if (input.isIllustrative) assertAllowed(policy.isAdmin(actor));
      let organizationId: string | null = null;
      if (input.supportProjectId) {
        const project = await ports.supportProjects.supportProjectOf(
          actor.prefectureId,
          input.supportProjectId,
        );
        if (!project)
          throw fieldError(
            ['supportProjectId'],
            '支援プロジェクトが見つかりません。',
            'Support project not found.',
            'not_found',
          );
        assertAllowed(policy.canDraftForProject(actor, project));
        if (project.municipalityId !== input.municipalityId)
          throw fieldError(
            ['municipalityId'],
            '支援プロジェクトの市町村を選んでください。',
            'Choose the municipality of the support project.',
            'project_mismatch',
          );
        organizationId = project.organizationId;
      } else if (!policy.isAdmin(actor)) {
        // A company writes only about its own projects: which one must be said.
        throw fieldError(
          ['supportProjectId'],
          '事例にする支援プロジェクトを選んでください。',
          'Choose the support project the case is about.',
          'required',
        );
      }
      await checkMunicipality(actor, input.municipalityId);
      await checkFiscalYear(actor, input.fiscalYearId);
      await checkMenu(actor, input.menuProposalId);
      return insertDraft(
        signed,
        {
          municipalityId: input.municipalityId,
          fiscalYearId: input.fiscalYearId,
          menuProposalId: input.menuProposalId ?? null,
          supportProjectId: input.supportProjectId ?? null,
          organizationId,
          title: input.title,
          challengeAreas: input.challengeAreas,
          challenge: input.challenge ?? '',
          approach: input.approach ?? '',
          tools: input.tools ?? '',
          costThousandYen: input.costThousandYen ?? null,
          effect: input.effect ?? '',
          companyName: input.companyName ?? '',
          isIllustrative: input.isIllustrative ?? false,
        },
        { action: 'case_study.create', onBehalfOf: input.municipalityId },
      );
    },

    /** A draft pre-filled from the project's approved completion report. */
    async createFromProject(ctx: RequestContext, input: CaseFromProject): Promise<CaseDetail> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      assertAllowed(policy.canCreate(actor));
      const report = await ports.projectReports.approvedReportOf(actor.prefectureId, input.projectId);
      if (!report) {
        const project = await ports.supportProjects.supportProjectOf(actor.prefectureId, input.projectId);
        if (!project) throw new AppError('NOT_FOUND');
        assertAllowed(policy.canDraftForProject(actor, project));
        throw fieldError(
          ['projectId'],
          'このプロジェクトには承認済みの完了報告がありません。',
          'This project has no approved completion report.',
          'no_approved_report',
        );
      }
      if (report.prefectureId !== actor.prefectureId) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canDraftForProject(actor, report));
      const menu = report.menuProposalId
        ? (await ports.menus.menuTitles(actor.prefectureId, [report.menuProposalId]))[0]
        : undefined;
      const areas: ChallengeArea[] = menu?.challengeAreas.length ? menu.challengeAreas : ['dx_strategy'];
      const clip = (text: string, max: number) => text.slice(0, max);
      return insertDraft(
        signed,
        {
          municipalityId: report.municipalityId,
          fiscalYearId: report.fiscalYearId,
          menuProposalId: menu ? menu.id : null,
          supportProjectId: report.projectId,
          organizationId: report.organizationId,
          title: clip(report.title, 120),
          challengeAreas: areas,
          challenge: clip(report.challenge || report.summary, 4000),
          approach: clip(report.approach, 4000),
          tools: clip(report.tools, 1000),
          costThousandYen: report.costThousandYen,
          effect: clip(report.effect, 4000),
          companyName: clip(report.companyName, 200),
          isIllustrative: false,
        },
        { action: 'case_study.create_from_project', onBehalfOf: report.municipalityId },
      );
    },

    async updateCase(ctx: RequestContext, id: string, input: CasePatch): Promise<CaseDetail> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      const row = await readable(actor, id);
      assertAllowed(policy.isDrafter(actor, row));
      if (!policy.canEdit(actor, row))
        throw fieldError(
          ['status'],
          '承認の手続き中または公開中の事例は編集できません。',
          'A case awaiting approval or published cannot be edited.',
          'not_editable',
        );
      // Only the prefecture says a case is an illustration rather than a real project's story.
      if (input.isIllustrative !== undefined) assertAllowed(policy.isAdmin(actor));
      if (input.menuProposalId !== undefined) await checkMenu(actor, input.menuProposalId);
      const { version, ...changes } = input;
      const values = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      return repo.changeCase(db, signed, {
        id,
        version,
        values,
        audit: { action: 'case_study.update', entityType: 'case_study', before: row },
        reload: () => load(actor, id),
      });
    },
  };
}
