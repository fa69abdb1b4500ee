import { z } from 'zod';
import { isRealInstant } from '../instant';
import { challengeAreaSchema } from '../challenge-areas';

/**
 * Needs survey (ニーズ調査) API contract.
 *
 * Routes (all under /api, all scoped to the actor's prefecture; another tenant's id → 404):
 *   GET    /surveys?fiscalYearId=        signed-in      surveys the actor may see (admin/reviewer: all;
 *                                                       respondents: those of their audience) with myStatus
 *   POST   /surveys                      admin          create a survey (optionally copying another: copyFromId)
 *   GET    /surveys/:id                  signed-in*     definition (sections/questions); *respondents of its audience
 *                                                       and prefecture staff only
 *   PATCH  /surveys/:id                  admin          title/window/definition (version); when anyone has answered,
 *                                                       a definition change creates a new survey version (201 body
 *                                                       has the new id) and freezes the old one
 *   GET    /surveys/:id/response         respondent     own response (not_started when none), resumable draft
 *   PUT    /surveys/:id/response         respondent     autosave draft {answers, version|null}; 409 with current
 *   POST   /surveys/:id/response/submit  respondent     submit {answers, version}; required + show-if validated (422),
 *                                                       closed window → 422 SURVEY_CLOSED; hidden answers dropped
 *   GET    /surveys/:id/response/prefill respondent     last year's answers for the same question keys
 *   GET    /surveys/:id/proxy/:municipalityId     admin  a town's response (proxy view)
 *   PUT    /surveys/:id/proxy/:municipalityId     admin  fill a draft for a town (audited, marked as proxied); the town
 *                                                       then submits it itself ("confirms")
 *   GET    /surveys/:id/results          admin, reviewer  counts per question, response rate, non-responders,
 *                                                       heatmap (maturity by area), year-over-year by key
 *   GET    /surveys/:id/results/crosstab?questionKey=&by=area|region|kind|population_band   admin, reviewer
 *   GET    /surveys/:id/results/voices   admin, reviewer  free-text answers grouped into topics
 *   GET    /surveys/:id/export.xlsx      admin, reviewer  every table + raw answers, one sheet each, Japanese headers
 *   GET    /surveys/:id/export.csv       admin, reviewer  raw answers, UTF-8 with BOM
 *   POST   /surveys/:id/reminders        admin          mail non-responders' users via the outbox (each user at
 *                                                       most once per 12 hours: a second click mails nobody twice)
 *   GET    /surveys/:id/share            admin          the saved share config (with the survey's version, for PUT)
 *   POST   /surveys/:id/publish         admin          release a draft to its respondents {version} (調査の公開)
 *   PUT    /surveys/:id/share            admin          publish a view to council members (share config, version)
 *   GET    /surveys/:id/shared           council_secretariat, company_member, reviewer, admin  the published view
 *                                                       only (404 when not published)
 *   GET    /surveys/:id/maturity/:municipalityId  admin, reviewer: any town; municipal users: their own
 *                                                       town only (another → 404). Maturity level overall
 *                                                       and per challenge area from the town's submitted response
 */

export const localizedTextSchema = z.object({ ja: z.string().min(1).max(500), en: z.string().max(500) });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const surveyKinds = ['needs', 'post_support', 'follow_up', 'seminar_feedback'] as const;
export const surveyKindSchema = z.enum(surveyKinds);
export type SurveyKind = z.infer<typeof surveyKindSchema>;

/**
 * `project_municipalities`: the municipality of the support project a post-support or follow-up
 * survey was made for (the projects feature makes one per project and says whose it is).
 */
export const surveyAudiences = [
  'municipalities',
  'companies',
  'seminar_participants',
  'project_municipalities',
] as const;
export const surveyAudienceSchema = z.enum(surveyAudiences);
export type SurveyAudience = z.infer<typeof surveyAudienceSchema>;

export const questionTypes = [
  'single_choice',
  'multiple_choice',
  'scale',
  'number',
  'short_text',
  'long_text',
  'matrix',
] as const;
export const questionTypeSchema = z.enum(questionTypes);
export type QuestionType = z.infer<typeof questionTypeSchema>;

