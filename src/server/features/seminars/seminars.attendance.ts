/**
 * Attendance import: a Zoom/Teams report is read and matched (preview, stored), then the
 * administrator decides every row and the minutes are recorded in one transaction (confirm).
 */
import type {
  AttendanceImportConfirm,
  AttendanceImportPreview,
  AttendanceImportRow,
} from '../../../shared/schemas/seminars';
import {
  AttendanceReportError,
  matchAttendance,
  parseAttendanceReport,
} from '../../domain/attendance-report';
import { audienceGroupOf, isHeadPosition } from '../../domain/seminar-reach';
import { recordAudit } from '../../platform/audit';
import type { RequestContext } from '../../platform/context';
import { requireActor } from '../../platform/context';
import { AppError, assertAllowed, fieldError, notFound } from '../../platform/errors';
import { seminarsPolicy as policy } from './seminars.policy';
import * as registrationsRepo from './seminars.registrations.repository';
import * as repo from './seminars.repository';
import type { SeminarsModuleDeps } from './seminars.types';

/** Every row of the report gets a decision: nothing is dropped silently. */
function undecidedRows(
  rows: AttendanceImportRow[],
  decided: Map<number, AttendanceImportConfirm['rows'][number]>,
) {
  return rows
    .filter((r) => {
      const d = decided.get(r.index);
      return !d || (!d.isIgnored && !d.registrationId && !d.municipalityId);
    })
    .map((r) => ({
      path: ['rows', r.index],
      code: 'undecided',
      ja: `${r.index + 1}行目（${r.name}）の扱いを選んでください。`,
      en: `Choose what to do with row ${r.index + 1} (${r.name}).`,
    }));
}

export function createSeminarAttendanceModule({ db }: SeminarsModuleDeps) {
  async function previewAttendance(
    ctx: RequestContext,
    eventId: string,
    bytes: Uint8Array,
  ): Promise<AttendanceImportPreview> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor));
    if (!(await repo.findEvent(db, actor.prefectureId, eventId))) throw notFound();
    let report: ReturnType<typeof parseAttendanceReport>;
    try {
      report = parseAttendanceReport(bytes);
    } catch (err) {
      if (err instanceof AttendanceReportError) throw fieldError(['file'], err.ja, err.en, 'unreadable');
      throw err;
    }
    const matches = matchAttendance(report.rows, await registrationsRepo.listMatchCandidates(db, eventId));
    const rows = report.rows.map((r, index) => ({
      index,
      name: r.name,
      email: r.email,
      minutes: r.minutes,
      match: matches[index] ?? null,
    }));
    const importId = await registrationsRepo.insertAttendanceImport(
      db,
      { prefectureId: actor.prefectureId, eventId, format: report.format, rows },
      { userId: actor.userId, now: ctx.now },
    );
    return { importId, format: report.format, rows };
  }

  async function confirmAttendance(ctx: RequestContext, eventId: string, input: AttendanceImportConfirm) {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor));
    const stamp = { userId: actor.userId, now: ctx.now };
    return db.transaction(async (tx) => {
      const event = await repo.findEvent(tx, actor.prefectureId, eventId, true);
      if (!event) throw notFound();
      const imp = await registrationsRepo.findAttendanceImportForUpdate(
        tx,
        actor.prefectureId,
        eventId,
        input.importId,
      );
      if (!imp) throw notFound();
      if (imp.confirmedAt) throw new AppError('DUPLICATE');
      const decided = new Map(input.rows.map((r) => [r.index, r]));
      const fields = undecidedRows(imp.rows, decided);
      if (fields.length > 0) throw new AppError('VALIDATION_FAILED', { fields });
      const regs = await registrationsRepo.listEventRegistrationRows(tx, eventId);
      const minutesByReg = new Map<string, number>();
      let recorded = 0;
      let attended = 0;
      for (const row of imp.rows) {
        const d = decided.get(row.index)!;
        if (d.isIgnored) continue;
        if (d.registrationId) {
          if (!regs.some((r) => r.id === d.registrationId))
            throw fieldError(
              ['rows', row.index, 'registrationId'],
              '申込みが見つかりません。',
              'No such registration.',
            );
          // Rejoins of one person are summed before the threshold is applied.
          minutesByReg.set(d.registrationId, (minutesByReg.get(d.registrationId) ?? 0) + row.minutes);
          recorded++;
        } else if (d.municipalityId) {
          if (!(await registrationsRepo.municipalityExists(tx, actor.prefectureId, d.municipalityId)))
            throw fieldError(
              ['rows', row.index, 'municipalityId'],
              '市町村が見つかりません。',
              'No such municipality.',
            );
          const walkIn = await registrationsRepo.insertWalkIn(
            tx,
            {
              prefectureId: actor.prefectureId,
              eventId,
              municipalityId: d.municipalityId,
              name: row.name,
              email: row.email,
              audienceGroup: audienceGroupOf(event.audience, isHeadPosition(row.name)),
              minutesAttended: row.minutes,
            },
            stamp,
          );
          await recordAudit(tx, ctx, {
            action: 'seminar_walk_in.create',
            entityType: 'seminar_walk_in',
            entityId: walkIn.id,
            after: walkIn,
          });
          recorded++;
          if (row.minutes >= event.attendanceThresholdMinutes) attended++;
        }
      }
      for (const [regId, minutes] of minutesByReg) {
        const before = regs.find((r) => r.id === regId)!;
        const after = await registrationsRepo.updateRegistration(
          tx,
          regId,
          before.version,
          { minutesAttended: minutes },
          stamp,
        );
        await recordAudit(tx, ctx, {
          action: 'seminar_registration.attendance',
          entityType: 'seminar_registration',
          entityId: regId,
          before,
          after,
        });
        if (minutes >= event.attendanceThresholdMinutes) attended++;
      }
      await registrationsRepo.markAttendanceImportConfirmed(tx, imp.id, stamp);
      await recordAudit(tx, ctx, {
        action: 'seminar_attendance_import.confirm',
        entityType: 'seminar_attendance_import',
        entityId: imp.id,
        after: { recorded, attended, format: imp.format },
      });
      return { recorded, attended };
    });
  }

  return { previewAttendance, confirmAttendance };
}
