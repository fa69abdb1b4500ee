import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Answers, Section, SurveyAudience, SurveyKind } from '../../../shared/schemas/surveys';
import { organizations, users } from './accounts';
import { editable, id, requiredRef } from './columns';
import { fiscalYears } from './fiscal-years';
import { municipalities, prefectures } from './tenancy';

/** What council members and companies may see of a survey's results (the share settings). */
export interface SurveyShare {
  isPublished?: boolean;
  includeMunicipalityNames?: boolean;
  rawAnswerKeys?: string[];
}

/**
 * A survey (調査) of a fiscal year. The question set lives in `definition` (sections with
 * questions, validated by the shared zod schema). Once anyone has answered, the question set is
 * frozen: a change creates a new row with `surveyVersion + 1` and `previousId` pointing back.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    fiscalYearId: requiredRef('fiscal_year_id', () => fiscalYears.id),
    /** 'needs' | 'post_support' | 'follow_up' | 'seminar_feedback' */
    kind: text('kind').$type<SurveyKind>().notNull(),
    /** 'municipalities' | 'companies' | 'seminar_participants' | 'project_municipalities' */
    audience: text('audience').$type<SurveyAudience>().notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    definition: jsonb('definition').$type<Section[]>().notNull(),
    surveyVersion: integer('survey_version').notNull().default(1),
    previousId: uuid('previous_id'),
    /** Replaced by a newer version of its question set; kept for its answers. */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    /**
     * When the prefecture released it to its respondents (調査の公開); null while a draft, e.g. the
     * copy "prepare next year" makes (every other insert is published at once). A draft is never open, whatever its window says. Not the
     * results sharing below (`share.isPublished`).
     */
    publishedAt: timestamp('published_at', { withTimezone: true }).defaultNow(),
    /** When its respondents were told it opened (once, by the surveys.opened_notices job). */
    openedNoticeAt: timestamp('opened_notice_at', { withTimezone: true }),
    /** What council members may see: { isPublished, includeMunicipalityNames, rawAnswerKeys }. */
    share: jsonb('share')
      .$type<SurveyShare>()
      .notNull()
      .default({ isPublished: false, includeMunicipalityNames: false, rawAnswerKeys: [] }),
    ...editable(),
  },
  (t) => [index('surveys_prefecture_year').on(t.prefectureId, t.fiscalYearId)],
);

/**
 * One response per respondent per survey. `respondentKey` is 'municipality:<id>',
 * 'organization:<id>' or 'user:<id>' depending on the audience.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    surveyId: requiredRef('survey_id', () => surveys.id),
    respondentKey: text('respondent_key').notNull(),
    municipalityId: uuid('municipality_id').references(() => municipalities.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    userId: uuid('user_id').references(() => users.id),
    /** 'draft' | 'submitted' */
    status: text('status').$type<'draft' | 'submitted'>().notNull().default('draft'),
    answers: jsonb('answers').$type<Answers>().notNull().default({}),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id),
    /** Prefecture staff member who last filled the draft for the respondent, if any. */
    proxiedBy: uuid('proxied_by').references(() => users.id),
    ...editable(),
  },
  (t) => [
    uniqueIndex('survey_responses_one_per_respondent').on(t.surveyId, t.respondentKey),
    index('survey_responses_municipality').on(t.municipalityId),
  ],
);

/**
 * When a user was last reminded of a survey: a reminder goes to the same person at most once per
 * cool-down (two clicks on "send reminders" mail nobody twice). Written in the transaction that
 * queues the mail, so a rolled-back reminder leaves no trace here either.
 */
export const surveyReminders = pgTable(
  'survey_reminders',
  {
    surveyId: requiredRef('survey_id', () => surveys.id),
    userId: requiredRef('user_id', () => users.id),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.userId] })],
);
