import type { Executor } from '../../db/client';
import { type Actor, type RequestContext, requireActor } from '../../platform/context';
import { AppError, assertAllowed } from '../../platform/errors';
import { respondentKeyOf, type SurveyEligibility } from './eligibility';
import { findSurvey, type SurveyRow } from './surveys.repository';
import { surveysPolicy as policy } from './surveys.policy';

/** What the job modules of the surveys feature share: loading a survey with its access check. */

export function isOpenAt(row: SurveyRow, now: Date): boolean {
  return row.publishedAt !== null && row.supersededAt === null && row.opensAt <= now && now < row.closesAt;
}

/** The respondent key under which the actor answers this survey directly, or null if not asked. */
function directRespondentKey(actor: Actor, survey: SurveyRow): string | null {
  if (actor.prefectureId !== survey.prefectureId) return null;
  switch (survey.audience) {
    case 'municipalities':
      return policy.canAnswerForMunicipality(actor)
        ? respondentKeyOf.municipality(actor.municipalityId!)
        : null;
    case 'companies':
      return actor.organizationKind === 'company' ? respondentKeyOf.organization(actor.organizationId) : null;
    default:
      return null;
  }
}

/** The key under which the actor answers the survey (seminar participants included), or null. */
export async function respondentKeyOrNull(
  ex: Executor,
  eligibility: SurveyEligibility,
  actor: Actor,
  survey: SurveyRow,
): Promise<string | null> {
  const direct = directRespondentKey(actor, survey);
  if (direct || !readsRespondentList(actor, survey)) return direct;
  return respondentKeyAmong(actor, survey, await eligibility.respondentsOf(ex, survey));
}

/** Audiences where the actor's key depends on the survey's list of respondents, not on the actor alone. */
function readsRespondentList(actor: Actor, survey: SurveyRow): boolean {
  return (
    survey.audience === 'seminar_participants' ||
    (survey.audience === 'project_municipalities' && policy.canAnswerForMunicipality(actor))
  );
}

/** respondentKeyOrNull with the survey's respondents already read (a list reads them once per survey). */
export function respondentKeyAmong(
  actor: Actor,
  survey: SurveyRow,
  eligible: readonly { respondentKey: string }[],
): string | null {
  const direct = directRespondentKey(actor, survey);
  if (direct) return direct;
  if (survey.audience === 'seminar_participants') {
    const key = respondentKeyOf.user(actor.userId);
    return eligible.some((e) => e.respondentKey === key) ? key : null;
  }
  // A project's survey: only the supported municipality answers it (the projects feature says which).
  if (survey.audience === 'project_municipalities' && policy.canAnswerForMunicipality(actor)) {
    const key = respondentKeyOf.municipality(actor.municipalityId!);
    return eligible.some((e) => e.respondentKey === key) ? key : null;
  }
  return null;
}

/** A survey the actor may see at all; 404 for another tenant's or for people not concerned. */
export async function loadVisible(
  ex: Executor,
  eligibility: SurveyEligibility,
  ctx: RequestContext,
  id: string,
) {
  const actor = requireActor(ctx);
  const survey = await findSurvey(ex, actor.prefectureId, id);
  if (!survey) throw new AppError('NOT_FOUND');
  const respondentKey = await respondentKeyOrNull(ex, eligibility, actor, survey);
  const readsAll = policy.canReadResults(actor, survey.prefectureId);
  // A draft is the prefecture's work in progress: its respondents do not see it before it is published.
  if (!readsAll && (!respondentKey || survey.publishedAt === null)) throw new AppError('NOT_FOUND');
  return { actor, survey, respondentKey };
}

/** A survey whose results the actor may read (admins and reviewers); 404 / 403 otherwise. */
export async function loadForResults(ex: Executor, ctx: RequestContext, id: string) {
  const actor = requireActor(ctx);
  const survey = await findSurvey(ex, actor.prefectureId, id);
  if (!survey) throw new AppError('NOT_FOUND');
  assertAllowed(policy.canReadResults(actor, survey.prefectureId));
  return { actor, survey };
}

/** A survey the actor manages (the prefecture's administrators); 404 / 403 otherwise. */
export async function loadManaged(ex: Executor, ctx: RequestContext, id: string) {
  const actor = requireActor(ctx);
  const survey = await findSurvey(ex, actor.prefectureId, id);
  if (!survey) throw new AppError('NOT_FOUND');
  assertAllowed(policy.canManage(actor, survey.prefectureId));
  return { actor, survey };
}
