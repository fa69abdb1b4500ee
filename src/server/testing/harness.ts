import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { createApp } from '../app';
import { type DatabaseHandle, openDatabase } from '../db/client';
import { users } from '../db/schema';
import { seedDemo } from '../db/seed/demo';
import { createSession, sessionCookieName } from '../platform/auth/sessions';
import { createJobRunner } from '../platform/jobs/runner';
import { createChangeCounter } from '../platform/changes';
import { defaultConfig, type AppConfig, type ServiceDeps } from '../platform/deps';
import type { Database } from '../db/client';
import { csrfHeaderName } from '../platform/middleware';
import { withDatabase } from './global-setup';

export { demoAccounts, demoPassword, demoAdminTotpSecret } from '../db/seed/demo-accounts';

/**
 * A database of its own, migrated and seeded at `seedNow` (slower than a copy of the template: for
 * the few tests about a demo seeded at another moment, such as the year in progress).
 */
async function openFreshlySeededDatabase(seedNow: Date): Promise<DatabaseHandle> {
  const databaseUrl = process.env.DATABASE_URL;
  let handle: DatabaseHandle;
  if (databaseUrl) {
    const name = `kk_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const opened = await openDatabase({ databaseUrl: withDatabase(databaseUrl, name), maxConnections: 4 });
    handle = {
      ...opened,
      close: async () => {
        await opened.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  } else {
    handle = await openDatabase({});
  }
  await handle.migrate();
  await seedDemo(handle.db, { now: seedNow });
  return handle;
}

/** Opens this test file's own copy of the seeded template database. */
async function openTestDatabase(): Promise<DatabaseHandle> {
  const templateName = inject('postgresTemplate');
  const databaseUrl = process.env.DATABASE_URL;
  if (templateName && databaseUrl) {
    const name = `kk_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
    const handle = await openDatabase({ databaseUrl: withDatabase(databaseUrl, name), maxConnections: 4 });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dump = fs.readFileSync(inject('pgliteTemplatePath'));
  return openDatabase({ pgliteTemplate: new Blob([dump]) });
}

export interface TestContext {
  database: DatabaseHandle;
  app: ReturnType<typeof createApp>['app'];
  services: ReturnType<typeof createApp>['services'];
  /** The jobs and event handlers a process of this app runs. */
  background: ReturnType<typeof createApp>['background'];
  /** Runs every due job and event handler until nothing is left, as a process's job runner would. */
  runJobs(): Promise<void>;
  /** A cookie header for a signed-in session of this user (MFA already satisfied). */
  sessionCookieFor(email: string): Promise<string>;
  /** Calls the app as a browser would: JSON body, CSRF header, optional session cookie. */
  request(
    method: string,
    path: string,
    options?: { cookie?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  userIdOf(email: string): Promise<string>;
}

/** What a service is built from, for a test that builds one service by hand. */
export function testServiceDeps(db: Database, logger = pino({ level: 'silent' })): ServiceDeps {
  return { db, config: defaultConfig, logger, changes: createChangeCounter({ isOnlyWriter: true }) };
}

/**
 * A fresh app on a fresh copy of the demo database for one test file,
 * closed when the file ends.
 */
export async function createTestContext(
  configOverrides: Partial<AppConfig> = {},
  options: { seedNow?: Date } = {},
): Promise<TestContext> {
  const database = options.seedNow
    ? await openFreshlySeededDatabase(options.seedNow)
    : await openTestDatabase();
  const config: AppConfig = { ...defaultConfig, ...configOverrides };
  const { app, services, background } = createApp({ database, config, logger: pino({ level: 'silent' }) });
  afterAll(() => database.close());

  async function userIdOf(email: string): Promise<string> {
    const [user] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!user) throw new Error(`No user ${email}`);
    return user.id;
  }

  return {
    database,
    app,
    services,
    background,
    runJobs: async () => {
      await createJobRunner({ db: database.db, logger: pino({ level: 'silent' }), ...background }).drain();
    },
    userIdOf,
    async sessionCookieFor(email) {
      const session = await createSession(database.db, await userIdOf(email), {
        ...config.sessionPolicy,
        isMfaComplete: true,
        ipAddress: null,
        userAgent: 'vitest',
        now: new Date(),
      });
      return `${sessionCookieName}=${session.token}`;
    },
    request(method, path, options = {}) {
      const headers: Record<string, string> = { [csrfHeaderName]: '1', ...options.headers };
      if (options.cookie) headers.cookie = options.cookie;
      let body: string | FormData | undefined;
      if (options.body instanceof FormData) {
        // Multipart uploads: fetch sets the content type with its boundary.
        body = options.body;
      } else if (options.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      }
      return Promise.resolve(app.request(path, { method, headers, body }));
    },
  };
}
