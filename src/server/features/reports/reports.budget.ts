/**
 * The budget per program and fiscal year: budget (当初予算), committed, spent, remaining, cost per
 * municipality and the change from the year before.
 *
 * - Advisor dispatch: committed = the known costs of the year's support projects not cancelled;
 *   spent = those whose support was delivered (completed, reported or evaluated).
 * - Seminar series: committed = cost per session × sessions; spent = cost per session × the
 *   sessions already held; municipalities = those the year's seminars reached.
 * Imported history may have no cost: such projects are counted (unitsWithoutCost) but not summed,
 * and the remaining budget is not computed for that year rather than shown too high.
 */
import type { BudgetReport, BudgetRow } from '../../../shared/schemas/reports';
import type { ReachReport } from '../../../shared/schemas/seminars';
import type { RequestContext } from '../../platform/context';
import { requireActor } from '../../platform/context';
import { assertAllowed } from '../../platform/errors';
import type { SupportProjectFact } from '../applications/applications.ports';
import { reportsPolicy as policy } from './reports.policy';

/** A project whose support has been delivered: its cost counts as spent. */
const deliveredStatuses = new Set<string>(['completed', 'reported', 'evaluated']);
import { findPrograms, findSeminarSeriesCosts, type ProgramFact } from './reports.repository';
import type { ReportsModuleDeps, ReportTable } from './reports.types';

type ProgramKind = BudgetRow['programKind'];
const kindOf = (kind: string): ProgramKind =>
  kind === 'advisor_dispatch' || kind === 'seminar_series' ? kind : 'other';

const round1 = (n: number) => Math.round(n * 10) / 10;

export interface BudgetInputs {
  programs: ProgramFact[];
  projects: SupportProjectFact[];
  series: Awaited<ReturnType<typeof findSeminarSeriesCosts>>;
  reach: ReachReport;
}

/** The same program the year before: the same kind (and, for 'other', the same name). */
export function previousProgramOf(programs: ProgramFact[], program: ProgramFact): ProgramFact | undefined {
  return programs.find(
    (p) =>
      p.year === program.year - 1 &&
      p.kind === program.kind &&
      (program.kind !== 'other' || p.name === program.name),
  );
}

export function computeBudgetRows({ programs, projects, series, reach }: BudgetInputs): BudgetRow[] {
  return programs.map((program) => {
    const kind = kindOf(program.kind);
    let committed = 0;
    let spent = 0;
    let units = 0;
    let unitsWithoutCost = 0;
    let municipalities = 0;
    if (kind === 'advisor_dispatch') {
      const live = projects.filter(
        (p) => p.fiscalYearId === program.fiscalYearId && p.status !== 'cancelled',
      );
      units = live.length;
      unitsWithoutCost = live.filter((p) => p.costThousandYen === null).length;
      committed = live.reduce((s, p) => s + (p.costThousandYen ?? 0), 0);
      spent = live
        .filter((p) => deliveredStatuses.has(p.status))
        .reduce((s, p) => s + (p.costThousandYen ?? 0), 0);
      municipalities = new Set(live.map((p) => p.municipalityId)).size;
    } else if (kind === 'seminar_series') {
      const own = series.filter(
        (s) =>
          s.programId === program.id || (s.programId === null && s.fiscalYearId === program.fiscalYearId),
      );
      units = own.reduce((s, x) => s + x.sessionCount, 0);
      committed = own.reduce((s, x) => s + x.costPerSessionThousandYen * x.sessionCount, 0);
      spent = own.reduce((s, x) => s + x.costPerSessionThousandYen * Math.min(x.held, x.sessionCount), 0);
      municipalities = new Set(
        reach.rows.filter((r) => r.fiscalYear === program.year && r.isReached).map((r) => r.municipality.id),
      ).size;
    }
    const budget = program.budgetThousandYen;
    const previous = previousProgramOf(programs, program)?.budgetThousandYen ?? null;
    return {
      fiscalYear: program.year,
      programId: program.id,
      programKind: kind,
      programName: program.name,
      programNameEn: program.nameEn,
      budgetThousandYen: budget,
      committedThousandYen: committed,
      spentThousandYen: spent,
      remainingThousandYen: budget === null || unitsWithoutCost > 0 ? null : budget - committed,
      units,
      unitsWithoutCost,
      municipalities,
      costPerMunicipalityThousandYen:
        municipalities > 0 && committed > 0 && unitsWithoutCost === 0
          ? round1(committed / municipalities)
          : null,
      previousBudgetThousandYen: previous,
      budgetChangeThousandYen: budget !== null && previous !== null ? budget - previous : null,
    };
  });
}

/** The budget table with Japanese headers, for the workbook and the CSV. */
export function budgetTable(report: BudgetReport): ReportTable {
  return {
    name: '予算執行',
    columns: [
      { header: '年度', key: 'year', width: 8 },
      { header: '事業名', key: 'program', width: 34 },
      { header: '当初予算額（千円）', key: 'budget', width: 16 },
      { header: '執行予定額（千円）', key: 'committed', width: 16 },
      { header: '執行済額（千円）', key: 'spent', width: 16 },
      { header: '残額（千円）', key: 'remaining', width: 14 },
      { header: '件数（事業・回）', key: 'units', width: 14 },
      { header: 'うち費用不明', key: 'unitsWithoutCost', width: 12 },
      { header: '市町村数', key: 'municipalities', width: 10 },
      { header: '1市町村あたり（千円）', key: 'perMunicipality', width: 18 },
      { header: '前年度予算額（千円）', key: 'previous', width: 18 },
      { header: '前年度比増減（千円）', key: 'change', width: 18 },
    ],
    rows: report.rows.map((r) => ({
      year: r.fiscalYear,
      program: r.programName,
      budget: r.budgetThousandYen,
      committed: r.committedThousandYen,
      spent: r.spentThousandYen,
      remaining: r.remainingThousandYen,
      units: r.units,
      unitsWithoutCost: r.unitsWithoutCost,
      municipalities: r.municipalities,
      perMunicipality: r.costPerMunicipalityThousandYen,
      previous: r.previousBudgetThousandYen,
      change: r.budgetChangeThousandYen,
    })),
  };
}

export function createReportsBudget({ db, ports }: ReportsModuleDeps) {
  async function loadInputs(prefectureId: string, now: Date): Promise<BudgetInputs> {
    const [programs, projects, series, reach] = await Promise.all([
      findPrograms(db, prefectureId),
      ports.support.supportProjects(prefectureId),
      findSeminarSeriesCosts(db, prefectureId, now),
      ports.reach.reachOf(prefectureId, null),
    ]);
    return { programs, projects, series, reach };
  }

  async function budget(ctx: RequestContext): Promise<BudgetReport> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canReadPrefectureReports(actor));
    const rows = computeBudgetRows(await loadInputs(actor.prefectureId, ctx.now));
    // Newest year first, programs in a stable order within it.
    rows.sort((a, b) => b.fiscalYear - a.fiscalYear || a.programKind.localeCompare(b.programKind));
    return { rows, generatedAt: ctx.now.toISOString() };
  }

  return { budget, loadBudgetInputs: loadInputs };
}
