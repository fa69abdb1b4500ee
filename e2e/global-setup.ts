import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/db/client';
import { users } from '../src/server/db/schema';
import { demoAccounts } from '../src/server/db/seed/demo-accounts';
import { createSession, sessionCookieName } from '../src/server/platform/auth/sessions';
import { defaultConfig } from '../src/server/platform/deps';
import { e2ePresentMs } from './clock';
import { launchServer, serverEntry } from './server-process';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A DATA_DIR the built server has already migrated and seeded; each spec's server copies it. */
    e2eTemplateDataDir: string;
    /** Session cookies already valid in that data directory, per demo account (MFA done). */
    e2eSessions: { cookieName: string; tokensByEmail: Record<string, string[]> };
    /** Milliseconds from the wall clock to the tests' day (e2e/clock.ts), the same for every server. */
    e2eClockOffsetMs: number;
  }
}

/** Sessions per account: more than any spec signs the same account in. */
const sessionsPerAccount = 8;

/**
 * Builds the demo data directory once per run: the first start of a server
 * migrates and seeds (argon2 hashes of every demo password included), which
 * every spec paid for on its own before. The real server does it, so the copy
 * is exactly what a fresh server would hold. Sessions are then written into it
 * so specs that are not about signing in can start signed in.
 */
export default async function setup(project: TestProject) {
  const clockOffsetMs = e2ePresentMs - Date.now();
  project.provide('e2eClockOffsetMs', clockOffsetMs);
  if (!fs.existsSync(serverEntry)) {
    // startServer() reports the missing build with the fix; nothing to prepare.
    project.provide('e2eTemplateDataDir', '');
    project.provide('e2eSessions', { cookieName: sessionCookieName, tokensByEmail: {} });
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kakehashi-e2e-template-'));
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir);
  // The first start creates the cluster, migrates and seeds the whole demo (history and the year in
  // progress): on a loaded CI machine that takes longer than a start from a seeded copy.
  const server = await launchServer(
    dataDir,
    { CLOCK_OFFSET_MS: String(clockOffsetMs) },
    { readyWithinMs: 240_000 },
  );
  await server.kill();

  const database = await openDatabase({ pgliteDir: path.join(dataDir, 'db') });
  const tokensByEmail: Record<string, string[]> = {};
  try {
    for (const account of demoAccounts) {
      const [user] = await database.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, account.email));
      if (!user) throw new Error(`The seeded data has no user ${account.email}`);
      const tokens: string[] = [];
      for (let i = 0; i < sessionsPerAccount; i++) {
        const session = await createSession(database.db, user.id, {
          ...defaultConfig.sessionPolicy,
          isMfaComplete: true,
          ipAddress: null,
          userAgent: 'e2e global setup',
          now: new Date(Date.now() + clockOffsetMs),
        });
        tokens.push(session.token);
      }
      tokensByEmail[account.email.toLowerCase()] = tokens;
    }
  } finally {
    await database.close();
  }
  project.provide('e2eTemplateDataDir', dataDir);
  project.provide('e2eSessions', { cookieName: sessionCookieName, tokensByEmail });
  return () => fs.rmSync(root, { recursive: true, force: true });
}
