/**
 * Support menus (支援メニュー): proposals by council member companies, rubric review, selection,
 * the catalog municipalities choose from, and recommendations against a municipality's needs.
 *
 * Routes (all under /api, JSON unless noted; "admin" = prefecture_admin; every id of another
 * prefecture answers 404):
 *
 *  GET    /menus/settings?fiscalYearId=          any signed-in user  rubric + proposal deadline of the year (null if not set)
 *  PUT    /menus/settings/{fiscalYearId}         admin               set rubric criteria (weights, 1–5 scale) and the call deadline;
 *                                                                    `version` omitted on first save, required after (409)
 *  GET    /menus/reviewers                       admin               users holding the reviewer role (to assign)
 *
 *  GET    /menus/proposals?fiscalYearId=&status= admin: all; company_member: own company's; reviewer: assigned ones
 *  POST   /menus/proposals                       company_member      create a draft for the caller's company
 *  GET    /menus/proposals/{id}                  same visibility as the list (others → 404)
 *  PATCH  /menus/proposals/{id}                  company_member of the company; only while draft or returned
 *  POST   /menus/proposals/{id}/submit           company_member; before the deadline (proposals phase deadline of the
 *                                                FY's advisor_dispatch program, else the settings' deadline)
 *  POST   /menus/proposals/{id}/decision         admin; selected | not_selected | needs_modification (= returned to
 *                                                the company for changes, editable and re-submittable); reason mailed
 *  POST   /menus/proposals/{id}/assignments      admin; assign a reviewer (not one of the proposing company → 422)
 *  DELETE /menus/assignments/{id}?version=       admin; remove an assignment not yet submitted
 *  GET    /menus/proposals/{id}/reviews          admin: all; assigned reviewer: own, and the others' only once own is
 *                                                submitted (or declared a conflict → own only)
 *
 *  GET    /menus/reviews/mine?fiscalYearId=      reviewer            my assignments with proposal summaries
 *  PUT    /menus/reviews/{id}                    the assigned reviewer; save scores/comment (draft)
 *  POST   /menus/reviews/{id}/submit             the assigned reviewer; all criteria scored
 *  POST   /menus/reviews/{id}/conflict           the assigned reviewer; declare a conflict of interest (cannot score)
 *
 *  GET    /menus/ranking?fiscalYearId=           admin               submitted proposals ranked by weighted total
 *
 *  GET    /menus/catalog?fiscalYearId=&area=&format=&regionId=&maxCost=&q=   any signed-in user; selected menus
 *  GET    /menus/catalog/{id}                    any signed-in user  menu detail: company, advisors with profiles, past outcomes
 *  GET    /menus/recommendations?fiscalYearId=&municipalityId=
 *                                                municipality staff/head: own municipality (municipalityId optional);
 *                                                admin / council: any municipality of the prefecture
 *
 *  GET    /menus/advisors?organizationId=        company_member: own company's members with profiles; admin: any company
 *  GET    /menus/advisors/{userId}               signed-in user; an advisor profile (empty profile if none saved yet)
 *  PUT    /menus/advisors/{userId}               the user themself or a company_member of the same company;
 *                                                `version` omitted on first save
 *
 *  GET    /menus/exports/proposals.xlsx?fiscalYearId=   admin  proposals (xlsx, Japanese headers)
 *  GET    /menus/exports/scores.xlsx?fiscalYearId=      admin  scores per reviewer + totals sheet
 *  GET    /menus/exports/catalog.xlsx?fiscalYearId=     any signed-in user  the catalog
 */
import { z } from 'zod';
import { challengeAreaSchema } from '../challenge-areas';
import { localizedTextSchema } from './fiscal-years';

type Labels = { ja: string; en: string };
/** Optimistic-locking version: an integer column, so bounded to it (a larger one is a field error, not a 500). */
const versionSchema = z.number().int().positive().max(2_147_483_647);

// ---------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------

export const menuFormats = ['onsite', 'online', 'hybrid'] as const;
export type MenuFormat = (typeof menuFormats)[number];
export const menuFormatSchema = z.enum(menuFormats);
export const menuFormatLabels: Record<MenuFormat, Labels> = {
  onsite: { ja: '訪問（対面）', en: 'On site' },
  online: { ja: 'オンライン', en: 'Online' },
  hybrid: { ja: '訪問とオンラインの併用', en: 'Hybrid' },
};

