import type {
  Coverage,
  DashboardExportQuery,
  DashboardQuery,
  LeftBehind,
  MaturityDashboard,
  SeminarDashboard,
} from '../../../shared/schemas/dashboards';
import { fiscalYearOf } from '../../../shared/fiscal-year';
import { type RequestContext, requireActor } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, assertAllowed } from '../../platform/errors';
import type { ApplicationsReadPort } from '../applications/applications.ports';
import type { SeminarsReadPort } from '../seminars/seminars.ports';
import type { SurveysReadPort } from '../surveys/surveys.ports';
import { boundariesOf } from './dashboards.boundaries';
import { computeCoverage, coverageYearsWithData } from './dashboards.coverage';
import { type DashboardData, exportFile } from './dashboards.exports';
import { computeLeftBehind } from './dashboards.left-behind';
import { computeMaturity } from './dashboards.maturity';
import { type DashboardViewer, dashboardsPolicy as policy } from './dashboards.policy';
import { createReadModelCache, type DashboardBase, pickYear } from './dashboards.read-model';
import { bumpGeneration, findPrefectureCode } from './dashboards.repository';
import { computeSeminarReach } from './dashboards.seminars';

/** What the dashboards read of other features (app.ts wires them). */
export interface DashboardsPorts {
  applications: ApplicationsReadPort;
  surveys: SurveysReadPort;
  seminars: SeminarsReadPort;
}

const scopeKey = (viewer: DashboardViewer) =>
  viewer.kind === 'municipality' ? `municipality:${viewer.municipalityId}` : viewer.kind;

/**
 * The dashboards: read models over the other features' data, never their tables (ADR 014).
 * Coverage and maturity come from the process's cached base (dashboards.read-model.ts); seminar
 * reach and the left-behind list ask the seminars port on each request.
 */
