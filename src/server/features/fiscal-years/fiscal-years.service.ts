import { formatFiscalYear } from '../../../shared/fiscal-year';
import {
  type AdjustedDeadline,
  deadlineInputOf,
  deadlineInstantOf,
  type FiscalYearCreate,
  type FiscalYearCreated,
  type FiscalYearDetail,
  type FiscalYearPatch,
  type FiscalYearSummary,
  findPhaseDateProblems,
  type Phase,
  type PhaseCreate,
  type PhaseKind,
  type PhasePatch,
  type Program,
  type ProgramCreate,
  type ProgramPatch,
  phaseWindowOf,
} from '../../../shared/schemas/fiscal-years';
import type { Executor } from '../../db/client';
import { fiscalYears, programPhases, programs } from '../../db/schema';
import { recordAudit } from '../../platform/audit';
import { type Actor, type RequestContext, requireActor } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { changeVersioned, updateVersioned, withCurrentOnConflict } from '../../platform/locking';
import { fiscalYearsPolicy as policy } from './fiscal-years.policy';
import { copyPlan } from './fiscal-years.copy-plan';
import type { YearSetupParticipant } from './fiscal-years.ports';
import { createYearSetup } from './fiscal-years.setup';
import {
  FOREIGN_KEY_VIOLATION,
  hasSqlState,
  type PhaseReadiness,
  throwIfInvalid,
  toPhase,
  toProgram,
  toSummary,
  UNIQUE_VIOLATION,
} from './fiscal-years.records';
import * as repo from './fiscal-years.repository';

