/**
 * Reports: the budget by program and year, the program summary sheet (事業概要), a municipality's
 * own profile, and the open data the prefecture publishes without sign-in.
 *
 *   GET /reports/budget                                 prefecture, council   budget, committed, spent
 *   GET /reports/budget/export?format=xlsx|csv          prefecture, council
 *   GET /reports/summary-sheets                         prefecture, council   programs with a sheet
 *   GET /reports/summary-sheets/{id}                    prefecture, council   the sheet of one program
 *   GET /reports/summary-sheets/{id}/export?format=     prefecture, council
 *   GET /reports/municipalities/{id}/profile            prefecture, council, the town itself
 *   GET /reports/municipalities/{id}/profile/export?format=
 *   GET /open-data                                      everyone (no sign-in)  the dataset catalog
 *   GET /open-data/{file}                               everyone               <団体コード>_<dataset>.csv|json
 */
import { z } from '@hono/zod-openapi';
import { challengeAreas } from '../challenge-areas';
import { phaseKinds } from './fiscal-years';

export const reportFormats = ['xlsx', 'csv'] as const;
export const reportExportQuerySchema = z.object({
  format: z.enum(reportFormats).default('xlsx'),
});

const bilingual = z.object({ ja: z.string(), en: z.string() });
const programKinds = ['advisor_dispatch', 'seminar_series', 'other'] as const;
const audiences = ['heads', 'staff'] as const;

// ---------------------------------------------------------------------------
// Budget
// ---------------------------------------------------------------------------

export const budgetRowSchema = z.object({
  fiscalYear: z.number().int(),
  programId: z.string(),
  programKind: z.enum(programKinds),
  programName: z.string(),
  programNameEn: z.string(),
  /** 当初予算 in 千円; null while not recorded. */
  budgetThousandYen: z.number().int().nullable(),
  /** Known costs of what is decided: support projects not cancelled; a seminar series' sessions. */
  committedThousandYen: z.number().int(),
  /** Known costs of what is done: completed projects; seminar sessions already held. */
  spentThousandYen: z.number().int(),
  /** Budget minus committed; null without a budget. */
  remainingThousandYen: z.number().int().nullable(),
  /** Support projects (advisor dispatch) or sessions (seminars). */
  units: z.number().int(),
  /** Projects whose cost is not known (imported history): their cost is not in the sums. */
  unitsWithoutCost: z.number().int(),
  /** Municipalities supported (dispatch) or reached (seminars). */
  municipalities: z.number().int(),
  costPerMunicipalityThousandYen: z.number().nullable(),
  previousBudgetThousandYen: z.number().int().nullable(),
  budgetChangeThousandYen: z.number().int().nullable(),
});
export type BudgetRow = z.infer<typeof budgetRowSchema>;
export const budgetReportSchema = z.object({
  rows: z.array(budgetRowSchema),
  generatedAt: z.string(),
});
export type BudgetReport = z.infer<typeof budgetReportSchema>;

// ---------------------------------------------------------------------------
// Summary sheet (事業概要)
// ---------------------------------------------------------------------------

export const summarySheetListSchema = z.object({
  items: z.array(
    z.object({
      programId: z.string(),
      fiscalYear: z.number().int(),
      programKind: z.enum(programKinds),
      programName: z.string(),
      programNameEn: z.string(),
    }),
  ),
});
export type SummarySheetList = z.infer<typeof summarySheetListSchema>;

export const summaryResultSchema = z.object({
  fiscalYear: z.number().int(),
  /** 'actual' once the year's projects are done (or the year closed); 'planned' before. */
  kind: z.enum(['actual', 'planned']),
  municipalities: z.number().int(),
  projects: z.number().int(),
  /** Seminars: municipalities reached per audience group. */
  heads: z.number().int().nullable(),
  staff: z.number().int().nullable(),
});
export type SummaryResult = z.infer<typeof summaryResultSchema>;

