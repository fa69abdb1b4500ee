import { createRoute, z } from '@hono/zod-openapi';
import {
  fiscalYearCreatedSchema,
  fiscalYearCreateSchema,
  fiscalYearDetailSchema,
  fiscalYearListSchema,
  fiscalYearPatchSchema,
  phaseCreateSchema,
  phasePatchSchema,
  phaseSchema,
  programCreateSchema,
  programPatchSchema,
  programSchema,
  versionQuerySchema,
  nextYearPreviewSchema,
  phaseOpenSchema,
  preparedYearSchema,
  prepareNextYearSchema,
  setupChecklistSchema,
} from '../../../shared/schemas/fiscal-years';
import { createRouter, errorBodySchema, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import type { FiscalYearsService } from './fiscal-years.service';

const idParams = z.object({ id: z.uuid() });

const readErrors = { ...standardErrors, 404: jsonContent(errorBodySchema, 'Not found') } as const;
const writeErrors = {
  ...readErrors,
  409: jsonContent(errorBodySchema, 'Version conflict (with the current record) or duplicate'),
} as const;

export function createFiscalYearsRoutes(service: FiscalYearsService) {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/fiscal-years',
      tags: ['fiscal-years'],
      summary: 'Fiscal years of the prefecture with program counts and budget totals (千円), newest first',
      responses: { 200: jsonContent(fiscalYearListSchema, 'Fiscal years'), ...standardErrors },
    }),
    async (c) => c.json({ items: await service.list(requestContext(c)) }, 200),
  );

  // Before /fiscal-years/{id}, so 'next-year' is never read as an id.
  router.openapi(
    createRoute({
      method: 'get',
      path: '/fiscal-years/next-year',
      tags: ['fiscal-years'],
      summary: 'Preview of "prepare next year": the year it makes, the year it copies from, what it copies',
      responses: { 200: jsonContent(nextYearPreviewSchema, 'The preview'), ...standardErrors },
    }),
    async (c) => c.json(await service.nextYearPreview(requestContext(c)), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/fiscal-years/prepare-next',
      tags: ['fiscal-years'],
      summary:
        'Prepare the next year: create it with the previous year’s programs and phases (a year on), rubric, needs survey (draft) and seminar series; running it again completes, never duplicates',
      request: { body: jsonBody(prepareNextYearSchema) },
      responses: { 200: jsonContent(preparedYearSchema, 'Prepared'), ...writeErrors },
    }),
    async (c) => c.json(await service.prepareNextYear(requestContext(c), c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/fiscal-years/{id}/checklist',
      tags: ['fiscal-years'],
      summary: 'The set-up checklist of a year: what is done, what is missing, and the page that fixes it',
      request: { params: idParams },
      responses: { 200: jsonContent(setupChecklistSchema, 'The checklist'), ...readErrors },
    }),
    async (c) => c.json(await service.checklist(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/fiscal-years/{id}',
      tags: ['fiscal-years'],
      summary: 'A fiscal year with its programs and their phases (state computed now)',
      request: { params: idParams },
      responses: { 200: jsonContent(fiscalYearDetailSchema, 'The fiscal year'), ...readErrors },
    }),
    async (c) => c.json(await service.get(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/fiscal-years',
      tags: ['fiscal-years'],
      summary:
        'Create a fiscal year, optionally copying another year’s programs and phases (budgets not copied)',
      request: { body: jsonBody(fiscalYearCreateSchema) },
      responses: { 201: jsonContent(fiscalYearCreatedSchema, 'Created'), ...writeErrors },
    }),
    async (c) => c.json(await service.create(requestContext(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/fiscal-years/{id}',
      tags: ['fiscal-years'],
      summary: 'Change the status; activating a year closes the previously active one',
      request: { params: idParams, body: jsonBody(fiscalYearPatchSchema) },
      responses: { 200: jsonContent(fiscalYearDetailSchema, 'Updated'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.update(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/fiscal-years/{id}/programs',
      tags: ['fiscal-years'],
      summary: 'Add a program (事業) to a fiscal year',
      request: { params: idParams, body: jsonBody(programCreateSchema) },
      responses: { 201: jsonContent(programSchema, 'Created'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.createProgram(requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/programs/{id}',
      tags: ['fiscal-years'],
      summary: 'Update a program; needs the version read',
      request: { params: idParams, body: jsonBody(programPatchSchema) },
      responses: { 200: jsonContent(programSchema, 'Updated'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.updateProgram(requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/programs/{id}',
      tags: ['fiscal-years'],
      summary: 'Delete a program that has no phases (422 IN_USE otherwise)',
      request: { params: idParams, query: versionQuerySchema },
      responses: { 204: { description: 'Deleted' }, ...writeErrors },
    }),
    async (c) => {
      await service.deleteProgram(requestContext(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/programs/{id}/phases',
      tags: ['fiscal-years'],
      summary: 'Add a dated phase; deadlines must be business days inside the phase',
      request: { params: idParams, body: jsonBody(phaseCreateSchema) },
      responses: { 201: jsonContent(phaseSchema, 'Created'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.createPhase(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/phases/{id}',
      tags: ['fiscal-years'],
      summary: 'Update a phase; needs the version read',
      request: { params: idParams, body: jsonBody(phasePatchSchema) },
      responses: { 200: jsonContent(phaseSchema, 'Updated'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.updatePhase(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/phases/{id}/open',
      tags: ['fiscal-years'],
      summary: 'Start an upcoming phase today; refused (422) while what it needs is missing, e.g. a rubric',
      request: { params: idParams, body: jsonBody(phaseOpenSchema) },
      responses: { 200: jsonContent(phaseSchema, 'Opened'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.openPhase(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/phases/{id}',
      tags: ['fiscal-years'],
      summary: 'Delete a phase; needs the version read',
      request: { params: idParams, query: versionQuerySchema },
      responses: { 204: { description: 'Deleted' }, ...writeErrors },
    }),
    async (c) => {
      await service.deletePhase(requestContext(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );

  return router;
}
