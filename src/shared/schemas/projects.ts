/**
 * The delivery of a support project (支援の実施): plan, activity ledger, attachments, completion report
 * and evaluation — API contract.
 *
 * A support project is created by the applications feature (publication or history import) as
 * `planned`. From there the projects feature owns it: the company's advisors log sessions (the first
 * one makes it `in_progress`), mark the sessions complete (`completed`), write the completion report
 * (完了報告) which the prefecture returns or approves (`reported`), and the municipality answers the
 * evaluation questionnaire through the survey engine (`evaluated`).
 *
 * Routes (all under /api; "admin" = prefecture_admin; "company" = a member of the project's
 * company; "town" = the project municipality's staff/head; "council" = council secretariat;
 * another prefecture's id, or a project the caller may not see → 404):
 *
 *  GET    /projects?fiscalYearId=&status=&organizationId=&municipalityId=   admin/council: all; company: own; town: own
 *  GET    /projects/{id}                         the same readers: plan, advisors, history, ledger, caps, report, evaluation, `can`
 *  PUT    /projects/{id}/plan                    company or admin: goals, sessions planned, schedule, advisors (version; null = first save)
 *  POST   /projects/{id}/activities              company or admin: log a session → the activity, totals and cap warnings
 *  PATCH  /project-activities/{id}               company or admin, while sessions may be logged: edit a session
 *                                                (version; the same checks and caps as a new one) → totals and warnings
 *  DELETE /project-activities/{id}               company or admin: remove a session (and its attachments' files)
 *  POST   /projects/{id}/attachments             company or admin (multipart: file, activityId?): an activity's or the report's file
 *  GET    /project-attachments/{id}              the project's readers: the file (Content-Disposition: attachment)
 *  DELETE /project-attachments/{id}              company or admin
 *  PUT    /projects/{id}/exceedance              admin: approve crossing the caps for this project (reason)
 *  POST   /projects/{id}/complete                company or admin: the sessions are done (in_progress → completed)
 *  POST   /projects/{id}/cancel                  admin: cancel (planned / in_progress), with a reason
 *  PUT    /projects/{id}/report                  company: save the completion report draft (version; null = first save)
 *  POST   /projects/{id}/report/submit           company: submit for review
 *  POST   /projects/{id}/report/return           admin: back to the company with a comment
 *  POST   /projects/{id}/report/approve          admin: approve → project `reported`, event `projects.report_approved`
 *  GET    /project-reports/overdue               admin, council: reports past their due date
 *  GET    /project-settings?fiscalYearId=        signed-in: the year's caps and report due days
 *  PUT    /project-settings                      admin: edit them (version; null = first save)
 *  GET    /project-load?fiscalYearId=            admin/council: every company; company: its own — load against capacity
 */
import { z } from 'zod';
import { type SupportProjectStatus, supportProjectStatuses } from './applications';

type Labels = { ja: string; en: string };
const versionSchema = z.number().int().positive().max(2_147_483_647);
const nullableVersion = versionSchema.nullable();
const ymdSchema = z.string().refine(
  (v) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 2000 && y <= 2099 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  },
  { params: { ja: '存在する日付をYYYY-MM-DDで入力してください。', en: 'Enter a real date as YYYY-MM-DD.' } },
);
const text = (max: number) => z.string().trim().max(max);
const count = z.number().int().min(0).max(1000);

