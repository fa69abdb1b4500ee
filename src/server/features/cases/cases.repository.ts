import { and, asc, desc, eq, ilike, inArray, isNotNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { ChallengeArea } from '../../../shared/challenge-areas';
import type { CaseStatus } from '../../../shared/schemas/cases';
import type { Database, Executor } from '../../db/client';
import { caseStudies, organizations, users } from '../../db/schema';
import { changeVersioned, type VersionedChange } from '../../platform/locking';
import type { Actor, RequestContext } from '../../platform/context';

export type CaseRow = typeof caseStudies.$inferSelect;

export async function findCase(ex: Executor, prefectureId: string, id: string) {
  const [row] = await ex
    .select()
    .from(caseStudies)
    .where(and(eq(caseStudies.prefectureId, prefectureId), eq(caseStudies.id, id)));
  return row ?? null;
}

/** A published case by id alone: public pages have no tenant but the case's own. */
export async function findPublishedCase(ex: Executor, id: string) {
  const [row] = await ex
    .select()
    .from(caseStudies)
    .where(and(eq(caseStudies.id, id), eq(caseStudies.status, 'published')));
  return row ?? null;
}

/** `%…%` for ILIKE with the user's wildcards taken literally. */
const containsPattern = (word: string) => `%${word.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

/** Every word must appear somewhere in the title, challenge, approach or effect. */
function textMatches(words: string[]): SQL[] {
  return words.map(
    (w) =>
      or(
        ilike(caseStudies.title, containsPattern(w)),
        ilike(caseStudies.challenge, containsPattern(w)),
        ilike(caseStudies.approach, containsPattern(w)),
        ilike(caseStudies.effect, containsPattern(w)),
      )!,
  );
}

export async function findCases(
  ex: Executor,
  prefectureId: string,
  filter: {
    status?: CaseStatus | undefined;
    municipalityId?: string;
    /** The town sees its cases from the first submission on. */
    submittedOnly?: boolean;
    organizationId?: string;
    words?: string[];
  },
) {
  const conds: SQL[] = [eq(caseStudies.prefectureId, prefectureId)];
  if (filter.status) conds.push(eq(caseStudies.status, filter.status));
  if (filter.municipalityId) conds.push(eq(caseStudies.municipalityId, filter.municipalityId));
  if (filter.submittedOnly)
    conds.push(or(ne(caseStudies.status, 'draft'), isNotNull(caseStudies.submittedAt))!);
  if (filter.organizationId) conds.push(eq(caseStudies.organizationId, filter.organizationId));
  if (filter.words) conds.push(...textMatches(filter.words));
  return ex
    .select()
    .from(caseStudies)
    .where(and(...conds))
    .orderBy(desc(caseStudies.updatedAt), asc(caseStudies.id))
    .limit(500);
}

export interface PublishedFilter {
  words: string[];
  area?: ChallengeArea | undefined;
  /** Municipalities matching the region and kind filters (from the master); empty: nothing matches. */
  municipalityIds?: string[] | undefined;
  menuId?: string | undefined;
  fiscalYearIds?: string[] | undefined;
}

function publishedConditions(prefectureId: string, filter: PublishedFilter): SQL[] {
  const conds: SQL[] = [eq(caseStudies.prefectureId, prefectureId), eq(caseStudies.status, 'published')];
  conds.push(...textMatches(filter.words));
  if (filter.area) conds.push(sql`${filter.area} = any(${caseStudies.challengeAreas})`);
  if (filter.municipalityIds) conds.push(inArray(caseStudies.municipalityId, filter.municipalityIds));
  if (filter.menuId) conds.push(eq(caseStudies.menuProposalId, filter.menuId));
  if (filter.fiscalYearIds) conds.push(inArray(caseStudies.fiscalYearId, filter.fiscalYearIds));
  return conds;
}

/** One page of the published cases matching the filter, newest first, and how many match in all. */
export async function findPublishedPage(
  ex: Executor,
  prefectureId: string,
  filter: PublishedFilter,
  page: { limit: number; offset: number },
) {
  if (filter.municipalityIds?.length === 0 || filter.fiscalYearIds?.length === 0)
    return { rows: [], total: 0 };
  const where = and(...publishedConditions(prefectureId, filter));
  const rows = await ex
    .select()
    .from(caseStudies)
    .where(where)
    .orderBy(desc(caseStudies.publishedAt), asc(caseStudies.id))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await ex.select({ n: sql<number>`count(*)::int` }).from(caseStudies).where(where);
  return { rows, total: count?.n ?? 0 };
}

/** Every published case of the prefecture (the booklet and the workbook), by year then title. */
export async function findAllPublished(ex: Executor, prefectureId: string) {
  return ex
    .select()
    .from(caseStudies)
    .where(and(eq(caseStudies.prefectureId, prefectureId), eq(caseStudies.status, 'published')))
    .orderBy(asc(caseStudies.fiscalYearId), asc(caseStudies.title), asc(caseStudies.id))
    .limit(2000);
}

/** The values the public filters offer: only those some published case has. */
export async function findPublishedFacets(ex: Executor, prefectureId: string) {
  return ex
    .selectDistinct({
      municipalityId: caseStudies.municipalityId,
      menuProposalId: caseStudies.menuProposalId,
      fiscalYearId: caseStudies.fiscalYearId,
    })
    .from(caseStudies)
    .where(and(eq(caseStudies.prefectureId, prefectureId), eq(caseStudies.status, 'published')))
    .limit(5000);
}

export async function insertCase(ex: Executor, values: typeof caseStudies.$inferInsert) {
  const [row] = await ex.insert(caseStudies).values(values).returning();
  return row!;
}

export function changeCase<Result>(
  db: Database,
  ctx: RequestContext & { actor: Actor },
  change: Omit<VersionedChange<typeof caseStudies, Result>, 'table'>,
) {
  return changeVersioned(db, ctx, { table: caseStudies, ...change });
}

/**
 * Who is mailed about a case: active users of a municipality, of a company, the prefecture's
 * admins, or named users. Mail recipients come from the accounts table, as for the other
 * features' workflow mails (applications, menus): read only, never written here.
 */
export async function findRecipients(
  ex: Executor,
  prefectureId: string,
  filter: { municipalityId?: string; organizationId?: string; role?: string; ids?: string[] },
) {
  if (filter.ids?.length === 0) return [];
  const conds: SQL[] = [eq(users.prefectureId, prefectureId), eq(users.isActive, true)];
  if (filter.municipalityId) conds.push(eq(organizations.municipalityId, filter.municipalityId));
  if (filter.organizationId) conds.push(eq(users.organizationId, filter.organizationId));
  if (filter.role) conds.push(sql`${filter.role} = any(${users.roles})`);
  if (filter.ids) conds.push(inArray(users.id, filter.ids));
  return ex
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      locale: users.locale,
      roles: users.roles,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(...conds))
    .orderBy(asc(users.email));
}
