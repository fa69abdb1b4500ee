import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { type ChallengeArea, challengeAreaSchema, challengeAreas } from '../../../shared/challenge-areas';
import type {
  Answers,
  Maturity,
  OptionCount,
  QuestionResult,
  ResponseSave,
  Section,
  SurveyCreate,
  SurveyDetail,
  SurveyPatch,
  SurveyResponse,
  SurveyResults,
  SurveySummary,
} from '../../../shared/schemas/surveys';
import type { Executor } from '../../db/client';
import { fiscalYears, municipalities, surveyResponses, surveys, users } from '../../db/schema';
import { scoreMaturity } from '../../domain/maturity';
import type { MunicipalityNeedsProfile } from '../../domain/needs-profile';
import { recordAudit } from '../../platform/audit';
import type { Actor, RequestContext } from '../../platform/context';
import type { ServiceDeps } from '../../platform/deps';
import { AppError, assertAllowed } from '../../platform/errors';
import { updateVersioned, withCurrentOnConflict } from '../../platform/locking';
import { allQuestions, checkAnswers } from './answers';
import { eligibleRespondents, respondentKeyOf } from './eligibility';
import { surveysPolicy as policy } from './surveys.policy';

export type SurveyRow = typeof surveys.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;

export const HELP_WANTED_KEY = 'help_wanted_areas';

function sectionsOf(row: SurveyRow): Section[] {
  return row.definition as Section[];
}

function isOpenAt(row: SurveyRow, now: Date): boolean {
  return row.supersededAt === null && row.opensAt <= now && now < row.closesAt;
}

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED');
  return ctx.actor;
}

async function findSurvey(executor: Executor, prefectureId: string, id: string): Promise<SurveyRow | null> {
  const rows = await executor
    .select()
    .from(surveys)
    .where(and(eq(surveys.prefectureId, prefectureId), eq(surveys.id, id)));
  return rows[0] ?? null;
}

async function findResponse(executor: Executor, surveyId: string, respondentKey: string) {
  const rows = await executor
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.respondentKey, respondentKey)));
  return rows[0] ?? null;
}

