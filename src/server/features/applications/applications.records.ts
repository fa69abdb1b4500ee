import {
  type Counterfactual as DomainCounterfactual,
  type Explanation as DomainExplanation,
  type PriorityFactor,
  renderCounterfactual,
  renderReason,
} from '../../../shared/allocation-reasons';
import type {
  Application,
  ApplicationStatus,
  Call,
  CallRound,
  CallState,
  Explanation,
  RunDetail,
  RunSummary,
} from '../../../shared/schemas/applications';
import { addDaysToYmd, jstDate, parseYmd } from '../../../shared/fiscal-year';
import type { Database, Executor } from '../../db/client';
import type { AllocationInput, AllocationResult } from '../../domain/allocation';
import { recordAudit } from '../../platform/audit';
import type { Actor, RequestContext } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { CatalogMenuForAllocation, CatalogReadPort } from '../menus/menus.ports';
import { applicationsPolicy as policy } from './applications.policy';
import * as repo from './applications.repository';

/**
 * How the feature's rows become the records the API answers with, and the look-ups every job
 * module needs (the call with its program and rounds, readable applications, names). Shared by
 * the modules composed in applications.service.ts.
 */

/** What a run stores as `input`: the solver's input plus what is needed to show it without re-reading. */
export interface RunSnapshot {
  allocation: AllocationInput;
  applications: {
    applicationId: string;
    municipalityId: string;
    municipalityName: string;
    priorityWeight: number;
    priorityFactors: PriorityFactor[];
    lock: 'include' | 'exclude' | null;
  }[];
  menus: {
    id: string;
    title: string;
    companyName: string;
    organizationId: string;
    costThousandYen: number;
  }[];
}

// ---- Rounds and state ---------------------------------------------------------------------------

/** The last second of a JST calendar day: a round without a deadline closes then. */
function endOfJstDay(ymd: string): Date {
  const next = parseYmd(addDaysToYmd(ymd, 1));
  return new Date(jstDate(next.year, next.month, next.day).getTime() - 1000);
}

export function roundsOf(phases: repo.PhaseRow[], now: Date): CallRound[] {
  return phases.map((p, index) => {
    const start = parseYmd(p.startsOn);
    const opensAt = jstDate(start.year, start.month, start.day);
    const closesAt = p.deadlineAt ?? endOfJstDay(p.endsOn);
    return {
      index: index + 1,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      closesAt: closesAt.toISOString(),
      open: now.getTime() >= opensAt.getTime() && now.getTime() <= closesAt.getTime(),
    };
  });
}

/** The round open now, if any (what submitting, editing and withdrawing are bound to). */
export function openRound(rounds: CallRound[]): CallRound | null {
  return rounds.find((r) => r.open) ?? null;
}

export function stateOf(rounds: CallRound[], runs: { status: string }[], now: Date): CallState {
  if (runs.some((r) => r.status === 'published')) return 'published';
  if (runs.some((r) => r.status === 'approved')) return 'approved';
  if (openRound(rounds)) return 'open';
  const later = rounds.some((r) => new Date(r.closesAt).getTime() > now.getTime());
  if (rounds.length === 0 || later) return 'upcoming';
  return 'closed';
}

/** Statuses that take part in an allocation. */
export const consideredStatuses: readonly ApplicationStatus[] = ['submitted', 'selected', 'not_selected'];

// ---- Explanations ---------------------------------------------------------------------------------

const undisclosed = { ja: '他の市町村', en: 'another municipality' };

/**
 * A stored explanation in plain words. `disclose` false (a town reading its own result): other
 * municipalities' names never appear; the displaced ones are kept as a count (entries without names).
 */
export function renderExplanation(
  e: DomainExplanation,
  snapshot: RunSnapshot,
  disclose: boolean,
): Explanation {
  const menus = new Map(snapshot.menus.map((m) => [m.id, m]));
  const towns = new Map(snapshot.applications.map((a) => [a.applicationId, a.municipalityName]));
  const menu = (id: string) => menus.get(id)?.title ?? '';
  const nameOf = (lang: 'ja' | 'en') => (id: string) =>
    disclose ? (towns.get(id) ?? '') : undisclosed[lang];
  const cf: DomainCounterfactual | null = e.counterfactual;
  return {
    applicationId: e.applicationId,
    outcome: e.outcome,
    menuId: e.menuId,
    menuTitle: e.menuId ? menu(e.menuId) : null,
    rank: e.rank,
    reasons: e.reasons.map((r) => ({
      code: r.code,
      ja: renderReason(r, 'ja', { menu }),
      en: renderReason(r, 'en', { menu }),
    })),
    counterfactual: cf
      ? {
          budgetIncreaseThousandYen: cf.budgetIncreaseThousandYen,
          displaced: cf.displacedApplicationIds.map((id) =>
            disclose
              ? { applicationId: id, municipalityName: towns.get(id) ?? '' }
              : { applicationId: '', municipalityName: '' },
          ),
          text: {
            ja: renderCounterfactual(cf, 'ja', { menu, application: nameOf('ja') }),
            en: renderCounterfactual(cf, 'en', { menu, application: nameOf('en') }),
          },
        }
      : null,
  };
}

