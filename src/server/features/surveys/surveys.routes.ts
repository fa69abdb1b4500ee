import { createRoute, z } from '@hono/zod-openapi';
import {
  crosstabQuerySchema,
  crosstabSchema,
  maturitySchema,
  prefillSchema,
  reminderPreviewSchema,
  reminderResultSchema,
  responseSaveSchema,
  shareConfigSchema,
  sharedViewSchema,
  surveyCreateSchema,
  surveyDetailSchema,
  surveyListQuerySchema,
  surveyListSchema,
  surveyPatchSchema,
  surveyPublishSchema,
  surveyResponseSchema,
  surveyResultsSchema,
  voiceTopicsSchema,
} from '../../../shared/schemas/surveys';
import { fileContent, fileResponse, mediaTypes } from '../../platform/file-response';
import { createRouter, errorBodySchema, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { createJsonAnswers } from '../../platform/json-answer';
import { requestContext } from '../../platform/middleware';
import type { SurveysExports } from './surveys.exports';
import type { SurveysService } from './surveys.service';

const idParams = z.object({ id: z.uuid() });
const proxyParams = z.object({ id: z.uuid(), municipalityId: z.uuid() });

const readErrors = { ...standardErrors, 404: jsonContent(errorBodySchema, 'Not found') } as const;
const writeErrors = {
  ...readErrors,
  409: jsonContent(errorBodySchema, 'Version conflict (with the current record)'),
} as const;

export function createSurveysRoutes(service: SurveysService, exports: SurveysExports) {
  const router = createRouter();
  const jsonAnswer = createJsonAnswers();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys',
      tags: ['surveys'],
      summary: 'Surveys the actor may see (staff: all; respondents: those they are asked to answer)',
      request: { query: surveyListQuerySchema },
      responses: { 200: jsonContent(surveyListSchema, 'Surveys'), ...standardErrors },
    }),
    async (c) => c.json({ items: await service.list(requestContext(c), c.req.valid('query')) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/surveys',
      tags: ['surveys'],
      summary: 'Create a survey, optionally copying the questions of another (e.g. last year’s)',
      request: { body: jsonBody(surveyCreateSchema) },
      responses: { 201: jsonContent(surveyDetailSchema, 'Created'), ...writeErrors },
    }),
    async (c) => c.json(await service.create(requestContext(c), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}',
      tags: ['surveys'],
      summary: 'A survey with its sections and questions',
      request: { params: idParams },
      responses: { 200: jsonContent(surveyDetailSchema, 'The survey'), ...readErrors },
    }),
    async (c) => c.json(await service.get(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/surveys/{id}',
      tags: ['surveys'],
      summary: 'Edit a survey; changing the questions of an answered survey creates a new version (201)',
      request: { params: idParams, body: jsonBody(surveyPatchSchema) },
      responses: {
        200: jsonContent(surveyDetailSchema, 'Updated'),
        201: jsonContent(surveyDetailSchema, 'New version created'),
        ...writeErrors,
      },
    }),
    async (c) => {
      const { survey, created } = await service.update(
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return created ? c.json(survey, 201) : c.json(survey, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/surveys/{id}/publish',
      tags: ['surveys'],
      summary: 'Publish a draft survey to its respondents (it opens with its window from then on)',
      request: { params: idParams, body: jsonBody(surveyPublishSchema) },
      responses: { 200: jsonContent(surveyDetailSchema, 'Published'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.publish(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/response',
      tags: ['surveys'],
      summary: 'The actor’s own response (not_started when none)',
      request: { params: idParams },
      responses: { 200: jsonContent(surveyResponseSchema, 'Response'), ...readErrors },
    }),
    async (c) => c.json(await service.getResponse(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/surveys/{id}/response',
      tags: ['surveys'],
      summary: 'Autosave the draft (version null for the first save); 422 SURVEY_CLOSED outside the window',
      request: { params: idParams, body: jsonBody(responseSaveSchema) },
      responses: { 200: jsonContent(surveyResponseSchema, 'Saved'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.saveDraft(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/surveys/{id}/response/submit',
      tags: ['surveys'],
      summary: 'Submit: required answers and show-if conditions checked; hidden answers dropped',
      request: { params: idParams, body: jsonBody(responseSaveSchema) },
      responses: { 200: jsonContent(surveyResponseSchema, 'Submitted'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.submit(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/response/prefill',
      tags: ['surveys'],
      summary: 'Last year’s submitted answers for questions with the same key',
      request: { params: idParams },
      responses: { 200: jsonContent(prefillSchema, 'Prefill'), ...readErrors },
    }),
    async (c) => c.json(await service.prefill(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/proxy/{municipalityId}',
      tags: ['surveys'],
      summary: 'A municipality’s response, for prefecture staff answering on its behalf',
      request: { params: proxyParams },
      responses: { 200: jsonContent(surveyResponseSchema, 'Response'), ...readErrors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await service.getProxy(requestContext(c), p.id, p.municipalityId), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/surveys/{id}/proxy/{municipalityId}',
      tags: ['surveys'],
      summary: 'Fill a draft for a municipality (audited, shown as proxied); the municipality submits it',
      request: { params: proxyParams, body: jsonBody(responseSaveSchema) },
      responses: { 200: jsonContent(surveyResponseSchema, 'Saved'), ...writeErrors },
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(
        await service.saveProxy(requestContext(c), p.id, p.municipalityId, c.req.valid('json')),
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/results',
      tags: ['surveys'],
      summary: 'Counts per question, response rate, non-responders, maturity heatmap, year over year',
      request: { params: idParams },
      responses: { 200: jsonContent(surveyResultsSchema, 'Results'), ...readErrors },
    }),
    // Kept until the next write; its JSON made once (platform/json-answer.ts).
    async (c) => jsonAnswer(c, await service.results(requestContext(c), c.req.valid('param').id)),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/results/crosstab',
      tags: ['surveys'],
      summary: 'Counts of a choice question by area, region, kind or population band',
      request: { params: idParams, query: crosstabQuerySchema },
      responses: { 200: jsonContent(crosstabSchema, 'Crosstab'), ...readErrors },
    }),
    async (c) =>
      c.json(await exports.crosstab(requestContext(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/results/voices',
      tags: ['surveys'],
      summary: 'Free-text answers grouped into topics',
      request: { params: idParams },
      responses: { 200: jsonContent(voiceTopicsSchema, 'Topics'), ...readErrors },
    }),
    async (c) => c.json(await exports.voices(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/export.xlsx',
      tags: ['surveys'],
      summary: 'Every result table and the raw answers, one sheet each, Japanese headers',
      request: { params: idParams },
      responses: { 200: fileContent(mediaTypes.xlsx, 'xlsx file'), ...readErrors },
    }),
    async (c) => {
      const { fileName, bytes } = await exports.xlsx(requestContext(c), c.req.valid('param').id);
      return fileResponse(bytes, { fileName, contentType: mediaTypes.xlsx }) as never;
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/export.csv',
      tags: ['surveys'],
      summary: 'Raw answers as CSV (UTF-8 with BOM)',
      request: { params: idParams },
      responses: { 200: fileContent(mediaTypes.csv, 'CSV file'), ...readErrors },
    }),
    async (c) => {
      const { fileName, text } = await exports.csv(requestContext(c), c.req.valid('param').id);
      return fileResponse(text, { fileName, contentType: mediaTypes.csv }) as never;
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/reminders/preview',
      tags: ['surveys'],
      summary:
        'What sending reminders would do now: non-responders, those without an account, mails that would go',
      request: { params: idParams },
      responses: { 200: jsonContent(reminderPreviewSchema, 'Preview'), ...readErrors },
    }),
    async (c) => c.json(await exports.previewReminders(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/surveys/{id}/reminders',
      tags: ['surveys'],
      summary:
        'Queue a reminder mail to the users of every municipality that has not submitted; nobody twice within 12 hours',
      request: { params: idParams },
      responses: { 200: jsonContent(reminderResultSchema, 'Queued'), ...readErrors },
    }),
    async (c) => c.json(await exports.remind(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/share',
      tags: ['surveys'],
      summary: 'The saved share config, with the survey version to send back when saving',
      request: { params: idParams },
      responses: { 200: jsonContent(shareConfigSchema, 'Share config'), ...readErrors },
    }),
    async (c) => c.json(await exports.shareConfig(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/maturity/{municipalityId}',
      tags: ['surveys'],
      summary: 'A town’s maturity level overall and per challenge area (staff: any town; towns: their own)',
      request: { params: proxyParams },
      responses: { 200: jsonContent(maturitySchema, 'Maturity'), ...readErrors },
    }),
    async (c) => {
      const { id, municipalityId } = c.req.valid('param');
      return c.json(await service.maturity(requestContext(c), id, municipalityId), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/surveys/{id}/share',
      tags: ['surveys'],
      summary: 'Publish (or withdraw) the aggregated view for council members and companies',
      request: { params: idParams, body: jsonBody(shareConfigSchema) },
      responses: { 200: jsonContent(shareConfigSchema, 'Saved'), ...writeErrors },
    }),
    async (c) =>
      c.json(await exports.share(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/shared',
      tags: ['surveys'],
      summary: 'The published view: demand per challenge area and region; raw answers only where opted in',
      request: { params: idParams },
      responses: { 200: jsonContent(sharedViewSchema, 'Shared view'), ...readErrors },
    }),
    async (c) => c.json(await exports.shared(requestContext(c), c.req.valid('param').id), 200),
  );

  return router;
}