export { supportProjectStatuses, type SupportProjectStatus };
export const activityModes = ['onsite', 'online'] as const;
export type ActivityMode = (typeof activityModes)[number];
export const activityModeLabels: Record<ActivityMode, Labels> = {
  onsite: { ja: '訪問', en: 'On site' },
  online: { ja: 'オンライン', en: 'Online' },
};
export const reportStatuses = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const reportStatusLabels: Record<ReportStatus, Labels> = {
  draft: { ja: '作成中', en: 'Draft' },
  submitted: { ja: '提出済み（審査待ち）', en: 'Submitted' },
  returned: { ja: '差戻し', en: 'Returned' },
  approved: { ja: '承認済み', en: 'Approved' },
};
/** The four caps a session counts against. */
export const capKinds = [
  'program_onsite_days',
  'program_online_hours',
  'menu_hours',
  'menu_onsite_days',
] as const;
export type CapKind = (typeof capKinds)[number];
export const capKindLabels: Record<CapKind, Labels> = {
  program_onsite_days: { ja: '事業の訪問日数上限', en: 'Program cap on onsite days' },
  program_online_hours: { ja: '事業のオンライン時間上限', en: 'Program cap on online hours' },
  menu_hours: { ja: 'メニューの計画時間', en: 'Menu planned hours' },
  menu_onsite_days: { ja: 'メニューの訪問日数', en: 'Menu onsite days' },
};
/** A warning is given once an entry brings a cap to this share (and again when one would cross). */
export const capWarnRatio = 0.8;

// ---------------------------------------------------------------------------
// Settings (per fiscal year)
// ---------------------------------------------------------------------------

export const projectSettingsSchema = z.object({
  fiscalYearId: z.string(),
  /** Onsite days (distinct dates with an onsite session) per project. */
  maxOnsiteDays: z.number().int(),
  /** Online hours per project. */
  maxOnlineHours: z.number(),
  /** The completion report is due this many business days after the last session. */
  reportDueBusinessDays: z.number().int(),
  /** null until the prefecture saves the year's settings (the defaults apply). */
  version: z.number().int().nullable(),
});
export type ProjectSettings = z.infer<typeof projectSettingsSchema>;
export const defaultProjectSettings = { maxOnsiteDays: 3, maxOnlineHours: 10, reportDueBusinessDays: 10 };
export const projectSettingsQuerySchema = z.object({ fiscalYearId: z.uuid() });
export const projectSettingsSaveSchema = z.object({
  fiscalYearId: z.uuid(),
  maxOnsiteDays: z.number().int().min(0).max(365),
  maxOnlineHours: z
    .number()
    .min(0)
    .max(2000)
    .refine((h) => Number.isInteger(h * 2), {
      params: { ja: '30分単位で入力してください。', en: 'Use half-hour steps.' },
    }),
  reportDueBusinessDays: z.number().int().min(1).max(60),
  version: nullableVersion,
});
export type ProjectSettingsSave = z.infer<typeof projectSettingsSaveSchema>;

// ---------------------------------------------------------------------------
// List
// ---------------------------------------------------------------------------

export const projectListQuerySchema = z.object({
  fiscalYearId: z.uuid().optional(),
  status: z.enum(supportProjectStatuses).optional(),
  organizationId: z.uuid().optional(),
  municipalityId: z.uuid().optional(),
});
export type ProjectListQuery = z.infer<typeof projectListQuerySchema>;

export const usageSchema = z.object({
  onsiteDays: z.number().int(),
  onlineHours: z.number(),
  totalHours: z.number(),
  sessions: z.number().int(),
});
export type Usage = z.infer<typeof usageSchema>;

export const projectSummarySchema = z.object({
  id: z.string(),
  fiscalYear: z.number().int(),
  fiscalYearId: z.string(),
  municipalityId: z.string(),
  municipalityName: z.string(),
  organizationId: z.string().nullable(),
  companyName: z.string(),
  menuProposalId: z.string().nullable(),
  title: z.string(),
  status: z.enum(supportProjectStatuses),
  usage: usageSchema,
  reportStatus: z.enum(reportStatuses).nullable(),
  reportSubmittedAt: z.string().nullable(),
  /** YYYY-MM-DD; null until a session is logged. */
  reportDueOn: z.string().nullable(),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;
export const projectListSchema = z.object({ items: z.array(projectSummarySchema) });

// ---------------------------------------------------------------------------
// Detail
// ---------------------------------------------------------------------------

export const advisorOptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  skills: z.array(z.string()),
});
export type AdvisorOption = z.infer<typeof advisorOptionSchema>;

