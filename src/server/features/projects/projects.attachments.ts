/**
 * Files on a project's sessions and on its completion report: checked from their content (PDF,
 * Office documents, PNG, JPEG) and size before anything is stored, kept by the upload store under
 * generated names, handed out only to the project's readers, and deleted with their record.
 */
import { type Attachment, attachmentMaxBytes } from '../../../shared/schemas/projects';
import { recordAudit } from '../../platform/audit';
import { type Actor, type RequestContext, requireActor } from '../../platform/context';
import { assertAllowed, notFound } from '../../platform/errors';
import { checkUpload, type SniffedType } from '../../platform/file-types';
import type { UploadedFile } from '../../platform/uploads';
import { type ProjectAccess, projectsPolicy as policy } from './projects.policy';
import { loadReadable, type ProjectsDeps, toAttachment } from './projects.records';
import * as repo from './projects.repository';

export const attachmentTypes: readonly SniffedType[] = ['pdf', 'docx', 'xlsx', 'pptx', 'png', 'jpeg'];

export function createProjectsAttachments(deps: ProjectsDeps) {
  const { db } = deps;

  /** A session's files while the project runs; the report's while the company writes it. */
  async function mayChange(actor: Actor, project: ProjectAccess & { id: string }, activityId: string | null) {
    if (activityId) return policy.canLogActivity(actor, project);
    if (!policy.canDeliver(actor, project) || project.status !== 'completed') return false;
    const report = await repo.findReport(db, project.id);
    return report?.status !== 'submitted' && report?.status !== 'approved';
  }

  async function add(
    ctx: RequestContext,
    projectId: string,
    input: { activityId?: string | undefined; file: UploadedFile | undefined },
  ): Promise<Attachment> {
    const actor = requireActor(ctx);
    const project = await loadReadable(db, actor, projectId);
    const activityId = input.activityId ?? null;
    if (activityId) {
      const activity = await repo.findActivity(db, actor.prefectureId, activityId);
      if (activity?.projectId !== project.id) throw notFound();
    }
    assertAllowed(await mayChange(actor, project, activityId));
    // Refused before a byte is stored: too large or not one of the allowed kinds (by content).
    const { mediaType } = checkUpload(input.file, { allowed: attachmentTypes, maxBytes: attachmentMaxBytes });
    const file = input.file!;
    const storedName = await deps.uploads.save(file.bytes);
    try {
      return await db.transaction(async (tx) => {
        const row = await repo.insertAttachment(tx, {
          prefectureId: project.prefectureId,
          projectId: project.id,
          activityId,
          storedName,
          fileName: file.name.slice(0, 200) || 'file',
          contentType: mediaType,
          sizeBytes: file.bytes.byteLength,
          createdAt: ctx.now,
          createdBy: actor.userId,
        });
        await recordAudit(tx, ctx, {
          action: 'project_attachment.create',
          entityType: 'project_attachment',
          entityId: row.id,
          after: { ...row, storedName: undefined },
        });
        return toAttachment(row, true);
      });
    } catch (err) {
      await deps.uploads.remove(storedName);
      throw err;
    }
  }

  /** The file, for the project's readers only; the report's before approval only to its company and the prefecture. */
  async function read(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const row = await repo.findAttachment(db, actor.prefectureId, id);
    if (!row) throw notFound();
    const project = await loadReadable(db, actor, row.projectId);
    if (row.activityId === null && !policy.canDeliver(actor, project)) {
      const report = await repo.findReport(db, project.id);
      if (report?.status !== 'approved') throw notFound();
    }
    return { bytes: await deps.uploads.read(row.storedName), name: row.fileName, type: row.contentType };
  }

  async function remove(ctx: RequestContext, id: string): Promise<void> {
    const actor = requireActor(ctx);
    const row = await repo.findAttachment(db, actor.prefectureId, id);
    if (!row) throw notFound();
    const project = await loadReadable(db, actor, row.projectId);
    assertAllowed(await mayChange(actor, project, row.activityId));
    await db.transaction(async (tx) => {
      await repo.deleteAttachments(tx, [row.id]);
      await recordAudit(tx, ctx, {
        action: 'project_attachment.delete',
        entityType: 'project_attachment',
        entityId: row.id,
        before: { ...row, storedName: undefined },
      });
    });
    await deps.uploads.remove(row.storedName);
  }

  return { addAttachment: add, readAttachment: read, deleteAttachment: remove };
}
