import type { HomeTask } from '../../../shared/schemas/fiscal-years';
import type { HomeTaskProvider } from '../home/home-tasks';
import { applicationsPolicy as policy } from './applications.policy';
import { openRound, roundsOf, stateOf } from './applications.records';
import * as repo from './applications.repository';

/**
 * Town staff: an open call their municipality has not submitted to (with the round's deadline).
 * Town head: applications awaiting their confirmation. Admin: an open call with the applications
 * in so far, a closed call without an approved run (allocate), and an approved run not yet published.
 */
export const applicationTasks: HomeTaskProvider = async ({ actor, fiscalYear, deps, now }) => {
  if (!fiscalYear) return [];
  const town = policy.ownMunicipality(actor);
  const isAdmin = policy.isAdmin(actor);
  if (!town && !isAdmin) return [];
  const calls = await repo.findCalls(deps.db, actor.prefectureId, { fiscalYearId: fiscalYear.id });
  if (calls.length === 0) return [];
  const programs = new Map(
    (
      await repo.findPrograms(
        deps.db,
        actor.prefectureId,
        calls.map((c) => c.programId),
      )
    ).map((p) => [p.id, p]),
  );
  const phases = await repo.findCallPhases(
    deps.db,
    actor.prefectureId,
    calls.map((c) => c.programId),
  );
  const runs = await repo.findRuns(
    deps.db,
    actor.prefectureId,
    calls.map((c) => c.id),
  );
  const apps = await repo.findApplications(deps.db, actor.prefectureId, {
    callIds: calls.map((c) => c.id),
    ...(town && !isAdmin ? { municipalityId: town } : {}),
  });
  const tasks: HomeTask[] = [];
  for (const call of calls) {
    const name = programs.get(call.programId)?.name ?? '';
    const nameEn = programs.get(call.programId)?.nameEn ?? '';
    const rounds = roundsOf(
      phases.filter((p) => p.programId === call.programId),
      now,
    );
    const callRuns = runs.filter((r) => r.callId === call.id);
    const state = stateOf(rounds, callRuns, now);
    const mine = apps.filter((a) => a.callId === call.id && a.municipalityId === town);
    if (town && policy.isTownStaff(actor, town) && state === 'open') {
      const done = mine.some((a) =>
        ['awaiting_head', 'submitted', 'selected', 'not_selected'].includes(a.status),
      );
      if (!done)
        tasks.push({
          kind: 'application_open_call',
          title: { ja: `「${name}」の公募に申請してください`, en: `Apply to the call of "${nameEn}"` },
          href: mine[0] ? `/applications/${mine[0].id}` : `/calls/${call.id}/apply`,
          dueAt: openRound(rounds)?.closesAt ?? null,
        });
    }
    if (town && policy.isTownHead(actor, town)) {
      for (const a of mine.filter((x) => x.status === 'awaiting_head'))
        tasks.push({
          kind: 'application_awaiting_head',
          title: {
            ja: `「${name}」への申請を確認してください`,
            en: `Confirm the application to "${nameEn}"`,
          },
          href: `/applications/${a.id}`,
          dueAt: openRound(rounds)?.closesAt ?? null,
        });
    }
    if (isAdmin && state === 'open') {
      // Handed in to the prefecture: drafts and those awaiting the head's confirmation are not yet.
      const received = apps.filter(
        (a) => a.callId === call.id && ['submitted', 'selected', 'not_selected'].includes(a.status),
      ).length;
      tasks.push({
        kind: 'application_call_open',
        title: {
          ja: `「${name}」の公募を受付中：申請${received}件`,
          en: `The call of "${nameEn}" is open: ${received} application(s) in`,
        },
        href: `/calls/${call.id}`,
        dueAt: openRound(rounds)?.closesAt ?? null,
      });
    }
    if (isAdmin && state === 'closed')
      tasks.push({
        kind: 'allocation_to_approve',
        title: {
          ja: `「${name}」の支援先を決定してください（計算・承認）`,
          en: `Decide the allocation of "${nameEn}" (run and approve)`,
        },
        href: `/calls/${call.id}/allocation`,
        dueAt: null,
      });
    if (isAdmin && state === 'approved') {
      const approved = callRuns.find((r) => r.status === 'approved');
      tasks.push({
        kind: 'allocation_to_publish',
        title: {
          ja: `「${name}」の支援先決定を公表してください`,
          en: `Publish the allocation of "${nameEn}"`,
        },
        href: approved ? `/runs/${approved.id}` : `/calls/${call.id}/allocation`,
        dueAt: null,
      });
    }
  }
  return tasks;
};
