import { challengeAreaLabels } from '../../../shared/challenge-areas';
import type {
  Application,
  ApplicationCreate,
  ApplicationLock,
  ApplicationPatch,
  CallRound,
} from '../../../shared/schemas/applications';
import type { Database } from '../../db/client';
import type { MunicipalityNeedsProfile } from '../../domain/needs-profile';
import { type Actor, type RequestContext, signedIn } from '../../platform/context';
import { AppError, assertAllowed, fieldError } from '../../platform/errors';
import { applicationsPolicy as policy } from './applications.policy';
import { type ApplicationsRecords, consideredStatuses, openRound, stateOf } from './applications.records';
import * as repo from './applications.repository';

/** Where the challenge text is proposed from (the surveys feature); injected so this feature does not depend on it. */
export interface ChallengePrefillSource {
  needsProfileOf(
    prefectureId: string,
    municipalityId: string,
    fiscalYearId: string,
  ): Promise<MunicipalityNeedsProfile | null>;
}

export const noChallengePrefill: ChallengePrefillSource = { needsProfileOf: async () => null };

/** The challenge text proposed from a needs profile: areas wanted, then the town's own words. */
export function challengeFromProfile(profile: MunicipalityNeedsProfile): string {
  const lines: string[] = [];
  if (profile.helpWantedAreas.length > 0)
    lines.push(
      `支援を希望する分野: ${profile.helpWantedAreas.map((a) => challengeAreaLabels[a].ja).join('、')}`,
    );
  if (profile.overallLevel !== null) lines.push(`DX成熟度（5段階）: ${profile.overallLevel}`);
  for (const voice of profile.voices) lines.push(voice);
  return lines.join('\n').slice(0, 4000);
}

const notOpen = {
  ja: '受付期間外のため、申請を作成・変更できません。',
  en: 'The call is not open, so applications cannot be created or changed.',
};

const deadlinePassed = (path: string[]) =>
  new AppError('DEADLINE_PASSED', {
    fields: [
      {
        path,
        code: 'deadline_passed',
        ja: '申請の締切を過ぎています。',
        en: 'The application deadline has passed.',
      },
    ],
  });

/**
 * Applications from draft to submitted: a town's staff (or the prefecture as proxy) drafts and
 * edits while a round is open, the town submits before the round's JST cut-off, its head confirms
 * when the call requires it, and the town may withdraw until the deadline. The prefecture may lock
 * an application in or out of the allocation.
 */
