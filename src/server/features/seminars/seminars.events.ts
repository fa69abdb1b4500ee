/**
 * Series (a fiscal year's seminars with their budget) and events: listing, the event page,
 * creating and editing.
 */
import type {
  Audience,
  SeminarEvent,
  SeminarEventCreate,
  SeminarEventDetail,
  SeminarEventPatch,
  SeminarSeries,
  SeminarSeriesCreate,
} from '../../../shared/schemas/seminars';
import { seatCapWithinCapacity } from '../../../shared/schemas/seminars';
import type { Executor } from '../../db/client';
import { recordAudit } from '../../platform/audit';
import type { RequestContext } from '../../platform/context';
import { requireActor } from '../../platform/context';
import { AppError, assertAllowed, fieldError, notFound } from '../../platform/errors';
import { withCurrentOnConflict } from '../../platform/locking';
import { seminarsPolicy as policy } from './seminars.policy';
import * as repo from './seminars.repository';
import type { SeminarsModuleDeps } from './seminars.types';
import { eventSummaries, loadDetail, toSeries } from './seminars.views';

export interface EventListFilters {
  fiscalYear?: number | undefined;
  audience?: Audience | undefined;
  regionId?: string | undefined;
  upcoming?: string | undefined;
}

async function assertRegion(ex: Executor, prefectureId: string, regionId: string | null | undefined) {
  if (regionId && !(await repo.regionExists(ex, prefectureId, regionId)))
    throw fieldError(['regionId'], '地方が見つかりません。', 'No such region.');
}

/** A feedback survey must be the prefecture's current seminar_feedback survey for seminar participants. */
async function assertFeedbackSurvey(ex: Executor, prefectureId: string, surveyId: string | null | undefined) {
  if (!surveyId) return;
  const survey = await repo.findSurveyForFeedback(ex, prefectureId, surveyId);
  if (!survey || survey.supersededAt !== null)
    throw fieldError(['feedbackSurveyId'], 'アンケートが見つかりません。', 'No such survey.');
  if (survey.kind !== 'seminar_feedback' || survey.audience !== 'seminar_participants')
    throw fieldError(
      ['feedbackSurveyId'],
      'セミナーアンケート（対象：セミナー参加者）を選んでください。',
      'Choose a seminar feedback survey whose audience is seminar participants.',
    );
}

export function createSeminarEventsModule({ db }: SeminarsModuleDeps) {
  async function listSeries(ctx: RequestContext): Promise<SeminarSeries[]> {
    const actor = requireActor(ctx);
    const rows = await repo.listSeries(db, actor.prefectureId);
    return rows.map((r) => toSeries(r.series, r.year));
  }

  async function createSeries(ctx: RequestContext, input: SeminarSeriesCreate): Promise<SeminarSeries> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor));
    const stamp = { userId: actor.userId, now: ctx.now };
    return db.transaction(async (tx) => {
      const year = await repo.findFiscalYear(tx, actor.prefectureId, input.fiscalYearId);
      if (!year) throw fieldError(['fiscalYearId'], '年度が見つかりません。', 'No such fiscal year.');
      const row = await repo.insertSeries(
        tx,
        {
          prefectureId: actor.prefectureId,
          fiscalYearId: year.id,
          programId: await repo.findSeminarProgramId(tx, year.id),
          title: input.title,
          costPerSessionThousandYen: input.costPerSessionThousandYen,
          sessionCount: input.sessionCount,
        },
        stamp,
      );
      await recordAudit(tx, ctx, {
        action: 'seminar_series.create',
        entityType: 'seminar_series',
        entityId: row.id,
        after: row,
      });
      return toSeries(row, year.year);
    });
  }

  async function listEvents(ctx: RequestContext, filters: EventListFilters): Promise<SeminarEvent[]> {
    const actor = requireActor(ctx);
    const rows = await eventSummaries(
      db,
      actor.prefectureId,
      {
        fiscalYear: filters.fiscalYear,
        audience: filters.audience,
        regionId: filters.regionId,
        endsAfter: filters.upcoming === 'true' ? ctx.now : undefined,
      },
      ctx.now,
    );
    return rows.map(({ row: _row, ...event }) => event);
  }

  async function getEvent(ctx: RequestContext, id: string): Promise<SeminarEventDetail> {
    const actor = requireActor(ctx);
    return loadDetail(db, actor, id, ctx.now);
  }

  async function createEvent(ctx: RequestContext, seriesId: string, input: SeminarEventCreate) {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor));
    return db.transaction(async (tx) => {
      if (!(await repo.findSeries(tx, actor.prefectureId, seriesId))) throw notFound();
      await assertRegion(tx, actor.prefectureId, input.regionId);
      const row = await repo.insertEvent(
        tx,
        {
          prefectureId: actor.prefectureId,
          seriesId,
          title: input.title,
          audience: input.audience,
          regionId: input.regionId,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          registrationClosesAt: new Date(input.registrationClosesAt),
          capacity: input.capacity,
          maxSeatsPerMunicipality: input.maxSeatsPerMunicipality ?? null,
          attendanceThresholdMinutes: input.attendanceThresholdMinutes,
          joinUrl: input.joinUrl,
          passcode: input.passcode,
          programme: input.programme,
          speakers: input.speakers,
        },
        { userId: actor.userId, now: ctx.now },
      );
      await recordAudit(tx, ctx, {
        action: 'seminar_event.create',
        entityType: 'seminar_event',
        entityId: row.id,
        after: row,
      });
      return loadDetail(tx, actor, row.id, ctx.now);
    });
  }

  async function updateEvent(ctx: RequestContext, id: string, input: SeminarEventPatch) {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor));
    return withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          const before = await repo.findEvent(tx, actor.prefectureId, id);
          if (!before) throw notFound();
          await assertRegion(tx, actor.prefectureId, input.regionId);
          await assertFeedbackSurvey(tx, actor.prefectureId, input.feedbackSurveyId);
          const { version, startsAt, endsAt, registrationClosesAt, ...rest } = input;
          const next = {
            ...rest,
            ...(startsAt ? { startsAt: new Date(startsAt) } : {}),
            ...(endsAt ? { endsAt: new Date(endsAt) } : {}),
            ...(registrationClosesAt ? { registrationClosesAt: new Date(registrationClosesAt) } : {}),
          };
          if ((next.endsAt ?? before.endsAt) <= (next.startsAt ?? before.startsAt))
            throw fieldError(
              ['endsAt'],
              '終了は開始より後にしてください。',
              'The end must be after the start.',
            );
          // The patch may change only one of the two; the rule holds for the event as it will be.
          const cap =
            next.maxSeatsPerMunicipality === undefined
              ? before.maxSeatsPerMunicipality
              : next.maxSeatsPerMunicipality;
          if (cap !== null && cap > (next.capacity ?? before.capacity))
            throw new AppError('VALIDATION_FAILED', {
              fields: [{ path: seatCapWithinCapacity.path, code: 'custom', ...seatCapWithinCapacity.params }],
            });
          const after = await repo.updateEvent(tx, id, version, next, { userId: actor.userId, now: ctx.now });
          await recordAudit(tx, ctx, {
            action: 'seminar_event.update',
            entityType: 'seminar_event',
            entityId: id,
            before,
            after,
          });
          return loadDetail(tx, actor, id, ctx.now);
        }),
      () => loadDetail(db, actor, id, ctx.now).catch(() => null),
    );
  }

  return { listSeries, createSeries, listEvents, getEvent, createEvent, updateEvent };
}
