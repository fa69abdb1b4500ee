/**
 * Attendance import: a Zoom/Teams report is read and matched (preview, stored), then the
 * administrator decides every row and the minutes are recorded in one transaction (confirm).
 * Rows whose duration cannot be read are shown to be fixed (minutes typed) or ignored explicitly.
 * Confirming a report again updates the attendance it recorded: a registration's minutes are set,
 * not added, and a walk-in is found again by person (e-mail, else name) within the event.
 */
import type {
  AttendanceImportConfirm,
  AttendanceImportPreview,
  AttendanceImportRow,
} from '../../../shared/schemas/seminars';
import {
  type AttendanceReportProblem,
  AttendanceReportError,
  matchAttendance,
  parseAttendanceReport,
  personKey,
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

/** Why a row must be fixed, in both languages, as the preview shows it and confirm repeats it. */
function problemMessage(p: AttendanceReportProblem): { ja: string; en: string } {
  const shown = p.value === '' ? '（空欄）' : `「${p.value}」`;
  const shownEn = p.value === '' ? '(empty)' : `"${p.value}"`;
  return {
    ja: `ファイルの${p.line}行目（${p.name || p.email}）の参加時間${shown}を読み取れません。参加時間（分）を入力して記録するか、無視してください。`,
    en: `Line ${p.line} of the file (${p.name || p.email}): the time attended ${shownEn} cannot be read. Enter the minutes to record it, or ignore the row.`,
  };
}

/** A row to fix that is to be recorded needs the administrator's minutes: it is never recorded as zero. */
function unfixedRows(
  rows: AttendanceImportRow[],
  decided: Map<number, AttendanceImportConfirm['rows'][number]>,
) {
  return rows
    .filter((r) => {
      const d = decided.get(r.index);
      return r.minutes === null && d && !d.isIgnored && d.minutes === undefined;
    })
    .map((r) => ({
      path: ['rows', r.index, 'minutes'],
      code: 'required',
      ja: r.problem?.ja ?? `${r.index + 1}行目（${r.name}）の参加時間（分）を入力してください。`,
      en: r.problem?.en ?? `Enter the minutes attended for row ${r.index + 1} (${r.name}).`,
    }));
}

/** One person's attendance summed over the report rows assigned to them. */
interface TimesAttended {
  seconds: number;
  joinedAt: string | null;
  leftAt: string | null;
}

/**
 * Adds a row to a person's total. The administrator's minutes replace the report's; previews
 * stored before seconds were kept have only whole minutes.
 */
function addRow(
  total: TimesAttended | undefined,
  row: AttendanceImportRow,
  typedMinutes: number | undefined,
): TimesAttended {
  const seconds = typedMinutes !== undefined ? typedMinutes * 60 : (row.seconds ?? (row.minutes ?? 0) * 60);
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
    assertAllowed(policy.canRecordAttendance(actor));
    if (!(await repo.findEvent(db, actor.prefectureId, eventId))) throw notFound();
    let report: ReturnType<typeof parseAttendanceReport>;
    try {
      report = parseAttendanceReport(bytes);
    } catch (err) {
      if (err instanceof AttendanceReportError) throw fieldError(['file'], err.ja, err.en, 'unreadable');
      throw err;
    }
    const read = report.rows.map((r) => ({
      name: r.name,
      email: r.email,
      minutes: r.minutes as number | null,
      seconds: r.seconds as number | null,
      joinedAt: r.joinedAt ?? null,
      leftAt: r.leftAt ?? null,
      problem: null as AttendanceImportRow['problem'],
    }));
    // Rows to fix come after the readable ones, still matched so the administrator sees who they are.
    const toFix = report.problems.map((p) => ({
      name: p.name,
      email: p.email,
      minutes: null,
      seconds: null,
      joinedAt: p.joinedAt ?? null,
      leftAt: p.leftAt ?? null,
      problem: { line: p.line, value: p.value, ...problemMessage(p) },
    }));
    const all = [...read, ...toFix];
    const matches = matchAttendance(all, await registrationsRepo.listMatchCandidates(db, eventId));
    const rows: AttendanceImportRow[] = all.map((r, index) => ({
      index,
      name: r.name,
      email: r.email,
      minutes: r.minutes,
      seconds: r.seconds,
      joinedAt: r.joinedAt,
      leftAt: r.leftAt,
      match: matches[index] ?? null,
      problem: r.problem,
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
    assertAllowed(policy.canRecordAttendance(actor));
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
      const fields = [...undecidedRows(imp.rows, decided), ...unfixedRows(imp.rows, decided)];
      if (fields.length > 0) throw new AppError('VALIDATION_FAILED', { fields });
      const regs = await registrationsRepo.listEventRegistrationRows(tx, eventId);
      const attendanceByReg = new Map<string, TimesAttended>();
      const walkInsByPerson = new Map<
        string,
        { municipalityId: string; name: string; email: string; times: TimesAttended }
      >();
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
          attendanceByReg.set(
            d.registrationId,
            addRow(attendanceByReg.get(d.registrationId), row, d.minutes),
          );
          recorded++;
        } else if (d.municipalityId) {
          if (!(await registrationsRepo.municipalityExists(tx, actor.prefectureId, d.municipalityId)))
            throw fieldError(
              ['rows', row.index, 'municipalityId'],
              '市町村が見つかりません。',
              'No such municipality.',
            );
          // Rows of one person are summed, as for a registration.
          const key = personKey(row.name, row.email);
          const earlier = walkInsByPerson.get(key);
          walkInsByPerson.set(key, {
            municipalityId: d.municipalityId,
            name: row.name,
            email: row.email,
            times: addRow(earlier?.times, row, d.minutes),
          });
          recorded++;
        }
      }
      // The event row is locked: two confirms of the same report cannot both insert the walk-in.
      const existingWalkIns = await registrationsRepo.listWalkIns(tx, eventId);
      for (const [key, w] of walkInsByPerson) {
        const values = {
          municipalityId: w.municipalityId,
          name: w.name,
          email: w.email,
          audienceGroup: audienceGroupOf(event.audience, isHeadPosition(w.name)),
          ...attendanceColumns(w.times),
        };
        const before = existingWalkIns.find((e) => personKey(e.name, e.email) === key);
        const walkIn = before
          ? await registrationsRepo.updateWalkIn(tx, before.id, before.version, values, stamp)
          : await registrationsRepo.insertWalkIn(
              tx,
              { prefectureId: actor.prefectureId, eventId, ...values },
              stamp,
            );
        await recordAudit(tx, ctx, {
          action: before ? 'seminar_walk_in.update' : 'seminar_walk_in.create',
          entityType: 'seminar_walk_in',
          entityId: walkIn.id,
          ...(before ? { before } : {}),
          after: walkIn,
        });
        if (walkIn.minutesAttended >= event.attendanceThresholdMinutes) attended++;
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
