import type {
  Section,
  SurveyCreate,
  SurveyDetail,
  SurveyInvitation,
  SurveyListQuery,
  SurveyPatch,
  SurveyPublish,
  SurveySummary,
} from '../../../shared/schemas/surveys';
import type { SurveysDeps } from './surveys.service';
import { jstWeekStartOf } from '../../../shared/fiscal-year';
import type { Executor } from '../../db/client';
import { recordAudit } from '../../platform/audit';
import { enqueueJob } from '../../platform/jobs/queue';
import { announcedAudiences, surveyOpenedNoticesJob } from './surveys.reminders';
import { type Actor, isPrefectureAdmin, type RequestContext, requireActor } from '../../platform/context';
import { AppError, assertAllowed } from '../../platform/errors';
import { withCurrentOnConflict } from '../../platform/locking';
import { isOpenAt, loadVisible, respondentKeyAmong } from './surveys.common';
import type { EligibleRespondent } from './eligibility';
import { surveysPolicy as policy } from './surveys.policy';
import {
  findCurrentSurveys,
  findFiscalYear,
  findReminderRecipients,
  findResponseStates,
  findResponseStatesOfSurveys,
  findSurvey,
  hasAnyResponse,
  insertSurvey,
  type SurveyRow,
  updateSurveyVersioned,
} from './surveys.repository';

