import type { SurveyInstancesPort } from './surveys.ports';
import { findLatestDefinition, findResponseById, insertSurvey } from './surveys.repository';

/** The survey engine's side of SurveyInstancesPort (see surveys.ports.ts). */
export const surveyInstances: SurveyInstancesPort = {
  async openProjectSurvey(ex, input) {
    const copied = await findLatestDefinition(ex, input.prefectureId, input.kind, 'project_municipalities');
    const created = await insertSurvey(ex, {
      prefectureId: input.prefectureId,
      fiscalYearId: input.fiscalYearId,
      kind: input.kind,
      audience: 'project_municipalities',
      title: input.title,
      titleEn: input.titleEn,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      definition: copied ?? input.defaultDefinition,
      createdBy: input.createdBy,
      updatedBy: input.createdBy,
    });
    return created.id;
  },
  async submittedResponse(ex, prefectureId, responseId) {
    const row = await findResponseById(ex, prefectureId, responseId);
    if (row?.status !== 'submitted' || !row.submittedAt) return null;
    return {
      surveyId: row.surveyId,
      municipalityId: row.municipalityId,
      answers: row.answers,
      submittedAt: row.submittedAt,
    };
  },
};
