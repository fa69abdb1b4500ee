import { and, asc, eq } from 'drizzle-orm';
import type { SurveyAudience } from '../../../shared/schemas/surveys';
import type { Executor } from '../../db/client';
import { municipalities, organizations } from '../../db/schema';

/** Someone who is asked to answer a survey: one response per respondent key. */
export interface EligibleRespondent {
  respondentKey: string;
  municipalityId: string | null;
  organizationId: string | null;
  userId: string | null;
  name: string;
}

export interface EligibilitySurvey {
  id: string;
  prefectureId: string;
  audience: SurveyAudience;
}

export type EligibilityProvider = (
  executor: Executor,
  survey: EligibilitySurvey,
) => Promise<EligibleRespondent[]>;

export const respondentKeyOf = {
  municipality: (id: string) => `municipality:${id}`,
  organization: (id: string) => `organization:${id}`,
  user: (id: string) => `user:${id}`,
};

const registry = new Map<SurveyAudience, EligibilityProvider>();

/**
 * Plug-in point per audience. The seminars feature registers "participants of event X" for
 * seminar_participants (until then nobody is eligible for such surveys).
 */
export function registerEligibility(audience: SurveyAudience, provider: EligibilityProvider): void {
  registry.set(audience, provider);
}

/** Every municipality of the prefecture: one response per town (mayor and staff share it). */
export const municipalityRespondents: EligibilityProvider = async (executor, survey) => {
  const rows = await executor
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.prefectureId, survey.prefectureId))
    .orderBy(asc(municipalities.code));
  return rows.map((m) => ({
    respondentKey: respondentKeyOf.municipality(m.id),
    municipalityId: m.id,
    organizationId: null,
    userId: null,
    name: m.name,
  }));
};

/** Every active member company: one response per company. */
export const companyRespondents: EligibilityProvider = async (executor, survey) => {
  const rows = await executor
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      and(
        eq(organizations.prefectureId, survey.prefectureId),
        eq(organizations.kind, 'company'),
        eq(organizations.isActive, true),
      ),
    )
    .orderBy(asc(organizations.name));
  return rows.map((o) => ({
    respondentKey: respondentKeyOf.organization(o.id),
    municipalityId: null,
    organizationId: o.id,
    userId: null,
    name: o.name,
  }));
};

registerEligibility('municipalities', municipalityRespondents);
registerEligibility('companies', companyRespondents);

registerEligibility('seminar_participants', async () => []);

export async function eligibleRespondents(
  executor: Executor,
  survey: EligibilitySurvey,
): Promise<EligibleRespondent[]> {
  const provider = registry.get(survey.audience);
  return provider ? provider(executor, survey) : [];
}
