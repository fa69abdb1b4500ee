import { and, eq } from 'drizzle-orm';
import { fiscalYears, seminarEvents, seminarSeries } from '../../db/schema';
import type { AccessFixture, AccessRule } from '../../testing/access';
import { otherMunicipalityStaffEmail, principalEmails } from '../../testing/access';

/**
 * Seminars are read by everyone in the prefecture; the prefecture admin runs them; municipality
 * users register for their own municipality. Builders create a fresh open seminar (through the
 * API, as the admin) whenever a request changes something, so permission alone decides.
 */

const adminEmail = principalEmails.prefecture_admin;
const staffEmail = principalEmails.municipality_staff;
const municipal = ['municipality_staff', 'municipality_head'] as const;

async function api<T>(
  fx: AccessFixture,
  method: string,
  path: string,
  body?: unknown,
  email = adminEmail,
): Promise<T> {
  const res = await fx.request(method, path, { cookie: await fx.cookieFor(email), body });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (res.status === 204 ? null : await res.json()) as T;
}

async function demoSeriesId(fx: AccessFixture): Promise<string> {
  const [row] = await fx.db
    .select({ id: seminarSeries.id })
    .from(seminarSeries)
    .innerJoin(fiscalYears, eq(fiscalYears.id, seminarSeries.fiscalYearId))
    .where(eq(fiscalYears.year, 2024));
  if (!row) throw new Error('Demo data has no FY2024 seminar series');
  return row.id;
}

async function demoEvent(fx: AccessFixture) {
  const [row] = await fx.db
    .select({ id: seminarEvents.id, version: seminarEvents.version })
    .from(seminarEvents)
    .where(and(eq(seminarEvents.seriesId, await demoSeriesId(fx)), eq(seminarEvents.audience, 'heads')));
  return row!;
}

const eventBody = {
  title: 'アクセス確認セミナー',
  audience: 'all',
  regionId: null,
  startsAt: '2099-12-21T05:00:00.000Z',
  endsAt: '2099-12-21T06:30:00.000Z',
  registrationClosesAt: '2099-12-18T08:00:00.000Z',
  capacity: 100,
  attendanceThresholdMinutes: 30,
  joinUrl: 'https://webinar.example.jp/j/1',
  passcode: 'p',
  programme: '',
  speakers: '',
};

async function openEvent(fx: AccessFixture): Promise<{ id: string; version: number }> {
  return api(fx, 'POST', `/api/seminar-series/${await demoSeriesId(fx)}/events`, eventBody);
}

/** A fresh seminar with 西会津町's staff registered. */
async function registration(fx: AccessFixture) {
  const event = await openEvent(fx);
  const reg = await api<{ id: string; version: number }>(
    fx,
    'POST',
    `/api/seminar-events/${event.id}/registrations`,
    { isSelf: true },
    staffEmail,
  );
  return { event, reg };
}

/** A fresh seminar with 西会津町 registered and an archive file open now (entitlement: registered). */
async function archivedEvent(fx: AccessFixture) {
  const { event } = await registration(fx);
  const form = new FormData();
  form.set('kind', 'file');
  form.set('file', new File(['video'], 'archive.mp4', { type: 'video/mp4' }));
  form.set('opensAt', '2020-01-01T00:00:00.000Z');
  form.set('closesAt', '2099-01-01T00:00:00.000Z');
  form.set('entitlement', 'registered');
  form.set('countsTowardReach', 'true');
  const archive = await api<{ url: string }>(fx, 'POST', `/api/seminar-events/${event.id}/archive`, form);
  return { event, fileUrl: archive.url };
}

function zoomReport(): FormData {
  const form = new FormData();
  form.set(
    'file',
    new File(
      [
        'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\nA,a@example.jp,,,40,No\n',
      ],
      'zoom.csv',
      { type: 'text/csv' },
    ),
  );
  return form;
}

