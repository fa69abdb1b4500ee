import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../app';
import { openDatabase } from '../db/client';
import { users } from '../db/schema';
import { defaultConfig } from './deps';
import type { AppEnv } from './http';
import { toErrorResponse } from './http';

/**
 * A real full disk: the embedded database on a small tmpfs, filled to the
 * last byte by a filler file. Writes must fail at once with a 503 the user can
 * read, reads must go on, and freeing the space must be enough to recover.
 */
const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-full-'));
execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', mount]);
const filler = path.join(mount, 'filler');

afterAll(() => {
  execFileSync('umount', ['-l', mount]);
  fs.rmSync(mount, { recursive: true, force: true });
});

function fillDisk(): void {
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(1 << 20, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    // Closed, or the space would stay taken after the file is removed.
    fs.closeSync(fd);
  }
}

describe('a full disk under the embedded database', () => {
  it('answers writes with 503 STORAGE_UNAVAILABLE and logs it, keeps reads and /healthz, and recovers when space returns', async () => {
    const templatePath = inject('pgliteTemplatePath');
    const database = await openDatabase({
      pgliteDir: path.join(mount, 'db'),
      ...(templatePath ? { pgliteTemplate: new Blob([fs.readFileSync(templatePath)]) } : {}),
    });
    await database.migrate();
    const logged: { msg?: string; level: number }[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const { app } = createApp({ database, config: defaultConfig, logger });
    await database.db.execute(sql`create table filler_rows (body text)`);

    // The same error mapping as every API route, on a route whose write is big
    // enough to need new pages whatever the free space inside existing ones.
    const probe = new Hono<AppEnv>();
    probe.use(async (c, next) => {
      c.set('requestId', 'storage-test');
      c.set('logger', logger);
      await next();
    });
    probe.onError(toErrorResponse);
    probe.post('/write', async (c) => {
      await database.db.execute(
        sql`insert into filler_rows select string_agg(md5(random()::text), '') from generate_series(1, 4000) g, generate_series(1, 16) r group by r`,
      );
      return c.json({ ok: true });
    });
    probe.get('/read', async (c) => {
      const rows = await database.db.select({ id: users.id }).from(users);
      return c.json({ count: rows.length });
    });

    expect((await probe.request('/write', { method: 'POST' })).status).toBe(200);
    fillDisk();
    const startedAt = performance.now();
    let refused: Response | undefined;
    for (let attempt = 0; attempt < 20 && !refused; attempt++) {
      const res = await probe.request('/write', { method: 'POST' });
      if (res.status !== 200) refused = res;
    }
    expect(refused?.status).toBe(503);
    const body = (await refused!.json()) as { error: { code: string; message: { ja: string; en: string } } };
    expect(body.error.code).toBe('STORAGE_UNAVAILABLE');
    expect(body.error.message.en).toContain('disk space');
    expect(performance.now() - startedAt).toBeLessThan(30_000);
    expect(logged.some((l) => l.msg?.startsWith('storage full'))).toBe(true);

    // Reads and the health check go on while the disk is full.
    expect((await probe.request('/read')).status).toBe(200);
    expect((await app.request('/healthz')).status).toBe(200);

    fs.rmSync(filler);
    expect((await probe.request('/write', { method: 'POST' })).status).toBe(200);
    await database.close();
  }, 180_000);
});
