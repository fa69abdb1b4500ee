import { eq } from 'drizzle-orm';
import { allocationRuns, applicationCalls, prefectures, programs } from '../../db/schema';
import type { Role } from '../../../shared/roles';
import {
  type AccessFixture,
  type AccessRule,
  type RoleCombination,
  principalEmails,
} from '../../testing/access';
import {
  closeRound,
  createOpenCallYear,
  insertCall,
  type OpenCallYear,
} from '../../testing/applications-fixtures';
import type { RunSnapshot } from './applications.records';

/**
 * The prefecture runs calls and allocation runs; a town's staff apply for their own town and its
 * head confirms; the council reads the planner and all support projects; a company reads only its
 * own menus' projects. Builders prepare fresh rows (in a fiscal year of their own with a round
 * open today) so permission alone decides the answer.
 */

const adminEmail = principalEmails.prefecture_admin;
const staffEmail = principalEmails.municipality_staff;

async function api(fx: AccessFixture, email: string, method: string, path: string, body?: unknown) {
  const res = await fx.request(method, path, { cookie: await fx.cookieFor(email), body });
  if (res.status >= 300) throw new Error(`${method} ${path} as ${email}: ${res.status} ${await res.text()}`);
  return res.json();
}

interface Setting {
  year: OpenCallYear;
  callId: string;
  /** A call of another year that requires the head's confirmation. */
  confirmingCallId: string;
  /** A catalog menu of that other year. */
  confirmingMenuId: string;
  runId: string;
}

const settings = new WeakMap<AccessFixture, Promise<Setting>>();

/** One open call (and one needing the head) with a solved-looking run, made once per matrix run. */
function setting(fx: AccessFixture): Promise<Setting> {
  let found = settings.get(fx);
  if (!found) {
    found = (async () => {
      const year = await createOpenCallYear(fx.db, { companyAOrgId: fx.ownCompanyOrgId });
      const call = await insertCall(fx.db, year);
      const otherYear = await createOpenCallYear(fx.db, { companyAOrgId: fx.ownCompanyOrgId });
      const confirming = await insertCall(fx.db, otherYear, { headConfirmationRequired: true });
      const run = await insertRun(fx, call.id, 'done');
      return {
        year,
        callId: call.id,
        confirmingCallId: confirming.id,
        confirmingMenuId: otherYear.menuIds[0]!,
        runId: run,
      };
    })();
    settings.set(fx, found);
  }
  return found;
}

const emptyTotals = {
  projects: 0,
  municipalities: 0,
  weightedMunicipalities: 0,
  costThousandYen: 0,
  rankScore: 0,
  reviewScore: 0,
};

/** A run as the job leaves it, with nothing selected (the matrix checks permissions, not solving). */
async function insertRun(fx: AccessFixture, callId: string, status: 'done' | 'approved') {
  const [pref] = await fx.db.select({ id: prefectures.id }).from(prefectures).limit(1);
  const snapshot: RunSnapshot = {
    allocation: {
      budgetThousandYen: 3_000,
      maxProjectsPerMunicipality: 2,
      menus: [],
      applications: [],
      municipalities: [],
      seed: 1,
    },
    applications: [],
    menus: [],
  };
  const [row] = await fx.db
    .insert(allocationRuns)
    .values({
      prefectureId: pref!.id,
      callId,
      label: '権限確認',
      status,
      priorityWeights: { notRecentlySupported: 3, evacuationArea: 1, smallMunicipality: 1 },
      budgetThousandYen: 3_000,
      seed: 1,
      input: snapshot,
      result: {
        status: 'optimal',
        mipGap: 0,
        solveMs: 1,
        stages: [],
        selections: [],
        totals: emptyTotals,
        greedy: { selections: [], totals: emptyTotals },
      },
      explanations: [],
      solveMs: 1,
      createdBy: await fx.userIdOf(adminEmail),
    })
    .returning({ id: allocationRuns.id });
  return row!.id;
}

/** A call whose round has closed, with one run in the given status. */
async function closedCallRun(fx: AccessFixture, status: 'done' | 'approved') {
  const year = await createOpenCallYear(fx.db, { companyAOrgId: fx.ownCompanyOrgId });
  await closeRound(fx.db, year.phaseId);
  const call = await insertCall(fx.db, year);
  return insertRun(fx, call.id, status);
}

async function runVersion(fx: AccessFixture, id: string) {
  const [row] = await fx.db
    .select({ version: allocationRuns.version })
    .from(allocationRuns)
    .where(eq(allocationRuns.id, id));
  return row!.version;
}

