import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  ApplicationStatus,
  PriorityWeights,
  RunStatus,
  SupportProjectStatus,
} from '../../../shared/schemas/applications';
import { organizations, users } from './accounts';
import { editable, id, requiredRef } from './columns';
import { fiscalYears, programs } from './fiscal-years';
import { menuProposals } from './menus';
import { municipalities, prefectures } from './tenancy';

/** One call (公募) per advisor-dispatch program; its rounds are the program's `call` phases. */
export const applicationCalls = pgTable(
  'application_calls',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    programId: requiredRef('program_id', () => programs.id),
    fiscalYearId: requiredRef('fiscal_year_id', () => fiscalYears.id),
    maxChoices: integer('max_choices').notNull().default(3),
    maxProjectsPerMunicipality: integer('max_projects_per_municipality').notNull().default(2),
    headConfirmationRequired: boolean('head_confirmation_required').notNull().default(false),
    priorityWeights: jsonb('priority_weights').$type<PriorityWeights>().notNull(),
    ...editable(),
  },
  (t) => [
    uniqueIndex('application_calls_program').on(t.programId),
    index('application_calls_fiscal_year').on(t.prefectureId, t.fiscalYearId),
    check('application_calls_max_choices', sql`${t.maxChoices} between 1 and 10`),
    check('application_calls_max_projects', sql`${t.maxProjectsPerMunicipality} between 1 and 10`),
  ],
);

/** An admin's hand override of the allocation for one application. */
export type ApplicationLockRecord = { kind: 'include' | 'exclude'; menuId: string | null; reason: string };

/** A municipality's application to a call: catalog menus in rank order (第1希望 first). */
export const applications = pgTable(
  'applications',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    callId: requiredRef('call_id', () => applicationCalls.id),
    municipalityId: requiredRef('municipality_id', () => municipalities.id),
    status: text('status').$type<ApplicationStatus>().notNull().default('draft'),
    /** Selected menu proposal ids, first choice first. */
    menuIds: uuid('menu_ids').array().notNull(),
    challenge: text('challenge').notNull().default(''),
    /** 'YYYY-MM' */
    desiredStartMonth: text('desired_start_month'),
    desiredEndMonth: text('desired_end_month'),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone').notNull().default(''),
    preferredAdvisorUserId: uuid('preferred_advisor_user_id').references(() => users.id),
    /** The prefecture user who drafted it on the town's behalf. */
    proxiedBy: uuid('proxied_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    lock: jsonb('lock').$type<ApplicationLockRecord>(),
    ...editable(),
  },
  (t) => [
    index('applications_call').on(t.callId),
    index('applications_municipality').on(t.municipalityId),
    check('applications_menu_count', sql`cardinality(${t.menuIds}) between 1 and 10`),
  ],
);

/** One allocation run: its inputs (a snapshot, so a run stays reproducible), the solution and explanations. */
export const allocationRuns = pgTable(
  'allocation_runs',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    callId: requiredRef('call_id', () => applicationCalls.id),
    label: text('label').notNull(),
    status: text('status').$type<RunStatus>().notNull().default('queued'),
    priorityWeights: jsonb('priority_weights').$type<PriorityWeights>().notNull(),
    budgetThousandYen: integer('budget_thousand_yen').notNull(),
    /** Lottery seed (uint32), recorded so the run can be repeated. */
    seed: bigint('seed', { mode: 'number' }).notNull(),
    /** The solver input and the names needed to show it (filled when the job starts). */
    input: jsonb('input'),
    result: jsonb('result'),
    explanations: jsonb('explanations'),
    error: text('error'),
    solveMs: integer('solve_ms'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    ...editable(),
  },
  (t) => [
    index('allocation_runs_call').on(t.callId),
    check('allocation_runs_budget', sql`${t.budgetThousandYen} between 0 and 100000000`),
    check('allocation_runs_seed', sql`${t.seed} between 0 and 4294967295`),
  ],
);

/** A support engagement of a municipality in a fiscal year: from a published allocation or imported history. */
export const supportProjects = pgTable(
  'support_projects',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    fiscalYearId: requiredRef('fiscal_year_id', () => fiscalYears.id),
    municipalityId: requiredRef('municipality_id', () => municipalities.id),
    /** null for history whose menu is not in the catalog. */
    menuProposalId: uuid('menu_proposal_id').references(() => menuProposals.id),
    organizationId: uuid('organization_id').references(() => organizations.id),
    title: text('title').notNull(),
    companyName: text('company_name').notNull(),
    costThousandYen: integer('cost_thousand_yen'),
    status: text('status').$type<SupportProjectStatus>().notNull().default('planned'),
    source: text('source').$type<'allocation' | 'import'>().notNull(),
    applicationId: uuid('application_id').references(() => applications.id),
    allocationRunId: uuid('allocation_run_id').references(() => allocationRuns.id),
    notes: text('notes').notNull().default(''),
    ...editable(),
  },
  (t) => [
    index('support_projects_municipality_year').on(t.prefectureId, t.municipalityId, t.fiscalYearId),
    index('support_projects_organization').on(t.organizationId),
    check(
      'support_projects_cost',
      sql`${t.costThousandYen} is null or ${t.costThousandYen} between 0 and 100000000`,
    ),
  ],
);