export function createApplicationsSubmissions({
  db,
  records,
  prefillSource,
}: {
  db: Database;
  records: ApplicationsRecords;
  prefillSource: ChallengePrefillSource;
}) {
  /** The round open now, or the error a late (or early) request gets. */
  function requireOpenRound(rounds: CallRound[], now: Date, path: string[]): CallRound {
    const open = openRound(rounds);
    if (open) return open;
    const anyLater = rounds.some((r) => new Date(r.closesAt).getTime() > now.getTime());
    if (rounds.length > 0 && !anyLater) throw deadlinePassed(path);
    throw fieldError(path, notOpen.ja, notOpen.en, 'not_open');
  }

  /** Menus must be the year's catalog, within the call's limit; the named advisor one of theirs. */
  async function checkChoices(
    actor: Actor,
    call: repo.CallRow,
    input: { menuIds?: string[] | undefined; preferredAdvisorUserId?: string | null | undefined },
    current: { menuIds: string[]; preferredAdvisorUserId: string | null } | null,
  ) {
    const menuIds = input.menuIds ?? current?.menuIds ?? [];
    const menus = await records.menusOf(actor.prefectureId, call.fiscalYearId);
    if (input.menuIds) {
      if (input.menuIds.length > call.maxChoices)
        throw fieldError(
          ['menuIds'],
          `選べるメニューは${call.maxChoices}件までです。`,
          `Choose at most ${call.maxChoices} menus.`,
          'too_many',
        );
      const index = input.menuIds.findIndex((id) => !menus.has(id));
      if (index >= 0)
        throw fieldError(
          ['menuIds', index],
          'この年度のメニュー一覧にないメニューです。',
          'This menu is not in the year’s catalog.',
          'not_in_catalog',
        );
    }
    const advisor =
      input.preferredAdvisorUserId !== undefined
        ? input.preferredAdvisorUserId
        : current?.preferredAdvisorUserId;
    if (advisor && !menuIds.some((id) => menus.get(id)?.advisorUserIds.includes(advisor)))
      throw fieldError(
        ['preferredAdvisorUserId'],
        '希望するアドバイザーは、選んだメニューのアドバイザーから選んでください。',
        'Choose the advisor among the advisors of the chosen menus.',
        'not_menu_advisor',
      );
  }

  /** The desired period must not end before it starts ('YYYY-MM' compares as text). */
  function checkPeriod(
    input: { desiredStartMonth?: string | null | undefined; desiredEndMonth?: string | null | undefined },
    current: { desiredStartMonth: string | null; desiredEndMonth: string | null } | null,
  ) {
    const start =
      input.desiredStartMonth !== undefined ? input.desiredStartMonth : current?.desiredStartMonth;
    const end = input.desiredEndMonth !== undefined ? input.desiredEndMonth : current?.desiredEndMonth;
    if (start && end && end < start)
      throw fieldError(
        ['desiredEndMonth'],
        '希望期間の終わりは始まり以降の月にしてください。',
        'The desired period must not end before it starts.',
        'period_order',
      );
  }

  async function proposedChallenge(actor: Actor, call: repo.CallRow, municipalityId: string) {
    const year = await repo.findFiscalYear(db, actor.prefectureId, call.fiscalYearId);
    const candidates = [call.fiscalYearId];
    if (year) {
      const previous = await repo.findFiscalYearByYear(db, actor.prefectureId, year.year - 1);
      if (previous) candidates.push(previous.id);
    }
    for (const fiscalYearId of candidates) {
      const profile = await prefillSource.needsProfileOf(actor.prefectureId, municipalityId, fiscalYearId);
      if (profile) {
        const fy =
          fiscalYearId === year?.id ? year : await repo.findFiscalYear(db, actor.prefectureId, fiscalYearId);
        return { challenge: challengeFromProfile(profile), source: `${fy?.year ?? ''}年度 ニーズ調査の回答` };
      }
    }
    return { challenge: '', source: null };
  }

  /** The application with the call's rounds and state, for the transitions. */
  async function withCall(actor: Actor, id: string, now: Date) {
    const row = await records.readableApplication(actor, id);
    const { call, roundsAt } = await records.requireCall(db, actor, row.callId);
    const runs = await repo.findRuns(db, actor.prefectureId, [call.id]);
    const rounds = roundsAt(now);
    return { row, call, rounds, state: stateOf(rounds, runs, now) };
  }

  /** Once a run is approved the applications are what it decided on: nothing more moves. */
  function requireUndecided(state: string) {
    if (state === 'approved' || state === 'published')
      throw fieldError(
        ['status'],
        '支援先の決定後は、申請を変更できません。',
        'The allocation is decided: applications can no longer change.',
        'decided',
      );
  }

  const reload = (actor: Actor, id: string, now: Date) => () => records.loadApplication(actor, id, now);

  return {
    async prefill(ctx: RequestContext, callId: string, municipalityId: string | null) {
      const { actor } = signedIn(ctx);
      const { call } = await records.requireCall(db, actor, callId);
      const town = municipalityId ?? policy.ownMunicipality(actor);
      if (!town) {
        if (policy.isAdmin(actor))
          throw fieldError(
            ['municipalityId'],
            '市町村を選んでください。',
            'Choose the municipality.',
            'required',
          );
        throw new AppError('FORBIDDEN');
      }
      assertAllowed(policy.isAdmin(actor) || policy.isTownUser(actor, town));
      if (policy.isAdmin(actor) && !(await repo.findMunicipalities(db, actor.prefectureId, [town]))[0])
        throw fieldError(
          ['municipalityId'],
          '市町村が見つかりません。',
          'Municipality not found.',
          'not_found',
        );
      return proposedChallenge(actor, call, town);
    },

    async listApplications(ctx: RequestContext, callId: string): Promise<Application[]> {
      const { actor } = signedIn(ctx);
      const { call } = await records.requireCall(db, actor, callId);
      const town = policy.ownMunicipality(actor);
      assertAllowed(policy.isAdmin(actor) || town !== null);
      const rows = await repo.findApplications(db, actor.prefectureId, {
        callIds: [call.id],
        ...(policy.isAdmin(actor) ? {} : { municipalityId: town! }),
      });
      return records.presentApplications(db, actor, rows, ctx.now);
    },

    async getApplication(ctx: RequestContext, id: string): Promise<Application> {
      const { actor } = signedIn(ctx);
      const row = await records.readableApplication(actor, id);
      return (await records.presentApplications(db, actor, [row], ctx.now))[0]!;
    },

    async createApplication(
      ctx: RequestContext,
      callId: string,
      input: ApplicationCreate,
    ): Promise<Application> {
      const { actor } = signedIn(ctx);
      const isAdmin = policy.isAdmin(actor);
      const own = policy.ownMunicipality(actor);
      assertAllowed(isAdmin || (own !== null && policy.isTownStaff(actor, own)));
      const { call, roundsAt } = await records.requireCall(db, actor, callId);
      let municipalityId: string;
      if (isAdmin) {
        if (!input.municipalityId)
          throw fieldError(
            ['municipalityId'],
            '代理で作成する市町村を選んでください。',
            'Choose the municipality to draft for.',
            'required',
          );
        if (!(await repo.findMunicipalities(db, actor.prefectureId, [input.municipalityId]))[0])
          throw fieldError(
            ['municipalityId'],
            '市町村が見つかりません。',
            'Municipality not found.',
            'not_found',
          );
        municipalityId = input.municipalityId;
      } else {
        // A town's user applies for their own municipality only.
        assertAllowed(input.municipalityId === undefined || input.municipalityId === own);
        municipalityId = own!;
      }
      requireOpenRound(roundsAt(ctx.now), ctx.now, ['menuIds']);
      checkPeriod(input, null);
      await checkChoices(actor, call, input, null);
      // A town may file several applications (one per project it hopes for); the allocation caps
      // what it receives at the call's per-municipality limit.
      const challenge = input.challenge ?? (await proposedChallenge(actor, call, municipalityId)).challenge;
      const created = await records.createAudited(
        ctx,
        {
          action: 'application.create',
          entityType: 'application',
          onBehalfOf: isAdmin ? municipalityId : null,
        },
        (tx) =>
          repo.insertApplication(tx, {
            prefectureId: actor.prefectureId,
            callId: call.id,
            municipalityId,
            status: 'draft',
            menuIds: input.menuIds,
            challenge,
            desiredStartMonth: input.desiredStartMonth ?? null,
            desiredEndMonth: input.desiredEndMonth ?? null,
            contactName: input.contactName,
            contactEmail: input.contactEmail,
            contactPhone: input.contactPhone ?? '',
            preferredAdvisorUserId: input.preferredAdvisorUserId ?? null,
            proxiedBy: isAdmin ? actor.userId : null,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          }),
      );
      return (await records.loadApplication(actor, created.id, ctx.now))!;
    },

    async updateApplication(ctx: RequestContext, id: string, input: ApplicationPatch): Promise<Application> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      const { row, call, rounds, state } = await withCall(actor, id, ctx.now);
      assertAllowed(policy.isAdmin(actor) || policy.isTownStaff(actor, row.municipalityId));
      requireUndecided(state);
      if (row.status !== 'draft')
        throw fieldError(
          ['status'],
          '提出後の申請は編集できません（取り下げて作り直してください）。',
          'A submitted application cannot be edited (withdraw it and draft a new one).',
          'not_editable',
        );
      requireOpenRound(rounds, ctx.now, ['status']);
      checkPeriod(input, row);
      await checkChoices(actor, call, input, row);
      const { version, ...changes } = input;
      const values = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      return repo.changeApplication(db, signed, {
        id,
        version,
        values,
        audit: { action: 'application.update', entityType: 'application', before: row },
        reload: reload(actor, id, ctx.now),
      });
    },

    async transitionApplication(
      ctx: RequestContext,
      id: string,
      action: 'submit' | 'confirm' | 'withdraw',
      version: number,
    ): Promise<Application> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      const { row, call, rounds, state } = await withCall(actor, id, ctx.now);
      const wrongStatus = (ja: string, en: string) => fieldError(['status'], ja, en, 'wrong_status');
      let values: Partial<repo.ApplicationRow>;
      if (!policy.isTownUser(actor, row.municipalityId)) assertAllowed(false);
      requireUndecided(state);
      if (action === 'submit') {
        // A proxied draft counts only once the town itself submits it.
        assertAllowed(policy.isTownStaff(actor, row.municipalityId));
        if (row.status !== 'draft')
          throw wrongStatus('この申請は既に提出されています。', 'This application is already submitted.');
        requireOpenRound(rounds, ctx.now, ['status']);
        values = call.headConfirmationRequired
          ? { status: 'awaiting_head' }
          : { status: 'submitted', submittedAt: ctx.now };
      } else if (action === 'confirm') {
        assertAllowed(policy.isTownHead(actor, row.municipalityId));
        if (row.status !== 'awaiting_head')
          throw wrongStatus(
            '確認待ちの申請ではありません。',
            'This application is not awaiting confirmation.',
          );
        requireOpenRound(rounds, ctx.now, ['status']);
        values = {
          status: 'submitted',
          submittedAt: ctx.now,
          confirmedBy: actor.userId,
          confirmedAt: ctx.now,
        };
      } else {
        assertAllowed(policy.isTownUser(actor, row.municipalityId));
        if (!['draft', 'awaiting_head', 'submitted'].includes(row.status))
          throw wrongStatus('この申請は取り下げられません。', 'This application cannot be withdrawn.');
        requireOpenRound(rounds, ctx.now, ['status']);
        values = { status: 'withdrawn', withdrawnAt: ctx.now };
      }
      return repo.changeApplication(db, signed, {
        id,
        version,
        values,
        audit: { action: `application.${action}`, entityType: 'application', before: row },
        reload: reload(actor, id, ctx.now),
      });
    },

    async lockApplication(ctx: RequestContext, id: string, input: ApplicationLock): Promise<Application> {
      const signed = signedIn(ctx);
      const { actor } = signed;
      assertAllowed(policy.isAdmin(actor));
      const { row, state } = await withCall(actor, id, ctx.now);
      if (!consideredStatuses.includes(row.status))
        throw fieldError(
          ['lock'],
          '提出済みの申請だけを指定・除外できます。',
          'Only submitted applications can be included or excluded.',
          'not_submitted',
        );
      if (state === 'published')
        throw fieldError(
          ['lock'],
          '結果の公表後は変更できません。',
          'The results are published.',
          'published',
        );
      if (input.lock.kind === 'include' && input.lock.menuId && !row.menuIds.includes(input.lock.menuId))
        throw fieldError(
          ['lock', 'menuId'],
          'この申請で希望されたメニューから選んでください。',
          'Choose one of the menus this application ranks.',
          'not_a_choice',
        );
      if (input.lock.kind !== 'none' && input.reason.length === 0)
        throw fieldError(['reason'], '理由を入力してください。', 'Enter the reason.', 'required');
      const lock =
        input.lock.kind === 'none'
          ? null
          : {
              kind: input.lock.kind,
              menuId: input.lock.kind === 'include' ? input.lock.menuId : null,
              reason: input.reason,
            };
      return repo.changeApplication(db, signed, {
        id,
        version: input.version,
        values: { lock },
        audit: { action: 'application.lock', entityType: 'application', before: row },
        reload: reload(actor, id, ctx.now),
      });
    },
  };
}