export const summarySheetSchema = z.object({
  programId: z.string(),
  programKind: z.enum(programKinds),
  fiscalYear: z.number().int(),
  programName: z.string(),
  programNameEn: z.string(),
  description: z.string(),
  prefecture: z.object({ name: z.string(), nameEn: z.string() }),
  municipalityCount: z.number().int(),
  results: z.array(summaryResultSchema),
  budget: z.object({
    currentThousandYen: z.number().int().nullable(),
    previousThousandYen: z.number().int().nullable(),
    previousFiscalYear: z.number().int(),
  }),
  schedule: z.array(
    z.object({
      kind: z.enum(phaseKinds),
      startsOn: z.string(),
      endsOn: z.string(),
      note: z.string(),
    }),
  ),
  effects: z.object({
    /** Dispatch: municipalities supported in this and earlier years, all programs of the kind. */
    cumulativeMunicipalities: z.number().int().nullable(),
    firstFiscalYear: z.number().int().nullable(),
    /** Seminars: municipalities reached this year per audience group. */
    seminarReach: z
      .object({ fiscalYear: z.number().int(), heads: z.number().int(), staff: z.number().int() })
      .nullable(),
    /**
     * Dispatch: the municipalities' post-support evaluations (事後アンケート) of this year's projects;
     * rates 0–1 and satisfaction 1–5 are null while nobody answered that question. Null for other programs.
     */
    evaluations: z
      .object({
        projects: z.number().int(),
        evaluations: z.number().int(),
        helpedRate: z.number().nullable(),
        avgSatisfaction: z.number().nullable(),
        recommendRate: z.number().nullable(),
      })
      .nullable(),
  }),
  generatedAt: z.string(),
});
export type SummarySheet = z.infer<typeof summarySheetSchema>;

// ---------------------------------------------------------------------------
// A municipality's own profile
// ---------------------------------------------------------------------------

export const profileYearSchema = z.object({
  fiscalYear: z.number().int(),
  survey: z.object({
    /** A needs survey ran that year. */
    asked: z.boolean(),
    submitted: z.boolean(),
    overallLevel: z.number().nullable(),
    /** Mean over every responding municipality (anonymised); null under three respondents. */
    prefectureOverallAverage: z.number().nullable(),
    respondents: z.number().int(),
    areas: z.array(
      z.object({
        area: z.enum(challengeAreas),
        level: z.number().nullable(),
        prefectureAverage: z.number().nullable(),
      }),
    ),
    helpWantedAreas: z.array(z.enum(challengeAreas)),
  }),
  applications: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      menuCount: z.number().int(),
      submittedAt: z.string().nullable(),
    }),
  ),
  supportProjects: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      companyName: z.string(),
      status: z.string(),
      costThousandYen: z.number().int().nullable(),
    }),
  ),
  seminars: z.array(
    z.object({
      audience: z.enum(audiences),
      registered: z.boolean(),
      attended: z.boolean(),
      watchedArchive: z.boolean(),
      reached: z.boolean(),
      /** Share of the prefecture's municipalities reached in this group (0–1), no names. */
      prefectureShare: z.number(),
    }),
  ),
});
export type ProfileYear = z.infer<typeof profileYearSchema>;

export const municipalityProfileSchema = z.object({
  municipality: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    regionName: z.string(),
    regionNameEn: z.string(),
  }),
  /** How many municipalities the prefecture averages are taken over (no names). */
  prefectureMunicipalityCount: z.number().int(),
  years: z.array(profileYearSchema),
  generatedAt: z.string(),
});
export type MunicipalityProfile = z.infer<typeof municipalityProfileSchema>;

// ---------------------------------------------------------------------------
// Open data
// ---------------------------------------------------------------------------

export const openDatasetIds = [
  'support_projects',
  'seminar_reach',
  'survey_maturity',
  'program_budget',
] as const;
export type OpenDatasetId = (typeof openDatasetIds)[number];

/** `<全国地方公共団体コード>_<dataset>.<csv|json>`, e.g. 070009_support_projects.csv. */
export const openDataFilePattern = /^([0-9]{6})_([a-z_]{1,40})\.(csv|json)$/;
export const openDataFileParamsSchema = z.object({
  file: z.string().max(80).regex(openDataFilePattern),
});

export const openDataLicenceSchema = z.object({
  id: z.literal('CC-BY-4.0'),
  name: bilingual,
  url: z.string(),
});

export const openDatasetSchema = z.object({
  id: z.enum(openDatasetIds),
  title: bilingual,
  description: bilingual,
  columns: z.array(z.object({ name: z.string(), description: bilingual })),
  rowCount: z.number().int(),
  updatedAt: z.string().nullable(),
  files: z.object({ csv: z.string(), json: z.string() }),
});
export type OpenDataset = z.infer<typeof openDatasetSchema>;

export const openDataCatalogSchema = z.object({
  catalogs: z.array(
    z.object({
      publisher: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
      licence: openDataLicenceSchema,
      attribution: bilingual,
      datasets: z.array(openDatasetSchema),
    }),
  ),
});
export type OpenDataCatalog = z.infer<typeof openDataCatalogSchema>;
