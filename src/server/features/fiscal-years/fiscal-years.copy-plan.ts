import { adjustToBusinessDay } from '../../../shared/deadlines';
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from '../../../shared/holidays';
import {
  type AdjustedDeadline,
  closedDayReason,
  deadlineInputOf,
  deadlineInstantOf,
  type PhaseKind,
  shiftYmdByYears,
} from '../../../shared/schemas/fiscal-years';
import type { Executor } from '../../db/client';
import type { Actor } from '../../platform/context';
import * as repo from './fiscal-years.repository';

/**
 * Where a copied deadline goes when the same date next year is a closed day:
 * the previous business day, as the prefecture would announce it; if that
 * leaves the phase, the next business day inside it; failing both, none.
 */
export function fitDeadlineInPhase(date: string, startsOn: string, endsOn: string): string | null {
  const year = Number(date.slice(0, 4));
  if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) return null;
  if (!closedDayReason(date)) return date;
  const earlier = adjustToBusinessDay(date, 'earlier');
  if (earlier >= startsOn) return earlier;
  const later = adjustToBusinessDay(date, 'later');
  return later <= endsOn ? later : null;
}

/**
 * Copies a year's programs and phases into a new year, every date moved by
 * the year difference. Budgets are not copied: each year's budget is voted
 * anew, and a copied figure would read as decided.
 */
export async function copyPlan(
  tx: Executor,
  actor: Actor,
  source: repo.FiscalYearRow,
  target: repo.FiscalYearRow,
): Promise<{ programs: number; phases: number; adjustedDeadlines: AdjustedDeadline[] }> {
  const years = target.year - source.year;
  const sourcePrograms = await repo.findProgramsOfYears(tx, actor.prefectureId, [source.id]);
  const sourcePhases = await repo.findPhasesOfPrograms(
    tx,
    actor.prefectureId,
    sourcePrograms.map((p) => p.id),
  );
  const adjustedDeadlines: AdjustedDeadline[] = [];
  for (const program of sourcePrograms) {
    const copy = await repo.insertProgram(tx, {
      prefectureId: actor.prefectureId,
      fiscalYearId: target.id,
      kind: program.kind,
      name: program.name,
      nameEn: program.nameEn,
      description: program.description,
      budgetThousandYen: null,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    });
    for (const phase of sourcePhases.filter((p) => p.programId === program.id)) {
      const startsOn = shiftYmdByYears(phase.startsOn, years);
      const endsOn = shiftYmdByYears(phase.endsOn, years);
      const sourceDeadline = phase.deadlineAt ? deadlineInputOf(phase.deadlineAt) : null;
      const shiftedDate = sourceDeadline ? shiftYmdByYears(sourceDeadline.date, years) : null;
      const deadlineDate = shiftedDate ? fitDeadlineInPhase(shiftedDate, startsOn, endsOn) : null;
      const inserted = await repo.insertPhase(tx, {
        prefectureId: actor.prefectureId,
        programId: copy.id,
        kind: phase.kind,
        startsOn,
        endsOn,
        deadlineAt:
          sourceDeadline && deadlineDate
            ? deadlineInstantOf({ date: deadlineDate, time: sourceDeadline.time })
            : null,
        note: phase.note,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      });
      if (shiftedDate && deadlineDate !== shiftedDate) {
        adjustedDeadlines.push({
          phaseId: inserted.id,
          programName: program.name,
          kind: phase.kind as PhaseKind,
          from: shiftedDate,
          to: deadlineDate,
        });
      }
    }
  }
  return { programs: sourcePrograms.length, phases: sourcePhases.length, adjustedDeadlines };
}
