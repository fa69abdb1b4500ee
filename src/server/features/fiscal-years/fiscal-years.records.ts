import { formatFiscalYear } from '../../../shared/fiscal-year';
import {
  deadlineInputOf,
  type FiscalYearStatus,
  type FiscalYearSummary,
  type findPhaseDateProblems,
  type LocalizedText,
  type Phase,
  type PhaseKind,
  type Program,
  type ProgramKind,
  phaseStateAt,
} from '../../../shared/schemas/fiscal-years';
import { AppError } from '../../platform/errors';
import type * as repo from './fiscal-years.repository';

/** Rows of the fiscal-years tables in the shape the API shows, and the feature's small shared rules. */

export function fiscalYearLabel(year: number): LocalizedText {
  return { ja: formatFiscalYear(year, 'ja'), en: formatFiscalYear(year, 'en') };
}

/**
 * What a phase lacks when it is asked (fiscal-years.readiness.ts), and whether the caller is
 * shown the reasons (the prefecture's administrators) or only the state they make.
 */
export interface PhaseReadiness {
  blockers: ReadonlyMap<string, LocalizedText[]>;
  showReasons: boolean;
}

const noReadiness: PhaseReadiness = { blockers: new Map(), showReasons: false };

export function toPhase(row: repo.PhaseRow, now: Date, readiness: PhaseReadiness = noReadiness): Phase {
  const blockers = readiness.blockers.get(row.id) ?? [];
  const byDates = phaseStateAt(row, now);
  return {
    id: row.id,
    programId: row.programId,
    kind: row.kind as PhaseKind,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    deadline: row.deadlineAt ? deadlineInputOf(row.deadlineAt) : null,
    deadlineAt: row.deadlineAt ? row.deadlineAt.toISOString() : null,
    note: row.note,
    // Its dates have come but what it needs has not: 準備未了, not 実施中 (ADR 017).
    state: byDates === 'open' && blockers.length > 0 ? 'not_ready' : byDates,
    blockers: readiness.showReasons ? blockers : [],
    version: row.version,
  };
}

export function toProgram(
  row: repo.ProgramRow,
  phases: repo.PhaseRow[],
  now: Date,
  readiness: PhaseReadiness = noReadiness,
): Program {
  return {
    id: row.id,
    fiscalYearId: row.fiscalYearId,
    kind: row.kind as ProgramKind,
    name: row.name,
    nameEn: row.nameEn,
    description: row.description,
    budgetThousandYen: row.budgetThousandYen,
    version: row.version,
    phases: phases.filter((p) => p.programId === row.id).map((p) => toPhase(p, now, readiness)),
  };
}

type SummaryRow = Awaited<ReturnType<typeof repo.findFiscalYearSummaries>>[number];

export function toSummary(row: SummaryRow): FiscalYearSummary {
  const fy = row.fiscalYear;
  return {
    id: fy.id,
    year: fy.year,
    label: fiscalYearLabel(fy.year),
    status: fy.status as FiscalYearStatus,
    programCount: Number(row.programCount),
    totalBudgetThousandYen: row.totalBudgetThousandYen === null ? null : Number(row.totalBudgetThousandYen),
    undecidedBudgetCount: Number(row.undecidedBudgetCount),
    version: fy.version,
  };
}

/** Postgres reports constraint violations by SQLSTATE; drivers and Drizzle may wrap the error once or twice. */
export function hasSqlState(err: unknown, state: string): boolean {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if ((current as { code?: unknown }).code === state) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

export function throwIfInvalid(problems: ReturnType<typeof findPhaseDateProblems>): void {
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
}
