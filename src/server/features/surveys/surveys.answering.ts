import type { Answers, ResponseSave, SurveyResponse } from '../../../shared/schemas/surveys';
import type { SurveysDeps } from './surveys.service';
import type { Executor } from '../../db/client';
import { recordAudit } from '../../platform/audit';
import { type Actor, type RequestContext, requireActor } from '../../platform/context';
import { AppError, assertAllowed } from '../../platform/errors';
import { publishEvent } from '../../platform/jobs/events';
import { withCurrentOnConflict } from '../../platform/locking';
import { allQuestions, checkAnswers } from './answers';
import { respondentKeyOf } from './eligibility';
import { isOpenAt, loadVisible } from './surveys.common';
import { surveysPolicy as policy } from './surveys.policy';
import {
  findMunicipality,
  findMunicipalityName,
  findResponse,
  findEarlierSubmissions,
  findSurvey,
  findUserDisplayName,
  insertResponse,
  type ResponseRow,
  type SurveyRow,
  updateResponseVersioned,
} from './surveys.repository';

declare module '../../platform/jobs/events' {
  interface DomainEventMap {
    /**
     * A response was submitted (by its respondent or by proxy), published in the submitting
     * transaction: results, maturity and dashboards may change, and features that made a survey
     * for something of theirs (a project's evaluation) react to its answer.
     */
    'surveys.response_submitted': {
      surveyId: string;
      responseId: string;
      municipalityId: string | null;
      respondentKey: string;
    };
  }
}

/** Whose response a save writes: the municipality, organization or user behind the respondent key. */
interface ResponseTarget {
  municipalityId: string | null;
  organizationId: string | null;
  userId: string | null;
}

type WriteMode = 'draft' | 'submit' | 'proxy';

const auditActions: Record<WriteMode, string> = {
  draft: 'survey_response.save',
  submit: 'survey_response.submit',
  proxy: 'survey_response.proxy_save',
};

function targetOf(respondentKey: string, actor: Actor): ResponseTarget {
  const [kind, id] = respondentKey.split(':') as [string, string];
  return {
    municipalityId: kind === 'municipality' ? id : null,
    organizationId: kind === 'organization' ? id : null,
    userId: kind === 'user' ? actor.userId : null,
  };
}

/** The response as the API shows it, with the proxy's and the municipality's names. */
async function toResponse(
  ex: Executor,
  row: ResponseRow | null,
  municipalityId: string | null,
): Promise<SurveyResponse> {
  const proxiedByName = row?.proxiedBy ? await findUserDisplayName(ex, row.proxiedBy) : null;
  const mId = row?.municipalityId ?? municipalityId;
  const municipalityName = mId ? await findMunicipalityName(ex, mId) : null;
  return {
    id: row?.id ?? null,
    status: row?.status ?? 'not_started',
    answers: row?.answers ?? {},
    version: row?.version ?? null,
    submittedAt: row?.submittedAt?.toISOString() ?? null,
    proxiedByName,
    isProxyDraft: row !== null && row.status === 'draft' && row.proxiedBy !== null,
    municipalityId: mId ?? null,
    municipalityName,
  };
}

