/**
 * Dashboards (issue 15): read models over support projects, needs surveys and seminar reach.
 *
 * Routes (all under /api, GET only; "staff" = prefecture_admin, or a reviewer of the prefecture's
 * own organization; "council" = council_secretariat of the council; "muni" = municipality_staff /
 * municipality_head; companies get 403 everywhere):
 *
 *   /dashboards/coverage?fiscalYear        staff, council: every municipality; muni: own row
 *                                          (+ the prefecture's yearly counts, which are public figures)
 *   /dashboards/maturity?fiscalYear        staff: every municipality; council: rows only when the
 *                                          year's needs survey is published with municipality names,
 *                                          aggregates otherwise; muni: own row + prefecture-wide
 *                                          distribution and trend (region heatmap only when published)
 *   /dashboards/seminars?fiscalYear        staff, council: every municipality; muni: own row + counts
 *   /dashboards/left-behind?fiscalYear     staff, council (survey-based reasons only when shareable)
 *   /dashboards/export?table&format&fiscalYear   one table as xlsx or CSV, same rules as its page
 *   /dashboards/boundaries                 the prefecture's municipality boundaries (TopoJSON)
 */
import { z } from 'zod';
import { challengeAreaSchema } from '../challenge-areas';

const year = z.number().int();

export const dashboardQuerySchema = z.object({
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** A municipality as every dashboard lists it. `code` is the six-digit 全国地方公共団体コード. */
export const dashboardMunicipalitySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  regionName: z.string(),
  regionNameEn: z.string(),
  areaName: z.string(),
  areaNameEn: z.string(),
});
export type DashboardMunicipality = z.infer<typeof dashboardMunicipalitySchema>;

/** How much of a dashboard the caller sees: every municipality, its own, or aggregates only. */
export const dashboardDetails = ['all', 'own', 'none'] as const;
export type DashboardDetail = (typeof dashboardDetails)[number];

// ---------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------

/**
 * Support status in the selected year: supported that year; in one of the two years before;
 * only earlier; never (up to the selected year).
 */
export const coverageStatuses = ['this_year', 'past_two_years', 'earlier', 'never'] as const;
export type CoverageStatus = (typeof coverageStatuses)[number];

export const coverageSchema = z.object({
  fiscalYear: year,
  fiscalYears: z.array(year),
  detail: z.enum(dashboardDetails),
  municipalityCount: z.number().int(),
  municipalities: z.array(
    dashboardMunicipalitySchema.extend({
      status: z.enum(coverageStatuses),
      /** Support projects per fiscal year (years with none left out). */
      projectsByYear: z.array(z.object({ fiscalYear: year, projects: z.number().int() })),
    }),
  ),
  /** Per fiscal year: municipalities supported and support projects. */
  years: z.array(
    z.object({ fiscalYear: year, municipalities: z.number().int(), projects: z.number().int() }),
  ),
  /** "Every municipality within three years": the three years ending with the selected one. */
  window: z.object({
    fromYear: year,
    toYear: year,
    supported: z.number().int(),
    total: z.number().int(),
    share: z.number(),
  }),
});
export type Coverage = z.infer<typeof coverageSchema>;

// ---------------------------------------------------------------------------
// Maturity and needs
// ---------------------------------------------------------------------------

