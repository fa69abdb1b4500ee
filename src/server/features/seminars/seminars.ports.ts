import type { ReachReport } from '../../../shared/schemas/seminars';

/**
 * What other features read of the seminars: reach per municipality × audience group × year
 * (domain/seminar-reach.ts), for a prefecture, without a request (the caller checked access).
 * `fiscalYear` null gives every year's rows.
 */
export interface SeminarReachReadPort {
  reachOf(prefectureId: string, fiscalYear: number | null): Promise<ReachReport>;
}
