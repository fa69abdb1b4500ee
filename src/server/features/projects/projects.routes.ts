import { createRoute, z } from '@hono/zod-openapi';
import {
  activityCreateSchema,
  activityResultSchema,
  activityUpdateSchema,
  attachmentSchema,
  cancelSchema,
  companyLoadListSchema,
  exceedanceSaveSchema,
  loadQuerySchema,
  overdueReportListSchema,
  projectDetailSchema,
  projectListQuerySchema,
  projectListSchema,
  projectPlanSaveSchema,
  projectSettingsQuerySchema,
  projectSettingsSaveSchema,
  projectSettingsSchema,
  reportReturnSchema,
  reportSaveSchema,
  versionBodySchema,
} from '../../../shared/schemas/projects';
import { fileContent, fileResponse, mediaTypes } from '../../platform/file-response';
import { createRouter, errorBodySchema, jsonBody, jsonContent, standardErrors } from '../../platform/http';
import { requestContext } from '../../platform/middleware';
import { binaryField, formContent, uploadedFile } from '../../platform/uploads';
import type { ProjectsService } from './projects.service';

const idParams = z.object({ id: z.uuid() });
const readErrors = { ...standardErrors, 404: jsonContent(errorBodySchema, 'Not found') } as const;
const writeErrors = {
  ...readErrors,
  409: jsonContent(errorBodySchema, 'Version conflict (with the current record)'),
} as const;
const attachmentForm = z.object({ file: binaryField, activityId: z.uuid().optional() });