/**
 * draft → submitted → selected | not_selected | returned (needs modification: the company edits
 * and submits again).
 */
export const proposalStatuses = ['draft', 'submitted', 'returned', 'selected', 'not_selected'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];
export const proposalStatusSchema = z.enum(proposalStatuses);
export const proposalStatusLabels: Record<ProposalStatus, Labels> = {
  draft: { ja: '下書き', en: 'Draft' },
  submitted: { ja: '提出済み', en: 'Submitted' },
  returned: { ja: '修正依頼', en: 'Returned for changes' },
  selected: { ja: '採択', en: 'Selected' },
  not_selected: { ja: '不採択', en: 'Not selected' },
};

export const proposalDecisions = ['selected', 'not_selected', 'needs_modification'] as const;
export type ProposalDecision = (typeof proposalDecisions)[number];
export const proposalDecisionSchema = z.enum(proposalDecisions);
export const proposalDecisionLabels: Record<ProposalDecision, Labels> = {
  selected: { ja: '採択', en: 'Selected' },
  not_selected: { ja: '不採択', en: 'Not selected' },
  needs_modification: { ja: '要修正', en: 'Needs modification' },
};

export const reviewStatuses = ['assigned', 'submitted', 'conflict'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
export const reviewStatusSchema = z.enum(reviewStatuses);
export const reviewStatusLabels: Record<ReviewStatus, Labels> = {
  assigned: { ja: '未提出', en: 'Not submitted' },
  submitted: { ja: '提出済み', en: 'Submitted' },
  conflict: { ja: '利益相反により辞退', en: 'Conflict of interest declared' },
};

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

// ---------------------------------------------------------------------------
// Rubric and call settings
// ---------------------------------------------------------------------------

export const rubricCriterionSchema = z.object({
  /** Stable key, e.g. 'need', 'effectiveness', 'feasibility', 'cost'. */
  key: z
    .string()
    .trim()
    .refine((v) => /^[a-z][a-z0-9_]{0,39}$/.test(v), {
      params: {
        ja: 'キーは英小文字で始まる英小文字・数字・_（40文字以内）にしてください。',
        en: 'Use a key of lower-case letters, digits and _ starting with a letter (max 40).',
      },
    }),
  label: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().min(1).max(100),
  /** Relative weight, a positive integer (e.g. 30 for 30 %). */
  weight: z.number().int().min(1).max(100),
});
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;

export const rubricCriteriaSchema = z
  .array(rubricCriterionSchema)
  .min(1)
  .max(10)
  .refine((list) => new Set(list.map((c) => c.key)).size === list.length, {
    params: { ja: '評価項目のキーが重複しています。', en: 'Criterion keys must be unique.' },
  });

export const menuSettingsPutSchema = z.object({
  /** Omitted when the settings of the year are saved for the first time. */
  version: versionSchema.optional(),
  criteria: rubricCriteriaSchema,
});
export type MenuSettingsPut = z.infer<typeof menuSettingsPutSchema>;

export const menuSettingsSchema = z.object({
  fiscalYearId: z.string(),
  criteria: z.array(rubricCriterionSchema),
  /**
   * The proposal deadline: the deadline of the advisor_dispatch program's 'proposals' phase, the
   * one deadline shown everywhere (edited on the year's page), ISO instant; null without one.
   */
  effectiveDeadlineAt: z.string().nullable(),
  effectiveDeadlineSource: z.enum(['phase', 'none']),
  /** null while the settings were never saved. */
  version: z.number().int().min(0).max(2_147_483_647).nullable(),
});
export type MenuSettings = z.infer<typeof menuSettingsSchema>;

export const fiscalYearQuerySchema = z.object({ fiscalYearId: z.uuid() });

// ---------------------------------------------------------------------------
// Advisor profiles
// ---------------------------------------------------------------------------

const shortList = z.array(z.string().trim().min(1).max(200)).max(30);

export const advisorProfilePutSchema = z.object({
  version: versionSchema.optional(),
  /** e.g. 'RPA導入支援', 'BPR'. */
  skills: shortList,
  /** e.g. '情報処理安全確保支援士', 'ITストラテジスト'. */
  qualifications: shortList,
  /** Past projects, free text one per entry. */
  pastProjects: shortList,
  bio: z.string().trim().max(4000),
});
export type AdvisorProfilePut = z.infer<typeof advisorProfilePutSchema>;

export const advisorProfileSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  skills: z.array(z.string()),
  qualifications: z.array(z.string()),
  pastProjects: z.array(z.string()),
  bio: z.string(),
  /** null while the profile was never saved. */
  version: z.number().int().min(0).max(2_147_483_647).nullable(),
});
export type AdvisorProfile = z.infer<typeof advisorProfileSchema>;

