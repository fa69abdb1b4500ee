/**
 * Calls, applications and the allocation of support (公募・申請・支援先の決定) API contract.
 *
 * One call per advisor-dispatch program (事業) and fiscal year. Its rounds are the program's phases of
 * kind `call`: a round is open from its first day (00:00 JST) to its deadline (JST cut-off; the end
 * day's 23:59:59 JST when no deadline is set). Municipalities apply by ranking catalog menus; the
 * prefecture runs the allocation (an optimal, explained solution under the budget), compares runs,
 * locks or excludes applications by hand, approves one run and publishes it. Publishing turns each
 * selected application into a support project and notifies municipalities and companies.
 *
 * Routes (all under /api; "admin" = prefecture_admin; another prefecture's id → 404):
 *
 *  GET    /calls?fiscalYearId=                     signed-in     the year's calls (with state and rounds)
 *  POST   /calls                                   admin         open the call of an advisor_dispatch program (one per program → 409)
 *  GET    /calls/{id}                              signed-in     a call, with the caller's abilities (`can`)
 *  PATCH  /calls/{id}                              admin         limits and priority weights (version)
 *
 *  GET    /calls/{id}/applications                 admin: all; municipality staff/head: own municipality's; others 403
 *  POST   /calls/{id}/applications                 municipality_staff (own town) or admin as proxy (municipalityId
 *                                                  required); creates a draft; `challenge` omitted → prefilled from
 *                                                  the town's latest needs-survey answers
 *  GET    /calls/{id}/prefill?municipalityId=      municipality (own) or admin: the challenge text proposed from the survey
 *  GET    /applications/{id}                       admin; the town's users. After publication it carries `result`
 *                                                  (outcome and the reasons in plain words)
 *  PATCH  /applications/{id}                       town staff or admin (proxy) while draft/returned-to-draft and the round is open
 *  POST   /applications/{id}/submit                town staff; before the round's deadline (422 DEADLINE_PASSED). A
 *                                                  proxied draft is submitted by the town itself (its confirmation).
 *                                                  With head confirmation required → awaiting_head
 *  POST   /applications/{id}/confirm               municipality_head of the town; awaiting_head → submitted
 *  POST   /applications/{id}/withdraw              town staff/head; until the deadline
 *  PUT    /applications/{id}/lock                  admin; include (optionally a menu) / exclude / none, with a reason
 *
 *  GET    /calls/{id}/runs                         admin         allocation runs of the call (summaries)
 *  POST   /calls/{id}/runs                         admin         queue a run (weights, seed, budget, label) → 202; solved by
 *                                                  the job runner; poll GET /runs/{id}
 *  GET    /runs/{id}                               admin         a run: status, totals, greedy baseline, selections and every
 *                                                  application's explanation with its counterfactual
 *  POST   /runs/{id}/approve                       admin         mark the run approved (one per call; version)
 *  POST   /runs/{id}/publish                       admin         publish an approved run: results, support projects, mails
 *
 *  GET    /support-projects?fiscalYearId=          admin: all; municipality: own; company: its menus' projects; council: all
 *  POST   /support-projects/import                 admin         history (past years) from xlsx/CSV; all rows or none (422 with
 *                                                  row-level errors); ?dryRun=true validates only
 *  GET    /calls/{id}/planner?budgetThousandYen=&averageCostThousandYen=&totalCapacity=
 *                                                  admin, council: per municipality the years supported, who was
 *                                                  never supported, and a what-if: years until all are supported
 */
import { z } from 'zod';

type Labels = { ja: string; en: string };
/** Optimistic-locking version: an integer column, so bounded to it (a larger one is a field error, not a 500). */
const versionSchema = z.number().int().positive().max(2_147_483_647);
const smallInt = (min: number, max: number) => z.number().int().min(min).max(max);
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// ---------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------

/** Derived from the rounds and the runs: upcoming → open → closed → approved → published. */
export const callStates = ['upcoming', 'open', 'closed', 'approved', 'published'] as const;
export type CallState = (typeof callStates)[number];
export const callStateLabels: Record<CallState, Labels> = {
  upcoming: { ja: '受付前', en: 'Not yet open' },
  open: { ja: '受付中', en: 'Open' },
  closed: { ja: '受付終了（選定中）', en: 'Closed (allocating)' },
  approved: { ja: '決定（公表前）', en: 'Approved (not yet published)' },
  published: { ja: '結果公表済み', en: 'Results published' },
};

