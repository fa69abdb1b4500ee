import type { ReachReport } from '../../../shared/schemas/seminars';
import type { Audience, ReachAudience } from '../../../shared/schemas/seminars';
import type { Executor } from '../../db/client';
import { type ReachStatus, reachStatusOf } from '../../domain/seminar-reach';
import { computeReach } from './seminars.reach';
import { listUpcomingEvents } from './seminars.repository';

/**
 * What other features read of the seminars: reach per municipality × audience group × year
 * (domain/seminar-reach.ts), for a prefecture, without a request (the caller checked access).
 * `fiscalYear` null gives every year's rows.
 */
export interface SeminarReachReadPort {
  reachOf(prefectureId: string, fiscalYear: number | null): Promise<ReachReport>;
}

/** One municipality × fiscal year × audience group cell of seminar reach (ADR 008's definition). */
export interface ReachCell {
  municipalityId: string;
  fiscalYear: number;
  audience: ReachAudience;
  status: ReachStatus;
}

/**
 * What other features (dashboards) read of seminars. Server-side: the caller checked its own
 * permissions and passes the actor's prefecture.
 */
export interface SeminarsReadPort {
  /** Every cell with a registration, attendance or archive view, all years. */
  reachCells(prefectureId: string): Promise<ReachCell[]>;
  /** Events still to come, soonest first: where "invite to a seminar" leads. */
  upcomingEvents(
    prefectureId: string,
    now: Date,
  ): Promise<{ id: string; audience: Audience; startsAt: Date }[]>;
}

export function createSeminarsReadPort(db: Executor): SeminarsReadPort {
  return {
    async reachCells(prefectureId) {
      const report = await computeReach(db, prefectureId, null);
      return report.rows.map((r) => ({
        municipalityId: r.municipality.id,
        fiscalYear: r.fiscalYear,
        audience: r.audience,
        status: reachStatusOf(r),
      }));
    },
    upcomingEvents: (prefectureId, now) => listUpcomingEvents(db, prefectureId, now),
  };
}