export const projectPlanSchema = z.object({
  goals: z.string(),
  sessionsPlanned: z.number().int(),
  scheduleFrom: z.string().nullable(),
  scheduleTo: z.string().nullable(),
  advisors: z.array(advisorOptionSchema),
  version: z.number().int().nullable(),
});
export const projectPlanSaveSchema = z
  .object({
    goals: text(4000),
    sessionsPlanned: z.number().int().min(0).max(100),
    scheduleFrom: ymdSchema.nullable(),
    scheduleTo: ymdSchema.nullable(),
    /** Advisor profile ids of the project's company: one advisor or a team. */
    advisorProfileIds: z.array(z.uuid()).max(10),
    version: nullableVersion,
  })
  .refine((p) => !p.scheduleFrom || !p.scheduleTo || p.scheduleFrom <= p.scheduleTo, {
    path: ['scheduleTo'],
    params: { ja: '終了日は開始日以降にしてください。', en: 'The end date must not be before the start.' },
  });
export type ProjectPlanSave = z.infer<typeof projectPlanSaveSchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  activityId: z.string().nullable(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  contentType: z.string(),
  url: z.string(),
  createdAt: z.string(),
  can: z.object({ delete: z.boolean() }),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const activitySchema = z.object({
  id: z.string(),
  date: z.string(),
  mode: z.enum(activityModes),
  hours: z.number(),
  headCount: z.number().int(),
  dxLeadCount: z.number().int(),
  staffCount: z.number().int(),
  done: z.string(),
  nextSteps: z.string(),
  attachments: z.array(attachmentSchema),
  version: z.number().int(),
  can: z.object({ edit: z.boolean(), delete: z.boolean() }),
});
export type Activity = z.infer<typeof activitySchema>;

export const activityCreateSchema = z.object({
  date: ymdSchema,
  mode: z.enum(activityModes),
  hours: z
    .number()
    .refine((h) => h > 0, {
      params: { ja: '時間は0より大きくしてください。', en: 'Hours must be more than 0.' },
    })
    .refine((h) => h <= 24, {
      params: { ja: '時間は24以下にしてください。', en: 'Hours must be 24 or less.' },
    })
    .refine((h) => Number.isInteger(h * 2), {
      params: { ja: '時間は30分単位で入力してください。', en: 'Enter hours in half-hour steps.' },
    }),
  headCount: count,
  dxLeadCount: count,
  staffCount: count,
  done: text(4000).min(1),
  nextSteps: text(4000),
});
export type ActivityCreate = z.infer<typeof activityCreateSchema>;

/** An edit of a session: every field again (the same rules as logging one) and the version read. */
export const activityUpdateSchema = activityCreateSchema.extend({ version: versionSchema });
export type ActivityUpdate = z.infer<typeof activityUpdateSchema>;

export const capStateSchema = z.object({
  kind: z.enum(capKinds),
  /** The limit; null when none applies (a menu without planned hours). */
  limit: z.number().nullable(),
  used: z.number(),
  /** 'ok' < 'near' (≥ 80 %) < 'reached' (= 100 %) < 'over' (crossed, with an approved exceedance). */
  level: z.enum(['ok', 'near', 'reached', 'over']),
});
export type CapState = z.infer<typeof capStateSchema>;

export const capWarningSchema = z.object({
  kind: z.enum(capKinds),
  level: z.enum(['near', 'reached', 'over']),
  ja: z.string(),
  en: z.string(),
});
export type CapWarning = z.infer<typeof capWarningSchema>;

export const activityResultSchema = z.object({
  activity: activitySchema,
  usage: usageSchema,
  caps: z.array(capStateSchema),
  /** Caps this entry brought near, to, or (approved) past their limit. */
  warnings: z.array(capWarningSchema),
});
export type ActivityResult = z.infer<typeof activityResultSchema>;

export const exceedanceSchema = z.object({
  reason: z.string(),
  approvedAt: z.string(),
  approvedByName: z.string(),
});
export const exceedanceSaveSchema = z.object({ reason: text(2000).min(1) });

export const statusChangeSchema = z.object({
  from: z.enum(supportProjectStatuses).nullable(),
  to: z.enum(supportProjectStatuses),
  at: z.string(),
  byName: z.string().nullable(),
  comment: z.string(),
});

export const reportFields = [
  'summary',
  'challenge',
  'approach',
  'tools',
  'effect',
  'remainingIssues',
] as const;
export type ReportField = (typeof reportFields)[number];

export const reportSchema = z.object({
  status: z.enum(reportStatuses),
  summary: z.string(),
  challenge: z.string(),
  approach: z.string(),
  tools: z.string(),
  effect: z.string(),
  remainingIssues: z.string(),
  returnComment: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  attachments: z.array(attachmentSchema),
  version: z.number().int(),
});
export type Report = z.infer<typeof reportSchema>;

export const reportSaveSchema = z.object({
  summary: text(8000),
  challenge: text(8000),
  approach: text(8000),
  tools: text(4000),
  effect: text(8000),
  remainingIssues: text(8000),
  version: nullableVersion,
});
export type ReportSave = z.infer<typeof reportSaveSchema>;
export const versionBodySchema = z.object({ version: versionSchema });
export const reportReturnSchema = z.object({ version: versionSchema, comment: text(4000).min(1) });
export const cancelSchema = z.object({ reason: text(2000).min(1) });

export const evaluationSchema = z.object({
  /** The survey the municipality answers (post-support questionnaire). */
  surveyId: z.string(),
  evaluatedAt: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  helped: z.enum(['yes', 'partly', 'no']).nullable(),
  recommend: z.boolean().nullable(),
  followUpSurveyId: z.string().nullable(),
});

export const projectDetailSchema = projectSummarySchema.extend({
  costThousandYen: z.number().int().nullable(),
  source: z.enum(['allocation', 'import']),
  plan: projectPlanSchema,
  advisorOptions: z.array(advisorOptionSchema),
  history: z.array(statusChangeSchema),
  activities: z.array(activitySchema),
  caps: z.array(capStateSchema),
  exceedance: exceedanceSchema.nullable(),
  report: reportSchema.nullable(),
  evaluation: evaluationSchema.nullable(),
  version: z.number().int(),
  can: z.object({
    editPlan: z.boolean(),
    logActivity: z.boolean(),
    complete: z.boolean(),
    cancel: z.boolean(),
    approveExceedance: z.boolean(),
    editReport: z.boolean(),
    reviewReport: z.boolean(),
  }),
});
export type ProjectDetail = z.infer<typeof projectDetailSchema>;

export const overdueReportSchema = z.object({
  projectId: z.string(),
  title: z.string(),
  municipalityName: z.string(),
  companyName: z.string(),
  reportDueOn: z.string(),
  businessDaysOverdue: z.number().int(),
  reportStatus: z.enum(reportStatuses).nullable(),
});
export const overdueReportListSchema = z.object({ items: z.array(overdueReportSchema) });

export const loadQuerySchema = z.object({ fiscalYearId: z.uuid() });
export const companyLoadSchema = z.object({
  organizationId: z.string(),
  companyName: z.string(),
  /** Sum of the selected menus' capacity (projects the company offered to take). */
  capacity: z.number().int(),
  projects: z.number().int(),
  /** Planned hours of its menus × projects, and the hours logged so far. */
  plannedHours: z.number(),
  loggedHours: z.number(),
  activeProjects: z.number().int(),
});
export const companyLoadListSchema = z.object({ items: z.array(companyLoadSchema) });
export type CompanyLoad = z.infer<typeof companyLoadSchema>;

/**
 * The largest attachment: below the API's 10 MB request limit, so a too-large file is a field error
 * on `file` (with the limit in words) rather than a bare 413.
 */
export const attachmentMaxBytes = 8 * 1024 * 1024;