/**
 * draft → (awaiting_head →) submitted → selected | not_selected; withdrawn from draft/awaiting_head/
 * submitted until the deadline. A draft the prefecture filled in as proxy stays a draft until the
 * town submits it.
 */
export const applicationStatuses = [
  'draft',
  'awaiting_head',
  'submitted',
  'withdrawn',
  'selected',
  'not_selected',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const applicationStatusSchema = z.enum(applicationStatuses);
export const applicationStatusLabels: Record<ApplicationStatus, Labels> = {
  draft: { ja: '下書き', en: 'Draft' },
  awaiting_head: { ja: '首長等の確認待ち', en: 'Awaiting the head’s confirmation' },
  submitted: { ja: '申請済み', en: 'Submitted' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
  selected: { ja: '採択', en: 'Selected' },
  not_selected: { ja: '不採択', en: 'Not selected' },
};

export const runStatuses = ['queued', 'running', 'done', 'failed', 'approved', 'published'] as const;
export type RunStatus = (typeof runStatuses)[number];
export const runStatusLabels: Record<RunStatus, Labels> = {
  queued: { ja: '待機中', en: 'Queued' },
  running: { ja: '計算中', en: 'Running' },
  done: { ja: '計算済み', en: 'Done' },
  failed: { ja: '失敗', en: 'Failed' },
  approved: { ja: '承認済み', en: 'Approved' },
  published: { ja: '公表済み', en: 'Published' },
};

/**
 * planned → in_progress (first session logged) → completed (sessions done) → reported (completion
 * report approved) → evaluated (the municipality answered the evaluation); cancelled from planned or
 * in_progress. This feature creates projects as `planned`; the projects feature moves them on.
 */
export const supportProjectStatuses = [
  'planned',
  'in_progress',
  'completed',
  'reported',
  'evaluated',
  'cancelled',
] as const;
export type SupportProjectStatus = (typeof supportProjectStatuses)[number];
export const supportProjectStatusLabels: Record<SupportProjectStatus, Labels> = {
  planned: { ja: '支援予定', en: 'Planned' },
  in_progress: { ja: '支援中', en: 'In progress' },
  completed: { ja: '支援完了（報告待ち）', en: 'Sessions completed' },
  reported: { ja: '完了報告承認済み', en: 'Report approved' },
  evaluated: { ja: '評価済み', en: 'Evaluated' },
  cancelled: { ja: '中止', en: 'Cancelled' },
};

// ---------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------

/**
 * Priority given to a municipality in the first objective (municipalities supported): 1 plus each
 * weight that applies. Not supported in the past two years weighs most by default.
 */
export const priorityWeightsSchema = z.object({
  notRecentlySupported: smallInt(0, 100),
  evacuationArea: smallInt(0, 100),
  smallMunicipality: smallInt(0, 100),
});
export type PriorityWeights = z.infer<typeof priorityWeightsSchema>;
export const defaultPriorityWeights: PriorityWeights = {
  notRecentlySupported: 3,
  evacuationArea: 1,
  smallMunicipality: 1,
};

const callLimits = {
  /** Menus a municipality may rank in one application (第1〜第n希望). */
  maxChoices: smallInt(1, 10),
  /** Support projects one municipality may receive in the call. */
  maxProjectsPerMunicipality: smallInt(1, 10),
  /** The head (首長等) must confirm before an application counts as submitted. */
  headConfirmationRequired: z.boolean(),
  priorityWeights: priorityWeightsSchema,
};

export const callCreateSchema = z.object({
  programId: z.uuid(),
  maxChoices: callLimits.maxChoices.default(3),
  maxProjectsPerMunicipality: callLimits.maxProjectsPerMunicipality.default(2),
  headConfirmationRequired: callLimits.headConfirmationRequired.default(false),
  priorityWeights: callLimits.priorityWeights.default(defaultPriorityWeights),
});
export type CallCreate = z.infer<typeof callCreateSchema>;

export const callPatchSchema = z.object({
  version: versionSchema,
  maxChoices: callLimits.maxChoices.optional(),
  maxProjectsPerMunicipality: callLimits.maxProjectsPerMunicipality.optional(),
  headConfirmationRequired: callLimits.headConfirmationRequired.optional(),
  priorityWeights: callLimits.priorityWeights.optional(),
});
export type CallPatch = z.infer<typeof callPatchSchema>;

export const callRoundSchema = z.object({
  index: z.number().int(),
  startsOn: ymd,
  endsOn: ymd,
  /** The cut-off instant (ISO, UTC); JST wall clock shown by the client. */
  closesAt: z.string(),
  open: z.boolean(),
});
export type CallRound = z.infer<typeof callRoundSchema>;

/** What the caller may do with the call; the UI shows buttons from this, not from roles. */
export const callAbilitiesSchema = z.object({
  update: z.boolean(),
  apply: z.boolean(),
  applyAsProxy: z.boolean(),
  listApplications: z.boolean(),
  run: z.boolean(),
  plan: z.boolean(),
});

export const callSchema = z.object({
  id: z.string(),
  programId: z.string(),
  programName: z.string(),
  programNameEn: z.string(),
  fiscalYearId: z.string(),
  fiscalYear: z.number().int(),
  budgetThousandYen: z.number().int().nullable(),
  maxChoices: z.number().int(),
  maxProjectsPerMunicipality: z.number().int(),
  headConfirmationRequired: z.boolean(),
  priorityWeights: priorityWeightsSchema,
  state: z.enum(callStates),
  rounds: z.array(callRoundSchema),
  /** Counts by status (admin: all; a town: its own). */
  applicationCounts: z.record(z.string(), z.number().int()),
  publishedRunId: z.string().nullable(),
  can: callAbilitiesSchema,
  version: z.number().int(),
});
export type Call = z.infer<typeof callSchema>;
export const callListSchema = z.object({ items: z.array(callSchema) });
export const callListQuerySchema = z.object({ fiscalYearId: z.uuid() });

// ---------------------------------------------------------------------------
// Applications
// ---------------------------------------------------------------------------

const applicationFields = {
  /** Catalog menu ids in preference order (第1希望 first); no repeats; at most the call's maxChoices. */
  menuIds: z
    .array(z.uuid())
    .min(1)
    .max(10)
    .refine((l) => new Set(l).size === l.length, {
      params: { ja: '同じメニューを重ねて選べません。', en: 'A menu may be chosen only once.' },
    }),
  /** The town's challenge (課題), prefilled from its survey answers. */
  challenge: z.string().trim().min(1).max(4000),
  desiredStartMonth: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .nullable(),
  desiredEndMonth: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .nullable(),
  contactName: z.string().trim().min(1).max(100),
  contactEmail: z.email().max(254),
  contactPhone: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9+\-() ]*$/),
  /** Optional named advisor (an advisor of one of the chosen menus). */
  preferredAdvisorUserId: z.uuid().nullable(),
};

