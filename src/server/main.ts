import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { openDatabase } from './db/client';
import { isDatabaseEmpty, seedDemo } from './db/seed/demo';
import { loadEnv } from './env';
import { startControlSocket } from './platform/control-socket';
import { acquireDataDirLock, DataDirError, ensureWritableDirectories } from './platform/data-dir';
import type { AppConfig } from './platform/deps';
import { createLogger } from './platform/logger';
import { createMailSender } from './platform/mail/sender';
import { createJobRunner } from './platform/jobs/runner';
import { clockWithOffset } from './platform/clock';

/**
 * The built web app: dist/web beside dist/server when bundled, or the
 * repository's dist/web when run from source. src/web holds an index.html too,
 * but unbuilt, so a candidate counts only with its built assets/ folder.
 */
function findWebDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, '..', 'web'), path.join(here, '..', '..', 'dist', 'web')]) {
    if (fs.existsSync(path.join(candidate, 'index.html')) && fs.existsSync(path.join(candidate, 'assets')))
      return candidate;
  }
  return undefined;
}

async function main() {
  const startedAt = performance.now();
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const clock = clockWithOffset(env.CLOCK_OFFSET_MS);
  if (env.CLOCK_OFFSET_MS !== 0) {
    logger.warn(
      { clockOffsetMs: env.CLOCK_OFFSET_MS, now: clock().toISOString() },
      'the server clock is moved by CLOCK_OFFSET_MS',
    );
  }
  // Checked before PGlite opens anything: its own failures on a bad directory say
  // neither which path nor why, and a second process on the same files corrupts them.
  ensureWritableDirectories(env.dataDir, env.DATABASE_URL ? [env.uploadsDir] : [env.dbDir, env.uploadsDir]);
  const dataDirLock = env.DATABASE_URL ? null : await acquireDataDirLock(env.dataDir);
  const databaseOptions = { databaseUrl: env.DATABASE_URL, pgliteDir: env.dbDir };
  const isNewEmbeddedDatabase = !env.DATABASE_URL && !fs.existsSync(path.join(env.dbDir, 'PG_VERSION'));
  let database = await openDatabase(databaseOptions);
  await database.migrate();
  if (env.DEMO_MODE && (await isDatabaseEmpty(database.db))) {
    logger.info('empty database: loading the Fukushima demo data');
    // The demo's year in progress is the one of this first start (the server clock, read here at the entry).
    await seedDemo(database.db, { now: clock() });
  }
  if (isNewEmbeddedDatabase) {
    // Creating a PGlite cluster (initdb) grows its WASM heap to about 0.8 GB, which is
    // never returned; a fresh instance on the files just written idles at about half that.
    await database.close();
    database = await openDatabase(databaseOptions);
  }
  const config: AppConfig = {
    sessionPolicy: { idleMinutes: env.SESSION_IDLE_MINUTES, absoluteHours: env.SESSION_ABSOLUTE_HOURS },
    publicUrl: env.PUBLIC_URL,
    isDemo: env.DEMO_MODE,
    secureCookies: env.COOKIE_SECURE === 'auto' ? 'auto' : env.COOKIE_SECURE === 'true',
    lockout: { maxFailures: 5, minutes: 15 },
    addressLimit: { maxFailures: 20, minutes: 15 },
    trustedProxies: env.trustedProxies,
    uploadsDir: env.uploadsDir,
    isSmtpConfigured: Boolean(env.SMTP_URL),
    metricsToken: env.METRICS_TOKEN,
    databasePoolMax: env.DATABASE_URL ? 10 : undefined,
    clock,
    // Exact on the embedded database (this process is its only writer); with PostgreSQL other
    // processes write too, and a second is the delay the dashboards already accept (ADR 014).
    snapshotMaxAgeMs: env.DATABASE_URL ? 1_000 : 10_000,
  };
  // Every process may run a sender: mails are claimed row by row, so none goes out twice.
  const mailSender = createMailSender({
    db: database.db,
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    logger,
    // No server clock here: sending and retrying are about real time (an outbox row is stamped by
    // the database's clock), and a rehearsal on another date must not hold its mails back.
  });
  mailSender.start();
  const snapshot = database.snapshot;
  const controlSocket = snapshot
    ? await startControlSocket({ dataDir: env.dataDir, uploadsDir: env.uploadsDir, snapshot, logger })
    : null;
  const webDir = findWebDir();
  const { app, background } = createApp({ database, config, logger, webDir });
  // Every process runs one: jobs are leased row by row, so each runs once however many processes there are.
  const jobRunner = createJobRunner({ db: database.db, logger, clock, ...background });
  jobRunner.start();
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    logger.info(
      {
        port: info.port,
        engine: database.engine,
        web: webDir ? 'built' : 'none',
        startupMs: Math.round(performance.now() - startedAt),
      },
      `Kakehashi listening on http://localhost:${info.port}`,
    );
  });

  let isStopping = false;
  const shutdown = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop accepting, let in-flight requests finish, then close the database so PGlite flushes to disk.
    server.close(async () => {
      // A job still running after 5 s is handed back to the queue for another process.
      await jobRunner.stop({ graceMs: 5_000 });
      await mailSender.stop();
      await controlSocket?.close();
      await database.close();
      await dataDirLock?.release();
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Under `npm start` (scripts/start.mjs) the server holds an IPC channel to its starter. The
  // channel closes when the starter dies however it dies, even by SIGKILL, which no signal
  // forwarding can cover; the server then stops rather than keep the port and DATA_DIR.
  if (process.channel) {
    process.channel.unref();
    process.on('disconnect', () => shutdown('parent exited'));
  }
}

main().catch((err) => {
  // A known start-up failure is one line for the operator; anything else keeps its stack.
  console.error(err instanceof DataDirError ? err.message : err);
  process.exit(1);
});
