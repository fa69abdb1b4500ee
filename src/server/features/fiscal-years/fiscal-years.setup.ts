import { fiscalYearOf, formatFiscalYear } from '../../../shared/fiscal-year';
import {
  type FiscalYearStatus,
  type LocalizedText,
  type NextYearPreview,
  type Phase,
  type PhaseKind,
  type PhaseOpen,
  type PrepareNextYear,
  type PreparedYear,
  phaseKindLabels,
  phaseWindowOf,
  type SetupChecklist,
  type SetupItem,
  type YearCopyItem,
} from '../../../shared/schemas/fiscal-years';
import { programPhases } from '../../db/schema';
import { recordAudit } from '../../platform/audit';
import { type Actor, type RequestContext, requireActor } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, assertAllowed } from '../../platform/errors';
import { updateVersioned, withCurrentOnConflict } from '../../platform/locking';
import { copyPlan } from './fiscal-years.copy-plan';
import { fiscalYearsPolicy as policy } from './fiscal-years.policy';
import type { PhaseBlocker, YearRef, YearSetupParticipant } from './fiscal-years.ports';
import { isReadinessDue, jstToday, readinessSentence } from './fiscal-years.readiness';
import { hasSqlState, toPhase, UNIQUE_VIOLATION } from './fiscal-years.records';
import * as repo from './fiscal-years.repository';

const labelOf = (year: number): LocalizedText => ({
  ja: formatFiscalYear(year, 'ja'),
  en: formatFiscalYear(year, 'en'),
});

/**
 * The guided set-up of a year (ADR 017): "prepare next year" (create it and copy the previous
 * year's plan, then each participating feature copies its own yearly things), the checklist of
 * what is still missing, and opening a phase only when what it needs exists.
 */
