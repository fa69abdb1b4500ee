import type { Planner, SupportProject } from '../../../shared/schemas/applications';
import type { Database } from '../../db/client';
import { planCoverage } from '../../domain/allocation';
import { type RequestContext, signedIn } from '../../platform/context';
import { AppError, assertAllowed } from '../../platform/errors';
import { applicationsPolicy as policy } from './applications.policy';
import type { ApplicationsRecords } from './applications.records';
import * as repo from './applications.repository';

/**
 * Support projects as each reader may see them, and the three-year planner: the years each
 * municipality was supported, who never was, and in how many years all would be at a given budget.
 */
export function createApplicationsPlanner({ db, records }: { db: Database; records: ApplicationsRecords }) {
  return {
    async listSupportProjects(
      ctx: RequestContext,
      q: { fiscalYearId?: string | undefined },
    ): Promise<SupportProject[]> {
      const { actor } = signedIn(ctx);
      const scope = policy.supportProjectScope(actor);
      assertAllowed(scope !== null);
      if (q.fiscalYearId && !(await repo.findFiscalYear(db, actor.prefectureId, q.fiscalYearId)))
        throw new AppError('NOT_FOUND');
      const rows = await repo.findSupportProjects(db, actor.prefectureId, {
        ...(q.fiscalYearId ? { fiscalYearIds: [q.fiscalYearId] } : {}),
        ...('municipalityId' in scope ? { municipalityId: scope.municipalityId } : {}),
        ...('organizationId' in scope ? { organizationId: scope.organizationId } : {}),
      });
      const years = new Map((await repo.findFiscalYears(db, actor.prefectureId)).map((y) => [y.id, y.year]));
      const towns = new Map(
        (
          await repo.findMunicipalities(db, actor.prefectureId, [
            ...new Set(rows.map((r) => r.municipalityId)),
          ])
        ).map((m) => [m.id, m.name]),
      );
      return rows.map((r) => ({
        id: r.id,
        fiscalYear: years.get(r.fiscalYearId) ?? 0,
        municipalityId: r.municipalityId,
        municipalityName: towns.get(r.municipalityId) ?? '',
        menuId: r.menuProposalId,
        title: r.title,
        companyName: r.companyName,
        costThousandYen: r.costThousandYen,
        status: r.status,
        source: r.source,
        version: r.version,
      }));
    },

    async planner(
      ctx: RequestContext,
      callId: string,
      q: {
        budgetThousandYen?: number | undefined;
        averageCostThousandYen?: number | undefined;
        totalCapacity?: number | undefined;
      },
    ): Promise<Planner> {
      const { actor } = signedIn(ctx);
      assertAllowed(policy.canPlan(actor));
      const { call, program, fiscalYear } = await records.requireCall(db, actor, callId);
      const menus = [...(await records.menusOf(actor.prefectureId, call.fiscalYearId)).values()];
      const meanCost =
        menus.length > 0
          ? Math.round(menus.reduce((s, m) => s + m.unitCostThousandYen, 0) / menus.length)
          : 1;
      const inputs = {
        budgetThousandYen: q.budgetThousandYen ?? program.budgetThousandYen ?? 0,
        averageCostThousandYen: q.averageCostThousandYen ?? Math.max(1, meanCost),
        totalCapacity: q.totalCapacity ?? menus.reduce((s, m) => s + m.capacity, 0),
      };
      const years = new Map((await repo.findFiscalYears(db, actor.prefectureId)).map((y) => [y.id, y.year]));
      const projects = await repo.findSupportProjects(db, actor.prefectureId, { excludeCancelled: true });
      const towns = await repo.findMunicipalities(db, actor.prefectureId);
      const supported = new Map<string, Set<number>>();
      for (const p of projects) {
        const year = years.get(p.fiscalYearId);
        if (year === undefined) continue;
        const set = supported.get(p.municipalityId) ?? new Set<number>();
        set.add(year);
        supported.set(p.municipalityId, set);
      }
      const municipalities = towns.map((m) => ({
        municipalityId: m.id,
        name: m.name,
        code: m.code,
        supportedYears: [...(supported.get(m.id) ?? [])].sort((a, b) => a - b),
      }));
      // Once the call's allocation is published, its year is decided: the what-if starts the year after.
      const runs = await repo.findRuns(db, actor.prefectureId, [call.id]);
      const fromYear = fiscalYear.year + (runs.some((r) => r.status === 'published') ? 1 : 0);
      const plan = planCoverage({
        municipalities: municipalities.map((m) => ({
          id: m.municipalityId,
          supportedYears: m.supportedYears,
        })),
        fromYear,
        maxProjectsPerMunicipality: call.maxProjectsPerMunicipality,
        ...inputs,
      });
      return {
        fromYear,
        ...inputs,
        municipalities,
        neverSupported: plan.neverSupported,
        projectsPerYear: plan.projectsPerYear,
        yearsUntilAllSupported: plan.yearsUntilAllSupported,
        schedule: plan.schedule,
      };
    },
  };
}