const keyPattern = /^[a-z][a-z0-9_]{0,63}$/;
const keySchema = z.string().refine((v) => keyPattern.test(v), {
  params: {
    ja: 'キーは半角英小文字で始まる英数字とアンダースコア（64文字以内）にしてください。',
    en: 'A key is lowercase letters, digits and underscores, starting with a letter (max 64).',
  },
});

/** An option (or a matrix row). `value` is stable across years. */
export const answerOptionSchema = z.object({
  value: z.string().min(1).max(64),
  label: localizedTextSchema,
  /** Maturity score 1–5 this option stands for (single choice marked for maturity). */
  score: z.number().int().min(1).max(5).nullish(),
  /** Matrix rows: the challenge area whose maturity this row measures. */
  maturityArea: challengeAreaSchema.nullish(),
});
export type AnswerOption = z.infer<typeof answerOptionSchema>;

export const showIfSchema = z.object({
  /** Key of an earlier question. */
  questionKey: z.string().min(1),
  /** Shown when that answer equals (single/scale) or includes (multiple) one of these values. */
  anyOf: z.array(z.string().min(1)).min(1),
});
export type ShowIf = z.infer<typeof showIfSchema>;

export const questionSchema = z.object({
  /** Stable across years: prefill, year-over-year and needs profiles go by it. */
  key: keySchema,
  type: questionTypeSchema,
  label: localizedTextSchema,
  help: localizedTextSchema.nullish(),
  required: z.boolean(),
  /** Choices; for scale and matrix the scale points '1'..'5'. */
  options: z.array(answerOptionSchema).max(50).default([]),
  /** Matrix rows. */
  rows: z.array(answerOptionSchema).max(50).default([]),
  showIf: showIfSchema.nullish(),
  /** Number questions: bounds. */
  min: z.number().nullish(),
  max: z.number().nullish(),
  /** Scale / single choice: the challenge area whose maturity this question measures. */
  maturityArea: challengeAreaSchema.nullish(),
});
export type Question = z.infer<typeof questionSchema>;

export const sectionSchema = z.object({
  key: keySchema,
  title: localizedTextSchema,
  description: localizedTextSchema.nullish(),
  questions: z.array(questionSchema).max(100),
});
export type Section = z.infer<typeof sectionSchema>;

/** Definition checks: unique keys, show-if pointing at an earlier choice question, choices present. */
export const surveyDefinitionSchema = z
  .array(sectionSchema)
  .max(30)
  .superRefine((sections, ctx) => {
    const seen = new Map<string, Question>();
    sections.forEach((section, si) => {
      section.questions.forEach((q, qi) => {
        const path = [si, 'questions', qi];
        if (seen.has(q.key)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'key'],
            message: 'duplicate key',
            params: { ja: `キー「${q.key}」が重複しています。`, en: `Key "${q.key}" is used twice.` },
          });
        }
        if (
          (q.type === 'single_choice' || q.type === 'multiple_choice' || q.type === 'matrix') &&
          q.options.length === 0
        ) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'options'],
            message: 'options required',
            params: { ja: '選択肢を1つ以上設定してください。', en: 'Add at least one option.' },
          });
        }
        if (q.type === 'matrix' && q.rows.length === 0) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'rows'],
            message: 'rows required',
            params: { ja: '行を1つ以上設定してください。', en: 'Add at least one row.' },
          });
        }
        if (q.showIf && !seen.has(q.showIf.questionKey)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'showIf', 'questionKey'],
            message: 'show-if must refer to an earlier question',
            params: {
              ja: '表示条件には、この設問より前の設問を指定してください。',
              en: 'A show-if condition must refer to an earlier question.',
            },
          });
        }
        seen.set(q.key, q);
      });
    });
  });
export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;

