import type { Logger } from 'pino';
import type { Database } from '../db/client';
import type { SessionPolicy } from './auth/sessions';
import type { ChangeCounter } from './changes';
import type { Clock } from './clock';

/** Settings services need, derived from env.ts once at start-up. */
export interface AppConfig {
  sessionPolicy: SessionPolicy;
  publicUrl: string;
  isDemo: boolean;
  /** Cookies get the Secure flag; 'auto' means: when the request came over https. */
  secureCookies: boolean | 'auto';
  /**
   * Failed sign-ins before the account is held back, and the longest hold: the first lasts a
   * minute and each further failure doubles it up to `minutes`, so an attacker's guesses cannot
   * keep the owner out for long (and a password reset lifts it at once).
   */
  lockout: { maxFailures: number; minutes: number };
  /** Failed sign-ins from one client address (any accounts) within `minutes` before it is refused for `minutes`. */
  addressLimit?: { maxFailures: number; minutes: number };
  /** Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (TRUST_PROXY). */
  trustedProxies?: string[];
  uploadsDir: string;
  /** SMTP is configured (SMTP_URL); without it mails stay queued and administrators read them in the outbox. */
  isSmtpConfigured?: boolean;
  /** Bearer token for /metrics (METRICS_TOKEN); without it only loopback callers may read it. */
  metricsToken?: string | undefined;
  /** The PostgreSQL pool size of this process, shown in /metrics. */
  databasePoolMax?: number | undefined;
  /** The server's clock (platform/clock.ts); the wall clock when not given. */
  clock?: Clock;
  /**
   * How long a kept answer (platform/snapshots.ts: the home page, the municipality list) may be
   * given again at the same change count, in ms; 0 or absent: never (the tests, which also write
   * to the database directly). main.ts sets it by engine.
   */
  snapshotMaxAgeMs?: number;
}

/** What every service is built from. Tests build the same thing on a fresh database. */
export interface ServiceDeps {
  db: Database;
  config: AppConfig;
  logger: Logger;
  /** This process's count of changes (platform/changes.ts): what snapshots are checked against. */
  changes: ChangeCounter;
}

export const defaultConfig: AppConfig = {
  sessionPolicy: { idleMinutes: 30, absoluteHours: 12 },
  publicUrl: 'http://localhost:3000',
  isDemo: true,
  secureCookies: 'auto',
  lockout: { maxFailures: 5, minutes: 15 },
  addressLimit: { maxFailures: 20, minutes: 15 },
  trustedProxies: [],
  uploadsDir: './data/uploads',
};