/** The survey builder: the list, one survey, creating, editing and new versions of the question set. */
export function createSurveyDefinitions(deps: SurveysDeps) {
  const { db } = deps;

  async function summarize(
    ex: Executor,
    row: SurveyRow,
    actor: Actor,
    now: Date,
    /** Read for many surveys at once by a list; read here otherwise. */
    known: {
      responses?: Awaited<ReturnType<typeof findResponseStates>>;
      respondentsOf?: (row: SurveyRow) => Promise<EligibleRespondent[]>;
    } = {},
  ): Promise<SurveySummary> {
    const responses = known.responses ?? (await findResponseStates(ex, row.id));
    // The respondents are read once: the counts and the actor's own key both come from them.
    const eligible = await (known.respondentsOf ?? ((r) => deps.eligibility.respondentsOf(ex, r)))(row);
    const key = respondentKeyAmong(actor, row, eligible);
    const mine = key ? responses.find((r) => r.respondentKey === key) : undefined;
    const canManage = policy.canManage(actor, row.prefectureId);
    const canReadResults = policy.canReadResults(actor, row.prefectureId);
    const isPublished = row.share.isPublished === true;
    return {
      id: row.id,
      fiscalYearId: row.fiscalYearId,
      title: { ja: row.title, en: row.titleEn },
      kind: row.kind,
      audience: row.audience,
      opensAt: row.opensAt.toISOString(),
      closesAt: row.closesAt.toISOString(),
      surveyVersion: row.surveyVersion,
      version: row.version,
      isFrozen: responses.length > 0 || row.supersededAt !== null,
      isPublished,
      isDraft: row.publishedAt === null,
      isOpen: isOpenAt(row, now),
      submittedCount: responses.filter((r) => r.status === 'submitted').length,
      eligibleCount: eligible.length,
      myStatus: key ? (mine?.status ?? 'not_started') : null,
      can: {
        edit: canManage,
        answer: key !== null,
        viewResults: canReadResults,
        share: canManage,
        // Who reads every answer has no use for the published extract.
        viewShared: isPublished && !canReadResults && policy.canReadShared(actor, row.prefectureId),
        remind: canManage,
        answerAsProxy: canManage && row.audience === 'municipalities',
      },
    };
  }

  /**
   * Who the opening notice reaches: the same recipients the announcement job looks up, so the
   * figure on the 公開する confirmation is the one that happens.
   */
  async function invitationOf(ex: Executor, row: SurveyRow): Promise<SurveyInvitation> {
    const eligible = await deps.eligibility.respondentsOf(ex, row);
    const perUser = row.audience === 'seminar_participants';
    if (!(announcedAudiences as readonly string[]).includes(row.audience)) {
      return { respondentCount: eligible.length, isMailed: false, withoutAccountCount: null };
    }
    const idOf = (e: (typeof eligible)[number]) => (perUser ? e.userId : e.municipalityId) ?? '';
    const recipients = await findReminderRecipients(ex, {
      prefectureId: row.prefectureId,
      ids: eligible.map(idOf),
      perUser,
    });
    const reached = new Set(recipients.map((r) => (perUser ? r.userId : r.municipalityId)));
    return {
      respondentCount: eligible.length,
      isMailed: true,
      withoutAccountCount: eligible.filter((e) => !reached.has(idOf(e))).length,
    };
  }

  async function detail(ex: Executor, row: SurveyRow, actor: Actor, now: Date): Promise<SurveyDetail> {
    const summary = await summarize(ex, row, actor, now);
    return {
      ...summary,
      sections: row.definition,
      invitation: summary.can.edit ? await invitationOf(ex, row) : null,
    };
  }

  return {
    /**
     * The surveys the actor is concerned with, narrowed by the query: a year, a kind, an
     * audience, the JST week they close in, only those still waiting for answers (the admin home's
     * grouped task links here). `openOnly`: those open now (the home page's tasks).
     */
    async list(
      ctx: RequestContext,
      query: SurveyListQuery = {},
      { openOnly = false }: { openOnly?: boolean } = {},
    ): Promise<SurveySummary[]> {
      const actor = requireActor(ctx);
      const rows = (await findCurrentSurveys(db, actor.prefectureId, query.fiscalYearId)).filter(
        (row) =>
          (!openOnly || isOpenAt(row, ctx.now)) &&
          (!query.kind || row.kind === query.kind) &&
          (!query.audience || row.audience === query.audience) &&
          (!query.closingWeek || jstWeekStartOf(row.closesAt) === query.closingWeek),
      );
      const responses = await findResponseStatesOfSurveys(
        db,
        rows.map((r) => r.id),
      );
      // Every survey to the municipalities (or to the companies) asks the same respondents: read once.
      const byAudience = new Map<string, Promise<EligibleRespondent[]>>();
      const respondentsOf = (row: SurveyRow) => {
        if (row.audience !== 'municipalities' && row.audience !== 'companies') {
          return deps.eligibility.respondentsOf(db, row);
        }
        const known = byAudience.get(row.audience);
        if (known) return known;
        const read = deps.eligibility.respondentsOf(db, row);
        byAudience.set(row.audience, read);
        return read;
      };
      const out: SurveySummary[] = [];
      for (const row of rows) {
        const summary = await summarize(db, row, actor, ctx.now, {
          responses: responses.get(row.id),
          respondentsOf,
        });
        if (query.pending === 'true' && !(summary.isOpen && summary.submittedCount < summary.eligibleCount))
          continue;
        // Respondents see what they answer, prefecture staff everything; council members and
        // companies find the views the prefecture published (their only way into survey results).
        const isShared = summary.isPublished && policy.canReadShared(actor, row.prefectureId);
        if (summary.isDraft && !policy.canReadResults(actor, row.prefectureId)) continue;
        if (summary.myStatus !== null || policy.canReadResults(actor, row.prefectureId) || isShared)
          out.push(summary);
      }
      return out;
    },

    async get(ctx: RequestContext, id: string): Promise<SurveyDetail> {
      const { actor, survey } = await loadVisible(db, deps.eligibility, ctx, id);
      return detail(db, survey, actor, ctx.now);
    },

    async create(ctx: RequestContext, input: SurveyCreate): Promise<SurveyDetail> {
      const actor = requireActor(ctx);
      // Surveys are created in the actor's own prefecture: only the role decides.
      assertAllowed(isPrefectureAdmin(actor));
      const fy = await findFiscalYear(db, actor.prefectureId, input.fiscalYearId);
      if (!fy) throw new AppError('NOT_FOUND');
      let sections: Section[] = input.sections ?? [];
      if (input.copyFromId) {
        const source = await findSurvey(db, actor.prefectureId, input.copyFromId);
        if (!source) throw new AppError('NOT_FOUND');
        sections = source.definition;
      }
      const row = await db.transaction(async (tx) => {
        const created = await insertSurvey(tx, {
          prefectureId: actor.prefectureId,
          fiscalYearId: fy.id,
          kind: input.kind,
          audience: input.audience,
          title: input.title.ja,
          titleEn: input.title.en,
          opensAt: new Date(input.opensAt),
          closesAt: new Date(input.closesAt),
          definition: sections,
          // A survey made in the builder is a draft: nobody sees it and nobody is told of it until
          // the prefecture has previewed it and pressed 公開する (publish, below), even when its
          // window has opened meanwhile.
          publishedAt: null,
          createdBy: actor.userId,
          updatedBy: actor.userId,
        });
        await recordAudit(tx, ctx, {
          action: 'survey.create',
          entityType: 'survey',
          entityId: created.id,
          after: created,
        });
        return created;
      });
      return detail(db, row, actor, ctx.now);
    },

    /**
     * Releases a draft to its respondents (調査の公開): from then on it opens with its window, and
     * if the window is open already its respondents are told now.
     */
    async publish(ctx: RequestContext, id: string, input: SurveyPublish): Promise<SurveyDetail> {
      const actor = requireActor(ctx);
      const current = await findSurvey(db, actor.prefectureId, id);
      if (!current) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canManage(actor, current.prefectureId));
      if (current.publishedAt !== null) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: ['version'],
              code: 'already_published',
              ja: 'この調査は既に公開されています。',
              en: 'This survey is already published.',
            },
          ],
        });
      }
      if (current.definition.every((section) => section.questions.length === 0)) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: ['sections'],
              code: 'no_questions',
              ja: '設問のない調査は公開できません。設問を追加してください。',
              en: 'A survey without questions cannot be published. Add questions first.',
            },
          ],
        });
      }
      const row = await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const updated = await updateSurveyVersioned(
              tx,
              id,
              input.version,
              { publishedAt: ctx.now },
              actor.userId,
              ctx.now,
            );
            await recordAudit(tx, ctx, {
              action: 'survey.publish',
              entityType: 'survey',
              entityId: id,
              before: current,
              after: updated,
            });
            if (updated.opensAt <= ctx.now) {
              await enqueueJob(tx, {
                kind: surveyOpenedNoticesJob,
                dedupeKey: `surveys.opened:${id}`,
                runAt: ctx.now,
              });
            }
            return updated;
          }),
        async () => {
          const fresh = await findSurvey(db, actor.prefectureId, id);
          return fresh ? detail(db, fresh, actor, ctx.now) : null;
        },
      );
      return detail(db, row, actor, ctx.now);
    },

    /**
     * Edits title, window or questions. Once anyone has answered, the questions are frozen: a
     * question change then makes a new version (new id, answers start afresh) and the old one is
     * superseded (kept with its answers).
     */
    async update(
      ctx: RequestContext,
      id: string,
      patch: SurveyPatch,
    ): Promise<{ survey: SurveyDetail; created: boolean }> {
      const actor = requireActor(ctx);
      const current = await findSurvey(db, actor.prefectureId, id);
      if (!current) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canManage(actor, current.prefectureId));
      if (current.supersededAt) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: ['sections'],
              code: 'superseded',
              ja: 'この調査には新しい版があります。新しい版を編集してください。',
              en: 'This survey has a newer version; edit that one.',
            },
          ],
        });
      }
      const opensAt = patch.opensAt ? new Date(patch.opensAt) : current.opensAt;
      const closesAt = patch.closesAt ? new Date(patch.closesAt) : current.closesAt;
      if (opensAt >= closesAt) {
        throw new AppError('VALIDATION_FAILED', {
          fields: [
            {
              path: ['closesAt'],
              code: 'custom',
              ja: '締切は開始より後にしてください。',
              en: 'The deadline must be after the opening.',
            },
          ],
        });
      }
      const newVersion = Boolean(patch.sections && (await hasAnyResponse(db, id)));
      const row = await withCurrentOnConflict(
        () =>
          db.transaction(async (tx) => {
            const base = {
              title: patch.title?.ja ?? current.title,
              titleEn: patch.title?.en ?? current.titleEn,
              opensAt,
              closesAt,
            };
            if (!newVersion) {
              const updated = await updateSurveyVersioned(
                tx,
                id,
                patch.version,
                { ...base, ...(patch.sections ? { definition: patch.sections } : {}) },
                actor.userId,
                ctx.now,
              );
              await recordAudit(tx, ctx, {
                action: 'survey.update',
                entityType: 'survey',
                entityId: id,
                before: current,
                after: updated,
              });
              return updated;
            }
            const old = await updateSurveyVersioned(
              tx,
              id,
              patch.version,
              { supersededAt: ctx.now },
              actor.userId,
              ctx.now,
            );
            const created = await insertSurvey(tx, {
              prefectureId: old.prefectureId,
              fiscalYearId: old.fiscalYearId,
              kind: old.kind,
              audience: old.audience,
              ...base,
              definition: patch.sections ?? old.definition,
              surveyVersion: old.surveyVersion + 1,
              previousId: old.id,
              share: old.share,
              createdBy: actor.userId,
              updatedBy: actor.userId,
            });
            await recordAudit(tx, ctx, {
              action: 'survey.new_version',
              entityType: 'survey',
              entityId: created.id,
              before: { id: old.id, surveyVersion: old.surveyVersion },
              after: created,
            });
            return created;
          }),
        async () => {
          const now = await findSurvey(db, actor.prefectureId, id);
          return now ? detail(db, now, actor, ctx.now) : null;
        },
      );
      return { survey: await detail(db, row, actor, ctx.now), created: newVersion };
    },
  };
}
