import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { editable, id, requiredRef } from './columns';
import { prefectures } from './tenancy';

/** 年度: April to March. `year` is the Western year in which it starts. */
export const fiscalYears = pgTable(
  'fiscal_years',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    year: integer('year').notNull(),
    /** 'planning' | 'active' | 'closed' */
    status: text('status').notNull().default('planning'),
    ...editable(),
  },
  (t) => [
    uniqueIndex('fiscal_years_prefecture_year').on(t.prefectureId, t.year),
    // At most one year is 'active' per prefecture. The service serializes activations and closes
    // the previous year first; this index is the backstop should any write bypass the service.
    uniqueIndex('fiscal_years_one_active').on(t.prefectureId).where(sql`${t.status} = 'active'`),
  ],
);

/** A program (事業) run in a fiscal year, e.g. ICT advisor dispatch or the DX top seminar series. */
export const programs = pgTable(
  'programs',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    fiscalYearId: requiredRef('fiscal_year_id', () => fiscalYears.id),
    /** 'advisor_dispatch' | 'seminar_series' | 'other' */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description').notNull().default(''),
    /** Budget in thousands of yen (千円), as reports show it; null while not yet decided or not known. */
    budgetThousandYen: integer('budget_thousand_yen'),
    ...editable(),
  },
  (t) => [index('programs_fiscal_year').on(t.fiscalYearId)],
);

/** A dated phase of a program: survey, proposals, review, call, delivery, evaluation, seminars. */
export const programPhases = pgTable(
  'program_phases',
  {
    id: id(),
    prefectureId: requiredRef('prefecture_id', () => prefectures.id),
    programId: requiredRef('program_id', () => programs.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** The cut-off moment (JST wall clock stored as UTC) when the phase has a deadline. */
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    note: text('note').notNull().default(''),
    ...editable(),
  },
  (t) => [index('program_phases_program').on(t.programId)],
);