/** A fresh draft of the staff's own town in the given call. */
async function draft(fx: AccessFixture, confirming = false): Promise<{ id: string; version: number }> {
  const s = await setting(fx);
  const callId = confirming ? s.confirmingCallId : s.callId;
  return api(fx, staffEmail, 'POST', `/api/calls/${callId}/applications`, {
    menuIds: [confirming ? s.confirmingMenuId : s.year.menuIds[0]],
    challenge: '権限確認',
    contactName: '確認 太郎',
    contactEmail: 'check@example.jp',
  });
}

async function submitted(fx: AccessFixture, confirming = false) {
  const d = await draft(fx, confirming);
  return api(fx, staffEmail, 'POST', `/api/applications/${d.id}/submit`, { version: d.version }) as Promise<{
    id: string;
    version: number;
  }>;
}

const has = (c: RoleCombination, ...roles: Role[]) => c.roles.some((r) => roles.includes(r));
const isAdmin = (c: RoleCombination) => has(c, 'prefecture_admin');
const isTown = (c: RoleCombination) => c.organizationKind === 'municipality';

const historyCsv = () => {
  const form = new FormData();
  form.append(
    'file',
    new Blob([
      '\uFEFF年度,市町村コード,市町村名,支援内容,事業者名,費用（千円）\r\n2023,074055,西会津町,確認,確認社,1\r\n',
    ]),
    'history.csv',
  );
  return form;
};

