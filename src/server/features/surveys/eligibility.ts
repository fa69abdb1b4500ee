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

/** Who is asked to answer a survey: the providers of every audience, composed in app.ts. */
export interface SurveyEligibility {
  respondentsOf(executor: Executor, survey: EligibilitySurvey): Promise<EligibleRespondent[]>;
}

/**
 * The survey engine's eligibility from the providers the feature modules contribute
 * (`surveyEligibility`): municipalities and companies from surveys itself, seminar participants
 * from seminars. An audience nobody provides has no respondents.
 */
export function createSurveyEligibility(
  providers: Partial<Record<SurveyAudience, EligibilityProvider>>,
): SurveyEligibility {
  return {
    respondentsOf: async (executor, survey) => {
      const provider = providers[survey.audience];
      return provider ? provider(executor, survey) : [];
    },
  };
}