/** The delivery of support projects (see the contract's header in shared/schemas/projects.ts). */
export function createProjectsRoutes(service: ProjectsService) {
  const router = createRouter();
  const tags = ['projects'];
  const detail = (summary: string) => ({ 200: jsonContent(projectDetailSchema, summary), ...writeErrors });

  router.openapi(
    createRoute({
      method: 'get',
      path: '/projects',
      tags,
      summary: 'Support projects the caller may see (filters: year, status, company, municipality)',
      request: { query: projectListQuerySchema },
      responses: { 200: jsonContent(projectListSchema, 'Projects'), ...standardErrors },
    }),
    async (c) => c.json({ items: await service.list(requestContext(c), c.req.valid('query')) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/projects/{id}',
      tags,
      summary: 'A project: plan, advisors, status history, ledger, caps, report, evaluation and abilities',
      request: { params: idParams },
      responses: { 200: jsonContent(projectDetailSchema, 'Project'), ...readErrors },
    }),
    async (c) => c.json(await service.get(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/projects/{id}/plan',
      tags,
      summary: 'Save the plan: goals, sessions, schedule and advisors (version null for the first save)',
      request: { params: idParams, body: jsonBody(projectPlanSaveSchema) },
      responses: detail('Saved'),
    }),
    async (c) =>
      c.json(await service.savePlan(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/activities',
      tags,
      summary: 'Log a session; the answer carries the running totals and any cap warning',
      request: { params: idParams, body: jsonBody(activityCreateSchema) },
      responses: { 201: jsonContent(activityResultSchema, 'Logged'), ...writeErrors },
    }),
    async (c) =>
      c.json(await service.logActivity(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/project-activities/{id}',
      tags,
      summary:
        'Edit a session (version): the same checks and caps as a new one; the answer carries the totals and any cap warning',
      request: { params: idParams, body: jsonBody(activityUpdateSchema) },
      responses: { 200: jsonContent(activityResultSchema, 'Saved'), ...writeErrors },
    }),
    async (c) =>
      c.json(
        await service.updateActivity(requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/project-activities/{id}',
      tags,
      summary: 'Remove a session and its attachments',
      request: { params: idParams },
      responses: { 204: { description: 'Deleted' }, ...writeErrors },
    }),
    async (c) => {
      await service.deleteActivity(requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/attachments',
      tags,
      summary: 'Attach a file (PDF, Office, PNG, JPEG; checked by content) to a session or the report',
      request: { params: idParams, body: formContent(attachmentForm) },
      responses: { 201: jsonContent(attachmentSchema, 'Attached'), ...writeErrors },
    }),
    async (c) => {
      const form = c.req.valid('form');
      return c.json(
        await service.addAttachment(requestContext(c), c.req.valid('param').id, {
          activityId: form.activityId,
          file: await uploadedFile(form.file),
        }),
        201,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/project-attachments/{id}',
      tags,
      summary: 'An attachment, for the project’s readers only',
      request: { params: idParams },
      responses: { 200: fileContent(mediaTypes.octetStream, 'The file'), ...readErrors },
    }),
    async (c) => {
      const file = await service.readAttachment(requestContext(c), c.req.valid('param').id);
      return fileResponse(file.bytes, {
        fileName: file.name,
        contentType: file.type,
        disposition: 'attachment',
      });
    },
  );

  router.openapi(
    createRoute({
      method: 'delete',
      path: '/project-attachments/{id}',
      tags,
      summary: 'Remove an attachment (and its file)',
      request: { params: idParams },
      responses: { 204: { description: 'Deleted' }, ...writeErrors },
    }),
    async (c) => {
      await service.deleteAttachment(requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/projects/{id}/exceedance',
      tags,
      summary: 'Approve crossing the caps for this project, with the reason',
      request: { params: idParams, body: jsonBody(exceedanceSaveSchema) },
      responses: detail('Approved'),
    }),
    async (c) =>
      c.json(
        await service.approveExceedance(
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json').reason,
        ),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/complete',
      tags,
      summary: 'The sessions are done: in progress → completed (the report is due from the last session)',
      request: { params: idParams },
      responses: detail('Completed'),
    }),
    async (c) => c.json(await service.complete(requestContext(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/cancel',
      tags,
      summary: 'Cancel a planned or running project, with the reason',
      request: { params: idParams, body: jsonBody(cancelSchema) },
      responses: detail('Cancelled'),
    }),
    async (c) =>
      c.json(
        await service.cancel(requestContext(c), c.req.valid('param').id, c.req.valid('json').reason),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/projects/{id}/report',
      tags,
      summary: 'Save the completion report draft (version null for the first save)',
      request: { params: idParams, body: jsonBody(reportSaveSchema) },
      responses: detail('Saved'),
    }),
    async (c) =>
      c.json(await service.saveReport(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/report/submit',
      tags,
      summary: 'Submit the completion report for the prefecture’s review',
      request: { params: idParams, body: jsonBody(versionBodySchema) },
      responses: detail('Submitted'),
    }),
    async (c) =>
      c.json(
        await service.submitReport(requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/report/return',
      tags,
      summary: 'Return the report to the company with a comment',
      request: { params: idParams, body: jsonBody(reportReturnSchema) },
      responses: detail('Returned'),
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await service.returnReport(requestContext(c), c.req.valid('param').id, body.version, body.comment),
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/projects/{id}/report/approve',
      tags,
      summary: 'Approve the report: the project becomes reported and the municipality is asked to evaluate',
      request: { params: idParams, body: jsonBody(versionBodySchema) },
      responses: detail('Approved'),
    }),
    async (c) =>
      c.json(
        await service.approveReport(requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
        200,
      ),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/project-reports/overdue',
      tags,
      summary: 'Completion reports past their due date',
      responses: { 200: jsonContent(overdueReportListSchema, 'Overdue reports'), ...standardErrors },
    }),
    async (c) => c.json({ items: await service.overdue(requestContext(c)) }, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/project-settings',
      tags,
      summary: 'The year’s caps per project and the report due days',
      request: { query: projectSettingsQuerySchema },
      responses: { 200: jsonContent(projectSettingsSchema, 'Settings'), ...readErrors },
    }),
    async (c) => c.json(await service.getSettings(requestContext(c), c.req.valid('query').fiscalYearId), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/project-settings',
      tags,
      summary: 'Edit the year’s caps and report due days (version null for the first save)',
      request: { body: jsonBody(projectSettingsSaveSchema) },
      responses: { 200: jsonContent(projectSettingsSchema, 'Saved'), ...writeErrors },
    }),
    async (c) => c.json(await service.saveSettings(requestContext(c), c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/project-load',
      tags,
      summary: 'Each company’s projects and hours against its menus’ capacity',
      request: { query: loadQuerySchema },
      responses: { 200: jsonContent(companyLoadListSchema, 'Load'), ...readErrors },
    }),
    async (c) =>
      c.json({ items: await service.load(requestContext(c), c.req.valid('query').fiscalYearId) }, 200),
  );

  return router;
}
