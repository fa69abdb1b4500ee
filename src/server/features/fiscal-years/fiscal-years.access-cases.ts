import { and, desc, eq, sql } from 'drizzle-orm';
import { fiscalYears, programPhases, programs } from '../../db/schema';
import { addDaysToYmd, fiscalYearOf, formatYmd, getJstParts } from '../../../shared/fiscal-year';
import type { AccessFixture, AccessRule } from '../../testing/access';

/**
 * The plan of a year is read by every signed-in user of the prefecture; only
 * the prefecture admin changes it. Builders make valid requests (fresh rows,
 * current versions) so that permission alone decides the answer.
 */

const adminEmail = 'admin@pref.example.jp';

async function fiscalYearIdOf(fx: AccessFixture, year: number): Promise<string> {
  const [row] = await fx.db
    .select({ id: fiscalYears.id })
    .from(fiscalYears)
    .where(eq(fiscalYears.year, year));
  if (!row) throw new Error(`Demo data has no FY${year}`);
  return row.id;
}

async function dispatchProgramOf2024(fx: AccessFixture) {
  const [row] = await fx.db
    .select({ id: programs.id, version: programs.version, budget: programs.budgetThousandYen })
    .from(programs)
    .innerJoin(fiscalYears, eq(fiscalYears.id, programs.fiscalYearId))
    .where(and(eq(fiscalYears.year, 2024), eq(programs.kind, 'advisor_dispatch')));
  if (!row) throw new Error('Demo data has no FY2024 advisor dispatch program');
  return row;
}

/** A year nobody has created yet, so a POST can only fail for want of permission. */
async function unusedYear(fx: AccessFixture): Promise<number> {
  const [row] = await fx.db
    .select({ year: sql<number>`max(${fiscalYears.year})::int` })
    .from(fiscalYears)
    .where(sql`${fiscalYears.year} < 2100`);
  return Math.max(Number(row?.year ?? 2030), 2030) + 1;
}

async function createProgramAsAdmin(fx: AccessFixture): Promise<{ id: string; version: number }> {
  const cookie = await fx.cookieFor(adminEmail);
  const res = await fx.request('POST', `/api/fiscal-years/${await fiscalYearIdOf(fx, 2024)}/programs`, {
    cookie,
    body: { kind: 'other', name: '削除確認用の事業', nameEn: 'Program to delete' },
  });
  if (res.status !== 201) throw new Error(`Could not create a program: ${res.status}`);
  return res.json();
}

/**
 * An upcoming phase starting tomorrow (JST) in the year tomorrow belongs to, created as the
 * admin, so "open it now" can only fail for want of permission.
 */
async function upcomingPhaseAsAdmin(fx: AccessFixture): Promise<{ id: string; version: number }> {
  const cookie = await fx.cookieFor(adminEmail);
  // The wall clock, not an injected one: the app under test answers on the wall clock too.
  const { year, month, day } = getJstParts(new Date());
  const tomorrow = addDaysToYmd(formatYmd(year, month, day), 1);
  const fy = fiscalYearOf(new Date(`${tomorrow}T12:00:00+09:00`));
  const [existing] = await fx.db
    .select({ id: fiscalYears.id })
    .from(fiscalYears)
    .where(eq(fiscalYears.year, fy));
  const yearId =
    existing?.id ??
    (await (await fx.request('POST', '/api/fiscal-years', { cookie, body: { year: fy } })).json()).id;
  const program = await fx.request('POST', `/api/fiscal-years/${yearId}/programs`, {
    cookie,
    body: { kind: 'other', name: '開始確認用の事業', nameEn: 'Program to open' },
  });
  const res = await fx.request('POST', `/api/programs/${(await program.json()).id}/phases`, {
    cookie,
    body: { kind: 'other', startsOn: tomorrow, endsOn: addDaysToYmd(tomorrow, 3) },
  });
  if (res.status !== 201) throw new Error(`Could not create a phase: ${res.status}`);
  return res.json();
}

async function createPhaseAsAdmin(fx: AccessFixture): Promise<{ id: string; version: number }> {
  const cookie = await fx.cookieFor(adminEmail);
  const program = await dispatchProgramOf2024(fx);
  const res = await fx.request('POST', `/api/programs/${program.id}/phases`, {
    cookie,
    body: { kind: 'other', startsOn: '2024-10-01', endsOn: '2024-10-31' },
  });
  if (res.status !== 201) throw new Error(`Could not create a phase: ${res.status}`);
  return res.json();
}

