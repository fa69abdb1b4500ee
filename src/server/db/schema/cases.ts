import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ChallengeArea } from '../../../shared/challenge-areas';
import type { CaseStatus } from '../../../shared/schemas/cases';
import { organizations, users } from './accounts';
import { supportProjects } from './applications';
import { editable, id, requiredRef } from './columns';
import { fiscalYears } from './fiscal-years';
import { menuProposals } from './menus';
import { municipalities, prefectures } from './tenancy';

/**
 * A case study (好事例): a short, publishable story of one support project. Drafted by the
 * prefecture or the project's company, approved by the municipality and then by the prefecture,
 * which publishes it for everyone (no sign-in) and may take it back.
 */
export const caseStudies = pgTable(
  'case_studies',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    municipalityId: requiredRef('municipality_id', () => municipalities.id),
    fiscalYearId: requiredRef('fiscal_year_id', () => fiscalYears.id),
    menuProposalId: uuid('menu_proposal_id').references(() => menuProposals.id),
    supportProjectId: uuid('support_project_id').references(() => supportProjects.id),
    /** The company whose members may edit it (the project's company); null when the prefecture drafts alone. */
    organizationId: uuid('organization_id').references(() => organizations.id),
    status: text('status').$type<CaseStatus>().notNull().default('draft'),
    title: text('title').notNull(),
    challengeAreas: text('challenge_areas').array().$type<ChallengeArea[]>().notNull(),
    challenge: text('challenge').notNull().default(''),
    approach: text('approach').notNull().default(''),
    tools: text('tools').notNull().default(''),
    costThousandYen: integer('cost_thousand_yen'),
    effect: text('effect').notNull().default(''),
    companyName: text('company_name').notNull().default(''),
    /** 例示: built from the source document's example menus, not a real project's report. */
    isIllustrative: boolean('is_illustrative').notNull().default(false),
    /** The last request for changes (municipality or prefecture), shown to the drafter. */
    returnComment: text('return_comment'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    municipalityApprovedBy: uuid('municipality_approved_by').references(() => users.id),
    municipalityApprovedAt: timestamp('municipality_approved_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    unpublishedAt: timestamp('unpublished_at', { withTimezone: true }),
    ...editable(),
  },
  (t) => [
    index('case_studies_prefecture_status').on(t.prefectureId, t.status),
    index('case_studies_municipality').on(t.municipalityId),
    index('case_studies_organization').on(t.organizationId),
    check(
      'case_studies_cost',
      sql`${t.costThousandYen} is null or ${t.costThousandYen} between 0 and 100000000`,
    ),
    check('case_studies_areas', sql`cardinality(${t.challengeAreas}) between 1 and 10`),
  ],
);