export function createDashboardsService(deps: ServiceDeps, ports: DashboardsPorts) {
  const { db } = deps;
  const cache = createReadModelCache(db, ports);

  function viewerOf(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const viewer = policy.viewerOf(actor);
    assertAllowed(viewer !== null);
    return { prefectureId: actor.prefectureId, viewer };
  }

  /** The coverage view and its cache key, for the object (exports) or its JSON (the route). */
  async function coverageView(ctx: RequestContext, query: DashboardQuery) {
    const { prefectureId, viewer } = viewerOf(ctx);
    const base = await cache.base(prefectureId, ctx.now);
    const year = pickYear(query.fiscalYear, coverageYearsWithData(base), fiscalYearOf(ctx.now));
    return {
      prefectureId,
      key: `coverage|${scopeKey(viewer)}|${year}`,
      compute: (b: DashboardBase): Coverage => computeCoverage(b, year, viewer),
    };
  }

  async function coverage(ctx: RequestContext, query: DashboardQuery): Promise<Coverage> {
    const v = await coverageView(ctx, query);
    return cache.view(v.prefectureId, ctx.now, v.key, v.compute);
  }

  async function maturityView(ctx: RequestContext, query: DashboardQuery) {
    const { prefectureId, viewer } = viewerOf(ctx);
    // The sharing settings decide what the council and towns see: at most a second old.
    const surveys = await cache.needsSurveys(prefectureId, ctx.now);
    const base = await cache.base(prefectureId, ctx.now);
    const withData = [...new Set([...surveys.map((s) => s.fiscalYear), ...base.needsYears])];
    const year =
      withData.length === 0 && query.fiscalYear === undefined
        ? null
        : pickYear(query.fiscalYear, withData, fiscalYearOf(ctx.now));
    const share = surveys.find((s) => s.fiscalYear === year);
    return {
      prefectureId,
      key: `maturity|${scopeKey(viewer)}|${year}|${share?.id}|${share?.isPublished}|${share?.includeMunicipalityNames}`,
      compute: (b: DashboardBase): MaturityDashboard => computeMaturity(b, year, surveys, viewer),
    };
  }

  async function maturity(ctx: RequestContext, query: DashboardQuery): Promise<MaturityDashboard> {
    const v = await maturityView(ctx, query);
    return cache.view(v.prefectureId, ctx.now, v.key, v.compute);
  }

  async function seminars(ctx: RequestContext, query: DashboardQuery): Promise<SeminarDashboard> {
    const { prefectureId, viewer } = viewerOf(ctx);
    const [base, cells] = await Promise.all([
      cache.base(prefectureId, ctx.now),
      ports.seminars.reachCells(prefectureId),
    ]);
    const year = pickYear(
      query.fiscalYear,
      [...new Set(cells.map((c) => c.fiscalYear))],
      fiscalYearOf(ctx.now),
    );
    return computeSeminarReach(base, cells, year, viewer);
  }

  async function leftBehind(ctx: RequestContext, query: DashboardQuery): Promise<LeftBehind> {
    const { prefectureId, viewer } = viewerOf(ctx);
    assertAllowed(policy.canReadLeftBehind(viewer));
    const [base, cells, surveys, calls, upcomingEvents] = await Promise.all([
      cache.base(prefectureId, ctx.now),
      ports.seminars.reachCells(prefectureId),
      ports.surveys.needsSurveys(prefectureId),
      ports.applications.calls(prefectureId),
      ports.seminars.upcomingEvents(prefectureId, ctx.now),
    ]);
    const withData = [
      ...new Set([...base.coverageYears, ...base.needsYears, ...cells.map((r) => r.fiscalYear)]),
    ];
    const year = pickYear(query.fiscalYear, withData, fiscalYearOf(ctx.now));
    return computeLeftBehind(base, { cells, surveys, calls, upcomingEvents }, year, viewer);
  }

  async function dataOf(ctx: RequestContext, query: DashboardExportQuery): Promise<DashboardData> {
    const q = { fiscalYear: query.fiscalYear };
    switch (query.table) {
      case 'coverage':
      case 'coverage_years':
        return { table: query.table, data: await coverage(ctx, q) };
      case 'maturity':
      case 'maturity_heatmap':
      case 'maturity_trend':
        return { table: query.table, data: await maturity(ctx, q) };
      case 'seminars':
      case 'seminars_regions':
        return { table: query.table, data: await seminars(ctx, q) };
      case 'left_behind':
        return { table: query.table, data: await leftBehind(ctx, q) };
    }
  }

  return {
    coverage,
    maturity,
    /** The coverage view as JSON text, serialized once per data generation. */
    async coverageJson(ctx: RequestContext, query: DashboardQuery): Promise<string> {
      const v = await coverageView(ctx, query);
      return cache.json(v.prefectureId, ctx.now, v.key, v.compute);
    },
    async maturityJson(ctx: RequestContext, query: DashboardQuery): Promise<string> {
      const v = await maturityView(ctx, query);
      return cache.json(v.prefectureId, ctx.now, v.key, v.compute);
    },
    seminars,
    leftBehind,

    /** One dashboard table as a file: the same rows (and the same permissions) as its page. */
    async exportTable(ctx: RequestContext, query: DashboardExportQuery) {
      return exportFile(await dataOf(ctx, query), query.format);
    },

    /** The prefecture's municipality boundaries (TopoJSON text); 404 when none is shipped. */
    async boundaries(ctx: RequestContext): Promise<string> {
      const { prefectureId } = viewerOf(ctx);
      const code = await findPrefectureCode(db, prefectureId);
      const text = code ? boundariesOf(code) : null;
      if (!text) throw new AppError('NOT_FOUND');
      return text;
    },

    /** The figures changed (an event): every process recomputes on its next request. */
    async dataChanged(prefectureId: string, now: Date): Promise<void> {
      await bumpGeneration(db, prefectureId, now);
      cache.forget(prefectureId);
    },
  };
}

export type DashboardsService = ReturnType<typeof createDashboardsService>;