export function createFiscalYearsService(
  deps: ServiceDeps,
  /** The features that own yearly things (rubric, needs survey, seminar series): see YearSetupParticipant. */
  participants: readonly YearSetupParticipant[] = [],
) {
  const { db } = deps;
  const setup = createYearSetup(deps, participants);

  /** The readiness of these phases for this actor: reasons only for whoever manages the year. */
  async function readinessFor(
    actor: Actor,
    year: { id: string; year: number },
    phaseRows: repo.PhaseRow[],
    now: Date,
  ): Promise<PhaseReadiness> {
    return {
      blockers: await setup.readinessOf(actor.prefectureId, year, phaseRows, now),
      showReasons: policy.canManage(actor, actor.prefectureId),
    };
  }

  /** A year with its programs and their phases, states computed at `now` (准備未了 included). */
  async function loadDetail(
    executor: Executor,
    actor: Actor,
    id: string,
    now: Date,
  ): Promise<FiscalYearDetail | null> {
    const prefectureId = actor.prefectureId;
    const [summary] = await repo.findFiscalYearSummaries(executor, prefectureId, id);
    if (!summary) return null;
    const programRows = await repo.findProgramsOfYears(executor, prefectureId, [id]);
    const phaseRows = await repo.findPhasesOfPrograms(
      executor,
      prefectureId,
      programRows.map((p) => p.id),
    );
    const readiness = await readinessFor(actor, summary.fiscalYear, phaseRows, now);
    return {
      ...toSummary(summary),
      phaseWindow: phaseWindowOf(summary.fiscalYear.year),
      programs: programRows.map((p) => toProgram(p, phaseRows, now, readiness)),
    };
  }

  async function loadProgram(actor: Actor, id: string, now: Date): Promise<Program | null> {
    const found = await repo.findProgram(db, actor.prefectureId, id);
    if (!found) return null;
    const phaseRows = await repo.findPhasesOfPrograms(db, actor.prefectureId, [id]);
    return toProgram(
      found.program,
      phaseRows,
      now,
      await readinessFor(actor, found.fiscalYear, phaseRows, now),
    );
  }

  async function loadPhase(actor: Actor, id: string, now: Date): Promise<Phase | null> {
    const found = await repo.findPhase(db, actor.prefectureId, id);
    if (!found) return null;
    return toPhase(found.phase, now, await readinessFor(actor, found.fiscalYear, [found.phase], now));
  }

  /** Only one year is active: making one active closes the one before, in the caller's transaction. */
  async function closeOtherActiveYears(
    tx: Executor,
    ctx: RequestContext,
    actor: Actor,
    exceptId: string | null,
  ) {
    await repo.lockPrefectureFiscalYears(tx, actor.prefectureId);
    for (const active of await repo.findActiveFiscalYears(tx, actor.prefectureId)) {
      if (active.id === exceptId) continue;
      const closed = await repo.closeFiscalYear(tx, active.id, actor.userId, ctx.now);
      await recordAudit(tx, ctx, {
        action: 'fiscal_year.close',
        entityType: 'fiscal_year',
        entityId: active.id,
        before: active,
        after: closed,
      });
    }
  }

  async function findProgramForChange(actor: Actor, id: string) {
    const found = await repo.findProgram(db, actor.prefectureId, id);
    // Another prefecture's ids are reported as absent, not forbidden, so ids reveal nothing.
    if (!found) throw new AppError('NOT_FOUND');
    assertAllowed(policy.canManage(actor, found.program.prefectureId));
    return found;
  }

  async function findPhaseForChange(actor: Actor, id: string) {
    const found = await repo.findPhase(db, actor.prefectureId, id);
    if (!found) throw new AppError('NOT_FOUND');
    assertAllowed(policy.canManage(actor, found.phase.prefectureId));
    return found;
  }

  async function get(ctx: RequestContext, id: string): Promise<FiscalYearDetail> {
    const actor = requireActor(ctx);
    const fiscalYear = await repo.findFiscalYear(db, actor.prefectureId, id);
    if (!fiscalYear) throw new AppError('NOT_FOUND');
    assertAllowed(policy.canRead(actor, fiscalYear));
    const detail = await loadDetail(db, actor, id, ctx.now);
    if (!detail) throw new AppError('NOT_FOUND');
    return detail;
  }

  return {
    nextYearPreview: setup.nextYearPreview,
    prepareNextYear: setup.prepareNextYear,
    checklist: setup.checklist,
    openPhase: setup.openPhase,
    unreadyPhases: setup.unreadyPhases,

    async list(ctx: RequestContext): Promise<FiscalYearSummary[]> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canList(actor, actor.prefectureId));
      const rows = await repo.findFiscalYearSummaries(db, actor.prefectureId);
      return rows.map(toSummary);
    },

    get,

    async create(ctx: RequestContext, input: FiscalYearCreate): Promise<FiscalYearCreated> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canManage(actor, actor.prefectureId));
      const duplicate = async () => {
        const existing = await repo.findFiscalYearByYear(db, actor.prefectureId, input.year);
        return new AppError('DUPLICATE', {
          fields: [
            {
              path: ['year'],
              code: 'duplicate',
              ja: `${formatFiscalYear(input.year, 'ja')}は既に登録されています。`,
              en: `${formatFiscalYear(input.year, 'en')} already exists.`,
            },
          ],
          current: existing ? await loadDetail(db, actor, existing.id, ctx.now) : undefined,
        });
      };
      if (await repo.findFiscalYearByYear(db, actor.prefectureId, input.year)) throw await duplicate();
      const source = input.copyFrom
        ? await repo.findFiscalYear(db, actor.prefectureId, input.copyFrom)
        : null;
      if (input.copyFrom && !source) {
        throw fieldError(
          ['copyFrom'],
          'コピー元の年度が見つかりません。',
          'The fiscal year to copy from was not found.',
          'not_found',
        );
      }
      const status = input.status ?? 'planning';
      let createdId = '';
      let adjustedDeadlines: AdjustedDeadline[] = [];
      try {
        await db.transaction(async (tx) => {
          if (status === 'active') await closeOtherActiveYears(tx, ctx, actor, null);
          const created = await repo.insertFiscalYear(tx, {
            prefectureId: actor.prefectureId,
            year: input.year,
            status,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          });
          createdId = created.id;
          const copied = source ? await copyPlan(tx, actor, source, created) : null;
          adjustedDeadlines = copied?.adjustedDeadlines ?? [];
          await recordAudit(tx, ctx, {
            action: 'fiscal_year.create',
            entityType: 'fiscal_year',
            entityId: created.id,
            after: {
              ...created,
              copiedFrom: source ? { id: source.id, year: source.year } : null,
              copiedPrograms: copied?.programs ?? 0,
              copiedPhases: copied?.phases ?? 0,
              adjustedDeadlines,
            },
          });
        });
      } catch (err) {
        // Two admins creating the same year at once: the unique index decides, the loser gets the same 409.
        if (hasSqlState(err, UNIQUE_VIOLATION)) throw await duplicate();
        throw err;
      }
      return { ...(await get(ctx, createdId)), adjustedDeadlines };
    },

    async update(ctx: RequestContext, id: string, patch: FiscalYearPatch): Promise<FiscalYearDetail> {
      const actor = requireActor(ctx);
      const current = await repo.findFiscalYear(db, actor.prefectureId, id);
      if (!current) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canManage(actor, current.prefectureId));
      const { version, ...values } = patch;
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            if (values.status === 'active') await closeOtherActiveYears(tx, ctx, actor, id);
            const updated = await updateVersioned(
              tx,
              fiscalYears,
              id,
              version,
              values,
              actor.userId,
              ctx.now,
            );
            await recordAudit(tx, ctx, {
              action: 'fiscal_year.update',
              entityType: 'fiscal_year',
              entityId: id,
              before: current,
              after: updated,
            });
          }),
        () => loadDetail(db, actor, id, ctx.now),
      );
      return get(ctx, id);
    },

    async createProgram(ctx: RequestContext, fiscalYearId: string, input: ProgramCreate): Promise<Program> {
      const actor = requireActor(ctx);
      const fiscalYear = await repo.findFiscalYear(db, actor.prefectureId, fiscalYearId);
      if (!fiscalYear) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canManage(actor, fiscalYear.prefectureId));
      const created = await db.transaction(async (tx) => {
        const row = await repo.insertProgram(tx, {
          prefectureId: actor.prefectureId,
          fiscalYearId,
          kind: input.kind,
          name: input.name,
          nameEn: input.nameEn,
          description: input.description ?? '',
          budgetThousandYen: input.budgetThousandYen ?? null,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await recordAudit(tx, ctx, {
          action: 'program.create',
          entityType: 'program',
          entityId: row.id,
          after: row,
        });
        return row;
      });
      return toProgram(created, [], ctx.now);
    },

    async updateProgram(ctx: RequestContext, id: string, patch: ProgramPatch): Promise<Program> {
      const actor = requireActor(ctx);
      const { program } = await findProgramForChange(actor, id);
      const { version, ...values } = patch;
      return changeVersioned(
        db,
        { ...ctx, actor },
        {
          table: programs,
          id,
          version,
          values,
          audit: { action: 'program.update', entityType: 'program', before: program },
          reload: () => loadProgram(actor, id, ctx.now),
        },
      );
    },

    /** A program goes only once its phases are gone, so no dated plan disappears along with it. */
    async deleteProgram(ctx: RequestContext, id: string, version: number): Promise<void> {
      const actor = requireActor(ctx);
      await findProgramForChange(actor, id);
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            // Locking the program makes a phase added meanwhile wait (its foreign key needs the row),
            // so the count below cannot go stale and the cascade never deletes a phase unseen.
            const locked = await repo.lockProgram(tx, id);
            if (!locked) throw new AppError('NOT_FOUND');
            const phaseCount = await repo.countPhasesOfProgram(tx, id);
            if (phaseCount > 0) {
              throw new AppError('IN_USE', {
                fields: [
                  {
                    path: ['phases'],
                    code: 'has_phases',
                    ja: `この事業には日程が${phaseCount}件登録されています。先に日程をすべて削除してから、事業を削除してください。`,
                    en: `This program still has ${phaseCount} phase${phaseCount === 1 ? '' : 's'}. Delete them first, then the program.`,
                  },
                ],
              });
            }
            const deleted = await repo.deleteVersioned(tx, programs, id, version);
            if (!deleted) throw new AppError('VERSION_CONFLICT');
            await recordAudit(tx, ctx, {
              action: 'program.delete',
              entityType: 'program',
              entityId: id,
              before: deleted,
            });
          }),
        () => loadProgram(actor, id, ctx.now),
      );
    },

    async createPhase(ctx: RequestContext, programId: string, input: PhaseCreate): Promise<Phase> {
      const actor = requireActor(ctx);
      const { fiscalYear } = await findProgramForChange(actor, programId);
      const deadline = input.deadline ?? null;
      throwIfInvalid(
        findPhaseDateProblems({ startsOn: input.startsOn, endsOn: input.endsOn, deadline }, fiscalYear.year),
      );
      await setup.assertPhaseCanRun(actor, fiscalYear, input.kind, input, null, ctx.now);
      try {
        const created = await db.transaction(async (tx) => {
          const row = await repo.insertPhase(tx, {
            prefectureId: actor.prefectureId,
            programId,
            kind: input.kind,
            startsOn: input.startsOn,
            endsOn: input.endsOn,
            deadlineAt: deadline ? deadlineInstantOf(deadline) : null,
            note: input.note ?? '',
            createdBy: actor.userId,
            updatedBy: actor.userId,
          });
          await recordAudit(tx, ctx, {
            action: 'program_phase.create',
            entityType: 'program_phase',
            entityId: row.id,
            after: row,
          });
          return row;
        });
        // Read back with its readiness: a phase dated to start soon may already lack something.
        return (await loadPhase(actor, created.id, ctx.now)) ?? toPhase(created, ctx.now);
      } catch (err) {
        // The program was deleted between the check and the insert.
        if (hasSqlState(err, FOREIGN_KEY_VIOLATION)) throw new AppError('NOT_FOUND');
        throw err;
      }
    },

    async updatePhase(ctx: RequestContext, id: string, patch: PhasePatch): Promise<Phase> {
      const actor = requireActor(ctx);
      const { phase, fiscalYear } = await findPhaseForChange(actor, id);
      const merged = {
        startsOn: patch.startsOn ?? phase.startsOn,
        endsOn: patch.endsOn ?? phase.endsOn,
        deadline:
          patch.deadline === undefined
            ? phase.deadlineAt
              ? deadlineInputOf(phase.deadlineAt)
              : null
            : patch.deadline,
      };
      // An already announced deadline is not re-judged when only other fields change:
      // editing a note must not force the office to move a date people rely on.
      throwIfInvalid(
        findPhaseDateProblems(merged, fiscalYear.year, { checkBusinessDay: patch.deadline !== undefined }),
      );
      await setup.assertPhaseCanRun(
        actor,
        fiscalYear,
        (patch.kind ?? phase.kind) as PhaseKind,
        merged,
        patch.kind === undefined || patch.kind === phase.kind ? phase : null,
        ctx.now,
      );
      const { version, deadline, ...values } = patch;
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const updated = await updateVersioned(
              tx,
              programPhases,
              id,
              version,
              {
                ...values,
                ...(deadline === undefined
                  ? {}
                  : { deadlineAt: deadline ? deadlineInstantOf(deadline) : null }),
              },
              actor.userId,
              ctx.now,
            );
            await recordAudit(tx, ctx, {
              action: 'program_phase.update',
              entityType: 'program_phase',
              entityId: id,
              before: phase,
              after: updated,
            });
          }),
        () => loadPhase(actor, id, ctx.now),
      );
      const updated = await loadPhase(actor, id, ctx.now);
      if (!updated) throw new AppError('NOT_FOUND');
      return updated;
    },

    async deletePhase(ctx: RequestContext, id: string, version: number): Promise<void> {
      const actor = requireActor(ctx);
      await findPhaseForChange(actor, id);
      await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const deleted = await repo.deleteVersioned(tx, programPhases, id, version);
            if (!deleted) throw new AppError('VERSION_CONFLICT');
            await recordAudit(tx, ctx, {
              action: 'program_phase.delete',
              entityType: 'program_phase',
              entityId: id,
              before: deleted,
            });
          }),
        () => loadPhase(actor, id, ctx.now),
      );
    },

    /** Every year of a prefecture as id and number (fiscal-years.ports.ts FiscalYearIndexPort). */
    async yearsOf(prefectureId: string): Promise<{ id: string; year: number }[]> {
      const rows = await repo.findFiscalYearSummaries(db, prefectureId);
      return rows.map((r) => ({ id: r.fiscalYear.id, year: r.fiscalYear.year }));
    },

    /** The year home pages show (active, else latest) with its plan; null before any year exists. */
    async getCurrentPlan(ctx: RequestContext): Promise<FiscalYearDetail | null> {
      const actor = requireActor(ctx);
      const current = await repo.findCurrentFiscalYear(db, actor.prefectureId);
      if (!current) return null;
      assertAllowed(policy.canRead(actor, current));
      return loadDetail(db, actor, current.id, ctx.now);
    },

    /** Deadlines still ahead (at or after ctx.now) of the given phase kinds, soonest first. */
    async listUpcomingDeadlines(ctx: RequestContext, kinds: readonly PhaseKind[], limit = 20) {
      const actor = requireActor(ctx);
      assertAllowed(policy.canList(actor, actor.prefectureId));
      const rows = await repo.findUpcomingDeadlines(db, actor.prefectureId, { from: ctx.now, kinds, limit });
      return rows.map(({ phase, program }) => ({
        phaseId: phase.id,
        programName: program.name,
        programNameEn: program.nameEn,
        kind: phase.kind as PhaseKind,
        deadlineAt: phase.deadlineAt!,
      }));
    },
  };
}

export type FiscalYearsService = ReturnType<typeof createFiscalYearsService>;
