/**
 * The program summary sheet (事業概要), generated from the data in the shape of the prefecture's
 * document: purpose, content, results per year, budget against the year before, schedule (the
 * program's phases) and effects. The sentences are in shared/summary-sheet-text.ts, so the page
 * and the workbook read the same.
 */
import type { SummaryResult, SummarySheet, SummarySheetList } from '../../../shared/schemas/reports';
import type { PhaseKind } from '../../../shared/schemas/fiscal-years';
import { phaseKinds } from '../../../shared/schemas/fiscal-years';
import { summarySheetSections } from '../../../shared/summary-sheet-text';
import type { RequestContext } from '../../platform/context';
import { requireActor } from '../../platform/context';
import { AppError, assertAllowed } from '../../platform/errors';
import { summarize } from '../../domain/evaluation-outcomes';
import { previousProgramOf } from './reports.budget';
import { reportsPolicy as policy } from './reports.policy';
import { findMunicipalities, findPhases, findPrefecture, findPrograms } from './reports.repository';
import type { ReportsModuleDeps, ReportTable } from './reports.types';

type ProgramKind = SummarySheet['programKind'];
const kindOf = (kind: string): ProgramKind =>
  kind === 'advisor_dispatch' || kind === 'seminar_series' ? kind : 'other';
const asPhaseKind = (kind: string): PhaseKind =>
  (phaseKinds as readonly string[]).includes(kind) ? (kind as PhaseKind) : 'other';

/** The sheet as one table (section, line): the workbook and the CSV. */
export function summarySheetTable(sheet: SummarySheet): ReportTable {
  return {
    name: '事業概要',
    columns: [
      { header: '項目', key: 'section', width: 16 },
      { header: '内容', key: 'line', width: 100 },
    ],
    rows: [
      { section: '事業名', line: sheet.programName },
      ...summarySheetSections(sheet, 'ja').flatMap((s) =>
        s.lines.map((line, i) => ({ section: i === 0 ? s.heading : '', line })),
      ),
    ],
  };
}

export function createReportsSummarySheet({ db, ports }: ReportsModuleDeps) {
  async function list(ctx: RequestContext): Promise<SummarySheetList> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canReadPrefectureReports(actor));
    const programs = await findPrograms(db, actor.prefectureId);
    return {
      items: programs
        .map((p) => ({
          programId: p.id,
          fiscalYear: p.year,
          programKind: kindOf(p.kind),
          programName: p.name,
          programNameEn: p.nameEn,
        }))
        .sort((a, b) => b.fiscalYear - a.fiscalYear || a.programKind.localeCompare(b.programKind)),
    };
  }

  async function sheet(ctx: RequestContext, programId: string): Promise<SummarySheet> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canReadPrefectureReports(actor));
    const prefectureId = actor.prefectureId;
    const programs = await findPrograms(db, prefectureId);
    const program = programs.find((p) => p.id === programId);
    if (!program) throw new AppError('NOT_FOUND');
    const kind = kindOf(program.kind);
    const [prefecture, municipalities, phases] = await Promise.all([
      findPrefecture(db, prefectureId),
      findMunicipalities(db, prefectureId),
      findPhases(db, prefectureId, program.id),
    ]);
    // The same program in this and earlier years: its results line by line, as the document lists them.
    const lineage = programs.filter(
      (p) =>
        p.kind === program.kind && p.year <= program.year && (kind !== 'other' || p.name === program.name),
    );

    let results: SummaryResult[] = [];
    let cumulativeMunicipalities: number | null = null;
    let firstFiscalYear: number | null = null;
    let seminarReach: SummarySheet['effects']['seminarReach'] = null;
    let evaluations: SummarySheet['effects']['evaluations'] = null;
    if (kind === 'advisor_dispatch') {
      evaluations = summarize(await ports.outcomes.outcomeTallyOfYear(prefectureId, program.fiscalYearId));
      const projects = (await ports.support.supportProjects(prefectureId)).filter(
        (p) => p.status !== 'cancelled',
      );
      const supported = new Set<string>();
      for (const p of lineage) {
        const ofYear = projects.filter((x) => x.fiscalYearId === p.fiscalYearId);
        if (ofYear.length === 0 && p.id !== program.id) continue;
        const towns = new Set(ofYear.map((x) => x.municipalityId));
        for (const t of towns) supported.add(t);
        if (towns.size > 0 && firstFiscalYear === null) firstFiscalYear = p.year;
        const isDone =
          p.yearStatus === 'closed' || (ofYear.length > 0 && ofYear.every((x) => x.status === 'completed'));
        results.push({
          fiscalYear: p.year,
          kind: isDone ? 'actual' : 'planned',
          municipalities: towns.size,
          projects: ofYear.length,
          heads: null,
          staff: null,
        });
      }
      cumulativeMunicipalities = supported.size;
    } else if (kind === 'seminar_series') {
      const reach = await ports.reach.reachOf(prefectureId, null);
      const reachedIn = (year: number, audience: 'heads' | 'staff') =>
        new Set(
          reach.rows
            .filter((r) => r.fiscalYear === year && r.audience === audience && r.isReached)
            .map((r) => r.municipality.id),
        ).size;
      results = lineage
        .filter((p) => reach.rows.some((r) => r.fiscalYear === p.year && r.isReached))
        .map((p) => {
          const heads = reachedIn(p.year, 'heads');
          const staff = reachedIn(p.year, 'staff');
          const any = new Set(
            reach.rows.filter((r) => r.fiscalYear === p.year && r.isReached).map((r) => r.municipality.id),
          ).size;
          return {
            fiscalYear: p.year,
            kind: 'actual' as const,
            municipalities: any,
            projects: 0,
            heads,
            staff,
          };
        });
      seminarReach = {
        fiscalYear: program.year,
        heads: reachedIn(program.year, 'heads'),
        staff: reachedIn(program.year, 'staff'),
      };
    }

    return {
      programId: program.id,
      programKind: kind,
      fiscalYear: program.year,
      programName: program.name,
      programNameEn: program.nameEn,
      description: program.description,
      prefecture: { name: prefecture?.name ?? '', nameEn: prefecture?.nameEn ?? '' },
      municipalityCount: municipalities.length,
      results,
      budget: {
        currentThousandYen: program.budgetThousandYen,
        previousThousandYen: previousProgramOf(programs, program)?.budgetThousandYen ?? null,
        previousFiscalYear: program.year - 1,
      },
      schedule: phases.map((p) => ({
        kind: asPhaseKind(p.kind),
        startsOn: p.startsOn,
        endsOn: p.endsOn,
        note: p.note,
      })),
      effects: { cumulativeMunicipalities, firstFiscalYear, seminarReach, evaluations },
      generatedAt: ctx.now.toISOString(),
    };
  }

  return { summarySheets: list, summarySheet: sheet };
}
