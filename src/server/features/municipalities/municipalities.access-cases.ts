import type { AccessRule } from '../../testing/access';

/** Master data is readable by every signed-in user of the prefecture; only the prefecture admin edits it. */
export const municipalitiesAccessRules: AccessRule[] = [
  { method: 'GET', path: '/api/municipalities', allow: 'signed-in' },
  { method: 'GET', path: '/api/regions', allow: 'signed-in' },
  {
    method: 'GET',
    path: '/api/municipalities/:id',
    allow: 'signed-in',
    request: (fx) => ({ path: `/api/municipalities/${fx.ownMunicipalityId}` }),
  },
  {
    method: 'PATCH',
    path: '/api/municipalities/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const cookie = await fx.cookieFor('admin@pref.example.jp');
      const current = await (
        await fx.request('GET', `/api/municipalities/${fx.otherMunicipalityId}`, { cookie })
      ).json();
      return {
        path: `/api/municipalities/${fx.otherMunicipalityId}`,
        body: { version: current.version, population: 327_692, populationSource: '令和2年国勢調査' },
      };
    },
    scopeChecks: [
      {
        name: 'a municipality cannot edit its own master data',
        as: 'dx@nishiaizu.example.jp',
        request: (fx) => ({
          path: `/api/municipalities/${fx.ownMunicipalityId}`,
          body: { version: 1, nameEn: 'X' },
        }),
        expect: 'deny',
      },
    ],
  },
  {
    method: 'POST',
    path: '/api/municipalities/import',
    allow: ['prefecture_admin'],
    request: () => {
      const form = new FormData();
      const csv =
        'code,name,name_kana,name_en,kind,area,region,evacuation12\n074055,西会津町,にしあいづまち,Nishiaizu-machi,町,会津,会津,false\n';
      form.set('file', new File([csv], 'list.csv'));
      form.set('dryRun', 'true');
      return { body: form };
    },
  },
];
