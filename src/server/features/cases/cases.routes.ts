import { createRoute, z } from '@hono/zod-openapi';
import {
  caseCreateSchema,
  caseDetailSchema,
  caseFromProjectSchema,
  caseListQuerySchema,
  caseListSchema,
  casePatchSchema,
  caseReturnSchema,
  caseSchema,
  caseVersionSchema,
  publicCaseCollectionSchema,
  publicCaseListSchema,
  publicCaseQuerySchema,
  publicPrefectureQuerySchema,
} from '../../../shared/schemas/cases';
import { fileContent, fileResponse, mediaTypes } from '../../platform/file-response';
import { createRouter, errorBodySchema, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { CasesService } from './cases.service';

const idParams = z.object({ id: z.uuid() });
const readErrors = { ...standardErrors, 404: jsonContent(errorBodySchema, 'Not found') } as const;
const writeErrors = {
  ...readErrors,
  409: jsonContent(errorBodySchema, 'Version conflict (with the current record)'),
} as const;
const publicErrors = {
  404: jsonContent(errorBodySchema, 'Not found (or not published)'),
  422: jsonContent(errorBodySchema, 'Invalid query'),
} as const;

/** The case library: the workflow for signed-in users and the public library (see the contract's header). */
export function createCasesRoutes(service: CasesService) {
  const router = createRouter();
  const tags = ['cases'];

  // ---- Public (no sign-in) --------------------------------------------------------------------
  router.openapi(
    createRoute({
      method: 'get',
      path: '/public/cases',
      tags,
      summary: 'Published cases: search, filters, one page',
      request: { query: publicCaseQuerySchema },
      responses: { 200: jsonContent(publicCaseListSchema, 'Cases'), ...publicErrors },
    }),
    async (c) => c.json(await service.searchPublicCases(requestContext(c), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/public/cases/collection',
      tags,
      summary: 'Every published case in full (the printable booklet)',
      request: { query: publicPrefectureQuerySchema },
      responses: { 200: jsonContent(publicCaseCollectionSchema, 'Collection'), ...publicErrors },
    }),
    async (c) =>
      c.json(await service.publicCollection(requestContext(c), c.req.valid('query').prefecture), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/public/cases/export',
      tags,
      summary: 'Every published case as an xlsx workbook (Japanese headers)',
      request: { query: publicPrefectureQuerySchema },
      responses: { 200: fileContent(mediaTypes.xlsx, 'xlsx'), ...publicErrors },
    }),
    async (c) => {
      const file = await service.exportPublicCases(requestContext(c), c.req.valid('query').prefecture);
      return fileResponse(file.bytes, { fileName: file.fileName, contentType: mediaTypes.xlsx });
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/public/cases/{id}',
      tags,
      summary: 'One published case',
      request: { params: idParams },
      responses: { 200: jsonContent(caseSchema, 'Case'), ...publicErrors },
    }),
    async (c) => c.json(await service.getPublicCase(requestContext(c), c.req.valid('param').id), 200),
  );

  // ---- Workflow (signed in) -------------------------------------------------------------------
  router.openapi(
    createRoute({
      method: 'get',
      path: '/cases',
      tags,
      summary: 'Cases the caller drafts or approves',
      request: { query: caseListQuerySchema },
      responses: { 200: jsonContent(caseListSchema, 'Cases'), ...readErrors },
    }),
    async (c) => c.json(await service.listCases(requestContext(c), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/cases',
      tags,
      summary: 'Draft a case (the prefecture for any municipality; a company for its own project)',
      request: { body: jsonBody(caseCreateSchema) },
      responses: { 201: jsonContent(caseDetailSchema, 'Created'), ...writeErrors },
    }),
    async (c) => c.json(await service.createCase(requestContext(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/cases/from-project',
      tags,
      summary: 'Draft a case pre-filled from the project’s approved completion report',
      request: { body: jsonBody(caseFromProjectSchema) },
      responses: { 201: jsonContent(caseDetailSchema, 'Created'), ...writeErrors },
    }),
    async (c) => c.json(await service.createFromProject(requestContext(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/cases/{id}',
      tags,
      summary: 'A case with what the caller may do',
      request: { params: idParams },
      responses: { 200: jsonContent(caseDetailSchema, 'Case'), ...readErrors },
    }),
    async (c) => c.json(await service.getCase(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/cases/{id}',
      tags,
      summary: 'Edit a draft (or an unpublished case)',
      request: { params: idParams, body: jsonBody(casePatchSchema) },
      responses: { 200: jsonContent(caseDetailSchema, 'Updated'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.updateCase(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/cases/{id}/submit',
      tags,
      summary: 'Ask the municipality to approve it',
      request: { params: idParams, body: jsonBody(caseVersionSchema) },
      responses: { 200: jsonContent(caseDetailSchema, 'Submitted'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.submitCase(requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/cases/{id}/approve',
      tags,
      summary: 'Approve the current step (the municipality, then the prefecture: published)',
      request: { params: idParams, body: jsonBody(caseVersionSchema) },
      responses: { 200: jsonContent(caseDetailSchema, 'Approved'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.approveCase(requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/cases/{id}/return',
      tags,
      summary: 'Ask for changes (the approver of the current step), with a comment',
      request: { params: idParams, body: jsonBody(caseReturnSchema) },
      responses: { 200: jsonContent(caseDetailSchema, 'Returned'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.returnCase(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/cases/{id}/unpublish',
      tags,
      summary: 'Take a published case back (the prefecture)',
      request: { params: idParams, body: jsonBody(caseVersionSchema) },
      responses: { 200: jsonContent(caseDetailSchema, 'Unpublished'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.unpublishCase(requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
        200,
      ),
  );

  return router;
}
