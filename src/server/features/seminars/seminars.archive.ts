/**
 * Materials, workshop outputs and the limited archive: links or uploaded files (kept by the
 * upload store under generated names), handed out by an access-checked route.
 */
import type {
  ArchiveEntitlement,
  MaterialPurpose,
  SeminarArchive,
  SeminarMaterial,
} from '../../../shared/schemas/seminars';
import { audienceGroupOf } from '../../domain/seminar-reach';
import { recordAudit } from '../../platform/audit';
import type { RequestContext } from '../../platform/context';
import { hasRole, requireActor } from '../../platform/context';
import { assertAllowed, fieldError, notFound } from '../../platform/errors';
import { mediaTypes } from '../../platform/file-response';
import type { UploadedFile } from '../../platform/uploads';
import { seminarsPolicy as policy } from './seminars.policy';
import * as repo from './seminars.repository';
import type { SeminarsModuleDeps } from './seminars.types';
import { archiveUrlOf, isArchiveEntitled, isArchiveOpen, loadDetail, toMaterial } from './seminars.views';

export interface MaterialInput {
  purpose: MaterialPurpose;
  kind: 'link' | 'file';
  title: string;
  url?: string | undefined;
  file?: UploadedFile | undefined;
}

export interface ArchiveInput {
  kind: 'link' | 'file';
  url?: string | undefined;
  file?: UploadedFile | undefined;
  opensAt: string;
  closesAt: string;
  entitlement: ArchiveEntitlement;
  countsTowardReach: boolean;
}

const needUrl = () => fieldError(['url'], 'URLを入力してください。', 'Enter a URL.');
const needFile = () => fieldError(['file'], 'ファイルを選択してください。', 'Choose a file.');

export function createSeminarArchiveModule({ db, uploads }: SeminarsModuleDeps) {
  async function addMaterial(
    ctx: RequestContext,
    eventId: string,
    input: MaterialInput,
  ): Promise<SeminarMaterial> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor));
    if (!(await repo.findEvent(db, actor.prefectureId, eventId))) throw notFound();
    if (input.kind === 'link' && !input.url) throw needUrl();
    if (input.kind === 'file' && !input.file) throw needFile();
    const storedName = input.kind === 'file' ? await uploads.save(input.file!.bytes) : null;
    return db.transaction(async (tx) => {
      const row = await repo.insertFile(
        tx,
        {
          prefectureId: actor.prefectureId,
          eventId,
          purpose: input.purpose,
          kind: input.kind,
          title: input.title,
          url: input.kind === 'link' ? input.url! : null,
          storedName,
          originalName: input.file?.name ?? null,
          mimeType: input.file?.type || null,
        },
        { userId: actor.userId, now: ctx.now },
      );
      await recordAudit(tx, ctx, {
        action: 'seminar_file.create',
        entityType: 'seminar_file',
        entityId: row.id,
        after: row,
      });
      return toMaterial(row);
    });
  }

  async function deleteMaterial(ctx: RequestContext, id: string): Promise<void> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor));
    const removed = await db.transaction(async (tx) => {
      const row = await repo.findMaterial(tx, actor.prefectureId, id);
      if (!row) throw notFound();
      await repo.deleteFile(tx, id);
      await recordAudit(tx, ctx, {
        action: 'seminar_file.delete',
        entityType: 'seminar_file',
        entityId: id,
        before: row,
      });
      return row;
    });
    // The bytes go once the row is gone for good (after commit), so a rollback never loses a file.
    if (removed.storedName) await uploads.remove(removed.storedName);
  }

  async function setArchive(
    ctx: RequestContext,
    eventId: string,
    input: ArchiveInput,
  ): Promise<SeminarArchive> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor));
    const event0 = await repo.findEvent(db, actor.prefectureId, eventId);
    if (!event0) throw notFound();
    if (Date.parse(input.closesAt) <= Date.parse(input.opensAt))
      throw fieldError(
        ['closesAt'],
        '公開終了は公開開始より後にしてください。',
        'The window must close after it opens.',
      );
    if (input.kind === 'link' && !input.url) throw needUrl();
    if (input.kind === 'file' && !input.file && event0.archiveKind !== 'file') throw needFile();
    const storedName = input.kind === 'file' && input.file ? await uploads.save(input.file.bytes) : null;
    const stamp = { userId: actor.userId, now: ctx.now };
    return db.transaction(async (tx) => {
      let fileId = input.kind === 'file' ? event0.archiveFileId : null;
      if (storedName) {
        const file = await repo.insertFile(
          tx,
          {
            prefectureId: actor.prefectureId,
            eventId,
            purpose: 'archive',
            kind: 'file',
            title: input.file!.name,
            storedName,
            originalName: input.file!.name,
            mimeType: input.file!.type || null,
          },
          stamp,
        );
        fileId = file.id;
      }
      const after = await repo.updateEvent(
        tx,
        eventId,
        event0.version,
        {
          archiveKind: input.kind,
          archiveUrl: input.kind === 'link' ? input.url! : null,
          archiveFileId: fileId,
          archiveOpensAt: new Date(input.opensAt),
          archiveClosesAt: new Date(input.closesAt),
          archiveEntitlement: input.entitlement,
          archiveCountsTowardReach: input.countsTowardReach ? 1 : 0,
        },
        stamp,
      );
      await recordAudit(tx, ctx, {
        action: 'seminar_event.archive',
        entityType: 'seminar_event',
        entityId: eventId,
        before: event0,
        after,
      });
      return (await loadDetail(tx, actor, eventId, ctx.now)).archive!;
    });
  }

  /** Hands out the archive link to an entitled municipality user inside the window, recording the view. */
  async function viewArchive(ctx: RequestContext, eventId: string): Promise<{ url: string }> {
    const actor = requireActor(ctx);
    const event = await repo.findEvent(db, actor.prefectureId, eventId);
    if (!event?.archiveKind) throw notFound();
    if (policy.canManage(actor)) return { url: archiveUrlOf(event) };
    assertAllowed((await isArchiveEntitled(db, actor, event)) && isArchiveOpen(event, ctx.now));
    await repo.insertArchiveView(db, {
      prefectureId: actor.prefectureId,
      eventId,
      municipalityId: actor.municipalityId!,
      userId: actor.userId,
      audienceGroup: audienceGroupOf(event.audience, hasRole(actor, 'municipality_head')),
      viewedAt: ctx.now,
    });
    return { url: archiveUrlOf(event) };
  }

  /** An uploaded file, access-checked: materials to the prefecture's users, the archive to the entitled in its window. */
  async function readFile(ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const file = await repo.findFile(db, actor.prefectureId, id);
    if (file?.kind !== 'file' || !file.storedName) throw notFound();
    if (file.purpose === 'archive' && !policy.canManage(actor)) {
      const event = await repo.findEvent(db, actor.prefectureId, file.eventId);
      assertAllowed(
        event !== null &&
          event.archiveFileId === file.id &&
          (await isArchiveEntitled(db, actor, event)) &&
          isArchiveOpen(event, ctx.now),
      );
    }
    return {
      bytes: await uploads.read(file.storedName),
      name: file.originalName ?? 'file',
      type: file.mimeType ?? mediaTypes.octetStream,
    };
  }

  return { addMaterial, deleteMaterial, setArchive, viewArchive, readFile };
}
