import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ActivityMode, ReportStatus, SupportProjectStatus } from '../../../shared/schemas/projects';
import { users } from './accounts';
import { supportProjects } from './applications';
import { editable, id, requiredRef } from './columns';
import { fiscalYears } from './fiscal-years';
import { prefectures } from './tenancy';

/*
 * The delivery of a support project (the projects feature). `support_projects` rows are created by
 * the applications feature; everything that happens once the support starts lives here.
 */

/** The year's caps per project and the report deadline, edited by the prefecture (defaults until saved). */
export const projectSettings = pgTable(
  'project_settings',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    fiscalYearId: requiredRef('fiscal_year_id', () => fiscalYears.id),
    maxOnsiteDays: integer('max_onsite_days').notNull(),
    /** Minutes, so half hours stay exact. */
    maxOnlineMinutes: integer('max_online_minutes').notNull(),
    reportDueBusinessDays: integer('report_due_business_days').notNull(),
    ...editable(),
  },
  (t) => [
    uniqueIndex('project_settings_year').on(t.prefectureId, t.fiscalYearId),
    check('project_settings_onsite', sql`${t.maxOnsiteDays} between 0 and 365`),
    check('project_settings_online', sql`${t.maxOnlineMinutes} between 0 and 120000`),
    check('project_settings_due', sql`${t.reportDueBusinessDays} between 1 and 60`),
  ],
);

/** The plan of a project: goals, sessions, schedule and the advisors (profiles of the company's advisors). */
export const projectPlans = pgTable(
  'project_plans',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    projectId: requiredRef('project_id', () => supportProjects.id),
    goals: text('goals').notNull().default(''),
    sessionsPlanned: integer('sessions_planned').notNull().default(0),
    /** 'YYYY-MM-DD' */
    scheduleFrom: text('schedule_from'),
    scheduleTo: text('schedule_to'),
    advisorProfileIds: uuid('advisor_profile_ids').array().notNull(),
    ...editable(),
  },
  (t) => [uniqueIndex('project_plans_project').on(t.projectId)],
);

/** One session of the activity ledger (活動記録). */
export const projectActivities = pgTable(
  'project_activities',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    projectId: requiredRef('project_id', () => supportProjects.id),
    /** 'YYYY-MM-DD' (JST) */
    date: text('date').notNull(),
    mode: text('mode').$type<ActivityMode>().notNull(),
    minutes: integer('minutes').notNull(),
    headCount: integer('head_count').notNull().default(0),
    dxLeadCount: integer('dx_lead_count').notNull().default(0),
    staffCount: integer('staff_count').notNull().default(0),
    done: text('done').notNull(),
    nextSteps: text('next_steps').notNull().default(''),
    ...editable(),
  },
  (t) => [
    index('project_activities_project').on(t.projectId, t.date),
    check('project_activities_minutes', sql`${t.minutes} between 1 and 1440`),
  ],
);

/** An approval to cross the caps for one project (the prefecture's decision, with its reason). */
export const projectCapExceedances = pgTable(
  'project_cap_exceedances',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    projectId: requiredRef('project_id', () => supportProjects.id),
    reason: text('reason').notNull(),
    approvedBy: requiredRef('approved_by', () => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('project_cap_exceedances_project').on(t.projectId)],
);

/** The completion report (完了報告) of a project by its company. */
export const projectReports = pgTable(
  'project_reports',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    projectId: requiredRef('project_id', () => supportProjects.id),
    status: text('status').$type<ReportStatus>().notNull().default('draft'),
    summary: text('summary').notNull().default(''),
    challenge: text('challenge').notNull().default(''),
    approach: text('approach').notNull().default(''),
    tools: text('tools').notNull().default(''),
    effect: text('effect').notNull().default(''),
    remainingIssues: text('remaining_issues').notNull().default(''),
    returnComment: text('return_comment').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    ...editable(),
  },
  (t) => [
    uniqueIndex('project_reports_project').on(t.projectId),
    index('project_reports_status').on(t.status),
  ],
);

/** A file attached to a session or (activityId null) to the completion report. */
export const projectAttachments = pgTable(
  'project_attachments',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    projectId: requiredRef('project_id', () => supportProjects.id),
    activityId: uuid('activity_id').references(() => projectActivities.id),
    /** The upload store's generated name (uploads/projects). */
    storedName: text('stored_name').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [index('project_attachments_project').on(t.projectId)],
);

/** Every status change of a project, with who and why: the history the project page shows. */
export const projectStatusChanges = pgTable(
  'project_status_changes',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    projectId: requiredRef('project_id', () => supportProjects.id),
    fromStatus: text('from_status').$type<SupportProjectStatus>(),
    toStatus: text('to_status').$type<SupportProjectStatus>().notNull(),
    comment: text('comment').notNull().default(''),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('project_status_changes_project').on(t.projectId, t.changedAt)],
);

/**
 * The municipality's evaluation of a project: the survey it answers (a post-support survey made
 * for the project when its report is approved), the key answers once submitted, and the follow-up
 * survey a year later.
 */
export const projectEvaluations = pgTable(
  'project_evaluations',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    projectId: requiredRef('project_id', () => supportProjects.id),
    /** surveys.id (kind post_support, audience project_municipalities). */
    surveyId: uuid('survey_id').notNull(),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }),
    satisfaction: integer('satisfaction'),
    /** 'yes' | 'partly' | 'no' */
    helped: text('helped').$type<'yes' | 'partly' | 'no'>(),
    recommend: integer('recommend'),
    /** surveys.id of the follow-up (kind follow_up), made a year after the evaluation. */
    followUpSurveyId: uuid('follow_up_survey_id'),
    ...editable(),
  },
  (t) => [
    uniqueIndex('project_evaluations_project').on(t.projectId),
    index('project_evaluations_survey').on(t.surveyId),
    index('project_evaluations_follow_up').on(t.followUpSurveyId),
    check(
      'project_evaluations_satisfaction',
      sql`${t.satisfaction} is null or ${t.satisfaction} between 1 and 5`,
    ),
  ],
);
