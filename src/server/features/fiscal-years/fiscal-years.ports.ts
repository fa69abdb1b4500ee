import type { LocalizedText, PhaseKind, SetupItem, YearCopyItem } from '../../../shared/schemas/fiscal-years';
import type { RequestContext } from '../../platform/context';
import type { FiscalYearsService } from './fiscal-years.service';

/** What other features read of the yearly plan: the current year with its phases, and deadlines. */
export type FiscalYearsReadPort = Pick<FiscalYearsService, 'getCurrentPlan' | 'listUpcomingDeadlines'>;

/** Every fiscal year of a prefecture as id and number (e.g. to label a record's year without a request). */
export type FiscalYearIndexPort = Pick<FiscalYearsService, 'yearsOf'>;

/** A fiscal year as the features taking part in its set-up see it. */
export interface YearRef {
  id: string;
  year: number;
}

/**
 * What a feature owning a yearly thing (the rubric, the needs survey, the seminar series)
 * contributes to preparing the next year and to its set-up checklist, so fiscal-years never
 * reads another feature's tables. app.ts passes one per feature.
 */
export interface YearSetupParticipant {
  /** What copying `from` into `to` brings (to = null: the year does not exist yet). */
  previewCopy(prefectureId: string, from: YearRef, to: YearRef | null): Promise<YearCopyItem[]>;
  /**
   * Copies into `to` what it still lacks, in its own audited transaction: running it again adds
   * nothing, so an interrupted preparation is finished by running it again.
   * `programIds` maps each program of `from` to its copy in `to`.
   */
  copyYear(
    ctx: RequestContext,
    from: YearRef,
    to: YearRef,
    programIds: Map<string, string>,
  ): Promise<YearCopyItem[]>;
  checklist(prefectureId: string, year: YearRef): Promise<SetupItem[]>;
  /** Why a phase of this kind cannot work in this year yet; empty when nothing is missing. */
  phaseBlockers(prefectureId: string, year: YearRef, kind: PhaseKind): Promise<PhaseBlocker[]>;
}

/** One thing a phase lacks: a few words for lists and home tasks, and the sentence that says what to do. */
export interface PhaseBlocker {
  /** e.g. 評価基準が未保存 / the review rubric is not saved (no final です or full stop). */
  short: LocalizedText;
  detail: LocalizedText;
}
