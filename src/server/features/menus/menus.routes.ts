import { createRoute, z } from '@hono/zod-openapi';
import {
  advisorListQuerySchema,
  advisorListSchema,
  advisorProfilePutSchema,
  advisorProfileSchema,
  assignmentCreateSchema,
  bulkAssignmentResultSchema,
  bulkAssignmentSchema,
  catalogListSchema,
  catalogQuerySchema,
  conflictBodySchema,
  fiscalYearQuerySchema,
  menuDetailSchema,
  menuSettingsPutSchema,
  menuSettingsSchema,
  myReviewListSchema,
  proposalCreateSchema,
  proposalDecisionBodySchema,
  proposalListQuerySchema,
  proposalListSchema,
  proposalPatchSchema,
  proposalReviewsSchema,
  proposalSchema,
  rankingSchema,
  recommendationListSchema,
  recommendationsQuerySchema,
  reviewerListSchema,
  reviewPutSchema,
  reviewSchema,
  versionBodySchema,
  versionQuerySchema,
} from '../../../shared/schemas/menus';
import { createRouter, errorBodySchema, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { createJsonAnswers } from '../../platform/json-answer';
import { requestContext } from '../../platform/middleware';
import { fileContent, fileResponse, mediaTypes } from '../../platform/file-response';
import type { ExportedFile } from './menus.exports';
import type { MenusService } from './menus.service';

const idParams = z.object({ id: z.uuid() });
const fyParams = z.object({ fiscalYearId: z.uuid() });
const userParams = z.object({ userId: z.uuid() });

const readErrors = { ...standardErrors, 404: jsonContent(errorBodySchema, 'Not found') } as const;
const writeErrors = {
  ...readErrors,
  409: jsonContent(errorBodySchema, 'Version conflict (with the current record) or duplicate'),
} as const;

export function createMenusRoutes(service: MenusService) {
  const router = createRouter();
  const jsonAnswer = createJsonAnswers();
  const tags = ['menus'];

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/settings',
      tags,
      summary: 'Rubric and proposal deadline of a fiscal year',
      request: { query: fiscalYearQuerySchema },
      responses: { 200: jsonContent(menuSettingsSchema, 'Settings'), ...readErrors },
    }),
    async (c) => c.json(await service.getSettings(requestContext(c), c.req.valid('query').fiscalYearId), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/menus/settings/{fiscalYearId}',
      tags,
      summary: 'Set the rubric (criteria with weights, 1–5) and the call deadline',
      request: { params: fyParams, body: jsonBody(menuSettingsPutSchema) },
      responses: { 200: jsonContent(menuSettingsSchema, 'Saved'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.putSettings(requestContext(c), c.req.valid('param').fiscalYearId, c.req.valid('json')),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/reviewers',
      tags,
      summary: 'Users holding the reviewer role',
      responses: { 200: jsonContent(reviewerListSchema, 'Reviewers'), ...standardErrors },
    }),
    async (c) => c.json({ items: await service.reviewers(requestContext(c)) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/proposals',
      tags,
      summary: 'Proposals the caller may see (admin: all; company: own; reviewer: assigned)',
      request: { query: proposalListQuerySchema },
      responses: { 200: jsonContent(proposalListSchema, 'Proposals'), ...readErrors },
    }),
    async (c) => c.json({ items: await service.listProposals(requestContext(c), c.req.valid('query')) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/menus/proposals',
      tags,
      summary: 'Create a draft proposal for the caller’s company',
      request: { body: jsonBody(proposalCreateSchema) },
      responses: { 201: jsonContent(proposalSchema, 'Created'), ...writeErrors },
    }),
    async (c) => c.json(await service.createProposal(requestContext(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/proposals/{id}',
      tags,
      summary: 'A proposal',
      request: { params: idParams },
      responses: { 200: jsonContent(proposalSchema, 'Proposal'), ...readErrors },
    }),
    async (c) => c.json(await service.getProposal(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/menus/proposals/{id}',
      tags,
      summary: 'Edit a draft or returned proposal',
      request: { params: idParams, body: jsonBody(proposalPatchSchema) },
      responses: { 200: jsonContent(proposalSchema, 'Updated'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.updateProposal(requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/menus/proposals/{id}/submit',
      tags,
      summary: 'Submit a proposal (before the deadline; a returned one at any time)',
      request: { params: idParams, body: jsonBody(versionBodySchema) },
      responses: { 200: jsonContent(proposalSchema, 'Submitted'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.submitProposal(requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/menus/proposals/{id}/decision',
      tags,
      summary: 'Decide: selected / not selected / needs modification; the company is mailed the reason',
      request: { params: idParams, body: jsonBody(proposalDecisionBodySchema) },
      responses: { 200: jsonContent(proposalSchema, 'Decided'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.decide(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/menus/proposals/{id}/assignments',
      tags,
      summary: 'Assign a reviewer to a proposal',
      request: { params: idParams, body: jsonBody(assignmentCreateSchema) },
      responses: { 201: jsonContent(reviewSchema, 'Assigned'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.assign(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/menus/assignments/bulk',
      tags,
      summary:
        'Assign every selected reviewer to every selected proposal (≤50 × ≤20) in one transaction; existing and conflicting pairs are skipped',
      request: { body: jsonBody(bulkAssignmentSchema) },
      responses: {
        200: jsonContent(bulkAssignmentResultSchema, 'Assigned and skipped pairs'),
        ...writeErrors,
      },
    }),
    async (c) => c.json(await service.assignMany(requestContext(c), c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/menus/assignments/{id}',
      tags,
      summary: 'Remove an assignment not yet submitted',
      request: { params: idParams, query: versionQuerySchema },
      responses: { 204: { description: 'Removed' }, ...writeErrors },
    }),
    async (c) => {
      await service.unassign(requestContext(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/proposals/{id}/reviews',
      tags,
      summary: 'Reviews of a proposal (a reviewer sees others only after submitting their own)',
      request: { params: idParams },
      responses: { 200: jsonContent(proposalReviewsSchema, 'Reviews'), ...readErrors },
    }),
    async (c) => c.json(await service.proposalReviews(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/reviews/mine',
      tags,
      summary: 'The caller’s review assignments of a year',
      request: { query: fiscalYearQuerySchema },
      responses: { 200: jsonContent(myReviewListSchema, 'Assignments'), ...readErrors },
    }),
    async (c) => c.json(await service.myReviews(requestContext(c), c.req.valid('query').fiscalYearId), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/menus/reviews/{id}',
      tags,
      summary: 'Save scores and comment (not yet submitted)',
      request: { params: idParams, body: jsonBody(reviewPutSchema) },
      responses: { 200: jsonContent(reviewSchema, 'Saved'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.saveReview(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/menus/reviews/{id}/submit',
      tags,
      summary: 'Submit a review (every criterion scored)',
      request: { params: idParams, body: jsonBody(versionBodySchema) },
      responses: { 200: jsonContent(reviewSchema, 'Submitted'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.submitReview(requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/menus/reviews/{id}/conflict',
      tags,
      summary: 'Declare a conflict of interest (the reviewer does not score)',
      request: { params: idParams, body: jsonBody(conflictBodySchema) },
      responses: { 200: jsonContent(reviewSchema, 'Declared'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.declareConflict(requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/ranking',
      tags,
      summary: 'Submitted proposals ranked by weighted total, with spread between reviewers',
      request: { query: fiscalYearQuerySchema },
      responses: { 200: jsonContent(rankingSchema, 'Ranking'), ...readErrors },
    }),
    async (c) => c.json(await service.ranking(requestContext(c), c.req.valid('query').fiscalYearId), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/catalog',
      tags,
      summary: 'Selected menus of a year, filtered by area, format, region, cost and text',
      request: { query: catalogQuerySchema },
      responses: { 200: jsonContent(catalogListSchema, 'Catalog'), ...readErrors },
    }),
    async (c) => c.json({ items: await service.catalog(requestContext(c), c.req.valid('query')) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/catalog/{id}',
      tags,
      summary: 'A selected menu with its company, advisors and past outcomes',
      request: { params: idParams },
      responses: { 200: jsonContent(menuDetailSchema, 'Menu'), ...readErrors },
    }),
    async (c) => c.json(await service.menuDetail(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/recommendations',
      tags,
      summary:
        'Menus ranked by fit to a municipality’s needs profile, with structured reasons (the municipality itself and the prefecture only)',
      request: { query: recommendationsQuerySchema },
      responses: { 200: jsonContent(recommendationListSchema, 'Recommendations'), ...readErrors },
    }),
    // Kept until the next write; its JSON made once (platform/json-answer.ts).
    async (c) => jsonAnswer(c, await service.recommendations(requestContext(c), c.req.valid('query'))),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/advisors',
      tags,
      summary: 'Members of a company with their advisor profiles',
      request: { query: advisorListQuerySchema },
      responses: { 200: jsonContent(advisorListSchema, 'Advisors'), ...readErrors },
    }),
    async (c) =>
      c.json(
        { items: await service.listAdvisors(requestContext(c), c.req.valid('query').organizationId) },
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/advisors/{userId}',
      tags,
      summary:
        'An advisor profile (any company member for the prefecture and the member’s company; for others, advisors only)',
      request: { params: userParams },
      responses: { 200: jsonContent(advisorProfileSchema, 'Profile'), ...readErrors },
    }),
    async (c) => c.json(await service.getAdvisor(requestContext(c), c.req.valid('param').userId), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/menus/advisors/{userId}',
      tags,
      summary: 'Save an advisor profile (the advisor or their company)',
      request: { params: userParams, body: jsonBody(advisorProfilePutSchema) },
      responses: { 200: jsonContent(advisorProfileSchema, 'Saved'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.putAdvisor(requestContext(c), c.req.valid('param').userId, c.req.valid('json')),
        200,
      ),
  );

  const exportRoute = (
    path: string,
    summary: string,
    make: (ctx: ReturnType<typeof requestContext>, fiscalYearId: string) => Promise<ExportedFile>,
  ) =>
    router.openapi(
      createRoute({
        method: 'get',
        path,
        tags,
        summary,
        request: { query: fiscalYearQuerySchema },
        responses: { 200: fileContent(mediaTypes.xlsx, 'xlsx workbook'), ...readErrors },
      }),
      async (c) => {
        const file = await make(requestContext(c), c.req.valid('query').fiscalYearId);
        return fileResponse(file.bytes, { fileName: file.fileName, contentType: mediaTypes.xlsx });
      },
    );

  exportRoute('/menus/exports/proposals.xlsx', 'Proposals of a year as xlsx', service.proposalsExport);
  exportRoute(
    '/menus/exports/scores.xlsx',
    'Scores per reviewer and weighted totals as xlsx',
    service.scoresExport,
  );
  exportRoute('/menus/exports/catalog.xlsx', 'The catalog of selected menus as xlsx', service.catalogExport);

  return router;
}
