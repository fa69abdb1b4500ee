import { createRoute, z } from '@hono/zod-openapi';
import {
  budgetReportSchema,
  municipalityProfileSchema,
  openDataCatalogSchema,
  openDataFileParamsSchema,
  reportExportQuerySchema,
  summarySheetListSchema,
  summarySheetSchema,
} from '../../../shared/schemas/reports';
import { fileResponse, mediaTypes } from '../../platform/file-response';
import { createRouter, errorBodySchema, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { ReportFile } from './reports.exports';
import type { ReportsService } from './reports.service';

const idParams = z.object({ id: z.uuid() });
const readErrors = { ...standardErrors, 404: jsonContent(errorBodySchema, 'Not found') } as const;
const exportResponses = {
  200: {
    description: 'xlsx workbook or CSV (UTF-8 with BOM)',
    content: {
      [mediaTypes.xlsx]: { schema: z.string().openapi({ format: 'binary' }) },
      [mediaTypes.csv]: { schema: z.string().openapi({ format: 'binary' }) },
    },
  },
  ...readErrors,
} as const;

function sendFile(file: ReportFile): Response {
  return fileResponse(file.bytes, {
    fileName: file.fileName,
    contentType: file.format === 'csv' ? mediaTypes.csv : mediaTypes.xlsx,
  });
}

/** Budget, summary sheets, municipality profiles (signed in) and open data (public). */
export function createReportsRoutes(service: ReportsService) {
  const router = createRouter();
  const tags = ['reports'];

  router.openapi(
    createRoute({
      method: 'get',
      path: '/reports/budget',
      tags,
      summary: 'Budget, committed, spent and remaining per program and fiscal year (prefecture, council)',
      responses: { 200: jsonContent(budgetReportSchema, 'Budget'), ...readErrors },
    }),
    async (c) => c.json(await service.budget(requestContext(c)), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/reports/budget/export',
      tags,
      summary: 'The budget table as xlsx or CSV',
      request: { query: reportExportQuerySchema },
      responses: exportResponses,
    }),
    async (c) =>
      sendFile(await service.budgetExport(requestContext(c), c.req.valid('query').format)) as never,
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/reports/summary-sheets',
      tags,
      summary: 'Programs that have a summary sheet (事業概要), newest year first',
      responses: { 200: jsonContent(summarySheetListSchema, 'Programs'), ...readErrors },
    }),
    async (c) => c.json(await service.summarySheets(requestContext(c)), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/reports/summary-sheets/{id}',
      tags,
      summary: 'The summary sheet (事業概要) of one program, generated from the data',
      request: { params: idParams },
      responses: { 200: jsonContent(summarySheetSchema, 'Summary sheet'), ...readErrors },
    }),
    async (c) => c.json(await service.summarySheet(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/reports/summary-sheets/{id}/export',
      tags,
      summary: 'The summary sheet as xlsx or CSV',
      request: { params: idParams, query: reportExportQuerySchema },
      responses: exportResponses,
    }),
    async (c) =>
      sendFile(
        await service.summarySheetExport(
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('query').format,
        ),
      ) as never,
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/reports/municipalities/{id}/profile',
      tags,
      summary:
        'A municipality’s profile beside anonymised prefecture averages (prefecture, council, the town)',
      request: { params: idParams },
      responses: { 200: jsonContent(municipalityProfileSchema, 'Profile'), ...readErrors },
    }),
    async (c) => c.json(await service.municipalityProfile(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/reports/municipalities/{id}/profile/export',
      tags,
      summary: 'A municipality’s profile as xlsx or CSV',
      request: { params: idParams, query: reportExportQuerySchema },
      responses: exportResponses,
    }),
    async (c) =>
      sendFile(
        await service.profileExport(requestContext(c), c.req.valid('param').id, c.req.valid('query').format),
      ) as never,
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/open-data',
      tags: ['open-data'],
      summary: 'Open datasets (CC BY 4.0), no sign-in: descriptions, columns, update times, file names',
      responses: { 200: jsonContent(openDataCatalogSchema, 'Catalog'), ...readErrors },
    }),
    async (c) => c.json(await service.openDataCatalog(), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/open-data/{file}',
      tags: ['open-data'],
      summary:
        'One dataset as CSV (UTF-8 with BOM) or JSON with licence and attribution, e.g. 070009_support_projects.csv',
      request: { params: openDataFileParamsSchema },
      responses: {
        200: {
          description: 'CSV or JSON',
          content: {
            [mediaTypes.csv]: { schema: z.string().openapi({ format: 'binary' }) },
            [mediaTypes.json]: { schema: z.string() },
          },
        },
        ...readErrors,
      },
    }),
    async (c) => {
      const file = await service.openDataFile(c.req.valid('param').file, requestContext(c).now);
      return fileResponse(file.body, {
        fileName: file.fileName,
        contentType: file.format === 'csv' ? mediaTypes.csv : mediaTypes.json,
      }) as never;
    },
  );

  return router;
}