export const applicationCreateSchema = z.object({
  /** Required when the prefecture drafts as proxy; a town's own user may omit it. */
  municipalityId: z.uuid().optional(),
  menuIds: applicationFields.menuIds,
  challenge: applicationFields.challenge.optional(),
  desiredStartMonth: applicationFields.desiredStartMonth.optional(),
  desiredEndMonth: applicationFields.desiredEndMonth.optional(),
  contactName: applicationFields.contactName,
  contactEmail: applicationFields.contactEmail,
  contactPhone: applicationFields.contactPhone.optional(),
  preferredAdvisorUserId: applicationFields.preferredAdvisorUserId.optional(),
});
export type ApplicationCreate = z.infer<typeof applicationCreateSchema>;

export const applicationPatchSchema = z.object({
  version: versionSchema,
  menuIds: applicationFields.menuIds.optional(),
  challenge: applicationFields.challenge.optional(),
  desiredStartMonth: applicationFields.desiredStartMonth.optional(),
  desiredEndMonth: applicationFields.desiredEndMonth.optional(),
  contactName: applicationFields.contactName.optional(),
  contactEmail: applicationFields.contactEmail.optional(),
  contactPhone: applicationFields.contactPhone.optional(),
  preferredAdvisorUserId: applicationFields.preferredAdvisorUserId.optional(),
});
export type ApplicationPatch = z.infer<typeof applicationPatchSchema>;