export const advisorListQuerySchema = z.object({ organizationId: z.uuid().optional() });
export const advisorListSchema = z.object({ items: z.array(advisorProfileSchema) });
export type AdvisorList = z.infer<typeof advisorListSchema>;

// ---------------------------------------------------------------------------
// Proposals
// ---------------------------------------------------------------------------

const proposalFields = {
  title: z.string().trim().min(1).max(200),
  challengeAreas: z
    .array(challengeAreaSchema)
    .min(1)
    .max(10)
    .refine((l) => new Set(l).size === l.length, {
      params: { ja: '課題分野が重複しています。', en: 'Challenge areas must not repeat.' },
    }),
  description: z.string().trim().max(4000),
  /** What the municipality gets (成果物・期待される効果). */
  deliverables: z.string().trim().max(4000),
  format: menuFormatSchema,
  /** How many municipalities the company can take on. */
  capacity: z
    .number()
    .int()
    .min(1)
    .max(59 * 10),
  /** Cost per engagement in 千円. */
  unitCostThousandYen: z.number().int().min(0).max(100_000),
  plannedHours: z.number().int().min(0).max(2000),
  onsiteDays: z.number().int().min(0).max(365),
  /** Regions of the prefecture covered (ids of /api/regions); empty = none chosen yet. */
  regionIds: z.array(z.uuid()).max(20),
  /** Users of the company offered as advisors. */
  advisorUserIds: z.array(z.uuid()).max(20),
};

export const proposalCreateSchema = z.object({
  fiscalYearId: z.uuid(),
  title: proposalFields.title,
  challengeAreas: proposalFields.challengeAreas,
  description: proposalFields.description.optional(),
  deliverables: proposalFields.deliverables.optional(),
  format: proposalFields.format,
  capacity: proposalFields.capacity,
  unitCostThousandYen: proposalFields.unitCostThousandYen,
  plannedHours: proposalFields.plannedHours.optional(),
  onsiteDays: proposalFields.onsiteDays.optional(),
  regionIds: proposalFields.regionIds.optional(),
  advisorUserIds: proposalFields.advisorUserIds.optional(),
});
export type ProposalCreate = z.infer<typeof proposalCreateSchema>;

export const proposalPatchSchema = z.object({
  version: versionSchema,
  title: proposalFields.title.optional(),
  challengeAreas: proposalFields.challengeAreas.optional(),
  description: proposalFields.description.optional(),
  deliverables: proposalFields.deliverables.optional(),
  format: proposalFields.format.optional(),
  capacity: proposalFields.capacity.optional(),
  unitCostThousandYen: proposalFields.unitCostThousandYen.optional(),
  plannedHours: proposalFields.plannedHours.optional(),
  onsiteDays: proposalFields.onsiteDays.optional(),
  regionIds: proposalFields.regionIds.optional(),
  advisorUserIds: proposalFields.advisorUserIds.optional(),
});
export type ProposalPatch = z.infer<typeof proposalPatchSchema>;

export const versionBodySchema = z.object({ version: versionSchema });
export const versionQuerySchema = z.object({
  version: z.coerce.number().int().positive().max(2_147_483_647),
});

const reasonText = z.string().trim().max(4000);

export const proposalDecisionBodySchema = z
  .object({
    version: versionSchema,
    decision: proposalDecisionSchema,
    /** Sent to the company and shown on the proposal; required unless selected. */
    reason: reasonText,
  })
  .refine((v) => v.decision === 'selected' || v.reason.length > 0, {
    path: ['reason'],
    params: {
      ja: '不採択・要修正の場合は理由を入力してください。',
      en: 'Give a reason when a proposal is not selected or needs modification.',
    },
  });
