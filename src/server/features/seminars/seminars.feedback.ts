import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { municipalities, seminarEvents, seminarRegistrations, surveys, users } from '../../db/schema';
import { type EligibleRespondent, respondentKeyOf } from '../surveys/eligibility';

/**
 * The survey ids an event may point at for this survey: the survey itself and its earlier versions
 * (a frozen survey that is edited becomes a new row whose `previousId` points back, while events
 * keep the id they were linked to).
 */
async function versionChain(ex: Executor, prefectureId: string, surveyId: string): Promise<string[]> {
  const ids: string[] = [];
  let current: string | null = surveyId;
  while (current && !ids.includes(current) && ids.length < 50) {
    ids.push(current);
    const [row] = await ex
      .select({ previousId: surveys.previousId })
      .from(surveys)
      .where(and(eq(surveys.id, current), eq(surveys.prefectureId, prefectureId)));
    current = row?.previousId ?? null;
  }
  return ids;
}

/**
 * Participants of the events whose feedback survey this is: one respondent per user — the attendee's
 * own account, or the user who registered them when the attendee has no account. Only seats count
 * (status 'registered'); waitlisted and cancelled registrations do not.
 */
export async function seminarFeedbackParticipants(
  ex: Executor,
  survey: { id: string; prefectureId: string },
): Promise<EligibleRespondent[]> {
  const ids = await versionChain(ex, survey.prefectureId, survey.id);
  const respondentUser = sql<string>`coalesce(${seminarRegistrations.userId}, ${seminarRegistrations.createdBy})`;
  const rows = await ex
    .selectDistinct({
      userId: users.id,
      name: users.displayName,
      municipalityName: municipalities.name,
    })
    .from(seminarRegistrations)
    .innerJoin(seminarEvents, eq(seminarEvents.id, seminarRegistrations.eventId))
    .innerJoin(users, eq(users.id, respondentUser))
    .innerJoin(municipalities, eq(municipalities.id, seminarRegistrations.municipalityId))
    .where(
      and(
        inArray(seminarEvents.feedbackSurveyId, ids),
        eq(seminarEvents.prefectureId, survey.prefectureId),
        eq(seminarRegistrations.prefectureId, survey.prefectureId),
        eq(seminarRegistrations.status, 'registered'),
        eq(users.prefectureId, survey.prefectureId),
        eq(users.isActive, true),
      ),
    )
    .orderBy(asc(municipalities.name), asc(users.displayName));
  const seen = new Set<string>();
  const out: EligibleRespondent[] = [];
  for (const r of rows) {
    if (seen.has(r.userId)) continue;
    seen.add(r.userId);
    out.push({
      respondentKey: respondentKeyOf.user(r.userId),
      municipalityId: null,
      organizationId: null,
      userId: r.userId,
      name: `${r.name}（${r.municipalityName}）`,
    });
  }
  return out;
}