/** The respondent key under which the actor answers this survey, or null if they are not asked. */
function respondentKeyFor(actor: Actor, survey: SurveyRow): string | null {
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

function isSubmittedCount(rows: { status: string }[]): number {
  return rows.filter((r) => r.status === 'submitted').length;
}

export function createSurveysService(deps: ServiceDeps) {
  const { db } = deps;

  async function respondentKeyOrNull(
    executor: Executor,
    actor: Actor,
    survey: SurveyRow,
  ): Promise<string | null> {
    const direct = respondentKeyFor(actor, survey);
    if (direct) return direct;
    if (survey.audience === 'seminar_participants') {
      const eligible = await eligibleRespondents(executor, {
        id: survey.id,
        prefectureId: survey.prefectureId,
        audience: 'seminar_participants',
      });
      const key = respondentKeyOf.user(actor.userId);
      return eligible.some((e) => e.respondentKey === key) ? key : null;
    }
    return null;
  }

  /** A survey the actor may see at all; 404 for another tenant's or for people not concerned. */
  async function loadVisible(executor: Executor, ctx: RequestContext, id: string) {
    const actor = requireActor(ctx);
    const survey = await findSurvey(executor, actor.prefectureId, id);
    if (!survey) throw new AppError('NOT_FOUND');
    const key = await respondentKeyOrNull(executor, actor, survey);
    if (!key && !policy.canReadResults(actor, survey.prefectureId)) throw new AppError('NOT_FOUND');
    return { actor, survey, respondentKey: key };
  }

  async function summarize(
    executor: Executor,
    row: SurveyRow,
    actor: Actor,
    now: Date,
  ): Promise<SurveySummary> {
    const responses = await executor
      .select({ status: surveyResponses.status, respondentKey: surveyResponses.respondentKey })
      .from(surveyResponses)
      .where(eq(surveyResponses.surveyId, row.id));
    const eligible = await eligibleRespondents(executor, {
      id: row.id,
      prefectureId: row.prefectureId,
      audience: row.audience as SurveySummary['audience'],
    });
    const key = await respondentKeyOrNull(executor, actor, row);
    const mine = key ? responses.find((r) => r.respondentKey === key) : undefined;
    const share = row.share as { isPublished?: boolean };
    return {
      id: row.id,
      fiscalYearId: row.fiscalYearId,
      title: { ja: row.title, en: row.titleEn },
      kind: row.kind as SurveySummary['kind'],
      audience: row.audience as SurveySummary['audience'],
      opensAt: row.opensAt.toISOString(),
      closesAt: row.closesAt.toISOString(),
      surveyVersion: row.surveyVersion,
      version: row.version,
      isFrozen: responses.length > 0 || row.supersededAt !== null,
      isPublished: share.isPublished === true,
      isOpen: isOpenAt(row, now),
      submittedCount: isSubmittedCount(responses),
      eligibleCount: eligible.length,
      myStatus: key ? ((mine?.status as 'draft' | 'submitted' | undefined) ?? 'not_started') : null,
    };
  }

  async function detail(executor: Executor, row: SurveyRow, actor: Actor, now: Date): Promise<SurveyDetail> {
    return { ...(await summarize(executor, row, actor, now)), sections: sectionsOf(row) };
  }

  async function toResponse(executor: Executor, row: ResponseRow | null, municipalityId: string | null) {
    let proxiedByName: string | null = null;
    if (row?.proxiedBy) {
      const [u] = await executor
        .select({ name: users.displayName })
        .from(users)
        .where(eq(users.id, row.proxiedBy));
      proxiedByName = u?.name ?? null;
    }
    let municipalityName: string | null = null;
    const mId = row?.municipalityId ?? municipalityId;
    if (mId) {
      const [m] = await executor
        .select({ name: municipalities.name })
        .from(municipalities)
        .where(eq(municipalities.id, mId));
      municipalityName = m?.name ?? null;
    }
    const response: SurveyResponse = {
      id: row?.id ?? null,
      status: (row?.status as SurveyResponse['status'] | undefined) ?? 'not_started',
      answers: (row?.answers as Answers | undefined) ?? {},
      version: row?.version ?? null,
      submittedAt: row?.submittedAt?.toISOString() ?? null,
      proxiedByName,
      isProxyDraft: row !== null && row.status === 'draft' && row.proxiedBy !== null,
      municipalityId: mId ?? null,
      municipalityName,
    };
    return response;
  }

  /**
   * Saves (draft) or submits the response of `respondentKey`. Checks the window, the answers
   * (all of them when submitting) and the version; audits in the same transaction.
   */
  async function writeResponse(
    ctx: RequestContext,
    survey: SurveyRow,
    respondentKey: string,
    target: { municipalityId: string | null; organizationId: string | null; userId: string | null },
    body: ResponseSave,
    mode: 'draft' | 'submit' | 'proxy',
  ): Promise<SurveyResponse> {
    const actor = requireActor(ctx);
    if (!isOpenAt(survey, ctx.now)) throw new AppError('SURVEY_CLOSED');
    const { kept, problems } = checkAnswers(sectionsOf(survey), body.answers, mode === 'submit');
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
    const status = mode === 'submit' ? 'submitted' : 'draft';
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
      status,
      submittedAt: mode === 'submit' ? ctx.now : (existing?.submittedAt ?? null),
      submittedBy: mode === 'submit' ? actor.userId : (existing?.submittedBy ?? null),
      proxiedBy: mode === 'proxy' ? actor.userId : (existing?.proxiedBy ?? null),
    };
    const action =
      mode === 'submit'
        ? 'survey_response.submit'
        : mode === 'proxy'
          ? 'survey_response.proxy_save'
          : 'survey_response.save';
    const row = await withCurrentOnConflict(
      () =>
        db.transaction(async (tx) => {
          let saved: ResponseRow;
          if (!existing) {
            const [inserted] = await tx
              .insert(surveyResponses)
              .values({
                prefectureId: survey.prefectureId,
                surveyId: survey.id,
                respondentKey,
                ...target,
                ...values,
                createdBy: actor.userId,
                updatedBy: actor.userId,
              })
              .onConflictDoNothing()
              .returning();
            if (!inserted) throw new AppError('VERSION_CONFLICT');
            saved = inserted;
          } else {
            saved = await updateVersioned(
              tx,
              surveyResponses,
              existing.id,
              body.version!,
              values,
              actor.userId,
            );
          }
          await recordAudit(tx, ctx, {
            action,
            entityType: 'survey_response',
            entityId: saved.id,
            before: existing ? { status: existing.status, answers: existing.answers } : null,
            after: { status: saved.status, answers: saved.answers },
            onBehalfOf: mode === 'proxy' ? target.municipalityId : null,
          });
          return saved;
        }),
      async () => {
        const current = await findResponse(db, survey.id, respondentKey);
        return current ? toResponse(db, current, target.municipalityId) : null;
      },
    );
    return toResponse(db, row, target.municipalityId);
  }

  function targetOf(respondentKey: string, actor: Actor) {
    const [kind, id] = respondentKey.split(':') as [string, string];
    return {
      municipalityId: kind === 'municipality' ? id : null,
      organizationId: kind === 'organization' ? id : kind === 'municipality' ? null : null,
      userId: kind === 'user' ? actor.userId : null,
    };
  }

  async function ownSurvey(ctx: RequestContext, id: string) {
    const loaded = await loadVisible(db, ctx, id);
    if (!loaded.respondentKey) throw new AppError('FORBIDDEN');
    return loaded as typeof loaded & { respondentKey: string };
  }

  async function proxyTarget(ctx: RequestContext, id: string, municipalityId: string) {
    const actor = requireActor(ctx);
    const survey = await findSurvey(db, actor.prefectureId, id);
    if (!survey) throw new AppError('NOT_FOUND');
    assertAllowed(policy.canManage(actor, survey.prefectureId));
    if (survey.audience !== 'municipalities') throw new AppError('NOT_FOUND');
    const [m] = await db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(and(eq(municipalities.id, municipalityId), eq(municipalities.prefectureId, actor.prefectureId)));
    if (!m) throw new AppError('NOT_FOUND');
    return { survey, respondentKey: respondentKeyOf.municipality(m.id), municipalityId: m.id };
  }

  /** Submitted responses of every needs survey of the year, latest per municipality. */
  async function submittedNeeds(
    executor: Executor,
    prefectureId: string,
    fiscalYearId: string,
    municipalityId?: string,
  ) {
    const rows = await executor
      .select({ response: surveyResponses, survey: surveys })
      .from(surveyResponses)
      .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
      .where(
        and(
          eq(surveys.prefectureId, prefectureId),
          eq(surveys.fiscalYearId, fiscalYearId),
          eq(surveys.kind, 'needs'),
          eq(surveys.audience, 'municipalities'),
          eq(surveyResponses.status, 'submitted'),
          municipalityId ? eq(surveyResponses.municipalityId, municipalityId) : undefined,
        ),
      )
      .orderBy(asc(surveyResponses.submittedAt));
    const latest = new Map<string, (typeof rows)[number]>();
    for (const row of rows) if (row.response.municipalityId) latest.set(row.response.municipalityId, row);
    return [...latest.values()];
  }

  function profileOf(
    survey: SurveyRow,
    response: ResponseRow,
    fiscalYearId: string,
  ): MunicipalityNeedsProfile {
    const sections = sectionsOf(survey);
    const answers = response.answers as Answers;
    const maturity = scoreMaturity(sections, answers);
    const help = answers[HELP_WANTED_KEY];
    const helpWantedAreas = (Array.isArray(help) ? help : []).flatMap((v) => {
      const parsed = challengeAreaSchema.safeParse(v);
      return parsed.success ? [parsed.data] : [];
    });
    const voices = allQuestions(sections)
      .filter((q) => q.type === 'long_text')
      .map((q) => answers[q.key])
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    return {
      municipalityId: response.municipalityId!,
      fiscalYearId,
      helpWantedAreas,
      maturityByArea: maturity.byArea,
      overallLevel: maturity.overall,
      voices,
    };
  }

  function countOptions(
    options: { value: string; label: { ja: string; en: string } }[],
    values: string[],
  ): OptionCount[] {
    return options.map((o) => ({
      value: o.value,
      label: o.label,
      count: values.filter((v) => v === o.value).length,
    }));
  }

  function questionResults(sections: Section[], answerSets: Answers[]): QuestionResult[] {
    return allQuestions(sections).map((q) => {
      const values = answerSets.map((a) => a[q.key]).filter((v) => v !== undefined);
      let counts: OptionCount[] = [];
      let stats: QuestionResult['stats'] = null;
      if (q.type === 'single_choice' || q.type === 'scale') {
        counts = countOptions(
          q.options,
          values.filter((v): v is string => typeof v === 'string'),
        );
      } else if (q.type === 'multiple_choice') {
        counts = countOptions(
          q.options,
          values.flatMap((v) => (Array.isArray(v) ? v : [])),
        );
      } else if (q.type === 'matrix') {
        counts = q.rows.flatMap((row) =>
          q.options.map((o) => ({
            value: `${row.value}:${o.value}`,
            label: { ja: `${row.label.ja}：${o.label.ja}`, en: `${row.label.en}: ${o.label.en}` },
            count: values.filter(
              (v) => typeof v === 'object' && !Array.isArray(v) && v[row.value] === o.value,
            ).length,
          })),
        );
      } else if (q.type === 'number') {
        const nums = values.map((v) => Number(v)).filter((n) => Number.isFinite(n));
        stats = {
          mean: nums.length ? Math.round((nums.reduce((a, b) => a + b, 0) / nums.length) * 10) / 10 : null,
          min: nums.length ? Math.min(...nums) : null,
          max: nums.length ? Math.max(...nums) : null,
        };
      }
      return { key: q.key, label: q.label, type: q.type, respondentCount: values.length, counts, stats };
    });
  }

  return {
    async list(ctx: RequestContext, fiscalYearId?: string): Promise<SurveySummary[]> {
      const actor = requireActor(ctx);
      const conditions = [eq(surveys.prefectureId, actor.prefectureId), isNull(surveys.supersededAt)];
      if (fiscalYearId) conditions.push(eq(surveys.fiscalYearId, fiscalYearId));
      const rows = await db
        .select()
        .from(surveys)
        .where(and(...conditions))
        .orderBy(desc(surveys.opensAt));
      const out: SurveySummary[] = [];
      for (const row of rows) {
        const summary = await summarize(db, row, actor, ctx.now);
        if (summary.myStatus !== null || policy.canReadResults(actor, row.prefectureId)) out.push(summary);
      }
      return out;
    },

    async get(ctx: RequestContext, id: string): Promise<SurveyDetail> {
      const { actor, survey } = await loadVisible(db, ctx, id);
      return detail(db, survey, actor, ctx.now);
    },

    async create(ctx: RequestContext, input: SurveyCreate): Promise<SurveyDetail> {
      const actor = requireActor(ctx);
      assertAllowed(policy.canManage(actor, actor.prefectureId));
      const [fy] = await db
        .select({ id: fiscalYears.id })
        .from(fiscalYears)
        .where(and(eq(fiscalYears.id, input.fiscalYearId), eq(fiscalYears.prefectureId, actor.prefectureId)));
      if (!fy) throw new AppError('NOT_FOUND');
      let sections: Section[] = input.sections ?? [];
      if (input.copyFromId) {
        const source = await findSurvey(db, actor.prefectureId, input.copyFromId);
        if (!source) throw new AppError('NOT_FOUND');
        sections = sectionsOf(source);
      }
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(surveys)
          .values({
            prefectureId: actor.prefectureId,
            fiscalYearId: fy.id,
            kind: input.kind,
            audience: input.audience,
            title: input.title.ja,
            titleEn: input.title.en,
            opensAt: new Date(input.opensAt),
            closesAt: new Date(input.closesAt),
            definition: sections,
            createdBy: actor.userId,
            updatedBy: actor.userId,
          })
          .returning();
        await recordAudit(tx, ctx, {
          action: 'survey.create',
          entityType: 'survey',
          entityId: created!.id,
          after: created,
        });
        return created!;
      });
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
      const [answered] = await db
        .select({ id: surveyResponses.id })
        .from(surveyResponses)
        .where(eq(surveyResponses.surveyId, id))
        .limit(1);
      const newVersion = Boolean(patch.sections && answered);
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
              const updated = await updateVersioned(
                tx,
                surveys,
                id,
                patch.version,
                { ...base, ...(patch.sections ? { definition: patch.sections } : {}) },
                actor.userId,
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
            const old = await updateVersioned(
              tx,
              surveys,
              id,
              patch.version,
              { supersededAt: ctx.now },
              actor.userId,
            );
            const [created] = await tx
              .insert(surveys)
              .values({
                prefectureId: old.prefectureId,
                fiscalYearId: old.fiscalYearId,
                kind: old.kind,
                audience: old.audience,
                ...base,
                definition: patch.sections,
                surveyVersion: old.surveyVersion + 1,
                previousId: old.id,
                share: old.share,
                createdBy: actor.userId,
                updatedBy: actor.userId,
              })
              .returning();
            await recordAudit(tx, ctx, {
              action: 'survey.new_version',
              entityType: 'survey',
              entityId: created!.id,
              before: { id: old.id, surveyVersion: old.surveyVersion },
              after: created,
            });
            return created!;
          }),
        async () => {
          const now = await findSurvey(db, actor.prefectureId, id);
          return now ? detail(db, now, actor, ctx.now) : null;
        },
      );
      return { survey: await detail(db, row, actor, ctx.now), created: newVersion };
    },

    async getResponse(ctx: RequestContext, id: string): Promise<SurveyResponse> {
      const { actor, survey, respondentKey } = await ownSurvey(ctx, id);
      const row = await findResponse(db, survey.id, respondentKey);
      return toResponse(db, row, targetOf(respondentKey, actor).municipalityId);
    },

    async saveDraft(ctx: RequestContext, id: string, body: ResponseSave): Promise<SurveyResponse> {
      const { actor, survey, respondentKey } = await ownSurvey(ctx, id);
      const existing = await findResponse(db, survey.id, respondentKey);
      if (existing?.status === 'submitted') {
        // Editing after submission (until the deadline) keeps it submitted only through submit.
        return writeResponse(ctx, survey, respondentKey, targetOf(respondentKey, actor), body, 'submit');
      }
      return writeResponse(ctx, survey, respondentKey, targetOf(respondentKey, actor), body, 'draft');
    },

    async submit(ctx: RequestContext, id: string, body: ResponseSave): Promise<SurveyResponse> {
      const { actor, survey, respondentKey } = await ownSurvey(ctx, id);
      return writeResponse(ctx, survey, respondentKey, targetOf(respondentKey, actor), body, 'submit');
    },

    /** Last year's answers for questions with the same key (same kind and audience), for the form to offer. */
    async prefill(
      ctx: RequestContext,
      id: string,
    ): Promise<{ fromSurveyId: string | null; answers: Answers }> {
      const { survey, respondentKey } = await ownSurvey(ctx, id);
      const [fy] = await db.select().from(fiscalYears).where(eq(fiscalYears.id, survey.fiscalYearId));
      const rows = await db
        .select({ response: surveyResponses, survey: surveys })
        .from(surveyResponses)
        .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
        .innerJoin(fiscalYears, eq(fiscalYears.id, surveys.fiscalYearId))
        .where(
          and(
            eq(surveys.prefectureId, survey.prefectureId),
            eq(surveys.kind, survey.kind),
            eq(surveys.audience, survey.audience),
            eq(surveyResponses.respondentKey, respondentKey),
            eq(surveyResponses.status, 'submitted'),
            eq(fiscalYears.year, (fy?.year ?? 0) - 1),
          ),
        )
        .orderBy(desc(surveyResponses.submittedAt))
        .limit(1);
      const previous = rows[0];
      if (!previous) return { fromSurveyId: null, answers: {} };
      const keys = new Set(allQuestions(sectionsOf(survey)).map((q) => q.key));
      const answers: Answers = {};
      for (const [k, v] of Object.entries(previous.response.answers as Answers))
        if (keys.has(k)) answers[k] = v;
      // Only values the current questions accept.
      const { problems } = checkAnswers(sectionsOf(survey), answers, false);
      for (const p of problems) delete answers[String(p.path[1])];
      return { fromSurveyId: previous.survey.id, answers };
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

    async results(ctx: RequestContext, id: string): Promise<SurveyResults> {
      const actor = requireActor(ctx);
      const survey = await findSurvey(db, actor.prefectureId, id);
      if (!survey) throw new AppError('NOT_FOUND');
      assertAllowed(policy.canReadResults(actor, survey.prefectureId));
      const sections = sectionsOf(survey);
      const responses = await db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id));
      const submitted = responses.filter((r) => r.status === 'submitted');
      const eligible = await eligibleRespondents(db, {
        id,
        prefectureId: survey.prefectureId,
        audience: survey.audience as SurveySummary['audience'],
      });
      const byKey = new Map(responses.map((r) => [r.respondentKey, r]));
      const names = new Map(
        eligible.map((e) => [e.municipalityId ?? e.organizationId ?? e.userId ?? '', e.name]),
      );
      const nonResponders = eligible
        .filter((e) => byKey.get(e.respondentKey)?.status !== 'submitted')
        .map((e) => ({
          municipalityId: e.municipalityId ?? e.organizationId ?? e.userId ?? '',
          name: e.name,
          status: (byKey.get(e.respondentKey)?.status as 'draft' | undefined) ?? ('not_started' as const),
        }));
      const heatmap = submitted
        .filter((r) => r.municipalityId)
        .map((r) => {
          const p = profileOf(survey, r, survey.fiscalYearId);
          return {
            municipalityId: p.municipalityId,
            municipalityName: names.get(p.municipalityId) ?? '',
            overallLevel: p.overallLevel,
            levels: p.maturityByArea as Record<string, number>,
            helpWanted: p.helpWantedAreas as ChallengeArea[],
          };
        })
        .sort((a, b) => a.municipalityName.localeCompare(b.municipalityName, 'ja'));
      const questions = questionResults(
        sections,
        submitted.map((r) => r.answers as Answers),
      );

      // Year over year: the same kind and audience in the previous fiscal year, same question keys.
      const [fy] = await db.select().from(fiscalYears).where(eq(fiscalYears.id, survey.fiscalYearId));
      const [prevFy] = await db
        .select()
        .from(fiscalYears)
        .where(
          and(eq(fiscalYears.prefectureId, survey.prefectureId), eq(fiscalYears.year, (fy?.year ?? 0) - 1)),
        );
      let yearOverYear: SurveyResults['yearOverYear'] = [];
      if (prevFy) {
        const previousSurveys = await db
          .select()
          .from(surveys)
          .where(
            and(
              eq(surveys.fiscalYearId, prevFy.id),
              eq(surveys.kind, survey.kind),
              eq(surveys.audience, survey.audience),
              isNull(surveys.supersededAt),
            ),
          )
          .limit(1);
        const prev = previousSurveys[0];
        if (prev) {
          const prevAnswers = (
            await db
              .select({ answers: surveyResponses.answers })
              .from(surveyResponses)
              .where(and(eq(surveyResponses.surveyId, prev.id), eq(surveyResponses.status, 'submitted')))
          ).map((r) => r.answers as Answers);
          const prevResults = new Map(questionResults(sectionsOf(prev), prevAnswers).map((q) => [q.key, q]));
          yearOverYear = questions
            .filter((q) => q.counts.length > 0 && prevResults.has(q.key))
            .map((q) => ({
              key: q.key,
              label: q.label,
              previousSurveyId: prev.id,
              previous: prevResults.get(q.key)!.counts,
              current: q.counts,
            }));
        }
      }
      return {
        surveyId: id,
        submittedCount: submitted.length,
        eligibleCount: eligible.length,
        nonResponders,
        questions,
        heatmap,
        yearOverYear,
      };
    },

    /**
     * A town's maturity level (overall and per marked challenge area) from its submitted response
     * to this survey. Admins and reviewers may ask for any town of the prefecture; municipal users
     * only for their own (another town → 404, so ids reveal nothing); everyone else → 403.
     */
    async maturity(ctx: RequestContext, id: string, municipalityId: string): Promise<Maturity> {
      const actor = requireActor(ctx);
      const survey = await findSurvey(db, actor.prefectureId, id);
      if (survey?.audience !== 'municipalities') throw new AppError('NOT_FOUND');
      if (policy.canAnswerForMunicipality(actor) && actor.municipalityId !== municipalityId) {
        throw new AppError('NOT_FOUND');
      }
      assertAllowed(policy.canReadMaturity(actor, survey.prefectureId, municipalityId));
      const [m] = await db
        .select({ id: municipalities.id, name: municipalities.name })
        .from(municipalities)
        .where(
          and(eq(municipalities.id, municipalityId), eq(municipalities.prefectureId, actor.prefectureId)),
        );
      if (!m) throw new AppError('NOT_FOUND');
      const response = await findResponse(db, id, respondentKeyOf.municipality(m.id));
      const sections = sectionsOf(survey);
      const submitted = response?.status === 'submitted' ? response : null;
      const result = scoreMaturity(sections, submitted ? (submitted.answers as Answers) : {});
      const profile = submitted ? profileOf(survey, submitted, survey.fiscalYearId) : null;
      return {
        surveyId: id,
        municipalityId: m.id,
        municipalityName: m.name,
        submittedAt: submitted?.submittedAt ? submitted.submittedAt.toISOString() : null,
        overallLevel: submitted ? result.overall : null,
        areas: challengeAreas
          .filter((area) => result.markedAreas.includes(area))
          .map((area) => ({
            area,
            level: submitted ? (result.byArea[area] ?? null) : null,
            answerCount: result.items.filter((i) => i.area === area).length,
          })),
        helpWantedAreas: profile?.helpWantedAreas ?? [],
      };
    },

    /**
     * Needs profiles of every municipality that submitted a needs survey in the fiscal year:
     * what the support-menu recommendations rank against. Accepts a request context (checked:
     * signed in, same prefecture) or a prefecture id for server-side callers.
     */
    async needsProfiles(
      ctxOrPrefectureId: RequestContext | string,
      fiscalYearId: string,
    ): Promise<MunicipalityNeedsProfile[]> {
      const prefectureId =
        typeof ctxOrPrefectureId === 'string'
          ? ctxOrPrefectureId
          : requireActor(ctxOrPrefectureId).prefectureId;
      const rows = await submittedNeeds(db, prefectureId, fiscalYearId);
      return rows.map(({ survey, response }) => profileOf(survey, response, fiscalYearId));
    },

    /** One municipality's profile (null before it has submitted): what recommendations need per call. */
    async needsProfileOf(
      prefectureId: string,
      municipalityId: string,
      fiscalYearId: string,
    ): Promise<MunicipalityNeedsProfile | null> {
      const [row] = await submittedNeeds(db, prefectureId, fiscalYearId, municipalityId);
      return row ? profileOf(row.survey, row.response, fiscalYearId) : null;
    },

    /** Rows for results/exports (used by the export and share functions). */
    async submittedResponses(surveyId: string) {
      return db
        .select({ response: surveyResponses, municipality: municipalities })
        .from(surveyResponses)
        .leftJoin(municipalities, eq(municipalities.id, surveyResponses.municipalityId))
        .where(and(eq(surveyResponses.surveyId, surveyId), inArray(surveyResponses.status, ['submitted'])));
    },
  };
}

export type SurveysService = ReturnType<typeof createSurveysService>;
