import path from 'node:path';
import { z } from 'zod';

/**
 * The only module that reads process.env. Parsed once at start-up so a
 * misconfigured deployment fails immediately with a readable message rather
 * than on the first request that happens to need the missing value.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Where the embedded database and uploaded files live. */
  DATA_DIR: z.string().default('./data'),
  /** When set, PostgreSQL through postgres-js; otherwise embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Demo data (one account per role, passwords shown on the login page) is loaded into an empty database. */
  DEMO_MODE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Public URL used in links inside e-mails (password reset, invitations); defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Kakehashi <no-reply@kakehashi.invalid>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Minutes of inactivity after which a session ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  /** Hours after login after which a session ends regardless of activity. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  /** Serve cookies with the Secure flag (turn off only for plain-http local use). */
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  /**
   * Addresses of the reverse proxies in front of the app, comma-separated. Only a request whose
   * socket comes from one of them may name the client in X-Forwarded-For / X-Forwarded-Proto;
   * from anyone else those headers are ignored, so nobody can pose as another address.
   */
  TRUST_PROXY: z.string().default(''),
  /**
   * Bearer token that /metrics requires. Without it /metrics answers only callers on this machine
   * (the socket's address is loopback), which is how the deploy/ set-up scrapes it.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /**
   * Milliseconds added to the wall clock (platform/clock.ts): the browser tests run on a fixed day,
   * and a rehearsal can run the demo as of another date. At most ten years either way.
   */
  CLOCK_OFFSET_MS: z.coerce
    .number()
    .int()
    .min(-10 * 366 * 86_400_000)
    .max(10 * 366 * 86_400_000)
    .default(0),
});

export type Env = Omit<z.infer<typeof envSchema>, 'PUBLIC_URL'> & {
  PUBLIC_URL: string;
  dataDir: string;
  dbDir: string;
  uploadsDir: string;
  trustedProxies: string[];
};

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  // Demo accounts have published passwords. A deployment on https is a real one unless it says
  // otherwise, so there the default (demo on) is not taken: DEMO_MODE must be set on purpose.
  // Links in e-mails must reach this server: on another PORT the default follows it.
  const publicUrl = parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`;
  if (publicUrl.startsWith('https:') && source.DEMO_MODE === undefined) {
    throw new Error(
      'Invalid environment configuration:\n  DEMO_MODE: PUBLIC_URL is https, so set DEMO_MODE=false for a real deployment (or DEMO_MODE=true for a public demo).',
    );
  }
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  return {
    ...parsed.data,
    PUBLIC_URL: publicUrl,
    dataDir,
    dbDir: path.join(dataDir, 'db'),
    uploadsDir: path.join(dataDir, 'uploads'),
    trustedProxies: parsed.data.TRUST_PROXY.split(',')
      .map((a) => a.trim())
      .filter((a) => a !== ''),
  };
}