/** One answer: a string (single, scale '1'..'5', text, number as typed), a list (multiple), or matrix row → value. */
export const answerValueSchema = z.union([
  z.string().max(10_000),
  z.array(z.string().max(64)).max(50),
  z.record(z.string().max(64), z.string().max(64)),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;
export const answersSchema = z.record(z.string().max(64), answerValueSchema);
export type Answers = z.infer<typeof answersSchema>;

export const responseStatuses = ['not_started', 'draft', 'submitted'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];

// A real instant with an offset: no 2024-02-30, no year 0000 (see shared/instant.ts).
const isoDateTime = z
  .string()
  .max(40)
  .refine(isRealInstant, {
    params: {
      ja: '実在する日時を入力してください（2000〜2099年）。',
      en: 'Enter a date and time that exists (years 2000–2099).',
    },
  });

/**
 * The caller's abilities on one survey, computed by the server from its policy so the UI never
 * derives permissions from roles.
 */
export const surveyAbilitiesSchema = z.object({
  /** Build and change the survey (the prefecture's administrators). */
  edit: z.boolean(),
  /** Fill in the caller's own response: they are one of its respondents (whether it is open is isOpen). */
  answer: z.boolean(),
  /** Read every answer, export them and follow the response rate (prefecture staff). */
  viewResults: z.boolean(),
  /** Choose what the shared view shows and publish it (the prefecture's administrators). */
  share: z.boolean(),
  /** Read the published shared view: the caller's only way into the results (council, companies). */
  viewShared: z.boolean(),
  /** Remind the respondents who have not submitted (the prefecture's administrators). */
  remind: z.boolean(),
  /** Answer on a town's behalf (the prefecture's administrators, surveys of municipalities only). */
  answerAsProxy: z.boolean(),
});
export type SurveyAbilities = z.infer<typeof surveyAbilitiesSchema>;

export const surveySummarySchema = z.object({
  id: z.string(),
  fiscalYearId: z.string(),
  title: localizedTextSchema,
  kind: surveyKindSchema,
  audience: surveyAudienceSchema,
  opensAt: z.string(),
  closesAt: z.string(),
  /** Version of the question set (1, 2, … when a frozen survey was changed). */
  surveyVersion: z.number().int(),
  /** Row version for optimistic locking of edits. */
  version: z.number().int().min(0).max(2_147_483_647),
  isFrozen: z.boolean(),
  /** Results shared with the council and companies (share settings). */
  isPublished: z.boolean(),
  /** Not yet published to its respondents (調査の公開): never open while a draft. */
  isDraft: z.boolean(),
  isOpen: z.boolean(),
  submittedCount: z.number().int(),
  eligibleCount: z.number().int(),
  myStatus: z.enum(responseStatuses).nullable(),
  can: surveyAbilitiesSchema,
});
export type SurveySummary = z.infer<typeof surveySummarySchema>;
export const surveyListSchema = z.object({ items: z.array(surveySummarySchema) });

/**
 * Who hears of the survey when it is published, for the administrator about to publish it:
 * the respondents asked, and how many of them no active account can receive the opening notice
 * for (a town without a registered user). `withoutAccountCount` is null for audiences that get
 * no opening mail at all (companies, a project's municipality).
 */
export const surveyInvitationSchema = z.object({
  respondentCount: z.number().int(),
  isMailed: z.boolean(),
  withoutAccountCount: z.number().int().nullable(),
});
export type SurveyInvitation = z.infer<typeof surveyInvitationSchema>;

export const surveyDetailSchema = surveySummarySchema.extend({
  sections: z.array(sectionSchema),
  /** Only for whoever manages the survey (null for everyone else). */
  invitation: surveyInvitationSchema.nullable(),
});
export type SurveyDetail = z.infer<typeof surveyDetailSchema>;

const mondaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (value) => {
      const at = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(value) && at.getUTCDay() === 1;
    },
    { params: { ja: '週の初め（月曜日）の日付を入力してください。', en: 'Give the date of a Monday.' } },
  );

export const surveyListQuerySchema = z.object({
  fiscalYearId: z.uuid().optional(),
  kind: surveyKindSchema.optional(),
  audience: surveyAudienceSchema.optional(),
  /** Closing in the JST week (Monday to Sunday) that starts on this Monday. */
  closingWeek: mondaySchema.optional(),
  /** Only the surveys open now that someone asked has not submitted. */
  pending: z.enum(['true', 'false']).optional(),
});
export type SurveyListQuery = z.infer<typeof surveyListQuerySchema>;

const windowRefine = <T extends { opensAt?: string | undefined; closesAt?: string | undefined }>(v: T) =>
  !v.opensAt || !v.closesAt || new Date(v.opensAt) < new Date(v.closesAt);
const windowMessage = {
  path: ['closesAt'],
  params: { ja: '締切は開始より後にしてください。', en: 'The deadline must be after the opening.' },
};

export const surveyCreateSchema = z
  .object({
    fiscalYearId: z.uuid(),
    title: localizedTextSchema,
    kind: surveyKindSchema,
    audience: surveyAudienceSchema,
    opensAt: isoDateTime,
    closesAt: isoDateTime,
    /** Copy the questions of another survey (e.g. last year's). */
    copyFromId: z.uuid().optional(),
    sections: surveyDefinitionSchema.optional(),
  })
  .refine(windowRefine, windowMessage);
export type SurveyCreate = z.infer<typeof surveyCreateSchema>;

export const surveyPatchSchema = z
  .object({
    version: z.number().int().min(0).max(2_147_483_647).min(1),
    title: localizedTextSchema.optional(),
    opensAt: isoDateTime.optional(),
    closesAt: isoDateTime.optional(),
    sections: surveyDefinitionSchema.optional(),
  })
  .refine(windowRefine, windowMessage);
export type SurveyPatch = z.infer<typeof surveyPatchSchema>;

/** Publishing a draft names the version the admin previewed. */
export const surveyPublishSchema = z.object({ version: z.number().int().min(1).max(2_147_483_647) });
export type SurveyPublish = z.infer<typeof surveyPublishSchema>;

export const surveyResponseSchema = z.object({
  id: z.string().nullable(),
  status: z.enum(responseStatuses),
  answers: answersSchema,
  version: z.number().int().min(0).max(2_147_483_647).nullable(),
  submittedAt: z.string().nullable(),
  /** Name of the prefecture staff member who filled the draft, when proxied. */
  proxiedByName: z.string().nullable(),
  /** The current draft was filled by the prefecture and awaits the town's confirmation. */
  isProxyDraft: z.boolean(),
  municipalityId: z.string().nullable(),
  municipalityName: z.string().nullable(),
});
export type SurveyResponse = z.infer<typeof surveyResponseSchema>;

export const responseSaveSchema = z.object({
  answers: answersSchema,
  /** null when creating the first draft. */
  version: z.number().int().min(0).max(2_147_483_647).min(1).nullable(),
});
export type ResponseSave = z.infer<typeof responseSaveSchema>;

export const prefillSchema = z.object({
  fromSurveyId: z.string().nullable(),
  answers: answersSchema,
});

export const optionCountSchema = z.object({
  value: z.string(),
  label: localizedTextSchema,
  count: z.number().int(),
});
export type OptionCount = z.infer<typeof optionCountSchema>;

export const questionResultSchema = z.object({
  key: z.string(),
  label: localizedTextSchema,
  type: questionTypeSchema,
  respondentCount: z.number().int(),
  /** Choice/scale: counts per option (multiple choice counts each option); matrix: rows as `row:value`. */
  counts: z.array(optionCountSchema),
  /** Number questions: basic statistics over the answered. */
  stats: z
    .object({ mean: z.number().nullable(), min: z.number().nullable(), max: z.number().nullable() })
    .nullish(),
});
export type QuestionResult = z.infer<typeof questionResultSchema>;

export const heatmapRowSchema = z.object({
  municipalityId: z.string(),
  municipalityName: z.string(),
  overallLevel: z.number().nullable(),
  levels: z.record(z.string(), z.number()),
  helpWanted: z.array(challengeAreaSchema),
});

export const surveyResultsSchema = z.object({
  surveyId: z.string(),
  submittedCount: z.number().int(),
  eligibleCount: z.number().int(),
  nonResponders: z.array(
    z.object({ municipalityId: z.string(), name: z.string(), status: z.enum(responseStatuses) }),
  ),
  questions: z.array(questionResultSchema),
  heatmap: z.array(heatmapRowSchema),
  yearOverYear: z.array(
    z.object({
      key: z.string(),
      label: localizedTextSchema,
      previousSurveyId: z.string().nullable(),
      previous: z.array(optionCountSchema),
      current: z.array(optionCountSchema),
    }),
  ),
});
export type SurveyResults = z.infer<typeof surveyResultsSchema>;

export const crosstabDimensions = ['area', 'region', 'kind', 'population_band'] as const;
export const crosstabQuerySchema = z.object({
  questionKey: z.string().min(1).max(64),
  by: z.enum(crosstabDimensions),
});
export const crosstabSchema = z.object({
  dimension: z.enum(crosstabDimensions),
  questionKey: z.string(),
  groups: z.array(
    z.object({ value: z.string(), label: localizedTextSchema, respondentCount: z.number().int() }),
  ),
  options: z.array(z.object({ value: z.string(), label: localizedTextSchema })),
  /** cells[groupValue][optionValue] = count */
  cells: z.record(z.string(), z.record(z.string(), z.number().int())),
});
export type Crosstab = z.infer<typeof crosstabSchema>;

export const shareConfigSchema = z.object({
  version: z.number().int().min(0).max(2_147_483_647).min(1),
  isPublished: z.boolean(),
  /** Show municipality names next to aggregated demand. */
  includeMunicipalityNames: z.boolean(),
  /** Question keys whose raw answers companies may read (opt-in per question). */
  rawAnswerKeys: z.array(z.string().max(64)).max(100),
});
export type ShareConfig = z.infer<typeof shareConfigSchema>;

export const maturitySchema = z.object({
  surveyId: z.string(),
  municipalityId: z.string(),
  municipalityName: z.string(),
  /** When the response was submitted; null when the town has not submitted (then no levels). */
  submittedAt: z.string().nullable(),
  /** 1–5, or null when too few areas were answered (docs/maturity-model.md). */
  overallLevel: z.number().int().min(1).max(5).nullable(),
  /** Every challenge area the survey marks for maturity, in taxonomy order. */
  areas: z.array(
    z.object({
      area: challengeAreaSchema,
      /** 1–5, or null when no marked question of the area was answered. */
      level: z.number().int().min(1).max(5).nullable(),
      /** How many answers went into the level. */
      answerCount: z.number().int(),
    }),
  ),
  helpWantedAreas: z.array(challengeAreaSchema),
});
export type Maturity = z.infer<typeof maturitySchema>;

export const sharedViewSchema = z.object({
  surveyId: z.string(),
  title: localizedTextSchema,
  submittedCount: z.number().int(),
  /** Demand per challenge area: how many municipalities want help, by region. */
  demand: z.array(
    z.object({
      area: challengeAreaSchema,
      count: z.number().int(),
      byRegion: z.record(z.string(), z.number().int()),
      municipalityNames: z.array(z.string()).nullable(),
    }),
  ),
  rawAnswers: z.array(
    z.object({ questionKey: z.string(), label: localizedTextSchema, values: z.array(z.string()) }),
  ),
});
export type SharedView = z.infer<typeof sharedViewSchema>;

export const reminderResultSchema = z.object({
  queuedCount: z.number().int(),
  municipalityCount: z.number().int(),
  /** Recipients not mailed again because they were reminded of this survey in the last 12 hours. */
  alreadyRemindedCount: z.number().int(),
});

/** What "send reminders" would do now, shown before the prefecture confirms it. */
export const reminderPreviewSchema = z.object({
  /** Respondents (municipalities, or participants) that have not submitted. */
  nonResponderCount: z.number().int(),
  /** Of them, how many have no active account: the mail reaches nobody there. */
  withoutAccountCount: z.number().int(),
  /** Mails that would go now (people not reminded of this survey in the last 12 hours). */
  mailCount: z.number().int(),
  /** People skipped because they were reminded of this survey in the last 12 hours. */
  recentlyRemindedCount: z.number().int(),
});
export type ReminderPreview = z.infer<typeof reminderPreviewSchema>;

export const voiceTopicSchema = z.object({
  id: z.string(),
  label: z.string(),
  keywords: z.array(z.string()),
  municipalityIds: z.array(z.string()),
  municipalityNames: z.array(z.string()),
  representativeSentences: z.array(
    z.object({
      itemId: z.string(),
      municipalityId: z.string(),
      municipalityName: z.string(),
      text: z.string(),
    }),
  ),
  sentenceCount: z.number().int(),
});
export const voiceTopicsSchema = z.object({
  topics: z.array(voiceTopicSchema),
  /**
   * Sentences beyond the grouping's caps (40 per answer, 1,500 per survey; each answer's first
   * ones are kept), not grouped: 0 unless answers are very long; the page says so when not.
   */
  leftOutSentenceCount: z.number().int(),
});