export const applicationLockSchema = z.object({
  version: versionSchema,
  lock: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('include'), menuId: z.uuid().nullable() }),
    z.object({ kind: z.literal('exclude') }),
    z.object({ kind: z.literal('none') }),
  ]),
  reason: z.string().trim().max(1000),
});
export type ApplicationLock = z.infer<typeof applicationLockSchema>;

/** Body of the state changes that carry nothing but the version read (submit, confirm, withdraw, approve, publish). */
export const versionBodySchema = z.object({ version: versionSchema });
export type VersionBody = z.infer<typeof versionBodySchema>;

const localized = z.object({ ja: z.string(), en: z.string() });

/** One reason of an allocation outcome, already in plain words (both languages). */
export const explanationReasonSchema = z.object({ code: z.string(), ja: z.string(), en: z.string() });

export const counterfactualSchema = z.object({
  /** null: money alone cannot select it (menu capacity or the per-town limit). */
  budgetIncreaseThousandYen: z.number().int().nullable(),
  displaced: z.array(z.object({ applicationId: z.string(), municipalityName: z.string() })),
  text: localized,
});

export const explanationSchema = z.object({
  applicationId: z.string(),
  outcome: z.enum(['selected', 'not_selected']),
  menuId: z.string().nullable(),
  menuTitle: z.string().nullable(),
  rank: z.number().int().nullable(),
  reasons: z.array(explanationReasonSchema),
  counterfactual: counterfactualSchema.nullable(),
});
export type Explanation = z.infer<typeof explanationSchema>;

export const applicationChoiceSchema = z.object({
  rank: z.number().int(),
  menuId: z.string(),
  menuTitle: z.string(),
  companyName: z.string(),
  costThousandYen: z.number().int(),
});

export const applicationAbilitiesSchema = z.object({
  update: z.boolean(),
  submit: z.boolean(),
  confirm: z.boolean(),
  withdraw: z.boolean(),
  lock: z.boolean(),
});

export const applicationSchema = z.object({
  id: z.string(),
  callId: z.string(),
  municipalityId: z.string(),
  municipalityName: z.string(),
  municipalityCode: z.string(),
  status: applicationStatusSchema,
  choices: z.array(applicationChoiceSchema),
  challenge: z.string(),
  desiredStartMonth: z.string().nullable(),
  desiredEndMonth: z.string().nullable(),
  contactName: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string(),
  preferredAdvisorUserId: z.string().nullable(),
  preferredAdvisorName: z.string().nullable(),
  /** Set when the prefecture drafted it on the town's behalf. */
  proxiedByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  /** Admin-only (null for others). */
  lock: z
    .object({ kind: z.enum(['include', 'exclude']), menuId: z.string().nullable(), reason: z.string() })
    .nullable(),
  /** After publication only: the outcome and why, for the town and the prefecture. */
  result: explanationSchema.nullable(),
  can: applicationAbilitiesSchema,
  version: z.number().int(),
});
export type Application = z.infer<typeof applicationSchema>;
export const applicationListSchema = z.object({ items: z.array(applicationSchema) });

export const prefillQuerySchema = z.object({ municipalityId: z.uuid().optional() });
export const prefillSchema = z.object({
  challenge: z.string(),
  /** Where it came from, e.g. "令和6年度 DXニーズ調査（提出 2024-04-20）"; null when the town never answered. */
  source: z.string().nullable(),
});

// ---------------------------------------------------------------------------
// Allocation runs
// ---------------------------------------------------------------------------

export const runCreateSchema = z.object({
  label: z.string().trim().min(1).max(100),
  priorityWeights: priorityWeightsSchema.optional(),
  /** Omitted → the program's budget. */
  budgetThousandYen: z.number().int().min(0).max(100_000_000).optional(),
  /** Lottery seed for ties (recorded); omitted → drawn at random. */
  seed: z.number().int().min(0).max(4_294_967_295).optional(),
});
export type RunCreate = z.infer<typeof runCreateSchema>;

export const allocationTotalsSchema = z.object({
  projects: z.number().int(),
  municipalities: z.number().int(),
  weightedMunicipalities: z.number(),
  costThousandYen: z.number().int(),
});

