import { createRoute, z } from '@hono/zod-openapi';
import {
  coverageSchema,
  dashboardExportQuerySchema,
  dashboardQuerySchema,
  leftBehindSchema,
  maturityDashboardSchema,
  seminarDashboardSchema,
} from '../../../shared/schemas/dashboards';
import { fileContent, fileResponse, mediaTypes } from '../../platform/file-response';
import { createRouter, errorBodySchema, jsonContent, standardErrors } from '../../platform/http';
import { createJsonAnswers } from '../../platform/json-answer';
import { requestContext } from '../../platform/middleware';
import type { DashboardsService } from './dashboards.service';

const notFound = { 404: jsonContent(errorBodySchema, 'Not found') } as const;

export function createDashboardsRoutes(service: DashboardsService) {
  const router = createRouter();
  // The cached views' text, compressed once per encoding (platform/json-answer.ts).
  const jsonAnswer = createJsonAnswers();
  router.openapi(
    createRoute({
      method: 'get',
      path: '/dashboards/coverage',
      tags: ['dashboards'],
      summary:
        'Support coverage per municipality and year; progress toward every municipality in three years',
      request: { query: dashboardQuerySchema },
      responses: { 200: jsonContent(coverageSchema, 'Coverage'), ...standardErrors },
    }),
    // The view's JSON is serialized once per data generation (ADR 014), not per request.
    async (c) => jsonAnswer(c, await service.coverageJson(requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/dashboards/maturity',
      tags: ['dashboards'],
      summary: 'Maturity levels, their distribution, the region × challenge-area heatmap and trends',
      request: { query: dashboardQuerySchema },
      responses: { 200: jsonContent(maturityDashboardSchema, 'Maturity'), ...standardErrors },
    }),
    async (c) => jsonAnswer(c, await service.maturityJson(requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/dashboards/seminars',
      tags: ['dashboards'],
      summary: 'Seminar reach by audience (heads, staff), municipality and region',
      request: { query: dashboardQuerySchema },
      responses: { 200: jsonContent(seminarDashboardSchema, 'Seminar reach'), ...standardErrors },
    }),
    async (c) => c.json(await service.seminars(requestContext(c), c.req.valid('query')), 200),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/dashboards/left-behind',
      tags: ['dashboards'],
      summary: 'Municipalities left behind, with the reasons and links to the next action',
      request: { query: dashboardQuerySchema },
      responses: { 200: jsonContent(leftBehindSchema, 'Left behind'), ...standardErrors },
    }),
    async (c) => c.json(await service.leftBehind(requestContext(c), c.req.valid('query')), 200),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/dashboards/export',
      tags: ['dashboards'],
      summary: 'One dashboard table as xlsx or CSV (UTF-8 with BOM)',
      request: { query: dashboardExportQuerySchema },
      responses: {
        200: {
          description: 'The table',
          content: {
            [mediaTypes.xlsx]: fileContent(mediaTypes.xlsx, 'xlsx').content[mediaTypes.xlsx],
            [mediaTypes.csv]: fileContent(mediaTypes.csv, 'CSV').content[mediaTypes.csv],
          },
        },
        ...standardErrors,
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const file = await service.exportTable(requestContext(c), query);
      return fileResponse(file.body, {
        fileName: file.fileName,
        contentType: query.format === 'xlsx' ? mediaTypes.xlsx : mediaTypes.csv,
      });
    },
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/dashboards/boundaries',
      tags: ['dashboards'],
      summary: 'Municipality boundaries of the prefecture (TopoJSON; N03_007 = five-digit code)',
      responses: {
        200: jsonContent(z.object({ type: z.literal('Topology') }).passthrough(), 'TopoJSON topology'),
        ...standardErrors,
        ...notFound,
      },
    }),
    async (c) => jsonAnswer(c, await service.boundaries(requestContext(c))),
  );
  return router;
}
