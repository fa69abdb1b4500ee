import { createRoute, z } from '@hono/zod-openapi';
import {
  municipalityListQuerySchema,
  municipalityPageSchema,
  municipalityPatchSchema,
  municipalitySchema,
  regionWithAreasSchema,
} from '../../../shared/schemas/municipalities';
import { AppError } from '../../platform/errors';
import { readTabularFile } from '../../platform/spreadsheet';
import { createRouter, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { createJsonAnswers } from '../../platform/json-answer';
import { requestContext } from '../../platform/middleware';
import type { MunicipalitiesService } from './municipalities.service';

const importReportSchema = z.object({
  isImported: z.boolean(),
  isDryRun: z.boolean(),
  summary: z.object({ created: z.number(), updated: z.number(), unchanged: z.number() }),
  errors: z.array(
    z.object({
      line: z.number(),
      code: z.string().nullable(),
      fields: z.array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])),
          code: z.string(),
          ja: z.string(),
          en: z.string(),
        }),
      ),
    }),
  ),
  missingHeaders: z.array(z.string()),
});

const idParams = z.object({ id: z.uuid() });

export function createMunicipalitiesRoutes(service: MunicipalitiesService) {
  const router = createRouter();
  const jsonAnswer = createJsonAnswers();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/municipalities',
      tags: ['municipalities'],
      summary:
        'Municipalities of the prefecture, filtered by area, region, kind or text, in code order, a page at a time (limit ≤ 500)',
      request: { query: municipalityListQuerySchema },
      responses: {
        200: jsonContent(municipalityPageSchema, 'One page of municipalities and the number of all matches'),
        ...standardErrors,
      },
    }),
    // Kept until the next write; its JSON made once (platform/json-answer.ts).
    async (c) => jsonAnswer(c, await service.list(requestContext(c), c.req.valid('query'))),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/municipalities/{id}',
      tags: ['municipalities'],
      summary: 'One municipality',
      request: { params: idParams },
      responses: { 200: jsonContent(municipalitySchema, 'The municipality'), ...standardErrors },
    }),
    async (c) => c.json(await service.get(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/municipalities/{id}',
      tags: ['municipalities'],
      summary: 'Update master data (population with its source); needs the version read',
      request: { params: idParams, body: jsonBody(municipalityPatchSchema) },
      responses: { 200: jsonContent(municipalitySchema, 'Updated'), ...standardErrors },
    }),
    async (c) =>
      c.json(await service.update(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/regions',
      tags: ['municipalities'],
      summary: 'Regions of the prefecture with their areas',
      responses: {
        200: jsonContent(z.object({ items: z.array(regionWithAreasSchema) }), 'Regions'),
        ...standardErrors,
      },
    }),
    async (c) => c.json({ items: await service.listRegions(requestContext(c)) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/municipalities/import',
      tags: ['municipalities'],
      summary: 'Import a municipality master list (CSV or xlsx); nothing is imported when any row is invalid',
      request: {
        body: {
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z.any().openapi({ type: 'string', format: 'binary' }),
                dryRun: z.enum(['true', 'false']).optional(),
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: jsonContent(importReportSchema, 'Imported, or the row errors that prevented it'),
        ...standardErrors,
      },
    }),
    async (c) => {
      const form = c.req.valid('form');
      const file = form.file;
      if (!(file instanceof File)) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            { path: ['file'], code: 'required', ja: 'ファイルを選択してください。', en: 'Choose a file.' },
          ],
        });
      }
      const ctx = requestContext(c);
      const { headers, records } = await readTabularFile(new Uint8Array(await file.arrayBuffer()), file.name);
      return c.json(await service.importList(ctx, headers, records, { dryRun: form.dryRun === 'true' }), 200);
    },
  );

  return router;
}
