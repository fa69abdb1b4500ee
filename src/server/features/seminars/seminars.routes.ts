import { createRoute, z } from '@hono/zod-openapi';
import {
  archiveEntitlements,
  attendanceImportConfirmSchema,
  attendanceImportPreviewSchema,
  attendanceImportResultSchema,
  instantSchema,
  materialKinds,
  materialPurposes,
  reachQuerySchema,
  reachReportSchema,
  seminarArchiveSchema,
  seminarArchiveViewSchema,
  seminarAttendanceMarkSchema,
  seminarEventCreateSchema,
  seminarEventDetailSchema,
  seminarEventListQuerySchema,
  seminarEventListSchema,
  seminarEventPatchSchema,
  seminarMaterialSchema,
  seminarRegistrationCancelSchema,
  seminarRegistrationCreateSchema,
  seminarRegistrationListSchema,
  seminarRegistrationSchema,
  seminarSeriesCreateSchema,
  seminarSeriesListSchema,
  seminarSeriesSchema,
} from '../../../shared/schemas/seminars';
import { createRouter, errorBodySchema, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { createJsonAnswers } from '../../platform/json-answer';
import { requestContext } from '../../platform/middleware';
import { AppError } from '../../platform/errors';
import { fileContent, fileResponse, mediaTypes } from '../../platform/file-response';
import { binaryField, formContent, uploadedFile } from '../../platform/uploads';
import type { SeminarsService } from './seminars.service';

const idParams = z.object({ id: z.uuid() });
const readErrors = { ...standardErrors, 404: jsonContent(errorBodySchema, 'Not found') } as const;
const writeErrors = {
  ...readErrors,
  409: jsonContent(errorBodySchema, 'Version conflict (with the current record) or duplicate'),
} as const;
const binary = binaryField;
const uploaded = uploadedFile;

const materialForm = z.object({
  purpose: z.enum(materialPurposes),
  kind: z.enum(materialKinds),
  title: z.string().trim().min(1).max(200),
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v === '' || /^https?:\/\/\S+$/i.test(v), {
      params: { ja: 'http(s)で始まるURLを入力してください。', en: 'Enter a URL starting with http(s).' },
    })
    .optional(),
  file: binary.optional(),
});
const archiveForm = z.object({
  kind: z.enum(materialKinds),
  url: materialForm.shape.url,
  file: binary.optional(),
  opensAt: instantSchema,
  closesAt: instantSchema,
  entitlement: z.enum(archiveEntitlements),
  countsTowardReach: z.enum(['true', 'false']),
});