export type ProposalDecisionBody = z.infer<typeof proposalDecisionBodySchema>;

export const proposalListQuerySchema = z.object({
  fiscalYearId: z.uuid(),
  status: proposalStatusSchema.optional(),
});

export const regionRefSchema = z.object({ id: z.string(), name: z.string(), nameEn: z.string() });
export const advisorRefSchema = z.object({ userId: z.string(), displayName: z.string() });

/**
 * The caller's abilities on one proposal, computed by the server from its policy so the UI never
 * derives permissions from roles.
 */
export const proposalAbilitiesSchema = z.object({
  /** Change its content (the own company, while a draft or returned). */
  edit: z.boolean(),
  /** Submit it (as edit, and before the deadline). */
  submit: z.boolean(),
  /** Record a decision on it (the prefecture, once it is submitted and not returned). */
  decide: z.boolean(),
  /** Follow and remove its review assignments (the prefecture, whatever its status). */
  manageReviews: z.boolean(),
  /** Assign a new reviewer (the prefecture, once it is no longer a draft). */
  assignReviewers: z.boolean(),
  /** Score it or declare a conflict: the caller is one of its assigned reviewers. */
  review: z.boolean(),
});
export type ProposalAbilities = z.infer<typeof proposalAbilitiesSchema>;

export const proposalSchema = z.object({
  id: z.string(),
  fiscalYearId: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  title: z.string(),
  challengeAreas: z.array(challengeAreaSchema),
  description: z.string(),
  deliverables: z.string(),
  format: menuFormatSchema,
  capacity: z.number().int(),
  unitCostThousandYen: z.number().int(),
  plannedHours: z.number().int(),
  onsiteDays: z.number().int(),
  regions: z.array(regionRefSchema),
  advisors: z.array(advisorRefSchema),
  status: proposalStatusSchema,
  /** The last decision and its reason (also mailed to the company); null before any. */
  decision: proposalDecisionSchema.nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  /** What the caller may do with it now (status, deadline, role and assignment considered). */
  can: proposalAbilitiesSchema,
  version: z.number().int().min(0).max(2_147_483_647),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalListSchema = z.object({ items: z.array(proposalSchema) });
export type ProposalList = z.infer<typeof proposalListSchema>;

// ---------------------------------------------------------------------------
// Assignments and reviews
// ---------------------------------------------------------------------------

export const assignmentCreateSchema = z.object({ reviewerUserId: z.uuid() });
export type AssignmentCreate = z.infer<typeof assignmentCreateSchema>;

/** At most 50 proposals × 20 reviewers in one request (1,000 pairs), so one request's work stays bounded. */
export const MAX_BULK_PROPOSALS = 50;
export const MAX_BULK_REVIEWERS = 20;
const distinct = (list: string[]) => new Set(list).size === list.length;
const duplicateMessage = { ja: '同じものが重複して選ばれています。', en: 'The same item is selected twice.' };

export const bulkAssignmentSchema = z.object({
  proposalIds: z
    .array(z.uuid())
    .min(1)
    .max(MAX_BULK_PROPOSALS)
    .refine(distinct, { params: duplicateMessage }),
  reviewerUserIds: z
    .array(z.uuid())
    .min(1)
    .max(MAX_BULK_REVIEWERS)
    .refine(distinct, { params: duplicateMessage }),
});
export type BulkAssignment = z.infer<typeof bulkAssignmentSchema>;

export const bulkAssignmentSkipReasons = ['already_assigned', 'conflict_of_interest'] as const;
export const bulkAssignmentResultSchema = z.object({
  /** Assignments made by this request. */
  assigned: z.array(z.object({ proposalId: z.string(), reviewerUserId: z.string(), reviewId: z.string() })),
  /** Pairs left as they were: assigned before, or the reviewer belongs to the proposing company. */
  skipped: z.array(
    z.object({
      proposalId: z.string(),
      reviewerUserId: z.string(),
      reason: z.enum(bulkAssignmentSkipReasons),
    }),
  ),
});
export type BulkAssignmentResult = z.infer<typeof bulkAssignmentResultSchema>;

export const reviewerSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
});
export const reviewerListSchema = z.object({ items: z.array(reviewerSchema) });
export type ReviewerList = z.infer<typeof reviewerListSchema>;

