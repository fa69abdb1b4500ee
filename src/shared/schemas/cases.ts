/**
 * Case studies (事例集・好事例) API contract.
 *
 * A case is a short, publishable story of a support project: what the municipality struggled
 * with, what was done, with which tools, at what cost (千円) and to what effect. It is drafted by
 * the prefecture (for any municipality) or by the project's company, approved first by the
 * municipality (its staff or head) and then by the prefecture, which publishes it: published
 * cases are public, without sign-in. The prefecture may take a case back (unpublish); it is then
 * edited and approved again like a draft.
 *
 * Routes (all under /api; "admin" = prefecture_admin; a case the caller may not see answers 404):
 *
 *  GET    /cases?status=&q=                         admin: all; municipality staff/head: its town's cases once
 *                                                   submitted; company member: its own company's; others 403
 *  POST   /cases                                    admin (any municipality) or company member (its own project,
 *                                                   supportProjectId required): a draft
 *  POST   /cases/from-project                       admin or the project's company: a draft pre-filled from the
 *                                                   project's approved completion report
 *  GET    /cases/{id}                               who may see it (above), with `can`
 *  PATCH  /cases/{id}                               the drafter side (admin, the case's company) while draft/unpublished
 *  POST   /cases/{id}/submit                        the drafter side: draft/unpublished → awaiting_municipality
 *  POST   /cases/{id}/approve                       awaiting_municipality: the town's staff/head → awaiting_prefecture;
 *                                                   awaiting_prefecture: admin → published
 *  POST   /cases/{id}/return                        the approver of the current step, with a comment → draft
 *  POST   /cases/{id}/unpublish                     admin: published → unpublished
 *
 *  GET    /public/cases?prefecture=&q=&area=&regionId=&kind=&menuId=&fiscalYear=&page=
 *                                                   everyone: published cases, searched and filtered, paginated
 *  GET    /public/cases/{id}                        everyone: one published case (404 otherwise)
 *  GET    /public/cases/collection?prefecture=      everyone: every published case in full (the printable booklet)
 *  GET    /public/cases/export?prefecture=          everyone: every published case as xlsx
 */
import { z } from 'zod';
import { challengeAreaSchema } from '../challenge-areas';

type Labels = { ja: string; en: string };
const versionSchema = z.number().int().positive().max(2_147_483_647);

/** draft → awaiting_municipality → awaiting_prefecture → published → unpublished (→ edited, submitted again). */
export const caseStatuses = [
  'draft',
  'awaiting_municipality',
  'awaiting_prefecture',
  'published',
  'unpublished',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const caseStatusSchema = z.enum(caseStatuses);
export const caseStatusLabels: Record<CaseStatus, Labels> = {
  draft: { ja: '下書き', en: 'Draft' },
  awaiting_municipality: { ja: '市町村の承認待ち', en: 'Awaiting the municipality' },
  awaiting_prefecture: { ja: '県の承認待ち', en: 'Awaiting the prefecture' },
  published: { ja: '公開中', en: 'Published' },
  unpublished: { ja: '公開停止', en: 'Unpublished' },
};

export const municipalityKinds = ['city', 'town', 'village', 'ward'] as const;

const text = (max: number) => z.string().trim().max(max);

/** The fields a drafter writes. */
export const caseFields = {
  title: text(120).min(1),
  challengeAreas: z.array(challengeAreaSchema).min(1).max(10),
  challenge: text(4000),
  approach: text(4000),
  tools: text(1000),
  costThousandYen: z.number().int().min(0).max(100_000_000).nullable(),
  effect: text(4000),
  companyName: text(200),
};

export const caseCreateSchema = z.object({
  municipalityId: z.uuid(),
  fiscalYearId: z.uuid(),
  menuProposalId: z.uuid().nullable().optional(),
  supportProjectId: z.uuid().nullable().optional(),
  title: caseFields.title,
  challengeAreas: caseFields.challengeAreas,
  challenge: caseFields.challenge.optional(),
  approach: caseFields.approach.optional(),
  tools: caseFields.tools.optional(),
  costThousandYen: caseFields.costThousandYen.optional(),
  effect: caseFields.effect.optional(),
  companyName: caseFields.companyName.optional(),
  isIllustrative: z.boolean().optional(),
});
export type CaseCreate = z.infer<typeof caseCreateSchema>;

export const caseFromProjectSchema = z.object({ projectId: z.uuid() });
export type CaseFromProject = z.infer<typeof caseFromProjectSchema>;

export const casePatchSchema = z.object({
  version: versionSchema,
  menuProposalId: z.uuid().nullable().optional(),
  title: caseFields.title.optional(),
  challengeAreas: caseFields.challengeAreas.optional(),
  challenge: caseFields.challenge.optional(),
  approach: caseFields.approach.optional(),
  tools: caseFields.tools.optional(),
  costThousandYen: caseFields.costThousandYen.optional(),
  effect: caseFields.effect.optional(),
  companyName: caseFields.companyName.optional(),
  isIllustrative: z.boolean().optional(),
});
export type CasePatch = z.infer<typeof casePatchSchema>;

export const caseVersionSchema = z.object({ version: versionSchema });
export const caseReturnSchema = z.object({
  version: versionSchema,
  comment: text(2000).min(1),
});
export type CaseReturn = z.infer<typeof caseReturnSchema>;

export const caseListQuerySchema = z.object({
  status: caseStatusSchema.optional(),
  q: z.string().max(100).optional(),
});

const labelled = z.object({ id: z.string(), name: z.string(), nameEn: z.string() });

/** A case as the pages read it: the master's facts about its municipality, the menu's title, the year. */
export const caseSchema = z.object({
  id: z.uuid(),
  status: caseStatusSchema,
  title: z.string(),
  challengeAreas: z.array(challengeAreaSchema),
  challenge: z.string(),
  approach: z.string(),
  tools: z.string(),
  costThousandYen: z.number().int().nullable(),
  effect: z.string(),
  companyName: z.string(),
  isIllustrative: z.boolean(),
  municipality: z.object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string(),
    kind: z.string(),
    populationBand: z.string(),
    region: labelled,
  }),
  fiscalYear: z.object({ id: z.string(), year: z.number().int() }),
  menu: z.object({ id: z.string(), title: z.string() }).nullable(),
  publishedAt: z.string().nullable(),
});
export type CaseStudy = z.infer<typeof caseSchema>;