export function createSeminarsRoutes(service: SeminarsService) {
  const router = createRouter();
  const jsonAnswer = createJsonAnswers();

  router.openapi(
    createRoute({
      method: 'get',
      path: '/seminar-series',
      tags: ['seminars'],
      summary: 'Seminar series of the prefecture, newest fiscal year first',
      responses: { 200: jsonContent(seminarSeriesListSchema, 'Series'), ...standardErrors },
    }),
    async (c) => c.json({ items: await service.listSeries(requestContext(c)) }, 200),
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/seminar-series',
      tags: ['seminars'],
      summary: "Create a fiscal year's series (budget 千円 = cost per session × sessions)",
      request: { body: jsonBody(seminarSeriesCreateSchema) },
      responses: { 201: jsonContent(seminarSeriesSchema, 'Created'), ...writeErrors },
    }),
    async (c) => c.json(await service.createSeries(requestContext(c), c.req.valid('json')), 201),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/seminar-events',
      tags: ['seminars'],
      summary: 'Seminars (no join details in lists)',
      request: { query: seminarEventListQuerySchema },
      responses: { 200: jsonContent(seminarEventListSchema, 'Events'), ...standardErrors },
    }),
    async (c) => c.json({ items: await service.listEvents(requestContext(c), c.req.valid('query')) }, 200),
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/seminar-series/{id}/events',
      tags: ['seminars'],
      summary: 'Add a seminar to a series',
      request: { params: idParams, body: jsonBody(seminarEventCreateSchema) },
      responses: { 201: jsonContent(seminarEventDetailSchema, 'Created'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.createEvent(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/seminar-events/{id}',
      tags: ['seminars'],
      summary: 'A seminar; join URL and passcode only for the admin and a municipality holding a seat',
      request: { params: idParams },
      responses: { 200: jsonContent(seminarEventDetailSchema, 'The seminar'), ...readErrors },
    }),
    async (c) => c.json(await service.getEvent(requestContext(c), c.req.valid('param').id), 200),
  );
  router.openapi(
    createRoute({
      method: 'patch',
      path: '/seminar-events/{id}',
      tags: ['seminars'],
      summary: 'Update a seminar (version required)',
      request: { params: idParams, body: jsonBody(seminarEventPatchSchema) },
      responses: { 200: jsonContent(seminarEventDetailSchema, 'Updated'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.updateEvent(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/seminar-events/{id}/registrations',
      tags: ['seminars'],
      summary: "Registrations of a seminar: all for the admin, the own municipality's otherwise",
      request: { params: idParams },
      responses: { 200: jsonContent(seminarRegistrationListSchema, 'Registrations'), ...readErrors },
    }),
    async (c) =>
      c.json(
        { items: await service.listEventRegistrations(requestContext(c), c.req.valid('param').id) },
        200,
      ),
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/seminar-events/{id}/registrations',
      tags: ['seminars'],
      summary: 'Register (self, or on behalf of the head): a seat, or the waiting list when full',
      request: { params: idParams, body: jsonBody(seminarRegistrationCreateSchema) },
      responses: { 201: jsonContent(seminarRegistrationSchema, 'Registered or waitlisted'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.register(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/seminar-registrations',
      tags: ['seminars'],
      summary: "The own municipality's registrations",
      responses: { 200: jsonContent(seminarRegistrationListSchema, 'Registrations'), ...standardErrors },
    }),
    async (c) => c.json({ items: await service.listMyRegistrations(requestContext(c)) }, 200),
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/seminar-registrations/{id}/cancel',
      tags: ['seminars'],
      summary: 'Cancel; the first on the waiting list moves up in the same transaction',
      request: { params: idParams, body: jsonBody(seminarRegistrationCancelSchema) },
      responses: { 200: jsonContent(seminarRegistrationSchema, 'Cancelled'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.cancel(requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
        200,
      ),
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/seminar-registrations/{id}/attendance',
      tags: ['seminars'],
      summary: 'Mark minutes attended by hand (null clears)',
      request: { params: idParams, body: jsonBody(seminarAttendanceMarkSchema) },
      responses: { 200: jsonContent(seminarRegistrationSchema, 'Marked'), ...writeErrors },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await service.markAttendance(
          requestContext(c),
          c.req.valid('param').id,
          body.version,
          body.minutesAttended,
        ),
        200,
      );
    },
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/seminar-events/{id}/attendance-imports',
      tags: ['seminars'],
      summary: 'Read a Zoom or Teams attendance report and match its rows (nothing recorded yet)',
      request: { params: idParams, body: formContent(z.object({ file: binary })) },
      responses: { 200: jsonContent(attendanceImportPreviewSchema, 'Preview'), ...writeErrors },
    }),
    async (c) => {
      const file = await uploaded(c.req.valid('form').file);
      if (!file) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            { path: ['file'], code: 'required', ja: 'ファイルを選択してください。', en: 'Choose a file.' },
          ],
        });
      }
      return c.json(
        await service.previewAttendance(requestContext(c), c.req.valid('param').id, file.bytes),
        200,
      );
    },
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/seminar-events/{id}/attendance-imports/confirm',
      tags: ['seminars'],
      summary: 'Record attendance from a preview with a decision for every row',
      request: { params: idParams, body: jsonBody(attendanceImportConfirmSchema) },
      responses: { 200: jsonContent(attendanceImportResultSchema, 'Recorded'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.confirmAttendance(requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/seminar-events/{id}/materials',
      tags: ['seminars'],
      summary: 'Add a material or workshop output (link or uploaded file)',
      request: { params: idParams, body: formContent(materialForm) },
      responses: { 201: jsonContent(seminarMaterialSchema, 'Added'), ...writeErrors },
    }),
    async (c) => {
      const form = c.req.valid('form');
      return c.json(
        await service.addMaterial(requestContext(c), c.req.valid('param').id, {
          purpose: form.purpose,
          kind: form.kind,
          title: form.title,
          url: form.url,
          file: await uploaded(form.file),
        }),
        201,
      );
    },
  );
  router.openapi(
    createRoute({
      method: 'delete',
      path: '/seminar-materials/{id}',
      tags: ['seminars'],
      summary: 'Remove a material or workshop output',
      request: { params: idParams },
      responses: { 204: { description: 'Deleted' }, ...writeErrors },
    }),
    async (c) => {
      await service.deleteMaterial(requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/seminar-events/{id}/archive',
      tags: ['seminars'],
      summary: 'Set the limited archive (link or file, window, entitlement, counts toward reach)',
      request: { params: idParams, body: formContent(archiveForm) },
      responses: { 200: jsonContent(seminarArchiveSchema, 'Saved'), ...writeErrors },
    }),
    async (c) => {
      const form = c.req.valid('form');
      return c.json(
        await service.setArchive(requestContext(c), c.req.valid('param').id, {
          kind: form.kind,
          url: form.url,
          file: await uploaded(form.file),
          opensAt: form.opensAt,
          closesAt: form.closesAt,
          entitlement: form.entitlement,
          countsTowardReach: form.countsTowardReach === 'true',
        }),
        200,
      );
    },
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/seminar-events/{id}/archive/views',
      tags: ['seminars'],
      summary: 'Watch the archive: the link for the entitled, inside the window; the view is recorded',
      request: { params: idParams },
      responses: { 200: jsonContent(seminarArchiveViewSchema, 'The link'), ...readErrors },
    }),
    async (c) => c.json(await service.viewArchive(requestContext(c), c.req.valid('param').id), 200),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/seminar-files/{id}',
      tags: ['seminars'],
      summary: 'An uploaded file (the archive only for the entitled, inside its window)',
      request: { params: idParams },
      responses: { 200: fileContent(mediaTypes.octetStream, 'The file'), ...readErrors },
    }),
    async (c) => {
      const file = await service.readFile(requestContext(c), c.req.valid('param').id);
      return fileResponse(file.bytes, { fileName: file.name, contentType: file.type });
    },
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/seminar-reach',
      tags: ['seminars'],
      summary: 'Reach per municipality × audience × year; never reached; cost per municipality reached',
      request: { query: reachQuerySchema },
      responses: { 200: jsonContent(reachReportSchema, 'Reach'), ...standardErrors },
    }),
    // Kept until the next write; its JSON made once (platform/json-answer.ts).
    async (c) => jsonAnswer(c, await service.reach(requestContext(c), c.req.valid('query').fiscalYear)),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/seminar-reach/export',
      tags: ['seminars'],
      summary: 'Reach as an xlsx workbook (Japanese headers)',
      request: { query: reachQuerySchema },
      responses: { 200: fileContent(mediaTypes.xlsx, 'xlsx'), ...standardErrors },
    }),
    async (c) => {
      const fiscalYear = c.req.valid('query').fiscalYear;
      const bytes = await service.reachWorkbook(requestContext(c), fiscalYear);
      return fileResponse(bytes, {
        fileName: `seminar-reach-${fiscalYear ?? 'all'}.xlsx`,
        contentType: mediaTypes.xlsx,
      });
    },
  );

  return router;
}