export const seminarsAccessRules: AccessRule[] = [
  { method: 'GET', path: '/api/seminar-series', allow: 'signed-in' },
  {
    method: 'POST',
    path: '/api/seminar-series',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const [fy] = await fx.db
        .select({ id: fiscalYears.id })
        .from(fiscalYears)
        .where(eq(fiscalYears.year, 2024));
      return {
        body: {
          fiscalYearId: fy!.id,
          title: '追加シリーズ',
          costPerSessionThousandYen: 330,
          sessionCount: 1,
        },
      };
    },
  },
  { method: 'GET', path: '/api/seminar-events', allow: 'signed-in' },
  {
    method: 'POST',
    path: '/api/seminar-series/:id/events',
    allow: ['prefecture_admin'],
    request: async (fx) => ({
      path: `/api/seminar-series/${await demoSeriesId(fx)}/events`,
      body: eventBody,
    }),
  },
  {
    method: 'GET',
    path: '/api/seminar-events/:id',
    allow: 'signed-in',
    request: async (fx) => ({ path: `/api/seminar-events/${(await demoEvent(fx)).id}` }),
  },
  {
    method: 'PATCH',
    path: '/api/seminar-events/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const event = await openEvent(fx);
      return { path: `/api/seminar-events/${event.id}`, body: { version: event.version, speakers: '講師' } };
    },
  },
  {
    method: 'GET',
    path: '/api/seminar-events/:id/registrations',
    allow: ['prefecture_admin', ...municipal],
    request: async (fx) => ({ path: `/api/seminar-events/${(await demoEvent(fx)).id}/registrations` }),
  },
  {
    method: 'POST',
    path: '/api/seminar-events/:id/registrations',
    allow: [...municipal],
    request: async (fx) => ({
      path: `/api/seminar-events/${(await openEvent(fx)).id}/registrations`,
      body: { isSelf: true },
    }),
  },
  { method: 'GET', path: '/api/seminar-registrations', allow: [...municipal] },
  {
    method: 'POST',
    path: '/api/seminar-registrations/:id/cancel',
    allow: ['prefecture_admin', ...municipal],
    request: async (fx) => {
      const { reg } = await registration(fx);
      return { path: `/api/seminar-registrations/${reg.id}/cancel`, body: { version: reg.version } };
    },
    scopeChecks: [
      {
        name: 'another municipality cannot cancel (or see) this registration',
        as: otherMunicipalityStaffEmail,
        expect: 'deny',
        request: async (fx) => {
          const { reg } = await registration(fx);
          return { path: `/api/seminar-registrations/${reg.id}/cancel`, body: { version: reg.version } };
        },
      },
    ],
  },
  {
    method: 'POST',
    path: '/api/seminar-registrations/:id/attendance',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const { reg } = await registration(fx);
      return {
        path: `/api/seminar-registrations/${reg.id}/attendance`,
        body: { version: reg.version, minutesAttended: 45 },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/seminar-events/:id/attendance-imports',
    allow: ['prefecture_admin'],
    request: async (fx) => ({
      path: `/api/seminar-events/${(await openEvent(fx)).id}/attendance-imports`,
      body: zoomReport(),
    }),
  },
  {
    method: 'POST',
    path: '/api/seminar-events/:id/attendance-imports/confirm',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const event = await openEvent(fx);
      const preview = await api<{ importId: string }>(
        fx,
        'POST',
        `/api/seminar-events/${event.id}/attendance-imports`,
        zoomReport(),
      );
      return {
        path: `/api/seminar-events/${event.id}/attendance-imports/confirm`,
        body: { importId: preview.importId, rows: [{ index: 0, isIgnored: true }] },
      };
    },
  },
  {
    method: 'POST',
    path: '/api/seminar-events/:id/materials',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const form = new FormData();
      form.set('purpose', 'material');
      form.set('kind', 'link');
      form.set('title', '資料');
      form.set('url', 'https://example.jp/a.pdf');
      return { path: `/api/seminar-events/${(await demoEvent(fx)).id}/materials`, body: form };
    },
  },
  {
    method: 'DELETE',
    path: '/api/seminar-materials/:id',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const form = new FormData();
      form.set('purpose', 'material');
      form.set('kind', 'link');
      form.set('title', '削除用');
      form.set('url', 'https://example.jp/b.pdf');
      const m = await api<{ id: string }>(
        fx,
        'POST',
        `/api/seminar-events/${(await demoEvent(fx)).id}/materials`,
        form,
      );
      return { path: `/api/seminar-materials/${m.id}` };
    },
  },
  {
    method: 'POST',
    path: '/api/seminar-events/:id/archive',
    allow: ['prefecture_admin'],
    request: async (fx) => {
      const form = new FormData();
      form.set('kind', 'link');
      form.set('url', 'https://video.example.jp/x');
      form.set('opensAt', '2020-01-01T00:00:00.000Z');
      form.set('closesAt', '2099-01-01T00:00:00.000Z');
      form.set('entitlement', 'audience');
      form.set('countsTowardReach', 'false');
      return { path: `/api/seminar-events/${(await openEvent(fx)).id}/archive`, body: form };
    },
  },
  {
    method: 'POST',
    path: '/api/seminar-events/:id/archive/views',
    allow: ['prefecture_admin', ...municipal],
    request: async (fx) => ({
      path: `/api/seminar-events/${(await archivedEvent(fx)).event.id}/archive/views`,
    }),
    scopeChecks: [
      {
        name: 'a municipality that did not register cannot watch the archive',
        as: otherMunicipalityStaffEmail,
        expect: 'deny',
        request: async (fx) => ({
          path: `/api/seminar-events/${(await archivedEvent(fx)).event.id}/archive/views`,
        }),
      },
    ],
  },
  {
    method: 'GET',
    path: '/api/seminar-files/:id',
    // An archive file: the admin and the registered municipality, inside the window.
    allow: ['prefecture_admin', ...municipal],
    request: async (fx) => ({ path: (await archivedEvent(fx)).fileUrl }),
    scopeChecks: [
      {
        name: 'a municipality that did not register cannot fetch the archive file',
        as: otherMunicipalityStaffEmail,
        expect: 'deny',
        request: async (fx) => ({ path: (await archivedEvent(fx)).fileUrl }),
      },
      {
        name: 'another company cannot fetch the archive file',
        as: 'advisor@company-b.example.jp',
        expect: 'deny',
        request: async (fx) => ({ path: (await archivedEvent(fx)).fileUrl }),
      },
    ],
  },
  { method: 'GET', path: '/api/seminar-reach', allow: ['prefecture_admin', ...municipal] },
  { method: 'GET', path: '/api/seminar-reach/export', allow: ['prefecture_admin'] },
];