export function createYearSetup(deps: ServiceDeps, participants: readonly YearSetupParticipant[]) {
  const { db } = deps;

  /** The year to prepare: the current fiscal year while it does not exist, else the year after the latest. */
  async function proposal(actor: Actor, now: Date) {
    const years = (await repo.findFiscalYearSummaries(db, actor.prefectureId)).map((r) => r.fiscalYear);
    const current = fiscalYearOf(now);
    const latest = years.reduce((max, y) => Math.max(max, y.year), Number.NEGATIVE_INFINITY);
    const year = years.some((y) => y.year === current) ? latest + 1 : Math.max(current, latest + 1);
    return { year, years };
  }

  /** The year a target copies from: the latest one before it. */
  const sourceFor = <Y extends { id: string; year: number }>(years: Y[], target: number): Y | null =>
    years.filter((y) => y.year < target).sort((a, b) => b.year - a.year)[0] ?? null;

  async function ownCopyItems(actor: Actor, from: YearRef, to: YearRef | null): Promise<YearCopyItem[]> {
    const sourcePrograms = await repo.findProgramsOfYears(db, actor.prefectureId, [from.id]);
    const sourcePhases = await repo.findPhasesOfPrograms(
      db,
      actor.prefectureId,
      sourcePrograms.map((p) => p.id),
    );
    const hasPrograms = to
      ? (await repo.findProgramsOfYears(db, actor.prefectureId, [to.id])).length > 0
      : false;
    const state = (count: number) => (count === 0 ? 'nothing' : hasPrograms ? 'copied' : 'will_copy');
    return [
      {
        key: 'programs',
        label: { ja: '事業', en: 'Programs' },
        count: sourcePrograms.length,
        state: state(sourcePrograms.length),
        detail: {
          ja: '名称と説明を引き継ぎます。予算は未定とし、前年度の額はチェックリストで確認します。',
          en: 'Names and descriptions carry over. Budgets start undecided; the checklist shows last year’s figures to confirm.',
        },
      },
      {
        key: 'phases',
        label: { ja: '日程', en: 'Phases' },
        count: sourcePhases.length,
        state: state(sourcePhases.length),
        detail: {
          ja: '日付を1年後へ移します。締切が休日になる場合は前の開庁日にします。',
          en: 'Dates move on by the years between; a deadline landing on a closed day moves to the business day before.',
        },
      },
    ];
  }

  /** Each program of `from` and its copy in `to`, matched by kind and name. */
  async function programMap(actor: Actor, from: YearRef, to: YearRef) {
    const [source, target] = await Promise.all([
      repo.findProgramsOfYears(db, actor.prefectureId, [from.id]),
      repo.findProgramsOfYears(db, actor.prefectureId, [to.id]),
    ]);
    const map = new Map<string, string>();
    const unused = [...target];
    for (const program of source) {
      const index = unused.findIndex((t) => t.kind === program.kind && t.name === program.name);
      if (index >= 0) map.set(program.id, unused.splice(index, 1)[0]!.id);
    }
    return map;
  }

  async function blockersOf(prefectureId: string, year: YearRef, kind: PhaseKind): Promise<PhaseBlocker[]> {
    const all = await Promise.all(participants.map((p) => p.phaseBlockers(prefectureId, year, kind)));
    return all.flat();
  }

  function refuseToOpen(kind: PhaseKind, blockers: PhaseBlocker[]): never {
    throw new AppError('VALIDATION_FAILED', {
      fields: blockers.map(({ detail: b }) => ({
        path: ['startsOn'],
        code: 'phase_not_ready',
        ja: `「${phaseKindLabels[kind].ja}」の日程はまだ始められません。${b.ja}`,
        en: `The “${phaseKindLabels[kind].en}” phase cannot start yet. ${b.en}`,
      })),
    });
  }

  /**
   * What each phase of a year lacks, in a few words, keyed by phase id: asked only for the phases
   * under way by their dates or starting within the warning horizon (nothing is due for the
   * others), once per phase kind. A phase missing from the map lacks nothing.
   */
  async function readinessOf(
    prefectureId: string,
    year: YearRef,
    rows: readonly repo.PhaseRow[],
    now: Date,
  ): Promise<Map<string, LocalizedText[]>> {
    const byKind = new Map<PhaseKind, Promise<PhaseBlocker[]>>();
    const out = new Map<string, LocalizedText[]>();
    for (const row of rows) {
      if (!isReadinessDue(row, now)) continue;
      const kind = row.kind as PhaseKind;
      if (!byKind.has(kind)) byKind.set(kind, blockersOf(prefectureId, year, kind));
      const blockers = await byKind.get(kind)!;
      if (blockers.length > 0)
        out.set(
          row.id,
          blockers.map((b) => b.short),
        );
    }
    return out;
  }

  /**
   * The phases of every year not closed that are under way or start soon without what they
   * need, with the sentence that says so: the prefecture admins' home tasks.
   */
  async function unreadyPhases(ctx: RequestContext) {
    const actor = requireActor(ctx);
    if (!policy.canManage(actor, actor.prefectureId)) return [];
    const years = (await repo.findFiscalYearSummaries(db, actor.prefectureId))
      .map((r) => r.fiscalYear)
      .filter((y) => y.status !== 'closed');
    const out: { fiscalYearId: string; phaseId: string; title: LocalizedText; startsOn: string }[] = [];
    for (const year of years) {
      const programRows = await repo.findProgramsOfYears(db, actor.prefectureId, [year.id]);
      const phaseRows = await repo.findPhasesOfPrograms(
        db,
        actor.prefectureId,
        programRows.map((p) => p.id),
      );
      const readiness = await readinessOf(actor.prefectureId, year, phaseRows, ctx.now);
      for (const row of phaseRows) {
        const blockers = readiness.get(row.id);
        const program = programRows.find((p) => p.id === row.programId);
        if (!blockers || !program) continue;
        out.push({
          fiscalYearId: year.id,
          phaseId: row.id,
          startsOn: row.startsOn,
          title: readinessSentence(
            {
              kind: row.kind as PhaseKind,
              startsOn: row.startsOn,
              isUnderway: row.startsOn <= jstToday(ctx.now),
            },
            { ja: program.name, en: program.nameEn },
            blockers,
          ),
        });
      }
    }
    return out;
  }

  async function nextYearPreview(ctx: RequestContext): Promise<NextYearPreview> {
    const actor = requireActor(ctx);
    assertAllowed(policy.canManage(actor, actor.prefectureId));
    const { year, years } = await proposal(actor, ctx.now);
    const source = sourceFor(years, year);
    const existing = years.find((y) => y.year === year) ?? null;
    const items = source
      ? [
          ...(await ownCopyItems(actor, source, existing)),
          ...(
            await Promise.all(participants.map((p) => p.previewCopy(actor.prefectureId, source, existing)))
          ).flat(),
        ]
      : [];
    return {
      year,
      label: labelOf(year),
      existingId: existing?.id ?? null,
      copyFrom: source ? { id: source.id, year: source.year, label: labelOf(source.year) } : null,
      items,
    };
  }

  return {
    readinessOf,
    unreadyPhases,

    /**
     * Refuses a phase write that would leave a phase running now without what it needs (e.g.
     * proposals without a saved rubric). A phase already running is not judged again by edits.
     */
    async assertPhaseCanRun(
      actor: Actor,
      fiscalYear: YearRef,
      kind: PhaseKind,
      after: { startsOn: string; endsOn: string },
      before: { startsOn: string; endsOn: string } | null,
      now: Date,
    ) {
      const today = jstToday(now);
      const runs = (p: { startsOn: string; endsOn: string }) => p.startsOn <= today && today <= p.endsOn;
      if (!runs(after) || (before && runs(before))) return;
      const blockers = await blockersOf(actor.prefectureId, fiscalYear, kind);
      if (blockers.length > 0) refuseToOpen(kind, blockers);
    },

    nextYearPreview,

    /**
     * Creates the year with the previous year's plan in one transaction, then lets each feature
     * copy its own things (each in its own transaction, each skipping what is there already):
     * running it again for the same year completes an interrupted run and duplicates nothing.
     */
    async prepareNextYear(ctx: RequestContext, input: PrepareNextYear): Promise<PreparedYear> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canManage(actor, actor.prefectureId));
      const { year: proposed, years } = await proposal(actor, ctx.now);
      const existing = years.find((y) => y.year === input.year) ?? null;
      // The proposed year, or one prepared before that is still open for set-up (resuming it).
      if (input.year !== proposed && (!existing || existing.status === 'closed')) {
        throw new AppError('VERSION_CONFLICT', { current: await nextYearPreview(ctx) });
      }
      const source = sourceFor(years, input.year);
      if (!source) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: ['year'],
              code: 'no_previous_year',
              ja: 'コピー元となる前の年度がありません。年度の一覧から新しい年度を作成してください。',
              en: 'There is no earlier year to copy from. Create the year from the fiscal year list.',
            },
          ],
        });
      }
      let target: repo.FiscalYearRow | null = existing;
      try {
        target = await db.transaction(async (tx) => {
          await repo.lockPrefectureFiscalYears(tx, actor.prefectureId);
          const row =
            (await repo.findFiscalYearByYear(tx, actor.prefectureId, input.year)) ??
            (await repo.insertFiscalYear(tx, {
              prefectureId: actor.prefectureId,
              year: input.year,
              status: 'planning',
              createdBy: actor.userId,
              updatedBy: actor.userId,
            }));
          const hasPrograms = (await repo.findProgramsOfYears(tx, actor.prefectureId, [row.id])).length > 0;
          const copied = hasPrograms ? null : await copyPlan(tx, actor, source, row);
          await recordAudit(tx, ctx, {
            action: 'fiscal_year.prepare',
            entityType: 'fiscal_year',
            entityId: row.id,
            after: {
              year: row.year,
              copiedFrom: { id: source.id, year: source.year },
              copiedPrograms: copied?.programs ?? 0,
              copiedPhases: copied?.phases ?? 0,
              adjustedDeadlines: copied?.adjustedDeadlines ?? [],
            },
          });
          return row;
        });
      } catch (err) {
        // Another admin created the year at the same moment: theirs stands, and this run completes it.
        if (!hasSqlState(err, UNIQUE_VIOLATION)) throw err;
        target = await repo.findFiscalYearByYear(db, actor.prefectureId, input.year);
      }
      if (!target) throw new AppError('NOT_FOUND');
      const to = { id: target.id, year: target.year };
      const programIds = await programMap(actor, source, to);
      const copiedByFeatures: YearCopyItem[] = [];
      for (const participant of participants) {
        copiedByFeatures.push(...(await participant.copyYear(ctx, source, to, programIds)));
      }
      const own = (await ownCopyItems(actor, source, to)).map((item) => ({
        ...item,
        state: item.count === 0 ? ('nothing' as const) : ('copied' as const),
      }));
      return { fiscalYearId: target.id, year: target.year, items: [...own, ...copiedByFeatures] };
    },

    async checklist(ctx: RequestContext, id: string): Promise<SetupChecklist> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canManage(actor, actor.prefectureId));
      const fiscalYear = await repo.findFiscalYear(db, actor.prefectureId, id);
      if (!fiscalYear) throw new AppError('NOT_FOUND');
      const yearPage = `/fiscal-years/${id}`;
      const programRows = await repo.findProgramsOfYears(db, actor.prefectureId, [id]);
      const phaseRows = await repo.findPhasesOfPrograms(
        db,
        actor.prefectureId,
        programRows.map((p) => p.id),
      );
      const items: SetupItem[] = [];
      const started = fiscalYearOf(ctx.now) >= fiscalYear.year;
      const status = fiscalYear.status as FiscalYearStatus;
      items.push({
        key: 'status',
        label: { ja: '年度を実施中にする', en: 'Make the year active' },
        state: status !== 'planning' ? 'done' : started ? 'missing' : 'later',
        detail:
          status !== 'planning'
            ? { ja: '実施中です。', en: 'The year is active.' }
            : started
              ? {
                  ja: '年度が始まっています。状態を「実施中」にしてください。',
                  en: 'The year has begun: set it to active.',
                }
              : {
                  ja: '4月の年度開始時に「実施中」にします。',
                  en: 'Set it to active when the year begins in April.',
                },
        href: yearPage,
      });
      const undated = programRows.filter((p) => !phaseRows.some((ph) => ph.programId === p.id));
      items.push({
        key: 'phase_dates',
        label: { ja: '各事業の日程', en: 'Dates of each program' },
        state: programRows.length > 0 && undated.length === 0 ? 'done' : 'missing',
        detail:
          programRows.length === 0
            ? { ja: '事業がありません。', en: 'The year has no programs.' }
            : undated.length > 0
              ? {
                  ja: `日程のない事業：${undated.map((p) => p.name).join('、')}`,
                  en: `Programs without phases: ${undated.map((p) => p.nameEn).join(', ')}`,
                }
              : {
                  ja: `${phaseRows.length}件の日程があります。`,
                  en: `${phaseRows.length} phases are dated.`,
                },
        href: yearPage,
      });
      const dispatch = programRows.filter((p) => p.kind === 'advisor_dispatch');
      if (dispatch.length > 0) {
        const proposalPhases = phaseRows.filter(
          (ph) => ph.kind === 'proposals' && dispatch.some((p) => p.id === ph.programId),
        );
        const withDeadline = proposalPhases.filter((ph) => ph.deadlineAt !== null);
        items.push({
          key: 'proposal_deadline',
          label: {
            ja: '提案の締切（日程の締切が唯一の締切です）',
            en: 'Proposal deadline (the phase’s deadline is the only one)',
          },
          state: withDeadline.length > 0 ? 'done' : 'missing',
          detail:
            withDeadline.length > 0
              ? {
                  ja: '「支援メニュー提案」の日程に締切があります。',
                  en: 'The menu proposals phase has a deadline.',
                }
              : proposalPhases.length > 0
                ? {
                    ja: '「支援メニュー提案」の日程に締切を入れてください。',
                    en: 'Give the menu proposals phase a deadline.',
                  }
                : { ja: '「支援メニュー提案」の日程を追加してください。', en: 'Add a menu proposals phase.' },
          href: yearPage,
        });
      }
      const undecided = programRows.filter((p) => p.budgetThousandYen === null);
      const [previousYear] = (await repo.findFiscalYearSummaries(db, actor.prefectureId))
        .map((r) => r.fiscalYear)
        .filter((y) => y.year < fiscalYear.year)
        .sort((a, b) => b.year - a.year);
      const previousPrograms = previousYear
        ? await repo.findProgramsOfYears(db, actor.prefectureId, [previousYear.id])
        : [];
      const lastFigure = (p: repo.ProgramRow) =>
        previousPrograms.find((q) => q.kind === p.kind && q.name === p.name)?.budgetThousandYen ?? null;
      items.push({
        key: 'budgets',
        label: { ja: '予算の確定', en: 'Budgets confirmed' },
        state: programRows.length > 0 && undecided.length === 0 ? 'done' : 'missing',
        detail:
          undecided.length === 0
            ? { ja: 'すべての事業の予算が入力されています。', en: 'Every program has its budget.' }
            : {
                ja: `未確定：${undecided
                  .map((p) => {
                    const last = lastFigure(p);
                    return last === null ? p.name : `${p.name}（前年度 ${last.toLocaleString('ja-JP')}千円）`;
                  })
                  .join('、')}`,
                en: `Undecided: ${undecided
                  .map((p) => {
                    const last = lastFigure(p);
                    return last === null
                      ? p.nameEn
                      : `${p.nameEn} (last year ¥${last.toLocaleString('en-US')}k)`;
                  })
                  .join(', ')}`,
              },
        href: yearPage,
      });
      const ref = { id: fiscalYear.id, year: fiscalYear.year };
      for (const participant of participants)
        items.push(...(await participant.checklist(actor.prefectureId, ref)));
      // A phase under way or starting soon without what it needs: its own line, after the items
      // that fix it (準備未了 once its dates have come).
      const readiness = await readinessOf(actor.prefectureId, ref, phaseRows, ctx.now);
      for (const row of phaseRows) {
        const blockers = readiness.get(row.id);
        const program = programRows.find((p) => p.id === row.programId);
        if (!blockers || !program) continue;
        const kind = row.kind as PhaseKind;
        const isUnderway = row.startsOn <= jstToday(ctx.now);
        const sentence = readinessSentence(
          { kind, startsOn: row.startsOn, isUnderway },
          { ja: program.name, en: program.nameEn },
          blockers,
        );
        items.push({
          key: `phase_ready:${row.id}`,
          label: isUnderway
            ? { ja: `${phaseKindLabels[kind].ja}（準備未了）`, en: `${phaseKindLabels[kind].en} (not ready)` }
            : {
                ja: `${phaseKindLabels[kind].ja}の開始準備`,
                en: `${phaseKindLabels[kind].en}: ready to start`,
              },
          state: 'missing',
          detail: {
            ja: `${sentence.ja}。上の項目を済ませるか、日程の開始日を変更してください。`,
            en: `${sentence.en}. Complete the items above or move the phase’s start date.`,
          },
          href: yearPage,
        });
      }
      return {
        fiscalYearId: id,
        year: fiscalYear.year,
        label: labelOf(fiscalYear.year),
        items,
        isReady: items.every((i) => i.state !== 'missing'),
      };
    },

    /**
     * Starts an upcoming phase today (its start date becomes today, JST), once what it needs
     * exists; versioned and audited like any phase edit.
     */
    async openPhase(ctx: RequestContext, id: string, input: PhaseOpen): Promise<Phase> {
      const actor = requireActor(ctx);
      const found = await repo.findPhase(db, actor.prefectureId, id);
      if (!found) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canManage(actor, found.phase.prefectureId));
      const { phase, fiscalYear } = found;
      const today = jstToday(ctx.now);
      const fail = (ja: string, en: string, code: string): never => {
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: ['startsOn'], code, ja, en }] });
      };
      if (phase.startsOn <= today)
        fail('この日程は既に始まっています。', 'This phase has already started.', 'already_open');
      if (phase.endsOn < today) fail('この日程は終了しています。', 'This phase has ended.', 'closed');
      if (phase.deadlineAt && phase.deadlineAt <= ctx.now)
        fail(
          '締切が過ぎています。先に日程の締切を変更してください。',
          'Its deadline has passed: change the deadline first.',
          'deadline_passed',
        );
      const window = phaseWindowOf(fiscalYear.year);
      if (today < window.from)
        fail(
          `${formatFiscalYear(fiscalYear.year, 'ja')}の日程は${window.from}以降に始められます。`,
          `Phases of FY${fiscalYear.year} can start from ${window.from}.`,
          'outside_fiscal_year',
        );
      const kind = phase.kind as PhaseKind;
      const blockers = await blockersOf(
        actor.prefectureId,
        { id: fiscalYear.id, year: fiscalYear.year },
        kind,
      );
      if (blockers.length > 0) refuseToOpen(kind, blockers);
      const load = async () => {
        const current = await repo.findPhase(db, actor.prefectureId, id);
        return current ? toPhase(current.phase, ctx.now) : null;
      };
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const updated = await updateVersioned(
              tx,
              programPhases,
              id,
              input.version,
              { startsOn: today },
              actor.userId,
              ctx.now,
            );
            await recordAudit(tx, ctx, {
              action: 'program_phase.open',
              entityType: 'program_phase',
              entityId: id,
              before: phase,
              after: updated,
            });
          }),
        load,
      );
      const opened = await load();
      if (!opened) throw new AppError('NOT_FOUND');
      return opened;
    },
  };
}

export type YearSetup = ReturnType<typeof createYearSetup>;
