import { createRoute, z } from '@hono/zod-openapi';
import {
  applicationCreateSchema,
  applicationListSchema,
  applicationLockSchema,
  applicationPatchSchema,
  applicationSchema,
  callCreateSchema,
  callListQuerySchema,
  callListSchema,
  callPatchSchema,
  callSchema,
  historyImportReportSchema,
  plannerQuerySchema,
  plannerSchema,
  prefillQuerySchema,
  prefillSchema,
  runCreateSchema,
  runDetailSchema,
  runListSchema,
  runSummarySchema,
  supportProjectListSchema,
  supportProjectQuerySchema,
  versionBodySchema,
} from '../../../shared/schemas/applications';
import { AppError } from '../../platform/errors';
import { createRouter, errorBodySchema, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { ApplicationsService } from './applications.service';

const idParams = z.object({ id: z.uuid() });
const readErrors = { ...standardErrors, 404: jsonContent(errorBodySchema, 'Not found') } as const;
const writeErrors = {
  ...readErrors,
  409: jsonContent(errorBodySchema, 'Version conflict (with the current record) or duplicate'),
} as const;

/** Calls, applications, allocation runs, publication, support projects and the planner (see the contract's header). */
export function createApplicationsRoutes(service: ApplicationsService) {
  const router = createRouter();
  const tags = ['applications'];

  // ---- Calls -------------------------------------------------------------------------------
  router.openapi(
    createRoute({
      method: 'get',
      path: '/calls',
      tags,
      summary: 'The fiscal year’s calls, with their state and rounds',
      request: { query: callListQuerySchema },
      responses: { 200: jsonContent(callListSchema, 'Calls'), ...readErrors },
    }),
    async (c) =>
      c.json({ items: await service.listCalls(requestContext(c), c.req.valid('query').fiscalYearId) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/calls',
      tags,
      summary: 'Open the call of an advisor-dispatch program (one per program)',
      request: { body: jsonBody(callCreateSchema) },
      responses: { 201: jsonContent(callSchema, 'Created'), ...writeErrors },
    }),
    async (c) => c.json(await service.createCall(requestContext(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/calls/{id}',
      tags,
      summary: 'A call, with what the caller may do',
      request: { params: idParams },
      responses: { 200: jsonContent(callSchema, 'Call'), ...readErrors },
    }),
    async (c) => c.json(await service.getCall(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/calls/{id}',
      tags,
      summary: 'Change the limits and priority weights',
      request: { params: idParams, body: jsonBody(callPatchSchema) },
      responses: { 200: jsonContent(callSchema, 'Updated'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.updateCall(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  // ---- Applications ------------------------------------------------------------------------
  router.openapi(
    createRoute({
      method: 'get',
      path: '/calls/{id}/applications',
      tags,
      summary: 'Applications to a call (admin: all; a municipality: its own)',
      request: { params: idParams },
      responses: { 200: jsonContent(applicationListSchema, 'Applications'), ...readErrors },
    }),
    async (c) =>
      c.json({ items: await service.listApplications(requestContext(c), c.req.valid('param').id) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/calls/{id}/applications',
      tags,
      summary: 'Draft an application (the town’s staff, or the prefecture as proxy)',
      request: { params: idParams, body: jsonBody(applicationCreateSchema) },
      responses: { 201: jsonContent(applicationSchema, 'Created'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.createApplication(requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/calls/{id}/prefill',
      tags,
      summary: 'The challenge text proposed from the town’s latest needs-survey answers',
      request: { params: idParams, query: prefillQuerySchema },
      responses: { 200: jsonContent(prefillSchema, 'Proposed text'), ...readErrors },
    }),
    async (c) =>
      c.json(
        await service.prefill(
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('query').municipalityId ?? null,
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/applications/{id}',
      tags,
      summary: 'An application (after publication with its result and reasons)',
      request: { params: idParams },
      responses: { 200: jsonContent(applicationSchema, 'Application'), ...readErrors },
    }),
    async (c) => c.json(await service.getApplication(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/applications/{id}',
      tags,
      summary: 'Edit a draft while the round is open',
      request: { params: idParams, body: jsonBody(applicationPatchSchema) },
      responses: { 200: jsonContent(applicationSchema, 'Updated'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.updateApplication(requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  const transitions = [
    ['submit', 'Submit before the round’s deadline (to the head first when confirmation is required)'],
    ['confirm', 'The head confirms an application awaiting confirmation'],
    ['withdraw', 'Withdraw an application until the deadline'],
  ] as const;
  for (const [action, summary] of transitions) {
    router.openapi(
      createRoute({
        method: 'post',
        path: `/applications/{id}/${action}`,
        tags,
        summary,
        request: { params: idParams, body: jsonBody(versionBodySchema) },
        responses: { 200: jsonContent(applicationSchema, 'Changed'), ...writeErrors },
      }),
      async (c) =>
        c.json(
          await service.transitionApplication(
            requestContext(c),
            c.req.valid('param').id,
            action,
            c.req.valid('json').version,
          ),
          200,
        ),
    );
  }

  router.openapi(
    createRoute({
      method: 'put',
      path: '/applications/{id}/lock',
      tags,
      summary: 'Force an application in (optionally one menu) or out of the allocation, or clear that',
      request: { params: idParams, body: jsonBody(applicationLockSchema) },
      responses: { 200: jsonContent(applicationSchema, 'Locked'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.lockApplication(requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  // ---- Allocation runs ---------------------------------------------------------------------
  router.openapi(
    createRoute({
      method: 'get',
      path: '/calls/{id}/runs',
      tags,
      summary: 'Allocation runs of a call',
      request: { params: idParams },
      responses: { 200: jsonContent(runListSchema, 'Runs'), ...readErrors },
    }),
    async (c) => c.json({ items: await service.listRuns(requestContext(c), c.req.valid('param').id) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/calls/{id}/runs',
      tags,
      summary: 'Queue an allocation run; poll GET /runs/{id}',
      request: { params: idParams, body: jsonBody(runCreateSchema) },
      responses: { 202: jsonContent(runSummarySchema, 'Queued'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.createRun(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 202),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/runs/{id}',
      tags,
      summary: 'A run: totals, greedy baseline, selections and every explanation',
      request: { params: idParams },
      responses: { 200: jsonContent(runDetailSchema, 'Run'), ...readErrors },
    }),
    async (c) => c.json(await service.getRun(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/runs/{id}/approve',
      tags,
      summary: 'Approve a solved run (one per call)',
      request: { params: idParams, body: jsonBody(versionBodySchema) },
      responses: { 200: jsonContent(runSummarySchema, 'Approved'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.approveRun(requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/runs/{id}/publish',
      tags,
      summary: 'Publish an approved run: results, support projects and mails',
      request: { params: idParams, body: jsonBody(versionBodySchema) },
      responses: { 200: jsonContent(runSummarySchema, 'Published'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.publishRun(requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
        200,
      ),
  );

  // ---- Support projects, history and the planner -------------------------------------------
  router.openapi(
    createRoute({
      method: 'get',
      path: '/support-projects',
      tags,
      summary: 'Support projects (admin, council: all; a municipality: its own; a company: its menus’)',
      request: { query: supportProjectQuerySchema },
      responses: { 200: jsonContent(supportProjectListSchema, 'Projects'), ...readErrors },
    }),
    async (c) =>
      c.json({ items: await service.listSupportProjects(requestContext(c), c.req.valid('query')) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/support-projects/import',
      tags,
      summary:
        'Import past years’ support (xlsx or CSV); all rows or none. A rejected import is a 422 IMPORT_REJECTED whose fields are the rows’ errors (path: rows, row number, column)',
      request: {
        query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
        body: {
          content: {
            'multipart/form-data': {
              schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }),
            },
          },
          required: true,
        },
      },
      responses: { 200: jsonContent(historyImportReportSchema, 'Imported (or validated)'), ...writeErrors },
    }),
    async (c) => {
      const file = c.req.valid('form').file;
      if (!(file instanceof File)) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            { path: ['file'], code: 'required', ja: 'ファイルを選択してください。', en: 'Choose a file.' },
          ],
        });
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      return c.json(
        await service.importHistory(requestContext(c), bytes, file.name, {
          dryRun: c.req.valid('query').dryRun === 'true',
        }),
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/calls/{id}/planner',
      tags,
      summary: 'Years each municipality was supported, who never was, and years until all are (what-if)',
      request: { params: idParams, query: plannerQuerySchema },
      responses: { 200: jsonContent(plannerSchema, 'Planner'), ...readErrors },
    }),
    async (c) =>
      c.json(await service.planner(requestContext(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  return router;
}
