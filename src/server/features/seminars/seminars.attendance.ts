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

/** One person's attendance summed over the report rows assigned to them. */
interface TimesAttended {
  seconds: number;
  joinedAt: string | null;
  leftAt: string | null;
}

/** Previews stored before seconds and times were kept have only whole minutes. */
function addRow(total: TimesAttended | undefined, row: AttendanceImportRow): TimesAttended {
  const seconds = row.seconds ?? row.minutes * 60;
  const joinedAt = row.joinedAt ?? null;
  const leftAt = row.leftAt ?? null;
  if (!total) return { seconds, joinedAt, leftAt };
  const earliest = (a: string | null, b: string | null) =>
    !a ? b : !b ? a : Date.parse(a) <= Date.parse(b) ? a : b;
  const latest = (a: string | null, b: string | null) =>
    !a ? b : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b;
  return {
    seconds: total.seconds + seconds,
    joinedAt: earliest(total.joinedAt, joinedAt),
    leftAt: latest(total.leftAt, leftAt),
  };
}

/** Stored as whole minutes, the seconds left over dropped (the preview says so). */
function attendanceColumns(times: TimesAttended) {
  return {
    minutesAttended: Math.floor(times.seconds / 60),
    firstJoinedAt: times.joinedAt ? new Date(times.joinedAt) : null,
    lastLeftAt: times.leftAt ? new Date(times.leftAt) : null,
  };
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
      seconds: r.seconds,
      joinedAt: r.joinedAt ?? null,
      leftAt: r.leftAt ?? null,
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
      const attendanceByReg = new Map<string, TimesAttended>();
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
          attendanceByReg.set(d.registrationId, addRow(attendanceByReg.get(d.registrationId), row));
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
              ...attendanceColumns(addRow(undefined, row)),
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
          if (walkIn.minutesAttended >= event.attendanceThresholdMinutes) attended++;
        }
      }
      for (const [regId, times] of attendanceByReg) {
        const before = regs.find((r) => r.id === regId)!;
        const columns = attendanceColumns(times);
        const minutes = columns.minutesAttended;
        const after = await registrationsRepo.updateRegistration(tx, regId, before.version, columns, stamp);
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
