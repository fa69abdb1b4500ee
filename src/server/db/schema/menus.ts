import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts';
import { editable, id, requiredRef } from './columns';
import { fiscalYears } from './fiscal-years';
import { prefectures } from './tenancy';
import type { ChallengeArea } from '../../../shared/challenge-areas';
import type {
  MenuFormat,
  ProposalDecision,
  ProposalStatus,
  ReviewStatus,
  RubricCriterion,
} from '../../../shared/schemas/menus';

/** Per fiscal year: the review rubric and the call's proposal deadline (used when no phase deadline exists). */
export const menuSettings = pgTable(
  'menu_settings',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    fiscalYearId: requiredRef('fiscal_year_id', () => fiscalYears.id),
    /** RubricCriterion[]: { key, label, labelEn, weight }. */
    criteria: jsonb('criteria').$type<RubricCriterion[]>().notNull(),
    proposalDeadlineAt: timestamp('proposal_deadline_at', { withTimezone: true }),
    ...editable(),
  },
  (t) => [uniqueIndex('menu_settings_fiscal_year').on(t.fiscalYearId)],
);

/** An advisor's profile (one per user), edited by the advisor or their company. */
export const advisorProfiles = pgTable(
  'advisor_profiles',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    userId: requiredRef('user_id', () => users.id),
    skills: text('skills').array().notNull(),
    qualifications: text('qualifications').array().notNull(),
    pastProjects: text('past_projects').array().notNull(),
    bio: text('bio').notNull().default(''),
    ...editable(),
  },
  (t) => [uniqueIndex('advisor_profiles_user').on(t.userId)],
);

/** A support menu proposed by a company for a fiscal year; selected ones form the catalog. */
export const menuProposals = pgTable(
  'menu_proposals',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    fiscalYearId: requiredRef('fiscal_year_id', () => fiscalYears.id),
    organizationId: requiredRef('organization_id', () => organizations.id),
    title: text('title').notNull(),
    /** ChallengeArea ids. */
    challengeAreas: text('challenge_areas').array().$type<ChallengeArea[]>().notNull(),
    description: text('description').notNull().default(''),
    deliverables: text('deliverables').notNull().default(''),
    /** 'onsite' | 'online' | 'hybrid' */
    format: text('format').$type<MenuFormat>().notNull(),
    capacity: integer('capacity').notNull(),
    unitCostThousandYen: integer('unit_cost_thousand_yen').notNull(),
    plannedHours: integer('planned_hours').notNull().default(0),
    onsiteDays: integer('onsite_days').notNull().default(0),
    regionIds: uuid('region_ids').array().notNull(),
    advisorUserIds: uuid('advisor_user_ids').array().notNull(),
    /** 'draft' | 'submitted' | 'returned' | 'selected' | 'not_selected' */
    status: text('status').$type<ProposalStatus>().notNull().default('draft'),
    /** 'selected' | 'not_selected' | 'needs_modification' */
    decision: text('decision').$type<ProposalDecision>(),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    ...editable(),
  },
  (t) => [
    index('menu_proposals_year').on(t.prefectureId, t.fiscalYearId),
    index('menu_proposals_org').on(t.organizationId),
  ],
);

/** One reviewer assigned to one proposal, and their scores once given. */
export const menuReviews = pgTable(
  'menu_reviews',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    proposalId: requiredRef('proposal_id', () => menuProposals.id),
    reviewerUserId: requiredRef('reviewer_user_id', () => users.id),
    /** 'assigned' | 'submitted' | 'conflict' */
    status: text('status').$type<ReviewStatus>().notNull().default('assigned'),
    /** { [criterionKey]: 1..5 } */
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    comment: text('comment').notNull().default(''),
    conflictReason: text('conflict_reason'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    ...editable(),
  },
  (t) => [
    uniqueIndex('menu_reviews_proposal_reviewer').on(t.proposalId, t.reviewerUserId),
    index('menu_reviews_reviewer').on(t.reviewerUserId),
  ],
);
