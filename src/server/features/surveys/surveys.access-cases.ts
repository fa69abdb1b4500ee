import { and, asc, eq } from 'drizzle-orm';
import { fiscalYears, surveys } from '../../db/schema';
import type { AccessFixture, AccessRule, RoleCombination } from '../../testing/access';
import { otherCompanyMemberEmail, otherMunicipalityStaffEmail } from '../../testing/access';

/**
 * Surveys: admins build and read everything; reviewers read results; municipal users read and
 * answer their own response; council and companies see only the published view.
 */

const adminEmail = 'admin@pref.example.jp';
const staffRoles = ['municipality_staff', 'municipality_head'] as const;
const resultRoles = ['prefecture_admin', 'reviewer'] as const;

/**
 * Raw answers (every town's free text, per-town results, exports) are read by prefecture staff:
 * the administrators and the prefecture's own reviewers. Reviewing menus from a company or the
 * council does not add it; they see the published shared view like their colleagues.
 */
const readsRawAnswers = (c: RoleCombination) =>
  c.organizationKind === 'prefecture' &&
  (c.roles.includes('prefecture_admin') || c.roles.includes('reviewer'));
const readsMaturity = (c: RoleCombination) => readsRawAnswers(c) || c.organizationKind === 'municipality';
const readsSharedView = (c: RoleCombination) => c.organizationKind !== 'municipality';

async function needsSurveyOf(fx: AccessFixture, year: number): Promise<string> {
  const [row] = await fx.db
    .select({ id: surveys.id })
    .from(surveys)
    .innerJoin(fiscalYears, eq(fiscalYears.id, surveys.fiscalYearId))
    .where(and(eq(fiscalYears.year, year), eq(surveys.kind, 'needs')))
    // The seeded one (copies made by other cases come later), whatever order the rows are stored in.
    .orderBy(asc(surveys.createdAt))
    .limit(1);
  if (!row) throw new Error(`Demo data has no FY${year} needs survey`);
  return row.id;
}

async function fy2024(fx: AccessFixture): Promise<string> {
  const [row] = await fx.db
    .select({ id: fiscalYears.id })
    .from(fiscalYears)
    .where(eq(fiscalYears.year, 2024));
  return row!.id;
}

export async function openSurveyBody(fx: AccessFixture) {
  return {
    fiscalYearId: await fy2024(fx),
    title: { ja: '権限確認用の調査', en: 'Survey for the access check' },
    kind: 'needs',
    audience: 'municipalities',
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    sections: [
      {
        key: 'main',
        title: { ja: '設問', en: 'Questions' },
        questions: [{ key: 'note', type: 'short_text', label: { ja: 'メモ', en: 'Note' }, required: false }],
      },
    ],
  };
}