// ---- Records --------------------------------------------------------------------------------------

export type ApplicationsRecords = ReturnType<typeof createApplicationsRecords>;

export function createApplicationsRecords(db: Database, catalog: CatalogReadPort) {
  /** A call of the actor's prefecture with its program, year and rounds, else 404. */
  async function requireCall(ex: Executor, actor: Actor, id: string) {
    const call = await repo.findCall(ex, actor.prefectureId, id);
    if (!call) throw new AppError('NOT_FOUND');
    return callContext(ex, actor.prefectureId, call);
  }

  async function callContext(ex: Executor, prefectureId: string, call: repo.CallRow) {
    const program = await repo.findProgram(ex, prefectureId, call.programId);
    const fiscalYear = await repo.findFiscalYear(ex, prefectureId, call.fiscalYearId);
    if (!program || !fiscalYear) throw new AppError('NOT_FOUND');
    const phases = await repo.findCallPhases(ex, prefectureId, [call.programId]);
    return { call, program, fiscalYear, phases, roundsAt: (at: Date) => roundsOf(phases, at) };
  }

  async function menusOf(prefectureId: string, fiscalYearId: string) {
    const menus = await catalog.selectedMenus(prefectureId, fiscalYearId);
    return new Map<string, CatalogMenuForAllocation>(menus.map((m) => [m.id, m]));
  }

  async function presentCalls(ex: Executor, actor: Actor, rows: repo.CallRow[], now: Date): Promise<Call[]> {
    if (rows.length === 0) return [];
    const prefectureId = actor.prefectureId;
    const programs = new Map(
      (
        await repo.findPrograms(
          ex,
          prefectureId,
          rows.map((r) => r.programId),
        )
      ).map((p) => [p.id, p]),
    );
    const years = new Map((await repo.findFiscalYears(ex, prefectureId)).map((y) => [y.id, y]));
    const phases = await repo.findCallPhases(
      ex,
      prefectureId,
      rows.map((r) => r.programId),
    );
    const runs = await repo.findRuns(
      ex,
      prefectureId,
      rows.map((r) => r.id),
    );
    const town = policy.isAdmin(actor) ? null : policy.ownMunicipality(actor);
    const apps = await repo.findApplications(ex, prefectureId, {
      callIds: rows.map((r) => r.id),
      ...(town ? { municipalityId: town } : {}),
    });
    return rows.map((call) => {
      const program = programs.get(call.programId);
      const rounds = roundsOf(
        phases.filter((p) => p.programId === call.programId),
        now,
      );
      const callRuns = runs.filter((r) => r.callId === call.id);
      const state = stateOf(rounds, callRuns, now);
      const counts: Record<string, number> = {};
      if (policy.isAdmin(actor) || town) {
        for (const a of apps.filter((x) => x.callId === call.id))
          counts[a.status] = (counts[a.status] ?? 0) + 1;
      }
      const isOpen = state === 'open';
      const canApply = isOpen && town !== null && policy.isTownStaff(actor, town);
      return {
        id: call.id,
        programId: call.programId,
        programName: program?.name ?? '',
        programNameEn: program?.nameEn ?? '',
        fiscalYearId: call.fiscalYearId,
        fiscalYear: years.get(call.fiscalYearId)?.year ?? 0,
        budgetThousandYen: program?.budgetThousandYen ?? null,
        maxChoices: call.maxChoices,
        maxProjectsPerMunicipality: call.maxProjectsPerMunicipality,
        headConfirmationRequired: call.headConfirmationRequired,
        priorityWeights: call.priorityWeights,
        state,
        rounds,
        applicationCounts: counts,
        publishedRunId: callRuns.find((r) => r.status === 'published')?.id ?? null,
        can: {
          update: policy.isAdmin(actor),
          apply: canApply,
          applyAsProxy: policy.isAdmin(actor) && isOpen,
          listApplications: policy.isAdmin(actor) || town !== null,
          run: policy.isAdmin(actor) && state !== 'published' && state !== 'upcoming',
          plan: policy.canPlan(actor),
        },
        version: call.version,
      };
    });
  }

  async function loadCall(actor: Actor, id: string, now: Date): Promise<Call | null> {
    const row = await repo.findCall(db, actor.prefectureId, id);
    if (!row) return null;
    return (await presentCalls(db, actor, [row], now))[0] ?? null;
  }

  /**
   * Applications as the actor sees them. The result (outcome and reasons) appears only once the
   * call's run is published; a town reads it without other towns' names; the lock is admin-only.
   */
  async function presentApplications(
    ex: Executor,
    actor: Actor,
    rows: repo.ApplicationRow[],
    now: Date,
  ): Promise<Application[]> {
    if (rows.length === 0) return [];
    const prefectureId = actor.prefectureId;
    const callIds = [...new Set(rows.map((r) => r.callId))];
    const calls = new Map<string, Awaited<ReturnType<typeof callContext>>>();
    const runs = await repo.findRuns(ex, prefectureId, callIds);
    const menusByYear = new Map<string, Map<string, CatalogMenuForAllocation>>();
    for (const callId of callIds) {
      const call = await repo.findCall(ex, prefectureId, callId);
      if (!call) continue;
      calls.set(callId, await callContext(ex, prefectureId, call));
      if (!menusByYear.has(call.fiscalYearId))
        menusByYear.set(call.fiscalYearId, await menusOf(prefectureId, call.fiscalYearId));
    }
    const towns = new Map(
      (await repo.findMunicipalities(ex, prefectureId, [...new Set(rows.map((r) => r.municipalityId))])).map(
        (m) => [m.id, m],
      ),
    );
    const userIds = rows.flatMap((r) =>
      [r.preferredAdvisorUserId, r.proxiedBy, r.confirmedBy].filter((id): id is string => !!id),
    );
    const names = new Map(
      (await repo.findUsers(ex, prefectureId, { ids: [...new Set(userIds)] })).map((u) => [
        u.id,
        u.displayName,
      ]),
    );
    const isAdmin = policy.isAdmin(actor);
    return rows.map((row) => {
      const cc = calls.get(row.callId);
      const rounds = cc ? roundsOf(cc.phases, now) : [];
      const callRuns = runs.filter((r) => r.callId === row.callId);
      const state = stateOf(rounds, callRuns, now);
      const roundOpen = state === 'open';
      const menus = (cc && menusByYear.get(cc.call.fiscalYearId)) ?? new Map();
      const published = callRuns.find((r) => r.status === 'published');
      let result: Explanation | null = null;
      if (published?.explanations && published.input) {
        const e = (published.explanations as DomainExplanation[]).find((x) => x.applicationId === row.id);
        if (e) result = renderExplanation(e, published.input as RunSnapshot, isAdmin);
      }
      const town = towns.get(row.municipalityId);
      const isStaff = policy.isTownStaff(actor, row.municipalityId);
      const editable = row.status === 'draft' && roundOpen;
      return {
        id: row.id,
        callId: row.callId,
        municipalityId: row.municipalityId,
        municipalityName: town?.name ?? '',
        municipalityCode: town?.code ?? '',
        status: row.status,
        choices: row.menuIds.map((menuId, i) => {
          const m = menus.get(menuId);
          return {
            rank: i + 1,
            menuId,
            menuTitle: m?.title ?? '',
            companyName: m?.companyName ?? '',
            costThousandYen: m?.unitCostThousandYen ?? 0,
          };
        }),
        challenge: row.challenge,
        desiredStartMonth: row.desiredStartMonth,
        desiredEndMonth: row.desiredEndMonth,
        contactName: row.contactName,
        contactEmail: row.contactEmail,
        contactPhone: row.contactPhone,
        preferredAdvisorUserId: row.preferredAdvisorUserId,
        preferredAdvisorName: row.preferredAdvisorUserId
          ? (names.get(row.preferredAdvisorUserId) ?? null)
          : null,
        proxiedByName: row.proxiedBy ? (names.get(row.proxiedBy) ?? '') : null,
        submittedAt: row.submittedAt?.toISOString() ?? null,
        confirmedByName: row.confirmedBy ? (names.get(row.confirmedBy) ?? '') : null,
        lock: isAdmin && row.lock ? row.lock : null,
        result,
        can: {
          update: editable && (isAdmin || isStaff),
          submit: editable && isStaff,
          confirm:
            row.status === 'awaiting_head' && roundOpen && policy.isTownHead(actor, row.municipalityId),
          withdraw:
            ['draft', 'awaiting_head', 'submitted'].includes(row.status) &&
            roundOpen &&
            policy.isTownUser(actor, row.municipalityId),
          lock: isAdmin && consideredStatuses.includes(row.status) && state !== 'published',
        },
        version: row.version,
      };
    });
  }

  async function loadApplication(actor: Actor, id: string, now: Date): Promise<Application | null> {
    const row = await repo.findApplication(db, actor.prefectureId, id);
    if (!row) return null;
    return (await presentApplications(db, actor, [row], now))[0] ?? null;
  }

  /** An application the actor may read, else 404 (another town's id reveals nothing). */
  async function readableApplication(actor: Actor, id: string) {
    const row = await repo.findApplication(db, actor.prefectureId, id);
    if (!row || !policy.canReadApplication(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  async function presentRuns(ex: Executor, actor: Actor, rows: repo.RunRow[]): Promise<RunSummary[]> {
    const names = new Map(
      (
        await repo.findUsers(ex, actor.prefectureId, {
          ids: [...new Set(rows.map((r) => r.createdBy).filter((id): id is string => !!id))],
        })
      ).map((u) => [u.id, u.displayName]),
    );
    return rows.map((row) => {
      const result = row.result as (AllocationResult & { counterfactualsPending?: boolean }) | null;
      const totals = (t: AllocationResult['totals']) => ({
        projects: t.projects,
        municipalities: t.municipalities,
        weightedMunicipalities: t.weightedMunicipalities,
        costThousandYen: t.costThousandYen,
      });
      return {
        id: row.id,
        callId: row.callId,
        label: row.label,
        status: row.status,
        priorityWeights: row.priorityWeights,
        budgetThousandYen: row.budgetThousandYen,
        seed: row.seed,
        solverStatus: result?.status ?? null,
        mipGap: result?.mipGap ?? null,
        solveMs: row.solveMs,
        totals: result ? totals(result.totals) : null,
        greedyTotals: result ? totals(result.greedy.totals) : null,
        counterfactualsPending: result?.counterfactualsPending === true,
        error: row.error,
        createdAt: row.createdAt.toISOString(),
        createdByName: row.createdBy ? (names.get(row.createdBy) ?? '') : '',
        version: row.version,
      };
    });
  }

  async function presentRunDetail(ex: Executor, actor: Actor, row: repo.RunRow): Promise<RunDetail> {
    const [summary] = await presentRuns(ex, actor, [row]);
    const snapshot = row.input as RunSnapshot | null;
    const result = row.result as AllocationResult | null;
    const explanations = (row.explanations as DomainExplanation[] | null) ?? [];
    if (!snapshot || !result)
      return { ...summary!, selections: [], explanations: [], applications: snapshot?.applications ?? [] };
    const menus = new Map(snapshot.menus.map((m) => [m.id, m]));
    const apps = new Map(snapshot.applications.map((a) => [a.applicationId, a]));
    const greedyApps = new Set(result.greedy.selections.map((s) => s.applicationId));
    return {
      ...summary!,
      selections: result.selections.map((s) => ({
        applicationId: s.applicationId,
        municipalityId: apps.get(s.applicationId)?.municipalityId ?? '',
        municipalityName: apps.get(s.applicationId)?.municipalityName ?? '',
        menuId: s.menuId,
        menuTitle: menus.get(s.menuId)?.title ?? '',
        companyName: menus.get(s.menuId)?.companyName ?? '',
        rank: s.rank,
        costThousandYen: s.costThousandYen,
        inGreedy: greedyApps.has(s.applicationId),
      })),
      explanations: explanations.map((e) => renderExplanation(e, snapshot, true)),
      applications: snapshot.applications,
    };
  }

  /** Inserts a row and its audit entry in one transaction; answers the new row. */
  async function createAudited<Row extends { id: string }>(
    ctx: RequestContext,
    audit: { action: string; entityType: string; onBehalfOf?: string | null },
    insert: (tx: Executor) => Promise<Row>,
    alsoInTransaction?: (tx: Executor, created: Row) => Promise<void>,
  ): Promise<Row> {
    return db.transaction(async (tx) => {
      const created = await insert(tx);
      await recordAudit(tx, ctx, { ...audit, entityId: created.id, after: created });
      await alsoInTransaction?.(tx, created);
      return created;
    });
  }

  return {
    requireCall,
    callContext,
    menusOf,
    presentCalls,
    loadCall,
    presentApplications,
    loadApplication,
    readableApplication,
    presentRuns,
    presentRunDetail,
    createAudited,
  };
}