export const maturityDashboardSchema = z.object({
  fiscalYear: year.nullable(),
  /** Fiscal years that have a needs survey. */
  fiscalYears: z.array(year),
  surveyId: z.string().nullable(),
  detail: z.enum(dashboardDetails),
  municipalities: z.array(
    dashboardMunicipalitySchema.extend({
      answered: z.boolean(),
      overallLevel: z.number().int().nullable(),
      levels: z.record(z.string(), z.number().int()),
      helpWanted: z.array(challengeAreaSchema),
    }),
  ),
  /** Answered municipalities per overall level 1–5; `noLevel`: answered, too little to score. */
  distribution: z.array(z.object({ level: z.number().int(), count: z.number().int() })),
  noLevel: z.number().int(),
  notAnswered: z.number().int(),
  /** Region × challenge area: mean level of the answers, and how many want help there. */
  heatmap: z.array(
    z.object({
      regionName: z.string(),
      regionNameEn: z.string(),
      area: challengeAreaSchema,
      meanLevel: z.number().nullable(),
      helpWanted: z.number().int(),
      answered: z.number().int(),
    }),
  ),
  trend: z.array(
    z.object({
      fiscalYear: year,
      answered: z.number().int(),
      meanOverall: z.number().nullable(),
      /** Counts of overall levels 1–5, in order. */
      levels: z.array(z.number().int()),
    }),
  ),
});
export type MaturityDashboard = z.infer<typeof maturityDashboardSchema>;

// ---------------------------------------------------------------------------
// Seminars
// ---------------------------------------------------------------------------

export const reachStatuses = ['reached', 'registered_only', 'none'] as const;
export type DashboardReachStatus = (typeof reachStatuses)[number];

export const seminarDashboardSchema = z.object({
  fiscalYear: year,
  fiscalYears: z.array(year),
  detail: z.enum(dashboardDetails),
  municipalities: z.array(
    dashboardMunicipalitySchema.extend({
      heads: z.enum(reachStatuses),
      staff: z.enum(reachStatuses),
    }),
  ),
  summary: z.object({
    heads: z.number().int(),
    staff: z.number().int(),
    either: z.number().int(),
    total: z.number().int(),
  }),
  byRegion: z.array(
    z.object({
      regionName: z.string(),
      regionNameEn: z.string(),
      municipalities: z.number().int(),
      heads: z.number().int(),
      staff: z.number().int(),
    }),
  ),
});
export type SeminarDashboard = z.infer<typeof seminarDashboardSchema>;

// ---------------------------------------------------------------------------
// Left behind (誰一人取り残さない)
// ---------------------------------------------------------------------------

export const leftBehindReasons = [
  'never_supported',
  'never_reached_heads',
  'never_reached_staff',
  'low_maturity',
  'no_survey_answer',
] as const;
export type LeftBehindReason = (typeof leftBehindReasons)[number];

export const leftBehindActions = ['invite_to_call', 'invite_to_seminar', 'offer_proxy_answer'] as const;
export type LeftBehindAction = (typeof leftBehindActions)[number];

/** An overall maturity level at or below this counts as low. */
export const lowMaturityLevel = 2;

export const leftBehindSchema = z.object({
  fiscalYear: year,
  fiscalYears: z.array(year),
  /** False for the council when the year's needs survey does not share municipality names. */
  surveyReasonsShown: z.boolean(),
  entries: z.array(
    z.object({
      municipality: dashboardMunicipalitySchema,
      reasons: z.array(z.object({ kind: z.enum(leftBehindReasons), level: z.number().int().nullable() })),
      /** Each a link to the page where the prefecture starts it. */
      actions: z.array(z.object({ kind: z.enum(leftBehindActions), href: z.string() })),
    }),
  ),
  counts: z.array(z.object({ kind: z.enum(leftBehindReasons), count: z.number().int() })),
});
export type LeftBehind = z.infer<typeof leftBehindSchema>;

// ---------------------------------------------------------------------------
// Exports
// ---------------------------------------------------------------------------

export const dashboardTables = [
  'coverage',
  'coverage_years',
  'maturity',
  'maturity_heatmap',
  'maturity_trend',
  'seminars',
  'seminars_regions',
  'left_behind',
] as const;
export type DashboardTable = (typeof dashboardTables)[number];

export const dashboardExportQuerySchema = dashboardQuerySchema.extend({
  table: z.enum(dashboardTables),
  format: z.enum(['xlsx', 'csv']),
});
export type DashboardExportQuery = z.infer<typeof dashboardExportQuerySchema>;