export const runSummarySchema = z.object({
  id: z.string(),
  callId: z.string(),
  label: z.string(),
  status: z.enum(runStatuses),
  priorityWeights: priorityWeightsSchema,
  budgetThousandYen: z.number().int(),
  seed: z.number().int(),
  /** 'optimal' | 'time_limit' | 'infeasible' once solved. */
  solverStatus: z.string().nullable(),
  mipGap: z.number().nullable(),
  solveMs: z.number().nullable(),
  totals: allocationTotalsSchema.nullable(),
  greedyTotals: allocationTotalsSchema.nullable(),
  /**
   * A run is solved in two steps: the result and every reason first, then, for each application
   * left out, what would have selected it. True while that second step runs (approve waits for it).
   */
  counterfactualsPending: z.boolean(),
  error: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string(),
  version: z.number().int(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;
export const runListSchema = z.object({ items: z.array(runSummarySchema) });

export const runSelectionSchema = z.object({
  applicationId: z.string(),
  municipalityId: z.string(),
  municipalityName: z.string(),
  menuId: z.string(),
  menuTitle: z.string(),
  companyName: z.string(),
  rank: z.number().int(),
  costThousandYen: z.number().int(),
  /** Also selected by the greedy baseline (same application, any menu). */
  inGreedy: z.boolean(),
});

export const runDetailSchema = runSummarySchema.extend({
  selections: z.array(runSelectionSchema),
  explanations: z.array(explanationSchema),
  /** Applications considered (submitted, not withdrawn) with the town's priority. */
  applications: z.array(
    z.object({
      applicationId: z.string(),
      municipalityId: z.string(),
      municipalityName: z.string(),
      priorityWeight: z.number(),
      priorityFactors: z.array(z.string()),
      lock: z.enum(['include', 'exclude']).nullable(),
    }),
  ),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

// ---------------------------------------------------------------------------
// Support projects and history
// ---------------------------------------------------------------------------

export const supportProjectSchema = z.object({
  id: z.string(),
  fiscalYear: z.number().int(),
  municipalityId: z.string(),
  municipalityName: z.string(),
  /** null for imported history whose menu is not in the catalog. */
  menuId: z.string().nullable(),
  title: z.string(),
  companyName: z.string(),
  costThousandYen: z.number().int().nullable(),
  status: z.enum(supportProjectStatuses),
  source: z.enum(['allocation', 'import']),
  version: z.number().int(),
});
export type SupportProject = z.infer<typeof supportProjectSchema>;
export const supportProjectListSchema = z.object({ items: z.array(supportProjectSchema) });
export const supportProjectQuerySchema = z.object({ fiscalYearId: z.uuid().optional() });

/** Columns of the history file (xlsx first sheet or UTF-8 CSV, BOM allowed), Japanese headers. */
export const historyImportColumns = [
  '年度',
  '市町村コード',
  '市町村名',
  '支援内容',
  '事業者名',
  '費用（千円）',
] as const;

export const historyImportReportSchema = z.object({
  dryRun: z.boolean(),
  imported: z.number().int(),
  /** Row numbers are the file's (header = row 1). Non-empty → nothing was imported. */
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), ja: z.string(), en: z.string() })),
});
export type HistoryImportReport = z.infer<typeof historyImportReportSchema>;

// ---------------------------------------------------------------------------
// Three-year planner
// ---------------------------------------------------------------------------

export const plannerQuerySchema = z.object({
  budgetThousandYen: z.coerce.number().int().min(0).max(100_000_000).optional(),
  averageCostThousandYen: z.coerce.number().int().min(1).max(100_000).optional(),
  totalCapacity: z.coerce.number().int().min(0).max(100_000).optional(),
});

export const plannerSchema = z.object({
  fromYear: z.number().int(),
  /** The inputs used (defaults: the program budget, the catalog's mean cost and total capacity). */
  budgetThousandYen: z.number().int(),
  averageCostThousandYen: z.number().int(),
  totalCapacity: z.number().int(),
  municipalities: z.array(
    z.object({
      municipalityId: z.string(),
      name: z.string(),
      code: z.string(),
      supportedYears: z.array(z.number().int()),
    }),
  ),
  neverSupported: z.array(z.string()),
  projectsPerYear: z.number().int(),
  yearsUntilAllSupported: z.number().int().nullable(),
  schedule: z.array(z.object({ year: z.number().int(), municipalityIds: z.array(z.string()) })),
});
export type Planner = z.infer<typeof plannerSchema>;