/** Answering: drafts (autosave), submitting, last year's answers as prefill, and proxy drafts. */
export function createSurveyAnswering(deps: SurveysDeps) {
  const { db } = deps;

  /**
   * Saves (draft) or submits the response of `respondentKey`. Checks the window, the answers
   * (all of them when submitting) and the version; audits in the same transaction.
   */
  async function writeResponse(
    ctx: RequestContext,
    survey: SurveyRow,
    respondentKey: string,
    target: ResponseTarget,
    body: ResponseSave,
    mode: WriteMode,
  ): Promise<SurveyResponse> {
    const actor = requireActor(ctx);
    if (!isOpenAt(survey, ctx.now)) throw new AppError('SURVEY_CLOSED');
    const { kept, problems } = checkAnswers(survey.definition, body.answers, mode === 'submit');
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
    const existing = await findResponse(db, survey.id, respondentKey);
    if (existing && body.version === null) {
      throw new AppError('VERSION_CONFLICT', {
        current: await toResponse(db, existing, target.municipalityId),
      });
    }
    if (existing?.status === 'submitted' && mode === 'proxy') {
      // A town's submitted answer is its own; the prefecture does not overwrite it.
      throw new AppError('FORBIDDEN');
    }
    const values = {
      answers: kept,
      status: mode === 'submit' ? ('submitted' as const) : ('draft' as const),
      submittedAt: mode === 'submit' ? ctx.now : (existing?.submittedAt ?? null),
      submittedBy: mode === 'submit' ? actor.userId : (existing?.submittedBy ?? null),
      proxiedBy: mode === 'proxy' ? actor.userId : (existing?.proxiedBy ?? null),
    };
    const row = await withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          let saved: ResponseRow;
          if (!existing) {
            const inserted = await insertResponse(tx, {
              prefectureId: survey.prefectureId,
              surveyId: survey.id,
              respondentKey,
              ...target,
              ...values,
              createdBy: actor.userId,
              updatedBy: actor.userId,
            });
            if (!inserted) throw new AppError('VERSION_CONFLICT');
            saved = inserted;
          } else {
            saved = await updateResponseVersioned(
              tx,
              existing.id,
              body.version!,
              values,
              actor.userId,
              ctx.now,
            );
          }
          await recordAudit(tx, ctx, {
            action: auditActions[mode],
            entityType: 'survey_response',
            entityId: saved.id,
            before: existing ? { status: existing.status, answers: existing.answers } : null,
            after: { status: saved.status, answers: saved.answers },
            onBehalfOf: mode === 'proxy' ? target.municipalityId : null,
          });
          if (saved.status === 'submitted') {
            await publishEvent(tx, ctx, 'surveys.response_submitted', {
              surveyId: survey.id,
              responseId: saved.id,
              municipalityId: saved.municipalityId,
              respondentKey,
            });
          }
          return saved;
        }),
      async () => {
        const current = await findResponse(db, survey.id, respondentKey);
        return current ? toResponse(db, current, target.municipalityId) : null;
      },
    );
    return toResponse(db, row, target.municipalityId);
  }

  /** A survey the actor answers themselves (403 for staff who only read it). */
  async function ownSurvey(ctx: RequestContext, id: string) {
    const loaded = await loadVisible(db, deps.eligibility, ctx, id);
    if (!loaded.respondentKey) throw new AppError('FORBIDDEN');
    return { ...loaded, respondentKey: loaded.respondentKey };
  }

  /** A municipal survey and one of the prefecture's towns, for the prefecture answering on its behalf. */
  async function proxyTarget(ctx: RequestContext, id: string, municipalityId: string) {
    const actor = requireActor(ctx);
    const survey = await findSurvey(db, actor.prefectureId, id);
    if (!survey) throw new AppError('NOT_FOUND');
    assertAllowed(policy.canManage(actor, survey.prefectureId));
    if (survey.audience !== 'municipalities') throw new AppError('NOT_FOUND');
    const m = await findMunicipality(db, actor.prefectureId, municipalityId);
    if (!m) throw new AppError('NOT_FOUND');
    return { survey, respondentKey: respondentKeyOf.municipality(m.id), municipalityId: m.id };
  }

  return {
    async getResponse(ctx: RequestContext, id: string): Promise<SurveyResponse> {
      const { actor, survey, respondentKey } = await ownSurvey(ctx, id);
      const row = await findResponse(db, survey.id, respondentKey);
      return toResponse(db, row, targetOf(respondentKey, actor).municipalityId);
    },

    async saveDraft(ctx: RequestContext, id: string, body: ResponseSave): Promise<SurveyResponse> {
      const { actor, survey, respondentKey } = await ownSurvey(ctx, id);
      const existing = await findResponse(db, survey.id, respondentKey);
      // Editing after submission (until the deadline) keeps it submitted only through submit.
      const mode = existing?.status === 'submitted' ? 'submit' : 'draft';
      return writeResponse(ctx, survey, respondentKey, targetOf(respondentKey, actor), body, mode);
    },

    async submit(ctx: RequestContext, id: string, body: ResponseSave): Promise<SurveyResponse> {
      const { actor, survey, respondentKey } = await ownSurvey(ctx, id);
      return writeResponse(ctx, survey, respondentKey, targetOf(respondentKey, actor), body, 'submit');
    },

    /**
     * The respondent's latest submitted answer to each question with the same key in earlier
     * surveys of the same kind and audience (not only last year's: a year may have had no
     * survey), for the form to offer. `fromSurveyId` is the newest survey that contributed.
     */
    async prefill(
      ctx: RequestContext,
      id: string,
    ): Promise<{ fromSurveyId: string | null; answers: Answers }> {
      const { survey, respondentKey } = await ownSurvey(ctx, id);
      const earlier = await findEarlierSubmissions(db, {
        prefectureId: survey.prefectureId,
        kind: survey.kind,
        audience: survey.audience,
        respondentKey,
        before: { id: survey.id, opensAt: survey.opensAt },
      });
      const keys = new Set(allQuestions(survey.definition).map((q) => q.key));
      const answers: Answers = {};
      const sourceOf = new Map<string, string>();
      for (const { response, survey: source } of earlier)
        for (const [k, v] of Object.entries(response.answers))
          if (keys.has(k) && !(k in answers)) {
            answers[k] = v;
            sourceOf.set(k, source.id);
          }
      // Only values the current questions accept.
      const { problems } = checkAnswers(survey.definition, answers, false);
      for (const p of problems) delete answers[String(p.path[1])];
      const used = new Set(Object.keys(answers).map((k) => sourceOf.get(k)));
      const fromSurveyId = earlier.find((e) => used.has(e.survey.id))?.survey.id ?? null;
      return { fromSurveyId, answers };
    },

    async getProxy(ctx: RequestContext, id: string, municipalityId: string): Promise<SurveyResponse> {
      const target = await proxyTarget(ctx, id, municipalityId);
      return toResponse(
        db,
        await findResponse(db, target.survey.id, target.respondentKey),
        target.municipalityId,
      );
    },

    async saveProxy(
      ctx: RequestContext,
      id: string,
      municipalityId: string,
      body: ResponseSave,
    ): Promise<SurveyResponse> {
      const target = await proxyTarget(ctx, id, municipalityId);
      return writeResponse(
        ctx,
        target.survey,
        target.respondentKey,
        { municipalityId: target.municipalityId, organizationId: null, userId: null },
        body,
        'proxy',
      );
    },
  };
}
