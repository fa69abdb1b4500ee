import { createRoute, z } from '@hono/zod-openapi';
import { challengeAreaLabels } from '../../../shared/challenge-areas';
import {
  advisorListQuerySchema,
  advisorListSchema,
  advisorProfilePutSchema,
  advisorProfileSchema,
  assignmentCreateSchema,
  catalogListSchema,
  catalogQuerySchema,
  conflictBodySchema,
  fiscalYearQuerySchema,
  menuDetailSchema,
  menuFormatLabels,
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
  proposalStatusLabels,
  rankingSchema,
  recommendationListSchema,
  recommendationsQuerySchema,
  reviewerListSchema,
  reviewPutSchema,
  reviewSchema,
  reviewStatusLabels,
  versionBodySchema,
  versionQuerySchema,
} from '../../../shared/schemas/menus';
import { createRouter, errorBodySchema, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import { writeWorkbook } from '../../platform/spreadsheet';
import type { MenusService } from './menus.service';

const idParams = z.object({ id: z.uuid() });
const fyParams = z.object({ fiscalYearId: z.uuid() });
const userParams = z.object({ userId: z.uuid() });

const readErrors = { ...standardErrors, 404: jsonContent(errorBodySchema, 'Not found') } as const;
const writeErrors = {
  ...readErrors,
  409: jsonContent(errorBodySchema, 'Version conflict (with the current record) or duplicate'),
} as const;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const xlsxResponse = {
  200: { description: 'xlsx workbook', content: { [XLSX]: { schema: z.any() } } },
  ...readErrors,
};

function xlsx(bytes: Uint8Array, fileName: string): Response {
  return new Response(bytes as unknown as BodyInit, {
    status: 200,
    headers: {
      'content-type': XLSX,
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
    },
  });
}

const areasJa = (areas: readonly (keyof typeof challengeAreaLabels)[]) =>
  areas.map((a) => challengeAreaLabels[a].ja).join('、');

export function createMenusRoutes(service: MenusService) {
  const router = createRouter();
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
      summary: 'Menus ranked by fit to a municipality’s needs profile, with structured reasons',
      request: { query: recommendationsQuerySchema },
      responses: { 200: jsonContent(recommendationListSchema, 'Recommendations'), ...readErrors },
    }),
    async (c) => c.json(await service.recommendations(requestContext(c), c.req.valid('query')), 200),
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
      summary: 'An advisor profile',
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

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/exports/proposals.xlsx',
      tags,
      summary: 'Proposals of a year as xlsx',
      request: { query: fiscalYearQuerySchema },
      responses: xlsxResponse,
    }),
    async (c) => {
      const data = await service.exportData(requestContext(c), c.req.valid('query').fiscalYearId);
      const bytes = await writeWorkbook([
        {
          name: '提案一覧',
          columns: [
            { header: 'メニュー名', key: 'title', width: 36 },
            { header: '提案企業', key: 'company', width: 30 },
            { header: '状態', key: 'status', width: 10 },
            { header: '課題分野', key: 'areas', width: 40 },
            { header: '実施形態', key: 'format', width: 16 },
            { header: '受入可能団体数', key: 'capacity' },
            { header: '単価（千円）', key: 'cost' },
            { header: '予定時間', key: 'hours' },
            { header: '訪問日数', key: 'days' },
            { header: '対象地域', key: 'regions', width: 24 },
            { header: 'アドバイザー', key: 'advisors', width: 30 },
            { header: '決定理由', key: 'reason', width: 40 },
          ],
          rows: data.proposals.map((p) => ({
            title: p.title,
            company: p.organizationName,
            status: proposalStatusLabels[p.status].ja,
            areas: areasJa(p.challengeAreas),
            format: menuFormatLabels[p.format].ja,
            capacity: p.capacity,
            cost: p.unitCostThousandYen,
            hours: p.plannedHours,
            days: p.onsiteDays,
            regions: p.regions.length === 0 ? '県内全域' : p.regions.map((r) => r.name).join('、'),
            advisors: p.advisors.map((a) => a.displayName).join('、'),
            reason: p.decisionReason ?? '',
          })),
        },
      ]);
      return xlsx(bytes, `menu-proposals-${data.year}.xlsx`);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/exports/scores.xlsx',
      tags,
      summary: 'Scores per reviewer and weighted totals as xlsx',
      request: { query: fiscalYearQuerySchema },
      responses: xlsxResponse,
    }),
    async (c) => {
      const ctx = requestContext(c);
      const fiscalYearId = c.req.valid('query').fiscalYearId;
      const data = await service.exportData(ctx, fiscalYearId);
      const ranking = await service.ranking(ctx, fiscalYearId);
      const titles = new Map(data.proposals.map((p) => [p.id, p]));
      const bytes = await writeWorkbook([
        {
          name: '審査結果',
          columns: [
            { header: '順位', key: 'rank', width: 8 },
            { header: 'メニュー名', key: 'title', width: 36 },
            { header: '提案企業', key: 'company', width: 30 },
            { header: '加重平均点', key: 'total' },
            { header: '審査員間の差', key: 'spread' },
            { header: '提出済み審査数', key: 'submitted' },
            { header: '状態', key: 'status', width: 10 },
          ],
          rows: ranking.items.map((r) => ({
            rank: r.rank,
            title: r.proposal.title,
            company: r.proposal.organizationName,
            total: r.weightedTotal,
            spread: r.spread,
            submitted: r.submittedReviews,
            status: proposalStatusLabels[r.proposal.status].ja,
          })),
        },
        {
          name: '審査員別',
          columns: [
            { header: 'メニュー名', key: 'title', width: 36 },
            { header: '審査員', key: 'reviewer', width: 20 },
            { header: '状態', key: 'status', width: 16 },
            ...data.criteria.map((cr) => ({ header: `${cr.label}（${cr.weight}）`, key: `c_${cr.key}` })),
            { header: '加重平均点', key: 'total' },
            { header: 'コメント', key: 'comment', width: 40 },
          ],
          rows: data.reviews.map((r) => ({
            title: titles.get(r.proposalId)?.title ?? '',
            reviewer: r.reviewerName,
            status: reviewStatusLabels[r.status].ja,
            ...Object.fromEntries(data.criteria.map((cr) => [`c_${cr.key}`, r.scores[cr.key] ?? null])),
            total: r.weightedTotal,
            comment: r.status === 'conflict' ? (r.conflictReason ?? '') : r.comment,
          })),
        },
      ]);
      return xlsx(bytes, `menu-scores-${data.year}.xlsx`);
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/menus/exports/catalog.xlsx',
      tags,
      summary: 'The catalog of selected menus as xlsx',
      request: { query: fiscalYearQuerySchema },
      responses: xlsxResponse,
    }),
    async (c) => {
      const data = await service.exportCatalog(requestContext(c), c.req.valid('query').fiscalYearId);
      const bytes = await writeWorkbook([
        {
          name: '支援メニュー',
          columns: [
            { header: 'メニュー名', key: 'title', width: 36 },
            { header: '提供企業', key: 'company', width: 30 },
            { header: '課題分野', key: 'areas', width: 40 },
            { header: '実施形態', key: 'format', width: 16 },
            { header: '単価（千円）', key: 'cost' },
            { header: '受入可能団体数', key: 'capacity' },
            { header: '対象地域', key: 'regions', width: 24 },
            { header: '内容', key: 'description', width: 60 },
          ],
          rows: data.items.map((m) => ({
            title: m.title,
            company: m.organizationName,
            areas: areasJa(m.challengeAreas),
            format: menuFormatLabels[m.format].ja,
            cost: m.unitCostThousandYen,
            capacity: m.capacity,
            regions: m.regions.length === 0 ? '県内全域' : m.regions.map((r) => r.name).join('、'),
            description: m.description,
          })),
        },
      ]);
      return xlsx(bytes, `menu-catalog-${data.year}.xlsx`);
    },
  );

  return router;
}