export const fiscalYearsAccessRules: AccessRule[] = [
  { method: 'GET', path: '/api/fiscal-years', allow: 'signed-in' },
  { method: 'GET', path: '/api/fiscal-years/next-year', allow: ['prefecture_admin'] },
  {
    method: 'POST',
    path: '/api/fiscal-years/prepare-next',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const cookie = await fx.cookieFor(adminEmail);
      const preview = await (await fx.request('GET', '/api/fiscal-years/next-year', { cookie })).json();
      // Other rules create years up to 2100, past which no year can be made: then resume one
      // still open for set-up (an earlier year to copy from exists), which is as valid a request.
      if (preview.year <= 2100)
        return { path: '/api/fiscal-years/prepare-next', body: { year: preview.year } };
      const [open] = await fx.db
        .select({ year: fiscalYears.year })
        .from(fiscalYears)
        .where(sql`${fiscalYears.status} <> 'closed' and ${fiscalYears.year} between 2023 and 2100`)
        .orderBy(desc(fiscalYears.year))
        .limit(1);
      return { path: '/api/fiscal-years/prepare-next', body: { year: open!.year } };
    },
  },
  {
    method: 'GET',
    path: '/api/fiscal-years/:id/checklist',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ path: `/api/fiscal-years/${await fiscalYearIdOf(fx, 2024)}/checklist` }),
  },
  {
    method: 'POST',
    path: '/api/phases/:id/open',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const phase = await upcomingPhaseAsAdmin(fx);
      return { path: `/api/phases/${phase.id}/open`, body: { version: phase.version } };
    },
  },
  {
    method: 'GET',
    path: '/api/fiscal-years/:id',
    allow: 'signed-in',
    request: async (fx) => ({ path: `/api/fiscal-years/${await fiscalYearIdOf(fx, 2024)}` }),
  },
  {
    method: 'POST',
    path: '/api/fiscal-years',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ body: { year: await unusedYear(fx) } }),
  },
  {
    method: 'PATCH',
    path: '/api/fiscal-years/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const id = await fiscalYearIdOf(fx, 2022);
      const [row] = await fx.db
        .select({ version: fiscalYears.version })
        .from(fiscalYears)
        .where(eq(fiscalYears.id, id));
      // Re-stating 'closed' on a closed year is a valid change that moves nothing else.
      return { path: `/api/fiscal-years/${id}`, body: { version: row!.version, status: 'closed' } };
    },
  },
  {
    method: 'POST',
    path: '/api/fiscal-years/:id/programs',
    allow: ['prefecture_admin'],
    request: async (fx) => ({
      path: `/api/fiscal-years/${await fiscalYearIdOf(fx, 2024)}/programs`,
      body: { kind: 'other', name: '市町村職員DX研修', nameEn: 'DX training for municipal staff' },
    }),
  },
  {
    method: 'PATCH',
    path: '/api/programs/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const program = await dispatchProgramOf2024(fx);
      return {
        path: `/api/programs/${program.id}`,
        body: { version: program.version, budgetThousandYen: program.budget },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/programs/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const program = await createProgramAsAdmin(fx);
      return { path: `/api/programs/${program.id}?version=${program.version}` };
    },
  },
  {
    method: 'POST',
    path: '/api/programs/:id/phases',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const program = await dispatchProgramOf2024(fx);
      return {
        path: `/api/programs/${program.id}/phases`,
        // 2024-09-13 is a Friday and no holiday.
        body: {
          kind: 'other',
          startsOn: '2024-09-02',
          endsOn: '2024-09-13',
          deadline: { date: '2024-09-13', time: '17:00' },
        },
      };
    },
  },
  {
    method: 'PATCH',
    path: '/api/phases/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const program = await dispatchProgramOf2024(fx);
      const [phase] = await fx.db
        .select({ id: programPhases.id, version: programPhases.version })
        .from(programPhases)
        .where(and(eq(programPhases.programId, program.id), eq(programPhases.kind, 'survey')))
        .orderBy(desc(programPhases.startsOn));
      return {
        path: `/api/phases/${phase!.id}`,
        body: { version: phase!.version, note: '回答率向上のため督促あり' },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/phases/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const phase = await createPhaseAsAdmin(fx);
      return { path: `/api/phases/${phase.id}?version=${phase.version}` };
    },
  },
];