/** Scores by criterion key, each 1–5. */
export const scoresSchema = z.record(z.string(), z.number().int().min(SCORE_MIN).max(SCORE_MAX));

export const reviewPutSchema = z.object({
  version: versionSchema,
  scores: scoresSchema,
  comment: z.string().trim().max(4000),
});
export type ReviewPut = z.infer<typeof reviewPutSchema>;

export const conflictBodySchema = z.object({
  version: versionSchema,
  reason: z.string().trim().min(1).max(2000),
});
export type ConflictBody = z.infer<typeof conflictBodySchema>;

export const reviewSchema = z.object({
  id: z.string(),
  proposalId: z.string(),
  reviewerUserId: z.string(),
  reviewerName: z.string(),
  status: reviewStatusSchema,
  scores: z.record(z.string(), z.number().int()),
  comment: z.string(),
  conflictReason: z.string().nullable(),
  /** Weighted average on the 1–5 scale; null until every criterion is scored. */
  weightedTotal: z.number().nullable(),
  submittedAt: z.string().nullable(),
  version: z.number().int().min(0).max(2_147_483_647),
});
export type Review = z.infer<typeof reviewSchema>;

export const proposalReviewsSchema = z.object({
  criteria: z.array(rubricCriterionSchema),
  items: z.array(reviewSchema),
  /** True when the caller may not see the others' scores yet (submit your own first). */
  othersHidden: z.boolean(),
});
export type ProposalReviews = z.infer<typeof proposalReviewsSchema>;

export const myReviewItemSchema = z.object({
  review: reviewSchema,
  proposal: proposalSchema,
});
export const myReviewListSchema = z.object({
  criteria: z.array(rubricCriterionSchema),
  items: z.array(myReviewItemSchema),
});
export type MyReviewList = z.infer<typeof myReviewListSchema>;

export const rankingRowSchema = z.object({
  rank: z.number().int(),
  proposal: proposalSchema,
  /** Mean of the submitted reviewers' weighted totals (1–5), null when none submitted. */
  weightedTotal: z.number().nullable(),
  /** Max − min of the reviewers' weighted totals; large spread = reviewers disagree. */
  spread: z.number().nullable(),
  /** Mean score per criterion key. */
  criterionMeans: z.record(z.string(), z.number()),
  submittedReviews: z.number().int(),
  assignedReviews: z.number().int(),
  conflicts: z.number().int(),
});
export type RankingRow = z.infer<typeof rankingRowSchema>;
export const rankingSchema = z.object({
  criteria: z.array(rubricCriterionSchema),
  items: z.array(rankingRowSchema),
});
export type Ranking = z.infer<typeof rankingSchema>;

// ---------------------------------------------------------------------------
// Catalog
// ---------------------------------------------------------------------------

export const catalogQuerySchema = z.object({
  fiscalYearId: z.uuid(),
  area: challengeAreaSchema.optional(),
  format: menuFormatSchema.optional(),
  regionId: z.uuid().optional(),
  /** Maximum unit cost in 千円. */
  maxCost: z.coerce.number().int().min(0).max(100_000).optional(),
  /** Free text matched against title, description and company. */
  q: z.string().trim().max(100).optional(),
});
export type CatalogQuery = z.infer<typeof catalogQuerySchema>;