export const applicationsAccessRules: AccessRule[] = [
  {
    method: 'GET',
    path: '/api/calls',
    allow: 'signed-in',
    request: async (fx) => ({ path: `/api/calls?fiscalYearId=${(await setting(fx)).year.fiscalYearId}` }),
  },
  {
    method: 'POST',
    path: '/api/calls',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      // One call per program: each attempt gets a program of its own.
      const { year } = await setting(fx);
      const [pref] = await fx.db.select({ id: prefectures.id }).from(prefectures).limit(1);
      const [program] = await fx.db
        .insert(programs)
        .values({
          prefectureId: pref!.id,
          fiscalYearId: year.fiscalYearId,
          kind: 'advisor_dispatch',
          name: '権限確認の事業',
          nameEn: 'Access check program',
          budgetThousandYen: 1_000,
        })
        .returning({ id: programs.id });
      return { body: { programId: program!.id } };
    },
  },
  {
    method: 'GET',
    path: '/api/calls/:id',
    allow: 'signed-in',
    request: async (fx) => ({ path: `/api/calls/${(await setting(fx)).callId}` }),
  },
  {
    method: 'PATCH',
    path: '/api/calls/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const { callId } = await setting(fx);
      const [row] = await fx.db.select().from(applicationCalls).where(eq(applicationCalls.id, callId));
      return { path: `/api/calls/${callId}`, body: { version: row!.version, maxChoices: 3 } };
    },
  },
  {
    method: 'GET',
    path: '/api/calls/:id/applications',
    allow: ['prefecture_admin', 'municipality_staff', 'municipality_head'],
    request: async (fx) => ({ path: `/api/calls/${(await setting(fx)).callId}/applications` }),
    allowCombination: (c) => isAdmin(c) || isTown(c),
  },
  {
    method: 'POST',
    path: '/api/calls/:id/applications',
    allow: ['prefecture_admin', 'municipality_staff'],
    request: async (fx) => {
      const s = await setting(fx);
      return {
        path: `/api/calls/${s.callId}/applications`,
        body: {
          municipalityId: fx.ownMunicipalityId,
          menuIds: [s.year.menuIds[0]],
          challenge: '権限確認',
          contactName: '確認 太郎',
          contactEmail: 'check@example.jp',
        },
      };
    },
    // The head alone confirms but does not apply; with the staff role too, they may.
    allowCombination: (c) => isAdmin(c) || (isTown(c) && has(c, 'municipality_staff')),
    scopeChecks: [
      {
        name: 'a town cannot apply for another town',
        as: staffEmail,
        request: async (fx) => {
          const s = await setting(fx);
          return {
            path: `/api/calls/${s.callId}/applications`,
            body: {
              municipalityId: fx.otherMunicipalityId,
              menuIds: [s.year.menuIds[0]],
              challenge: '他の町',
              contactName: '確認 太郎',
              contactEmail: 'check@example.jp',
            },
          };
        },
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/calls/:id/prefill',
    allow: ['prefecture_admin', 'municipality_staff', 'municipality_head'],
    request: async (fx) => ({
      path: `/api/calls/${(await setting(fx)).callId}/prefill?municipalityId=${fx.ownMunicipalityId}`,
    }),
    scopeChecks: [
      {
        name: 'a town cannot read another town’s survey-based text',
        as: staffEmail,
        request: async (fx) => ({
          path: `/api/calls/${(await setting(fx)).callId}/prefill?municipalityId=${fx.otherMunicipalityId}`,
        }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/applications/:id',
    allow: ['prefecture_admin', 'municipality_staff', 'municipality_head'],
    request: async (fx) => ({ path: `/api/applications/${(await draft(fx)).id}` }),
    allowCombination: (c) => isAdmin(c) || isTown(c),
    scopeChecks: [
      {
        name: 'another town cannot read it',
        as: 'dx@koriyama.example.jp',
        request: async (fx) => ({ path: `/api/applications/${(await draft(fx)).id}` }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'PATCH',
    path: '/api/applications/:id',
    allow: ['prefecture_admin', 'municipality_staff'],
    request: async (fx) => {
      const d = await draft(fx);
      return { path: `/api/applications/${d.id}`, body: { version: d.version, challenge: '修正' } };
    },
  },
  {
    method: 'POST',
    path: '/api/applications/:id/submit',
    allow: ['municipality_staff'],
    request: async (fx) => {
      const d = await draft(fx);
      return { path: `/api/applications/${d.id}/submit`, body: { version: d.version } };
    },
    allowCombination: (c) => isTown(c) && has(c, 'municipality_staff'),
  },
  {
    method: 'POST',
    path: '/api/applications/:id/confirm',
    allow: ['municipality_head'],
    request: async (fx) => {
      const a = await submitted(fx, true);
      return { path: `/api/applications/${a.id}/confirm`, body: { version: a.version } };
    },
    allowCombination: (c) => isTown(c) && has(c, 'municipality_head'),
  },
  {
    method: 'POST',
    path: '/api/applications/:id/withdraw',
    allow: ['municipality_staff', 'municipality_head'],
    request: async (fx) => {
      const d = await draft(fx);
      return { path: `/api/applications/${d.id}/withdraw`, body: { version: d.version } };
    },
  },
  {
    method: 'PUT',
    path: '/api/applications/:id/lock',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const a = await submitted(fx);
      return {
        path: `/api/applications/${a.id}/lock`,
        body: { version: a.version, lock: { kind: 'exclude' }, reason: '権限確認' },
      };
    },
    allowCombination: isAdmin,
  },
  {
    method: 'GET',
    path: '/api/calls/:id/runs',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ path: `/api/calls/${(await setting(fx)).callId}/runs` }),
  },
  {
    method: 'POST',
    path: '/api/calls/:id/runs',
    allow: ['prefecture_admin'],
    request: async (fx) => ({
      path: `/api/calls/${(await setting(fx)).callId}/runs`,
      body: { label: '権限確認' },
    }),
  },
  {
    method: 'GET',
    path: '/api/runs/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ path: `/api/runs/${(await setting(fx)).runId}` }),
    allowCombination: isAdmin,
  },
  {
    method: 'POST',
    path: '/api/runs/:id/approve',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const id = await closedCallRun(fx, 'done');
      return { path: `/api/runs/${id}/approve`, body: { version: await runVersion(fx, id) } };
    },
  },
  {
    method: 'POST',
    path: '/api/runs/:id/publish',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const id = await closedCallRun(fx, 'approved');
      return { path: `/api/runs/${id}/publish`, body: { version: await runVersion(fx, id) } };
    },
  },
  {
    method: 'GET',
    path: '/api/support-projects',
    allow: [
      'prefecture_admin',
      'council_secretariat',
      'company_member',
      'municipality_staff',
      'municipality_head',
    ],
    // A reviewer sees no project by being one: only the admin, council, a town or a company role does.
    allowCombination: (c) =>
      isAdmin(c) ||
      isTown(c) ||
      has(c, 'council_secretariat') ||
      (c.organizationKind === 'company' && has(c, 'company_member')),
  },
  {
    method: 'POST',
    path: '/api/support-projects/import',
    allow: ['prefecture_admin'],
    request: () => ({ path: '/api/support-projects/import?dryRun=true', body: historyCsv() }),
  },
  {
    method: 'GET',
    path: '/api/calls/:id/planner',
    allow: ['prefecture_admin', 'council_secretariat'],
    request: async (fx) => ({ path: `/api/calls/${(await setting(fx)).callId}/planner` }),
    allowCombination: (c) =>
      isAdmin(c) || (c.organizationKind === 'council' && has(c, 'council_secretariat')),
  },
];