/** A case as its drafters and approvers see it: workflow fields and what the caller may do. */
export const caseDetailSchema = caseSchema.extend({
  version: z.number().int(),
  supportProjectId: z.string().nullable(),
  organizationId: z.string().nullable(),
  returnComment: z.string().nullable(),
  returnedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  municipalityApprovedAt: z.string().nullable(),
  unpublishedAt: z.string().nullable(),
  updatedAt: z.string(),
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    approve: z.boolean(),
    return: z.boolean(),
    unpublish: z.boolean(),
  }),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const caseListSchema = z.object({
  items: z.array(caseDetailSchema),
  can: z.object({ create: z.boolean() }),
});

// ---------------------------------------------------------------------------
// Public
// ---------------------------------------------------------------------------

export const publicCasesPageSize = 20;

export const publicCaseQuerySchema = z.object({
  /** Two-digit prefecture code; omitted: the signed-in user's, else the first prefecture. */
  prefecture: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  /** Words searched in title, challenge, approach and effect (all must appear). */
  q: z.string().max(100).optional(),
  area: challengeAreaSchema.optional(),
  regionId: z.uuid().optional(),
  kind: z.enum(municipalityKinds).optional(),
  menuId: z.uuid().optional(),
  fiscalYear: z.coerce.number().int().min(2000).max(2999).optional(),
  page: z.coerce.number().int().min(1).max(1000).optional(),
});
export type PublicCaseQuery = z.infer<typeof publicCaseQuerySchema>;

export const publicPrefectureQuerySchema = z.object({
  prefecture: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
});

export const publicCaseListSchema = z.object({
  prefecture: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
  items: z.array(caseSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** What the filters offer: only values some published case has. */
  facets: z.object({
    regions: z.array(labelled),
    menus: z.array(z.object({ id: z.string(), title: z.string() })),
    fiscalYears: z.array(z.number().int()),
  }),
});
export type PublicCaseList = z.infer<typeof publicCaseListSchema>;

export const publicCaseCollectionSchema = z.object({
  prefecture: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
  items: z.array(caseSchema),
});
export type PublicCaseCollection = z.infer<typeof publicCaseCollectionSchema>;

export const municipalityKindLabels: Record<(typeof municipalityKinds)[number], Labels> = {
  city: { ja: '市', en: 'City' },
  town: { ja: '町', en: 'Town' },
  village: { ja: '村', en: 'Village' },
  ward: { ja: '区', en: 'Ward' },
};