export const catalogItemSchema = z.object({
  id: z.string(),
  fiscalYearId: z.string(),
  title: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  challengeAreas: z.array(challengeAreaSchema),
  format: menuFormatSchema,
  capacity: z.number().int(),
  unitCostThousandYen: z.number().int(),
  plannedHours: z.number().int(),
  onsiteDays: z.number().int(),
  regions: z.array(regionRefSchema),
  description: z.string(),
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;
export const catalogListSchema = z.object({ items: z.array(catalogItemSchema) });
export type CatalogList = z.infer<typeof catalogListSchema>;

/**
 * The municipalities' evaluations (事後アンケート) of some projects: how many projects were
 * delivered and how many evaluated, the share that said it helped solve the challenge and the share
 * that would recommend the menu (0–1; "partly" is not yes), and the mean satisfaction (1–5); null
 * where nobody answered.
 */
export const outcomeSummarySchema = z.object({
  projects: z.number().int(),
  evaluations: z.number().int(),
  helpedRate: z.number().nullable(),
  avgSatisfaction: z.number().nullable(),
  recommendRate: z.number().nullable(),
});
export type OutcomeSummary = z.infer<typeof outcomeSummarySchema>;

/** One year of a menu's track record (the menu as offered that year by the same company). */
export const pastOutcomeSchema = outcomeSummarySchema.extend({ fiscalYear: z.number().int() });
export type PastOutcome = z.infer<typeof pastOutcomeSchema>;

export const menuDetailSchema = catalogItemSchema.extend({
  deliverables: z.string(),
  advisors: z.array(advisorProfileSchema),
  /**
   * Per year up to this one, the projects of this menu as the same company offered it under the
   * same title, newest first; only years with a project. Per-project answers stay private to the
   * towns: only these aggregates are shown.
   */
  pastOutcomes: z.array(pastOutcomeSchema),
  /** The years above added up; null before any project. */
  outcomeSummary: outcomeSummarySchema.nullable(),
});
export type MenuDetail = z.infer<typeof menuDetailSchema>;

// ---------------------------------------------------------------------------
// Recommendations
// ---------------------------------------------------------------------------

/**
 * Why a menu is recommended, structured so the UI words it in ja/en:
 *  - help_wanted:    { areas: ChallengeArea[] }      支援を希望した分野: RPA …
 *  - low_maturity:   { areas: ChallengeArea[] }      成熟度が低い分野: …
 *  - voice_match:    { keywords: string[] }          自由記述「…」に関連
 *  - similar_rating: { count: number, average: number } 似た規模の3団体が平均4.6と評価
 *  - region_covered: { regionName: string, regionNameEn: string } 対象地方: 会津
 *  - past_outcomes:  { source: 'menu' | 'company', evaluations, helpedRate, avgSatisfaction, recommendRate }
 *                    これまでの評価: 5件中100%が「課題解決につながった」（新しいメニューは事業者の実績）
 */
export const recommendationReasonCodes = [
  'help_wanted',
  'low_maturity',
  'voice_match',
  'similar_rating',
  'region_covered',
  'past_outcomes',
] as const;
export type RecommendationReasonCode = (typeof recommendationReasonCodes)[number];

export const recommendationReasonSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('help_wanted'), params: z.object({ areas: z.array(challengeAreaSchema) }) }),
  z.object({ code: z.literal('low_maturity'), params: z.object({ areas: z.array(challengeAreaSchema) }) }),
  z.object({ code: z.literal('voice_match'), params: z.object({ keywords: z.array(z.string()) }) }),
  z.object({
    code: z.literal('similar_rating'),
    params: z.object({ count: z.number().int(), average: z.number() }),
  }),
  z.object({
    code: z.literal('past_outcomes'),
    params: z.object({
      source: z.enum(['menu', 'company']),
      evaluations: z.number().int(),
      helpedRate: z.number().nullable(),
      avgSatisfaction: z.number().nullable(),
      recommendRate: z.number().nullable(),
    }),
  }),
  z.object({
    code: z.literal('region_covered'),
    params: z.object({ regionName: z.string(), regionNameEn: z.string() }),
  }),
]);
export type RecommendationReason = z.infer<typeof recommendationReasonSchema>;

export const recommendationsQuerySchema = z.object({
  fiscalYearId: z.uuid(),
  municipalityId: z.uuid().optional(),
});

export const recommendationSchema = z.object({
  menu: catalogItemSchema,
  score: z.number(),
  reasons: z.array(recommendationReasonSchema),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const recommendationListSchema = z.object({
  municipalityId: z.string(),
  municipalityName: z.string(),
  /** False when the municipality has no needs profile for the year (no survey answer yet): items empty. */
  hasProfile: z.boolean(),
  items: z.array(recommendationSchema),
});
export type RecommendationList = z.infer<typeof recommendationListSchema>;

export { localizedTextSchema };