/** A draft survey with its window open, made by the admin in the builder through the API. */
async function draftSurvey(fx: AccessFixture): Promise<{ id: string; version: number }> {
  const res = await fx.request('POST', '/api/surveys', {
    cookie: await fx.cookieFor(adminEmail),
    body: await openSurveyBody(fx),
  });
  if (res.status !== 201) throw new Error(`Could not create a survey: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A fresh survey open now: made in the builder, then published, as the admin does. */
async function openSurvey(fx: AccessFixture): Promise<{ id: string; version: number }> {
  const draft = await draftSurvey(fx);
  const res = await fx.request('POST', `/api/surveys/${draft.id}/publish`, {
    cookie: await fx.cookieFor(adminEmail),
    body: { version: draft.version },
  });
  if (res.status !== 200) throw new Error(`Could not publish a survey: ${res.status} ${await res.text()}`);
  return res.json();
}

const onSeeded = (rest: string) => async (fx: AccessFixture) => ({
  path: `/api/surveys/${await needsSurveyOf(fx, 2024)}${rest}`,
});

export const surveysAccessRules: AccessRule[] = [
  { method: 'GET', path: '/api/surveys', allow: 'signed-in' },
  {
    method: 'POST',
    path: '/api/surveys',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ body: await openSurveyBody(fx) }),
  },
  {
    method: 'GET',
    path: '/api/surveys/:id',
    allow: [...resultRoles, ...staffRoles],
    request: onSeeded(''),
  },
  {
    method: 'PATCH',
    path: '/api/surveys/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const s = await openSurvey(fx);
      return {
        path: `/api/surveys/${s.id}`,
        body: { version: s.version, title: { ja: '改題', en: 'Renamed' } },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/surveys/:id/response',
    allow: staffRoles,
    request: onSeeded('/response'),
    scopeChecks: [
      {
        name: 'a company cannot open a municipal survey response',
        as: otherCompanyMemberEmail,
        request: onSeeded('/response'),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'PUT',
    path: '/api/surveys/:id/response',
    allow: staffRoles,
    request: async (fx) => ({
      path: `/api/surveys/${(await openSurvey(fx)).id}/response`,
      body: { answers: { note: '下書き' }, version: null },
    }),
  },
  {
    method: 'POST',
    path: '/api/surveys/:id/response/submit',
    allow: staffRoles,
    request: async (fx) => ({
      path: `/api/surveys/${(await openSurvey(fx)).id}/response/submit`,
      body: { answers: { note: '提出' }, version: null },
    }),
  },
  {
    method: 'GET',
    path: '/api/surveys/:id/response/prefill',
    allow: staffRoles,
    request: onSeeded('/response/prefill'),
  },
  {
    method: 'GET',
    path: '/api/surveys/:id/proxy/:municipalityId',
    allow: ['prefecture_admin'],
    request: async (fx) => ({
      path: `/api/surveys/${await needsSurveyOf(fx, 2024)}/proxy/${fx.ownMunicipalityId}`,
    }),
    scopeChecks: [
      {
        name: 'another municipality cannot read this municipality’s answers',
        as: otherMunicipalityStaffEmail,
        request: async (fx) => ({
          path: `/api/surveys/${await needsSurveyOf(fx, 2024)}/proxy/${fx.ownMunicipalityId}`,
        }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'PUT',
    path: '/api/surveys/:id/proxy/:municipalityId',
    allow: ['prefecture_admin'],
    request: async (fx) => ({
      path: `/api/surveys/${(await openSurvey(fx)).id}/proxy/${fx.ownMunicipalityId}`,
      body: { answers: { note: '代理入力' }, version: null },
    }),
  },
  {
    method: 'GET',
    path: '/api/surveys/:id/results',
    allow: resultRoles,
    allowCombination: readsRawAnswers,
    request: onSeeded('/results'),
    scopeChecks: [
      {
        name: 'another municipality cannot read the results with every town’s answers',
        as: otherMunicipalityStaffEmail,
        request: onSeeded('/results'),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/surveys/:id/results/crosstab',
    allow: resultRoles,
    allowCombination: readsRawAnswers,
    request: onSeeded('/results/crosstab?questionKey=help_wanted_areas&by=region'),
  },
  {
    method: 'GET',
    path: '/api/surveys/:id/results/voices',
    allow: resultRoles,
    allowCombination: readsRawAnswers,
    request: onSeeded('/results/voices'),
  },
  {
    method: 'GET',
    path: '/api/surveys/:id/export.xlsx',
    allow: resultRoles,
    allowCombination: readsRawAnswers,
    request: onSeeded('/export.xlsx'),
  },
  {
    method: 'GET',
    path: '/api/surveys/:id/export.csv',
    allow: resultRoles,
    allowCombination: readsRawAnswers,
    request: onSeeded('/export.csv'),
    scopeChecks: [
      {
        name: 'a company cannot export raw answers',
        as: otherCompanyMemberEmail,
        request: onSeeded('/export.csv'),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/surveys/:id/reminders/preview',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ path: `/api/surveys/${(await openSurvey(fx)).id}/reminders/preview` }),
  },
  {
    method: 'POST',
    path: '/api/surveys/:id/reminders',
    allow: ['prefecture_admin'],
    request: async (fx) => ({ path: `/api/surveys/${(await openSurvey(fx)).id}/reminders` }),
  },
  {
    method: 'GET',
    path: '/api/surveys/:id/share',
    allow: ['prefecture_admin'],
    request: onSeeded('/share'),
    scopeChecks: [
      {
        name: 'a company cannot read the share settings',
        as: otherCompanyMemberEmail,
        request: onSeeded('/share'),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/surveys/:id/maturity/:municipalityId',
    allow: [...resultRoles, ...staffRoles],
    allowCombination: readsMaturity,
    request: async (fx) => ({
      path: `/api/surveys/${await needsSurveyOf(fx, 2024)}/maturity/${fx.ownMunicipalityId}`,
    }),
    scopeChecks: [
      {
        name: 'another municipality cannot read this municipality’s maturity level',
        as: otherMunicipalityStaffEmail,
        request: async (fx) => ({
          path: `/api/surveys/${await needsSurveyOf(fx, 2024)}/maturity/${fx.ownMunicipalityId}`,
        }),
        expect: 'deny',
      },
      {
        name: 'a municipality reads its own maturity level',
        as: otherMunicipalityStaffEmail,
        request: async (fx) => ({
          path: `/api/surveys/${await needsSurveyOf(fx, 2024)}/maturity/${fx.otherMunicipalityId}`,
        }),
        expect: 'allow',
      },
    ],
  },
  {
    method: 'POST',
    path: '/api/surveys/:id/publish',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const s = await draftSurvey(fx);
      return { path: `/api/surveys/${s.id}/publish`, body: { version: s.version } };
    },
  },
  {
    method: 'PUT',
    path: '/api/surveys/:id/share',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const s = await openSurvey(fx);
      return {
        path: `/api/surveys/${s.id}/share`,
        body: { version: s.version, isPublished: true, includeMunicipalityNames: false, rawAnswerKeys: [] },
      };
    },
  },
  {
    method: 'GET',
    path: '/api/surveys/:id/shared',
    allow: ['prefecture_admin', 'reviewer', 'council_secretariat', 'company_member'],
    allowCombination: readsSharedView,
    request: onSeeded('/shared'),
    scopeChecks: [
      {
        name: 'a company cannot see a survey view that was not published',
        as: otherCompanyMemberEmail,
        request: async (fx) => ({ path: `/api/surveys/${await needsSurveyOf(fx, 2023)}/shared` }),
        expect: 'deny',
      },
    ],
  },
];
